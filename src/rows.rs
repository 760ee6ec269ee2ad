//! A message as rows of the message pane: a header row, then its body wrapped by cells.
//!
//! Shared by scrolling (which counts rows) and rendering (which draws them), so both agree.
//! Only visible messages are ever wrapped: a 100 k-message day costs what a small one does;
//! and each is wrapped once per width ([`RowCache`]), so a huge message costs little more.

use std::borrow::Cow;
use std::ops::Range;
use std::rc::Rc;

use rustc_hash::FxHashMap;

use crate::model::{Day, Kind, Message};
use crate::text;

/// Cells the body is indented by, under its header.
pub const BODY_INDENT: usize = 2;

/// What a body shows: the text, or for an image a labelled line with its URL.
pub fn display_body<'a>(day: &'a Day, msg: &Message) -> Cow<'a, str> {
    let body = day.body(msg);
    if msg.kind == Kind::Image
        && let Some((caption, url)) = image_parts(body)
    {
        return Cow::Owned(format!("▣ image {caption}  {url}"));
    }
    Cow::Borrowed(body)
}

/// `![caption](url)` → (caption, url).
fn image_parts(body: &str) -> Option<(&str, &str)> {
    let inner = body.strip_prefix("![")?.strip_suffix(')')?;
    inner.split_once("](")
}

/// One message laid out at a width: its shown body and the byte ranges of its body rows.
#[derive(Clone, Debug)]
pub struct MessageRows<'a> {
    pub body: Cow<'a, str>,
    /// Body rows (the header row is not in here); empty for an empty body.
    pub rows: Rc<[Range<usize>]>,
}

impl MessageRows<'_> {
    /// Rows in all: the header and the body.
    pub fn height(&self) -> usize {
        1 + self.rows.len()
    }
}

/// Wrapped body rows of the messages of one day at one width, computed on first use: a
/// message is wrapped once, not on every frame and scroll step (a 1.5 MB message took 12 ms).
#[derive(Clone, Debug, Default)]
pub struct RowCache {
    /// (index of the day in the archive, pane width) the rows are for.
    key: (usize, usize),
    rows: FxHashMap<usize, Rc<[Range<usize>]>>,
}

/// Messages whose rows are kept before the cache starts again (bounds its memory).
const CACHED_MESSAGES: usize = 4096;

impl RowCache {
    /// Lays out message `index` of `day` (the `day_index`th of the archive) for a pane
    /// `width` cells wide.
    pub fn layout<'a>(
        &mut self,
        day_index: usize,
        day: &'a Day,
        index: usize,
        width: usize,
    ) -> MessageRows<'a> {
        let Some(msg) = day.messages.get(index) else {
            return MessageRows {
                body: Cow::Borrowed(""),
                rows: Rc::new([]),
            };
        };
        if self.key != (day_index, width) || self.rows.len() >= CACHED_MESSAGES {
            self.key = (day_index, width);
            self.rows.clear();
        }
        let body = display_body(day, msg);
        let rows = self
            .rows
            .entry(index)
            .or_insert_with(|| wrap_body(&body, width).into())
            .clone();
        MessageRows { body, rows }
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

/// Byte ranges of `http://` and `https://` URLs: up to white space, a CJK character or a
/// closing bracket.
pub fn link_ranges(body: &str) -> Vec<Range<usize>> {
    let mut links = Vec::new();
    let mut from = 0;
    while let Some(i) = body[from..].find("http").map(|i| from + i) {
        let rest = &body[i..];
        if !(rest.starts_with("http://") || rest.starts_with("https://")) {
            from = i + 4;
            continue;
        }
        let len = rest
            .char_indices()
            .find(|&(_, c)| {
                c.is_whitespace() || !c.is_ascii() || matches!(c, ')' | ']' | '>' | '"')
            })
            .map_or(rest.len(), |(j, _)| j);
        links.push(i..i + len);
        from = i + len;
    }
    links
}
