//! One day file's bytes → a [`ParsedDay`] and its problems. Pure: no I/O, never panics.
//!
//! One pass over the lines (memchr for line ends); message bodies are appended to one
//! text buffer per day, and speakers are interned per file (the loader merges them).

use std::borrow::Cow;
use std::cell::RefCell;
use std::path::Path;
use std::sync::LazyLock;

use chrono::NaiveDate;
use memchr::memmem;
use rustc_hash::FxHashMap;
use serde::Deserialize;

use crate::entities;
use crate::model::{FrontMatter, Kind, Message, SpeakerId, Time};
use crate::problem::Problem;

/// A day file as parsed, before the loader places it in an archive.
#[derive(Clone, Debug, Default)]
pub struct ParsedDay {
    pub date: Option<NaiveDate>,
    pub meta: FrontMatter,
    /// All bodies, back to back; `Message::body` ranges point here.
    pub text: String,
    /// Messages in file order; `speaker` indexes `speakers`.
    pub messages: Vec<Message>,
    /// Distinct speaker names of this file, in order of first appearance.
    pub speakers: Names,
}

/// Distinct speaker names of one file, back to back in one buffer: a big archive has a
/// million of them across its files, and a `String` each was a tenth of the load in malloc.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Names {
    text: String,
    /// Where each name ends in `text`.
    ends: Vec<u32>,
}

impl Names {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)? as usize;
        let start = i.checked_sub(1).map_or(0, |p| self.ends[p] as usize);
        self.text.get(start..end)
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// Adds `name`, returning its id.
    fn push(&mut self, name: &str) -> SpeakerId {
        self.text.push_str(name);
        self.ends.push(self.text.len() as u32);
        SpeakerId(self.ends.len() as u32 - 1)
    }
}

impl ParsedDay {
    pub fn body(&self, msg: &Message) -> &str {
        self.text
            .get(msg.body.0 as usize..msg.body.1 as usize)
            .unwrap_or("")
    }

    pub fn speaker(&self, msg: &Message) -> &str {
        self.speakers.get(msg.speaker.0 as usize).unwrap_or("")
    }
}

/// Parses one day file. `path` names the file in problems and gives the date as a last resort.
/// Returns `None` for the day only when the file is binary, empty, or has no date anywhere
/// (a problem says which).
pub fn parse_day(path: &Path, bytes: &[u8]) -> (Option<ParsedDay>, Vec<Problem>) {
    let mut problems = Vec::new();
    let Some(text) = decode_bytes(path, bytes, &mut problems) else {
        return (None, problems);
    };
    if text.trim().is_empty() {
        problems.push(Problem::warning(path, None, "empty file: not a day"));
        return (None, problems);
    }
    report_nul_bytes(path, &text, &mut problems);
    let lines = Lines::new(&text);
    let (front, body_start) = split_front_matter(path, &text, &mut problems);
    let mut day = ParsedDay {
        meta: front.meta(),
        ..ParsedDay::default()
    };
    day.date = choose_date(path, &front, &mut problems);
    if day.date.is_none() {
        problems.push(Problem::error(
            path,
            None,
            "no date in the front matter, the title or the file name: file skipped",
        ));
        return (None, problems);
    }
    SCRATCH.with_borrow_mut(|scratch| {
        scratch.clear();
        scratch.reserve(text.len());
        day.text = std::mem::take(scratch);
        parse_messages(path, lines.starting_at(body_start), &mut day, &mut problems);
        let exact = day.text.as_str().to_owned();
        *scratch = std::mem::replace(&mut day.text, exact);
    });
    day.messages.shrink_to_fit();
    (Some(day), problems)
}

thread_local! {
    /// Where a day's bodies are gathered before an exact-size copy is kept. Reused from file to
    /// file: a fresh buffer per file had the kernel zeroing new pages for half the load.
    static SCRATCH: RefCell<String> = const { RefCell::new(String::new()) };
}

// ---------------------------------------------------------------------------------------
// Bytes → text

