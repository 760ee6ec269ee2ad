//! A site root: the sample of the real site (older unnamed logs, write-ups, digests, pages)
//! and synthetic cases of each form, through the commands and the loader.

use std::path::Path;

use chatlog::load::load;
use chatlog::model::{Archive, Entry};
use chatlog::search::{Matcher, Scope, search_day};
use serde_json::Value;

use crate::cli::{chatlog, stdout};
use crate::common::TempDir;
use crate::common::real_logs::real_site;

/// On the sample site `check` exits 0: the two undated pages are noted at info level, the
/// digest whose front matter date differs from its name is the one warning, no errors.
#[test]
fn the_sample_site_checks_clean() {
    let Some(site) = real_site() else { return };
    let out = chatlog(&["check", site.to_str().unwrap()]);
    let text = stdout(&out);
    let root = site.display();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            format!(
                "{root}/wechat/monthly/_posts/2017-05-05-monthly.markdown: warning: front matter date 2017-05-01 differs from the file name's: using 2017-05-01"
            ),
            format!("{root}/README.md: info: no date and no messages: a page, not a day log: skipped"),
            format!("{root}/about.md: info: no date and no messages: a page, not a day log: skipped"),
            "9 days, 1008 messages in 6 groups, 4 documents: 1 problems (0 errors, 1 warnings); 2 pages skipped".to_owned(),
        ],
        "{text}"
    );
    assert_eq!(out.status.code(), Some(0));
}

/// `stats --json` counts the documents apart from the messages; the two older unnamed logs
/// hold 89 and 609 messages (three of the 609 are written with a one-digit hour, `9:18:08`,
/// as named headers may be too).
#[test]
fn the_sample_site_counts_documents_and_unnamed_messages() {
    let Some(site) = real_site() else { return };
    let out = chatlog(&["stats", site.to_str().unwrap(), "--json"]);
    let stats: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(stats["documents"], 4);
    assert_eq!(stats["messages"], 1008);
    assert_eq!(stats["per_day"]["wechat/2017-05-06"], 89);
    assert_eq!(stats["per_day"]["wechat/2017-05-10"], 609);
    assert_eq!(
        stats["per_day"]["wechat/2018-03-27"], 0,
        "a write-up holds no messages"
    );
    assert_eq!(
        stats["top_speakers"][0],
        serde_json::json!(["(no name)", 698])
    );
    let (archive, _) = load(&site).unwrap();
    let titles: Vec<&str> = (archive.days.iter())
        .flat_map(|d| &d.documents)
        .map(|d| d.title.as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "支付行业词汇表",
            "今日头条",
            "2017-05-09聊天记录整理版",
            "20180327-p2p账户系统"
        ]
    );
}

