//! The speaker picker: the narrowing line, then a row per person with its tick, count,
//! name and other names.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::cells::RowWriter;
use super::chrome::overlay_box;
use crate::app::App;
use crate::app::overlay::speakers::SpeakerPicker;
use crate::layout::centered;

/// The first row to show so that `cursor` is in a list `height` rows high.
fn first_row(cursor: usize, height: usize) -> usize {
    (cursor + 1).saturating_sub(height.max(1))
}

pub fn render(app: &App, picker: &SpeakerPicker, area: Rect, buf: &mut Buffer) {
    let theme = &app.settings.theme;
    let entries = picker.entries(&app.archive);
    let scope = if picker.whole_group { "group" } else { "day" };
    let title = format!(
        " speakers · {scope} counts · Tab switches · {} ticked ",
        picker.chosen.len()
    );
    let box_area = centered(area, 56, area.height.saturating_sub(4));
    let inner = overlay_box(box_area, &title, theme, buf);
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
        let name = app.archive.person_name(*id);
        let style = if i == picker.cursor {
            theme.selected
        } else {
            Style::new()
        };
        let mut w = RowWriter::new(buf, inner.x, inner.y + 1 + row as u16, inner.right());
        w.put(&format!("{tick} {count:>6}  "), style);
        w.put(name, style.patch(theme.speaker(name)));
        let others = &app.archive.people[id.0 as usize].names[1..];
        if !others.is_empty() {
            let names: Vec<&str> = others.iter().map(|&n| app.archive.speaker(n)).collect();
            w.put(
                &format!(" (also {})", names.join(", ")),
                style.patch(theme.dim),
            );
        }
        w.fill(style);
    }
}
