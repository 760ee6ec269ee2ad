//! The calendar overlay (`C`): a cursor over one group's dates, how a day is shaded by its
//! message count, the weeks of a month, and its keys.

use chrono::{Datelike, Days, Months, NaiveDate};

use super::layer::{Layer, Next};
use crate::action::{Action, CalendarStep as Step};
use crate::app::reader::Reader;
use crate::keymap::Context;
use crate::model::{Archive, Day};
use crate::theme::SHADES;

/// The calendar over the open group, its cursor on the open day.
pub fn open(app: &dyn Reader) -> Calendar {
    let archive = app.archive();
    let view = app.view();
    let counts = &app.derived().day_counts;
    Calendar::new(counts, archive.days[view.day].date)
}

impl Layer for Calendar {
    fn contexts(&self) -> &'static [Context] {
        &[Context::Calendar, Context::Always]
    }

    fn input(&mut self, app: &mut dyn Reader, action: Action) -> Next {
        match action {
            Action::MoveCalendar(step) => {
                let days = app.archive().group_days(app.view().group);
                if let Some(why) = self.step(days, step) {
                    app.say(why.to_owned());
                }
            }
            Action::Submit => {
                app.open_date(self.cursor);
                return Next::Close;
            }
            Action::Cancel => return Next::Close,
            _ => {}
        }
        Next::Stay
    }

    /// Shaded again by the new archive's counts, the cursor where it was.
    fn reload(&mut self, app: &dyn Reader, _: &Archive) -> Next {
        *self = Calendar::new(&app.derived().day_counts, self.cursor);
        Next::Stay
    }
}

/// The calendar over one group's days (`days`, sorted by date, as `Archive::group_days`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Calendar {
    pub cursor: NaiveDate,
    /// The group's day counts at its quartiles: a day's shade is how many it reaches.
    /// Computed once when the calendar opens, as it sorts every day of the group.
    pub quartiles: [usize; SHADES - 1],
}

impl Calendar {
    /// The calendar over a group whose days show `counts` messages (under the reader's
    /// filter and folding), its cursor on `open`.
    pub fn new(counts: &[usize], open: NaiveDate) -> Calendar {
        let mut counts = counts.to_vec();
        counts.sort_unstable();
        let at = |q: usize| counts.get(counts.len() * q / SHADES).copied().unwrap_or(0);
        Calendar {
            cursor: open,
            quartiles: [at(1), at(2), at(3)],
        }
    }

    /// The shade (0 to `SHADES - 1`) of a day with `count` messages.
    pub fn shade(&self, count: usize) -> usize {
        self.quartiles.iter().filter(|&&q| count >= q).count()
    }

    /// The counts a shade stands for, for the legend: `(from, to)`, `to` open for the
    /// busiest; `None` when quartiles coincide and no count takes the shade.
    pub fn shade_range(&self, shade: usize) -> Option<(usize, Option<usize>)> {
        let from = if shade == 0 {
            0
        } else {
            self.quartiles[shade - 1]
        };
        let to = self.quartiles.get(shade).copied();
        match to {
            Some(to) if to <= from => None,
            Some(to) => Some((from, Some(to - 1))),
            None => Some((from, None)),
        }
    }

    /// Moves the cursor within the group's first and last dates. Says why when it can't.
    pub fn step(&mut self, days: &[Day], step: Step) -> Option<&'static str> {
        let (Some(first), Some(last)) = (days.first(), days.last()) else {
            return None;
        };
        let target = match step {
            Step::Days(n) => shift_days(self.cursor, n),
            Step::Months(n) => shift_months(self.cursor, n),
            Step::Logged(dir) => logged_neighbour(days, self.cursor, dir),
            Step::First => Some(first.date),
            Step::Last => Some(last.date),
        };
        let target = target.map(|t| t.clamp(first.date, last.date));
        match target {
            Some(t) if t != self.cursor => {
                self.cursor = t;
                None
            }
            _ if matches!(
                step,
                Step::First | Step::Logged(..0) | Step::Days(..0) | Step::Months(..0)
            ) =>
            {
                Some("first day of the group")
            }
            _ => Some("last day of the group"),
        }
    }
}

fn shift_days(date: NaiveDate, n: i64) -> Option<NaiveDate> {
    let days = Days::new(n.unsigned_abs());
    if n < 0 {
        date.checked_sub_days(days)
    } else {
        date.checked_add_days(days)
    }
}

pub fn shift_months(date: NaiveDate, n: i32) -> Option<NaiveDate> {
    let months = Months::new(n.unsigned_abs());
    if n < 0 {
        date.checked_sub_months(months)
    } else {
        date.checked_add_months(months)
    }
}

/// The date of the log before (`dir < 0`) or after `date`.
fn logged_neighbour(days: &[Day], date: NaiveDate, dir: i32) -> Option<NaiveDate> {
    if dir < 0 {
        let before = days.partition_point(|d| d.date < date);
        before.checked_sub(1).map(|i| days[i].date)
    } else {
        let after = days.partition_point(|d| d.date <= date);
        days.get(after).map(|d| d.date)
    }
}

/// Messages shown on `date` (`counts` goes with `days`), if it has a log among `days`.
pub fn count_on(days: &[Day], counts: &[usize], date: NaiveDate) -> Option<usize> {
    days.binary_search_by_key(&date, |d| d.date)
        .ok()
        .map(|i| counts.get(i).copied().unwrap_or(0))
}

