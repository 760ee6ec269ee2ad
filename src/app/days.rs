//! Moving between days: the next or previous day of the group, its first and last, a
//! date, another group on the same date, and the day list following the open day.

use chrono::{Datelike, NaiveDate};

use super::App;
use super::command::{DatePart, parse_date};
use super::state::Anchor;
use crate::model::{GroupId, Time};

impl App {
    /// The next (`1`) or previous (`-1`) day of the group; under a speaker filter, the
    /// next one where a chosen speaker spoke. Says so at either end; false there.
    pub(super) fn step_day(&mut self, step: isize) -> bool {
        if !self.whole() {
            return false;
        }
        match self.neighbour_day(step) {
            Some(day) => {
                self.open_day(day);
                true
            }
            None => {
                let end = if step > 0 { "last" } else { "first" };
                let whose = if self.view.filter.is_some() {
                    " with the chosen speakers"
                } else {
                    ""
                };
                self.view.notice = Some(format!("{end} day of the group{whose}"));
                false
            }
        }
    }

    /// The day `[` (-1) or `]` (1) would open, by its index in `Archive::days`.
    pub fn neighbour_day(&self, step: isize) -> Option<usize> {
        let range = self.archive.group(self.view.group).days.clone();
        let here = self.view.day - range.start;
        let counts = &self.derived.day_counts;
        let wanted =
            |i: &usize| self.view.filter.is_none() || counts.get(*i).is_some_and(|&n| n > 0);
        let next = if step > 0 {
            (here + 1..range.len()).find(wanted)
        } else {
            (0..here).rev().find(wanted)
        };
        next.map(|i| range.start + i)
    }

    /// Opens the `i`th day of the group (clamped: `usize::MAX` is the last).
    pub(super) fn open_day_in_group(&mut self, i: usize) {
        let range = self.archive.group(self.view.group).days.clone();
        self.open_day(range.start + i.min(range.len().saturating_sub(1)));
    }

    /// Opens a day of any group, switching to its group.
    pub(super) fn open_day_anywhere(&mut self, day: usize) {
        let group = self.archive.days[day].group;
        if group != self.view.group {
            self.view.group = group;
            self.view.days_top = 0;
        }
        self.open_day(day);
    }

    /// Opens a day at its top; the filter and search stay.
    fn open_day(&mut self, day: usize) {
        if !self.whole() {
            return;
        }
        self.view.selected = None;
        self.view.day = day;
        self.view.scroll = Anchor::default();
        self.view.hit = 0;
        self.refresh();
        self.keep_day_in_view();
    }

    /// Keeps the open day inside the day list's visible rows.
    pub(super) fn keep_day_in_view(&mut self) {
        let Some(list) = self.panes().days else {
            return;
        };
        let height = list.height.saturating_sub(2).max(1) as usize;
        let i = self.view.day - self.archive.group(self.view.group).days.start;
        if i < self.view.days_top {
            self.view.days_top = i;
        } else if i >= self.view.days_top + height {
            self.view.days_top = i + 1 - height;
        }
    }

    /// Opens the group's day on `date`, or says which later day it shows instead.
    pub(super) fn open_date(&mut self, date: NaiveDate) {
        if !self.whole() {
            return;
        }
        let found = self.open_nearest(date);
        if found != date {
            self.view.notice = Some(format!("no log for {date}: showing {found}"));
        }
    }

    /// Opens another group on the same date, or its nearest later day, saying so.
    pub(super) fn switch_group(&mut self, group: GroupId) {
        if !self.whole() {
            return;
        }
        let date = self.day().date;
        self.view.group = group;
        self.view.days_top = 0;
        let found = self.open_nearest(date);
        if found != date {
            let name = &self.archive.group(group).name;
            self.view.notice = Some(format!("{name} has no log for {date}: showing {found}"));
        }
    }

    /// Opens the group's day on `date`, or the nearest later one, or its last; returns the
    /// date opened.
    pub(super) fn open_nearest(&mut self, date: NaiveDate) -> NaiveDate {
        let days = self.archive.group_days(self.view.group);
        self.open_day_in_group(days.partition_point(|d| d.date < date));
        self.day().date
    }

    /// Goes to what was typed at the `:` prompt: a date (or the nearest later day with a
    /// log), a time in the open day (`20:00`, `20`), or both (`2018-03-26 20:00`).
    pub(super) fn goto(&mut self, input: &str) {
        let (date, time) = match input.split_once(' ') {
            Some((date, time)) => (Some(date), parse_time(time.trim())),
            None => match parse_time(input) {
                Some(time) => (None, Some(time)),
                None => (Some(input), None),
            },
        };
        if input.contains(' ') && time.is_none() {
            self.view.notice = Some(format!("not a date or command: {input}"));
            return;
        }
        if let Some(date) = date
            && !self.goto_date(date)
        {
            return;
        }
        if let Some(time) = time {
            self.goto_time(time);
        }
    }

    /// The first shown message at or after `time` in the open day goes to the top.
    fn goto_time(&mut self, time: Time) {
        let shown = &self.derived.shown;
        let day = &self.archive.days[self.view.day];
        let pos = shown.partition_point(|&i| day.messages.get(i).is_some_and(|m| m.time < time));
        if pos == shown.len() {
            self.view.scroll = self.bottom_anchor();
            self.view.notice = Some(format!("nothing at or after {time} in this day: its end"));
        } else {
            self.view.scroll = Anchor { pos, row: 0 };
            self.clamp_scroll();
        }
    }

    /// Goes to a date typed at the `:` prompt, or the nearest later day with a log; false
    /// when it is no date.
    fn goto_date(&mut self, input: &str) -> bool {
        if !self.whole() {
            return false;
        }
        let current = self.day().date;
        let Some((target, what)) = parse_date(input, current.year()) else {
            self.view.notice = Some(format!("not a date or command: {input}"));
            return false;
        };
        let found = self.open_nearest(target);
        let matched = match what {
            DatePart::Day => found == target,
            DatePart::Month => (found.year(), found.month()) == (target.year(), target.month()),
            DatePart::Year => found.year() == target.year(),
        };
        if !matched {
            self.view.notice = Some(format!("no log for {input}: showing {found}"));
        }
        true
    }
}

/// `20`, `20:05` or `20:05:30`.
fn parse_time(input: &str) -> Option<Time> {
    let mut parts = input.split(':');
    let num = |s: Option<&str>, most: u32| {
        s.filter(|s| (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|s| s.parse::<u32>().ok())
            .filter(|&n| n <= most)
    };
    let hour = num(parts.next(), 23)?;
    let minute = match parts.next() {
        None => 0,
        some => num(some, 59)?,
    };
    let second = match parts.next() {
        None => 0,
        some => num(some, 59)?,
    };
    parts
        .next()
        .is_none()
        .then(|| Time::from_hms(hour, minute, second))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_forms() {
        assert_eq!(parse_time("20"), Some(Time::from_hms(20, 0, 0)));
        assert_eq!(parse_time("9:05"), Some(Time::from_hms(9, 5, 0)));
        assert_eq!(parse_time("20:05:30"), Some(Time::from_hms(20, 5, 30)));
        for bad in ["24", "2018", "03-26", "20:60", "20:05:30:1", "", "a"] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }
}
