//! The commands as scripts see them: output, JSON shapes and exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn chatlog(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chatlog"))
        .args(args)
        .output()
        .expect("chatlog runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn check_lists_problems_with_paths_and_exits_1() {
    let dir = data("broken");
    let out = chatlog(&["check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines.iter().any(|l| l.contains("notes.md: error: no date")),
        "{text}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("2018-01-02-chat.md: warning: file is not UTF-8: decoded as GBK")),
        "{text}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("2018-01-03-chat.md:") && l.contains("YAML")),
        "{text}"
    );
    assert!(
        !text.contains("hidden") && !text.contains("README"),
        "{text}"
    );
    assert!(
        lines
            .last()
            .unwrap()
            .starts_with("3 days, 4 messages in 1 groups"),
        "{text}"
    );
}

#[test]
fn check_on_a_clean_archive_exits_0_and_fatal_exits_2() {
    let out = chatlog(&["check", data("hostile").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("0 problems"));
    let missing = chatlog(&["check", "/nonexistent/archive"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/nonexistent/archive"));
    let file = data("broken/grp/_posts/2018-01-01-chat.md");
    assert_eq!(
        chatlog(&["check", file.to_str().unwrap()]).status.code(),
        Some(2)
    );
    let no_days = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let out = chatlog(&["check", no_days.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no day logs"));
}

#[test]
fn stats_json_shape() {
    let out = chatlog(&["stats", data("broken").to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["groups"], 1);
    assert_eq!(v["days"], 3);
    assert_eq!(v["messages"], 4);
    assert_eq!(v["speakers"], 4);
    assert_eq!(v["first"], "2018-01-01");
    assert_eq!(v["last"], "2018-01-03");
    // notes.md (no date), GBK, broken YAML, and its date taken from the title.
    assert_eq!(v["problems"], 4);
    // One group: the date alone is the key.
    assert_eq!(
        v["per_day"],
        serde_json::json!({"2018-01-01": 2, "2018-01-02": 1, "2018-01-03": 1})
    );
    let top = v["top_speakers"].as_array().unwrap();
    assert_eq!(top.len(), 4);
    assert_eq!(top[0].as_array().unwrap().len(), 2);
}

#[test]
fn stats_json_keys_carry_groups_on_the_real_archive() {
    let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real-logs/cocolian-docs");
    if !real.is_dir() {
        eprintln!("SKIPPED: no real archive");
        return;
    }
    let out = chatlog(&["stats", real.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["messages"], 94208);
    assert_eq!(v["days"], 537);
    assert!(v["per_day"]["prodrd/2019-03-15"].as_u64().unwrap() > 0);
    assert_eq!(v["per_day"].as_object().unwrap().len(), 537);
}

#[test]
fn search_lines_json_and_filters() {
    let dir = data("broken");
    let dir = dir.to_str().unwrap();
    let out = chatlog(&["search", dir, "代扣"]);
    assert_eq!(
        stdout(&out),
        "2018-01-01 10:00:00 Alice: hello 代扣\n2018-01-02 09:00:00 张三: 我们讨论代扣和清算\n"
    );
    assert_eq!(out.status.code(), Some(1), "problems in the archive");
    let only = chatlog(&["search", dir, "代扣", "--speaker", "张三", "--json"]);
    let lines: Vec<serde_json::Value> = stdout(&only)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["group"], "grp");
    assert_eq!(lines[0]["date"], "2018-01-02");
    assert_eq!(lines[0]["time"], "09:00:00");
    assert_eq!(lines[0]["speaker"], "张三");
    assert_eq!(lines[0]["text"], "我们讨论代扣和清算");
    // Smart case: lower-case matches any case, upper-case only itself.
    assert_eq!(
        stdout(&chatlog(&["search", dir, "alice"])).lines().count(),
        1
    );
    assert_eq!(
        stdout(&chatlog(&["search", dir, "ALICE"])).lines().count(),
        0
    );
    let dates = chatlog(&[
        "search",
        dir,
        "代扣",
        "--from",
        "2018-01-02",
        "--to",
        "2018-01-02",
    ]);
    assert_eq!(stdout(&dates).lines().count(), 1);
    let re = chatlog(&["search", dir, r"^h\w+ ", "--regex"]);
    assert_eq!(stdout(&re).lines().count(), 2);
    let bad = chatlog(&["search", dir, "(", "--regex"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn show_prints_a_day_and_escapes_are_inert() {
    let out = chatlog(&["show", data("hostile").to_str().unwrap(), "2019-01-01"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.starts_with("# hostile 2019-01-01 (Tuesday) · 4 messages\n"),
        "{text}"
    );
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "raw escapes in {text:?}"
    );
    assert!(text.contains("␛]0;pwned␇"));
    let none = chatlog(&["show", data("hostile").to_str().unwrap(), "2019-01-02"]);
    assert_eq!(none.status.code(), Some(2));
    let search = chatlog(&["search", data("hostile").to_str().unwrap(), "pwned"]);
    assert!(!stdout(&search).contains('\u{1b}'));
}
