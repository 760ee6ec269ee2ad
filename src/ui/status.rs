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
            let (before, after) = p.line.split();
            let input = format!("{sigil}{before}▏{after}");
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
            .or_else(|| selected_link(app))
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

/// `msg 12/182 · /query 3/17 · 961 echoes folded · filter · group · date weekday`, what
/// matters first: the position and the hit count are always whole, the filter gets what
/// is left, and the group and date (which the pane's title shows too) come last and go
/// first when the line is short.
fn position(app: &App, room: usize) -> String {
    let day = app.day();
    let shown = app.derived.shown.len();
    let at = match shown {
        0 => 0,
        // At the bottom the last message is read, whatever is at the top.
        _ if app.at_bottom() => shown,
        _ => app.view.scroll.pos + 1,
    };
    let mut s = format!("msg {at}/{shown}");
    if let Some(search) = &app.view.day_search {
        let count = format!(" {}", hit_count(app));
        let query_room = room.saturating_sub(text::width(&s) + text::width(&count) + 4);
        s.push_str(&format!(
            " · /{}{count}",
            text::fit(&search.query, query_room)
        ));
    }
    let echoes = day.echoes.len();
    let folded = match (echoes, app.view.fold) {
        (0, _) => String::new(),
        (n, true) => format!(" · {n} {} folded", text::plural(n, "echo", "echoes")),
        (_, false) => " · echoes shown".to_owned(),
    };
    for text_filter in &app.view.text_filters {
        s.push_str(&format!(" · {}", text::fit(&text_filter.label(), 16)));
    }
    if let Some(filter) = &app.view.filter {
        let filter_room = room.saturating_sub(text::width(&s) + text::width(&folded));
        s.push_str(&filter_label(app, filter, filter_room));
    }
    let place = format!(
        " · {} · {} {}",
        app.archive.group(app.view.group).name,
        day.date,
        day.date.format("%a")
    );
    let loading = app.loading.map(|l| format!(" · {}", l.say()));
    for part in [folded, place].into_iter().chain(loading) {
        if text::width(&s) + text::width(&part) <= room {
            s.push_str(&part);
        }
    }
    s
}

/// The link of the selected message, whole (the pane shows links by their titles).
fn selected_link(app: &App) -> Option<String> {
    let pos = app.view.selected?;
    let links = app.layout(pos, app.panes().text.width as usize).links;
    let first = links.first()?;
    Some(match links.len() {
        1 => format!("link: {}  · o opens", first.url),
        n => format!("link 1 of {n}: {}  · o lists them", first.url),
    })
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
