//! The activity view (`i`): its figures, counted once when the view opens or its scope
//! changes (a frame only reads them), how the per-day figure fits a chart's width, and
//! its keys.

use std::ops::Range;

use chrono::NaiveDate;

use super::layer::{Layer, Next};
use crate::action::Action;
use crate::activity::{Span, per_day, per_hour, per_person};
use crate::app::reader::Reader;
use crate::keymap::Context;
use crate::model::{Archive, GroupId, PersonId};

/// The view over the open group and day.
pub fn open(app: &dyn Reader) -> Activity {
    let view = app.view();
    Activity::open(app.archive(), view.group, view.day, view.fold)
}

impl Layer for Activity {
    fn contexts(&self) -> &'static [Context] {
        &[Context::Activity, Context::Always]
    }

    fn input(&mut self, app: &mut dyn Reader, action: Action) -> Next {
        match action {
            Action::ToggleScope => self.toggle_scope(app.archive()),
            Action::Cancel => return Next::Close,
            _ => {}
        }
        Next::Stay
    }

    /// Counted again on the new archive, over the open group and day, in the same scope.
    fn reload(&mut self, app: &dyn Reader, _: &Archive) -> Next {
        let whole_group = self.whole_group;
        let view = app.view();
        *self = Activity::open(app.archive(), view.group, view.day, view.fold);
        if !whole_group {
            self.toggle_scope(app.archive());
        }
        Next::Stay
    }
}

/// The activity view over one group and its open day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Activity {
    pub group: GroupId,
    /// Index in `Archive::days` of the day that was open.
    pub day: usize,
    /// Hours and speakers count the whole group rather than the open day.
    pub whole_group: bool,
    /// Echoes are not counted (as the reader folds them).
    pub fold: bool,
    /// Messages per date with a log in the group (whatever the scope).
    pub per_day: Vec<(NaiveDate, usize)>,
    /// Boxed: the other overlays are small, and an enum is as big as its biggest.
    pub per_hour: Box<[usize; 24]>,
    /// People, most first.
    pub speakers: Vec<(PersonId, usize)>,
}

impl Activity {
    /// Counts the group's figures: the question the view answers first is "who speaks
    /// most, and when", over the whole group; Tab narrows it to the open day.
    pub fn open(archive: &Archive, group: GroupId, day: usize, fold: bool) -> Activity {
        let span = Span::Group(group);
        Activity {
            group,
            day,
            whole_group: true,
            fold,
            per_day: per_day(archive, span, fold),
            per_hour: Box::new(per_hour(archive, span, fold)),
            speakers: per_person(archive, span, fold),
        }
    }

    /// Switches hours and speakers between the group and the open day, and counts them.
    pub fn toggle_scope(&mut self, archive: &Archive) {
        self.whole_group = !self.whole_group;
        let span = self.span();
        *self.per_hour = per_hour(archive, span, self.fold);
        self.speakers = per_person(archive, span, self.fold);
    }

    /// What the hour and speaker figures count.
    pub fn span(&self) -> Span {
        if self.whole_group {
            Span::Group(self.group)
        } else {
            Span::Day(self.day)
        }
    }
}

/// Calendar days from the first to the last date of `per_day` (0 when it is empty).
fn span_days(per_day: &[(NaiveDate, usize)]) -> usize {
    match (per_day.first(), per_day.last()) {
        (Some(first), Some(last)) => (last.0 - first.0).num_days() as usize + 1,
        _ => 0,
    }
}

/// The day offsets (from the first date) that column `c` of `width` covers: consecutive
/// runs that together cover every day once; a column of its own day repeats it when there
/// are fewer days than columns, so a short group still fills the chart.
fn covered(c: usize, width: usize, days: usize) -> Range<usize> {
    let start = c * days / width;
    start..((c + 1) * days / width).max(start + 1)
}

/// The per-day figure as `width` columns along calendar time, so that gaps show as gaps:
/// each column is the mean messages per calendar day of the days it covers, rounded up so
/// that a column with any message is not one with none.
pub fn day_columns(per_day: &[(NaiveDate, usize)], width: usize) -> Vec<u64> {
    let days = span_days(per_day);
    if days == 0 || width == 0 {
        return Vec::new();
    }
    let first = per_day[0].0;
    let mut counts = vec![0u64; days];
    for &(date, n) in per_day {
        counts[(date - first).num_days() as usize] += n as u64;
    }
    (0..width)
        .map(|c| {
            let range = covered(c, width, days);
            let len = range.len() as u64;
            counts[range].iter().sum::<u64>().div_ceil(len)
        })
        .collect()
}

/// The columns of `day_columns(per_day, width)` that cover `date`.
pub fn columns_of(per_day: &[(NaiveDate, usize)], width: usize, date: NaiveDate) -> Range<usize> {
    let days = span_days(per_day);
    let Some(&(first, _)) = per_day.first() else {
        return 0..0;
    };
    let offset = (date - first).num_days();
    if days == 0 || width == 0 || offset < 0 || offset as usize >= days {
        return 0..0;
    }
    let offset = offset as usize;
    let start = (0..width)
        .position(|c| covered(c, width, days).contains(&offset))
        .unwrap_or(0);
    let end = (start..width)
        .find(|&c| !covered(c, width, days).contains(&offset))
        .unwrap_or(width);
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn more_days_than_columns_take_means_over_calendar_time() {
        // Ten calendar days, two logged: columns of 2 or 3 days each.
        let per_day = [(d("2020-01-01"), 10), (d("2020-01-10"), 5)];
        let cols = day_columns(&per_day, 4);
        assert_eq!(
            cols,
            [5, 0, 0, 2],
            "10/2 and 5/3, rounded up; the gap is empty"
        );
        assert_eq!(columns_of(&per_day, 4, d("2020-01-10")), 3..4);
        assert_eq!(columns_of(&per_day, 4, d("2020-01-05")), 1..2);
        assert_eq!(columns_of(&per_day, 4, d("2021-01-01")), 0..0);
    }

    #[test]
    fn fewer_days_than_columns_fill_the_width() {
        let per_day = [
            (d("2018-03-04"), 20),
            (d("2018-03-05"), 158),
            (d("2018-03-07"), 50),
        ];
        let cols = day_columns(&per_day, 8);
        assert_eq!(cols, [20, 20, 158, 158, 0, 0, 50, 50]);
        assert_eq!(columns_of(&per_day, 8, d("2018-03-05")), 2..4);
        assert!(day_columns(&[], 8).is_empty());
        assert_eq!(day_columns(&per_day, 0), Vec::<u64>::new());
    }
}