/// The file as text: UTF-8 (BOM stripped), or decoded from UTF-16 / a detected legacy
/// encoding such as GBK, with a warning. Nothing is dropped. `None` for a binary file (an
/// image or a program named `.md`), with an error: decoded, it would be a day of gibberish.
fn decode_bytes<'a>(
    path: &Path,
    bytes: &'a [u8],
    problems: &mut Vec<Problem>,
) -> Option<Cow<'a, str>> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        if encoding == encoding_rs::UTF_8 {
            return Some(String::from_utf8_lossy(&bytes[bom_len..]));
        }
        problems.push(Problem::warning(
            path,
            None,
            format!("file is {}: decoded", encoding.name()),
        ));
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return Some(Cow::Owned(text.into_owned()));
    }
    // Validation is a pass over every byte of the archive: the SIMD validator is ~10× std's
    // on CJK text, which was a fifth of the load time.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Some(Cow::Borrowed(text));
    }
    if let Some(what) = binary_kind(bytes) {
        problems.push(Problem::error(
            path,
            None,
            format!("not a text file ({what}): skipped"),
        ));
        return None;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Allow);
    let (text, _, had_errors) = encoding.decode(bytes);
    let how = if had_errors {
        " (some bytes replaced)"
    } else {
        ""
    };
    problems.push(Problem::warning(
        path,
        None,
        format!("file is not UTF-8: decoded as {}{how}", encoding.name()),
    ));
    Some(Cow::Owned(text.into_owned()))
}

/// What a file that is not UTF-8 holds, when it is not text in any encoding: as for `grep`
/// and `git`, a NUL byte in the first 8 KiB. Legacy text encodings never hold one; images,
/// archives and programs nearly always do.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: [(&[u8], &str); 7] = [
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"%PDF", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive"),
        (b"\x7fELF", "an ELF program"),
        (b"\x1f\x8b", "gzip data"),
    ];
    memchr::memchr(0, &bytes[..bytes.len().min(8192)])?;
    let known = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic));
    Some(known.map_or("binary data", |&(_, what)| what))
}

/// NUL bytes are no text: a crash can leave a file with zeroed blocks. They are kept (shown
/// as `␀`) and reported at the first one's line.
fn report_nul_bytes(path: &Path, text: &str, problems: &mut Vec<Problem>) {
    let bytes = text.as_bytes();
    let Some(first) = memchr::memchr(0, bytes) else {
        return;
    };
    let line = memchr::memchr_iter(b'\n', &bytes[..first]).count() + 1;
    let count = memchr::memchr_iter(0, bytes).count();
    problems.push(Problem::warning(
        path,
        Some(line as u32),
        format!("{count} NUL byte(s), the first on this line (a damaged file?): shown as ␀"),
    ));
}

// ---------------------------------------------------------------------------------------
// Lines

/// Lines of a text with their 1-based numbers, `\r\n` or `\n` ended.
#[derive(Clone)]
struct Lines<'a> {
    rest: &'a str,
    number: u32,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines {
            rest: text,
            number: 0,
        }
    }

    /// The lines from the 1-based line `first` on.
    fn starting_at(mut self, first: u32) -> Self {
        while self.number + 1 < first && self.next().is_some() {}
        self
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = (u32, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() {
            return None;
        }
        let (line, rest) = match memchr::memchr(b'\n', self.rest.as_bytes()) {
            Some(i) => (&self.rest[..i], &self.rest[i + 1..]),
            None => (self.rest, ""),
        };
        self.rest = rest;
        self.number += 1;
        Some((self.number, line.strip_suffix('\r').unwrap_or(line)))
    }
}

/// A line with its line-end padding removed (spaces, tabs, stray `\r`).
fn trim_line_end(line: &str) -> &str {
    line.trim_end_matches([' ', '\t', '\r'])
}

// ---------------------------------------------------------------------------------------
// Front matter

