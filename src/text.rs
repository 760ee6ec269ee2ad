//! Display text for a terminal: cell widths, inert control characters, and wrapping by cells.
//!
//! Log text is data: every control character is shown as a visible, one-cell picture
//! (`ESC` → `␛`), so nothing in a log can move the cursor, retitle or write the clipboard.
//! Widths come from `unicode-width`; wrapping never splits a wide character and breaks CJK
//! anywhere, Latin text at spaces.

use std::ops::Range;

use unicode_width::UnicodeWidthChar;

/// Columns between tab stops.
pub const TAB_STOP: usize = 4;

/// Zero-width marks drawn on one character; the rest are dropped from display. Real text
/// stacks two or three (Vietnamese, Indic vowel signs); a log can stack a million.
pub const MAX_MARKS: usize = 4;

/// Zero-width chars in a row that [`wrap`] keeps in a row: Unicode's stream-safe text
/// format allows no more. A longer run ends its row there and the rest of it is left out of
/// every row, so drawing a row never walks more than its cells can show.
pub const MAX_RUN: usize = 30;

/// `one` for a count of 1, else `many`: "1 day", "3 days".
pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// Cells a char takes when shown at column `col` of a row (tabs depend on the column).
pub fn char_cells(c: char, col: usize) -> usize {
    match c {
        '\t' => TAB_STOP - col % TAB_STOP,
        c if inert_form(c).is_some() => 1,
        c => c.width().unwrap_or(1),
    }
}

/// Whether `c` would act on a terminal rather than print: a control character (C0, DEL,
/// C1) or a bidi mark, embedding, override or isolate, which reorders a row. All lie in the
/// Basic Multilingual Plane.
pub fn acts_on_terminal(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// The visible stand-in for a character that must not reach the terminal as itself.
/// C0 controls become control pictures (U+2400 + c), DEL `␡`, C1 controls and bidi
/// overrides `�` (they would reorder or restyle the row; showing them keeps rows honest).
fn inert_form(c: char) -> Option<char> {
    match c {
        '\n' => Some('⏎'),
        '\t' => None,
        '\0'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
        '\u{7f}' => Some('␡'),
        c if acts_on_terminal(c) => Some('\u{fffd}'),
        _ => None,
    }
}

/// Appends what is shown for `c` at column `col`: the char itself, or an inert visible form.
pub fn push_shown(out: &mut String, c: char, col: usize) {
    match (c, inert_form(c)) {
        ('\t', _) => out.extend(std::iter::repeat_n(' ', char_cells('\t', col))),
        (_, Some(form)) => out.push(form),
        (c, None) => out.push(c),
    }
}

/// `s` as it is shown on one row starting at column 0 (inert, tabs expanded).
pub fn shown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut col = 0;
    for c in s.chars() {
        push_shown(&mut out, c, col);
        col += char_cells(c, col);
    }
    out
}

/// Cells `s` takes on one row.
pub fn width(s: &str) -> usize {
    s.chars().fold(0, |col, c| col + char_cells(c, col))
}

/// `s` cut to at most `max` cells, shown form, with `…` at the end when cut.
pub fn fit(s: &str, max: usize) -> String {
    if width(s) <= max {
        return shown(s);
    }
    let mut out = String::new();
    let mut col = 0;
    for c in s.chars() {
        let cells = char_cells(c, col);
        if col + cells + 1 > max {
            break;
        }
        push_shown(&mut out, c, col);
        col += cells;
    }
    if max > 0 {
        out.push('…');
    }
    out
}

/// `s` cut to its last `max` cells at most, shown form, with `…` at the start when cut.
pub fn fit_end(s: &str, max: usize) -> String {
    let shown = shown(s);
    if width(&shown) <= max {
        return shown;
    }
    // The shown form has no tabs or controls left, so each char's width is its own.
    let mut kept = 0;
    let mut start = shown.len();
    for (i, c) in shown.char_indices().rev() {
        let cells = char_cells(c, 0);
        if kept + cells + 1 > max {
            break;
        }
        kept += cells;
        start = i;
    }
    if max == 0 {
        return String::new();
    }
    format!("…{}", &shown[start..])
}

/// Wraps `text` into rows of at most `width` cells; each row is a byte range of `text`
/// (without the `\n` or the break space that ended it). Empty text gives one empty row.
///
/// Breaks are allowed after a space and on either side of a wide character; a Latin word
/// longer than a row breaks by cells. A char wider than the whole row gets a row alone.
/// A run of more than [`MAX_RUN`] zero-width chars ends its row after the first
/// [`MAX_RUN`]; the rest of the run is in no row.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut rows = Vec::new();
    for (start, line) in lines_with_offsets(text) {
        wrap_line(line, start, width, &mut rows);
    }
    rows
}

/// The `\n`-separated lines of `text` with their byte offsets.
fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split('\n').scan(0, |offset, line| {
        let start = *offset;
        *offset += line.len() + 1;
        Some((start, line))
    })
}

