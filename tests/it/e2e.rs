//! The real binary in a real pseudo-terminal (tmux): open, jump, search, filter, quit, and
//! the terminal is restored; a log's escape sequences leave the terminal title alone.

use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use crate::common::TempDir;
use crate::common::tmux::{Tmux, command_line};

#[test]
fn open_jump_search_filter_quit() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-logs");
    let Some(t) = Tmux::start("main", &command_line(&sample), 100, 30) else {
        return;
    };
    t.wait_for("? help");
    assert_eq!(
        t.display("#{alternate_on}"),
        "1",
        "the reader uses the alternate screen"
    );

    t.type_text(":group prodarch");
    t.keys(&["Enter"]);
    t.type_text(":2018-03-05");
    t.keys(&["Enter"]);
    let screen = t.wait_for("msg 1/158 · prodarch · 2018-03-05 Mon");
    assert!(
        screen.contains("2018-03-05 Mon   158"),
        "day list shows the day:\n{screen}"
    );

    t.type_text("/支付");
    let screen = t.wait_for("/支付▏  1/40");
    assert!(screen.contains("支付"));
    t.keys(&["Enter", "n"]);
    t.wait_for("/支付 2/40");

    t.keys(&["s"]);
    t.wait_for("speakers · day counts");
    t.keys(&["Enter"]);
    let screen = t.wait_for("filter: 杨明-招商信用卡-开发-上海");
    assert!(screen.contains("msg 1/"), "{screen}");

    t.keys(&["q"]);
    let screen = t.wait_for("CHATLOG-EXITED");
    assert_eq!(
        t.display("#{alternate_on}"),
        "0",
        "alternate screen left:\n{screen}"
    );
    assert!(
        !screen.contains("? help"),
        "the reader's screen is gone:\n{screen}"
    );
}

#[test]
fn escape_sequences_in_a_log_do_not_reach_the_terminal() {
    let hostile = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/hostile");
    let Some(t) = Tmux::start("hostile", "sleep 30", 100, 30) else {
        return;
    };
    clipboard_writes_make_buffers(&t);
    t.cmd(&["select-pane", "-t", "t", "-T", "original-title"]);
    let before = t.display("#{pane_title}");
    assert_eq!(before, "original-title");
    t.cmd(&["respawn-pane", "-k", "-t", "t", &command_line(&hostile)]);
    let screen = t.wait_for("? help");
    assert!(screen.contains("␛]0;pwned␇"), "{screen}");
    assert!(screen.contains("␛[31mred␛[0m"), "{screen}");
    assert_eq!(
        t.display("#{pane_title}"),
        "original-title",
        "a log changed the terminal title"
    );
    // The log's clipboard write (OSC 52 of "aGVsbG8=", `hello`) made no buffer.
    assert_eq!(buffers(&t), "", "a log wrote the clipboard");
    t.keys(&["q"]);
    t.wait_for("CHATLOG-EXITED");
}

/// tmux's paste buffers, one line each (`buffer0: 5 bytes: "hello"`).
fn buffers(t: &Tmux) -> String {
    String::from_utf8_lossy(&t.cmd(&["list-buffers"]).stdout).into_owned()
}

/// Makes `t` turn an application's OSC 52 into a paste buffer (tmux's default, `external`,
/// ignores it, so a missing buffer would prove nothing), shows that a raw OSC 52 does make
/// one, and deletes it.
fn clipboard_writes_make_buffers(t: &Tmux) {
    t.cmd(&["set-option", "-s", "set-clipboard", "on"]);
    // base64 of "probe"
    let probe = r"printf '\033]52;c;cHJvYmU=\007'; echo PROBED; sleep 30";
    t.cmd(&["respawn-pane", "-k", "-t", "t", probe]);
    t.wait_for("PROBED");
    let made = buffers(t);
    assert!(
        made.contains("\"probe\""),
        "OSC 52 made no buffer: {made:?}"
    );
    t.cmd(&["delete-buffer"]);
    assert_eq!(buffers(t), "");
}

#[test]
fn a_folder_that_is_not_an_archive_restores_the_terminal_and_says_why() {
    let missing = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/no-such-folder");
    let command = format!(
        "'{}' '{}'; echo CHATLOG-EXITED=$?; sleep 30",
        env!("CARGO_BIN_EXE_chatlog"),
        missing.display()
    );
    let Some(t) = Tmux::start("missing", &command, 100, 30) else {
        return;
    };
    t.wait_for("CHATLOG-EXITED=2");
    let screen = t.capture(&["-J"]);
    assert!(
        screen.contains(&format!("chatlog: cannot open {}: ", missing.display())),
        "{screen}"
    );
    assert_eq!(t.display("#{alternate_on}"), "0", "{screen}");
}

