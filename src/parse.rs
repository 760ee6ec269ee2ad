//! One day file's bytes → a [`ParsedDay`] and its problems. Pure: no I/O, never panics.
//!
//! One pass over the lines (line ends found 64 bytes at a time); message bodies are
//! appended to one text buffer per day, and speakers are given ids through [`Speakers`]:
//! the file's own table, or the loader's, shared by many files.

use std::borrow::Cow;
use std::path::Path;
use std::sync::LazyLock;

use chrono::NaiveDate;
use memchr::memmem;
use rustc_hash::FxHashMap;

use crate::arena::{Arena, Frozen, Slot, Text};
use crate::entities;
use crate::model::{Document, FrontMatter, Kind, Message, SpeakerId, Time};
use crate::problem::Problem;

mod decode;
mod front;
mod lines;
mod raw_front;
mod simple_front;
mod yaml_guard;

use decode::{decode_bytes, report_nul_bytes};
pub use front::find_date;
use front::{choose_date, split_front_matter};
pub use lines::parse_header;
use lines::{Lines, parse_unnamed, trim_line_end};

/// A day file as parsed, before the loader places it in an archive. Its text is a [`Slot`]
/// of the arena it was parsed into until that arena is frozen, then a [`Text`].
#[derive(Clone, Debug, Default)]
pub struct ParsedDay<T = Text> {
    pub date: Option<NaiveDate>,
    pub meta: FrontMatter,
    /// All bodies, back to back; `Message::body` ranges point here.
    pub text: T,
    /// Messages in file order; `speaker` indexes `speakers`, or is the loader's id.
    pub messages: Vec<Message>,
    /// Distinct speaker names of this file, in order of first appearance (left empty when
    /// the loader names them: see [`parse_into`]).
    pub speakers: Names,
    /// The messages were logged without names (the oldest form): none is in `speakers`.
    pub unnamed: bool,
    /// The file is a document: text, but no message lines of either form.
    pub document: Option<Document>,
}

/// Distinct speaker names of one file, back to back in one buffer.
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

/// Gives the speakers of a file's messages ids as it is parsed: the file's own, or the
/// loader's, whose workers share one table across files so that a name is looked up once
/// per message, not again per file.
pub trait Speakers {
    /// The id of the speaker of a new message, `name` as the file spells it (entities not
    /// decoded): its name's place in the file's own [`Names`], or the loader's id for it.
    fn speaker(&mut self, name: &str) -> SpeakerId;
}

/// A file's speakers on its own, as [`parse_day`] gives them: its [`Names`].
#[derive(Default)]
struct FileNames {
    ids: FxHashMap<Box<str>, SpeakerId>,
    names: Names,
}

impl Speakers for FileNames {
    fn speaker(&mut self, name: &str) -> SpeakerId {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.push(&entities::decode(name));
        self.ids.insert(name.into(), id);
        id
    }
}

impl ParsedDay<Slot> {
    /// The day with its text cut from the arena it was written to, now `chunks`.
    pub fn resolve(self, chunks: &Frozen) -> ParsedDay {
        ParsedDay {
            date: self.date,
            meta: self.meta,
            text: chunks.text(self.text),
            messages: self.messages,
            speakers: self.speakers,
            unnamed: self.unnamed,
            document: self.document,
        }
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
    let mut arena = Arena::default();
    let mut names = FileNames::default();
    let (day, problems) = parse_into(path, bytes, &mut arena, &mut names);
    let chunks = arena.freeze();
    let day = day.map(|day| ParsedDay {
        speakers: names.names,
        ..day.resolve(&chunks)
    });
    (day, problems)
}

/// [`parse_day`], its text written into `arena` and its speakers given ids by `speakers`
/// (its `speakers` left empty): the loader parses thousands of files into a few large
/// chunks, and names them with one table.
pub fn parse_into(
    path: &Path,
    bytes: &[u8],
    arena: &mut Arena,
    speakers: &mut impl Speakers,
) -> (Option<ParsedDay<Slot>>, Vec<Problem>) {
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
    let body = lines.starting_at(body_start);
    if day.date.is_none() {
        problems.push(undated(path, body));
        return (None, problems);
    }
    // Room for the messages up front, more than most files need (a message takes about
    // 110 bytes in the real archive, 170 in the bench's): grown by doubling, a day's list
    // was copied six times over; what is left over is given back below.
    day.messages.reserve(text.len() / 96);
    // What is written is never longer than the text read: lines lose their ends, entities
    // decode to fewer bytes.
    let (chunk, buf) = arena.room(text.len());
    let mut out = Out {
        base: buf.len(),
        buf,
    };
    parse_body(path, body, &mut day, (&mut out, speakers), &mut problems);
    day.text = Slot::new(chunk, out.base, out.buf.len());
    day.messages.shrink_to_fit();
    (Some(day), problems)
}

/// What a file without a date is: a day log that lost its date (an error: its messages are
/// skipped), or a page of a site (`about.md`, `README.md`), only noted.
fn undated(path: &Path, mut body: Lines) -> Problem {
    if body.any(|(_, line)| parse_header(line).is_some() || parse_unnamed(line).is_some()) {
        let why = "no date in the front matter, the title or the file name: file skipped";
        Problem::error(path, None, why)
    } else {
        Problem::info(
            path,
            None,
            "no date and no messages: a page, not a day log: skipped",
        )
    }
}

/// The day's text as it is written: the end of an arena chunk, from `base` on. Offsets are
/// the day's own, counted from `base`.
struct Out<'a> {
    buf: &'a mut String,
    base: usize,
}

