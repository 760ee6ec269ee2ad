//! The search across the archive (`F`, `:search`) in the reader: starting it under the
//! open group and filter, its results list's keys, and opening a result at its message.

use super::{Layer, Next, Overlay};
use crate::action::{Action, ResultsOption};
use crate::app::{App, DaySearch};
use crate::archive_search::{ArchiveQuery, ArchiveSearch};
use crate::keymap::Context;
use crate::model::Archive;
use crate::search::{Found, Scope};

/// The results list, over the message pane; what it lists is `App::archive_search`, which
/// outlives it (`n`/`N` follow it across days once a result is opened).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Results;

impl App {
    /// Searches every day for `text` with the last search's options (newest first at
    /// first); an empty `text` shows the last results again.
    pub(in crate::app) fn search_archive(&mut self, text: &str) {
        let query = match (&self.archive_search, text.is_empty()) {
            (Some(_), true) => {
                self.view.overlay = Some(Overlay::Results(Results));
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
    fn start_archive_search(&mut self, mut query: ArchiveQuery) {
        query.group = self.view.group;
        query.scope.speakers = self.view.filter.clone();
        match ArchiveSearch::start(&self.archive, query) {
            Ok(search) => {
                self.archive_search = Some(search);
                self.view.overlay = Some(Overlay::Results(Results));
            }
            Err(err) => self.view.notice = Some(format!("bad regular expression: {err}")),
        }
    }

    /// Opens the day of the selected result at its message, with the query highlighted.
    /// False when there is no result to open.
    fn open_found(&mut self) -> bool {
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

impl Layer for Results {
    fn contexts(&self) -> &'static [Context] {
        &[Context::Results, Context::Always]
    }

    fn input(&mut self, app: &mut App, action: Action) -> Next {
        let page = app.panes().text.height.max(1) as isize;
        let Some(search) = &mut app.archive_search else {
            return Next::Close;
        };
        let last = search.found.len().saturating_sub(1);
        let moved = |by: isize| search.cursor.saturating_add_signed(by).min(last);
        match action {
            Action::CursorDown => search.cursor = moved(1),
            Action::CursorUp => search.cursor = moved(-1),
            Action::ScrollLines(n) => search.cursor = moved(n),
            Action::ScrollPage(dir) => search.cursor = moved(dir * page),
            Action::Top => search.cursor = 0,
            Action::Bottom => search.cursor = last,
            Action::Submit => {
                return if app.open_found() {
                    Next::Close
                } else {
                    Next::Stay
                };
            }
            Action::Cancel => {
                search.stop();
                return Next::Close;
            }
            Action::ResultsOption(option) => {
                let mut query = search.query.clone();
                match option {
                    ResultsOption::AllGroups => query.all_groups = !query.all_groups,
                    ResultsOption::Regex => query.regex = !query.regex,
                    ResultsOption::NewestFirst => query.newest_first = !query.newest_first,
                }
                app.start_archive_search(query);
                return Next::Close;
            }
            _ => {}
        }
        // Keep the cursor in view.
        let rows = page as usize;
        search.top = search
            .top
            .min(search.cursor)
            .max((search.cursor + 1).saturating_sub(rows));
        Next::Stay
    }

    /// The search itself is started again by the reload, on the new archive.
    fn reload(&mut self, app: &App, _: &Archive) -> Next {
        if app.archive_search.is_some() {
            Next::Stay
        } else {
            Next::Close
        }
    }
}
