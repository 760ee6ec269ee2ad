//! Days written out: as `show` prints them, back in the archive's own Markdown, as JSON
//! (one object a day, a line each) or as CSV. `chatlog show --format` and the reader's
//! `:export` both write through [`write_days`], so a day looks the same whichever way it
//! leaves.
//!
//! [`to_file`] is `:export`: chatlog never writes inside an archive, so it refuses any path
//! that lands there, links followed.
//!
//! Every format is inert on a terminal: text and CSV show controls as pictures, JSON
//! escapes them, and Markdown writes them as `&#N;` entities, which the parser decodes back.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde_json::json;

use crate::document;
use crate::entities;
use crate::json::write_json;
use crate::load;
use crate::model::{Archive, Day, Document, Message};
use crate::parse::parse_header;
use crate::text;

pub mod atomic;
mod csv;
mod json_day;

use json_day::JsonDay;
pub use json_day::{JsonDocument, JsonFound, JsonMessage};

/// How days are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A line per message, under a heading per day.
    #[default]
    Text,
    /// Day files in the archive's format, which chatlog loads again.
    Markdown,
    /// One JSON object a day, a line each: group, date, messages (time, speaker, kind, text).
    Json,
    /// A row per message: group,date,time,speaker,kind,text (RFC 4180).
    Csv,
}

impl Format {
    /// The format a file name asks for: `.md` or `.markdown` Markdown, `.json` JSON, `.csv`
    /// CSV, any other name text.
    pub fn for_path(path: &Path) -> Format {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if load::is_day_file(path) {
            Format::Markdown
        } else if ext.eq_ignore_ascii_case("json") {
            Format::Json
        } else if ext.eq_ignore_ascii_case("csv") {
            Format::Csv
        } else {
            Format::Text
        }
    }
}

/// What is written: days, each with the messages to write, and what chose those messages,
/// so that a heading can say what it counts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Each day (its index in `Archive::days`) with the indices of the messages to write,
    /// in file order.
    pub days: Vec<(usize, Vec<usize>)>,
    /// What chose the messages, as a heading names it (`speaker 张三, &签到`); empty for
    /// nothing.
    pub filters: String,
    /// Echoes were left out.
    pub folded: bool,
}

impl Selection {
    /// Messages and documents written in all: (messages, documents).
    pub fn counts(&self, archive: &Archive) -> (usize, usize) {
        let mut counts = (0, 0);
        for (day, shown) in &self.days {
            let messages = archive.days.get(*day).map_or(0, |d| d.messages.len());
            let written = shown.iter().filter(|&&i| i < messages).count();
            counts.0 += written;
            counts.1 += shown.len() - written;
        }
        counts
    }
}

