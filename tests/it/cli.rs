//! The commands as scripts see them: output, JSON shapes and exit codes.

mod search;
mod show;
mod start;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chatlog::export::{Format, write_day};
use chatlog::json::write_json;
use chatlog::load::load;
use chatlog::model::{Archive, Day, Kind};
use regex::Regex;
use serde_json::Value;

use crate::common::TempDir;
use crate::common::alloc::peak_during;
use crate::common::real_logs::real_logs;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

pub(crate) fn chatlog(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chatlog"))
        .args(args)
        .output()
        .expect("chatlog runs")
}

pub(crate) fn stdout(o: &Output) -> String {
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
fn stats_json_keys_carry_groups_on_the_real_logs() {
    let Some(real) = real_logs() else {
        return;
    };
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
    // Found: 0, as grep; the archive's problems are said on stderr.
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("while loading"));
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

/// Every character a terminal acts on that serde_json leaves raw: DEL, C1 controls (U+009B
/// is a one-byte CSI), bidi marks, embeddings, overrides and isolates.
const TERMINAL_CONTROLS: [char; 16] = [
    '\u{7f}', '\u{80}', '\u{85}', '\u{9b}', '\u{9f}', '\u{200e}', '\u{200f}', '\u{202a}',
    '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
];

/// The stdout of `args`, which must exit 0, parsed as JSON lines.
fn json_lines(args: &[&str]) -> (String, Vec<Value>) {
    let out = chatlog(args);
    assert_eq!(out.status.code(), Some(0), "{args:?}");
    let text = stdout(&out);
    let values = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (text, values)
}

/// `tests/data/controls` holds one message per control `c`: speaker `U+XXXX{c}!`, text
/// `a{c}b`.
#[test]
fn json_output_escapes_every_control_a_terminal_acts_on() {
    let dir = data("controls");
    let dir = dir.to_str().unwrap();
    let (search, hits) = json_lines(&["search", dir, "a", "--json"]);
    let (stats, _) = json_lines(&["stats", dir, "--json"]);
    let (by_speaker, speakers) = json_lines(&["stats", dir, "--by", "speaker", "--json"]);
    for c in TERMINAL_CONTROLS {
        for output in [&search, &stats, &by_speaker] {
            assert!(!output.contains(c), "raw U+{:04X} in {output:?}", c as u32);
            assert!(output.contains(&format!("\\u{:04x}", c as u32)), "{output}");
        }
    }
    assert_eq!(hits.len(), TERMINAL_CONTROLS.len());
    for (hit, c) in hits.iter().zip(TERMINAL_CONTROLS) {
        assert_eq!(hit["speaker"], format!("U+{:04X}{c}!", c as u32));
        assert_eq!(hit["text"], format!("a{c}b"));
    }
    let names: Vec<&Value> = speakers[0]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["speaker"])
        .collect();
    for c in TERMINAL_CONTROLS {
        assert!(names.contains(&&Value::from(format!("U+{:04X}{c}!", c as u32))));
    }
}

/// A message header as the format defines it: `> H:MM:SS` or `> HH:MM:SS`, then the name.
fn header_regex() -> Regex {
    Regex::new(r"^> (\d{1,2}):\d\d:\d\d(?:[ \t](.*))?$").unwrap()
}

