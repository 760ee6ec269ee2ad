//! The results of a search across the archive, in place of the message pane: one row per
//! message or document found (date, time, speaker or title, and the text around the first
//! match, highlighted).

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::style::Style;

use super::cells::RowWriter;
use super::chrome::overlay_box;
use crate::app::App;
use crate::archive_search::ArchiveSearch;
use crate::document;
use crate::layout::Panes;
use crate::model::Entry;
use crate::search::Found;
use crate::text;

/// The most cells of text shown before the first match, so it is read in context.
const LEAD: usize = 12;

pub fn render(app: &App, find: &ArchiveSearch, panes: &Panes, buf: &mut Buffer) {
    let theme = &app.settings.theme;
    overlay_box(panes.messages, &title(app, find), theme, buf);
    let rows = panes.text;
    if find.found.is_empty() {
        let why = if find.searching() {
            "searching…"
        } else {
            "no match"
        };
        if rows.height > 0 {
            RowWriter::new(buf, rows.x, rows.y, rows.right()).put(why, theme.dim);
        }
        return;
    }
    for (y, i) in (rows.y..rows.bottom()).zip(find.top..find.found.len()) {
        let selected = i == find.cursor;
        let mut w = RowWriter::new(buf, rows.x, y, rows.right());
        result_row(app, find, find.found[i], selected, &mut w);
    }
}

/// ` find 代扣 · 3/120 · devarch · newest first · regex (searching…) `.
fn title(app: &App, find: &ArchiveSearch) -> String {
    let q = &find.query;
    let place = if q.all_groups {
        "all groups"
    } else {
        &app.archive.group(q.group).name
    };
    let order = if q.newest_first {
        "newest first"
    } else {
        "oldest first"
    };
    let at = if find.found.is_empty() {
        0
    } else {
        find.cursor + 1
    };
    let mut title = format!(
        " find {} · {at}/{} · {place} · {order}",
        q.text,
        find.found.len()
    );
    if q.regex {
        title.push_str(" · regex");
    }
    if q.scope.speakers.is_some() {
        title.push_str(" · filtered");
    }
    if find.searching() {
        title.push_str(" (searching…)");
    }
    title.push(' ');
    title
}

/// `[group ]date time speaker: …text around the match…`; for a document, `document` and
/// its title in place of the time and the speaker.
fn result_row(app: &App, find: &ArchiveSearch, found: Found, selected: bool, w: &mut RowWriter) {
    let theme = &app.settings.theme;
    let day = &app.archive.days[found.day];
    let (when, name, name_style, body) = match day.entry(found.message) {
        Some(Entry::Message(msg)) => {
            let name = app.archive.speaker(msg.speaker);
            (
                msg.time.to_string(),
                name,
                theme.speaker(name),
                day.body(msg),
            )
        }
        Some(Entry::Document(doc)) => (
            document::LABEL.to_owned(),
            doc.title.as_str(),
            theme.heading,
            day.document_text(doc),
        ),
        None => return,
    };
    let base = if selected {
        theme.selected
    } else {
        Style::new()
    };
    if find.query.all_groups {
        w.put(&app.archive.group(day.group).name, base.patch(theme.dim));
        w.put(" ", base);
    }
    w.put(&format!("{} {when} ", day.date), base.patch(theme.dim));
    // Long names must leave room for the match.
    let name_room = (w.room() / 4).clamp(6, 24);
    w.put(&text::fit(name, name_room), base.patch(name_style));
    w.put(": ", base);
    let matches: Vec<Range<usize>> = find.matcher.find_iter(body).collect();
    let lead = (w.room() / 3).min(LEAD);
    let from = matches
        .first()
        .map_or(0, |m| lead_start(body, m.start, lead));
    if from > 0 {
        w.put("…", base.patch(theme.dim));
    }
    for (i, c) in body[from..].char_indices() {
        let at = from + i;
        let style = if matches.iter().any(|m| m.contains(&at)) {
            base.patch(theme.hit)
        } else {
            base
        };
        w.put_char(c, style);
        if w.room() == 0 {
            break;
        }
    }
    w.fill(base);
}

/// Where to start showing `body` so that about `lead` cells come before byte `at`.
fn lead_start(body: &str, at: usize, lead: usize) -> usize {
    let mut cells = 0;
    let mut start = at;
    for (i, c) in body[..at].char_indices().rev() {
        cells += text::char_cells(c, 0).max(1);
        if cells > lead {
            break;
        }
        start = i;
    }
    start
}
