//! The parser on strings: one test per quirk of FORMAT.md, and properties over any input.

use std::path::Path;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use chatlog::model::Kind;
use chatlog::parse::{ParsedDay, parse_day};
use chatlog::problem::{Problem, Severity};
use proptest::prelude::*;

const FRONT: &str = "---\nlayout:     source \ntitle:      \"2017-12-09-WeChat\"\ndate:       2017-12-09 12:00:00\nauthor:     \"PaymentGroup\"\nlines:      182 \ntag:\t\t  [chat]\nheader-img: \"img/post-bg-wechat.jpg\"\n---\n";

fn parse(name: &str, text: &str) -> (ParsedDay, Vec<Problem>) {
    let (day, problems) = parse_day(Path::new(name), text.as_bytes());
    (day.expect("a day"), problems)
}

/// (time, speaker, body) of every message.
fn triples(day: &ParsedDay) -> Vec<(String, String, String)> {
    day.messages
        .iter()
        .map(|m| {
            (
                m.time.to_string(),
                day.speaker(m).to_owned(),
                day.body(m).to_owned(),
            )
        })
        .collect()
}

fn t(time: &str, speaker: &str, body: &str) -> (String, String, String) {
    (time.to_owned(), speaker.to_owned(), body.to_owned())
}

#[test]
fn real_front_matter_with_tabs_and_padding() {
    let text =
        format!("{FRONT}> 12:32:36  我  \n   \n项目文档： http://doc-jigsaw.lixf.cn  \n   \n");
    let (day, problems) = parse("2017-12-09-chat.markdown", &text);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(day.date.unwrap().to_string(), "2017-12-09");
    assert_eq!(day.meta.title.as_deref(), Some("2017-12-09-WeChat"));
    assert_eq!(day.meta.author.as_deref(), Some("PaymentGroup"));
    assert_eq!(day.meta.lines, Some(182));
    assert_eq!(
        triples(&day),
        [t("12:32:36", "我", "项目文档： http://doc-jigsaw.lixf.cn")]
    );
    assert_eq!(day.messages[0].kind, Kind::Link);
    assert_eq!(day.messages[0].line, 10);
}

#[test]
fn fences_with_trailing_spaces_unknown_keys_and_none_author() {
    let text = "---  \ntitle: x\ndate:   2018-01-13 12:00:00\nauthor:     None\nfoo: [bar, baz]\n---   \n> 10:00:00  A  \n   \nhi  \n";
    let (day, problems) = parse("x.md", text);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(day.date.unwrap().to_string(), "2018-01-13");
    assert_eq!(day.meta.author.as_deref(), Some("None"));
    assert_eq!(triples(&day), [t("10:00:00", "A", "hi")]);
}

#[test]
fn date_from_title_then_file_name_with_warnings() {
    let (day, problems) = parse("x.md", "---\ntitle: \"2018-01-06-WeChat\"\n---\n");
    assert_eq!(day.date.unwrap().to_string(), "2018-01-06");
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].severity, Severity::Warning);
    assert!(problems[0].message.contains("title"), "{}", problems[0]);

    let (day, problems) = parse("logs/2018-01-04-chat.md", "> 10:00:00  A\n\nhi\n");
    assert_eq!(day.date.unwrap().to_string(), "2018-01-04");
    assert!(
        problems[0].message.contains("no front matter"),
        "{}",
        problems[0]
    );
    assert_eq!(day.messages.len(), 1);
}

#[test]
fn no_date_anywhere_skips_the_file_with_an_error() {
    let (day, problems) = parse_day(Path::new("notes.md"), b"> 10:00:00  A\n\nhi\n");
    assert!(day.is_none());
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].severity, Severity::Error);
    assert!(
        problems[0]
            .to_string()
            .starts_with("notes.md: error: no date")
    );
}

#[test]
fn broken_yaml_is_a_warning_with_a_line_and_the_day_stays() {
    let text = "---\ntitle: \"2018-01-05-WeChat\"\ndate: : :\nlayout: [unclosed\n---\n> 10:00:00  A\n\nhi\n";
    let (day, problems) = parse("x.md", text);
    assert_eq!(day.date.unwrap().to_string(), "2018-01-05");
    assert_eq!(day.messages.len(), 1);
    let yaml = problems
        .iter()
        .find(|p| p.message.contains("YAML"))
        .expect("a YAML problem");
    assert_eq!(yaml.severity, Severity::Warning);
    // `date: : :` is the file's line 3, and YAML's own words say so too.
    assert_eq!(yaml.line, Some(3), "{yaml}");
    assert!(yaml.message.contains("at line 3 column 7"), "{yaml}");
}

