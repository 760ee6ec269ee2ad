//! A message (or a document) as rows of the message pane: a header row, then its body
//! wrapped by cells.
//!
//! Shared by scrolling (which counts rows) and rendering (which draws them), so both agree.
//! Only visible messages are ever wrapped: a 100 k-message day costs what a small one does;
//! and each is wrapped once per width ([`RowCache`]), so a huge message costs little more.

use std::borrow::Cow;
use std::ops::Range;
use std::rc::Rc;

use rustc_hash::FxHashMap;

use crate::document::{self, Block};
use crate::links::{self, Link};
use crate::model::{Day, Entry, Kind, Message};
use crate::text;

/// Cells the body is indented by, under its header.
pub const BODY_INDENT: usize = 2;

/// What a body shows: the text with its links made readable, or for an image a labelled
/// line with its URL (see [`links`](crate::links)).
pub fn display_body<'a>(day: &'a Day, msg: &Message) -> Cow<'a, str> {
    links::show(day.body(msg), msg.kind == Kind::Image).0
}

/// What entry `i` of `day` shows (see [`display_body`], [`document::show`]).
pub fn display_entry(day: &Day, i: usize) -> Cow<'_, str> {
    match day.entry(i) {
        Some(Entry::Message(msg)) => display_body(day, msg),
        Some(Entry::Document(doc)) => Cow::Owned(document::show(day.document_text(doc)).text),
        None => Cow::Borrowed(""),
    }
}

/// Whether a body shows other text than it holds (a search must then look at what shows).
pub fn transformed(day: &Day, msg: &Message) -> bool {
    msg.kind == Kind::Image || (msg.kind == Kind::Link && day.body(msg).contains("]("))
}

/// Text shown for a message: the day's own, or text made from it.
#[derive(Clone, Debug)]
pub enum Shown<'a> {
    Day(&'a str),
    Made(Rc<str>),
}

impl std::ops::Deref for Shown<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Shown::Day(text) => text,
            Shown::Made(text) => text,
        }
    }
}

/// One entry laid out at a width: its shown body and the byte ranges of its body rows.
#[derive(Clone, Debug)]
pub struct MessageRows<'a> {
    pub body: Shown<'a>,
    /// Body rows (the header row is not in here); empty for an empty body.
    pub rows: Rc<[Range<usize>]>,
    /// The links in the shown body.
    pub links: Rc<[Link]>,
    /// A document's headings, code and quotes in the shown body (none for a message).
    pub blocks: Rc<[(Range<usize>, Block)]>,
}

impl MessageRows<'_> {
    /// Rows in all: the header and the body.
    pub fn height(&self) -> usize {
        1 + self.rows.len()
    }
}

/// Wrapped body rows of the messages of one day at one width, computed on first use: a
/// message is shown, searched for links and wrapped once, not on every frame and scroll
/// step (a 1.5 MB message took 12 ms).
#[derive(Clone, Debug, Default)]
pub struct RowCache {
    /// (index of the day in the archive, pane width) the rows are for.
    key: (usize, usize),
    rows: FxHashMap<usize, Laid>,
}

/// One entry laid out: text made for it (if its own is not what shows), rows, links, blocks.
#[derive(Clone, Debug)]
struct Laid {
    made: Option<Rc<str>>,
    rows: Rc<[Range<usize>]>,
    links: Rc<[Link]>,
    blocks: Rc<[(Range<usize>, Block)]>,
}

/// Messages whose rows are kept before the cache starts again (bounds its memory).
const CACHED_MESSAGES: usize = 4096;

impl RowCache {
    /// Lays out entry `index` of `day` (the `day_index`th of the archive) for a pane
    /// `width` cells wide.
    pub fn layout<'a>(
        &mut self,
        day_index: usize,
        day: &'a Day,
        index: usize,
        width: usize,
    ) -> MessageRows<'a> {
        let Some(entry) = day.entry(index) else {
            return MessageRows {
                body: Shown::Day(""),
                rows: Rc::new([]),
                links: Rc::new([]),
                blocks: Rc::new([]),
            };
        };
        if self.key != (day_index, width) || self.rows.len() >= CACHED_MESSAGES {
            self.key = (day_index, width);
            self.rows.clear();
        }
        let laid = self
            .rows
            .entry(index)
            .or_insert_with(|| lay_out(day, entry, width));
        MessageRows {
            body: laid
                .made
                .clone()
                .map_or(Shown::Day(held_body(day, entry)), Shown::Made),
            rows: laid.rows.clone(),
            links: laid.links.clone(),
            blocks: laid.blocks.clone(),
        }
    }
}

/// The body an entry holds: a message's text, a document's Markdown.
fn held_body<'a>(day: &'a Day, entry: Entry) -> &'a str {
    match entry {
        Entry::Message(msg) => day.body(msg),
        Entry::Document(doc) => day.document_text(doc),
    }
}

/// Shows, finds the links of and wraps one entry.
fn lay_out(day: &Day, entry: Entry, width: usize) -> Laid {
    let (text, links, blocks) = match entry {
        Entry::Message(msg) => {
            let (text, links) = links::show(day.body(msg), msg.kind == Kind::Image);
            (text, links, Vec::new())
        }
        Entry::Document(doc) => {
            let shown = document::show(day.document_text(doc));
            (Cow::Owned(shown.text), shown.links, shown.blocks)
        }
    };
    Laid {
        rows: wrap_body(&text, width).into(),
        links: links.into(),
        blocks: blocks.into(),
        made: match text {
            Cow::Borrowed(_) => None,
            Cow::Owned(made) => Some(made.into()),
        },
    }
}

/// The rows of a shown body in a pane `width` wide; none for an empty body.
fn wrap_body(body: &str, width: usize) -> Vec<Range<usize>> {
    if body.is_empty() {
        Vec::new()
    } else {
        text::wrap(body, body_width(width))
    }
}

/// Cells left for the body in a pane `width` wide.
pub fn body_width(width: usize) -> usize {
    width.saturating_sub(BODY_INDENT).max(2)
}
