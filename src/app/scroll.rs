//! Scrolling the message pane by rows of wrapped text, and keeping a row in view.

use super::App;
use super::state::Anchor;

impl App {
    /// Cells a message row may take.
    pub(super) fn text_width(&self) -> usize {
        self.panes().text.width as usize
    }

    /// Rows of the message pane.
    pub(super) fn page_height(&self) -> usize {
        (self.panes().text.height as usize).max(1)
    }

    /// Rows of the shown message at `pos` at the current width; past the last message,
    /// the one row that marks the end of the day.
    pub(super) fn rows_of(&self, pos: usize) -> usize {
        if pos >= self.derived.shown.len() {
            return 1;
        }
        self.layout(pos, self.text_width()).height()
    }

    /// Scrolls by `n` rows; at the end of the day on into the next one, and above its top
    /// into the previous one's end (continuous reading).
    pub(super) fn read_on(&mut self, n: isize) {
        if n > 0 && self.at_bottom() {
            if self.step_day(1) {
                self.view.notice = Some(format!("{}: read on", self.day().date));
            }
        } else if n < 0 && self.view.scroll == Anchor::default() {
            if self.step_day(-1) {
                self.view.scroll = self.bottom_anchor();
                self.view.notice = Some(format!("{}: its end", self.day().date));
            }
        } else {
            self.scroll_by(n);
        }
    }

    /// Moves the top of the pane by `n` rows (negative: up), within the day.
    pub(super) fn scroll_by(&mut self, n: isize) {
        let mut a = self.view.scroll;
        if n >= 0 {
            let mut left = n as usize;
            // The end-of-day row is the last place the top can be.
            while left > 0 && a.pos <= self.derived.shown.len() {
                let rest = self.rows_of(a.pos) - a.row;
                if left < rest {
                    a.row += left;
                    left = 0;
                } else {
                    left -= rest;
                    a = Anchor {
                        pos: a.pos + 1,
                        row: 0,
                    };
                }
            }
        } else {
            let mut left = n.unsigned_abs();
            while left > 0 && (a.pos > 0 || a.row > 0) {
                if left <= a.row {
                    a.row -= left;
                    left = 0;
                } else {
                    left -= a.row + 1;
                    a.pos -= 1;
                    a.row = self.rows_of(a.pos) - 1;
                }
            }
        }
        self.view.scroll = a;
        self.clamp_scroll();
    }

    /// Whether the last row of the day is on screen.
    pub fn at_bottom(&self) -> bool {
        self.view.scroll >= self.bottom_anchor()
    }

    /// The lowest top: the end-of-day row at the bottom of the pane.
    pub(super) fn bottom_anchor(&self) -> Anchor {
        let height = self.page_height();
        let mut filled = 0;
        for pos in (0..=self.derived.shown.len()).rev() {
            filled += self.rows_of(pos);
            if filled >= height {
                return Anchor {
                    pos,
                    row: filled - height,
                };
            }
        }
        Anchor::default()
    }

    /// Keeps the top within the day: on a row of its message (a wider pane may have made
    /// the message shorter), and never past the bottom anchor.
    pub(super) fn clamp_scroll(&mut self) {
        let rows = self.rows_of(self.view.scroll.pos);
        self.view.scroll.row = self.view.scroll.row.min(rows.saturating_sub(1));
        let bottom = self.bottom_anchor();
        if self.view.scroll > bottom {
            self.view.scroll = bottom;
        }
    }

    /// Scrolls so that row `row` of shown message `pos` is on screen, a third down when it
    /// has to move (like vim's search).
    pub(super) fn reveal(&mut self, pos: usize, row: usize) {
        let target = Anchor { pos, row };
        let height = self.page_height();
        if target >= self.view.scroll && self.rows_between(self.view.scroll, target) < height {
            return;
        }
        self.view.scroll = target;
        self.scroll_by(-((height / 3) as isize));
        self.view.scroll = self.view.scroll.min(target);
        self.clamp_scroll();
    }

    /// Rows from `from` down to `to` (stops counting past a page).
    fn rows_between(&self, from: Anchor, to: Anchor) -> usize {
        let limit = self.page_height();
        let mut rows = 0;
        let mut pos = from.pos;
        let mut row = from.row;
        while pos < to.pos && rows < limit {
            rows += self.rows_of(pos) - row;
            pos += 1;
            row = 0;
        }
        rows + to.row.saturating_sub(row)
    }
}