/// Front matter keys we read; the others are ignored. Values may be any scalar.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawFront {
    #[serde(deserialize_with = "scalar")]
    title: Option<String>,
    #[serde(deserialize_with = "scalar")]
    date: Option<String>,
    #[serde(deserialize_with = "scalar")]
    author: Option<String>,
    #[serde(deserialize_with = "scalar")]
    lines: Option<String>,
}

/// Any YAML scalar as text; null, sequences and maps as nothing.
fn scalar<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    use serde_yaml::Value;
    Ok(match Value::deserialize(d)? {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    })
}

/// What the front matter gave, and whether there was any.
#[derive(Debug, Default)]
struct Front {
    raw: RawFront,
    present: bool,
}

impl Front {
    fn meta(&self) -> FrontMatter {
        FrontMatter {
            title: self.raw.title.clone(),
            author: self.raw.author.clone(),
            lines: self
                .raw
                .lines
                .as_deref()
                .and_then(|l| l.trim().parse().ok()),
        }
    }
}

/// Front matter longer than this is read line by line, never as YAML. Real ones are about 200
/// bytes, and libyaml's scanner is quadratic in nesting depth: a 1 MB front matter of `a: [`
/// lines took four minutes to reject.
const MAX_YAML: usize = 16 * 1024;

/// Reads the front matter, if the file starts with one. Returns it and the 1-based line
/// where the messages start.
fn split_front_matter(path: &Path, text: &str, problems: &mut Vec<Problem>) -> (Front, u32) {
    let mut lines = Lines::new(text);
    if lines.next().map(|(_, l)| trim_line_end(l)) != Some("---") {
        return (Front::default(), 1);
    }
    let yaml_offset = text.len() - lines.rest.len();
    let end = find_front_end(lines);
    let yaml = &text[yaml_offset..yaml_offset + end.yaml_len];
    // With its opening `---` (a YAML document start) the lines in YAML's errors are the file's.
    let document = &text[..yaml_offset + end.yaml_len];
    let raw = if end.by != EndedBy::Fence {
        problems.push(Problem::warning(path, Some(1), unclosed(&end)));
        front_by_lines(yaml)
    } else if yaml.trim().is_empty() {
        RawFront::default()
    } else if yaml.len() > MAX_YAML {
        problems.push(Problem::warning(
            path,
            Some(1),
            format!(
                "front matter is {} KiB, far more than a day log's: read line by line, not as YAML",
                yaml.len() / 1024
            ),
        ));
        front_by_lines(yaml)
    } else {
        serde_yaml::from_str(document).unwrap_or_else(|err| {
            let line = err.location().map(|l| l.line() as u32);
            problems.push(Problem::warning(
                path,
                line,
                format!("front matter is not valid YAML ({err}): read line by line"),
            ));
            front_by_lines(yaml)
        })
    };
    (Front { raw, present: true }, end.body_line)
}

/// Where a front matter ends.
struct FrontEnd {
    /// Bytes of YAML after the opening `---` line.
    yaml_len: usize,
    /// The 1-based line where the messages start.
    body_line: u32,
    by: EndedBy,
}

/// What ended a front matter: only a closing `---` is right.
#[derive(Clone, Copy, PartialEq, Eq)]
enum EndedBy {
    Fence,
    Header,
    EndOfFile,
}

/// Finds the closing `---` after the opening one. An unclosed front matter ends at the first
/// message header: read as messages, its lines would all be skipped as text before the first
/// header, taking its date with them.
fn find_front_end(mut lines: Lines<'_>) -> FrontEnd {
    let after_opening = lines.rest.len();
    loop {
        let yaml_len = after_opening - lines.rest.len();
        let end = |body_line, by| FrontEnd {
            yaml_len,
            body_line,
            by,
        };
        match lines.next() {
            None => return end(lines.number + 1, EndedBy::EndOfFile),
            Some((n, line)) if trim_line_end(line) == "---" => return end(n + 1, EndedBy::Fence),
            Some((n, line)) if parse_header(line).is_some() => return end(n, EndedBy::Header),
            Some(_) => {}
        }
    }
}