/// libyaml is quadratic in nesting depth: this 1 MB front matter of ever deeper `[` took four
/// minutes. It is now read line by line at once; the test fails, rather than hangs, if not.
#[test]
fn a_huge_front_matter_is_read_line_by_line_without_hanging() {
    let nested = "a: [\n".repeat(200_000);
    let text = format!("---\ntitle: \"2018-01-05-WeChat\"\n{nested}---\n> 10:00:00  A\n\nhi\n");
    let (done, parsed) = mpsc::channel();
    thread::spawn(move || {
        let _ = done.send(parse("x.md", &text));
    });
    let (day, problems) = parsed
        .recv_timeout(Duration::from_secs(60))
        .expect("parsed within a minute");
    assert_eq!(day.date.unwrap().to_string(), "2018-01-05");
    assert_eq!(triples(&day), [t("10:00:00", "A", "hi")]);
    let big = &problems[0];
    assert_eq!(big.line, Some(1));
    assert!(
        big.message.contains("front matter is 976 KiB") && big.message.contains("line by line"),
        "{big}"
    );
}

/// An unclosed front matter ends at the first header: its date still counts (the file name
/// has none here, so reading it as messages lost the whole file).
#[test]
fn unclosed_front_matter_ends_at_the_first_header() {
    let text = "---\ntitle: \"2018-02-01-WeChat\"\nauthor: x\n> 10:00:00  A\n\nhi\n";
    let (day, problems) = parse("notes.md", text);
    assert_eq!(day.date.unwrap().to_string(), "2018-02-01");
    assert_eq!(triples(&day), [t("10:00:00", "A", "hi")]);
    assert_eq!(day.messages[0].line, 4);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert_eq!(
        problems[0].to_string(),
        "notes.md:1: warning: front matter has no closing `---`: \
         lines 2 to 3 read as front matter, messages from line 4"
    );
    assert!(problems[1].message.contains("taken from the title"));

    let (day, problems) = parse("2018-02-01.md", "---\n> 10:00:00  A\n\nhi\n---\n");
    assert_eq!(triples(&day), [t("10:00:00", "A", "hi\n---")]);
    assert!(problems[0].message.ends_with("messages from line 2"));

    let (day, problems) = parse("2018-02-01.md", "---\ntitle: x\n");
    assert!(day.messages.is_empty());
    assert!(
        problems[0]
            .message
            .ends_with("no message follows: the whole file read as front matter")
    );
}

#[test]
fn front_matter_only_is_a_day_without_messages() {
    let (day, problems) = parse("2017-12-09-chat.markdown", FRONT);
    assert!(problems.is_empty());
    assert!(day.messages.is_empty());
    assert_eq!(day.date.unwrap().to_string(), "2017-12-09");
}

#[test]
fn header_forms() {
    let text = format!(
        "{FRONT}> 9:05:01  Short Hour  \n\na\n\n> 10:00:00 OneSpace\n\nb\n\n> 20:18:53    \n\nc\n\n\
         > 10:00:02  A??&    kyle  \n\nd\n\n> 10:00:03  覃（qin）\n\ne\n\n> 10:00:04\tTab  \n\nf\n"
    );
    let (day, _) = parse("2017-12-09.md", &text);
    assert_eq!(
        triples(&day),
        [
            t("09:05:01", "Short Hour", "a"),
            t("10:00:00", "OneSpace", "b"),
            t("20:18:53", "", "c"),
            t("10:00:02", "A??&    kyle", "d"),
            t("10:00:03", "覃（qin）", "e"),
            t("10:00:04", "Tab", "f"),
        ]
    );
}

#[test]
fn lines_that_look_like_headers_but_are_not_stay_body_text() {
    let text = format!(
        "{FRONT}> 10:00:00  A  \n   \n> not a header  \n> 25:00:00  Bad hour\n> 10:61:00  Bad minute\n> 10:00:00x\n>10:00:00  NoSpace\n   \n"
    );
    let (day, _) = parse("2017-12-09.md", &text);
    assert_eq!(
        triples(&day),
        [t(
            "10:00:00",
            "A",
            "> not a header\n> 25:00:00  Bad hour\n> 10:61:00  Bad minute\n> 10:00:00x\n>10:00:00  NoSpace"
        )]
    );
}