/// Writes every day of `selection` in `format`: text days one after another with a blank
/// line between, Markdown day files one after another, JSON a line a day, CSV one header
/// and then a row per message.
pub fn write_days(
    archive: &Archive,
    selection: &Selection,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<()> {
    if format == Format::Csv {
        csv::write_record(out, &CSV_COLUMNS)?;
    }
    for (n, (i, shown)) in selection.days.iter().enumerate() {
        let Some(day) = archive.days.get(*i) else {
            continue;
        };
        if n > 0 && format == Format::Text {
            writeln!(out)?;
        }
        let count = count_note(day, shown, &selection.filters, selection.folded);
        write_one(archive, day, shown, &count, format, out)?;
    }
    Ok(())
}

/// Writes the messages and documents of `day` at the entry indices `shown` (in order) in
/// `format`.
pub fn write_day(
    archive: &Archive,
    day: &Day,
    shown: &[usize],
    format: Format,
    out: &mut dyn Write,
) -> io::Result<()> {
    if format == Format::Csv {
        csv::write_record(out, &CSV_COLUMNS)?;
    }
    write_one(
        archive,
        day,
        shown,
        &count_note(day, shown, "", false),
        format,
        out,
    )
}

/// One day in `format`; `count` is what its text heading says of the messages.
fn write_one(
    archive: &Archive,
    day: &Day,
    shown: &[usize],
    count: &str,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<()> {
    let messages = shown.iter().filter_map(|&i| day.messages.get(i));
    let documents = day.documents_among(shown);
    match format {
        Format::Text => {
            write_text(archive, day, count, messages, out)?;
            write_documents(day, &documents, out)
        }
        Format::Markdown => write_markdown(archive, day, messages, &documents, out),
        Format::Json => write_json(out, &JsonDay::new(archive, day, shown)),
        Format::Csv => write_csv(archive, day, messages, &documents, out),
    }
}

/// After the messages, each document: `document: TITLE`, then its Markdown indented; inert.
fn write_documents(day: &Day, documents: &[&Document], out: &mut dyn Write) -> io::Result<()> {
    for doc in documents {
        writeln!(out, "{}: {}", document::LABEL, text::shown(&doc.title))?;
        for line in day.document_text(doc).split('\n') {
            let indent = if line.is_empty() { "" } else { "  " };
            writeln!(out, "{indent}{}", text::shown(line))?;
        }
    }
    Ok(())
}

/// What a heading says of the messages `shown` of `day`: `310 messages` when that is all
/// of them, else `12 of 310 messages, speaker 张三` naming what left the others out:
/// `filters`, and folding when an echo of a message written was left out.
fn count_note(day: &Day, shown: &[usize], filters: &str, folded: bool) -> String {
    let total = day.messages.len();
    // Entry indices past the messages are documents, which the heading does not count.
    let written = shown.iter().filter(|&&i| i < total).count();
    if written == total {
        return format!("{total} {}", text::plural(total, "message", "messages"));
    }
    let has = |i: u32| shown.binary_search(&(i as usize)).is_ok();
    let echo_left = folded && day.echoes.iter().any(|e| has(e.of) && !has(e.message));
    let why: Vec<&str> = [(filters, !filters.is_empty()), ("echoes folded", echo_left)]
        .into_iter()
        .filter_map(|(why, said)| said.then_some(why))
        .collect();
    let why: String = why.iter().map(|w| format!(", {w}")).collect();
    format!("{written} of {total} messages{why}")
}

/// A heading that says what it counts (`count`), then `TIME SPEAKER: text` per message,
/// further lines of a body indented under the first; everything inert.
fn write_text<'a>(
    archive: &Archive,
    day: &Day,
    count: &str,
    messages: impl Iterator<Item = &'a Message>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let group = &archive.group(day.group).name;
    writeln!(
        out,
        "# {} {} ({}) · {}",
        text::shown(group),
        day.date,
        day.date.format("%A"),
        text::shown(count)
    )?;
    for msg in messages {
        let mut lines = day.body(msg).split('\n');
        let first = lines.next().unwrap_or("");
        writeln!(
            out,
            "{} {}: {}",
            msg.time,
            text::shown(archive.speaker(msg.speaker)),
            text::shown(first)
        )?;
        for line in lines {
            writeln!(out, "         {}", text::shown(line))?;
        }
    }
    Ok(())
}

/// The columns of CSV output, its first record.
const CSV_COLUMNS: [&str; 6] = ["group", "date", "time", "speaker", "kind", "text"];

/// A CSV record per message, in [`CSV_COLUMNS`] order, then one per document (kind
/// `document`, no time or speaker, its title a line above its text); texts exact but inert.
fn write_csv<'a>(
    archive: &Archive,
    day: &Day,
    messages: impl Iterator<Item = &'a Message>,
    documents: &[&Document],
    out: &mut dyn Write,
) -> io::Result<()> {
    let group = &archive.group(day.group).name;
    let date = day.date.to_string();
    for msg in messages {
        let time = msg.time.to_string();
        let fields = [
            group.as_str(),
            &date,
            &time,
            archive.speaker(msg.speaker),
            msg.kind.name(),
            day.body(msg),
        ];
        csv::write_record(out, &fields)?;
    }
    for doc in documents {
        let text = format!("{}\n{}", doc.title, day.document_text(doc));
        let fields = [group.as_str(), &date, "", "", document::LABEL, &text];
        csv::write_record(out, &fields)?;
    }
    Ok(())
}

