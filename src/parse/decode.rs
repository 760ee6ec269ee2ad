//! A day file's bytes → text: UTF-8 (a BOM stripped, a few damaged bytes replaced), UTF-16
//! by its BOM, or a legacy encoding such as GBK guessed by chardetng; binary files refused.
//! Every decision that changes a byte is reported.

use std::borrow::Cow;
use std::path::Path;

use crate::problem::Problem;

/// The file as text. Nothing is dropped but bytes that decode to nothing, each shown as
/// U+FFFD and reported. `None` for a binary file (an image or a program named `.md`), with
/// an error: decoded, it would be a day of gibberish.
pub fn decode_bytes<'a>(
    path: &Path,
    bytes: &'a [u8],
    problems: &mut Vec<Problem>,
) -> Option<Cow<'a, str>> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let rest = &bytes[bom_len..];
        if encoding == encoding_rs::UTF_8 {
            // The BOM says UTF-8: damage is damage, never a reason to guess another encoding.
            return Some(utf8(rest).unwrap_or_else(|damage| damage.replaced(path, rest, problems)));
        }
        problems.push(Problem::warning(
            path,
            None,
            format!("file is {}: decoded", encoding.name()),
        ));
        let (text, _) = encoding.decode_without_bom_handling(rest);
        return Some(Cow::Owned(text.into_owned()));
    }
    let damage = match utf8(bytes) {
        Ok(text) => return Some(text),
        Err(damage) => damage,
    };
    if damage.is_mostly_utf8() {
        return Some(damage.replaced(path, bytes, problems));
    }
    if let Some(what) = binary_kind(bytes) {
        problems.push(Problem::error(
            path,
            None,
            format!("not a text file ({what}): skipped"),
        ));
        return None;
    }
    Some(Cow::Owned(guess_encoding(path, bytes, problems)))
}

/// `bytes` as UTF-8 when they all are, else what is wrong with them.
fn utf8(bytes: &[u8]) -> Result<Cow<'_, str>, Utf8Damage> {
    // Validation is a pass over every byte of the archive: the SIMD validator is ~10× std's
    // on CJK text, which was a fifth of the load time.
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(_) => Err(Utf8Damage::of(bytes)),
    }
}

/// What keeps a file from being UTF-8, counted in one pass after validation failed.
#[derive(Debug, Default, PartialEq, Eq)]
struct Utf8Damage {
    /// Well-formed multi-byte characters: the evidence that the file is UTF-8.
    good: usize,
    /// Ill-formed sequences before the end of the file.
    bad_inside: usize,
    /// Bytes that are no part of a character, a character cut at the end included.
    bad_bytes: usize,
    /// Offset of the first such byte.
    first_bad: usize,
}

/// A damaged file is read as UTF-8 when its good multi-byte characters outnumber its bad
/// sequences this many times. A legacy encoding is the other way round: about one GBK pair
/// in seven happens to be well-formed UTF-8, and a Latin-1 accent never is.
const GOOD_PER_BAD: usize = 8;

impl Utf8Damage {
    fn of(bytes: &[u8]) -> Utf8Damage {
        let mut damage = Utf8Damage::default();
        let mut rest = bytes;
        loop {
            let (valid, error) = match std::str::from_utf8(rest) {
                Ok(valid) => (valid.as_bytes(), None),
                Err(e) => (&rest[..e.valid_up_to()], Some(e.error_len())),
            };
            // Counting lead bytes counts the multi-byte characters.
            damage.good += valid.iter().filter(|&&b| b >= 0xc0).count();
            let Some(error_len) = error else {
                return damage;
            };
            if damage.bad_bytes == 0 {
                damage.first_bad = bytes.len() - rest.len() + valid.len();
            }
            // No length: a character cut by the end of the file.
            let len = error_len.unwrap_or(rest.len() - valid.len());
            damage.bad_inside += usize::from(error_len.is_some());
            damage.bad_bytes += len;
            rest = &rest[valid.len() + len..];
        }
    }

    /// Whether the file is UTF-8 with a few bad bytes (cut mid-character, a flipped bit)
    /// rather than text in another encoding: a cut end alone says nothing against UTF-8.
    fn is_mostly_utf8(&self) -> bool {
        self.good > 0 && self.good >= self.bad_inside * GOOD_PER_BAD
    }