/// Wraps one line (no `\n`) starting at byte `base` of the text.
fn wrap_line(line: &str, base: usize, width: usize, rows: &mut Vec<Range<usize>>) {
    let mut row_start = 0; // byte offset in `line`
    let mut col = 0; // cells from `row_start`
    // The last place the row may end: (end of this row, start of the next).
    let mut brk: Option<(usize, usize)> = None;
    let mut prev_wide = false;
    let mut run = 0; // zero-width chars since the last visible one
    let mut cut = None; // where a too long run is cut
    for (i, c) in line.char_indices() {
        let mut cells = char_cells(c, col);
        if cells == 0 {
            // Zero-width chars stay with the char before, up to MAX_RUN of them.
            run += 1;
            if run == MAX_RUN + 1 {
                cut = Some(i);
            }
            continue;
        }
        run = 0;
        if let Some(end) = cut.take() {
            rows.push(base + row_start..base + end);
            (row_start, col, brk, prev_wide) = (i, 0, None, false);
            cells = char_cells(c, col);
        }
        let wide = cells >= 2 && c != '\t';
        if (wide || prev_wide) && i > row_start {
            brk = Some((i, i));
        }
        prev_wide = wide;
        if col + cells > width && i > row_start {
            if c == ' ' {
                // The space itself is the break: drop it.
                rows.push(base + row_start..base + i);
                row_start = i + 1;
                col = 0;
                brk = None;
                continue;
            }
            let (end, next) = brk.take().unwrap_or((i, i));
            rows.push(base + row_start..base + end);
            row_start = next;
            col = self::width(&line[row_start..i]);
            cells = char_cells(c, col);
            if col + cells > width && i > row_start {
                rows.push(base + row_start..base + i);
                row_start = i;
                col = 0;
                cells = char_cells(c, col);
            }
        }
        col += cells;
        if c == ' ' {
            brk = Some((i, i + 1));
        }
    }
    rows.push(base + row_start..base + cut.unwrap_or(line.len()));
}