#[test]
fn find_a_word_across_days_and_land_on_its_message() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-logs");
    let Some(t) = Tmux::start("find", &command_line(&sample), 120, 30) else {
        return;
    };
    t.wait_for("? help");
    t.type_text(":group prodarch");
    t.keys(&["Enter"]);
    t.wait_for("prodarch · 2018-03-07");
    t.type_text("F话费支付");
    t.keys(&["Enter"]);
    let screen = t.wait_for("find 话费支付 · 1/");
    // Newest first: the last mention, on 2018-03-07 at 16:36:16.
    assert!(screen.contains("2018-03-07 16:36:16"), "{screen}");
    t.keys(&["Enter"]);
    let screen = t.wait_for("/话费支付");
    assert!(screen.contains("prodarch · 2018-03-07 Wed"), "{screen}");
    assert!(screen.contains("16:36:16"), "{screen}");
    assert!(screen.contains("如果有话费支付的需求可以私聊"), "{screen}");
    t.keys(&["q"]);
    t.wait_for("CHATLOG-EXITED");
}

#[test]
fn sigterm_restores_the_terminal() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-logs");
    let Some(t) = Tmux::start("term", &command_line(&sample), 100, 30) else {
        return;
    };
    t.wait_for("? help");
    assert_eq!(t.display("#{alternate_on} #{mouse_any_flag}"), "1 1");
    let pid = reader_pid(&t);
    let killed = Command::new("kill").args(["-TERM", &pid]).status();
    assert!(killed.is_ok_and(|s| s.success()));
    let screen = t.wait_for("CHATLOG-EXITED");
    assert_eq!(
        t.display("#{alternate_on} #{mouse_any_flag}"),
        "0 0",
        "{screen}"
    );
}

/// With no clipboard program, `y` sends OSC 52 and says that is all it did.
#[test]
fn y_copies_the_selected_message_to_the_terminal_clipboard() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-logs");
    let Some(t) = Tmux::start("copy", "sleep 30", 120, 30) else {
        return;
    };
    clipboard_writes_make_buffers(&t);
    let command = format!(
        "env -u DISPLAY -u WAYLAND_DISPLAY {}",
        command_line(&sample)
    );
    t.cmd(&["respawn-pane", "-k", "-t", "t", &command]);
    t.wait_for("? help");
    t.type_text(":group prodarch");
    t.keys(&["Enter"]);
    t.type_text(":2018-03-05");
    t.keys(&["Enter"]);
    t.wait_for("prodarch · 2018-03-05 Mon");
    t.keys(&["v", "j", "y"]);
    t.wait_for("sent 7 characters to the terminal's clipboard (OSC 52)");
    let copied = String::from_utf8_lossy(&t.cmd(&["show-buffer"]).stdout).into_owned();
    assert_eq!(copied, "银行应该比较难");
    t.keys(&["q"]);
    t.wait_for("CHATLOG-EXITED");
}

