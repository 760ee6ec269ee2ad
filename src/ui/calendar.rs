//! The calendar overlay: the cursor's month (with the months before and after it when they
//! fit), days with a log shaded by message count, the open day marked `▸` and days with a
//! result of the search across the archive `•`, the cursor reversed; under it the month's
//! and the cursor day's counts and the shades' legend.

use chrono::{Datelike, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::cells::RowWriter;
use super::chrome::overlay_box;
use crate::app::App;
use crate::app::overlay::calendar::{self, Calendar};
use crate::layout::centered;
use crate::model::Day;
use crate::text;
use crate::theme::{SHADES, Theme};

/// Cells a day takes: a mark cell, then the day of the month in two.
const CELL: u16 = 3;
/// Cells a month takes: seven days.
const MONTH: u16 = 7 * CELL;
/// Cells between two months.
const GAP: u16 = 2;
/// Rows inside the box: month name, weekdays, six weeks, a blank, three summary rows.
const ROWS: u16 = 12;
/// Box width for `months` side by side, with the border and a cell of padding each side.
const fn box_width(months: u16) -> u16 {
    months * MONTH + (months - 1) * GAP + 4
}

/// What a month grid draws with: the group's days, the calendar and the open date.
struct Grid<'a> {
    theme: &'a Theme,
    days: &'a [Day],
    /// Messages each day shows, under the filter and folding.
    counts: &'a [usize],
    calendar: &'a Calendar,
    open: NaiveDate,
    /// Whether the search across the archive found something on a date.
    found: &'a dyn Fn(NaiveDate) -> bool,
}

pub fn render(app: &App, calendar: &Calendar, area: Rect, buf: &mut Buffer) {
    let months: u16 = if area.width >= box_width(3) { 3 } else { 1 };
    let group = &app.archive.group(app.view.group).name;
    let title = format!(" calendar · {group} · Enter opens · q closes ");
    // One month keeps the box as wide as three would be, room for the summary rows.
    let theme = &app.settings.theme;
    let inner = overlay_box(centered(area, box_width(3), ROWS + 2), &title, theme, buf);
    let (archive, group) = (&app.archive, app.view.group);
    let found = |date| {
        let search = app.archive_search.as_ref();
        search.is_some_and(|s| archive.find_day(group, date).is_some_and(|d| s.found_in(d)))
    };
    let grid = Grid {
        found: &found,
        theme,
        days: app.archive.group_days(app.view.group),
        counts: &app.derived.day_counts,
        calendar,
        open: app.day().date,
    };
    let shown = (months as i32 - 1) / 2;
    let left = inner.x
        + inner
            .width
            .saturating_sub(months * MONTH + (months - 1) * GAP)
            / 2;
    for (i, offset) in (-shown..=shown).enumerate() {
        let first = calendar::first_of_month(calendar.cursor);
        let Some(month) = calendar::shift_months(first, offset) else {
            continue;
        };
        let x = left + i as u16 * (MONTH + GAP);
        grid.month(month, offset == 0, Rect { x, ..inner }, buf);
    }
    grid.summary(inner, buf);
}

impl Grid<'_> {
    /// One month from the top of `area`: its name and message total, weekdays, weeks.
    fn month(&self, date: NaiveDate, current: bool, area: Rect, buf: &mut Buffer) {
        let right = area.x.saturating_add(MONTH).min(area.right());
        let (_, total) = calendar::month_total(self.days, self.counts, date);
        let name = format!("{} · {total}", date.format("%b %Y"));
        let pad = (MONTH as usize).saturating_sub(text::width(&name)) / 2;
        let name_style = if current {
            Style::new().add_modifier(Modifier::BOLD)
        } else {
            self.theme.dim
        };
        let mut w = RowWriter::new(buf, area.x, area.y, right);
        w.indent(pad);
        w.put(&text::fit(&name, w.room()), name_style);
        if area.height > 1 {
            let weekdays = " Mo Tu We Th Fr Sa Su";
            RowWriter::new(buf, area.x, area.y + 1, right).put(weekdays, self.theme.dim);
        }
        for (row, week) in calendar::weeks(date).iter().enumerate() {
            let y = area.y + 2 + row as u16;
            if y >= area.bottom() {
                break;
            }
            let mut w = RowWriter::new(buf, area.x, y, right);
            for cell in week {
                self.day_cell(&mut w, *cell);
            }
        }
    }

    /// ` 5`, shaded when the day has a log; `▸` before the open day; the cursor reversed.
    fn day_cell(&self, w: &mut RowWriter, date: Option<NaiveDate>) {
        let Some(date) = date else {
            w.put("   ", Style::new());
            return;
        };
        let mut digits = calendar::count_on(self.days, self.counts, date)
            .map_or(Style::new(), |n| self.theme.shade(self.calendar.shade(n)));
        if date == self.open {
            digits = digits.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
            w.put("▸", Style::new().add_modifier(Modifier::BOLD));
        } else if (self.found)(date) {
            w.put("•", Style::new().add_modifier(Modifier::BOLD));
        } else {
            w.put(" ", Style::new());
        }
        if date == self.calendar.cursor {
            digits = digits.patch(self.theme.selected);
        }
        w.put(&format!("{:>2}", date.day()), digits);
    }

    /// The month's messages, the cursor day's, and the shades' legend, on the last rows.
    fn summary(&self, inner: Rect, buf: &mut Buffer) {
        let cursor = self.calendar.cursor;
        let (logged, total) = calendar::month_total(self.days, self.counts, cursor);
        let day = match calendar::count_on(self.days, self.counts, cursor) {
            Some(n) => format!("{n} messages"),
            None => "no log".to_owned(),
        };
        let lines = [
            format!(
                "{}: {total} messages on {logged} {}",
                cursor.format("%B %Y"),
                text::plural(logged, "day", "days")
            ),
            format!("{} {cursor}: {day}", cursor.format("%a")),
        ];
        let top = inner.bottom().saturating_sub(3);
        for (i, line) in lines.iter().enumerate() {
            let mut w = RowWriter::new(buf, inner.x + 1, top + i as u16, inner.right());
            w.put(&text::fit(line, w.room()), Style::new());
        }
        self.legend(inner, top + 2, buf);
    }

    /// `shades  0–49  50–99  100–157  ≥158  ▸ open day`, each range in its shade.
    fn legend(&self, inner: Rect, y: u16, buf: &mut Buffer) {
        let mut w = RowWriter::new(buf, inner.x + 1, y, inner.right());
        w.put("shades ", self.theme.dim);
        for shade in 0..SHADES {
            let Some((from, to)) = self.calendar.shade_range(shade) else {
                continue;
            };
            let label = match to {
                Some(to) if to == from => format!(" {from} "),
                Some(to) => format!(" {from}–{to} "),
                None => format!(" ≥{from} "),
            };
            w.put(" ", Style::new());
            w.put(&label, self.theme.shade(shade));
        }
        w.put("  ▸ open day", self.theme.dim);
    }
}
