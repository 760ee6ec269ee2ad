//! The archive as plain, immutable data: groups → days → messages, speakers interned once.
//!
//! Nothing here does I/O or knows about the terminal. Message text lives in one buffer
//! per day (`Day::text`); a `Message` is a small fixed-size record pointing into it.

use std::fmt;
use std::ops::Range;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::arena::Text;

/// Index of a speaker in `Archive::speakers`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SpeakerId(pub u32);

/// Index of a chat group in `Archive::groups`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GroupId(pub u32);

/// A time of day from a message header, as seconds since midnight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time(pub u32);

impl Time {
    pub fn from_hms(h: u32, m: u32, s: u32) -> Time {
        Time(h * 3600 + m * 60 + s)
    }
    pub fn hour(self) -> u32 {
        self.0 / 3600
    }
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0;
        write!(f, "{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    }
}

/// What a message body is, for display.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// `![caption](url)` alone in the body.
    Image,
    /// Text holding at least one URL.
    Link,
}

impl Kind {
    /// How JSON and CSV name the kind.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Image => "image",
            Kind::Link => "link",
        }
    }
}

/// One message: a fixed-size record; its body is `Day::body(msg)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Message {
    pub time: Time,
    pub speaker: SpeakerId,
    pub kind: Kind,
    /// Byte range of the (entity-decoded) body in `Day::text`.
    pub body: (u32, u32),
    /// 1-based line of the header in its source file.
    pub line: u32,
}

/// What the front matter said about a day (information only).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub author: Option<String>,
    /// The declared `lines:` value; not a message count.
    pub lines: Option<u64>,
}

/// One (group, date): the messages of one or more day files, in file order.
#[derive(Clone, Debug)]
pub struct Day {
    pub group: GroupId,
    pub date: NaiveDate,
    pub meta: FrontMatter,
    /// Source files, relative to the archive root, in merge order.
    pub sources: Vec<PathBuf>,
    /// All bodies, back to back in message order (archive search scans it whole).
    pub text: Text,
    pub messages: Vec<Message>,
    /// The messages that repeat an earlier one of the day (see `echoes`), in order.
    pub echoes: Vec<Echo>,
    /// Pages of the day that hold text but no messages, in merge order.
    pub documents: Vec<Document>,
}

/// A dated page with text but no message lines (a write-up of a day's discussion, an essay,
/// a job post): read and searched with its day, never counted as messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub title: String,
    /// Byte range of its (entity-decoded) Markdown in `Day::text`, after every body.
    pub body: (u32, u32),
    /// 1-based line of its first line of text in its source file.
    pub line: u32,
    /// Index of its file in `Day::sources`.
    pub source: u32,
}

/// What an *entry index* of a day names: messages come first (`0..messages.len()`), then
/// documents. The reader's shown list, its hits and `F` results hold entry indices, so a
/// document is read, searched and found as a message is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry<'a> {
    Message(&'a Message),
    Document(&'a Document),
}

/// A message that repeats an earlier one of its day: both indices into `Day::messages`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Echo {
    pub message: u32,
    pub of: u32,
}

impl Day {
    /// `date` of `group`, with nothing in it yet.
    pub fn new(group: GroupId, date: NaiveDate) -> Day {
        Day {
            group,
            date,
            meta: FrontMatter::default(),
            sources: Vec::new(),
            text: Text::default(),
            messages: Vec::new(),
            echoes: Vec::new(),
            documents: Vec::new(),
        }
    }

    /// The day's messages, echoes left out with `fold`.
    pub fn kept(&self, fold: bool) -> impl Iterator<Item = &Message> {
        self.kept_indexed(fold).map(|(_, msg)| msg)
    }

    /// [`Day::kept`] with each message's index in the day.
    pub fn kept_indexed(&self, fold: bool) -> impl Iterator<Item = (usize, &Message)> {
        let mut echoes = self.echoes.iter().map(|e| e.message as usize).peekable();
        self.messages
            .iter()
            .enumerate()
            .filter(move |&(i, _)| !(echoes.next_if_eq(&i).is_some() && fold))
    }

    /// Messages in the day, echoes left out with `fold`.
    pub fn count(&self, fold: bool) -> usize {
        self.messages.len() - if fold { self.echoes.len() } else { 0 }
    }

    /// Whether message `i` repeats an earlier one of the day.
    pub fn is_echo(&self, i: usize) -> bool {
        self.echoes
            .binary_search_by_key(&(i as u32), |e| e.message)
            .is_ok()
    }

    pub fn body(&self, msg: &Message) -> &str {
        self.slice(msg.body)
    }

    /// A document's Markdown, as written (entities decoded).
    pub fn document_text(&self, doc: &Document) -> &str {
        self.slice(doc.body)
    }

    fn slice(&self, (start, end): (u32, u32)) -> &str {
        self.text.get(start as usize..end as usize).unwrap_or("")
    }

