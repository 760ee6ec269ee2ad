//! The message pane: from the scroll anchor down, each message's header row and its body
//! rows, with search hits and links styled. Only visible messages are laid out.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget};

use super::cells::RowWriter;
use super::chrome::pane;
use crate::app::{App, Focus, Hit};
use crate::document::{self, Block};
use crate::layout::Panes;
use crate::model::Entry;
use crate::rows::{BODY_INDENT, MessageRows};
use crate::text;
use crate::theme::Theme;

pub fn render(app: &App, panes: &Panes, buf: &mut Buffer) {
    let view = &app.view;
    let theme = &app.settings.theme;
    let day = app.day();
    let group = &app.archive.group(view.group).name;
    let title = format!(" {} · {} {} ", group, day.date, day.date.format("%a"));
    pane(
        panes.messages,
        &title,
        view.focus == Focus::Messages,
        theme,
        buf,
    );

    let area = panes.text;
    let shown = &app.derived.shown;
    if shown.is_empty() {
        let why = if day.messages.is_empty() && day.documents.is_empty() {
            "no messages this day"
        } else {
            "no messages from the chosen speakers"
        };
        if area.height > 0 {
            RowWriter::new(buf, area.x, area.y, area.right()).put(why, theme.dim);
        }
        return;
    }
    let width = area.width as usize;
    let mut y = area.y;
    let mut pos = view.scroll.pos;
    let mut skip = view.scroll.row;
    let mut cut = false; // a message ran past the bottom
    while y < area.bottom() && pos < shown.len() {
        let Some(entry) = day.entry(shown[pos]) else {
            break;
        };
        let layout = app.layout(pos, width);
        let hits = hits_of(&app.derived.hits, pos);
        let current = app.derived.hits.get(view.hit).filter(|h| h.pos == pos);
        // Found once per message and width, with its rows: a body can be megabytes long.
        let body_marks = marks(
            theme,
            hits.iter().filter(|h| !h.in_name),
            current,
            Some(&layout),
        );
        for row in skip..layout.height() {
            if y >= area.bottom() {
                cut = true;
                break;
            }
            let mut w = RowWriter::new(buf, area.x, y, area.right());
            let selected = view.selected == Some(pos);
            if row == 0 {
                let (time, name, name_style) = match entry {
                    Entry::Message(msg) => {
                        let name = app.archive.speaker(msg.speaker);
                        let style = if app.archive.is_unnamed(msg.speaker) {
                            theme.dim
                        } else {
                            theme.speaker(name)
                        };
                        (app.time_of(msg), name, style)
                    }
                    Entry::Document(doc) => (
                        document::LABEL.to_owned(),
                        doc.title.as_str(),
                        theme.heading,
                    ),
                };
                let who = (name, name_style);
                header(&mut w, theme, (&time, who), hits, current, selected);
                let row = if selected {
                    theme.selected
                } else {
                    Style::new()
                };
                if let Some(also) = app.derived.also.get(&shown[pos]) {
                    let names: Vec<&str> = also.iter().map(|&n| app.archive.speaker(n)).collect();
                    w.put(
                        &format!(" (also {})", names.join(", ")),
                        row.patch(theme.dim),
                    );
                }
                if selected {
                    w.fill(row);
                }
            } else {
                body_row(&mut w, theme, &layout, row - 1, &body_marks, selected);
            }
            y += 1;
        }
        skip = 0;
        pos += 1;
    }
    if pos == shown.len() && y < area.bottom() {
        let mut w = RowWriter::new(buf, area.x, y, area.right());
        w.put(&text::fit(&end_of_day(app), w.room()), theme.dim);
    }
    let whole_day_shown = view.scroll == Default::default() && pos == shown.len() && !cut;
    if !whole_day_shown {
        let visible = pos - view.scroll.pos;
        scrollbar(panes.messages, view.scroll.pos, visible, shown.len(), buf);
    }
}

/// The hits in shown message `pos` (hits are sorted by message).
fn hits_of(hits: &[Hit], pos: usize) -> &[Hit] {
    let start = hits.partition_point(|h| h.pos < pos);
    let end = hits.partition_point(|h| h.pos <= pos);
    &hits[start..end]
}

