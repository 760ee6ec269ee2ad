//! CSV records as RFC 4180 writes them: fields joined by commas, a record ended by CRLF, and
//! a field holding a comma, a double quote, CR or LF put in double quotes, its quotes
//! doubled. Ten lines of quoting were chosen over the `csv` crate: nothing is read back.
//!
//! A field stays inert on a terminal: controls other than newline and tab are shown as
//! their pictures (`␛`), as text output shows them; CSV has no escape that keeps them.

use std::io::{self, Write};

use crate::text;

/// Writes one record of `fields`.
pub fn write_record(out: &mut dyn Write, fields: &[&str]) -> io::Result<()> {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        write_field(out, field)?;
    }
    out.write_all(b"\r\n")
}

/// One field, quoted when RFC 4180 needs it.
fn write_field(out: &mut dyn Write, field: &str) -> io::Result<()> {
    let mut inert = String::with_capacity(field.len());
    for c in field.chars() {
        match c {
            '\n' | '\t' => inert.push(c),
            c => text::push_shown(&mut inert, c, 0),
        }
    }
    if inert.contains([',', '"', '\r', '\n']) {
        write!(out, "\"{}\"", inert.replace('"', "\"\""))
    } else {
        out.write_all(inert.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(fields: &[&str]) -> String {
        let mut out = Vec::new();
        write_record(&mut out, fields).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn fields_are_quoted_only_where_rfc_4180_needs_it() {
        assert_eq!(record(&["a", "b c", ""]), "a,b c,\r\n");
        assert_eq!(
            record(&["1,2", "say \"hi\""]),
            "\"1,2\",\"say \"\"hi\"\"\"\r\n"
        );
        assert_eq!(record(&["two\nlines", "代扣"]), "\"two\nlines\",代扣\r\n");
    }

    #[test]
    fn controls_are_pictures_and_tabs_stay() {
        assert_eq!(record(&["\u{1b}[31m\tx\u{7}"]), "␛[31m\tx␇\r\n");
        assert_eq!(record(&["\u{202e}"]), "\u{fffd}\r\n");
    }
}
