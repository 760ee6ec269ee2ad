//! A day file read line by line: numbered lines, their end padding, message headers.

use crate::model::Time;

/// Lines of a text with their 1-based numbers, `\r\n` or `\n` ended.
#[derive(Clone)]
pub(super) struct Lines<'a> {
    rest: &'a str,
    number: u32,
}

impl<'a> Lines<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Lines {
            rest: text,
            number: 0,
        }
    }

    /// The text not read yet.
    pub(super) fn remaining(&self) -> &'a str {
        self.rest
    }

    /// The number of the last line read (0 before the first).
    pub(super) fn number(&self) -> u32 {
        self.number
    }

    /// The lines from the 1-based line `first` on.
    pub(super) fn starting_at(mut self, first: u32) -> Self {
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
pub(super) fn trim_line_end(line: &str) -> &str {
    line.trim_end_matches([' ', '\t', '\r'])
}

/// A message header `> H:MM:SS  Name`: its time and the name (trimmed; may be empty).
pub fn parse_header(line: &str) -> Option<(Time, &str)> {
    let (time, after) = leading_time(line.strip_prefix("> ")?)?;
    Some((time, after.trim()))
}

/// A line of the oldest, unnamed form `  H:MM:SS<tab>text`: spaces or tabs, a time, then
/// spaces or tabs or the line's end. Its time and its text (which may be empty).
pub fn parse_unnamed(line: &str) -> Option<(Time, &str)> {
    let (time, after) = leading_time(line.trim_start_matches([' ', '\t']))?;
    Some((time, after.trim_start_matches([' ', '\t'])))
}

/// `H:MM:SS` or `HH:MM:SS` at the start of `text`, ended by a space, a tab or the end: the
/// time and what follows it.
fn leading_time(text: &str) -> Option<(Time, &str)> {
    let b = text.as_bytes();
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
    let hour: u32 = text[..hour_len].parse().ok()?;
    let after = &text[hour_len + 6..];
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    Some((Time::from_hms(hour, minute, second), after))
}