/// The warning for a front matter that a header or the end of the file ended.
fn unclosed(end: &FrontEnd) -> String {
    let how = match (end.by, end.body_line) {
        (EndedBy::Header, 2) => "messages from line 2".to_owned(),
        (EndedBy::Header, line) => format!(
            "lines 2 to {} read as front matter, messages from line {line}",
            line - 1
        ),
        _ => "no message follows: the whole file read as front matter".to_owned(),
    };
    format!("front matter has no closing `---`: {how}")
}

/// Broken YAML: take `key: value` lines as they are, so a title or date still counts.
fn front_by_lines(yaml: &str) -> RawFront {
    let mut raw = RawFront::default();
    for line in yaml.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        // Only the keys we keep cost an allocation: a huge front matter is mostly others.
        let field = match key.trim() {
            "title" => &mut raw.title,
            "date" => &mut raw.date,
            "author" => &mut raw.author,
            "lines" => &mut raw.lines,
            _ => continue,
        };
        *field = Some(value.trim().trim_matches('"').to_owned());
    }
    raw
}

/// The day's date: front matter `date`, else `title`, else the file name.
fn choose_date(path: &Path, front: &Front, problems: &mut Vec<Problem>) -> Option<NaiveDate> {
    let from_name = path
        .file_name()
        .and_then(|n| find_date(&n.to_string_lossy()));
    if let Some(date) = front.raw.date.as_deref().and_then(find_date) {
        if from_name.is_some_and(|n| n != date) {
            problems.push(Problem::warning(
                path,
                None,
                format!("front matter date {date} differs from the file name's: using {date}"),
            ));
        }
        return Some(date);
    }
    let (date, source) = match front.raw.title.as_deref().and_then(find_date) {
        Some(date) => (date, "the title"),
        None => (from_name?, "the file name"),
    };
    let why = if front.present {
        "no date in the front matter"
    } else {
        "no front matter"
    };
    problems.push(Problem::warning(
        path,
        None,
        format!("{why}: date {date} taken from {source}"),
    ));
    Some(date)
}

/// The first `YYYY-MM-DD` in `s` that is a real date.
pub fn find_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(9)).find_map(|i| {
        let w = &b[i..i + 10];
        let shape = w.iter().enumerate().all(|(j, &c)| match j {
            4 | 7 => c == b'-',
            _ => c.is_ascii_digit(),
        });
        if !shape {
            return None;
        }
        let num = |r: std::ops::Range<usize>| s[i + r.start..i + r.end].parse().ok();
        NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
    })
}

// ---------------------------------------------------------------------------------------
// Messages

/// A message header `> H:MM:SS  Name`: its time and the name (trimmed; may be empty).
pub fn parse_header(line: &str) -> Option<(Time, &str)> {
    let rest = line.strip_prefix("> ")?;
    let b = rest.as_bytes();
    let hour_len = match b {
        [h, b':', ..] if h.is_ascii_digit() => 1,
        [h1, h2, b':', ..] if h1.is_ascii_digit() && h2.is_ascii_digit() => 2,
        _ => return None,
    };
    let t = &b[hour_len..];
    let two = |i: usize| -> Option<u32> {
        let (a, b) = (*t.get(i)?, *t.get(i + 1)?);
        (a.is_ascii_digit() && b.is_ascii_digit()).then(|| u32::from((a - b'0') * 10 + (b - b'0')))
    };
    if t.get(3) != Some(&b':') {
        return None;
    }
    let (minute, second) = (two(1)?, two(4)?);
    let hour: u32 = rest[..hour_len].parse().ok()?;
    let after = &rest[hour_len + 6..];
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    Some((Time::from_hms(hour, minute, second), after.trim()))
}