    /// Entry `i`: a message, or past them a document (see [`Entry`]).
    pub fn entry(&self, i: usize) -> Option<Entry<'_>> {
        match self.messages.get(i) {
            Some(msg) => Some(Entry::Message(msg)),
            None => self
                .documents
                .get(i - self.messages.len())
                .map(Entry::Document),
        }
    }

    /// The documents among the entries `shown`, in their order.
    pub fn documents_among(&self, shown: &[usize]) -> Vec<&Document> {
        let entries = shown.iter().filter_map(|&i| self.entry(i));
        let documents = entries.filter_map(|e| match e {
            Entry::Document(doc) => Some(doc),
            Entry::Message(_) => None,
        });
        documents.collect()
    }

    /// The entry indices of the day's documents.
    pub fn document_entries(&self) -> Range<usize> {
        let start = self.messages.len();
        start..start + self.documents.len()
    }
}

/// A chat group: a folder of the archive. Its days are contiguous in `Archive::days`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// Folder path below the root (`devarch`), empty for the root group.
    pub path: String,
    /// What to show: the path, or the archive folder's name for the root group.
    pub name: String,
    pub days: Range<usize>,
}

/// Index of a person in `Archive::people`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PersonId(pub u32);

/// One person: the names echoes link (see `echoes`), most used first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Person {
    pub names: Vec<SpeakerId>,
    /// Messages under all the names.
    pub messages: u32,
}

/// A distinct speaker name across the archive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    pub name: String,
    pub messages: u32,
}

/// A loaded archive: built once by the loader, never mutated.
#[derive(Clone, Debug)]
pub struct Archive {
    pub root: PathBuf,
    /// Groups sorted by path.
    pub groups: Vec<Group>,
    /// Days sorted by (group, date).
    pub days: Vec<Day>,
    pub speakers: Vec<Speaker>,
    /// Speakers joined into people by the echoes between their names.
    pub people: Vec<Person>,
    /// The person of each speaker, by `SpeakerId`.
    pub person_of: Vec<PersonId>,
    /// The speaker standing for messages logged without a name (the oldest form), if any.
    pub unnamed: Option<SpeakerId>,
    /// What the load noted that is no problem: pages of a site (no date, no messages) it
    /// skipped, at [`Severity::Info`](crate::problem::Severity::Info).
    pub notes: Vec<crate::problem::Problem>,
}

/// What the speaker of messages logged without a name is called: a mark, not a name.
pub const UNNAMED: &str = "(no name)";

impl Archive {
    pub fn speaker(&self, id: SpeakerId) -> &str {
        self.speakers
            .get(id.0 as usize)
            .map_or("", |s| s.name.as_str())
    }

    /// The person who wrote under `id`.
    pub fn person(&self, id: SpeakerId) -> Option<&Person> {
        self.people.get(self.person_id(id)?.0 as usize)
    }

    /// The id of the person who wrote under `id`.
    pub fn person_id(&self, id: SpeakerId) -> Option<PersonId> {
        self.person_of.get(id.0 as usize).copied()
    }

    /// The name a person goes by: their most used one.
    pub fn person_name(&self, id: PersonId) -> &str {
        let first = self.people.get(id.0 as usize).and_then(|p| p.names.first());
        first.map_or("", |&n| self.speaker(n))
    }

    /// A person's other names than `id`, most used first.
    pub fn aliases(&self, id: SpeakerId) -> impl Iterator<Item = SpeakerId> + '_ {
        self.person(id)
            .into_iter()
            .flat_map(|p| p.names.iter().copied())
            .filter(move |&n| n != id)
    }

    pub fn group(&self, id: GroupId) -> &Group {
        &self.groups[id.0 as usize]
    }

    pub fn group_days(&self, id: GroupId) -> &[Day] {
        &self.days[self.group(id).days.clone()]
    }

    /// Every message, echoes included.
    pub fn message_count(&self) -> usize {
        self.days.iter().map(|d| d.messages.len()).sum()
    }

    /// Documents in all days.
    pub fn document_count(&self) -> usize {
        self.days.iter().map(|d| d.documents.len()).sum()
    }

    /// Whether `id` stands for messages logged without a name.
    pub fn is_unnamed(&self, id: SpeakerId) -> bool {
        self.unnamed == Some(id)
    }

    /// Messages that repeat an earlier one of their day (see `echoes`).
    pub fn echo_count(&self) -> usize {
        self.days.iter().map(|d| d.echoes.len()).sum()
    }

    /// The group whose path or display name is `name`.
    pub fn find_group(&self, name: &str) -> Option<GroupId> {
        let i = self
            .groups
            .iter()
            .position(|g| g.path == name || g.name == name)?;
        Some(GroupId(i as u32))
    }

    /// The speakers called by one of `names` (exact, surrounding space ignored), in id
    /// order: how a name the reader or a command line holds becomes ids in this archive.
    pub fn speakers_named<S: AsRef<str>>(&self, names: &[S]) -> Vec<SpeakerId> {
        let wanted: Vec<&str> = names.iter().map(|n| n.as_ref().trim()).collect();
        (0..self.speakers.len() as u32)
            .map(SpeakerId)
            .filter(|&id| wanted.contains(&self.speaker(id)))
            .collect()
    }

    /// The index in `days` of `date` in `group`, if that day has a log.
    pub fn find_day(&self, group: GroupId, date: NaiveDate) -> Option<usize> {
        let range = self.group(group).days.clone();
        let days = &self.days[range.clone()];
        days.binary_search_by_key(&date, |d| d.date)
            .ok()
            .map(|i| range.start + i)
    }
}