/// Programs that record what they were given, first on PATH.
fn stubs(dir: &Path, programs: &[(&str, &str)]) -> String {
    for (name, script) in programs {
        let path = dir.join(name);
        std::fs::write(&path, format!("#!/bin/sh\n{script}\n")).unwrap();
        let mode = std::os::unix::fs::PermissionsExt::from_mode(0o755);
        std::fs::set_permissions(&path, mode).unwrap();
    }
    format!(
        "{}:{}",
        dir.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// With a clipboard program there, `y` copies through it and says so; one that fails
/// is reported, not called a copy.
#[test]
fn y_copies_through_the_system_clipboard_program() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-logs");
    let temp = TempDir::new("xclip");
    let got = temp.path().join("clipboard");
    let path = stubs(
        temp.path(),
        &[(
            "xclip",
            &format!("echo \"$@\" > '{0}.args'; cat > '{0}'", got.display()),
        )],
    );
    let command = format!(
        "env -u WAYLAND_DISPLAY DISPLAY=:99 PATH='{path}' {}",
        command_line(&sample)
    );
    let Some(t) = Tmux::start("xclip", &command, 120, 30) else {
        return;
    };
    t.wait_for("? help");
    t.type_text(":group prodarch");
    t.keys(&["Enter"]);
    t.type_text(":2018-03-05");
    t.keys(&["Enter"]);
    t.wait_for("prodarch · 2018-03-05 Mon");
    t.keys(&["v", "j", "y"]);
    t.wait_for("copied 7 characters (xclip)");
    assert_eq!(std::fs::read_to_string(&got).unwrap(), "银行应该比较难");
    let args = std::fs::read_to_string(got.with_extension("args")).unwrap();
    assert_eq!(args.trim(), "-selection clipboard");
    stubs(temp.path(), &[("xclip", "cat > /dev/null; exit 3")]);
    t.keys(&["y"]);
    t.wait_for("could not copy with xclip: it exit status: 3");
    t.keys(&["q"]);
    t.wait_for("CHATLOG-EXITED");
}

/// `o` hands the link to the system opener, with no control character in it.
#[test]
fn o_opens_the_link_with_the_system_opener() {
    let temp = TempDir::new("opener");
    let archive = temp.path().join("archive");
    std::fs::create_dir_all(&archive).unwrap();
    let day = "---\ntitle: \"2019-01-01-WeChat\"\n---\n> 09:00:00  A  \n   \n\
               see https://example.com/a&#27;[31mb?x=1 please  \n";
    std::fs::write(archive.join("2019-01-01-WeChat.md"), day).unwrap();
    let got = temp.path().join("opened");
    let path = stubs(
        temp.path(),
        &[(
            "xdg-open",
            &format!("printf '%s' \"$1\" > '{}'", got.display()),
        )],
    );
    let command = format!("env PATH='{path}' {}", command_line(&archive));
    let Some(t) = Tmux::start("opener", &command, 120, 30) else {
        return;
    };
    // The whole archive first: its load's notice, landing after the key, would come first
    // in the status line and cut what `o` says.
    t.wait_for_whole();
    t.keys(&["o"]);
    t.wait_for("opening https://example.com/a");
    // The stub's shell makes the file before it writes to it: wait for what it writes.
    let deadline = Instant::now() + Duration::from_secs(10);
    let read = || std::fs::read_to_string(&got).unwrap_or_default();
    while read().is_empty() && Instant::now() < deadline {
        sleep(Duration::from_millis(50));
    }
    assert_eq!(read(), "https://example.com/a[31mb?x=1");
    t.keys(&["q"]);
    t.wait_for("CHATLOG-EXITED");
}

#[test]
fn a_day_file_added_while_reading_appears_in_the_day_list() {
    let folder = TempDir::new("live");
    let dir = folder.path();
    let day = |date: &str, text: &str| {
        let body = format!("---\ntitle: \"{date}-WeChat\"\n---\n> 09:00:00  A  \n   \n{text}  \n");
        std::fs::write(dir.join(format!("{date}-WeChat.md")), body).unwrap();
    };
    day("2020-01-01", "first");
    let Some(t) = Tmux::start("live", &command_line(dir), 100, 30) else {
        return;
    };
    t.wait_for("2020-01-01 Wed     1");
    // A file added while the whole archive still loads is in it, no reload needed.
    t.wait_for_whole();
    day("2020-01-02", "second");
    let screen = t.wait_for("reloaded, 1 new day");
    assert!(screen.contains("2020-01-02 Thu     1"), "{screen}");
    assert!(
        screen.contains("2020-01-01 Wed"),
        "still on its day:\n{screen}"
    );
    t.keys(&["q"]);
    t.wait_for("CHATLOG-EXITED");
}

/// The reader on `dir` with its state folder at `state` and `extra` arguments, in a shell
/// line that says `marker` once it has exited: each run in a pane says its own, so a wait
/// never takes the last run's word for this one's.
fn with_state(state: &Path, extra: &str, dir: &Path, marker: &str) -> String {
    format!(
        "XDG_STATE_HOME='{}' '{}' {extra} '{}'; echo {marker}; sleep 30",
        state.display(),
        env!("CARGO_BIN_EXE_chatlog"),
        dir.display()
    )
}

#[test]
fn reopening_lands_where_the_reader_left_unless_no_state() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-logs");
    let folder = TempDir::new("e2e-state");
    let state = folder.path();
    let run = |extra: &str, n: u32| with_state(state, extra, &sample, &format!("EXITED-{n}"));
    let Some(t) = Tmux::start("state", &run("", 1), 100, 30) else {
        return;
    };
    t.wait_for("devarch · 2018-03-07");
    t.type_text(":group prodarch");
    t.keys(&["Enter"]);
    t.type_text(":2018-03-05");
    t.keys(&["Enter"]);
    t.wait_for("msg 1/158 · prodarch · 2018-03-05 Mon");
    t.keys(&["G"]);
    t.wait_for("msg 158/158 · prodarch");
    t.keys(&["k"]);
    // Near the bottom of the day, the top message is no longer the first.
    let start = Instant::now();
    let left = loop {
        let screen = t.screen();
        let status = screen.lines().last().unwrap_or_default();
        if status.contains("/158 · prodarch · 2018-03-05 Mon")
            && !status.contains("msg 1/158")
            && !status.contains("msg 158/158")
        {
            break screen;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "{screen}");
        sleep(Duration::from_millis(50));
    };
    t.keys(&["q"]);
    t.wait_for("EXITED-1");
    // The day's file is kept with the place: the next run reads it first, alone.
    let places = std::fs::read_to_string(state.join("chatlog/places.json")).unwrap();
    assert!(
        places.contains("\"prodarch/_posts/2018-03-05-chat.markdown\""),
        "{places}"
    );
    // The same message at the top again, the day shown at once, then the whole archive in
    // (the status line says `loading` until then).
    let status = left.lines().last().unwrap().to_owned();
    t.cmd(&["respawn-pane", "-k", "-t", "t", &run("", 2)]);
    // The status line's own words (the pane's title says the day too, and a capture can
    // come while the frame is still being written, its title drawn and its status not).
    let back = t.wait_for("/158 · prodarch · 2018-03-05 Mon");
    let shown_at_once = back.lines().last().unwrap();
    assert!(
        shown_at_once.starts_with(status.trim_end_matches(" ? help").trim_end()),
        "{back}"
    );
    t.wait_for(&status);
    t.keys(&["q"]);
    t.wait_for("EXITED-2");
    t.cmd(&["respawn-pane", "-k", "-t", "t", &run("--no-state", 3)]);
    t.wait_for("devarch · 2018-03-07");
    t.keys(&["q"]);
    t.wait_for("EXITED-3");
    // A corrupt state file is ignored, with a warning.
    std::fs::write(state.join("chatlog/places.json"), "garbage").unwrap();
    t.cmd(&["respawn-pane", "-k", "-t", "t", &run("", 4)]);
    let screen = t.wait_for("ignored ");
    assert!(screen.contains("devarch · 2018-03-07"), "{screen}");
    t.keys(&["q"]);
    t.wait_for("EXITED-4");
}

