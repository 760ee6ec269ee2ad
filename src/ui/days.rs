//! The day list: date, weekday, message count, a document mark and an activity mark per day
//! of the group.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::cells::RowWriter;
use super::chrome::pane;
use crate::app::{App, Focus};
use crate::text;

/// Eight heights of activity, quietest first.
const MARKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// The mark of a day with a document.
pub const DOCUMENT: char = '≡';

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let view = &app.view;
    let theme = &app.settings.theme;
    let group = app.archive.group(view.group);
    let days = app.archive.group_days(view.group);
    // The status line says how far the load has got.
    let count = match app.loading {
        Some(_) => "loading".to_owned(),
        None => format!("{} {}", days.len(), text::plural(days.len(), "day", "days")),
    };
    let title = format!(" {} · {count} ", group.name);
    let inner = pane(area, &title, view.focus == Focus::Days, theme, buf);
    // Counts as shown: under the speaker filter, echoes folded.
    let counts = &app.derived.day_counts;
    let count_of = |i: usize| counts.get(i).copied().unwrap_or(0);
    let busiest = (0..days.len()).map(count_of).max().unwrap_or(0).max(1);
    let current = view.day - group.days.start;
    let search = app.archive_search.as_ref();
    for (row, i) in (view.days_top..days.len())
        .take(inner.height as usize)
        .enumerate()
    {
        let day = &days[i];
        let count = count_of(i);
        let mark = if count == 0 {
            ' '
        } else {
            MARKS[(count * (MARKS.len() - 1))
                .div_ceil(busiest)
                .min(MARKS.len() - 1)]
        };
        // Days the search across the archive found something in.
        let found = if search.is_some_and(|s| s.found_in(group.days.start + i)) {
            '•'
        } else {
            ' '
        };
        // A day holding a document (a write-up, an essay), with or without messages.
        let document = if day.documents.is_empty() {
            ' '
        } else {
            DOCUMENT
        };
        let line = format!(
            "{} {}{found}{:>5}{document}{mark}",
            day.date,
            day.date.format("%a"),
            // At most five cells, so the activity mark keeps its column.
            text::compact(count, 5)
        );
        let style = if i == current {
            theme.selected
        } else if count == 0 && view.filter.is_some() {
            // Nobody chosen spoke that day.
            theme.dim
        } else {
            Style::new()
        };
        let mut w = RowWriter::new(buf, inner.x, inner.y + row as u16, inner.right());
        w.put(&line, style);
        w.fill(style);
    }
}
