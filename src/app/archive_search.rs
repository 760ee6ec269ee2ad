//! The search across the archive (`F`, `:search`) from the reader's side: starting it
//! under the open group and filter, showing its results, and opening a result at its
//! message.

use super::App;
use super::hits::DaySearch;
use super::overlay::Overlay;
use super::overlay::results::Results;
use crate::archive_search::{ArchiveQuery, ArchiveSearch};
use crate::search::{Found, Scope};

impl App {
    /// Searches every day for `text` with the last search's options (newest first at
    /// first); an empty `text` shows the last results again.
    pub(super) fn search_archive(&mut self, text: &str) {
        if !self.whole() {
            return;
        }
        let query = match (&self.archive_search, text.is_empty()) {
            (Some(_), true) => {
                self.overlay = Some(Overlay::Results(Results));
                return;
            }
            (None, true) => return,
            (Some(last), false) => ArchiveQuery {
                text: text.to_owned(),
                ..last.query.clone()
            },
            (None, false) => ArchiveQuery {
                text: text.to_owned(),
                regex: false,
                all_groups: false,
                group: self.view.group,
                newest_first: true,
                scope: Scope::default(),
            },
        };
        self.start_archive_search(query);
    }

    /// Starts `query` in the open group under the speaker filter, and shows its results.
    pub(super) fn start_archive_search(&mut self, mut query: ArchiveQuery) {
        query.group = self.view.group;
        query.scope.speakers = self.view.filter.clone();
        query.scope.all = !self.view.fold;
        query.scope.documents = true;
        match ArchiveSearch::start(&self.archive, query) {
            Ok(search) => {
                self.archive_search = Some(search);
                self.overlay = Some(Overlay::Results(Results));
            }
            Err(err) => self.view.notice = Some(format!("bad regular expression: {err}")),
        }
    }

    /// Opens the day of the selected result at its message, with the query highlighted.
    /// False when there is no result to open.
    pub(super) fn open_found(&mut self) -> bool {
        let Some(search) = &self.archive_search else {
            return false;
        };
        let Some(&Found { day, message }) = search.found.get(search.cursor) else {
            return false;
        };
        let day_search = DaySearch {
            query: search.query.text.clone(),
            regex: search.query.regex,
            matcher: search.matcher.clone(),
        };
        self.open_day_anywhere(day);
        self.set_day_search(Some(day_search));
        self.remember_day_search();
        let pos = self.derived.shown.partition_point(|&i| i < message);
        let hits = &self.derived.hits;
        self.view.hit = hits
            .iter()
            .position(|h| h.pos == pos && !h.in_name)
            .or_else(|| hits.iter().position(|h| h.pos >= pos))
            .unwrap_or(0);
        self.reveal_hit();
        true
    }
}