#[test]
fn a_config_sets_width_time_format_and_keys_and_names_its_mistakes() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-logs");
    let folder = TempDir::new("config");
    let config = folder.path().join("config.toml");
    std::fs::write(
        &config,
        "theme = \"light\"\nday_list_width = 30\ntime_format = \"%H:%M\"\nsparkle = true\n[keys]\nnext_day = \"L\"\n",
    )
    .unwrap();
    let stderr = folder.path().join("stderr");
    let command = format!(
        "'{}' --no-state --config '{}' '{}' 2>'{}'; echo CHATLOG-EXITED; sleep 30",
        env!("CARGO_BIN_EXE_chatlog"),
        config.display(),
        sample.display(),
        stderr.display()
    );
    let Some(t) = Tmux::start("config", &command, 100, 30) else {
        return;
    };
    // The status line names the file short, however long its folder's name.
    let screen = t.wait_for("config.toml: unknown setting `sparkle`");
    // The day list's right border is at column 30 now.
    let row = screen.lines().nth(1).unwrap();
    assert_eq!(row.chars().nth(29), Some('│'), "{row}");
    t.type_text(":group prodarch");
    t.keys(&["Enter"]);
    t.type_text(":2018-03-05");
    t.keys(&["Enter"]);
    let screen = t.wait_for("prodarch · 2018-03-05");
    assert!(
        screen.contains("09:02 王海东"),
        "times without seconds:\n{screen}"
    );
    t.keys(&["L"]);
    t.wait_for("prodarch · 2018-03-06");
    t.keys(&["q"]);
    t.wait_for("CHATLOG-EXITED");
    // On quitting, the problem again, with the file's whole path.
    assert_eq!(
        std::fs::read_to_string(&stderr).unwrap(),
        format!("chatlog: {}: unknown setting `sparkle`\n", config.display())
    );
}

