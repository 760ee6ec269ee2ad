//! JSON lines that are inert on a terminal, for every command that prints JSON.

use std::io::{self, Write};

use serde::Serialize;

use crate::text;

/// Writes `value` as one line of JSON that is inert on a terminal. serde_json escapes C0
/// controls only; DEL, C1 controls (U+009B is a one-byte CSI) and bidi controls would reach
/// a terminal raw from `chatlog search --json | less -R` or a plain `cat`, so they become
/// `\uXXXX` escapes too: still valid JSON, the same text once parsed.
///
/// `value` is serialized as it is written: a [`serde_json::Value`], or a type that streams
/// a big list from the archive without building it first.
pub fn write_json(out: &mut dyn Write, value: &(impl Serialize + ?Sized)) -> io::Result<()> {
    value.serialize(&mut serde_json::Serializer::with_formatter(
        &mut *out,
        InertStrings,
    ))?;
    writeln!(out)
}

/// serde_json's compact format, escaping [`text::acts_on_terminal`] characters in strings.
struct InertStrings;

impl serde_json::ser::Formatter for InertStrings {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if text::acts_on_terminal(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                write!(writer, "\\u{:04x}", u32::from(c))?;
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}
