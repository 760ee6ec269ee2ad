//! Hostile input: archives holding what no day log should — other encodings, damaged UTF-8,
//! broken, huge and deeply nested front matter, a 1 MB line, NUL bytes, binary files, named
//! pipes and devices named `.md`, deep folders, symbolic link loops and links out of the
//! archive, unreadable files, thousands of empty files, terminal escape sequences, half a
//! million combining marks; and exports to a named pipe or a full disk.
//!
//! Each test builds its archive at run time in a temp folder of its own, beside two good day
//! files, and runs the real binary. Every run must finish (a hang fails after a minute instead
//! of holding up CI), must not panic, and must print nothing that acts on a terminal. Each
//! test then asserts the problems `check` prints, line by line with the file's path, and the
//! summary's exact counts: the good days always load.

mod bytes;
mod export;
mod marks;
mod terminal;
mod tree;

use std::ffi::OsStr;
use std::fs::{self, File, Permissions};
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::common::TempDir;
use crate::common::tmux::{Tmux, command_line};

/// Two good day files beside every hostile thing: 2 days, 5 messages.
const GOOD: [(&str, &str); 2] = [
    (
        "2019-01-01-chat.md",
        "---\ntitle: \"2019-01-01-WeChat\"\ndate: 2019-01-01 12:00:00\n---\n\
         > 10:00:00  Alice  \n   \nhello  \n   \n> 10:00:01  Bob  \n   \nworld  \n   \n",
    ),
    (
        "2019-01-03-chat.md",
        "---\ntitle: \"2019-01-03-WeChat\"\ndate: 2019-01-03 12:00:00\n---\n\
         > 09:00:00  Alice  \n   \none  \n   \n> 09:00:01  Carol  \n   \ntwo  \n   \n\
         > 09:00:02  Bob  \n   \nthree  \n   \n",
    ),
];

/// A run may take this long before it counts as hung. The runs take milliseconds to a few
/// seconds: this catches hangs, it does not time anything.
const HUNG: Duration = Duration::from_secs(60);

/// An archive of a test's own: the good days, then whatever the test adds.
struct Archive {
    dir: TempDir,
}

impl Archive {
    fn new(test: &str) -> Archive {
        let archive = Archive::without_good_days(test);
        for (name, text) in GOOD {
            archive.write(name, text);
        }
        archive
    }

    fn without_good_days(test: &str) -> Archive {
        Archive {
            dir: TempDir::new(&format!("hostile-{test}")),
        }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    /// Writes `bytes` at `rel`, making its folders.
    fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> &Archive {
        let path = self.path(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
        self
    }

    /// A day file for `date`, its front matter then one message per (time, speaker, body).
    fn day(&self, rel: &str, date: &str, messages: &[(&str, &str, &str)]) -> &Archive {
        let mut text = format!("---\ntitle: \"{date}-WeChat\"\ndate: {date} 12:00:00\n---\n");
        for (time, speaker, body) in messages {
            text.push_str(&format!("> {time}  {speaker}  \n   \n{body}  \n   \n"));
        }
        self.write(rel, text)
    }

    /// `n` empty day files `folder/0000.md`…: one file and `n - 1` hard links to it. To the
    /// loader each is a file of its own; creating 5,000 inodes took 12 s on a busy VM, linking
    /// them a fortieth of that.
    fn empty_files(&self, folder: &str, n: usize) -> &Archive {
        let first = self.path(&format!("{folder}/0000.md"));
        self.write(&format!("{folder}/0000.md"), "");
        for i in 1..n {
            fs::hard_link(&first, self.path(&format!("{folder}/{i:04}.md"))).unwrap();
        }
        self
    }

    /// `chatlog ARGS… ROOT REST…`, e.g. `run(&["show"], &["2019-01-02"])`.
    fn run(&self, before: &[&str], after: &[&str]) -> Run {
        let mut args: Vec<&OsStr> = before.iter().map(OsStr::new).collect();
        args.push(self.root().as_os_str());
        args.extend(after.iter().map(OsStr::new));
        chatlog(&args)
    }

    fn check(&self) -> Run {
        self.run(&["check"], &[])
    }

    /// Asserts that `chatlog show ROOT ARGS…` prints `line`.
    fn assert_shows(&self, args: &[&str], line: &str) {
        let show = self.run(&["show"], args);
        assert!(show.stdout.contains(line), "{line:?} in\n{}", show.stdout);
    }

    /// The line `check` prints for a problem with the file at `rel` (`: error: …`).
    fn problem(&self, rel: &str, rest: &str) -> String {
        format!("{}{rest}", self.path(rel).display())
    }
}

/// What a run of the binary printed and how it ended.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    /// The problem lines of `check`, without the summary.
    fn problems(&self) -> Vec<&str> {
        let mut lines: Vec<&str> = self.stdout.lines().collect();
        lines.pop();
        lines
    }

    fn summary(&self) -> &str {
        self.stdout.lines().last().unwrap_or("")
    }
}

/// Asserts what `check` printed, line by line, and its exit code: 1 when something was
/// skipped (an error; the good days still loaded, so never 2), 0 when nothing was (warnings
/// allowed).
fn assert_check(check: &Run, problems: &[String], summary: &str) {
    assert_eq!(check.problems(), problems, "{}", check.stdout);
    assert_eq!(check.summary(), summary);
    let skipped = problems.iter().any(|p| p.contains(": error: "));
    let code = if skipped { 1 } else { 0 };
    assert_eq!(check.code, Some(code), "{}", check.stderr);
}

fn chatlog(args: &[&OsStr]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_chatlog"));
    command.args(args);
    finish(command)
}

/// Runs `command` (the binary), killing it and failing the test if it is still running
/// after [`HUNG`]. Every run must end without a panic and print nothing a terminal would
/// act on.
fn finish(mut command: Command) -> Run {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chatlog starts");
    // Read both pipes as the run goes: a full pipe would stall it.
    let stdout = read_all(child.stdout.take().unwrap());
    let stderr = read_all(child.stderr.take().unwrap());
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > HUNG {
            child.kill().unwrap();
            panic!("{command:?} still running after {HUNG:?}: hung");
        }
        thread::sleep(Duration::from_millis(10));
    };
    let run = Run {
        code: status.code(),
        stdout: String::from_utf8(stdout.join().unwrap()).expect("UTF-8 on stdout"),
        stderr: String::from_utf8(stderr.join().unwrap()).expect("UTF-8 on stderr"),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "{command:?}: {}",
        run.stderr
    );
    assert!(
        matches!(run.code, Some(0..=2)),
        "{command:?} ended {status}"
    );
    assert_inert(&run.stdout);
    assert_inert(&run.stderr);
    run
}

fn read_all(mut pipe: impl Read + Send + 'static) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        pipe.read_to_end(&mut bytes).unwrap();
        bytes
    })
}

/// No ESC, BEL, NUL, DEL or C1 control: the only control left in output is the line end.
fn assert_inert(output: &str) {
    let raw = output
        .char_indices()
        .find(|&(_, c)| c != '\n' && c.is_control());
    if let Some((at, c)) = raw {
        let around = &output[output.floor_char_boundary(at.saturating_sub(40))..at];
        panic!("raw {c:?} in output after {around:?}");
    }
}

/// `n` bytes that look like a compressed payload, the same on every run.
fn noise(seed: u64, n: usize) -> Vec<u8> {
    let mut rng = fastrand::Rng::with_seed(seed);
    (0..n).map(|_| rng.u8(..)).collect()
}