/// The archive's layout (FORMAT.md): front matter with title, date and author, then per
/// message `> HH:MM:SS  Name  `, a `"   "` line, the body's lines with two trailing spaces
/// and a `"   "` line. Names and bodies are encoded so that loading the file gives back
/// exactly the same messages ([`encode_name`], [`encode_body`]). A day of documents alone is
/// written as one document (their texts a blank line apart); beside messages a document
/// would read as part of the last body, so a day file holds messages only then.
fn write_markdown<'a>(
    archive: &Archive,
    day: &Day,
    messages: impl Iterator<Item = &'a Message>,
    documents: &[&Document],
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "---")?;
    let title = (day.meta.title.clone()).unwrap_or_else(|| format!("{}-WeChat", day.date));
    // A JSON string is a YAML double-quoted scalar; the inert writer keeps it one line.
    write!(out, "title:      ")?;
    write_json(out, &json!(title))?;
    // Every day file of the real archive says 12:00:00; only the date is read.
    writeln!(out, "date:       {} 12:00:00", day.date)?;
    if let Some(author) = &day.meta.author {
        write!(out, "author:     ")?;
        write_json(out, &json!(author))?;
    }
    writeln!(out, "---")?;
    let mut any = false;
    for msg in messages {
        any = true;
        writeln!(
            out,
            "> {}  {}  ",
            msg.time,
            encode_name(archive.speaker(msg.speaker))
        )?;
        writeln!(out, "   ")?;
        for line in encode_body(day.body(msg)).split('\n') {
            writeln!(out, "{line}  ")?;
        }
        writeln!(out, "   ")?;
    }
    if !any {
        for doc in documents {
            writeln!(out, "{}\n", encode_body(day.document_text(doc)))?;
        }
    }
    Ok(())
}

/// A speaker's name as a header writes it: the parser trims the name and decodes its
/// entities, so whitespace at either end and every control (a newline would end the
/// header) become `&#N;`.
fn encode_name(name: &str) -> String {
    entities::encode(name, |i, c| {
        let at_edge = i == 0 || i + c.len_utf8() == name.len();
        text::acts_on_terminal(c) || (at_edge && c.is_whitespace())
    })
}

/// A body as lines the parser reads back into the same body. It trims spaces, tabs and
/// `\r` at line ends, drops blank lines at both ends of a body, takes a line that looks
/// like a header for one, and decodes entities: so a space or tab ending a line, a newline
/// at either end, a `>` opening a header-like line and every control but tab and newline
/// become `&#N;`.
fn encode_body(body: &str) -> String {
    let bytes = body.as_bytes();
    entities::encode(body, |i, c| match c {
        '\n' => i == 0 || i + 1 == body.len(),
        ' ' | '\t' => matches!(bytes.get(i + 1), None | Some(b'\n')),
        '>' => starts_header(body, i),
        c => text::acts_on_terminal(c),
    })
}

/// Whether the line of `body` starting at byte `i` would be read as a message header.
fn starts_header(body: &str, i: usize) -> bool {
    let line_start = i == 0 || body.as_bytes()[i - 1] == b'\n';
    let line = body[i..].split('\n').next().unwrap_or("");
    line_start && parse_header(line).is_some()
}

/// The reader's `:export FILE` (`overwrite`: `:export! FILE`): writes `selection` to FILE
/// in the format its extension asks for ([`Format::for_path`]) and returns the notice that
/// says what was written, or why nothing was. A relative FILE is relative to the current
/// folder; `~/` is the home folder.
pub fn to_file(archive: &Archive, selection: &Selection, file: &str, overwrite: bool) -> String {
    match export_to(archive, selection, file, overwrite) {
        Ok(path) => {
            let (n, documents) = selection.counts(archive);
            let days = match selection.days.len() {
                1 => String::new(),
                d => format!(" ({d} days)"),
            };
            let noun = text::plural(n, "message", "messages");
            let documents = match documents {
                0 => String::new(),
                d => format!(" and {d} {}", text::plural(d, "document", "documents")),
            };
            format!("wrote {n} {noun}{documents}{days} to {}", path.display())
        }
        Err(why) => format!("not exported: {why}"),
    }
}