impl Out<'_> {
    fn len(&self) -> usize {
        self.buf.len() - self.base
    }

    fn written(&self) -> &str {
        &self.buf[self.base..]
    }

    fn truncate(&mut self, len: usize) {
        self.buf.truncate(self.base + len);
    }

    fn push_str(&mut self, text: &str) {
        self.buf.push_str(text);
    }

    fn push(&mut self, c: char) {
        self.buf.push(c);
    }
}

// ---------------------------------------------------------------------------------------
// Messages

/// How a file's messages start.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    /// `> HH:MM:SS  Name`, the body on the lines below.
    Named,
    /// `  HH:MM:SS<tab>text` with no name (the oldest logs), the body starting on that line.
    Unnamed,
}

/// Reads what follows the front matter: messages with names; failing any, messages without
/// names; failing those too, text makes the file a document. Only a file without named
/// headers is read twice.
fn parse_body(
    path: &Path,
    lines: Lines,
    day: &mut ParsedDay<Slot>,
    (out, speakers): (&mut Out, &mut impl Speakers),
    problems: &mut Vec<Problem>,
) {
    let mut stray = parse_messages(lines.clone(), Form::Named, day, out, speakers);
    if day.messages.is_empty() && stray.is_some() {
        stray = parse_messages(lines.clone(), Form::Unnamed, day, out, speakers);
        day.unnamed = !day.messages.is_empty();
        if !day.unnamed {
            day.document = Some(document(path, lines, day, out));
            return;
        }
    }
    if let Some((line, count)) = stray {
        problems.push(Problem::error(
            path,
            Some(line),
            format!("{count} line(s) of text before the first message header: skipped"),
        ));
    }
}

/// Builds messages of one `form` from the lines after the front matter, into an emptied
/// `out`. Returns the text before the first message: (its first line, its count).
fn parse_messages(
    mut lines: Lines,
    form: Form,
    day: &mut ParsedDay<Slot>,
    out: &mut Out,
    speakers: &mut impl Speakers,
) -> Option<(u32, usize)> {
    out.truncate(0);
    let mut stray: Option<(u32, usize)> = None;
    let mut next = form.next_header(&mut lines, |number, line, _| {
        if !trim_line_end(line).is_empty() {
            stray.get_or_insert((number, 0)).1 += 1;
        }
    });
    while let Some(header) = next {
        let speaker = header
            .name
            .map_or(SpeakerId(0), |name| speakers.speaker(name));
        let mut body = Body::new(out);
        if let Some(text) = header.text {
            body.push(out, text, header.marked);
        }
        next = form.next_header(&mut lines, |_, line, marked| body.push(out, line, marked));
        let (range, kind) = body.finish(out);
        day.messages.push(Message {
            time: header.time,
            speaker,
            kind,
            body: range,
            line: header.line,
        });
    }
    stray
}

/// A message's header line, as its form reads it.
struct Header<'a> {
    time: Time,
    /// The speaker's name; the unnamed form has none.
    name: Option<&'a str>,
    /// The body's first line, which the unnamed form's header holds.
    text: Option<&'a str>,
    /// The line's number, and whether it holds a `&` or a `:` (the unnamed form's time is
    /// a `:`, so its bodies are always searched for entities and a URL).
    line: u32,
    marked: bool,
}