/// Days with a log and the messages they show in the month of `date`.
pub fn month_total(days: &[Day], counts: &[usize], date: NaiveDate) -> (usize, usize) {
    let first = first_of_month(date);
    let start = days.partition_point(|d| d.date < first);
    let end =
        days.partition_point(|d| (d.date.year(), d.date.month()) <= (date.year(), date.month()));
    let month = &days[start..end.max(start)];
    let shown = counts.get(start..end.max(start)).unwrap_or_default();
    (month.len(), shown.iter().sum())
}

pub fn first_of_month(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

/// The month of `date` as six weeks, Monday first: a cell holds its date when the date is
/// in the month. Always six rows, so the calendar keeps its height from month to month.
pub fn weeks(date: NaiveDate) -> [[Option<NaiveDate>; 7]; 6] {
    let first = first_of_month(date);
    let lead = first.weekday().num_days_from_monday() as i64;
    let mut weeks = [[None; 7]; 6];
    for (i, cell) in weeks.iter_mut().flatten().enumerate() {
        *cell = shift_days(first, i as i64 - lead).filter(|d| d.month() == first.month());
    }
    weeks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{GroupId, Kind, Message, SpeakerId, Time};

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// Every message of each day.
    fn counts(days: &[Day]) -> Vec<usize> {
        days.iter().map(|d| d.messages.len()).collect()
    }

    /// Days on these dates with these message counts.
    fn days(spec: &[(&str, usize)]) -> Vec<Day> {
        let msg = Message {
            time: Time(0),
            speaker: SpeakerId(0),
            kind: Kind::Text,
            body: (0, 0),
            line: 1,
        };
        spec.iter()
            .map(|&(d, n)| Day {
                messages: vec![msg; n],
                ..Day::new(GroupId(0), date(d))
            })
            .collect()
    }

    #[test]
    fn shades_follow_quartiles() {
        let days = days(&[
            ("2018-03-04", 20),
            ("2018-03-05", 158),
            ("2018-03-06", 100),
            ("2018-03-07", 50),
        ]);
        let cal = Calendar::new(&counts(&days), date("2018-03-05"));
        assert_eq!(cal.quartiles, [50, 100, 158]);
        let shades: Vec<usize> = [20, 50, 100, 158, 999].map(|n| cal.shade(n)).to_vec();
        assert_eq!(shades, [0, 1, 2, 3, 3]);
        assert_eq!(cal.shade_range(0), Some((0, Some(49))));
        assert_eq!(cal.shade_range(3), Some((158, None)));
        let same = Calendar::new(&counts(&days[..1]), date("2018-03-04"));
        assert_eq!(same.shade(20), 3, "one count: every day is the busiest");
        assert_eq!(same.shade_range(1), None);
    }

    #[test]
    fn cursor_moves_within_the_group() {
        let days = days(&[("2018-02-27", 1), ("2018-03-05", 2), ("2018-04-30", 3)]);
        let mut cal = Calendar::new(&counts(&days), date("2018-03-05"));
        let mut go = |step| (cal.step(&days, step), cal.cursor.to_string());
        assert_eq!(go(Step::Days(1)), (None, "2018-03-06".into()));
        assert_eq!(go(Step::Days(-7)), (None, "2018-02-27".into()));
        assert_eq!(
            go(Step::Days(-1)),
            (Some("first day of the group"), "2018-02-27".into())
        );
        assert_eq!(go(Step::Logged(1)), (None, "2018-03-05".into()));
        assert_eq!(go(Step::Logged(1)), (None, "2018-04-30".into()));
        assert_eq!(
            go(Step::Logged(1)),
            (Some("last day of the group"), "2018-04-30".into())
        );
        assert_eq!(go(Step::Months(-2)), (None, "2018-02-28".into()));
        assert_eq!(go(Step::Months(1)), (None, "2018-03-28".into()));
        assert_eq!(go(Step::Logged(-1)), (None, "2018-03-05".into()));
        assert_eq!(go(Step::Last), (None, "2018-04-30".into()));
        assert_eq!(go(Step::First), (None, "2018-02-27".into()));
    }

    #[test]
    fn month_figures_and_weeks() {
        let days = days(&[
            ("2018-02-27", 1),
            ("2018-03-05", 2),
            ("2018-03-31", 3),
            ("2018-04-01", 4),
        ]);
        assert_eq!(
            month_total(&days, &counts(&days), date("2018-03-17")),
            (2, 5)
        );
        assert_eq!(
            month_total(&days, &counts(&days), date("2018-05-01")),
            (0, 0)
        );
        assert_eq!(count_on(&days, &counts(&days), date("2018-03-31")), Some(3));
        assert_eq!(count_on(&days, &counts(&days), date("2018-03-30")), None);
        // March 2018 starts on a Thursday and ends on a Saturday.
        let weeks = weeks(date("2018-03-17"));
        assert_eq!(weeks[0][..3], [None, None, None]);
        assert_eq!(weeks[0][3], Some(date("2018-03-01")));
        assert_eq!(weeks[4][5], Some(date("2018-03-31")));
        assert_eq!(weeks[5], [None; 7]);
    }
}
