//! `show` over spans of dates, its headings under filters, and CSV.

use std::path::Path;

use super::{chatlog, stdout};
use crate::common::real_logs::real_logs;

fn sample() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-logs");
    dir.to_str().unwrap().to_owned()
}

/// `show ARGS` on sample-logs/: (exit code, stdout, stderr).
fn show(args: &[&str]) -> (Option<i32>, String, String) {
    let sample = sample();
    let mut all = vec!["show", sample.as_str()];
    all.extend(args);
    let out = chatlog(&all);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code(), stdout(&out), err)
}

fn headings(text: &str) -> Vec<&str> {
    text.lines().filter(|l| l.starts_with("# ")).collect()
}

/// A month, a year and FIRST..LAST print every day in them with messages, one after another
/// with their headings and a blank line between; an empty day in a span is left out.
#[test]
fn show_a_span_prints_each_day_with_messages() {
    let (code, text, _) = show(&["2018-03", "--group", "devarch"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        headings(&text),
        [
            "# devarch 2018-03-04 (Sunday) · 10 messages",
            "# devarch 2018-03-06 (Tuesday) · 23 messages",
            "# devarch 2018-03-07 (Wednesday) · 20 messages",
        ],
        "2018-03-05 holds front matter alone"
    );
    assert_eq!(text.lines().count(), 3 + 10 + 23 + 20 + 2, "{text}");
    assert!(
        text.contains("\n\n# devarch 2018-03-06 (Tuesday)"),
        "{text}"
    );
    // Typed as one date, an empty day is still printed: it is a day with a log.
    let (code, text, _) = show(&["2018-03-05", "--group", "devarch"]);
    assert_eq!(
        (code, text.as_str()),
        (Some(0), "# devarch 2018-03-05 (Monday) · 0 messages\n")
    );
    let (_, same, _) = show(&["2018-03-04..2018-03-07", "--group", "devarch"]);
    assert_eq!(same, show(&["2018", "--group", "devarch"]).1);
    assert_eq!(headings(&same).len(), 3);
    // Without --group, a span takes every group's days, group by group.
    let (_, every, _) = show(&["2018-03-06..2018-03-07"]);
    let groups: Vec<&str> = headings(&every).iter().map(|h| &h[2..21]).collect();
    assert_eq!(
        groups,
        [
            "devarch 2018-03-06 ",
            "devarch 2018-03-07 ",
            "prodarch 2018-03-06",
            "prodarch 2018-03-07"
        ]
    );
}

/// A span with nothing to print exits 1 and says so on stderr, as grep finding nothing;
/// dates that are no dates, or run backwards, exit 2 naming what was typed.
#[test]
fn show_an_empty_span_exits_1_and_bad_dates_exit_2() {
    assert_eq!(
        show(&["2016", "--group", "devarch"]),
        (
            Some(1),
            String::new(),
            "chatlog: nothing to show in 2016-01-01..2016-12-31 in devarch\n".to_owned()
        )
    );
    let (code, text, err) = show(&["2018-03", "--group", "devarch", "--speaker", "韩梅梅"]);
    assert_eq!(
        (code, text.as_str()),
        (Some(2), ""),
        "韩梅梅 never spoke in devarch"
    );
    assert!(
        err.contains("no speaker named \"韩梅梅\" in devarch"),
        "{err}"
    );
    for (typed, said) in [
        (
            "2018-13",
            "\"2018-13\" is not a date: give a date YYYY-MM-DD, a month YYYY-MM",
        ),
        (
            "2018-04..2018-03",
            "\"2018-04..2018-03\" runs backwards: 2018-04-01 is after 2018-03-31",
        ),
        ("March", "\"March\" is not a date"),
    ] {
        let (code, _, err) = show(&[typed]);
        assert_eq!(code, Some(2), "{typed}");
        assert!(err.contains(said), "{typed}: {err}");
    }
    let (code, _, err) = show(&["2018-03-06"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("2018-03-06 is in several groups (devarch, prodarch): pick one with --group"),
        "{err}"
    );
}

/// `--format json` prints an object a day, a line each: one line for a date, as before;
/// a line per day for a span.
#[test]
fn show_json_is_a_line_a_day() {
    let (code, text, _) = show(&["2018-03", "--format", "json"]);
    assert_eq!(code, Some(0));
    let days: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let keys: Vec<String> = (days.iter())
        .map(|d| {
            format!(
                "{}/{} {}",
                d["group"],
                d["date"],
                d["messages"].as_array().unwrap().len()
            )
        })
        .collect();
    assert_eq!(
        keys,
        [
            "\"devarch\"/\"2018-03-04\" 10",
            "\"devarch\"/\"2018-03-06\" 23",
            "\"devarch\"/\"2018-03-07\" 20",
            "\"prodarch\"/\"2018-03-04\" 222",
            "\"prodarch\"/\"2018-03-05\" 158",
            "\"prodarch\"/\"2018-03-06\" 169",
            "\"prodarch\"/\"2018-03-07\" 150",
        ]
    );
}

/// Under `--speaker` or folding, a heading counts the messages written, of how many, and
/// says what left the others out.
#[test]
fn show_headings_count_what_is_written() {
    let (_, text, _) = show(&["2019-04", "--group", "quirks", "--speaker", "韩梅梅"]);
    assert_eq!(
        headings(&text),
        [
            "# quirks 2019-04-01 (Monday) · 1 of 13 messages, speaker 韩梅梅",
            "# quirks 2019-04-02 (Tuesday) · 1 of 3 messages, speaker 韩梅梅",
        ]
    );
    assert_eq!(text.lines().count(), 2 + 2 + 1);
    let (_, folded, _) = show(&["2019-04-01"]);
    assert_eq!(
        headings(&folded),
        ["# quirks 2019-04-01 (Monday) · 12 of 13 messages, echoes folded"]
    );
    let (_, all, _) = show(&["2019-04-01", "--all"]);
    assert_eq!(
        headings(&all),
        ["# quirks 2019-04-01 (Monday) · 13 messages"]
    );
    let Some(real) = real_logs() else {
        return;
    };
    let args = [
        "show",
        real.to_str().unwrap(),
        "2018-03-26",
        "--group",
        "prodarch",
        "--speaker",
        "MyCity",
    ];
    let text = stdout(&chatlog(&args));
    assert_eq!(
        headings(&text),
        ["# prodarch 2018-03-26 (Monday) · 20 of 310 messages, speaker MyCity"]
    );
    assert_eq!(text.lines().count(), 21);
}

/// `--format csv`: a header, then a record per message ending in CRLF, quoted as RFC 4180
/// wants (commas, quotes, line breaks); `--bom` puts a UTF-8 BOM first, and goes with csv
/// alone.
#[test]
fn show_csv_quotes_as_rfc_4180_and_bom_opens_it() {
    let (code, text, _) = show(&["2019-04-02", "--format", "csv"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        text,
        "group,date,time,speaker,kind,text\r\n\
         quirks,2019-04-02,20:00:00,李雷-云支付-产品-北京,text,This day file has Windows line endings (CRLF) and a UTF-8 BOM.\r\n\
         quirks,2019-04-02,20:00:30,韩梅梅,text,备付金集中存管以后，支付机构的对账流程简化了很多。\r\n\
         quirks,2019-04-02,20:01:00,Ryan Cao,text,\"T+1 settlement, 备付金, 反洗钱 — all searchable with / in the reader.\"\r\n"
    );
    let (_, day, _) = show(&["2019-04-01", "--format", "csv", "--all"]);
    assert!(
        day.contains("\r\nquirks,2019-04-01,09:08:00,Ryan Cao,link,\"[网联清算平台说明\n](https://example.org/nucc)\"\r\n"),
        "{day}"
    );
    assert_eq!(day.matches("\r\n").count(), 1 + 13);
    let (_, span, _) = show(&["2019", "--format", "csv", "--group", "quirks", "--bom"]);
    assert!(
        span.starts_with("\u{feff}group,date,time,speaker,kind,text\r\n"),
        "{span:?}"
    );
    assert_eq!(
        span.matches("group,date").count(),
        1,
        "one header for the span"
    );
    let (code, _, err) = show(&["2019-04-02", "--bom"]);
    assert_eq!(
        (code, err.as_str()),
        (Some(2), "chatlog: --bom goes with --format csv\n")
    );
}
