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
    /// Where the last glyph starts, for combining marks.
    last: Option<u16>,
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
            shown: String::new(),
        }
    }

    /// Cells left on the row.
    pub fn room(&self) -> usize {
        self.right.saturating_sub(self.x) as usize
    }

    /// Writes `s`; what does not fit is dropped (a wide char at the edge becomes a space).
    pub fn put(&mut self, s: &str, style: Style) {
        for c in s.chars() {
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
            // Pad instead of splitting, and stop.
            while self.room() > 0 {
                self.set(" ", style, 1);
            }
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
        for i in 1..cells as u16 {
            self.buf[(self.x + i, self.y)].reset();
        }
        self.x += cells as u16;
        self.col += cells;
    }

    /// Combining marks join the previous cell. Variation selectors and joiners are dropped:
    /// terminals disagree on how wide they make a sequence, so each part keeps its own width.
    fn put_zero_width(&mut self, c: char) {
        let joiner = matches!(c, '\u{200d}' | '\u{fe00}'..='\u{fe0f}');
        if let Some(x) = self.last.filter(|_| !joiner) {
            let cell = &mut self.buf[(x, self.y)];
            let joined = format!("{}{c}", cell.symbol());
            cell.set_symbol(&joined);
        }
    }
}
