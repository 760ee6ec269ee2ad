//! A day, a message, a document and a search's find as JSON: what `show --format json`,
//! `search --json` and the MCP tools write, field by field.

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::Serialize;

use crate::model::{Archive, Day, Document, Message};
use crate::search::Found;

/// `{"date", "group", "messages": [{"kind", "speaker", "text", "time"}]}` on one line,
/// texts exact and inert. Serialized as it is written, a message at a time: a day of two
/// million messages as `serde_json::Value`s took 3.8 GB. The fields are in the order the
/// `Value` map wrote them (sorted), so the bytes are the same.
#[derive(Serialize)]
pub(super) struct JsonDay<'a> {
    date: String,
    /// Only in a day that has documents, so a chat day's bytes stay as they were.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    documents: Vec<JsonDocument<'a>>,
    group: &'a str,
    messages: JsonMessages<'a>,
}

/// A document of a day: `show --format json` and the MCP `read_day` give it.
#[derive(Debug, Serialize, JsonSchema)]
pub struct JsonDocument<'a> {
    /// Its Markdown, HTML entities decoded.
    pub text: Cow<'a, str>,
    /// From its front matter, else its file's name.
    pub title: Cow<'a, str>,
}

impl<'a> JsonDocument<'a> {
    pub fn new(day: &'a Day, doc: &'a Document) -> Self {
        JsonDocument {
            text: Cow::Borrowed(day.document_text(doc)),
            title: Cow::Borrowed(&doc.title),
        }
    }

    /// The documents among the entries `shown` of `day`.
    pub fn all(day: &'a Day, shown: &[usize]) -> Vec<Self> {
        let documents = day.documents_among(shown).into_iter();
        documents.map(|doc| JsonDocument::new(day, doc)).collect()
    }
}

impl<'a> JsonDay<'a> {
    pub(super) fn new(archive: &'a Archive, day: &'a Day, shown: &'a [usize]) -> Self {
        JsonDay {
            documents: JsonDocument::all(day, shown),
            date: day.date.to_string(),
            group: &archive.group(day.group).name,
            messages: JsonMessages {
                archive,
                day,
                shown,
            },
        }
    }
}

/// The messages of `day` at `shown`, serialized one by one as a JSON array.
struct JsonMessages<'a> {
    archive: &'a Archive,
    day: &'a Day,
    shown: &'a [usize],
}

impl Serialize for JsonMessages<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let messages = self.shown.iter().filter_map(|&i| self.day.messages.get(i));
        serializer.collect_seq(messages.map(|msg| JsonMessage::new(self.archive, self.day, msg)))
    }
}

// Texts are exact; each writer makes them inert its own way.
/// One message of a day: `show --format json` and the MCP `read_day` give it.
#[derive(Debug, Serialize, JsonSchema)]
pub struct JsonMessage<'a> {
    /// `text`, `image` (an image alone) or `link` (text holding a URL).
    pub kind: &'static str,
    /// The name the message was posted under.
    pub speaker: Cow<'a, str>,
    /// The body, HTML entities decoded; lines joined by newlines.
    pub text: Cow<'a, str>,
    /// `HH:MM:SS` from the message's header.
    pub time: String,
}

impl<'a> JsonMessage<'a> {
    pub fn new(archive: &'a Archive, day: &'a Day, msg: &Message) -> Self {
        JsonMessage {
            kind: msg.kind.name(),
            speaker: Cow::Borrowed(archive.speaker(msg.speaker)),
            text: Cow::Borrowed(day.body(msg)),
            time: msg.time.to_string(),
        }
    }
}

// The fields are in the order `search --json` has always written them (sorted).
/// A message a search found: `search --json` and the MCP `search` give it.
#[derive(Debug, Serialize, JsonSchema)]
pub struct JsonFound<'a> {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The chat group.
    pub group: Cow<'a, str>,
    /// The name the message was posted under.
    pub speaker: Cow<'a, str>,
    /// The body, HTML entities decoded; lines joined by newlines.
    pub text: Cow<'a, str>,
    /// `HH:MM:SS` from the message's header.
    pub time: String,
}

impl<'a> JsonFound<'a> {
    pub fn new(archive: &'a Archive, found: Found) -> Self {
        let day = &archive.days[found.day];
        let msg = &day.messages[found.message];
        JsonFound {
            date: day.date.to_string(),
            group: Cow::Borrowed(&archive.group(day.group).name),
            speaker: Cow::Borrowed(archive.speaker(msg.speaker)),
            text: Cow::Borrowed(day.body(msg)),
            time: msg.time.to_string(),
        }
    }
}
