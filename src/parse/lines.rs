//! A day file read line by line: numbered lines, their end padding, message headers.

use crate::model::Time;

/// Lines of a text with their 1-based numbers, `\r\n` or `\n` ended, and whether each holds
/// a `&` (an entity, perhaps) or a `:` (a URL's `://`, perhaps): both are rare in a body, so
/// most bodies are neither decoded nor searched for a URL.
///
/// Line ends (and those two bytes) are found 64 bytes at a time, as bit masks: a day's lines
/// are short (40 bytes on average), and a search started per line cost more than the bytes
/// it looked at.
#[derive(Clone)]
pub(super) struct Lines<'a> {
    text: &'a str,
    /// Where the next line starts.
    next: usize,
    number: u32,
    /// The 64 bytes from `block`, their bits not read yet: those up to the next line end
    /// belong to the line being read.
    masks: Masks,
    block: usize,
    /// Whether the line being read holds a `&` or a `:`, so far.
    reading: bool,
    /// Whether the last line read holds one.
    marked: bool,
}

/// Bytes of a 64-byte block, a bit each: line ends; `&` and `:`.
#[derive(Clone, Copy, Default)]
struct Masks {
    ends: u64,
    marked: u64,
}

impl Masks {
    /// Whether the bits `upto` hold a `&` or a `:`.
    #[inline]
    fn marked(&self, upto: u64) -> bool {
        self.marked & upto != 0
    }

    /// Drops the bits `upto`, read.
    #[inline]
    fn consume(&mut self, upto: u64) {
        self.ends &= !upto;
        self.marked &= !upto;
    }
}

impl<'a> Lines<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Lines {
            text,
            next: 0,
            number: 0,
            masks: scan(text.as_bytes()),
            block: 0,
            reading: false,
            marked: false,
        }
    }

    /// The text not read yet.
    pub(super) fn remaining(&self) -> &'a str {
        &self.text[self.next..]
    }

    /// Whether the last line read holds a `&` or a `:`.
    pub(super) fn marked(&self) -> bool {
        self.marked
    }

    /// The offset of the next line end, if any; a `&` or `:` before it marks the line being
    /// read.
    #[inline]
    fn next_end(&mut self) -> Option<usize> {
        while self.masks.ends == 0 {
            self.reading |= self.masks.marked(u64::MAX);
            self.block += 64;
            let rest = self.text.as_bytes().get(self.block..)?;
            if rest.is_empty() {
                return None;
            }
            self.masks = scan(rest);
        }
        let bit = self.masks.ends.trailing_zeros();
        let upto = u64::MAX >> (63 - bit);
        self.reading |= self.masks.marked(upto);
        self.masks.consume(upto);
        Some(self.block + bit as usize)
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
        self.marked = std::mem::take(&mut self.reading);
        let start = self.next;
        // Past the line end, if there is one: `remaining` slices from here.
        self.next = (end + 1).min(self.text.len());
        self.number += 1;
        // Both ends are at ASCII bytes (or the text's end), so on character boundaries.
        let line = self.text.get(start..end).unwrap_or("");
        Some((self.number, line.strip_suffix('\r').unwrap_or(line)))
    }
}

/// The masks of the first 64 bytes of `bytes` (all of them if fewer).
fn scan(bytes: &[u8]) -> Masks {
    match bytes.first_chunk::<64>() {
        Some(block) => scan_block(block),
        None => {
            let mut block = [0; 64];
            block[..bytes.len()].copy_from_slice(bytes);
            scan_block(&block)
        }
    }
}

/// [`scan`] of a whole block: 16-byte compares, each made a mask of 16 bits. Written out
/// because no compiler made the plain loop into these (it was a third of a file's parse).
#[cfg(target_arch = "x86_64")]
#[inline]
fn scan_block(block: &[u8; 64]) -> Masks {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    // SAFETY: SSE2 is part of every x86_64 processor; each load reads the 16 bytes at
    // `16 * i` (i < 4), inside `block`, and an unaligned load needs no alignment.
    unsafe {
        let (newline, amp, colon) = (
            _mm_set1_epi8(b'\n' as i8),
            _mm_set1_epi8(b'&' as i8),
            _mm_set1_epi8(b':' as i8),
        );
        let mut masks = Masks::default();
        for i in 0..4 {
            let bytes = _mm_loadu_si128(block.as_ptr().add(16 * i).cast::<__m128i>());
            let bits = |eq| u64::from(_mm_movemask_epi8(eq) as u16) << (16 * i);
            masks.ends |= bits(_mm_cmpeq_epi8(bytes, newline));
            masks.marked |= bits(_mm_or_si128(
                _mm_cmpeq_epi8(bytes, amp),
                _mm_cmpeq_epi8(bytes, colon),
            ));
        }
        masks
    }
}