#[test]
fn the_reader_ends_when_its_terminal_goes_away() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-logs");
    let Some(t) = Tmux::start("gone", &command_line(&sample), 100, 30) else {
        return;
    };
    t.wait_for("? help");
    let pid = reader_pid(&t);
    t.cmd(&["kill-server"]);
    // Gone, or a zombie waiting for its parent to read its exit: either way, not spinning.
    let running = || {
        std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .is_ok_and(|stat| !stat.split(") ").nth(1).is_some_and(|s| s.starts_with('Z')))
    };
    let start = Instant::now();
    while running() {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "the reader {pid} still runs without its terminal"
        );
        sleep(Duration::from_millis(50));
    }
}

/// The pid of the reader the pane's shell started.
fn reader_pid(t: &Tmux) -> String {
    let shell = t.display("#{pane_pid}");
    let child = Command::new("pgrep")
        .args(["-P", &shell])
        .output()
        .expect("pgrep runs");
    let pid = String::from_utf8_lossy(&child.stdout).trim().to_owned();
    assert!(!pid.is_empty(), "the reader's pid");
    pid
}

/// Without a terminal the reader says so and writes nothing (it wrote escape codes into a
/// redirected file, or failed with "No such device or address").
#[test]
fn the_reader_without_a_terminal_says_so_and_writes_nothing() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-logs");
    let out = Command::new(env!("CARGO_BIN_EXE_chatlog"))
        .arg(&sample)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "{:?}", out.stdout);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("needs a terminal, and its input is not one"),
        "{said}"
    );
    assert!(said.contains("chatlog show DIR DATE"), "{said}");
    // A missing folder is named first.
    let out = Command::new(env!("CARGO_BIN_EXE_chatlog"))
        .arg(sample.join("no-such-folder"))
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot open"));
}

/// `chatlog DIR > file` from a terminal: the file stays empty, the terminal is untouched.
#[test]
fn the_reader_with_its_output_redirected_writes_no_escape_codes() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-logs");
    let temp = TempDir::new("redirected");
    let file = temp.path().join("out.txt");
    let command = format!(
        "'{}' '{}' > '{}'; echo CHATLOG-EXITED=$?; sleep 30",
        env!("CARGO_BIN_EXE_chatlog"),
        sample.display(),
        file.display()
    );
    let Some(t) = Tmux::start("redirected", &command, 100, 30) else {
        return;
    };
    let screen = t.wait_for("CHATLOG-EXITED=2");
    assert!(screen.contains("its output is not one"), "{screen}");
    assert_eq!(std::fs::read(&file).unwrap(), b"");
    assert_eq!(t.display("#{alternate_on}"), "0", "{screen}");
}

/// A day file of one message, `text`, dated `date`, in `dir`, written whole at once (a
/// reload never sees half of it).
fn write_day(dir: &Path, date: &str, text: &str) {
    let body = format!("---\ntitle: \"{date}-WeChat\"\n---\n> 09:00:00  A  \n   \n{text}  \n");
    let part = dir.join(format!("{date}.part"));
    std::fs::write(&part, body).unwrap();
    std::fs::rename(part, dir.join(format!("{date}-WeChat.md"))).unwrap();
}

/// The archive folder deleted and made again (a re-clone) is watched again; a reload with
/// problems says so.
#[test]
fn live_reload_survives_the_folder_being_replaced_and_names_new_problems() {
    let folder = TempDir::new("live-replaced");
    let dir = folder.path().join("archive");
    std::fs::create_dir_all(&dir).unwrap();
    write_day(&dir, "2020-01-01", "first");
    let Some(t) = Tmux::start("replaced", &command_line(&dir), 120, 30) else {
        return;
    };
    t.wait_for("2020-01-01 Wed     1");
    // Else the folder could go while the load behind the first day reads it.
    t.wait_for_whole();
    std::fs::remove_dir_all(&dir).unwrap();
    t.wait_for("could not reload");
    std::fs::create_dir_all(&dir).unwrap();
    write_day(&dir, "2020-01-01", "first");
    write_day(&dir, "2020-01-02", "second");
    t.wait_for("reloaded, 1 new day");
    // The new folder's watch sees changes, and names the problems they bring.
    std::fs::write(dir.join("broken.part"), "---\ntitle: [unclosed\n").unwrap();
    std::fs::rename(dir.join("broken.part"), dir.join("broken.md")).unwrap();
    write_day(&dir, "2020-01-03", "third");
    let screen = t.wait_for("archive · 3 days");
    assert!(screen.contains("problems: `chatlog check"), "{screen}");
    t.keys(&["q"]);
    t.wait_for("CHATLOG-EXITED");
}

