//! Keeping the reader's place: across runs (the remembered place) and across reloads
//! of an archive that changed on disk. Ids (groups, speakers, days) belong to one load of
//! the archive, so everything the view holds is found again by name in the new one.

use std::sync::Arc;

use crossterm::event::Event;

use chrono::NaiveDate;

use super::overlay::prompt::PromptKind;
use super::state::{Anchor, Loading};
use super::{App, Overlay};
use crate::action::Action;
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
            sources: (day.sources.iter())
                .map(|s| s.to_string_lossy().into_owned())
                .collect(),
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

    /// Whether the whole archive is in; if not, says how far its load has got, for what
    /// needs it (other days and groups, counts over days) must wait for it.
    pub(super) fn whole(&mut self) -> bool {
        let Some(loading) = self.loading else {
            return true;
        };
        self.view.notice = Some(format!(
            "{}: this day only, until the rest is in",
            loading.say()
        ));
        false
    }

    /// Whether `action` must wait for the whole archive: it needs other days or groups
    /// (a key, or a `:` command or `F` search sent from its prompt), or input before it
    /// waits already (order is kept).
    pub(super) fn waits_for_whole(&self, action: &Action) -> bool {
        let from_prompt = matches!(
            &self.overlay,
            Some(Overlay::Prompt(p)) if p.kind != PromptKind::DaySearch && p.kind != PromptKind::TextFilter
        );
        !action.is_global()
            && (!self.deferred.is_empty()
                || action.needs_whole_archive()
                || *action == Action::Submit && from_prompt)
    }

    /// Keeps `event` (asking for `action` now) for when the whole archive is in, saying so;
    /// Esc drops what waits.
    pub(super) fn defer(&mut self, event: &Event, action: Action) {
        let loading = self.loading.unwrap_or_default().say();
        if action == Action::Clear {
            self.deferred.clear();
            self.view.notice = Some(format!("{loading}: what was typed will not run"));
            return;
        }
        self.deferred.push(event.clone());
        self.view.notice = Some(format!("{loading}: what was typed runs when it is in"));
    }

    /// The whole archive, loaded behind the first day: taken as a reload is, keeping the
    /// place, but as the load it is, not as a change on disk; then what waited for it runs.
    /// Its problems are said before what was said already.
    pub(super) fn take_whole(&mut self, archive: Arc<Archive>, problems: usize) {
        // What the start said stays; how far the load had got is over.
        let said = (self.view.notice.take()).filter(|n| !Loading::said(n));
        self.take_archive(archive);
        self.view.notice = said;
        self.run_deferred();
        if problems > 0 {
            let found = self.problems_found(problems, " while loading");
            let said = self.view.notice.take().into_iter();
            let all: Vec<String> = [found].into_iter().chain(said).collect();
            self.view.notice = Some(all.join(" · "));
        }
    }

    /// Takes a new load of the archive that changed on disk, keeping the place (see
    /// [`App::take_archive`]) and saying what changed: days added or gone, a group that is
    /// gone (announced, not silently replaced), the load's problems.
    pub(super) fn reload(&mut self, archive: Arc<Archive>, problems: usize) {
        let (old, was) = self.take_archive(archive);
        let added = self.archive.days.len() as isize - old.days.len() as isize;
        let mut notice = match added {
            0 => "the archive changed: reloaded".to_owned(),
            1 => "the archive changed: reloaded, 1 new day".to_owned(),
            n if n > 0 => format!("the archive changed: reloaded, {n} new days"),
            n => format!("the archive changed: reloaded, {} days fewer", -n),
        };
        let was = old.group(was);
        if self.archive.find_group(&was.path).is_none() {
            let now = &self.archive.group(self.view.group).name;
            notice = format!("{notice}; {} is gone: showing {now}", was.name);
        }
        if problems > 0 {
            notice = format!("{notice} · {}", self.problems_found(problems, ""));
        }
        self.view.notice = Some(notice);
        // A reload after a whole load that failed is the whole archive at last.
        self.run_deferred();
    }

    /// Takes a new load of the archive, keeping the reader's place: the same group (by
    /// folder), day (by date, else the nearest later), top message, filter (by name),
    /// search, and open overlay; a search across the archive runs again. The archive is
    /// whole now. Returns the old archive and the open day's group in it.
    fn take_archive(&mut self, archive: Arc<Archive>) -> (Arc<Archive>, GroupId) {
        self.loading = None;
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
        let group = day.group;
        (old, group)
    }

    /// Runs the input that waited for the whole archive, in order.
    fn run_deferred(&mut self) {
        for event in std::mem::take(&mut self.deferred) {
            self.input(&event);
        }
    }

    /// `3 problems{when}: `chatlog check ROOT` lists them`.
    fn problems_found(&self, problems: usize, when: &str) -> String {
        let root = text::shown(&self.archive.root.display().to_string());
        let noun = text::plural(problems, "problem", "problems");
        format!("{problems} {noun}{when}: `chatlog check {root}` lists them")
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