#[cfg(not(target_arch = "x86_64"))]
fn scan_block(block: &[u8; 64]) -> Masks {
    let bits = |is: fn(u8) -> bool| {
        let bits = block.iter().enumerate();
        bits.fold(0, |m, (i, &b)| m | (u64::from(is(b)) << i))
    };
    Masks {
        ends: bits(|b| b == b'\n'),
        marked: bits(|b| b == b'&' || b == b':'),
    }
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
#[inline]
fn trim_name(text: &str) -> &str {
    let cut = text.trim_ascii();
    // `trim_ascii` leaves vertical tabs and non-ASCII spaces (U+3000) to `trim`: only a
    // character led by one of these bytes may be one.
    let may_space = |b: &u8| matches!(b, 0x0B | 0xC2 | 0xE1 | 0xE2 | 0xE3);
    let b = cut.as_bytes();
    // The last character's lead byte: the last byte that is no continuation byte.
    let last_lead = b.iter().rev().take(4).find(|&&b| b & 0xC0 != 0x80);
    if b.first().is_some_and(may_space) || last_lead.is_some_and(may_space) {
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
    // `HH:MM:SS`, nearly every header's, read as one word: the digits become 0 to 9 and the
    // colons 0; any other byte is above 9, or not 0 where a colon goes. (Adding 0x76 sets a
    // byte's top bit from 10 up; a carry into the next byte comes only from a byte that
    // failed already.)
    if let Some(&eight) = text.as_bytes().first_chunk::<8>() {
        let d = u64::from_le_bytes(eight) ^ u64::from_le_bytes(*b"00:00:00");
        let above_nine = (d.wrapping_add(0x7676_7676_7676_7676) | d) & 0x8080_8080_8080_8080;
        if above_nine == 0 && d & 0x0000_ff00_00ff_0000 == 0 {
            let two =
                |i: u32| ((d >> (8 * i)) & 0xff) as u32 * 10 + ((d >> (8 * i + 8)) & 0xff) as u32;
            return time_then(two(0), two(3), two(6), &text[8..]);
        }
    }
    any_leading_time(text)
}

/// The time at `hour`, `minute`, `second` and the text `after` it, if they are one.
#[inline]
fn time_then(hour: u32, minute: u32, second: u32, after: &str) -> Option<(Time, &str)> {
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    Some((Time::from_hms(hour, minute, second), after))
}

/// [`leading_time`] of any form, read byte by byte.
fn any_leading_time(text: &str) -> Option<(Time, &str)> {
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
    time_then(hour, minute, second, &text[hour_len + 6..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        // Enough cases that a time with one byte amiss meets each of its places.
        #![proptest_config(ProptestConfig::with_cases(2048))]

        /// The line reader against `split`: the same lines, numbered, each marked for a `&`
        /// and a `:` exactly when it holds one, whatever the lengths of lines across the
        /// 64-byte blocks the marks are found in.
        #[test]
        fn lines_and_their_marks_are_as_split_has_them(
            text in "([a&: 代\r]{0,70}\n){0,12}[a&: 代\r]{0,70}",
        ) {
            let mut lines = Lines::new(&text);
            let mut expected: Vec<&str> = text.split('\n').collect();
            if text.is_empty() || text.ends_with('\n') {
                expected.pop();
            }
            for (i, want) in expected.iter().enumerate() {
                let Some((number, line)) = lines.next() else {
                    return Err(TestCaseError::fail(format!("line {} missing", i + 1)));
                };
                prop_assert_eq!(number as usize, i + 1);
                prop_assert_eq!(line, want.strip_suffix('\r').unwrap_or(want));
                prop_assert_eq!(lines.marked(), want.contains(['&', ':']), "line {:?}", want);
            }
            prop_assert!(lines.next().is_none());
            prop_assert_eq!(lines.remaining(), "");
        }

        /// A time read as one word is the time read byte by byte, whatever the bytes.
        #[test]
        fn a_time_is_read_as_byte_by_byte(
            text in prop_oneof![
                // A time of two-digit hours, one of its first eight bytes made a digit, a
                // colon or a byte next to them.
                4 => ("[0-9]{2}:[0-9]{2}:[0-9]{2}[ \t0-9a:…]{0,2}", 0..8usize, "[0-9/;:]")
                    .prop_map(|(time, at, byte)| {
                        let mut bytes = time.into_bytes();
                        if let Some(b) = bytes.get_mut(at) {
                            *b = byte.as_bytes()[0];
                        }
                        String::from_utf8_lossy(&bytes).into_owned()
                    }),
                1 => "[0-9]:[0-9]{2}:[0-9]{2}[ \t0-9a:…]{0,2}",
                1 => "[0-9:]{0,9}",
            ],
        ) {
            prop_assert_eq!(leading_time(&text), any_leading_time(&text));
        }

        /// The bytewise first cut changes nothing `str::trim` would give, whatever white
        /// space (ASCII or not) pads a name.
        #[test]
        fn a_name_is_trimmed_as_trim_has_it(
            name in "[ \t\u{b}\u{c}\r\u{85}\u{a0}\u{1680}\u{2000}\u{200a}\u{2028}\u{202f}\u{205f}\u{3000}a张\u{e9}\u{2014}\u{1f600}]{0,8}",
        ) {
            prop_assert_eq!(trim_name(&name), name.trim());
        }
    }
}
