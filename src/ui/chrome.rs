//! What panes and overlays share in their look: a frame with a title on its top border,
//! and a box cleared over what is beneath.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Clear, Widget};
use unicode_width::UnicodeWidthStr;

use super::cells::RowWriter;
use crate::layout::inside_border;
use crate::text;
use crate::theme::Theme;

/// A title written over the top border, cut to fit between the corners.
pub fn title_on_border(buf: &mut Buffer, area: Rect, title: &str) {
    if area.width > 4 {
        let mut w = RowWriter::new(buf, area.x + 1, area.y, area.right() - 1);
        let fitted = text::fit(title, w.room());
        w.put(&fitted, Style::new());
    }
}

/// A bordered pane titled `title`; returns its inside.
pub fn pane(area: Rect, title: &str, focused: bool, theme: &Theme, buf: &mut Buffer) -> Rect {
    Block::bordered()
        .border_style(theme.border(focused))
        .render(area, buf);
    title_on_border(buf, area, title);
    inside_border(area)
}

/// An overlay's box over `area`, cleared of what is beneath, framed and titled; returns
/// its inside.
pub fn overlay_box(area: Rect, title: &str, theme: &Theme, buf: &mut Buffer) -> Rect {
    Clear.render(area, buf);
    blank_wide_neighbours(area, buf);
    pane(area, title, true, theme, buf)
}

/// A wide character just left of `area` would spill its second half over the box's left
/// border: it becomes a space (half of it was covered anyway).
fn blank_wide_neighbours(area: Rect, buf: &mut Buffer) {
    if area.x <= buf.area.x {
        return;
    }
    for y in area.top()..area.bottom() {
        let cell = &mut buf[(area.x - 1, y)];
        if cell.symbol().width() > 1 {
            cell.set_symbol(" ");
        }
    }
}