/// Every message header in the day files below `dir`: (file path, hour, trimmed name),
/// read straight from the files, independently of the loader.
fn headers_in(dir: &Path) -> Vec<(PathBuf, usize, String)> {
    let re = header_regex();
    let mut headers = Vec::new();
    for entry in walkdir::WalkDir::new(dir) {
        let path = entry.unwrap().into_path();
        if !path
            .extension()
            .is_some_and(|e| e == "md" || e == "markdown")
        {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for caps in text.lines().filter_map(|line| re.captures(line)) {
            let name = caps.get(2).map_or("", |m| m.as_str()).trim().to_owned();
            headers.push((path.clone(), caps[1].parse().unwrap(), name));
        }
    }
    headers
}

/// `stats DIR --by BY --json [EXTRA]` on an archive without problems: the array it prints.
fn stats_by(dir: &Path, by: &str, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["stats", dir.to_str().unwrap(), "--by", by, "--json"];
    args.extend(extra);
    let (_, values) = json_lines(&args);
    assert_eq!(values.len(), 1, "one JSON array");
    values[0].as_array().unwrap().clone()
}

#[test]
fn stats_by_hour_counts_header_times_on_the_real_logs() {
    let Some(real) = real_logs() else {
        return;
    };
    let mut expected = [0u64; 24];
    for (_, hour, _) in headers_in(&real) {
        expected[hour] += 1;
    }
    assert_eq!(expected.iter().sum::<u64>(), 94208);
    let hours = stats_by(&real, "hour", &["--all"]);
    let got: Vec<(u64, u64)> = hours
        .iter()
        .map(|h| (h["hour"].as_u64().unwrap(), h["messages"].as_u64().unwrap()))
        .collect();
    let want: Vec<(u64, u64)> = (0..).zip(expected).collect();
    assert_eq!(got, want);
}

#[test]
fn stats_by_day_counts_each_day_file_of_a_group_on_the_real_logs() {
    let Some(real) = real_logs() else {
        return;
    };
    let group = real.join("prodarch");
    let mut expected: BTreeMap<String, u64> = BTreeMap::new();
    for entry in std::fs::read_dir(group.join("_posts")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        expected.insert(name[..10].to_owned(), 0);
    }
    for (path, _, _) in headers_in(&group) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        *expected.get_mut(&name[..10]).unwrap() += 1;
    }
    assert!(
        expected.values().any(|&n| n == 0),
        "front-matter-only days are listed too"
    );
    let days = stats_by(&real, "day", &["--group", "prodarch", "--all"]);
    let got: BTreeMap<String, u64> = days
        .iter()
        .map(|d| {
            let date = d["date"].as_str().unwrap().to_owned();
            (date, d["messages"].as_u64().unwrap())
        })
        .collect();
    assert_eq!(got, expected);
    let dates: Vec<&str> = days.iter().map(|d| d["date"].as_str().unwrap()).collect();
    assert!(dates.is_sorted(), "oldest first");
}

#[test]
fn stats_by_speaker_counts_header_names_on_the_real_logs() {
    let Some(real) = real_logs() else {
        return;
    };
    let mut expected: BTreeMap<String, u64> = BTreeMap::new();
    for (_, _, name) in headers_in(&real.join("devarch")) {
        *expected.entry(name).or_default() += 1;
    }
    let people = stats_by(&real, "speaker", &["--group", "devarch", "--all"]);
    let counts: Vec<u64> = people
        .iter()
        .map(|s| s["messages"].as_u64().unwrap())
        .collect();
    assert!(counts.is_sorted_by(|a, b| a >= b), "most first");
    // A row is a person: their count is that of every name of theirs in the files.
    let mut names_seen: Vec<String> = Vec::new();
    for person in &people {
        let aliases = person["aliases"].as_array().unwrap().iter();
        let names: Vec<String> = std::iter::once(&person["speaker"])
            .chain(aliases)
            .map(|n| n.as_str().unwrap().to_owned())
            .collect();
        let theirs: u64 = names
            .iter()
            .map(|n| expected.get(n).copied().unwrap_or(0))
            .sum();
        assert_eq!(person["messages"].as_u64().unwrap(), theirs, "{names:?}");
        names_seen.extend(names.into_iter().filter(|n| expected.contains_key(n)));
    }
    names_seen.sort();
    assert_eq!(names_seen, expected.keys().cloned().collect::<Vec<_>>());
    assert!(people.len() < expected.len(), "some names are one person");
}

