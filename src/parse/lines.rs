//! A day file read line by line: numbered lines, their end padding, message headers.

use crate::model::Time;

/// Lines of a text with their 1-based numbers, `\r\n` or `\n` ended.
///
/// Line ends are found 64 bytes at a time, as a bit mask: a day's lines are short (40 bytes
/// on average), and a search started per line cost more than the bytes it looked at.
#[derive(Clone)]
pub(super) struct Lines<'a> {
    text: &'a str,
    /// Where the next line starts.
    next: usize,
    /// Where the last line read started.
    start: usize,
    number: u32,
    /// The line ends in the 64 bytes from `block` not read yet, a bit each.
    ends: u64,
    block: usize,
}

impl<'a> Lines<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Lines {
            text,
            next: 0,
            start: 0,
            number: 0,
            ends: line_ends(text.as_bytes()),
            block: 0,
        }
    }

    /// The whole text, the lines read included.
    pub(super) fn text(&self) -> &'a str {
        self.text
    }

    /// The text not read yet.
    pub(super) fn remaining(&self) -> &'a str {
        &self.text[self.next..]
    }

    /// Where the last line read starts in the text.
    pub(super) fn line_start(&self) -> usize {
        self.start
    }

    /// The offset of the next line end, if any.
    fn next_end(&mut self) -> Option<usize> {
        while self.ends == 0 {
            self.block += 64;
            let rest = self.text.as_bytes().get(self.block..)?;
            if rest.is_empty() {
                return None;
            }
            self.ends = line_ends(rest);
        }
        let end = self.block + self.ends.trailing_zeros() as usize;
        self.ends &= self.ends - 1;
        Some(end)
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

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        if self.next >= self.text.len() {
            return None;
        }
        let end = self.next_end().unwrap_or(self.text.len());
        self.start = self.next;
        self.next = end + 1;
        self.number += 1;
        // Both ends are at ASCII bytes (or the text's end), so on character boundaries.
        let line = self.text.get(self.start..end).unwrap_or("");
        Some((self.number, line.strip_suffix('\r').unwrap_or(line)))
    }
}

/// The `\n` bytes among the first 64 of `bytes`, bit `i` for byte `i`.
fn line_ends(bytes: &[u8]) -> u64 {
    match bytes.first_chunk::<64>() {
        Some(block) => block_line_ends(block),
        None => {
            let bits = bytes.iter().enumerate();
            bits.fold(0, |m, (i, &b)| m | (u64::from(b == b'\n') << i))
        }
    }
}

/// [`line_ends`] of a whole block: four 16-byte compares, each made a mask of 16 bits.
/// Written out because no compiler made the plain loop into these (it was a third of a
/// file's parse).
#[cfg(target_arch = "x86_64")]
fn block_line_ends(block: &[u8; 64]) -> u64 {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8,
    };
    // SAFETY: SSE2 is part of every x86_64 processor; each load reads the 16 bytes at
    // `16 * i` (i < 4), inside `block`, and an unaligned load needs no alignment.
    unsafe {
        let newline = _mm_set1_epi8(b'\n' as i8);
        let lane = |i: usize| {
            let bytes = _mm_loadu_si128(block.as_ptr().add(16 * i).cast::<__m128i>());
            u64::from(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, newline)) as u16) << (16 * i)
        };
        lane(0) | lane(1) | lane(2) | lane(3)
    }
}

#[cfg(not(target_arch = "x86_64"))]
fn block_line_ends(block: &[u8; 64]) -> u64 {
    let bits = block.iter().enumerate();
    bits.fold(0, |m, (i, &b)| m | (u64::from(b == b'\n') << i))
}

/// A line with its line-end padding removed (spaces, tabs, stray `\r`).
#[inline]
pub(super) fn trim_line_end(line: &str) -> &str {
    let bytes = line.as_bytes();
    let end = bytes
        .iter()
        .rposition(|b| !matches!(b, b' ' | b'\t' | b'\r'))
        .map_or(0, |i| i + 1);
    // Only ASCII bytes were cut: `end` is a character boundary.
    line.get(..end).unwrap_or(line)
}

/// A message header `> H:MM:SS  Name`: its time and the name (trimmed; may be empty).
#[inline]
pub fn parse_header(line: &str) -> Option<(Time, &str)> {
    let (time, after) = leading_time(line.strip_prefix("> ")?)?;
    Some((time, trim_name(after)))
}

/// `text` without white space at either end, as `str::trim` has it, but ASCII spaces cut
/// bytewise first: names are padded with them, and rarely with anything else.
fn trim_name(text: &str) -> &str {
    let cut = text.trim_ascii();
    // `trim_ascii` leaves vertical tabs and non-ASCII spaces (U+3000) to `trim`.
    let space = |c: Option<char>| c.is_some_and(char::is_whitespace);
    if space(cut.chars().next()) || space(cut.chars().next_back()) {
        cut.trim()
    } else {
        cut
    }
}

/// A line of the oldest, unnamed form `  H:MM:SS<tab>text`: spaces or tabs, a time, then
/// spaces or tabs or the line's end. Its time and its text (which may be empty).
pub fn parse_unnamed(line: &str) -> Option<(Time, &str)> {
    let (time, after) = leading_time(line.trim_start_matches([' ', '\t']))?;
    Some((time, after.trim_start_matches([' ', '\t'])))
}

/// `H:MM:SS` or `HH:MM:SS` at the start of `text`, ended by a space, a tab or the end: the
/// time and what follows it.
#[inline]
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
    let hour = b[..hour_len]
        .iter()
        .fold(0, |h, d| h * 10 + u32::from(d - b'0'));
    let after = &text[hour_len + 6..];
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    Some((Time::from_hms(hour, minute, second), after))
}