/// [`to_file`]'s work: the path written, or why not. Every check runs before anything is
/// written, and the days are written to a new file that replaces FILE only once it is
/// whole ([`atomic::write_file`]): a refusal or a failure (a full disk) leaves FILE as it
/// was.
fn export_to(
    archive: &Archive,
    selection: &Selection,
    file: &str,
    overwrite: bool,
) -> Result<PathBuf, String> {
    if file.is_empty() {
        return Err("no file: :export FILE [DATES] (:export! FILE overwrites)".into());
    }
    let path = expand_home(file)?;
    let target = landing(&path)?;
    stay_out_of(&archive.root, &target, &path)?;
    let format = Format::for_path(&path);
    atomic::write_file(&target, overwrite, |out| {
        write_days(archive, selection, format, out)
    })
    .map_err(|e| match e.kind() {
        io::ErrorKind::AlreadyExists => format!("{file} exists (:export! overwrites it)"),
        _ => format!("{}: {e}", path.display()),
    })?;
    Ok(path)
}

/// `file` with a leading `~/` replaced by `$HOME/`.
fn expand_home(file: &str) -> Result<PathBuf, String> {
    match file.strip_prefix("~/") {
        Some(rest) => std::env::var_os("HOME")
            .map(|home| Path::new(&home).join(rest))
            .ok_or_else(|| "HOME is not set, so ~/ means nothing".to_owned()),
        None => Ok(PathBuf::from(file)),
    }
}

/// Refuses a `target` (where `path` really lands) inside the archive at `root`. The
/// samples bundled in the binary have no folder (an empty `root`): nothing to keep out of.
fn stay_out_of(root: &Path, target: &Path, path: &Path) -> Result<(), String> {
    if root.as_os_str().is_empty() {
        return Ok(());
    }
    let root = fs::canonicalize(root)
        .map_err(|e| format!("cannot find the archive folder to keep out of it: {e}"))?;
    if target.starts_with(&root) {
        return Err(format!("{} is inside the archive", path.display()));
    }
    Ok(())
}

