//! HTML entity decoding, repeated until stable: the real archive escapes text 0 to 3 times
//! depending on the era (`&amp;amp;lt;` is a `<`), and readers search for what they see.

use std::borrow::Cow;

/// The most rounds of decoding: more than the deepest escaping seen in the wild.
const MAX_ROUNDS: usize = 3;

/// Decodes HTML entities until nothing changes, at most [`MAX_ROUNDS`] times.
/// Borrows when the text holds no `&` (the common case).
pub fn decode(text: &str) -> Cow<'_, str> {
    let mut out = Cow::Borrowed(text);
    for _ in 0..MAX_ROUNDS {
        match decode_once(&out) {
            Some(next) => out = Cow::Owned(next),
            None => break,
        }
    }
    out
}

/// Text that [`decode`] turns back into `text` exactly, for writing a day back in the
/// archive's format. A `&` that starts an entity becomes `&amp;amp;amp;`: decoding runs
/// [`MAX_ROUNDS`] rounds, so a single `&amp;` would be a `&` after the first and let the
/// next round decode what follows it. A char at byte `i` for which `numeric(i, c)` holds
/// becomes `&#N;`, back in the first round; NUL has no entity here and always stays raw.
pub fn encode(text: &str, mut numeric: impl FnMut(usize, char) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if c == '&' && entity_at(&text[i..]).is_some() {
            out.push('&');
            out.push_str(&"amp;".repeat(MAX_ROUNDS));
        } else if c != '\0' && numeric(i, c) {
            out.push_str(&format!("&#{};", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// One round of decoding, or `None` when no entity was found.
fn decode_once(text: &str) -> Option<String> {
    let mut out: Option<String> = None;
    let mut done = 0; // bytes of `text` already copied or decoded
    for amp in memchr::memchr_iter(b'&', text.as_bytes()) {
        if amp < done {
            continue;
        }
        let Some((decoded, len)) = entity_at(&text[amp..]) else {
            continue;
        };
        let buf = out.get_or_insert_with(|| String::with_capacity(text.len()));
        buf.push_str(&text[done..amp]);
        buf.push(decoded);
        done = amp + len;
    }
    let mut buf = out?;
    buf.push_str(&text[done..]);
    Some(buf)
}

/// The character an entity at the start of `s` stands for, and the entity's length in bytes.
fn entity_at(s: &str) -> Option<(char, usize)> {
    // Longest entity we decode: `&#x10FFFF;` or `&#1114111;` (10 bytes).
    let semi = s.as_bytes().iter().take(11).position(|&b| b == b';')?;
    let name = &s[1..semi];
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        _ => numeric(name)?,
    };
    Some((c, semi + 1))
}

/// `#160` or `#xA0`: a valid, non-NUL code point.
fn numeric(name: &str) -> Option<char> {
    let digits = name.strip_prefix('#')?;
    let code = match digits.strip_prefix(['x', 'X']) {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => digits.parse().ok()?,
    };
    char::from_u32(code).filter(|&c| c != '\0')
}

#[cfg(test)]
mod tests {
    use super::{decode, encode};
    use proptest::prelude::*;

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(
            decode("no entities here"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn raw_specials_stay() {
        assert_eq!(decode(r#"a < b && c > "d""#), r#"a < b && c > "d""#);
    }

    #[test]
    fn single_escapes() {
        assert_eq!(
            decode("&gt; quoted &lt;x&gt; &quot;q&quot; &apos;"),
            "> quoted <x> \"q\" '"
        );
    }

    #[test]
    fn double_and_triple_escapes() {
        assert_eq!(decode("a&amp;#160;b"), "a\u{a0}b");
        assert_eq!(decode("&amp;amp;"), "&");
        assert_eq!(decode("x &amp;lt;= y"), "x <= y");
        assert_eq!(decode("&amp;#183;"), "·");
        assert_eq!(decode("&amp;amp;amp;"), "&");
    }

    #[test]
    fn stops_after_three_rounds() {
        // Four levels of escaping: three rounds leave one `&amp;`.
        assert_eq!(decode("&amp;amp;amp;amp;"), "&amp;");
    }

    #[test]
    fn numeric_forms() {
        assert_eq!(decode("&#20320;&#x597D;"), "你好");
        assert_eq!(decode("&#0; &#xZZ; &#99999999;"), "&#0; &#xZZ; &#99999999;");
    }

    #[test]
    fn unknown_and_unterminated_stay() {
        assert_eq!(decode("&copy2; &foo; & ;&amp"), "&copy2; &foo; & ;&amp");
    }

    #[test]
    fn multibyte_neighbours() {
        assert_eq!(decode("中&amp;文&lt;"), "中&文<");
    }

    #[test]
    fn encode_keeps_entities_as_text_through_every_round() {
        let text = "&lt; is <, &amp;amp; and &#160; stay, & alone";
        let encoded = encode(text, |_, _| false);
        assert_eq!(
            encoded,
            "&amp;amp;amp;lt; is <, &amp;amp;amp;amp;amp; and &amp;amp;amp;#160; stay, & alone"
        );
        assert_eq!(decode(&encoded), text);
    }

    #[test]
    fn encode_writes_chosen_chars_as_numbers_but_never_nul() {
        let encoded = encode("a\u{1b}b\0c", |_, c| c.is_control());
        assert_eq!(encoded, "a&#27;b\0c");
        assert_eq!(decode(&encoded), "a\u{1b}b\0c");
    }

    proptest! {
        #[test]
        fn decode_undoes_encode(
            text in "(&|amp;|lt;|#|x|1|6|0|;|\u{1b}|\n|a|中| ){0,30}",
            every in 1usize..4,
        ) {
            let encoded = encode(&text, |i, c| c.is_control() || i % every == 0);
            prop_assert_eq!(decode(&encoded), text);
        }
    }
}