#[test]
fn bodies_trimmed_blank_edges_dropped_inner_lines_kept() {
    let text = format!(
        "{FRONT}> 10:00:00  A  \n   \n\n  line one   \n[title\r\n](http://x.y)  \n   \nlast\t\n   \n\n> 10:00:01  B  \n   \n"
    );
    let (day, _) = parse("2017-12-09.md", &text);
    assert_eq!(
        triples(&day),
        [
            t("10:00:00", "A", "  line one\n[title\n](http://x.y)\n\nlast"),
            t("10:00:01", "B", "")
        ]
    );
}

#[test]
fn space_only_and_empty_bodies_are_messages() {
    let text = format!(
        "{FRONT}> 10:00:00  A  \n   \n  \n   \n> 10:00:01  B  \n> 10:00:02  C  \n   \nx  \n"
    );
    let (day, _) = parse("2017-12-09.md", &text);
    assert_eq!(
        triples(&day),
        [
            t("10:00:00", "A", ""),
            t("10:00:01", "B", ""),
            t("10:00:02", "C", "x")
        ]
    );
}

#[test]
fn file_order_kept_when_times_go_back_and_near_duplicates_kept() {
    let text = format!(
        "{FRONT}> 10:00:00  Yezhiwei  \n   \nsame  \n   \n> 10:00:00  Yezhiwei-融汇金信-技术-北京  \n   \nsame  \n   \n> 09:00:00  B  \n   \nearlier  \n"
    );
    let (day, _) = parse("2017-12-09.md", &text);
    assert_eq!(
        triples(&day),
        [
            t("10:00:00", "Yezhiwei", "same"),
            t("10:00:00", "Yezhiwei-融汇金信-技术-北京", "same"),
            t("09:00:00", "B", "earlier")
        ]
    );
    assert_eq!(day.speakers.len(), 3);
}

#[test]
fn speakers_are_interned_per_file() {
    let text = format!("{FRONT}> 10:00:00  A  \n\nx\n> 10:00:01  B  \n\ny\n> 10:00:02  A  \n\nz\n");
    let (day, _) = parse("2017-12-09.md", &text);
    assert_eq!(day.speakers.iter().collect::<Vec<_>>(), ["A", "B"]);
    assert_eq!(day.messages[0].speaker, day.messages[2].speaker);
}

#[test]
fn entities_decoded_for_every_era() {
    let text = format!(
        "{FRONT}> 10:00:00  A  \n\na < b & \"c\"  \n> 10:00:01  A  \n\n&gt; quote  \n> 10:00:02  A  \n\nx&amp;#160;y &amp;amp; &amp;quot;q&amp;quot; &amp;gt; &amp;#183; &amp;amp;amp;  \n> 10:00:03  A  \n\nif x &amp;lt;= 3  \n"
    );
    let (day, _) = parse("2017-12-09.md", &text);
    let bodies: Vec<String> = triples(&day).into_iter().map(|(_, _, b)| b).collect();
    assert_eq!(
        bodies,
        [
            "a < b & \"c\"",
            "> quote",
            "x\u{a0}y & \"q\" > · &",
            "if x <= 3"
        ]
    );
}

#[test]
fn kinds() {
    let text = format!(
        "{FRONT}> 11:56:21  A  \n\n![2018-03-26 11:56:21](http://static.cocolian.org/img/20180326_115621.png) \n> 11:56:22  A  \n\nsee https://x.y/z  \n> 11:56:23  A  \n\n[强]  \n"
    );
    let (day, _) = parse("2017-12-09.md", &text);
    let kinds: Vec<Kind> = day.messages.iter().map(|m| m.kind).collect();
    assert_eq!(kinds, [Kind::Image, Kind::Link, Kind::Text]);
    assert_eq!(
        day.body(&day.messages[0]),
        "![2018-03-26 11:56:21](http://static.cocolian.org/img/20180326_115621.png)"
    );
}

#[test]
fn control_characters_and_wide_spaces_are_kept_as_data() {
    let text =
        format!("{FRONT}> 10:00:00  A  \n\n\u{10}x\u{12}\u{14} \u{1b}]0;title\u{7}　end  \n");
    let (day, _) = parse("2017-12-09.md", &text);
    assert_eq!(
        day.body(&day.messages[0]),
        "\u{10}x\u{12}\u{14} \u{1b}]0;title\u{7}　end"
    );
}

