//! The help overlay: the lines `app/overlay/help.rs` generates from the keymap in force.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::cells::RowWriter;
use super::chrome::overlay_box;
use crate::app::App;
use crate::app::overlay::help::{Help, lines};
use crate::layout;

pub fn render(app: &App, help: &Help, area: Rect, buf: &mut Buffer) {
    let lines = lines(&app.settings.keymap);
    let box_area = layout::help_box(area, lines.len());
    let inner = overlay_box(
        box_area,
        " keys · j/k scroll · q closes ",
        &app.settings.theme,
        buf,
    );
    for (row, (line, heading)) in lines
        .iter()
        .skip(help.top)
        .take(inner.height as usize)
        .enumerate()
    {
        let style = if *heading {
            Style::new().add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        };
        RowWriter::new(buf, inner.x, inner.y + row as u16, inner.right()).put(line, style);
    }
}
