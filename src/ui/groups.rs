//! The chat-group picker: each group with its number of days, the cursor's row marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::cells::RowWriter;
use super::chrome::overlay_box;
use crate::app::App;
use crate::app::overlay::groups::GroupPicker;
use crate::layout::centered;
use crate::text;

pub fn render(app: &App, picker: &GroupPicker, area: Rect, buf: &mut Buffer) {
    let theme = &app.settings.theme;
    let height = (app.archive.groups.len() as u16).saturating_add(2);
    let inner = overlay_box(centered(area, 40, height), " chat groups ", theme, buf);
    for (i, g) in app
        .archive
        .groups
        .iter()
        .enumerate()
        .take(inner.height as usize)
    {
        let style = if i == picker.cursor {
            theme.selected
        } else {
            Style::new()
        };
        let mut w = RowWriter::new(buf, inner.x, inner.y + i as u16, inner.right());
        let days = g.days.len();
        let noun = text::plural(days, "day ", "days");
        w.put(&format!("{:<24} {days:>5} {noun}", g.name), style);
        w.fill(style);
    }
}
