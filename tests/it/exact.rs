//! The parser's fast paths (line ends found 64 bytes at a time, `&` and `://` found once per
//! file, names trimmed bytewise first, texts written into shared chunks) against the rules
//! read the plain way: split on `\n`, every body trimmed, joined, decoded and searched for a
//! URL. On every real day file, and on generated files full of the edge cases.

use std::path::Path;

use chatlog::entities;
use chatlog::model::Kind;
use chatlog::parse::parse_day;
use proptest::prelude::*;
use regex::Regex;

use crate::common::real_logs::{real_logs, real_site};

/// A message as the plain reading has it.
#[derive(Debug, PartialEq)]
struct Plain {
    line: u32,
    time: String,
    speaker: String,
    kind: Kind,
    body: String,
}

/// What the plain reading makes of a file: its messages, and the text before the first
/// header (its first line, its count of lines).
type Reading = (Vec<Plain>, Option<(u32, usize)>);

/// The messages of `text` read the plain way, for a file with a closed front matter and at
/// least one message header; `None` for any other file.
fn plain_read(text: &str) -> Option<Reading> {
    let header =
        Regex::new(r"^> ([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?:[ \t](.*))?$").expect("a pattern");
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines: Vec<&str> = text.split('\n').collect();
    if lines.last() == Some(&"") {
        lines.pop();
    }
    let lines: Vec<&str> = lines
        .iter()
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let trim = |l: &str| l.trim_end_matches([' ', '\t', '\r']).to_owned();
    if trim(lines.first()?) != "---" {
        return None;
    }
    let header_of = |line: &str| {
        let c = header.captures(line)?;
        let n = |i: usize| c[i].parse::<u32>().expect("digits");
        let (h, m, s) = (n(1), n(2), n(3));
        let name = c.get(4).map_or("", |m| m.as_str()).trim().to_owned();
        (h <= 23 && m <= 59 && s <= 59).then(|| (format!("{h:02}:{m:02}:{s:02}"), name))
    };
    let close = lines.iter().skip(1).position(|l| trim(l) == "---")? + 1;
    if lines[1..close].iter().any(|l| header_of(l).is_some()) {
        return None;
    }
    let mut messages = Vec::new();
    let mut bodies: Vec<Vec<String>> = Vec::new();
    let mut stray: Option<(u32, usize)> = None;
    for (i, line) in lines.iter().enumerate().skip(close + 1) {
        if let Some((time, name)) = header_of(line) {
            messages.push((i as u32 + 1, time, entities::decode(&name).into_owned()));
            bodies.push(Vec::new());
        } else if let Some(body) = bodies.last_mut() {
            body.push(trim(line));
        } else if !trim(line).is_empty() {
            stray.get_or_insert((i as u32 + 1, 0)).1 += 1;
        }
    }
    if messages.is_empty() {
        return None;
    }
    let read = messages
        .into_iter()
        .zip(bodies)
        .map(|((line, time, speaker), lines)| {
            let first = lines.iter().position(|l| !l.is_empty());
            let last = lines.iter().rposition(|l| !l.is_empty());
            let kept = first.zip(last).map_or(&[][..], |(a, b)| &lines[a..=b]);
            let body = entities::decode(&kept.join("\n")).into_owned();
            Plain {
                line,
                time,
                speaker,
                kind: plain_kind(&body),
                body,
            }
        });
    Some((read.collect(), stray))
}

/// Image when the body is one `![caption](url)`, link when it holds an http(s) URL.
fn plain_kind(body: &str) -> Kind {
    if body.starts_with("![") && body.ends_with(')') && body.contains("](") && !body.contains('\n')
    {
        Kind::Image
    } else if body.contains("http://") || body.contains("https://") {
        Kind::Link
    } else {
        Kind::Text
    }
}