impl Form {
    /// Reads lines up to the next header of this form, handing every other line to `other`.
    #[inline]
    fn next_header<'a>(
        self,
        lines: &mut Lines<'a>,
        mut other: impl FnMut(u32, &'a str, bool),
    ) -> Option<Header<'a>> {
        while let Some((number, line)) = lines.next() {
            if let Some(header) = self.header(line, number, lines.marked()) {
                return Some(header);
            }
            other(number, line, lines.marked());
        }
        None
    }

    /// `line` as a header of this form, if it is one.
    #[inline]
    fn header(self, line: &str, number: u32, marked: bool) -> Option<Header<'_>> {
        match self {
            Form::Named => {
                // Most lines are body text, which one byte rules out.
                if line.as_bytes().first() != Some(&b'>') {
                    return None;
                }
                let (time, name) = parse_header(line)?;
                Some(Header {
                    time,
                    name: Some(name),
                    text: None,
                    line: number,
                    marked,
                })
            }
            Form::Unnamed => {
                let (time, text) = parse_unnamed(line)?;
                Some(Header {
                    time,
                    name: None,
                    text: Some(text),
                    line: number,
                    marked,
                })
            }
        }
    }
}

/// The text after the front matter as a document: line ends trimmed, blank lines at both
/// ends dropped and runs of them made one, entities decoded; titled by the front matter or
/// else the file's name.
fn document(path: &Path, lines: Lines, day: &ParsedDay<Slot>, out: &mut Out) -> Document {
    out.truncate(0);
    let mut first = None;
    let mut blank = false;
    for (number, line) in lines {
        let line = trim_line_end(line);
        if line.is_empty() {
            blank = first.is_some();
            continue;
        }
        if first.is_none() {
            first = Some(number);
        } else {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        out.push_str(line);
    }
    if let Cow::Owned(decoded) = entities::decode(out.written()) {
        out.truncate(0);
        out.push_str(&decoded);
    }
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    Document {
        title: day.meta.title.clone().or(stem).unwrap_or_default(),
        body: (0, out.len() as u32),
        line: first.unwrap_or(1),
        source: 0,
    }
}

/// One message's body as it is written to the day's text: line ends trimmed, blank lines at
/// both ends dropped, runs of them inside kept.
struct Body {
    /// Where it starts in the day's text.
    start: usize,
    /// Blank lines since the last line of text (kept only if more text follows).
    blank: usize,
    has_text: bool,
    /// Whether a line of it holds a `&` or a `:`.
    marked: bool,
}

impl Body {
    fn new(out: &Out) -> Self {
        Body {
            start: out.len(),
            blank: 0,
            has_text: false,
            marked: false,
        }
    }

    #[inline]
    fn push(&mut self, out: &mut Out, line: &str, marked: bool) {
        self.marked |= marked;
        let line = trim_line_end(line);
        if line.is_empty() {
            self.blank += 1;
            return;
        }
        if self.has_text {
            for _ in 0..=self.blank {
                out.push('\n');
            }
        }
        self.blank = 0;
        self.has_text = true;
        out.push_str(line);
    }

    /// Closes the body: decodes its entities; returns its range in the day's text and its
    /// kind.
    fn finish(self, out: &mut Out) -> ((u32, u32), Kind) {
        if self.marked
            && let Cow::Owned(text) = entities::decode(&out.written()[self.start..])
        {
            out.truncate(self.start);
            out.push_str(&text);
        }
        let body = &out.written()[self.start..];
        // A URL's `://` is in the file, or made by an entity (`http&#58;//`): either way,
        // the body held a `&` or a `:`.
        let kind = kind_of(body, self.marked);
        ((self.start as u32, out.len() as u32), kind)
    }
}

/// Image when the body is one `![caption](url)`; link when it holds a URL, which it may only
/// when `may_link`.
fn kind_of(body: &str, may_link: bool) -> Kind {
    let b = body.as_bytes();
    if b.starts_with(b"![")
        && b.ends_with(b")")
        && memmem::find(b, b"](").is_some()
        && !body.contains('\n')
    {
        Kind::Image
    } else if may_link && has_url(b) {
        Kind::Link
    } else {
        Kind::Text
    }
}

/// Finds `://`. Built once: building one per message cost more than the search.
static SCHEME_END: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new("://"));

/// Whether the text holds an `http://` or `https://` URL.
fn has_url(b: &[u8]) -> bool {
    SCHEME_END
        .find_iter(b)
        .any(|i| b[..i].ends_with(b"http") || b[..i].ends_with(b"https"))
}