/// Builds messages from the lines after the front matter.
fn parse_messages<'a>(
    path: &Path,
    lines: Lines<'a>,
    day: &mut ParsedDay,
    problems: &mut Vec<Problem>,
) {
    let mut speakers: FxHashMap<&'a str, SpeakerId> =
        FxHashMap::with_capacity_and_hasher(256, Default::default());
    let mut body = BodyBuilder::default();
    let mut stray: Option<(u32, usize)> = None; // text before the first header: (line, count)
    for (number, line) in lines {
        if let Some((time, name)) = parse_header(line) {
            body.finish(day);
            let speaker = intern(&mut speakers, &mut day.speakers, name);
            body.start(day, time, speaker, number);
        } else if body.open {
            body.push_line(day, line);
        } else if !trim_line_end(line).is_empty() {
            let (_, count) = stray.get_or_insert((number, 0));
            *count += 1;
        }
    }
    body.finish(day);
    if let Some((line, count)) = stray {
        problems.push(Problem::error(
            path,
            Some(line),
            format!("{count} line(s) of text before the first message header: skipped"),
        ));
    }
}

/// The file-local id for `name`, adding it on first sight (names are entity-decoded).
fn intern<'a>(
    ids: &mut FxHashMap<&'a str, SpeakerId>,
    names: &mut Names,
    name: &'a str,
) -> SpeakerId {
    *ids.entry(name)
        .or_insert_with(|| names.push(&entities::decode(name)))
}

/// Appends one message's body lines to the day's text, dropping blank lines at both ends.
#[derive(Default)]
struct BodyBuilder {
    open: bool,
    /// Where this body starts in `day.text`.
    start: usize,
    /// Blank lines seen since the last non-blank one (kept only if more text follows).
    pending_blank: usize,
    has_text: bool,
}

impl BodyBuilder {
    fn start(&mut self, day: &mut ParsedDay, time: Time, speaker: SpeakerId, line: u32) {
        let at = day.text.len() as u32;
        day.messages.push(Message {
            time,
            speaker,
            kind: Kind::Text,
            body: (at, at),
            line,
        });
        *self = BodyBuilder {
            open: true,
            start: day.text.len(),
            ..BodyBuilder::default()
        };
    }

    fn push_line(&mut self, day: &mut ParsedDay, line: &str) {
        let line = trim_line_end(line);
        if line.is_empty() {
            self.pending_blank += 1;
            return;
        }
        if self.has_text {
            for _ in 0..=self.pending_blank {
                day.text.push('\n');
            }
        }
        self.pending_blank = 0;
        self.has_text = true;
        day.text.push_str(line);
    }

    /// Closes the open body: decodes entities, records its range and kind.
    fn finish(&mut self, day: &mut ParsedDay) {
        if !self.open {
            return;
        }
        self.open = false;
        let raw = &day.text[self.start..];
        if memchr::memchr(b'&', raw.as_bytes()).is_some()
            && let Cow::Owned(decoded) = entities::decode(raw)
        {
            day.text.truncate(self.start);
            day.text.push_str(&decoded);
        }
        let body = &day.text[self.start..];
        let kind = kind_of(body);
        if let Some(msg) = day.messages.last_mut() {
            msg.body = (self.start as u32, day.text.len() as u32);
            msg.kind = kind;
        }
    }
}

/// Image when the body is one `![caption](url)`; link when it holds a URL.
fn kind_of(body: &str) -> Kind {
    let b = body.as_bytes();
    if b.starts_with(b"![")
        && b.ends_with(b")")
        && memmem::find(b, b"](").is_some()
        && !body.contains('\n')
    {
        Kind::Image
    } else if has_url(b) {
        Kind::Link
    } else {
        Kind::Text
    }
}

/// Whether the text holds an `http://` or `https://` URL. The finder is built once: building
/// one per message cost more than the search.
fn has_url(b: &[u8]) -> bool {
    static SCHEME_END: LazyLock<memmem::Finder<'static>> =
        LazyLock::new(|| memmem::Finder::new("://"));
    SCHEME_END
        .find_iter(b)
        .any(|i| b[..i].ends_with(b"http") || b[..i].ends_with(b"https"))
}
