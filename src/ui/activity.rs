//! The activity view over the panes: the group's messages per day (a sparkline along
//! calendar time, the open day marked), messages per hour of the day (24 bars) and the
//! top speakers (a bar each), the last two for the group or the open day. It draws the
//! figures counted when the view opened; a frame counts nothing.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, Sparkline, SparklineBar, Widget};

use super::cells::RowWriter;
use super::chrome::overlay_box;
use crate::app::App;
use crate::app::overlay::activity::{Activity, columns_of, day_columns};
use crate::model::PersonId;
use crate::text;
use crate::theme::Theme;

/// A speaker name takes at most this many cells.
const NAME_MAX: usize = 32;
/// Shown for a speaker whose name is empty.
const NO_NAME: &str = "(no name)";

pub fn render(app: &App, activity: &Activity, area: Rect, buf: &mut Buffer) {
    let title = format!(
        " activity · {} · Tab switches to {} · q closes ",
        app.archive.group(activity.group).name,
        if activity.whole_group {
            "the open day"
        } else {
            "all days"
        }
    );
    let inner = overlay_box(area, &title, &app.settings.theme, buf);
    let spark = (inner.height / 7).max(2);
    let hours = (inner.height / 4).max(4);
    let [days, hours, speakers] = Layout::vertical([
        Constraint::Length(spark + 3),
        Constraint::Length(hours + 1),
        Constraint::Min(0),
    ])
    .areas(inner);
    per_day(app, activity, days, buf);
    per_hour(app, activity, hours, buf);
    per_speaker(app, activity, speakers, buf);
}

/// A bold heading on the first row of `area`; returns the rows under it.
fn heading(area: Rect, title: &str, buf: &mut Buffer) -> Rect {
    if area.height == 0 {
        return area;
    }
    let mut w = RowWriter::new(buf, area.x, area.y, area.right());
    w.put(
        &text::fit(title, w.room()),
        Style::new().add_modifier(Modifier::BOLD),
    );
    Rect {
        y: area.y + 1,
        height: area.height - 1,
        ..area
    }
}

/// What the hour and speaker figures count, for headings.
fn scope(app: &App, activity: &Activity) -> String {
    let messages: usize = activity.per_hour.iter().sum();
    if activity.whole_group {
        format!("all days ({messages} messages)")
    } else {
        let date = app.archive.days[activity.day].date;
        format!("{date} {} ({messages} messages)", date.format("%a"))
    }
}

/// The sparkline, a row with `▲` under the open day, and a row with the first and last date.
fn per_day(app: &App, activity: &Activity, area: Rect, buf: &mut Buffer) {
    let theme = &app.settings.theme;
    let figure = &activity.per_day;
    let (Some(&(first, _)), Some(&(last, _))) = (figure.first(), figure.last()) else {
        heading(area, "messages per day: no days", buf);
        return;
    };
    let (busiest_date, busiest) = figure
        .iter()
        .copied()
        .max_by_key(|&(date, n)| (n, std::cmp::Reverse(date)))
        .unwrap_or((first, 0));
    let title = format!(
        "messages per day · {} {} with a log · busiest {busiest_date} ({busiest})",
        figure.len(),
        text::plural(figure.len(), "day", "days")
    );
    let area = heading(area, &title, buf);
    let width = area.width as usize;
    let open = app.archive.days[activity.day].date;
    let marked = columns_of(figure, width, open);
    let bars: Vec<SparklineBar> = day_columns(figure, width)
        .into_iter()
        .enumerate()
        .map(|(c, v)| {
            let bar = SparklineBar::from(v);
            if marked.contains(&c) {
                bar.style(theme.marked)
            } else {
                bar
            }
        })
        .collect();
    let spark = Rect {
        height: area.height.saturating_sub(2),
        ..area
    };
    Sparkline::default()
        .data(bars)
        .style(theme.chart)
        .render(spark, buf);
    let open_count = app.archive.days[activity.day].messages.len();
    let label = format!("{open} {} ({open_count})", open.format("%a"));
    let at = (marked.start + marked.end) / 2;
    marker_row(area, spark.bottom(), (at, &label), theme, buf);
    axis_row(area, spark.bottom() + 1, (first, last), theme, buf);
}

/// `▲ label` with the `▲` at column `at`, the label after it or, near the right edge,
/// before it.
fn marker_row(area: Rect, y: u16, (at, label): (usize, &str), theme: &Theme, buf: &mut Buffer) {
    if y >= area.bottom() {
        return;
    }
    let width = area.width as usize;
    let label_cells = text::width(label) + 1;
    let at = at.min(width.saturating_sub(1));
    let mark = theme.marked;
    let (start, line) = if at + 1 + label_cells <= width {
        (at, format!("▲ {label}"))
    } else {
        (at.saturating_sub(label_cells), format!("{label} ▲"))
    };
    let mut w = RowWriter::new(buf, area.x + start as u16, y, area.right());
    w.put(&text::fit(&line, w.room()), mark);
}