/// A file rewritten every 200 ms never stays quiet for the debounce: it is reloaded anyway
/// within the longest wait.
#[test]
fn live_reload_follows_a_file_that_never_stops_changing() {
    let folder = TempDir::new("live-busy");
    let dir = folder.path().to_path_buf();
    write_day(&dir, "2020-01-01", "first");
    let Some(t) = Tmux::start("busy", &command_line(&dir), 120, 30) else {
        return;
    };
    t.wait_for("2020-01-01 Wed     1");
    // Else the load behind the first day could find the new day itself.
    t.wait_for_whole();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (dir, stop) = (dir.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                write_day(&dir, "2020-01-02", &format!("tick {n}"));
                n += 1;
                sleep(Duration::from_millis(200));
            }
        })
    };
    // The day is listed once a reload took it; later ones (the file goes on changing) say
    // only "reloaded", so the status is read with the list, in one screen.
    let seen = t.wait_for("2020-01-02 Thu     1");
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    writer.join().unwrap();
    assert!(seen.contains("the archive changed: reloaded"), "{seen}");
    t.keys(&["q"]);
    t.wait_for("CHATLOG-EXITED");
}

/// `:export` past the file-size limit (`ulimit -f`): the write fails and is reported, the
/// reader lives on, and quitting restores the terminal (SIGXFSZ killed it with the
/// terminal raw).
#[test]
fn an_export_past_the_file_size_limit_is_reported_and_the_reader_lives_on() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-logs");
    let temp = TempDir::new("fsize");
    let file = temp.path().join("day.md");
    let command = format!("ulimit -f 1; {}", command_line(&sample));
    let Some(t) = Tmux::start("fsize", &command, 120, 30) else {
        return;
    };
    t.wait_for("? help");
    t.type_text(":group prodarch");
    t.keys(&["Enter"]);
    t.type_text(":2018-03-05");
    t.keys(&["Enter"]);
    t.wait_for("prodarch · 2018-03-05 Mon");
    t.type_text(&format!(":export {}", file.display()));
    t.keys(&["Enter"]);
    let screen = t.wait_for("not exported");
    assert!(screen.to_lowercase().contains("file too large"), "{screen}");
    assert!(!file.exists(), "no partial file is left");
    t.keys(&["q"]);
    let screen = t.wait_for("CHATLOG-EXITED");
    assert_eq!(t.display("#{alternate_on}"), "0", "{screen}");
}

/// The start's notices are one line, the load's problems first: a state file that could not
/// be read no longer hides them, nor does a config problem. A config's text reaches stderr
/// inert.
#[test]
fn the_start_says_every_notice_and_config_text_reaches_stderr_inert() {
    let broken = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/broken");
    let folder = TempDir::new("notices");
    let state = folder.path().join("state");
    std::fs::create_dir_all(state.join("chatlog")).unwrap();
    std::fs::write(state.join("chatlog/places.json"), "{ not json").unwrap();
    let config = folder.path().join("config.toml");
    std::fs::write(&config, "\"bell\\u0007\\u001b]52;c;eA==\\u0007\" = 1\n").unwrap();
    let stderr = folder.path().join("stderr");
    let command = format!(
        "XDG_STATE_HOME='{}' '{}' --config '{}' '{}' 2>'{}'; echo CHATLOG-EXITED; sleep 30",
        state.display(),
        env!("CARGO_BIN_EXE_chatlog"),
        config.display(),
        broken.display(),
        stderr.display()
    );
    // Wide enough for the whole status line under any temporary folder's path.
    let Some(t) = Tmux::start("notices", &command, 500, 30) else {
        return;
    };
    let screen = t.wait_for("problems while loading");
    assert!(
        screen.contains("ignored "),
        "the state warning too:\n{screen}"
    );
    assert!(screen.contains("config.toml: unknown setting"), "{screen}");
    t.keys(&["q"]);
    t.wait_for("CHATLOG-EXITED");
    let said = std::fs::read(&stderr).unwrap();
    assert!(!said.iter().any(|&b| b == 0x1b || b == 0x07), "{said:?}");
    assert!(String::from_utf8_lossy(&said).contains("unknown setting"));
}