/// The row after a day's last message: `── end of 2018-03-25 · ] 2018-03-26, 220 messages`,
/// or that the group ends there.
fn end_of_day(app: &App) -> String {
    let date = app.day().date;
    // While the rest loads, which day comes next is not known yet.
    let next = match (app.loading, app.neighbour_day(1)) {
        (Some(loading), _) => loading.say(),
        (None, Some(day)) => {
            let start = app.archive.group(app.view.group).days.start;
            let count = app
                .derived
                .day_counts
                .get(day - start)
                .copied()
                .unwrap_or(0);
            let noun = text::plural(count, "message", "messages");
            format!("] {}, {count} {noun}", app.archive.days[day].date)
        }
        (None, None) => "the group's last day".to_owned(),
    };
    format!("── end of {date} · {next} ──")
}

/// `HH:MM:SS Speaker`, the name in its style with hits marked (a document: `document Title`).
fn header(
    w: &mut RowWriter,
    theme: &Theme,
    (time, (name, name_style)): (&str, (&str, Style)),
    hits: &[Hit],
    current: Option<&Hit>,
    selected: bool,
) {
    let row = if selected {
        theme.selected
    } else {
        Style::new()
    };
    w.put(time, row.patch(theme.dim));
    w.put(" ", row);
    let base = row.patch(name_style);
    let marks: Vec<(Range<usize>, Style)> =
        marks(theme, hits.iter().filter(|h| h.in_name), current, None);
    put_marked(w, name, 0, base, &marks);
}

/// One wrapped body row, indented, with its `marks` (a document's blocks, links, hits); a
/// selected message's body has a bar down its first column, so the whole message reads as
/// chosen.
fn body_row(
    w: &mut RowWriter,
    theme: &Theme,
    layout: &MessageRows,
    row: usize,
    marks: &[(Range<usize>, Style)],
    selected: bool,
) {
    let Some(range) = layout.rows.get(row) else {
        return;
    };
    if selected {
        w.put(" ", theme.selected);
    }
    w.indent(BODY_INDENT - usize::from(selected));
    // Only the marks on this row are looked at for each of its characters.
    let on_row: Vec<(Range<usize>, Style)> = marks
        .iter()
        .filter(|(r, _)| r.start < range.end && range.start < r.end)
        .cloned()
        .collect();
    put_marked(
        w,
        &layout.body[range.clone()],
        range.start,
        Style::new(),
        &on_row,
    );
}

/// Styled byte ranges: a document's blocks first, links over them, hits over those, the
/// current hit over all.
fn marks<'a>(
    theme: &Theme,
    hits: impl Iterator<Item = &'a Hit>,
    current: Option<&Hit>,
    layout: Option<&MessageRows>,
) -> Vec<(Range<usize>, Style)> {
    let blocks = layout.into_iter().flat_map(|l| l.blocks.iter());
    let mut marks: Vec<(Range<usize>, Style)> = blocks
        .map(|(r, block)| (r.clone(), block_style(theme, *block)))
        .collect();
    let links = layout.into_iter().flat_map(|l| l.links.iter());
    marks.extend(links.map(|l| (l.range.clone(), theme.link)));
    for h in hits {
        let s = if Some(h) == current {
            theme.current_hit
        } else {
            theme.hit
        };
        marks.push((h.range.clone(), s));
    }
    marks
}

fn block_style(theme: &Theme, block: Block) -> Style {
    match block {
        Block::Heading => theme.heading,
        Block::Code | Block::Quote => theme.code,
    }
}

/// Writes `text` (which starts at byte `offset` of what `marks` refer to) char by char,
/// each in the style of the last mark covering it.
fn put_marked(
    w: &mut RowWriter,
    text: &str,
    offset: usize,
    base: Style,
    marks: &[(Range<usize>, Style)],
) {
    for (i, c) in text.char_indices() {
        let at = offset + i;
        let style = marks
            .iter()
            .rev()
            .find(|(r, _)| r.contains(&at))
            .map_or(base, |(_, s)| base.patch(*s));
        w.put_char(c, style);
    }
}

/// Where the pane is in the day, by messages: `visible` of `total` from `pos`.
fn scrollbar(area: Rect, pos: usize, visible: usize, total: usize, buf: &mut Buffer) {
    if total <= 1 || area.height < 3 {
        return;
    }
    let mut state = ScrollbarState::new(total)
        .position(pos)
        .viewport_content_length(visible);
    Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(None)
        .end_symbol(None)
        .render(
            area.inner(ratatui::layout::Margin {
                horizontal: 0,
                vertical: 1,
            }),
            buf,
            &mut state,
        );
}