/// The first date at the left edge, the last at the right.
fn axis_row(
    area: Rect,
    y: u16,
    (first, last): (NaiveDate, NaiveDate),
    theme: &Theme,
    buf: &mut Buffer,
) {
    if y >= area.bottom() {
        return;
    }
    let (first, last) = (first.to_string(), last.to_string());
    let mut w = RowWriter::new(buf, area.x, y, area.right());
    w.put(&first, theme.dim);
    let room = w.room();
    if room > text::width(&last) {
        w.indent(room - text::width(&last));
        w.put(&last, theme.dim);
    }
}

/// Bars and gap for 24 bars in `width` cells: as wide as fit with a gap of one, or
/// one cell with no gap when even that does not fit.
fn hour_bars(width: u16) -> (u16, u16) {
    match (width + 1) / 24 {
        0 | 1 => (1, 0),
        n => (n - 1, 1),
    }
}

/// 24 vertical bars labelled `0` to `23`, and under them their counts when bars are wide
/// enough to hold them (counts inside the bars would cover their low ends).
fn per_hour(app: &App, activity: &Activity, area: Rect, buf: &mut Buffer) {
    let theme = &app.settings.theme;
    let figure = &activity.per_hour;
    let busiest = (0..24)
        .max_by_key(|&h| (figure[h], std::cmp::Reverse(h)))
        .unwrap_or(0);
    let title = format!(
        "messages per hour · {} · busiest {busiest:02}:00 ({})",
        scope(app, activity),
        figure[busiest]
    );
    let area = heading(area, &title, buf);
    let (bar_width, gap) = hour_bars(area.width);
    let counts_row = bar_width >= 3 && area.height > 2;
    let bars: Vec<Bar> = figure
        .iter()
        .enumerate()
        .map(|(h, &n)| {
            Bar::new(n as u64)
                .label(Line::from(h.to_string()))
                .text_value(String::new())
        })
        .collect();
    let chart = Rect {
        height: area.height - u16::from(counts_row),
        ..area
    };
    BarChart::vertical(bars)
        .bar_width(bar_width)
        .bar_gap(gap)
        .bar_style(theme.chart)
        .label_style(theme.dim)
        .render(chart, buf);
    if counts_row {
        let mut w = RowWriter::new(buf, area.x, chart.bottom(), area.right());
        let (bar, gap) = (bar_width as usize, gap as usize);
        for &n in figure.iter() {
            w.put(
                &format!("{:^bar$}{:gap$}", text::compact(n, bar), ""),
                theme.dim,
            );
        }
    }
}

/// A row a person, most first, as many as fit: name, count, and a bar in the speaker's
/// colour scaled to the busiest.
fn per_speaker(app: &App, activity: &Activity, area: Rect, buf: &mut Buffer) {
    let figure = &activity.speakers;
    let title = format!(
        "top speakers · {} · {} speakers",
        scope(app, activity),
        figure.len()
    );
    let area = heading(area, &title, buf);
    let shown = &figure[..figure.len().min(area.height as usize)];
    let Some(&(_, top)) = shown.first() else {
        return;
    };
    let name_cells = shown
        .iter()
        .map(|&(id, _)| text::width(name_of(app, id).0))
        .max()
        .unwrap_or(0)
        .min(NAME_MAX)
        .min(area.width as usize / 3);
    let count_cells = top.to_string().len();
    for (row, &(id, count)) in shown.iter().enumerate() {
        let (name, colour) = name_of(app, id);
        let fitted = text::fit(name, name_cells);
        let mut w = RowWriter::new(buf, area.x, area.y + row as u16, area.right());
        w.put(&fitted, colour);
        w.indent(name_cells.saturating_sub(text::width(&fitted)));
        w.put(&format!(" {count:>count_cells$} "), Style::new());
    }
    let used = (name_cells + count_cells + 2) as u16;
    let bars_area = Rect {
        x: area.x + used.min(area.width),
        width: area.width.saturating_sub(used),
        ..area
    };
    let bars: Vec<Bar> = shown
        .iter()
        .map(|&(id, count)| {
            let colour = name_of(app, id).1.remove_modifier(Modifier::BOLD);
            Bar::new(count as u64)
                .style(colour)
                .text_value(String::new())
        })
        .collect();
    BarChart::horizontal(bars)
        .bar_width(1)
        .bar_gap(0)
        .max(top as u64)
        .render(bars_area, buf);
}

/// A speaker's name and colour. Logs do have messages without a name, and a blank row in
/// the chart would look like a glitch, so those say so.
fn name_of(app: &App, id: PersonId) -> (&str, Style) {
    let theme = &app.settings.theme;
    match app.archive.person_name(id) {
        "" => (NO_NAME, theme.dim),
        name => (name, theme.speaker(name)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hour_bars_fit_the_width() {
        for width in [20, 47, 71, 78, 143, 158, 300] {
            let (bar, gap) = hour_bars(width);
            assert!(24 * (bar + gap) - gap <= width.max(24), "{width}");
        }
        assert_eq!(hour_bars(78), (2, 1));
        assert_eq!(hour_bars(158), (5, 1));
    }
}