/// What was typed at a prompt is there again, with Up, in the next run (kept in the state
/// folder); `--no-state` neither reads nor keeps it.
#[test]
fn a_prompts_history_is_kept_across_runs() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-logs");
    let folder = TempDir::new("e2e-history");
    let state = folder.path();
    let run = |extra: &str, n: u32| with_state(state, extra, &sample, &format!("EXITED-{n}"));
    let Some(t) = Tmux::start("history", &run("", 1), 100, 30) else {
        return;
    };
    t.wait_for("? help");
    t.type_text(":group prodarch");
    t.keys(&["Enter"]);
    t.wait_for("· prodarch ·");
    t.keys(&["q"]);
    t.wait_for("EXITED-1");
    assert!(state.join("chatlog/history.json").is_file());
    t.cmd(&["respawn-pane", "-k", "-t", "t", &run("", 2)]);
    t.wait_for("? help");
    t.keys(&[":", "Up"]);
    t.wait_for(":group prodarch▏");
    t.keys(&["Escape", "q"]);
    t.wait_for("EXITED-2");
    t.cmd(&["respawn-pane", "-k", "-t", "t", &run("--no-state", 3)]);
    t.wait_for("? help");
    t.keys(&[":", "Up"]);
    t.wait_for(":▏");
    t.keys(&["Escape", "q"]);
    t.wait_for("EXITED-3");
}

/// `CHATLOG_CONFIG` names the config; `mouse = false` leaves the mouse to the terminal
/// (for selecting text), which the reader otherwise takes.
#[test]
fn chatlog_config_names_the_config_and_mouse_false_leaves_the_mouse() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-logs");
    let folder = TempDir::new("mouse");
    let config = folder.path().join("elsewhere.toml");
    std::fs::write(&config, "mouse = false\n").unwrap();
    let run = |env: &str| format!("{env} {}", command_line(&sample));
    let Some(t) = Tmux::start("mouse", &run("env -u CHATLOG_CONFIG"), 100, 30) else {
        return;
    };
    t.wait_for("? help");
    assert_eq!(
        t.display("#{mouse_any_flag}"),
        "1",
        "the reader takes the mouse"
    );
    t.keys(&["q"]);
    t.wait_for("CHATLOG-EXITED");
    let with = run(&format!("env CHATLOG_CONFIG='{}'", config.display()));
    t.cmd(&["respawn-pane", "-k", "-t", "t", &with]);
    let screen = t.wait_for("? help");
    assert!(
        !screen.contains("config"),
        "no problem with the config:\n{screen}"
    );
    assert_eq!(
        t.display("#{mouse_any_flag}"),
        "0",
        "the mouse is the terminal's"
    );
    t.keys(&["q"]);
    t.wait_for("CHATLOG-EXITED");
}

/// Ctrl-z hands the terminal back to the shell (restored, the reader stopped), and `fg`
/// brings the reader back, drawn anew, as less and vim do.
#[test]
fn ctrl_z_suspends_and_fg_comes_back() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-logs");
    let Some(t) = Tmux::start("suspend", "bash --norc --noprofile -i", 100, 30) else {
        return;
    };
    t.type_text(&format!(
        "'{}' --no-state '{}'",
        env!("CARGO_BIN_EXE_chatlog"),
        sample.display()
    ));
    t.keys(&["Enter"]);
    t.wait_for("? help");
    t.keys(&["C-z"]);
    let screen = t.wait_for("Stopped");
    assert_eq!(
        t.display("#{alternate_on} #{mouse_any_flag}"),
        "0 0",
        "{screen}"
    );
    t.type_text("fg");
    t.keys(&["Enter"]);
    let screen = t.wait_for("? help");
    assert_eq!(t.display("#{alternate_on}"), "1", "{screen}");
    assert!(screen.contains("msg 1/"), "drawn anew:\n{screen}");
    t.keys(&["q"]);
    // Typed before the reader is gone, the command would be its keys.
    t.wait_for_display("#{alternate_on}", "0");
    t.type_text("echo BACK-$?");
    t.keys(&["Enter"]);
    t.wait_for("BACK-0");
}