/// Where writing `path` would really put bytes, every link resolved: an existing file or
/// link is followed to its end (a dangling link is an error, since writing through it
/// would create its target wherever that is); a new file lands in its canonical parent.
fn landing(path: &Path) -> Result<PathBuf, String> {
    let cannot = |e: io::Error| format!("{}: {e}", path.display());
    if fs::symlink_metadata(path).is_ok() {
        return fs::canonicalize(path).map_err(cannot);
    }
    let name = path
        .file_name()
        .ok_or_else(|| format!("{} is not a file name", path.display()))?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Ok(fs::canonicalize(parent).map_err(cannot)?.join(name))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use chrono::NaiveDate;
    use proptest::prelude::*;

    use super::*;
    use crate::model::{Group, GroupId, Kind, Speaker, SpeakerId, Time};
    use crate::parse::parse_day;

    /// A one-group, one-day archive with these (speaker, body) messages, a speaker id each.
    fn archive_of(messages: &[(&str, &str)]) -> Archive {
        let mut text = String::new();
        let mut day_messages = Vec::new();
        for (i, (_, body)) in messages.iter().enumerate() {
            let start = text.len() as u32;
            text.push_str(body);
            day_messages.push(Message {
                time: Time(i as u32),
                speaker: SpeakerId(i as u32),
                kind: Kind::Text,
                body: (start, text.len() as u32),
                line: 1,
            });
        }
        let day = Day {
            text: text.into(),
            messages: day_messages,
            ..Day::new(GroupId(0), NaiveDate::from_ymd_opt(2018, 3, 26).unwrap())
        };
        let speakers = messages.iter().map(|(name, _)| Speaker {
            name: (*name).to_owned(),
            messages: 1,
        });
        Archive {
            root: PathBuf::from("archive"),
            groups: vec![Group {
                path: String::new(),
                name: "archive".into(),
                days: 0..1,
            }],
            days: vec![day],
            speakers: speakers.collect(),
            people: Vec::new(),
            person_of: Vec::new(),
            unnamed: None,
            notes: Vec::new(),
        }
    }

    /// Each message's (speaker, body) once its day is written as Markdown and parsed again.
    fn round_trip(archive: &Archive) -> Vec<(String, String)> {
        let day = &archive.days[0];
        let all: Vec<usize> = (0..day.messages.len()).collect();
        let mut out = Vec::new();
        write_day(archive, day, &all, Format::Markdown, &mut out).unwrap();
        let (parsed, problems) = parse_day(Path::new("export.md"), &out);
        // NUL has no entity, so it is written raw, and the parser reports raw NUL bytes.
        let only_nul = problems.iter().all(|p| p.message.contains("NUL byte"));
        assert!(only_nul, "{problems:?}");
        let parsed = parsed.unwrap();
        assert_eq!(parsed.date, Some(day.date));
        let messages = parsed.messages.iter();
        messages
            .map(|m| (parsed.speaker(m).to_owned(), parsed.body(m).to_owned()))
            .collect()
    }

    /// What the day holds, in the shape [`round_trip`] returns.
    fn messages_of(archive: &Archive) -> Vec<(String, String)> {
        let day = &archive.days[0];
        let messages = day.messages.iter();
        messages
            .map(|m| {
                (
                    archive.speaker(m.speaker).to_owned(),
                    day.body(m).to_owned(),
                )
            })
            .collect()
    }

    #[test]
    fn what_the_parser_would_change_is_encoded_and_comes_back() {
        let archive = archive_of(&[
            (" edge spaces\u{3000}", "trailing space \nand tab\t"),
            ("", "\n\nblank lines at both ends\n\n"),
            ("new\nline", "> 12:00:00  looks like a header\n> 9:00:00"),
            ("A&amp;B", "&amp;lt;= stays text, & alone, &#160;"),
            (
                "Mallory\u{1b}[31m",
                "esc \u{1b}]0;x\u{7} cr\r\nbidi \u{202e} nul \0",
            ),
            ("空", ""),
            ("spaces", "   "),
            ("tabs", "a\tb\n\n  indented\n---"),
        ]);
        assert_eq!(round_trip(&archive), messages_of(&archive));
    }

    #[test]
    fn markdown_is_inert_on_a_terminal() {
        let archive = archive_of(&[("Mallory\u{1b}", "\u{1b}]52;c;eA==\u{7} \u{9b}2J \u{202e}")]);
        let mut out = Vec::new();
        write_day(&archive, &archive.days[0], &[0], Format::Markdown, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(
            !out.chars().any(|c| c != '\n' && text::acts_on_terminal(c)),
            "{out:?}"
        );
        assert!(out.contains("> 00:00:00  Mallory&#27;  \n"), "{out}");
    }

    proptest! {
        #[test]
        fn any_names_and_bodies_round_trip(
            messages in proptest::collection::vec((
                "(&|amp;|lt;|#|1|;| |\t|\u{3000}|\u{1b}|a|中|>){0,8}",
                "(&|amp;|#|6|;| |\t|\n|\r|\u{1b}|\0|a|中|>|> 1:02:03|---){0,12}",
            ), 0..6),
        ) {
            let refs: Vec<(&str, &str)> =
                messages.iter().map(|(n, b)| (n.as_str(), b.as_str())).collect();
            let archive = archive_of(&refs);
            prop_assert_eq!(round_trip(&archive), messages_of(&archive));
        }
    }

    #[test]
    fn the_extension_picks_the_format() {
        let of = |name: &str| Format::for_path(Path::new(name));
        assert_eq!(of("day.md"), Format::Markdown);
        assert_eq!(of("/tmp/day.MARKDOWN"), Format::Markdown);
        assert_eq!(of("day.json"), Format::Json);
        assert_eq!(of("day.txt"), Format::Text);
        assert_eq!(of("day"), Format::Text);
    }

    #[test]
    fn a_leading_tilde_is_the_home_folder() {
        let home = std::env::var_os("HOME").map(PathBuf::from);
        assert_eq!(expand_home("~/day.md").ok(), home.map(|h| h.join("day.md")));
        assert_eq!(expand_home("day~/x.md"), Ok(PathBuf::from("day~/x.md")));
    }
}
