//! `search` as grep users expect it: context around each match, colour, and a speaker
//! named by nobody.

use std::path::Path;

use super::{chatlog, stdout};
use crate::common::TempDir;

fn sample() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-logs");
    dir.to_str().unwrap().to_owned()
}

/// A `--speaker` nobody in the group goes by exits 2, listing names that hold it (any case),
/// busiest first, or saying that none does.
#[test]
fn search_for_a_speaker_named_by_nobody_lists_close_names() {
    let sample = sample();
    let said = |args: &[&str]| {
        let mut all = vec!["search", sample.as_str(), "的"];
        all.extend(args);
        let out = chatlog(&all);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    assert_eq!(
        said(&["--speaker", "ryan", "--group", "quirks"]),
        "chatlog: no speaker named \"ryan\" in quirks; names containing it: \"Ryan Cao\"\n"
    );
    assert_eq!(
        said(&["--speaker", "nobody"]),
        "chatlog: no speaker named \"nobody\" in the archive; no name contains it\n"
    );
    assert_eq!(
        said(&["--speaker", "韩梅梅", "--group", "devarch"]),
        "chatlog: no speaker named \"韩梅梅\" in devarch; no name contains it\n"
    );
    let many = said(&["--speaker", "-", "--group", "prodarch"]);
    let listed = many
        .split("names containing it: ")
        .nth(1)
        .unwrap_or_default();
    assert_eq!(
        listed.matches('"').count(),
        2 * 8,
        "eight names at most: {many}"
    );
    assert!(listed.trim_end().ends_with(" more)"), "{many}");
}

/// A one-group archive in `temp`: 2019-01-01 with messages `a0`…`a9` by A and B in turn
/// (`a1`'s text again as an echo after it, under B's other name), 2019-01-02 with `b0`…`b2`.
fn context_archive(temp: &TempDir) -> String {
    let message =
        |time: &str, name: &str, text: &str| format!("> {time}  {name}  \n   \n{text}  \n   \n");
    let mut first =
        String::from("---\ntitle: \"2019-01-01-WeChat\"\ndate: 2019-01-01 12:00:00\n---\n");
    for i in 0..10 {
        let name = if i % 2 == 0 { "A" } else { "B" };
        first.push_str(&message(
            &format!("10:00:0{i}"),
            name,
            &format!("a{i} hit{}", i % 3),
        ));
        if i == 1 {
            first.push_str(&message("10:00:01", "B-phone", "a1 hit1"));
        }
    }
    let mut second =
        String::from("---\ntitle: \"2019-01-02-WeChat\"\ndate: 2019-01-02 12:00:00\n---\n");
    for i in 0..3 {
        second.push_str(&message(
            &format!("11:00:0{i}"),
            "A",
            &format!("b{i} \u{1b}[2Jhit{i}"),
        ));
    }
    std::fs::write(temp.path().join("2019-01-01-chat.md"), first).unwrap();
    std::fs::write(temp.path().join("2019-01-02-chat.md"), second).unwrap();
    temp.path().to_str().unwrap().to_owned()
}

/// `search ARGS` on `dir`, which must exit 0: its stdout.
fn found(dir: &str, args: &[&str]) -> String {
    let mut all = vec!["search", dir];
    all.extend(args);
    let out = chatlog(&all);
    assert_eq!(out.status.code(), Some(0), "{args:?}");
    stdout(&out)
}

/// -A, -B and -C print messages of the day around each one found, context marked `-`
/// where a match has `:`, runs that meet joined, `--` between the others; echoes stay
/// folded (unless --all) and a speaker filter chooses the matches, not the context.
#[test]
fn search_context_prints_the_messages_around_each_one_found() {
    let temp = TempDir::new("search-context");
    let dir = context_archive(&temp);
    assert_eq!(
        found(&dir, &["hit0", "-A", "1"]),
        "2019-01-01 10:00:00 A: a0 hit0\n\
         2019-01-01 10:00:01 B- a1 hit1\n\
         --\n\
         2019-01-01 10:00:03 B: a3 hit0\n\
         2019-01-01 10:00:04 A- a4 hit1\n\
         --\n\
         2019-01-01 10:00:06 A: a6 hit0\n\
         2019-01-01 10:00:07 B- a7 hit1\n\
         --\n\
         2019-01-01 10:00:09 B: a9 hit0\n\
         --\n\
         2019-01-02 11:00:00 A: b0 ␛[2Jhit0\n\
         2019-01-02 11:00:01 A- b1 ␛[2Jhit1\n"
    );
    // Runs that touch are one: no `--` within the first day, one between the days.
    let joined = found(&dir, &["hit0", "-C", "1"]);
    assert_eq!(joined.lines().count(), 10 + 1 + 2, "{joined}");
    assert_eq!(joined.lines().nth(10), Some("--"), "{joined}");
    assert_eq!(
        found(&dir, &["a3", "-B", "2", "-A", "0"]),
        "2019-01-01 10:00:01 B- a1 hit1\n2019-01-01 10:00:02 A- a2 hit2\n2019-01-01 10:00:03 B: a3 hit0\n"
    );
    assert_eq!(
        found(&dir, &["a3", "-B", "2", "-A", "0", "--all"]),
        "2019-01-01 10:00:01 B-phone- a1 hit1\n2019-01-01 10:00:02 A- a2 hit2\n2019-01-01 10:00:03 B: a3 hit0\n"
    );
    assert_eq!(
        found(&dir, &["a[78]", "--regex", "-C", "1", "--speaker", "B"]),
        "2019-01-01 10:00:06 A- a6 hit0\n2019-01-01 10:00:07 B: a7 hit1\n2019-01-01 10:00:08 A- a8 hit2\n"
    );
    assert_eq!(
        found(&dir, &["hit", "-A", "1", "-c"]),
        "13\n",
        "-c counts matches alone"
    );
    let most = usize::MAX.to_string();
    let whole = found(&dir, &["b1", "-C", &most]);
    assert_eq!(
        whole.lines().count(),
        3,
        "the whole day, no overflow: {whole}"
    );
}

/// With --json, context messages are the objects matches are, with `"context": true`;
/// there is no separator line.
#[test]
fn search_context_in_json_is_marked() {
    let temp = TempDir::new("search-context-json");
    let dir = context_archive(&temp);
    let text = found(&dir, &["b1", "-C", "5", "--json"]);
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let marks: Vec<(&str, &serde_json::Value)> = (lines.iter())
        .map(|l| (l["text"].as_str().unwrap(), &l["context"]))
        .collect();
    let yes = serde_json::Value::Bool(true);
    let absent = serde_json::Value::Null;
    assert_eq!(
        marks,
        [
            ("b0 \u{1b}[2Jhit0", &yes),
            ("b1 \u{1b}[2Jhit1", &absent),
            ("b2 \u{1b}[2Jhit2", &yes)
        ]
    );
    assert!(
        !text.contains('\u{1b}'),
        "JSON escapes the text's ESC: {text}"
    );
}

/// --color always highlights each match in bold red around inert text, and only there;
/// never, or auto into a pipe (which is what this is), prints no escape at all, whatever
/// NO_COLOR says.
#[test]
fn search_color_highlights_matches_only_when_asked_or_on_a_terminal() {
    let temp = TempDir::new("search-color");
    let dir = context_archive(&temp);
    assert_eq!(
        found(
            &dir,
            &[
                "hit",
                "--from",
                "2019-01-02",
                "--color",
                "always",
                "-A",
                "1"
            ]
        )
        .lines()
        .next(),
        Some("2019-01-02 11:00:00 A: b0 ␛[2J\u{1b}[1;31mhit\u{1b}[0m0")
    );
    let twice = found(
        &dir,
        &["[ab]\\d", "--regex", "--color", "always", "-C", "1"],
    );
    assert!(
        twice.contains("B: \u{1b}[1;31ma3\u{1b}[0m hit0\n"),
        "{twice}"
    );
    let context = found(&dir, &["a3", "--color", "always", "-C", "1"]);
    assert!(
        context.contains("A- a2 hit2\n"),
        "context is not highlighted: {context}"
    );
    for color in ["never", "auto"] {
        let plain = found(&dir, &["hit", "--color", color]);
        assert!(!plain.contains('\u{1b}'), "{color}: {plain:?}");
        assert!(plain.contains("A: a0 hit0\n"));
    }
    let json = found(&dir, &["hit", "--color", "always", "--json"]);
    assert!(!json.contains('\u{1b}'), "{json}");
}

/// --color auto on a terminal (a pseudo-terminal from `script`) highlights, unless NO_COLOR
/// is set to something.
#[test]
fn search_color_auto_highlights_on_a_terminal_unless_no_color() {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        return crate::common::real_logs::missing("script (util-linux)");
    }
    let temp = TempDir::new("search-color-tty");
    let dir = context_archive(&temp);
    let on_a_terminal = |no_color: &str| {
        let line = format!("{} search {dir} a0", env!("CARGO_BIN_EXE_chatlog"));
        let out = std::process::Command::new("script")
            .args(["-qec", &line, "/dev/null"])
            .env("NO_COLOR", no_color)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert_eq!(
        on_a_terminal(""),
        "2019-01-01 10:00:00 A: \u{1b}[1;31ma0\u{1b}[0m hit0\r\n"
    );
    assert_eq!(on_a_terminal("1"), "2019-01-01 10:00:00 A: a0 hit0\r\n");
}