/// `n` with its thousands set apart: `3,650`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `n` in at most `cells` cells: `1234`, else `12k`, else `3M`, else nothing.
pub fn compact(n: usize, cells: usize) -> String {
    [(1, ""), (1000, "k"), (1_000_000, "M")]
        .into_iter()
        .filter(|&(unit, _)| unit == 1 || n >= unit)
        .map(|(unit, suffix)| format!("{}{suffix}", n / unit))
        .find(|s| s.len() <= cells)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn counts_fit_their_bars() {
        assert_eq!(compact(855, 3), "855");
        assert_eq!(compact(12_345, 3), "12k");
        assert_eq!(compact(123_456, 3), "");
        assert_eq!(compact(999, 2), "");
        assert_eq!(compact(123_456, 4), "123k");
        assert_eq!(compact(12_345_678, 3), "12M");
    }

    #[test]
    fn counts_fit_five_cells() {
        assert_eq!(compact(0, 5), "0");
        assert_eq!(compact(99_999, 5), "99999");
        assert_eq!(compact(100_000, 5), "100k");
        assert_eq!(compact(9_999_999, 5), "9999k");
        assert_eq!(compact(10_000_000, 5), "10M");
        assert_eq!(compact(4_200_000_000, 5), "4200M");
    }

    fn rows_of(text: &str, w: usize) -> Vec<&str> {
        wrap(text, w).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn controls_become_pictures_and_nothing_shown_is_a_control() {
        let mut all: String = (0u32..0xa0).filter_map(char::from_u32).collect();
        all.push_str("\u{200e}\u{200f}\u{202a}\u{202e}\u{2066}\u{2069}");
        let out = shown(&all);
        assert!(out.chars().all(|c| !c.is_control()), "{out:?}");
        for c in ["\u{200e}", "\u{202e}", "\u{2066}"] {
            assert!(!out.contains(c));
        }
        assert_eq!(shown("\u{1b}]0;title\u{7}"), "␛]0;title␇");
        assert_eq!(shown("a\u{10}b\u{7f}\r"), "a␐b␡␍");
        assert_eq!(width("\u{1b}[31m"), 5);
    }

    #[test]
    fn tabs_expand_to_stops() {
        assert_eq!(shown("\tx"), "    x");
        assert_eq!(shown("ab\tx"), "ab  x");
        assert_eq!(shown("abcd\tx"), "abcd    x");
        assert_eq!(char_cells('\t', 3), 1);
        assert_eq!(width("中\t"), 4);
    }

    #[test]
    fn widths() {
        assert_eq!(width("中文"), 4);
        assert_eq!(width("ab"), 2);
        assert_eq!(width("e\u{301}"), 1);
        assert_eq!(width("　"), 2);
    }

    #[test]
    fn fit_never_splits_a_wide_char() {
        assert_eq!(fit("中文字", 4), "中…");
        assert_eq!(fit("中文字", 6), "中文字");
        assert_eq!(fit("abc", 2), "a…");
        for max in 0..10 {
            assert!(width(&fit("中文字abc中", max)) <= max.max(1), "max {max}");
        }
    }

    #[test]
    fn cjk_fills_the_row_after_latin() {
        // ratatui #1199 leaves `1.` alone; we fill the row.
        let rows = rows_of("1. 关于区块链，360百科的定义是这样的", 19);
        assert_eq!(rows[0], "1. 关于区块链，360");
        assert!(rows.iter().all(|r| width(r) <= 19));
    }

    #[test]
    fn latin_breaks_at_spaces_and_long_words_by_cells() {
        assert_eq!(rows_of("hello world foo", 11), ["hello world", "foo"]);
        assert_eq!(rows_of("hello world foo", 8), ["hello", "world", "foo"]);
        assert_eq!(rows_of("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    }

    #[test]
    fn wide_char_moves_whole_to_the_next_row() {
        assert_eq!(rows_of("abc中", 4), ["abc", "中"]);
        assert_eq!(rows_of("中文中文", 3), ["中", "文", "中", "文"]);
    }

    #[test]
    fn hard_breaks_and_empty() {
        assert_eq!(rows_of("a\n\nb", 10), ["a", "", "b"]);
        assert_eq!(rows_of("", 10), [""]);
    }

    #[test]
    fn too_wide_char_gets_a_row_alone() {
        assert_eq!(rows_of("中a", 1), ["中", "a"]);
    }

    /// Rows in order, on char boundaries, each within `w` unless it is a lone wide char.
    fn check_rows(text: &str, w: usize) -> Result<(), TestCaseError> {
        let rows = wrap(text, w);
        let mut last_end = 0;
        for r in &rows {
            prop_assert!(r.start >= last_end && r.start <= r.end && r.end <= text.len());
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            let row = &text[r.clone()];
            // Only a char wider than the row may overflow it, alone but for its zero-width marks.
            let visible = row.chars().filter(|&c| char_cells(c, 0) > 0).count();
            prop_assert!(width(row) <= w.max(1) || visible == 1, "{row:?} at {w}");
            // What a row holds is bounded by what it shows, however long the text: no run
            // of zero-width chars in it is longer than MAX_RUN.
            let longest_run = row
                .chars()
                .scan(0, |run, c| {
                    *run = if char_cells(c, 0) == 0 { *run + 1 } else { 0 };
                    Some(*run)
                })
                .max();
            prop_assert!(
                longest_run.unwrap_or(0) <= MAX_RUN,
                "{} bytes at {w}",
                row.len()
            );
            last_end = r.end;
        }
        Ok(())
    }

    #[test]
    fn fit_end_keeps_the_tail() {
        assert_eq!(fit_end("abc", 5), "abc");
        assert_eq!(fit_end("abcdef", 4), "…def");
        assert_eq!(fit_end("中文字符", 5), "…字符");
        assert_eq!(fit_end("中文字符", 4), "…符");
        assert_eq!(fit_end("a\u{1b}b", 2), "…b");
        assert_eq!(fit_end("abc", 0), "");
        for max in 0..12 {
            assert!(width(&fit_end("x中\t文y字", max)) <= max);
        }
    }

    #[test]
    fn mixed_text_at_every_width() {
        let text = "1. 关于区块链\t360百科 e\u{301} 👍 \u{1b}]0;x\u{7} averyveryverylongword 好的[强]\n第二行　全角";
        for w in 1..=40 {
            check_rows(text, w).unwrap();
            // Nothing is lost but break spaces and newlines.
            let joined: String = rows_of(text, w).concat();
            let kept: String = text.chars().filter(|&c| c != ' ' && c != '\n').collect();
            assert_eq!(
                joined.chars().filter(|&c| c != ' ').collect::<String>(),
                kept,
                "width {w}"
            );
        }
    }

    #[test]
    fn a_run_of_marks_past_the_stream_safe_limit_ends_its_row() {
        let marks = "\u{301}".repeat(500_000);
        let text = format!("xa{marks}b c");
        let kept = 2 + MAX_RUN * 2; // `xa` and the first MAX_RUN marks
        let b = 2 + marks.len();
        assert_eq!(wrap(&text, 80), [0..kept, b..text.len()]);
        assert_eq!(wrap(&format!("a{marks}"), 80), vec![0..1 + MAX_RUN * 2]);
        let stacked = format!("a{}", "\u{301}".repeat(MAX_RUN));
        assert_eq!(rows_of(&format!("{stacked} {stacked}"), 80).len(), 1);
    }

    proptest! {
        #[test]
        fn wrap_holds_for_any_text(
            text in "\\PC{0,200}|[a-z 中文\t\n]{0,200}|(a|中| |\u{301}{0,40}|\u{200b}){0,40}",
            w in 1usize..200,
        ) {
            check_rows(&text, w)?;
        }
    }
}
