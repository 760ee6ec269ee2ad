//! The reader's archive-wide search: starting it, the results list's keys, and opening
//! a result at its message.

use super::{Action, App, FindOption, Overlay, Search};
use crate::find::{Find, FindQuery};
use crate::search::{self, Scope};

impl App {
    /// Searches every day for `text` with the last search's options (newest first at
    /// first); an empty `text` shows the last results again.
    pub(super) fn find(&mut self, text: &str) {
        let query = match (&self.find, text.is_empty()) {
            (Some(_), true) => {
                self.view.overlay = Overlay::Results;
                return;
            }
            (None, true) => return,
            (Some(last), false) => FindQuery {
                text: text.to_owned(),
                ..last.query.clone()
            },
            (None, false) => FindQuery {
                text: text.to_owned(),
                regex: false,
                all_groups: false,
                group: self.view.group,
                newest_first: true,
                scope: Scope::default(),
            },
        };
        self.start_find(query);
    }

    /// Starts `query` in the open group under the speaker filter, and shows its results.
    pub(super) fn start_find(&mut self, mut query: FindQuery) {
        query.group = self.view.group;
        query.scope.speakers = self
            .view
            .filter
            .as_ref()
            .map(|f| f.iter().copied().collect());
        match Find::start(&self.archive, query) {
            Ok(find) => {
                self.find = Some(find);
                self.view.overlay = Overlay::Results;
            }
            Err(err) => self.view.notice = Some(format!("bad regular expression: {err}")),
        }
    }

    /// Keys in the results list.
    pub(super) fn results_input(&mut self, action: Action) {
        let page = self.panes().text.height.max(1) as isize;
        let Some(find) = &mut self.find else {
            return;
        };
        let last = find.hits.len().saturating_sub(1);
        let moved = |by: isize| find.cursor.saturating_add_signed(by).min(last);
        match action {
            Action::CursorDown => find.cursor = moved(1),
            Action::CursorUp => find.cursor = moved(-1),
            Action::ScrollLines(n) => find.cursor = moved(n),
            Action::ScrollPage(dir) => find.cursor = moved(dir * page),
            Action::Top => find.cursor = 0,
            Action::Bottom => find.cursor = last,
            Action::Submit => return self.open_found(),
            Action::Cancel => return find.stop(),
            Action::FindToggle(option) => {
                let mut query = find.query.clone();
                match option {
                    FindOption::AllGroups => query.all_groups = !query.all_groups,
                    FindOption::Regex => query.regex = !query.regex,
                    FindOption::NewestFirst => query.newest_first = !query.newest_first,
                }
                return self.start_find(query);
            }
            _ => {}
        }
        // Keep the cursor in view.
        let rows = page as usize;
        find.top = find
            .top
            .min(find.cursor)
            .max((find.cursor + 1).saturating_sub(rows));
        self.view.overlay = Overlay::Results;
    }

    /// Opens the day of the selected result at its message, with the query highlighted.
    pub(super) fn open_found(&mut self) {
        let Some(find) = &self.find else {
            return;
        };
        let Some(&search::Hit { day, message }) = find.hits.get(find.cursor) else {
            self.view.overlay = Overlay::Results;
            return;
        };
        let search = Search {
            query: find.query.text.clone(),
            regex: find.query.regex,
            matcher: find.matcher.clone(),
        };
        self.open_day_anywhere(day);
        self.set_search(Some(search));
        let pos = self.derived.shown.partition_point(|&i| i < message);
        let hits = &self.derived.hits;
        self.view.hit = hits
            .iter()
            .position(|h| h.pos == pos && !h.in_name)
            .or_else(|| hits.iter().position(|h| h.pos >= pos))
            .unwrap_or(0);
        self.reveal_hit();
    }
}