    /// `bytes` as UTF-8 with each bad sequence replaced by U+FFFD, and a warning at the line
    /// of the first.
    fn replaced<'a>(
        &self,
        path: &Path,
        bytes: &'a [u8],
        problems: &mut Vec<Problem>,
    ) -> Cow<'a, str> {
        let line = memchr::memchr_iter(b'\n', &bytes[..self.first_bad]).count() + 1;
        problems.push(Problem::warning(
            path,
            Some(line as u32),
            format!(
                "{} byte(s) that are not UTF-8 in a UTF-8 file, the first on this line \
                 (a damaged or cut file?): shown as \u{fffd}",
                self.bad_bytes
            ),
        ));
        String::from_utf8_lossy(bytes)
    }
}

/// A file that is not UTF-8 at all, decoded in the encoding chardetng guesses (GBK,
/// windows-1252, …), with a warning that names it.
fn guess_encoding(path: &Path, bytes: &[u8], problems: &mut Vec<Problem>) -> String {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Allow);
    let (text, _, had_errors) = encoding.decode(bytes);
    let how = if had_errors {
        " (some bytes replaced)"
    } else {
        ""
    };
    problems.push(Problem::warning(
        path,
        None,
        format!("file is not UTF-8: decoded as {}{how}", encoding.name()),
    ));
    text.into_owned()
}

/// What a file that is not UTF-8 holds, when it is not text in any encoding: as for `grep`
/// and `git`, a NUL byte in the first 8 KiB. Legacy text encodings never hold one; images,
/// archives and programs nearly always do.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: [(&[u8], &str); 7] = [
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"%PDF", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive"),
        (b"\x7fELF", "an ELF program"),
        (b"\x1f\x8b", "gzip data"),
    ];
    memchr::memchr(0, &bytes[..bytes.len().min(8192)])?;
    let known = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic));
    Some(known.map_or("binary data", |&(_, what)| what))
}

/// NUL bytes are no text: a crash can leave a file with zeroed blocks. They are kept (shown
/// as `␀`) and reported at the first one's line.
pub fn report_nul_bytes(path: &Path, text: &str, problems: &mut Vec<Problem>) {
    let bytes = text.as_bytes();
    let Some(first) = memchr::memchr(0, bytes) else {
        return;
    };
    let line = memchr::memchr_iter(b'\n', &bytes[..first]).count() + 1;
    let count = memchr::memchr_iter(0, bytes).count();
    problems.push(Problem::warning(
        path,
        Some(line as u32),
        format!("{count} NUL byte(s), the first on this line (a damaged file?): shown as ␀"),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn damage(bytes: &[u8]) -> Utf8Damage {
        Utf8Damage::of(bytes)
    }

    #[test]
    fn damage_counts_good_characters_bad_sequences_and_a_cut_end() {
        let cut = "代扣代扣".as_bytes();
        let cut = &cut[..cut.len() - 1];
        let d = damage(cut);
        assert_eq!(
            (d.good, d.bad_inside, d.bad_bytes, d.first_bad),
            (3, 0, 2, 9)
        );
        assert!(d.is_mostly_utf8());
        let mut flipped = "代扣 ok\n代扣".as_bytes().to_vec();
        flipped[3] = 0xff;
        let d = damage(&flipped);
        assert_eq!(
            (d.good, d.bad_inside, d.bad_bytes, d.first_bad),
            (3, 3, 3, 3)
        );
    }

    #[test]
    fn a_legacy_encoding_is_not_mostly_utf8() {
        let text = "我们讨论一下代扣和清算的对账流程，还有备付金的问题。".repeat(20);
        let (gbk, _, _) = encoding_rs::GBK.encode(&text);
        assert!(!damage(&gbk).is_mostly_utf8());
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode("Le café crème, à côté");
        assert!(!damage(&latin).is_mostly_utf8());
        // One accent at the very end is a Latin-1 file, not a cut UTF-8 one.
        assert!(!damage(b"caf\xe9").is_mostly_utf8());
    }
}
