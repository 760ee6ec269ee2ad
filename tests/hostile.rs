//! Hostile input: archives holding what no day log should — other encodings, broken and huge
//! front matter, a 1 MB line, NUL bytes, binary files named `.md`, deep folders, symbolic
//! link loops, unreadable files, thousands of empty files, terminal escape sequences.
//!
//! Each test builds its archive at run time in a temp folder of its own, beside two good day
//! files, and runs the real binary. Every run must finish (a hang fails after a minute instead
//! of holding up CI), must not panic, and must print nothing that acts on a terminal. Each
//! test then asserts the problems `check` prints, line by line with the file's path, and the
//! summary's exact counts: the good days always load.

mod common;
#[path = "common/tmux.rs"]
mod tmux;

use std::ffi::OsStr;
use std::fs::{self, File, Permissions};
use std::io::Read;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use common::TempDir;
use tmux::{Tmux, command_line};

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

/// Asserts what `check` printed, line by line, and its exit code: 1 when it found problems
/// (the good days still loaded, so never 2), 0 when none.
fn assert_check(check: &Run, problems: &[String], summary: &str) {
    assert_eq!(check.problems(), problems, "{}", check.stdout);
    assert_eq!(check.summary(), summary);
    let code = if problems.is_empty() { 0 } else { 1 };
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

#[test]
fn gbk_utf16_and_latin1_files_are_decoded_and_named() {
    let archive = Archive::new("encodings");
    let gbk = "---\ntitle: \"2019-01-02-WeChat\"\n---\n> 10:00:00  张三  \n   \n\
               我们讨论一下代扣和清算的对账流程，还有备付金的问题。  \n";
    let utf16 = "---\ntitle: \"2019-01-04-WeChat\"\n---\n> 10:00:00  李四  \n   \n你好  \n";
    let latin1 = "---\ntitle: \"2019-01-05-WeChat\"\n---\n> 10:00:00  José  \n   \n\
                  Le café crème était très léger, à côté du gâteau  \n";
    let mut utf16_bytes = vec![0xff, 0xfe];
    utf16_bytes.extend(utf16.encode_utf16().flat_map(u16::to_le_bytes));
    archive
        .write("2019-01-02-gbk.md", encoding_rs::GBK.encode(gbk).0)
        .write("2019-01-04-utf16.md", utf16_bytes)
        .write(
            "2019-01-05-latin1.md",
            encoding_rs::WINDOWS_1252.encode(latin1).0,
        );

    let no_date =
        |date| format!(": warning: no date in the front matter: date {date} taken from the title");
    let expected = [
        archive.problem(
            "2019-01-02-gbk.md",
            ": warning: file is not UTF-8: decoded as GBK",
        ),
        archive.problem("2019-01-02-gbk.md", &no_date("2019-01-02")),
        archive.problem(
            "2019-01-04-utf16.md",
            ": warning: file is UTF-16LE: decoded",
        ),
        archive.problem("2019-01-04-utf16.md", &no_date("2019-01-04")),
        archive.problem(
            "2019-01-05-latin1.md",
            ": warning: file is not UTF-8: decoded as windows-1252",
        ),
        archive.problem("2019-01-05-latin1.md", &no_date("2019-01-05")),
    ];
    let summary = "5 days, 8 messages in 1 groups: 6 problems (0 errors, 6 warnings)";
    assert_check(&archive.check(), &expected, summary);
    archive.assert_shows(
        &["2019-01-02"],
        "10:00:00 张三: 我们讨论一下代扣和清算的对账流程，还有备付金的问题。",
    );
    archive.assert_shows(&["2019-01-04"], "10:00:00 李四: 你好");
    archive.assert_shows(
        &["2019-01-05"],
        "10:00:00 José: Le café crème était très léger, à côté du gâteau",
    );
}

#[test]
fn broken_and_unclosed_front_matter_keep_their_days() {
    let archive = Archive::new("front-matter");
    let broken =
        "---\ntitle: \"2019-01-02-WeChat\nauthor: [x\n---\n> 10:00:00  A  \n   \nbroken  \n";
    // No date in the file name: only the unclosed front matter knows the day.
    let unclosed =
        "---\ntitle: \"2019-01-04-WeChat\"\nauthor: x\n> 10:00:00  A  \n   \nunclosed  \n";
    archive
        .write("2019-01-02-broken.md", broken)
        .write("notes.md", unclosed);

    let expected = [
        archive.problem(
            "2019-01-02-broken.md",
            ":4: warning: front matter is not valid YAML (found unexpected end of stream \
             at line 4 column 1, while scanning a quoted scalar at line 2 column 8): \
             read line by line",
        ),
        archive.problem(
            "2019-01-02-broken.md",
            ": warning: no date in the front matter: date 2019-01-02 taken from the title",
        ),
        archive.problem(
            "notes.md",
            ":1: warning: front matter has no closing `---`: \
             lines 2 to 3 read as front matter, messages from line 4",
        ),
        archive.problem(
            "notes.md",
            ": warning: no date in the front matter: date 2019-01-04 taken from the title",
        ),
    ];
    let summary = "4 days, 7 messages in 1 groups: 4 problems (0 errors, 4 warnings)";
    assert_check(&archive.check(), &expected, summary);
    archive.assert_shows(&["2019-01-02"], "10:00:00 A: broken");
    archive.assert_shows(&["2019-01-04"], "10:00:00 A: unclosed");
}

/// 5 MiB of ever deeper `[`: YAML took four minutes on a fifth of this.
#[test]
fn a_five_megabyte_front_matter_is_read_line_by_line_at_once() {
    let archive = Archive::new("huge-front-matter");
    let huge = format!(
        "---\ntitle: \"2019-01-05-WeChat\"\n{}---\n> 10:00:00  A  \n   \nhuge  \n",
        "a: [\n".repeat(1 << 20)
    );
    archive.write("2019-01-05-huge.md", huge);

    let expected = [
        archive.problem(
            "2019-01-05-huge.md",
            ":1: warning: front matter is 5120 KiB, far more than a day log's: \
             read line by line, not as YAML",
        ),
        archive.problem(
            "2019-01-05-huge.md",
            ": warning: no date in the front matter: date 2019-01-05 taken from the title",
        ),
    ];
    let summary = "3 days, 6 messages in 1 groups: 2 problems (0 errors, 2 warnings)";
    assert_check(&archive.check(), &expected, summary);
}

#[test]
fn a_one_megabyte_line_is_one_whole_message() {
    let archive = Archive::new("long-line");
    let line = format!("{}END", "支付 pay ".repeat(1 << 17));
    assert!(line.len() > 1 << 20);
    archive.day(
        "2019-01-02-long.md",
        "2019-01-02",
        &[("10:00:00", "A", &line)],
    );

    let summary = "3 days, 6 messages in 1 groups: 0 problems (0 errors, 0 warnings)";
    assert_check(&archive.check(), &[], summary);
    archive.assert_shows(&["2019-01-02"], &format!("10:00:00 A: {line}\n"));
    let search = archive.run(&["search"], &["END", "--json"]);
    assert_eq!(search.stdout.lines().count(), 1);
}

#[test]
fn nul_bytes_in_a_body_are_shown_and_reported_at_their_line() {
    let archive = Archive::new("nul");
    archive.day(
        "2019-01-02-nul.md",
        "2019-01-02",
        &[
            ("10:00:00", "A", "before"),
            ("10:00:01", "B", "zeroed \0\0\0 block"),
        ],
    );

    let expected = [archive.problem(
        "2019-01-02-nul.md",
        ":11: warning: 3 NUL byte(s), the first on this line (a damaged file?): shown as ␀",
    )];
    let summary = "3 days, 7 messages in 1 groups: 1 problems (0 errors, 1 warnings)";
    assert_check(&archive.check(), &expected, summary);
    archive.assert_shows(&["2019-01-02"], "10:00:01 B: zeroed ␀␀␀ block");
}

#[test]
fn binary_files_named_md_are_skipped_and_named() {
    let archive = Archive::new("binary");
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0";
    let elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\x01\0\0\0";
    archive
        .write("2019-01-02-photo.md", [&png[..], &noise(1, 4096)].concat())
        .write(
            "tools/2019-01-04-program.markdown",
            [&elf[..], &noise(2, 4096)].concat(),
        )
        .write("2019-01-05-zip.md", noise(3, 4096));

    let skipped = |what| format!(": error: not a text file ({what}): skipped");
    let expected = [
        archive.problem("2019-01-02-photo.md", &skipped("a PNG image")),
        archive.problem("2019-01-05-zip.md", &skipped("binary data")),
        archive.problem(
            "tools/2019-01-04-program.markdown",
            &skipped("an ELF program"),
        ),
    ];
    let summary = "2 days, 5 messages in 1 groups: 3 problems (3 errors, 0 warnings)";
    assert_check(&archive.check(), &expected, summary);
}

/// A disk image or a video named `.md` is not read at all (a sparse file here: no disk used).
#[test]
fn a_file_too_big_for_a_day_log_is_not_read() {
    let archive = Archive::new("too-big");
    let path = archive.path("2019-01-02-disk.md");
    File::create(&path).unwrap().set_len(300 << 20).unwrap();

    let expected = [archive.problem(
        "2019-01-02-disk.md",
        ": error: cannot read: 300 MiB, more than a day log could be (the limit is 256 MiB): \
         skipped",
    )];
    let summary = "2 days, 5 messages in 1 groups: 1 problems (1 errors, 0 warnings)";
    assert_check(&archive.check(), &expected, summary);
}

#[test]
fn a_day_file_200_folders_deep_is_a_day_of_its_group() {
    let archive = Archive::new("deep");
    let folders = vec!["d"; 200].join("/");
    archive.day(
        &format!("{folders}/2019-01-02-deep.md"),
        "2019-01-02",
        &[("10:00:00", "A", "deep down")],
    );

    let summary = "3 days, 6 messages in 2 groups: 0 problems (0 errors, 0 warnings)";
    assert_check(&archive.check(), &[], summary);
    let group = ["2019-01-02", "--group", &folders];
    archive.assert_shows(&group, &format!("# {folders} 2019-01-02"));
    archive.assert_shows(&group, "10:00:00 A: deep down");
}

#[test]
fn symbolic_link_loops_and_dangling_links_are_reported() {
    let archive = Archive::new("links");
    let link = |target: &str, name: &str| symlink(target, archive.path(name)).unwrap();
    link(".", "loop");
    link("nowhere.md", "dangling.md");
    link("pong.md", "ping.md");
    link("ping.md", "pong.md");

    // The system's own words for a link that leads back to itself.
    let circle = fs::metadata(archive.path("ping.md")).unwrap_err();
    let root = archive.root().display();
    let expected = [
        archive.problem(
            "dangling.md",
            ": error: broken symbolic link (to nowhere.md): skipped",
        ),
        archive.problem(
            "loop",
            &format!(": warning: symbolic link loop (to {root}, which holds it): not followed"),
        ),
        archive.problem(
            "ping.md",
            &format!(": error: cannot read: {circle}: skipped"),
        ),
        archive.problem(
            "pong.md",
            &format!(": error: cannot read: {circle}: skipped"),
        ),
    ];
    // The loop adds no second copy of the good days.
    let summary = "2 days, 5 messages in 1 groups: 4 problems (3 errors, 1 warnings)";
    assert_check(&archive.check(), &expected, summary);
}

/// Gives `paths` their permissions back when dropped, so the temp folder can be removed
/// even when an assertion fails first.
struct Locked(Vec<(PathBuf, u32)>);

impl Locked {
    fn new(paths: Vec<(PathBuf, u32)>) -> Locked {
        for (path, _) in &paths {
            fs::set_permissions(path, Permissions::from_mode(0o000)).unwrap();
        }
        Locked(paths)
    }
}

impl Drop for Locked {
    fn drop(&mut self) {
        for (path, mode) in &self.0 {
            let _ = fs::set_permissions(path, Permissions::from_mode(*mode));
        }
    }
}

/// chmod 000 stops everyone but root. Run as root (CI often is), the files load, and the
/// check is repeated as user `nobody` through `setpriv`, where that is possible.
#[test]
fn unreadable_files_and_folders_are_reported_unless_root_reads_them() {
    let archive = Archive::new("unreadable");
    archive
        .day(
            "2019-01-02-secret.md",
            "2019-01-02",
            &[("10:00:00", "A", "secret")],
        )
        .day(
            "locked/2019-01-04-chat.md",
            "2019-01-04",
            &[("10:00:00", "B", "inside")],
        );
    let _locked = Locked::new(vec![
        (archive.path("2019-01-02-secret.md"), 0o644),
        (archive.path("locked"), 0o755),
    ]);
    let denied = [
        archive.problem(
            "locked",
            ": error: cannot read folder: Permission denied (os error 13): skipped",
        ),
        archive.problem(
            "2019-01-02-secret.md",
            ": error: cannot read: Permission denied (os error 13): skipped",
        ),
    ];
    let denied_summary = "2 days, 5 messages in 1 groups: 2 problems (2 errors, 0 warnings)";

    if File::open(archive.path("2019-01-02-secret.md")).is_err() {
        assert_check(&archive.check(), &denied, denied_summary);
        return;
    }
    eprintln!("NOTE: running as root, which chmod 000 does not stop: the files must load");
    let summary = "4 days, 7 messages in 2 groups: 0 problems (0 errors, 0 warnings)";
    assert_check(&archive.check(), &[], summary);
    if let Some(check) = check_as_nobody(archive.root()) {
        assert_check(&check, &denied, denied_summary);
    }
}

/// `chatlog check ROOT` as user `nobody`, or `None` (with a note) when `setpriv` is missing
/// or `nobody` may not run the binary or enter the temp folder.
fn check_as_nobody(root: &Path) -> Option<Run> {
    let bin = OsStr::new(env!("CARGO_BIN_EXE_chatlog"));
    let as_nobody = ["--reuid=65534", "--regid=65534", "--clear-groups"].map(OsStr::new);
    let probe = Command::new("setpriv")
        .args(as_nobody)
        .args([bin, OsStr::new("--version")])
        .output();
    let can_enter = fs::metadata(root).is_ok_and(|m| m.permissions().mode() & 0o005 == 0o005);
    if !probe.is_ok_and(|o| o.status.success()) || !can_enter {
        eprintln!(
            "NOTE: cannot run chatlog as nobody here: the unreadable case is checked as root only"
        );
        return None;
    }
    let mut command = Command::new("setpriv");
    command.args(as_nobody).arg(bin).arg("check").arg(root);
    Some(finish(command))
}

#[test]
fn thousands_of_empty_files_are_each_reported_and_the_rest_loads() {
    let archive = Archive::new("empty");
    archive.empty_files("empty", 5000);

    let expected: Vec<String> = (0..5000)
        .map(|i| {
            archive.problem(
                &format!("empty/{i:04}.md"),
                ": warning: empty file: not a day",
            )
        })
        .collect();
    let summary = "2 days, 5 messages in 1 groups: 5000 problems (0 errors, 5000 warnings)";
    assert_check(&archive.check(), &expected, summary);
}

#[test]
fn escape_sequences_in_names_and_bodies_never_reach_the_terminal() {
    let archive = Archive::new("escapes");
    archive.day(
        "2019-01-02-escapes.md",
        "2019-01-02",
        &[
            (
                "10:00:00",
                "Mallory\x1b]0;pwned\x07",
                "title \x1b]0;pwned\x07 set",
            ),
            (
                "10:00:01",
                "Eve\x1b[2J",
                "clipboard \x1b]52;c;aGVsbG8=\x07 written",
            ),
            (
                "10:00:02",
                "C1\u{9b}31m",
                "colours \x1b[31mred\x1b[0m, c1 \u{9b}2J \u{9d}0;t\u{9c}",
            ),
        ],
    );
    // A file name can hold them too, and `check` prints it.
    archive.write(
        "2019-01-04-\x1b]0;pwned\x07.md",
        "> 10:00:00  A  \n   \nnamed  \n",
    );

    let expected = [archive.problem(
        "2019-01-04-␛]0;pwned␇.md",
        ": warning: no front matter: date 2019-01-04 taken from the file name",
    )];
    let summary = "4 days, 9 messages in 1 groups: 1 problems (0 errors, 1 warnings)";
    assert_check(&archive.check(), &expected, summary);
    archive.assert_shows(
        &["2019-01-02"],
        "10:00:00 Mallory␛]0;pwned␇: title ␛]0;pwned␇ set",
    );
    archive.assert_shows(
        &["2019-01-02"],
        "10:00:01 Eve␛[2J: clipboard ␛]52;c;aGVsbG8=␇ written",
    );
    archive.assert_shows(
        &["2019-01-02"],
        "10:00:02 C1�31m: colours ␛[31mred␛[0m, c1 �2J �0;t�",
    );
    // Every other way out is inert too (`chatlog` asserts it on each run).
    archive.run(&["search"], &["pwned"]);
    archive.run(&["search"], &["pwned", "--json"]);
    archive.run(&["stats"], &[]);
    archive.run(&["stats"], &["--by", "speaker"]);
    archive.run(&["show"], &["2019-01-04"]);
}

/// With nothing loadable the run is fatal (exit 2) and `check` lists nothing, so the error
/// itself says why, inert.
#[test]
fn an_archive_of_only_hostile_files_says_why_nothing_loaded() {
    let archive = Archive::without_good_days("nothing");
    archive
        .write(
            "\x1b]0;pwned\x07.md",
            [&b"\x89PNG\r\n\x1a\n\0"[..], &noise(1, 64)].concat(),
        )
        .write("empty.md", "");

    let check = archive.check();
    assert_eq!(check.code, Some(2));
    assert_eq!(check.stdout, "");
    let first = archive.problem(
        "␛]0;pwned␇.md",
        ": error: not a text file (a PNG image): skipped",
    );
    let root = archive.root().display();
    assert_eq!(
        check.stderr,
        format!("chatlog: {root}: no day log could be read (2 problem(s); the first: {first})\n")
    );
}

/// The reader in tmux on an archive holding a bit of everything above: it opens, lists the
/// good days, opens the day with the 1 MB line, quits on `q`, and leaves the terminal as it
/// was (no alternate screen, title untouched).
#[test]
fn the_reader_on_a_hostile_archive_shows_the_good_days_and_restores_the_terminal() {
    let archive = Archive::new("reader");
    let line = format!("{}END", "支付 pay ".repeat(1 << 17));
    archive
        .day(
            "2019-01-02-long.md",
            "2019-01-02",
            &[("10:00:00", "Mallory\x1b]0;pwned\x07", &line)],
        )
        .write(
            "2019-01-04-photo.md",
            [&b"\x89PNG\r\n\x1a\n\0\0\0\r"[..], &noise(1, 4096)].concat(),
        )
        .write(
            "2019-01-05-nul.md",
            "> 10:00:00  A  \n   \nzeroed \0\0 block  \n",
        )
        .write("notes.md", "---\ntitle: [unclosed\n");
    archive.empty_files("empty", 100);
    symlink(".", archive.path("loop")).unwrap();

    let Some(t) = Tmux::start("hostile-reader", "sleep 30", 100, 30) else {
        return;
    };
    t.cmd(&["select-pane", "-t", "t", "-T", "original-title"]);
    t.cmd(&[
        "respawn-pane",
        "-k",
        "-t",
        "t",
        &command_line(archive.root()),
    ]);
    let screen = t.wait_for("? help");
    assert!(screen.contains("106 problem(s) while loading"), "{screen}");
    for day in [
        "2019-01-01 Tue     2",
        "2019-01-02 Wed     1",
        "2019-01-03 Thu     3",
    ] {
        assert!(screen.contains(day), "{day:?} in\n{screen}");
    }
    t.type_text(":2019-01-02");
    t.keys(&["Enter"]);
    let screen = t.wait_for("2019-01-02 Wed · msg 1/1");
    assert!(screen.contains("Mallory␛]0;pwned␇"), "{screen}");
    t.keys(&["G", "q"]);
    let screen = t.wait_for("CHATLOG-EXITED");
    assert_eq!(t.display("#{alternate_on}"), "0", "{screen}");
    assert_eq!(
        t.display("#{pane_title}"),
        "original-title",
        "a log retitled the terminal"
    );
}
