//! The status line: where the reader is, the filter, the search, or the open prompt.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::cells::RowWriter;
use crate::app::App;
use crate::app::overlay::Overlay;
use crate::app::overlay::prompt::PromptKind;
use crate::filter::SpeakerFilter;
use crate::text;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.settings.theme;
    let right = " ? help ";
    // One cell for the leading space.
    let room = (area.width as usize).saturating_sub(text::width(right) + 1);
    let left = match &app.overlay {
        Some(Overlay::Prompt(p)) => {
            let sigil = p.kind.sigil();
            let count = if p.kind == PromptKind::DaySearch && app.view.day_search.is_some() {
                format!("  {}", hit_count(app))
            } else {
                String::new()
            };
            // The end of what is typed stays in view, and the count after it.
            let input = format!("{sigil}{}▏", p.input);
            let input_room = room.saturating_sub(text::width(&count));
            format!("{}{count}", text::fit_end(&input, input_room))
        }
        Some(Overlay::Results(_)) if app.view.notice.is_none() => {
            "Enter opens · a all groups · r regex · o order · Esc closes".to_owned()
        }
        _ => app
            .view
            .notice
            .clone()
            .unwrap_or_else(|| position(app, room)),
    };
    let style = if app.view.notice.is_some() {
        theme.notice
    } else {
        theme.status
    };
    let mut w = RowWriter::new(buf, area.x, area.y, area.right());
    let room = w.room().saturating_sub(text::width(right));
    w.put(&text::fit(&format!(" {left}"), room), style);
    w.fill(theme.status);
    if area.width as usize >= text::width(right) {
        let x = area.right() - text::width(right) as u16;
        RowWriter::new(buf, x, area.y, area.right()).put(right, theme.status);
    }
}

/// `group · date weekday · msg 12/182 · filter · search`, in `room` cells: the search
/// count is kept whole, the filter gets what is left.
fn position(app: &App, room: usize) -> String {
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
    let echoes = day.echoes.len();
    if echoes > 0 {
        s.push_str(&if app.view.fold {
            format!(
                " · {echoes} {} folded",
                text::plural(echoes, "echo", "echoes")
            )
        } else {
            " · echoes shown".to_owned()
        });
    }
    let search = app
        .view
        .day_search
        .as_ref()
        .map_or(String::new(), |search| {
            let count = format!(" {}", hit_count(app));
            let query_room = room.saturating_sub(text::width(&s) + text::width(&count) + 4);
            format!(" · /{}{count}", text::fit(&search.query, query_room))
        });
    if let Some(filter) = &app.view.filter {
        let filter_room = room.saturating_sub(text::width(&s) + text::width(&search));
        s.push_str(&filter_label(app, filter, filter_room));
    }
    s + &search
}

/// ` · filter: A, B`, or ` · filter: 7 speakers` when the names don't fit in `room`.
fn filter_label(app: &App, filter: &SpeakerFilter, room: usize) -> String {
    let names = filter.names(&app.archive);
    let full = format!(" · filter: {}", names.join(", "));
    if text::width(&full) <= room || names.len() == 1 {
        return full;
    }
    format!(" · filter: {} speakers", names.len())
}

/// `3/17`, or `0/0` when nothing matched.
fn hit_count(app: &App) -> String {
    let total = app.derived.hits.len();
    let current = if total == 0 { 0 } else { app.view.hit + 1 };
    format!("{current}/{total}")
}