/// A synthetic site holding each form: a chat day and a document on one date, an unnamed
/// log with tabs, empty texts and a one-digit hour, a document with a code block and a
/// table, and an undated page.
fn synthetic_site() -> TempDir {
    let dir = TempDir::new("site");
    let write = |rel: &str, text: &str| {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "g/_posts/2019-01-01-chat.markdown",
        "---\ntitle: \"2019-01-01-WeChat\"\ndate: 2019-01-01 12:00:00\n---\n> 10:00:00  A  \n   \nhello  \n   \n> 10:01:00  B  \n   \nworld  \n",
    );
    write(
        "g/_posts/2019-01-01-notes.markdown",
        "---\ntitle: \"整理版\"\ndate: 2019-01-01 20:00:00\n---\n\n## 结论\n\n- 代扣 is fine\n\n```\nlet t = \"12:00:00\"; // <b>&amp;</b>\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    );
    write(
        "g/_posts/2019-01-02-old.markdown",
        "---\ntitle: \"聊天记录2019-01-02未整理版\"\ndate: 2019-01-02 12:00:00\n---\n  09:00:01\tfirst\n\t10:00:00\t \ncontinued on\n9:30:00\n  11:00:00  last one\n",
    );
    write("about.md", "---\ntitle: About\n---\n\nThis is a site.\n");
    dir
}

#[test]
fn a_document_and_a_chat_day_share_their_date() {
    let dir = synthetic_site();
    let (archive, problems) = load(dir.path()).unwrap();
    let day = &archive.days[0];
    assert_eq!(day.date.to_string(), "2019-01-01");
    assert_eq!(day.messages.len(), 2);
    let doc = &day.documents[0];
    assert_eq!(doc.title, "整理版");
    assert_eq!(
        day.document_text(doc),
        "## 结论\n\n- 代扣 is fine\n\n```\nlet t = \"12:00:00\"; // <b>&</b>\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |",
        "the code block and the table are kept as written (entities decoded, as in bodies)"
    );
    assert_eq!(day.meta.title.as_deref(), Some("2019-01-01-WeChat"));
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(archive.notes.len(), 1, "the undated page is a note");
    assert_eq!(
        archive.notes[0].to_string(),
        format!(
            "{}: info: no date and no messages: a page, not a day log: skipped",
            dir.path().join("about.md").display()
        )
    );
    // The search a reader runs finds the document after the messages; a command's finds
    // messages only, and a speaker filter leaves documents out.
    let m = Matcher::new("代扣", false).unwrap();
    let reader = Scope {
        documents: true,
        ..Scope::default()
    };
    assert_eq!(search_day(day, &m, &reader), [2]);
    assert!(matches!(day.entry(2), Some(Entry::Document(_))));
    assert!(search_day(day, &m, &Scope::default()).is_empty());
    let only_a = Scope {
        documents: true,
        ..Scope::named(&archive, None, &["A"], false).unwrap()
    };
    assert!(search_day(day, &m, &only_a).is_empty());
}

#[test]
fn unnamed_lines_with_tabs_empty_texts_and_one_digit_hours_are_messages() {
    let dir = synthetic_site();
    let (archive, _) = load(dir.path()).unwrap();
    let day = &archive.days[1];
    let seen: Vec<(String, &str, &str)> = (day.messages.iter())
        .map(|m| (m.time.to_string(), archive.speaker(m.speaker), day.body(m)))
        .collect();
    assert_eq!(
        seen,
        [
            ("09:00:01".to_owned(), "(no name)", "first"),
            ("10:00:00".to_owned(), "(no name)", "continued on"),
            ("09:30:00".to_owned(), "(no name)", ""),
            ("11:00:00".to_owned(), "(no name)", "last one"),
        ]
    );
    let unnamed = archive.unnamed.expect("an unnamed speaker");
    assert!(day.messages.iter().all(|m| m.speaker == unnamed));
    assert_ne!(archive.speakers_named(&["A"]), [unnamed]);
    let scope = Scope::named(&archive, None, &["(no name)"], false).unwrap();
    assert!(
        scope
            .speakers
            .is_some_and(|f| f.contains(unnamed) && f.len() == 1)
    );
}

/// `show` prints a day's documents after its messages; JSON gives them as `documents`,
/// present only in a day that has some; the Markdown of a day of documents alone loads back
/// as the same document.
#[test]
fn show_writes_documents_in_every_format() {
    let dir = synthetic_site();
    let root = dir.path().to_str().unwrap();
    let text = stdout(&chatlog(&["show", root, "2019-01-01"]));
    assert!(
        text.contains("10:01:00 B: world\ndocument: 整理版\n  ## 结论\n\n  - 代扣 is fine\n"),
        "{text}"
    );
    let show_json = |date: &str| -> Value {
        let out = stdout(&chatlog(&["show", root, date, "--format", "json"]));
        serde_json::from_str(&out).unwrap()
    };
    let json = show_json("2019-01-01");
    assert_eq!(json["documents"][0]["title"], "整理版");
    assert_eq!(json["messages"].as_array().unwrap().len(), 2);
    let csv = stdout(&chatlog(&["show", root, "2019-01-01", "--format", "csv"]));
    assert!(
        csv.ends_with("g,2019-01-01,,,document,\"整理版\n## 结论\n\n- 代扣 is fine\n\n```\nlet t = \"\"12:00:00\"\"; // <b>&</b>\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\"\r\n"),
        "{csv}"
    );
    let plain = show_json("2019-01-02");
    assert!(plain.get("documents").is_none());

    let alone = TempDir::new("site-doc-alone");
    let (archive, _) = load(dir.path()).unwrap();
    let md = markdown_of_documents(&archive, alone.path());
    let (again, problems) = load(alone.path()).unwrap();
    assert!(problems.is_empty(), "{problems:?}\n{md}");
    let (before, after) = (&archive.days[0], &again.days[0]);
    assert_eq!(
        after.document_text(&after.documents[0]),
        before.document_text(&before.documents[0])
    );
    assert!(after.messages.is_empty());
}

/// Writes the first day's document alone as Markdown into `dir`; returns what was written.
fn markdown_of_documents(archive: &Archive, dir: &Path) -> String {
    let day = &archive.days[0];
    let mut out = Vec::new();
    let documents: Vec<usize> = day.document_entries().collect();
    chatlog::export::write_day(
        archive,
        day,
        &documents,
        chatlog::export::Format::Markdown,
        &mut out,
    )
    .unwrap();
    let text = String::from_utf8(out).unwrap();
    std::fs::write(dir.join("2019-01-01-doc.md"), &text).unwrap();
    text
}

/// A file with message lines but no date anywhere is still an error: its messages are lost.
#[test]
fn an_undated_file_with_messages_is_an_error_and_an_undated_page_is_not() {
    let dir = synthetic_site();
    std::fs::write(dir.path().join("lost.md"), "> 10:00:00  A\n   \nhi\n").unwrap();
    let out = chatlog(&["check", dir.path().to_str().unwrap()]);
    let text = stdout(&out);
    assert!(
        text.contains(
            "lost.md: error: no date in the front matter, the title or the file name: file skipped"
        ),
        "{text}"
    );
    assert!(text.contains("about.md: info: "), "{text}");
    assert!(
        text.ends_with("(1 errors, 0 warnings); 1 page skipped\n"),
        "{text}"
    );
    assert_eq!(out.status.code(), Some(1));
}

/// The MCP `read_day` gives a day's documents beside its messages, inert, and leaves them
/// out when a speaker is asked for.
#[test]
fn read_day_gives_documents() {
    use chatlog::mcp::day::{ReadDayArgs, read_day};
    let dir = synthetic_site();
    let (archive, _) = load(dir.path()).unwrap();
    let args = |speaker: Option<&str>| ReadDayArgs {
        date: "2019-01-01".to_owned(),
        speaker: speaker.map(str::to_owned),
        ..ReadDayArgs::default()
    };
    let read = read_day(&archive, args(None)).unwrap();
    assert_eq!(read.messages.len(), 2);
    assert_eq!(read.documents.len(), 1);
    assert_eq!(read.documents[0].title, "整理版");
    assert!(read.documents[0].text.starts_with("## 结论\n\n- 代扣"));
    let theirs = read_day(&archive, args(Some("A"))).unwrap();
    assert!(theirs.documents.is_empty());
    assert_eq!(theirs.messages.len(), 1);
}
