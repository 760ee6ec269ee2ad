//! The links of a message, one per row, the cursor's marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::cells::RowWriter;
use super::chrome::overlay_box;
use crate::app::App;
use crate::app::overlay::links::Links;
use crate::layout::centered;

pub fn render(app: &App, links: &Links, area: Rect, buf: &mut Buffer) {
    let theme = &app.settings.theme;
    let height = (links.urls.len().min(u16::MAX as usize - 2) as u16).saturating_add(2);
    let title = " links · Enter opens · y copies · Esc closes ";
    let inner = overlay_box(centered(area, 100, height), title, theme, buf);
    let rows = inner.height as usize;
    let top = (links.cursor + 1).saturating_sub(rows.max(1));
    for (row, (i, url)) in links
        .urls
        .iter()
        .enumerate()
        .skip(top)
        .take(rows)
        .enumerate()
    {
        let style = if i == links.cursor {
            theme.selected
        } else {
            Style::new()
        };
        let mut w = RowWriter::new(buf, inner.x, inner.y + row as u16, inner.right());
        w.put(url, style.patch(theme.link));
        w.fill(style);
    }
}
