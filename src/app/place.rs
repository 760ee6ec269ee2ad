//! Keeping the reader's place: across runs (the remembered place) and across reloads
//! of an archive that changed on disk. Ids (groups, speakers, days) belong to one load of
//! the archive, so everything the view holds is found again by name in the new one.

use std::sync::Arc;

use chrono::NaiveDate;

use super::App;
use super::state::Anchor;
use crate::archive_search::ArchiveSearch;
use crate::filter::SpeakerFilter;
use crate::model::{Archive, GroupId};
use crate::places::Place;
use crate::text;

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

    /// Takes a new load of the archive, keeping the reader's place: the same group (by
    /// folder), day (by date, else the nearest later), top message, filter (by name),
    /// search, and open overlay; a search across the archive runs again. A group that is
    /// gone is announced, not silently replaced, and so are the load's problems.
    pub(super) fn reload(&mut self, archive: Arc<Archive>, problems: usize) {
        let old = std::mem::replace(&mut self.archive, archive);
        let day = &old.days[self.view.day];
        let (path, date) = (old.group(day.group).path.clone(), day.date);
        let scroll = self.view.scroll;
        let found = self.archive.find_group(&path);
        self.view.group = found.unwrap_or(GroupId(0));
        self.view.filter = self.same_speakers(&old, self.view.filter.as_ref());
        self.forget_derived();
        if self.open_nearest(date) == date && found.is_some() {
            self.view.scroll = scroll;
            self.clamp_scroll();
        }
        if let Some(search) = self.archive_search.take() {
            let mut query = search.query;
            query.group = self.same_group(&old, query.group);
            query.scope.speakers = self.same_speakers(&old, query.scope.speakers.as_ref());
            self.archive_search = ArchiveSearch::start(&self.archive, query).ok();
        }
        self.reload_overlay(&old);
        let added = self.archive.days.len() as isize - old.days.len() as isize;
        let mut notice = match added {
            0 => "the archive changed: reloaded".to_owned(),
            1 => "the archive changed: reloaded, 1 new day".to_owned(),
            n if n > 0 => format!("the archive changed: reloaded, {n} new days"),
            n => format!("the archive changed: reloaded, {} days fewer", -n),
        };
        if found.is_none() {
            let now = &self.archive.group(self.view.group).name;
            notice = format!(
                "{notice}; {} is gone: showing {now}",
                old.group(day.group).name
            );
        }
        if problems > 0 {
            let root = text::shown(&self.archive.root.display().to_string());
            let noun = text::plural(problems, "problem", "problems");
            notice = format!("{notice} · {problems} {noun}: `chatlog check {root}` lists them");
        }
        self.view.notice = Some(notice);
    }

    /// `group` of `old` in the new archive, by folder; the open group when it is gone.
    pub(super) fn same_group(&self, old: &Archive, group: GroupId) -> GroupId {
        self.archive
            .find_group(&old.group(group).path)
            .unwrap_or(self.view.group)
    }

    /// A filter of `old`'s speakers, by name, in the new archive (none left: no filter).
    pub(super) fn same_speakers(
        &self,
        old: &Archive,
        filter: Option<&SpeakerFilter>,
    ) -> Option<SpeakerFilter> {
        let names = filter?.names(old);
        SpeakerFilter::new(self.archive.speakers_named(&names))
    }
}
