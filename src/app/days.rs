//! Moving between days: the next or previous day of the group, its first and last, a
//! date, another group on the same date, and the day list following the open day.

use chrono::{Datelike, NaiveDate};

use super::App;
use super::command::{DatePart, parse_date};
use super::state::Anchor;
use crate::model::GroupId;

impl App {
    pub(super) fn step_day(&mut self, step: isize) {
        let range = self.archive.group(self.view.group).days.clone();
        let i = self.view.day as isize - range.start as isize + step;
        if i < 0 {
            self.view.notice = Some("first day of the group".into());
        } else if i as usize >= range.len() {
            self.view.notice = Some("last day of the group".into());
        } else {
            self.open_day(range.start + i as usize);
        }
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
        let found = self.open_nearest(date);
        if found != date {
            self.view.notice = Some(format!("no log for {date}: showing {found}"));
        }
    }

    /// Opens another group on the same date, or its nearest later day, saying so.
    pub(super) fn switch_group(&mut self, group: GroupId) {
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

    /// Goes to a date typed at the `:` prompt, or the nearest later day with a log.
    pub(super) fn goto(&mut self, input: &str) {
        let current = self.day().date;
        let Some((target, what)) = parse_date(input, current.year()) else {
            self.view.notice = Some(format!("not a date or command: {input}"));
            return;
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
    }
}