#[test]
fn text_before_the_first_header_is_reported_with_its_line() {
    let text = format!("{FRONT}stray one\n\nstray two\n> 10:00:00  A  \n\nx\n");
    let (day, problems) = parse("2017-12-09.md", &text);
    assert_eq!(day.messages.len(), 1);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].line, Some(10));
    assert!(
        problems[0].message.starts_with("2 line(s)"),
        "{}",
        problems[0]
    );
}

#[test]
fn bom_and_crlf() {
    let text = format!("\u{feff}{FRONT}> 10:00:00  A  \n   \nhi  \n").replace('\n', "\r\n");
    let (day, problems) = parse("2017-12-09.md", &text);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(day.meta.title.as_deref(), Some("2017-12-09-WeChat"));
    assert_eq!(triples(&day), [t("10:00:00", "A", "hi")]);
}

#[test]
fn gbk_is_decoded_and_reported() {
    let text = format!(
        "{FRONT}> 10:00:00  张三  \n\n我们讨论一下代扣和清算的对账流程，还有备付金的问题。  \n"
    );
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let (day, problems) = parse_day(Path::new("2017-12-09.md"), &gbk);
    let day = day.unwrap();
    assert_eq!(
        triples(&day),
        [t(
            "10:00:00",
            "张三",
            "我们讨论一下代扣和清算的对账流程，还有备付金的问题。"
        )]
    );
    assert_eq!(problems.len(), 1);
    assert!(problems[0].message.contains("not UTF-8"), "{}", problems[0]);
    assert!(problems[0].message.contains("GB"), "{}", problems[0]);
}

#[test]
fn utf16_with_bom_is_decoded() {
    let text = format!("{FRONT}> 10:00:00  A  \n\n你好  \n");
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let (day, problems) = parse_day(Path::new("2017-12-09.md"), &bytes);
    assert_eq!(triples(&day.unwrap()), [t("10:00:00", "A", "你好")]);
    assert!(problems[0].message.contains("UTF-16"));
}

/// Parses damaged UTF-8 `bytes`: the messages must be `expected`, and the one problem the
/// warning for `n` bad bytes from line `line` on.
fn assert_damaged(bytes: &[u8], expected: &[(String, String, String)], line: u32, n: usize) {
    let (day, problems) = parse_day(Path::new("2017-12-09.md"), bytes);
    assert_eq!(triples(&day.unwrap()), expected);
    assert_eq!(
        lines(&problems),
        [format!(
            "2017-12-09.md:{line}: warning: {n} byte(s) that are not UTF-8 in a UTF-8 file, \
             the first on this line (a damaged or cut file?): shown as \u{fffd}"
        )]
    );
}

/// One bad byte in a UTF-8 day (a flipped bit) is that byte lost, not every message: the
/// rest stays UTF-8, the byte shows as U+FFFD, and a warning names its line.
#[test]
fn a_bad_byte_in_a_utf8_file_is_replaced_and_reported_at_its_line() {
    let text = format!(
        "{FRONT}> 10:00:00  张三  \n   \n代扣 X 清算  \n   \n> 10:00:01  李四  \n   \n备付金  \n"
    );
    let mut bytes = text.into_bytes();
    let x = bytes.iter().position(|&b| b == b'X').unwrap();
    bytes[x] = 0xff;
    let expected = [
        t("10:00:00", "张三", "代扣 \u{fffd} 清算"),
        t("10:00:01", "李四", "备付金"),
    ];
    assert_damaged(&bytes, &expected, 12, 1);
}

/// A UTF-8 day cut in the middle of its last character keeps every message whole but that
/// character; it was read as windows-1252, every message garbled.
#[test]
fn a_utf8_file_cut_mid_character_stays_utf8() {
    let text = format!(
        "{FRONT}> 10:00:00  张三  \n   \n代扣和清算  \n   \n> 10:00:01  李四  \n   \n备付金"
    );
    let expected = [
        t("10:00:00", "张三", "代扣和清算"),
        t("10:00:01", "李四", "备付\u{fffd}"),
    ];
    assert_damaged(&text.as_bytes()[..text.len() - 1], &expected, 16, 2);
}

/// Problems as `check` prints them.
fn lines(problems: &[Problem]) -> Vec<String> {
    problems.iter().map(Problem::to_string).collect()
}