/// What the parser makes of the file, in the plain reading's terms.
fn parsed(name: &str, bytes: &[u8]) -> Reading {
    let (day, problems) = parse_day(Path::new(name), bytes);
    let day = day.expect("a day");
    let messages = day.messages.iter().map(|m| Plain {
        line: m.line,
        time: m.time.to_string(),
        speaker: day.speaker(m).to_owned(),
        kind: m.kind,
        body: day.body(m).to_owned(),
    });
    let stray = problems.iter().find_map(|p| {
        let count = p
            .message
            .strip_suffix(" line(s) of text before the first message header: skipped")?;
        Some((p.line?, count.parse().expect("a count")))
    });
    (messages.collect(), stray)
}

/// Compares every file below `root` the plain reading can read; returns how many it read.
fn compare_tree(root: &Path) -> usize {
    let mut compared = 0;
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.expect("a readable tree");
        let bytes = std::fs::read(entry.path()).unwrap_or_default();
        let Some(plain) = std::str::from_utf8(&bytes).ok().and_then(plain_read) else {
            continue;
        };
        let name = entry.path().display().to_string();
        let fast = parsed(&name, &bytes);
        if let Some(i) = (0..plain.0.len()).find(|&i| plain.0.get(i) != fast.0.get(i)) {
            panic!(
                "{name}: message {i}: plain {:?}, parser {:?}",
                plain.0.get(i),
                fast.0.get(i)
            );
        }
        assert_eq!(fast, plain, "{name}");
        compared += 1;
    }
    compared
}

#[test]
fn every_real_day_reads_as_the_plain_rules_read_it() {
    let Some(docs) = real_logs() else { return };
    let Some(site) = real_site() else { return };
    // Of the 537 day files, all but the 28 of the unnamed form (no header of the named one).
    assert_eq!(compare_tree(&docs), 509);
    // The site's one day of the named form (its others are of the unnamed form).
    assert_eq!(compare_tree(&site), 1);
}

const FRONT: &str = "---\ntitle: x\ndate: 2018-01-05 12:00:00\n---\n";

/// Lines that stress each fast path: line ends across 64-byte blocks, CRLF and `\r` inside
/// lines, names padded with U+3000 or holding entities, entities that make URLs, stray
/// lines, blank and white-space lines, headers that are not quite headers.
fn edge_line() -> impl Strategy<Value = String> {
    let names = prop::sample::select(vec![
        "A",
        "张三",
        "\u{3000}王五\u{3000}",
        "\u{3000}",
        "A&amp;B",
        "x\u{b}",
        "http://名",
        "  李四\t",
    ]);
    let bodies = prop::sample::select(vec![
        "",
        " ",
        "   ",
        "\t",
        "hi  ",
        "支付\r",
        "a\rb",
        "http&#58;//x.cn",
        "&#104;ttps://y.cn",
        "see https://z.cn/?a=1&amp;b=2",
        "ftp://no",
        "://",
        "&",
        "&amp;amp;",
        "&lt;p&gt;",
        "![图](http://i.cn/a.png)",
        "![a](b) c",
        "> 25:00:00  X",
        "> 1:2:3 Y",
        ">",
        "  7:05:09\tz",
        "长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长",
    ]);
    prop_oneof![
        (0u32..24, 0u32..60, names).prop_map(|(h, m, n)| format!("> {h}:{m:02}:07  {n}")),
        (bodies.clone(), bodies).prop_map(|(a, b)| format!("{a}{b}")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn generated_days_read_as_the_plain_rules_read_them(
        lines in prop::collection::vec(edge_line(), 1..80),
        crlf in any::<bool>(),
        final_end in any::<bool>(),
    ) {
        let end = if crlf { "\r\n" } else { "\n" };
        let mut text = format!("{FRONT}{}", lines.join(end));
        if final_end {
            text.push_str(end);
        }
        let Some(plain) = plain_read(&text) else { return Ok(()) };
        prop_assert_eq!(parsed("2018-01-05.md", text.as_bytes()), plain, "{:?}", text);
    }
}
