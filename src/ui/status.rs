//! The status line: where the reader is, the filter, the search, or the open prompt.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::cells::RowWriter;
use super::style;
use crate::app::{App, Overlay, PromptKind};
use crate::text;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let left = match &app.view.overlay {
        Overlay::Prompt(p) => {
            let sigil = if p.kind == PromptKind::Search {
                '/'
            } else {
                ':'
            };
            let mut s = format!("{sigil}{}▏", p.input);
            if p.kind == PromptKind::Search && app.view.search.is_some() {
                s.push_str(&format!("  {}", hit_count(app)));
            }
            s
        }
        _ => app.view.notice.clone().unwrap_or_else(|| position(app)),
    };
    let right = " ? help ";
    let style = if app.view.notice.is_some() {
        style::notice()
    } else {
        style::status()
    };
    let mut w = RowWriter::new(buf, area.x, area.y, area.right());
    let room = w.room().saturating_sub(text::width(right));
    w.put(&text::fit(&format!(" {left}"), room), style);
    w.fill(style::status());
    if area.width as usize >= text::width(right) {
        let x = area.right() - text::width(right) as u16;
        RowWriter::new(buf, x, area.y, area.right()).put(right, style::status());
    }
}

/// `group · date weekday · msg 12/182 · filter · search`.
fn position(app: &App) -> String {
    let day = app.day();
    let shown = app.derived.shown.len();
    let at = if shown == 0 {
        0
    } else {
        app.view.scroll.pos + 1
    };
    let mut s = format!(
        "{} · {} {} · msg {}/{}",
        app.archive.group(app.view.group).name,
        day.date,
        day.date.format("%a"),
        at,
        shown
    );
    if let Some(filter) = &app.view.filter {
        let names: Vec<&str> = filter.iter().map(|&id| app.archive.speaker(id)).collect();
        s.push_str(&format!(" · filter: {}", names.join(", ")));
    }
    if let Some(search) = &app.view.search {
        s.push_str(&format!(" · /{} {}", search.query, hit_count(app)));
    }
    s
}

/// `3/17`, or `0/0` when nothing matched.
fn hit_count(app: &App) -> String {
    let total = app.derived.hits.len();
    let current = if total == 0 { 0 } else { app.view.hit + 1 };
    format!("{current}/{total}")
}
