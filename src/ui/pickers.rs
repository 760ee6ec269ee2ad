//! The speaker picker and the chat-group picker, drawn over the panes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Clear, Widget};

use super::cells::RowWriter;
use super::messages::title_on_border;
use super::style;
use crate::app::{App, Picker};
use crate::text;

/// Draws an empty framed box over `area`, titled, and returns its inside.
pub(super) fn frame(area: Rect, title: &str, buf: &mut Buffer) -> Rect {
    Clear.render(area, buf);
    Block::bordered()
        .border_style(style::border(true))
        .render(area, buf);
    title_on_border(buf, area, title);
    area.inner(ratatui::layout::Margin {
        horizontal: 1,
        vertical: 1,
    })
}

/// The first row to show so that `cursor` is in a list `height` rows high.
fn first_row(cursor: usize, height: usize) -> usize {
    (cursor + 1).saturating_sub(height.max(1))
}

pub fn speakers(app: &App, picker: &Picker, area: Rect, buf: &mut Buffer) {
    let entries = app.picker_entries(picker);
    let scope = if picker.whole_group { "group" } else { "day" };
    let title = format!(
        " speakers · {scope} counts · Tab switches · {} ticked ",
        picker.chosen.len()
    );
    let inner = frame(
        super::centered(area, 56, area.height.saturating_sub(4)),
        &title,
        buf,
    );
    if inner.height == 0 {
        return;
    }
    let mut w = RowWriter::new(buf, inner.x, inner.y, inner.right());
    w.put(&format!("narrow: {}▏", picker.query), Style::new());
    let height = inner.height.saturating_sub(1) as usize;
    let top = first_row(picker.cursor, height);
    for (row, (i, (id, count))) in entries
        .iter()
        .enumerate()
        .skip(top)
        .take(height)
        .enumerate()
    {
        let tick = if picker.chosen.contains(id) {
            "[x]"
        } else {
            "[ ]"
        };
        let name = app.archive.speaker(*id);
        let style = if i == picker.cursor {
            style::selected()
        } else {
            Style::new()
        };
        let mut w = RowWriter::new(buf, inner.x, inner.y + 1 + row as u16, inner.right());
        w.put(&format!("{tick} {count:>6}  "), style);
        w.put(name, style.patch(style::speaker(name)));
        w.fill(style);
    }
}

pub fn groups(app: &App, cursor: usize, area: Rect, buf: &mut Buffer) {
    let height = app.archive.groups.len() as u16 + 2;
    let inner = frame(super::centered(area, 40, height), " chat groups ", buf);
    for (i, g) in app
        .archive
        .groups
        .iter()
        .enumerate()
        .take(inner.height as usize)
    {
        let style = if i == cursor {
            style::selected()
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
