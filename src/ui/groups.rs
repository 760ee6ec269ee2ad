//! The chat-group picker: each group with its number of days, the cursor's row marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::cells::RowWriter;
use super::chrome::overlay_box;
use crate::app::App;
use crate::app::overlay::groups::GroupPicker;
use crate::layout;
use crate::text;

pub fn render(app: &App, picker: &GroupPicker, area: Rect, buf: &mut Buffer) {
    let theme = &app.settings.theme;
    let groups = &app.archive.groups;
    let longest = groups
        .iter()
        .map(|g| text::width(&g.name))
        .max()
        .unwrap_or(0);
    let (box_area, name_cells) = layout::groups_box(area, longest, groups.len());
    let inner = overlay_box(box_area, " chat groups ", theme, buf);
    let rows = inner.height as usize;
    // The cursor's row stays in view.
    let top = (picker.cursor + 1).saturating_sub(rows.max(1));
    for (row, (i, g)) in groups.iter().enumerate().skip(top).take(rows).enumerate() {
        let style = if i == picker.cursor {
            theme.selected
        } else {
            Style::new()
        };
        let mut w = RowWriter::new(buf, inner.x, inner.y + row as u16, inner.right());
        let name = text::fit(&g.name, name_cells);
        let pad = " ".repeat(name_cells.saturating_sub(text::width(&name)));
        let days = g.days.len();
        let noun = text::plural(days, "day ", "days");
        w.put(&format!("{name}{pad} {days:>5} {noun}"), style);
        w.fill(style);
    }
}
