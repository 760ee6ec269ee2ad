//! A message as rows of the message pane: a header row, then its body wrapped by cells.
//!
//! Shared by scrolling (which counts rows) and rendering (which draws them), so both agree.
//! Only visible messages are ever wrapped: a 100 k-message day costs what a small one does.

use std::borrow::Cow;
use std::ops::Range;

use crate::model::{Day, Kind, Message};
use crate::text;

/// Cells the body is indented by, under its header.
pub const BODY_INDENT: usize = 2;

/// What a body shows: the text, or for an image a labelled line with its URL.
pub fn shown_body<'a>(day: &'a Day, msg: &Message) -> Cow<'a, str> {
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
    pub rows: Vec<Range<usize>>,
}

impl MessageRows<'_> {
    /// Rows in all: the header and the body.
    pub fn height(&self) -> usize {
        1 + self.rows.len()
    }
}

/// Lays out `msg` for a pane `width` cells wide.
pub fn layout<'a>(day: &'a Day, msg: &Message, width: usize) -> MessageRows<'a> {
    let body = shown_body(day, msg);
    let rows = if body.is_empty() {
        Vec::new()
    } else {
        text::wrap(&body, body_width(width))
    };
    MessageRows { body, rows }
}

/// Cells left for the body in a pane `width` wide.
pub fn body_width(width: usize) -> usize {
    width.saturating_sub(BODY_INDENT).max(2)
}

/// Rows `msg` takes at `width`.
pub fn count(day: &Day, msg: &Message, width: usize) -> usize {
    layout(day, msg, width).height()
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