/// A binary file named `.md` is no day: it would be a day of gibberish from the file name's date.
#[test]
fn binary_files_are_skipped_with_what_they_look_like() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\xff\xfe";
    let (day, problems) = parse_day(Path::new("2018-01-01-chat.md"), png);
    assert!(day.is_none());
    assert_eq!(
        lines(&problems),
        ["2018-01-01-chat.md: error: not a text file (a PNG image): skipped"]
    );
    let (day, problems) = parse_day(Path::new("2018-01-01.md"), b"\xde\xad\0\xbe\xef");
    assert!(day.is_none());
    assert_eq!(
        lines(&problems),
        ["2018-01-01.md: error: not a text file (binary data): skipped"]
    );
}

/// NUL bytes in a text file are damage, not a binary file: kept, and reported at the first.
#[test]
fn nul_bytes_in_text_are_kept_and_reported_at_their_line() {
    let text = format!("{FRONT}> 10:00:00  A\0B  \n\nzeroed\0\0 here  \n");
    let (day, problems) = parse("2017-12-09.md", &text);
    assert_eq!(triples(&day), [t("10:00:00", "A\0B", "zeroed\0\0 here")]);
    assert_eq!(
        lines(&problems),
        [
            "2017-12-09.md:10: warning: 3 NUL byte(s), the first on this line (a damaged file?): shown as ␀"
        ]
    );
}

/// Found by `any_lines_never_panic`: an unclosed front matter whose last line has no line
/// end read past the text's end.
#[test]
fn an_unclosed_front_matter_without_a_last_line_end_loads() {
    let (day, _) = parse_day(Path::new("2018-01-01.md"), b"---\ndate: 2020-01-01");
    let date = day.and_then(|d| d.date).map(|d| d.to_string());
    assert_eq!(date.as_deref(), Some("2020-01-01"));
}

#[test]
fn empty_and_blank_files_are_no_day() {
    for bytes in [&b""[..], b" \n\r\n\t\n", b"\xef\xbb\xbf"] {
        let (day, problems) = parse_day(Path::new("2018-01-01.md"), bytes);
        assert!(day.is_none(), "{bytes:?}");
        assert_eq!(
            lines(&problems),
            ["2018-01-01.md: warning: empty file: not a day"]
        );
    }
}

/// Header lines by an independent pattern.
fn count_headers(lines: &[String]) -> usize {
    let re = regex::Regex::new(r"^> ([01]?[0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]([ \t]|$)").unwrap();
    lines.iter().filter(|l| re.is_match(l)).count()
}

fn line_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        "> [0-9]{1,2}:[0-9]{2}:[0-9]{2}[ \t]{0,3}[^\n\r]{0,12}",
        "> [0-9]:[0-9]{2}:[0-9]{2}",
        "[ ]{0,4}",
        "---",
        "[^\n\r]{0,30}",
        ">[^\n\r]{0,10}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let (day, problems) = parse_day(Path::new("2018-01-01.md"), &bytes);
        let Some(day) = day else {
            // The file name gives a date: only an empty or binary file is no day.
            let why = problems.iter().map(|p| p.message.as_str()).collect::<Vec<_>>();
            prop_assert!(why == ["empty file: not a day"] || why[0].starts_with("not a text file"));
            return Ok(());
        };
        for m in &day.messages {
            prop_assert!(m.body.0 <= m.body.1 && m.body.1 as usize <= day.text.len());
        }
    }

    /// Front matter, headers and text in any order, ended with a line end or not, so that a
    /// reader of lines meets every kind of line last.
    #[test]
    fn any_lines_never_panic(
        lines in proptest::collection::vec(prop_oneof![
            line_strategy(),
            Just("date: 2018-01-01".to_string()),
            Just("  10:00:01\tunnamed".to_string()),
        ], 0..12),
        crlf in any::<bool>(),
        last_end in any::<bool>(),
    ) {
        let end = if crlf { "\r\n" } else { "\n" };
        let mut text = lines.join(end);
        if last_end {
            text.push_str(end);
        }
        let (day, _) = parse_day(Path::new("2018-01-01.md"), text.as_bytes());
        for m in day.iter().flat_map(|day| &day.messages) {
            prop_assert!(m.body.1 as usize <= day.as_ref().map_or(0, |d| d.text.len()));
        }
    }

    #[test]
    fn every_header_line_is_exactly_one_message(lines in proptest::collection::vec(line_strategy(), 0..60)) {
        let text = format!("{FRONT}{}\n", lines.join("\n"));
        let (day, _) = parse("2017-12-09.md", &text);
        prop_assert_eq!(day.messages.len(), count_headers(&lines));
    }
}