#[test]
fn stats_by_prints_aligned_rows_with_bars_on_sample_logs() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-logs");
    let sample = sample.to_str().unwrap();
    let out = chatlog(&["stats", sample, "--by", "hour"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 25, "a header and 24 hours:\n{text}");
    assert_eq!(lines[0], "hour  messages");
    assert!(lines[1].starts_with("00  "), "{text}");
    assert!(lines[24].starts_with("23  "), "{text}");
    // Counts end in the same column; the busiest hour has the longest bar, 40 cells.
    let count_end = |l: &str| l.find("  ▏").or(l.find("  █")).unwrap_or(l.len());
    let rows: Vec<&str> = lines[1..]
        .iter()
        .copied()
        .filter(|l| l.contains('█'))
        .collect();
    assert!(
        rows.iter().all(|l| count_end(l) == "hour  messages".len()),
        "{text}"
    );
    assert!(rows.iter().any(|l| l.ends_with(&"█".repeat(40))), "{text}");

    let out = chatlog(&[
        "stats", sample, "--by", "speaker", "--group", "quirks", "--all",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let names = ["Ryan Cao", "李雷-云支付-产品-北京", "韩梅梅"];
    for (line, name) in text.lines().skip(1).zip(names) {
        assert!(line.starts_with(name), "the three busiest first:\n{text}");
        assert!(line.ends_with(&"█".repeat(40)), "{text}");
    }
}

#[test]
fn stats_by_group_sums_to_the_group_and_bad_arguments_exit_2() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-logs");
    let summary = &json_lines(&["stats", sample.to_str().unwrap(), "--json"]).1[0];
    let per_day = summary["per_day"].as_object().unwrap();
    for group in ["devarch", "prodarch", "proddev", "prodrd", "quirks"] {
        let in_group: u64 = per_day
            .iter()
            .filter(|(key, _)| key.starts_with(&format!("{group}/")))
            .map(|(_, n)| n.as_u64().unwrap())
            .sum();
        for by in ["hour", "day", "speaker"] {
            let rows = stats_by(&sample, by, &["--group", group, "--all"]);
            let sum: u64 = rows.iter().map(|r| r["messages"].as_u64().unwrap()).sum();
            assert_eq!(sum, in_group, "{group} by {by}");
        }
    }
    let broken = data("broken");
    let broken = broken.to_str().unwrap();
    assert_eq!(
        chatlog(&["stats", broken, "--by", "day"]).status.code(),
        Some(1)
    );
    let unknown = chatlog(&["stats", broken, "--by", "day", "--group", "nope"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no group \"nope\""));
    let unknown = chatlog(&["stats", broken, "--group", "nope"]);
    assert_eq!(unknown.status.code(), Some(2));
    let bad_by = chatlog(&["stats", broken, "--by", "week"]);
    assert_eq!(bad_by.status.code(), Some(2));
}

/// `show DIR DATE --group G [EXTRA]`, which must exit 0: its stdout.
fn show(dir: &Path, date: &str, group: &str, extra: &[&str]) -> String {
    let mut args = vec!["show", dir.to_str().unwrap(), date, "--group", group];
    args.extend(extra);
    let out = chatlog(&args);
    assert_eq!(out.status.code(), Some(0), "{args:?}");
    stdout(&out)
}

/// A day's messages as (time, speaker, kind, text), loaded from the archive at `dir`;
/// with `speaker`, only theirs.
fn messages_of(dir: &Path, group: &str, date: &str, speaker: Option<&str>) -> Vec<[String; 4]> {
    let (archive, _) = load(dir).unwrap();
    let date = date.parse().unwrap();
    let group = archive.find_group(group).unwrap();
    let day = &archive.days[archive.find_day(group, date).unwrap()];
    day.messages
        .iter()
        .filter(|m| speaker.is_none_or(|s| archive.speaker(m.speaker) == s))
        .map(|m| {
            [
                m.time.to_string(),
                archive.speaker(m.speaker).to_owned(),
                format!("{:?}", m.kind).to_lowercase(),
                day.body(m).to_owned(),
            ]
        })
        .collect()
}

/// The days `show --format` is checked on: sample-logs/ and, where present, the real archive.
fn format_days() -> Vec<(PathBuf, &'static str, &'static str)> {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-logs");
    let mut days = vec![
        (sample.clone(), "prodarch", "2018-03-06"),
        (sample, "quirks", "2019-04-01"),
    ];
    days.extend(real_logs().map(|real| (real, "prodarch", "2018-03-26")));
    days
}

#[test]
fn show_format_text_is_what_show_prints() {
    for (dir, group, date) in format_days() {
        let plain = show(&dir, date, group, &["--all"]);
        assert_eq!(
            show(&dir, date, group, &["--format", "text", "--all"]),
            plain
        );
        let count = messages_of(&dir, group, date, None).len();
        let heading = plain.lines().next().unwrap();
        assert!(
            heading.starts_with(&format!("# {group} {date} (")),
            "{heading}"
        );
        assert!(
            heading.ends_with(&format!(") · {count} messages")),
            "{heading}"
        );
    }
    let sample = &format_days()[0].0;
    let day = show(sample, "2018-03-06", "prodarch", &[]);
    assert!(day.contains(
        "\n07:13:42 冯玉康-青岛银行-需求管理-青岛: 能不能用银联清算日期+交易流水号对账\n"
    ));
}

/// `show --format markdown` written to a file in a folder of its own loads as the same day.
#[test]
fn show_format_markdown_loads_back_as_the_same_messages() {
    for (dir, group, date) in format_days() {
        let markdown = show(&dir, date, group, &["--format", "markdown", "--all"]);
        assert!(markdown.starts_with("---\ntitle:      \""), "{markdown}");
        let temp = TempDir::new("show-markdown");
        std::fs::write(temp.path().join(format!("{date}-chat.md")), markdown).unwrap();
        let out = chatlog(&["check", temp.path().to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
        let root = temp.path().file_name().unwrap().to_str().unwrap();
        assert_eq!(
            messages_of(temp.path(), root, date, None),
            messages_of(&dir, group, date, None),
            "{group} {date}"
        );
    }
}

#[test]
fn show_format_markdown_keeps_only_the_chosen_speakers() {
    let sample = &format_days()[0].0;
    let args = ["--format", "markdown", "--speaker", "张于刚"];
    let markdown = show(sample, "2018-03-06", "prodarch", &args);
    let headers = markdown.lines().filter(|l| l.starts_with("> ")).count();
    let theirs = messages_of(sample, "prodarch", "2018-03-06", Some("张于刚"));
    assert!(theirs.len() > 1);
    assert_eq!(headers, theirs.len());
}

/// `show --format json` is one object whose messages carry the exact texts the archive holds.
#[test]
fn show_format_json_parses_back_with_the_exact_texts() {
    for (dir, group, date) in format_days() {
        let text = show(&dir, date, group, &["--format", "json", "--all"]);
        assert_eq!(text.lines().count(), 1, "one line");
        let day: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(day["group"], group);
        assert_eq!(day["date"], date);
        let got: Vec<[String; 4]> = day["messages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| ["time", "speaker", "kind", "text"].map(|k| m[k].as_str().unwrap().to_owned()))
            .collect();
        assert_eq!(got, messages_of(&dir, group, date, None), "{group} {date}");
    }
}

/// `show --format json` as it was written before it streamed: a `serde_json::Value` tree
/// of the whole day, through the same inert writer.
fn json_as_a_value_tree(archive: &Archive, day: &Day) -> Vec<u8> {
    let kind = |k: Kind| format!("{k:?}").to_lowercase();
    let messages: Vec<Value> = (day.messages.iter())
        .map(|m| {
            serde_json::json!({
                "time": m.time.to_string(),
                "speaker": archive.speaker(m.speaker),
                "kind": kind(m.kind),
                "text": day.body(m),
            })
        })
        .collect();
    let value = serde_json::json!({
        "group": archive.group(day.group).name,
        "date": day.date.to_string(),
        "messages": messages,
    });
    let mut out = Vec::new();
    write_json(&mut out, &value).unwrap();
    out
}

/// Every day of the sample, the hostile and the real archives is written byte for byte as
/// the `Value` tree wrote it.
#[test]
fn show_format_json_streams_the_same_bytes_as_the_value_tree() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-logs");
    let dirs = [
        Some(sample),
        Some(data("hostile")),
        Some(data("controls")),
        real_logs(),
    ];
    for dir in dirs.into_iter().flatten() {
        let (archive, _) = load(&dir).unwrap();
        for day in &archive.days {
            let all: Vec<usize> = (0..day.messages.len()).collect();
            let mut out = Vec::new();
            write_day(&archive, day, &all, Format::Json, &mut out).unwrap();
            let name = &archive.group(day.group).name;
            assert!(
                out == json_as_a_value_tree(&archive, day),
                "{} {name} {}",
                dir.display(),
                day.date
            );
        }
    }
}

/// A day of 100,000 messages is written as JSON holding about one message in memory at a
/// time: as a `Value` tree it held every message at once (about 60 MB here, 3.8 GB for two
/// million).
#[test]
fn show_format_json_holds_one_message_at_a_time() {
    let temp = TempDir::new("json-memory");
    let mut text = String::from("---\ntitle: \"2019-01-02-WeChat\"\n---\n");
    for i in 0..100_000 {
        let time = format!("{:02}:{:02}:{:02}", i / 3600 % 24, i / 60 % 60, i % 60);
        text.push_str(&format!(
            "> {time}  Speaker{}  \n   \nmessage {i} 支付 pay  \n   \n",
            i % 50
        ));
    }
    std::fs::write(temp.path().join("2019-01-02-chat.md"), text).unwrap();
    let (archive, _) = load(temp.path()).unwrap();
    let day = &archive.days[0];
    let all: Vec<usize> = (0..day.messages.len()).collect();
    let (written, peak) =
        peak_during(|| write_day(&archive, day, &all, Format::Json, &mut std::io::sink()));
    written.unwrap();
    assert!(
        peak < 64 << 10,
        "{peak} bytes held at once for 100,000 messages"
    );
}

#[test]
fn show_format_json_and_markdown_are_inert_on_a_terminal() {
    let hostile = data("hostile");
    for format in ["json", "markdown"] {
        let text = show(&hostile, "2019-01-01", "hostile", &["--format", format]);
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text:?}"
        );
    }
}

/// `chatlog completions SHELL` prints a script for each shell; bash's parses.
#[test]
fn completions_print_a_script_each_shell_takes() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = chatlog(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        assert!(stdout(&out).contains("chatlog"), "{shell}");
    }
    let script = stdout(&chatlog(&["completions", "bash"]));
    let file = TempDir::new("completions");
    let path = file.path().join("chatlog.bash");
    std::fs::write(&path, &script).unwrap();
    let parsed = Command::new("bash").arg("-n").arg(&path).status().unwrap();
    assert!(parsed.success(), "bash -n: {script}");
    assert!(script.contains("search") && script.contains("--speaker"));
}

