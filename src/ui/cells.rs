//! Writing text into buffer cells with our own cell widths (the same `text` rules that
//! wrapping used), so what was measured is exactly what is drawn: inert, never past the
//! right edge, never half a wide character.

use ratatui::buffer::Buffer;
use ratatui::style::Style;

use crate::text;

/// Writes styled pieces along one row from `x`, stopping at `right` (exclusive).
pub struct RowWriter<'b> {
    buf: &'b mut Buffer,
    x: u16,
    y: u16,
    right: u16,
    /// Column from the start of the row, for tab stops.
    col: usize,
    /// Where the last glyph starts, for combining marks; `None` when marks have nothing to
    /// join (the row start, or a char that did not fit).
    last: Option<u16>,
    /// Marks joined to the last glyph so far, up to [`text::MAX_MARKS`].
    marks: usize,
    shown: String,
}

impl<'b> RowWriter<'b> {
    /// A writer along row `y`; a row outside the buffer has no room, so a pane too small
    /// for what it lays out writes nothing there rather than past the buffer.
    pub fn new(buf: &'b mut Buffer, x: u16, y: u16, right: u16) -> Self {
        let on_screen = (buf.area.top()..buf.area.bottom()).contains(&y);
        let right = if on_screen {
            right.min(buf.area.right())
        } else {
            x
        };
        RowWriter {
            buf,
            x,
            y,
            right,
            col: 0,
            last: None,
            marks: 0,
            shown: String::new(),
        }
    }

    /// Cells left on the row.
    pub fn room(&self) -> usize {
        self.right.saturating_sub(self.x) as usize
    }

    /// Writes `s`; what does not fit is dropped (a wide char at the edge becomes a space).
    /// Stops reading `s` once nothing more of it could show: a megabyte name costs a row.
    pub fn put(&mut self, s: &str, style: Style) {
        for c in s.chars() {
            if self.room() == 0 && !self.takes_marks() {
                return;
            }
            self.put_char(c, style);
        }
    }

    pub fn put_char(&mut self, c: char, style: Style) {
        let cells = text::char_cells(c, self.col);
        if cells == 0 {
            self.put_zero_width(c);
            return;
        }
        if cells > self.room() {
            // Pad instead of splitting, and stop: the char's marks are not the padding's.
            while self.room() > 0 {
                self.set(" ", style, 1);
            }
            self.last = None;
            return;
        }
        self.shown.clear();
        text::push_shown(&mut self.shown, c, self.col);
        if c == '\t' {
            for _ in 0..cells {
                self.set(" ", style, 1);
            }
        } else {
            let shown = std::mem::take(&mut self.shown);
            self.set(&shown, style, cells);
            self.shown = shown;
        }
    }

    /// Writes `cells` blank cells, after which tab stops count from zero again: a body's
    /// tabs were measured from its own start when it was wrapped, not from the pane's edge.
    pub fn indent(&mut self, cells: usize) {
        for _ in 0..cells.min(self.room()) {
            self.set(" ", Style::new(), 1);
        }
        self.col = 0;
        // Marks opening a body row belong to no glyph, not to the indent.
        self.last = None;
    }

    /// Fills the rest of the row with spaces in `style`.
    pub fn fill(&mut self, style: Style) {
        while self.room() > 0 {
            self.set(" ", style, 1);
        }
    }

    fn set(&mut self, symbol: &str, style: Style, cells: usize) {
        self.buf[(self.x, self.y)]
            .set_symbol(symbol)
            .set_style(style);
        self.last = Some(self.x);
        self.marks = 0;
        for i in 1..cells as u16 {
            self.buf[(self.x + i, self.y)].reset();
        }
        self.x += cells as u16;
        self.col += cells;
    }

    /// Whether a zero-width mark written now would still show.
    fn takes_marks(&self) -> bool {
        self.last.is_some() && self.marks < text::MAX_MARKS
    }

    /// Combining marks join the previous cell, at most [`text::MAX_MARKS`] of them; the rest
    /// are dropped. Each costs the same: appending to a symbol that held every mark before
    /// it was quadratic (200,000 marks on one letter took 8.4 s a frame). Variation
    /// selectors and joiners are dropped: terminals disagree on how wide they make a
    /// sequence, so each part keeps its own width.
    fn put_zero_width(&mut self, c: char) {
        let joiner = matches!(c, '\u{200d}' | '\u{fe00}'..='\u{fe0f}');
        if joiner || !self.takes_marks() {
            return;
        }
        if let Some(x) = self.last {
            self.shown.clear();
            self.shown.push_str(self.buf[(x, self.y)].symbol());
            self.shown.push(c);
            self.buf[(x, self.y)].set_symbol(&self.shown);
            self.marks += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use ratatui::layout::Rect;

    use super::*;

    fn row(width: u16) -> Buffer {
        Buffer::empty(Rect::new(0, 0, width, 1))
    }

    #[test]
    fn a_cell_keeps_four_marks_and_the_next_char_its_own_cell() {
        let mut buf = row(10);
        let text = format!("a{}b\u{301}c", "\u{301}".repeat(500_000));
        RowWriter::new(&mut buf, 0, 0, 10).put(&text, Style::new());
        let kept = format!("a{}", "\u{301}".repeat(text::MAX_MARKS));
        let symbols: Vec<&str> = buf.content().iter().take(3).map(|c| c.symbol()).collect();
        assert_eq!(symbols, [kept.as_str(), "b\u{301}", "c"]);
    }

    #[test]
    fn marks_after_a_char_that_did_not_fit_join_nothing() {
        let mut buf = row(3);
        RowWriter::new(&mut buf, 0, 0, 3).put("ab中\u{301}\u{301}", Style::new());
        let symbols: Vec<&str> = buf.content().iter().map(|c| c.symbol()).collect();
        assert_eq!(symbols, ["a", "b", " "]);
    }
}
