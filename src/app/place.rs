//! Keeping the reader's place: across runs (the remembered place) and across reloads
//! of an archive that changed on disk.

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::NaiveDate;

use super::{Anchor, App, Derived, Overlay, Prompt};
use crate::activity_view::Activity;
use crate::calendar::Calendar;
use crate::find::Find;
use crate::model::{Archive, GroupId, SpeakerId};
use crate::state::Place;

impl App {
    /// Where the reader is, to come back to next time.
    pub fn place(&self) -> Place {
        let day = self.day();
        Place {
            group: self.archive.group(day.group).path.clone(),
            date: day.date.to_string(),
            message: self
                .derived
                .shown
                .get(self.view.scroll.pos)
                .copied()
                .unwrap_or(0),
        }
    }

    /// Goes back to `place`, as near as the archive now allows (a group that is gone is
    /// ignored; a day that is gone gives the nearest later one).
    pub(super) fn restore(&mut self, place: &Place) {
        let Some(group) = self.archive.find_group(&place.group) else {
            return;
        };
        let Ok(date) = place.date.parse::<NaiveDate>() else {
            return;
        };
        self.view.group = group;
        self.view.days_top = 0;
        if self.open_nearest(date) == date {
            let pos = self.derived.shown.partition_point(|&i| i < place.message);
            self.view.scroll = Anchor { pos, row: 0 };
            self.clamp_scroll();
        }
    }

    // --- reloading -----------------------------------------------------------------------

    /// Takes a new load of the archive, keeping the reader's place: the same group (by
    /// folder), day (by date, else the nearest later), top message, filter (by name) and
    /// search; an archive-wide search runs again.
    pub(super) fn reload(&mut self, archive: Arc<Archive>) {
        let old = std::mem::replace(&mut self.archive, archive);
        let day = &old.days[self.view.day];
        let (path, date) = (old.group(day.group).path.clone(), day.date);
        let names: Option<Vec<&str>> = self
            .view
            .filter
            .as_ref()
            .map(|f| f.iter().map(|&id| old.speaker(id)).collect());
        let scroll = self.view.scroll;
        self.view.group = self.archive.find_group(&path).unwrap_or(GroupId(0));
        self.view.filter = names
            .map(|names| {
                (0..self.archive.speakers.len() as u32)
                    .map(SpeakerId)
                    .filter(|&id| names.contains(&self.archive.speaker(id)))
                    .collect::<BTreeSet<_>>()
            })
            .filter(|f| !f.is_empty());
        self.derived = Derived::default();
        if self.open_nearest(date) == date {
            self.view.scroll = scroll;
            self.clamp_scroll();
        }
        if let Some(find) = self.find.take() {
            self.find = Find::start(&self.archive, find.query).ok();
        }
        let overlay = std::mem::replace(&mut self.view.overlay, Overlay::None);
        self.view.overlay = self.overlay_on_reload(overlay);
        let added = self.archive.days.len() as isize - old.days.len() as isize;
        self.view.notice = Some(match added {
            0 => "the archive changed: reloaded".to_owned(),
            1 => "the archive changed: reloaded, 1 new day".to_owned(),
            n if n > 0 => format!("the archive changed: reloaded, {n} new days"),
            n => format!("the archive changed: reloaded, {} days fewer", -n),
        });
    }

    /// The open overlay, on the new archive: its figures are counted again, a prompt's Esc
    /// goes back to the new place, and the pickers, holding the old archive's speakers and
    /// groups, close.
    fn overlay_on_reload(&self, overlay: Overlay) -> Overlay {
        match overlay {
            Overlay::Activity(old) => {
                let mut activity = Activity::open(&self.archive, self.view.group, self.view.day);
                if !old.whole_group {
                    activity.toggle_scope(&self.archive);
                }
                Overlay::Activity(Box::new(activity))
            }
            Overlay::Calendar(old) => {
                let days = self.archive.group_days(self.view.group);
                Overlay::Calendar(Calendar::new(days, old.cursor))
            }
            Overlay::Prompt(prompt) => Overlay::Prompt(Prompt {
                saved: self.view.scroll,
                ..prompt
            }),
            Overlay::Speakers(_) | Overlay::Groups { .. } => Overlay::None,
            overlay @ (Overlay::None | Overlay::Help(_) | Overlay::Results) => overlay,
        }
    }
}