/// `chatlog man` is a page groff reads without a warning, with the command line, the
/// reader's keys and `:` commands, and the config in it.
#[test]
fn the_man_page_reads_cleanly_and_holds_keys_and_config() {
    let page = stdout(&chatlog(&["man"]));
    let held = [
        ".SH KEYS",
        "scroll down a line",
        ":export FILE",
        ".SH CONFIG",
        "next_day",
        "text_filter",
        "\\-\\-no\\-state",
    ];
    for held in held {
        assert!(page.contains(held), "{held}");
    }
    assert!(page.is_ascii(), "plain ASCII for every man reader");
    if Command::new("groff").arg("-v").output().is_err() {
        return crate::common::real_logs::missing("groff");
    }
    let mut groff = Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    groff
        .stdin
        .take()
        .unwrap()
        .write_all(page.as_bytes())
        .unwrap();
    let done = groff.wait_with_output().unwrap();
    assert!(done.status.success());
    assert_eq!(
        String::from_utf8_lossy(&done.stderr),
        "",
        "groff's warnings"
    );
}

/// `search` exits as grep does (0 found, 1 nothing, 2 an error); `-c` counts, `-q` is
/// silent; a `--from` after `--to` is an error.
#[test]
fn search_exits_as_grep_and_counts_and_keeps_quiet() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-logs");
    let sample = sample.to_str().unwrap();
    let found = chatlog(&["search", sample, "支付"]);
    assert_eq!(found.status.code(), Some(0));
    let lines = stdout(&found).lines().count();
    assert!(lines > 0);
    let count = chatlog(&["search", sample, "支付", "-c"]);
    assert_eq!(
        (count.status.code(), stdout(&count)),
        (Some(0), format!("{lines}\n"))
    );
    let quiet = chatlog(&["search", sample, "支付", "-q"]);
    assert_eq!(
        (quiet.status.code(), stdout(&quiet)),
        (Some(0), String::new())
    );
    let none = chatlog(&["search", sample, "no such text anywhere"]);
    assert_eq!(
        (none.status.code(), stdout(&none)),
        (Some(1), String::new())
    );
    let none = chatlog(&["search", sample, "no such text anywhere", "--count"]);
    assert_eq!(
        (none.status.code(), stdout(&none)),
        (Some(1), "0\n".to_owned())
    );
    let backwards = chatlog(&[
        "search",
        sample,
        "支付",
        "--from",
        "2018-03-07",
        "--to",
        "2018-03-05",
    ]);
    assert_eq!(backwards.status.code(), Some(2));
    let said = String::from_utf8_lossy(&backwards.stderr);
    assert!(
        said.contains("--from 2018-03-07 is later than --to 2018-03-05"),
        "{said}"
    );
}

