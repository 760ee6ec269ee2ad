//! The help overlay, generated from the keymap table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Clear, Widget};

use super::cells::RowWriter;
use super::messages::title_on_border;
use super::style;
use crate::app::COMMANDS;
use crate::keymap::{Context, bindings, key_name};

/// Cells for the keys column.
const KEYS_WIDTH: usize = 18;

/// The help's lines: a heading per context, then `keys  what they do`; last, the `:`
/// commands.
pub fn lines() -> Vec<(String, bool)> {
    let mut lines = Vec::new();
    let mut context: Option<Context> = None;
    for b in bindings() {
        if context != Some(b.context) {
            context = Some(b.context);
            lines.push((b.context.title().to_owned(), true));
        }
        let keys: Vec<String> = b.keys.iter().map(key_name).collect();
        lines.push((
            format!("  {:<KEYS_WIDTH$}{}", keys.join(" "), b.help),
            false,
        ));
    }
    lines.push(("commands, typed after :".to_owned(), true));
    for (command, help) in COMMANDS {
        lines.push((format!("  {command:<KEYS_WIDTH$}{help}"), false));
    }
    lines
}

/// The box the help takes in `area`.
fn box_in(area: Rect, lines: usize) -> Rect {
    super::centered(area, 64, (lines as u16).saturating_add(2))
}

/// The rows the help shows at once in `area`, and the furthest it scrolls: its last line
/// on the box's last row.
pub fn rows_and_last_top(area: Rect) -> (usize, usize) {
    let lines = lines().len();
    let rows = box_in(area, lines).height.saturating_sub(2) as usize;
    (rows, lines.saturating_sub(rows))
}

pub fn render(top: usize, area: Rect, buf: &mut Buffer) {
    let lines = lines();
    let box_area = box_in(area, lines.len());
    Clear.render(box_area, buf);
    Block::bordered()
        .border_style(style::border(true))
        .render(box_area, buf);
    title_on_border(buf, box_area, " keys · j/k scroll · q closes ");
    let inner = box_area.inner(ratatui::layout::Margin {
        horizontal: 1,
        vertical: 1,
    });
    for (row, (line, heading)) in lines
        .iter()
        .skip(top)
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