/// `stats --group G` alone describes that group: its counts sum to what the whole
/// archive's `per_day` holds for it.
#[test]
fn stats_of_one_group_describes_that_group() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-logs");
    let sample = sample.to_str().unwrap();
    let whole = &json_lines(&["stats", sample, "--json"]).1[0];
    let group = &json_lines(&["stats", sample, "--group", "prodarch", "--json"]).1[0];
    assert_eq!(group["groups"], 1);
    let theirs: Vec<(&String, &Value)> = whole["per_day"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(k, _)| k.starts_with("prodarch/"))
        .collect();
    assert_eq!(group["days"], theirs.len());
    let sum: u64 = theirs.iter().map(|(_, n)| n.as_u64().unwrap()).sum();
    assert_eq!(group["messages"], sum);
    assert_eq!(group["per_day"].as_object().unwrap().len(), theirs.len());
    assert_eq!(
        (group["first"].as_str(), group["last"].as_str()),
        (Some("2018-03-04"), Some("2018-03-07"))
    );
    let text = stdout(&chatlog(&["stats", sample, "--group", "prodarch"]));
    assert!(text.starts_with("groups:    1 (prodarch)\n"), "{text}");
}

/// Each command's `--help` ends with examples of it.
#[test]
fn every_commands_help_shows_examples() {
    for command in [
        "check",
        "stats",
        "search",
        "show",
        "mcp",
        "completions",
        "man",
    ] {
        let help = stdout(&chatlog(&[command, "--help"]));
        let examples = help.split("Examples:\n").nth(1).unwrap_or_default();
        assert!(
            examples.contains(&format!("chatlog {command}")),
            "{command}:\n{help}"
        );
    }
}
