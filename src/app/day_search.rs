//! Stepping through the search in the open day (`/`): `n`/`N` through its hits, and on
//! past the day's last hit into the next day the search across the archive found the same
//! query in.

use super::App;
use super::hits::{DaySearch, Hit};

impl App {
    pub(super) fn set_day_search(&mut self, search: Option<DaySearch>) {
        self.view.day_search = search;
        self.refresh();
    }

    /// Keeps the day's search as the one an empty `/` or `n` brings back.
    pub(super) fn remember_day_search(&mut self) {
        self.view.last_day_search = self.view.day_search.clone();
    }

    /// Brings back the last search submitted, at its first hit from the top of the pane.
    pub(super) fn repeat_day_search(&mut self) {
        if let Some(last) = self.view.last_day_search.clone() {
            self.set_day_search(Some(last));
            self.follow_first_hit();
        }
    }

    /// Search as typed: the view follows the first hit from where the prompt opened.
    pub(super) fn search_as_typed(&mut self, query: &str) {
        self.set_day_search(DaySearch::typed(query));
        self.follow_first_hit();
    }

    /// Moves to the next (`1`) or previous (`-1`) hit. Past the day's last (or first),
    /// a search across the archive for the same query goes on to its next result's day,
    /// in its list's order, and says "last match" at its end; a search of the day alone
    /// wraps around, saying so. With no search, the last one comes back.
    pub(super) fn step_hit(&mut self, step: isize) {
        if self.view.day_search.is_none() && self.view.last_day_search.is_some() {
            return self.repeat_day_search();
        }
        let count = self.derived.hits.len();
        let next = self.view.hit as isize + step;
        if count > 0 && next >= 0 && (next as usize) < count {
            self.view.hit = next as usize;
            return self.reveal_hit();
        }
        if self.follows_archive_search() {
            return self.step_found_day(step);
        }
        if count == 0 {
            self.view.notice = Some(match &self.view.day_search {
                Some(s) => format!("no match for {}", s.query),
                None => "no search: / to search".into(),
            });
            return;
        }
        self.view.hit = if next < 0 {
            self.view.notice = Some("search wrapped to the bottom".into());
            count - 1
        } else {
            self.view.notice = Some("search wrapped to the top".into());
            0
        };
        self.reveal_hit();
    }

    /// Whether the day's search is the search across the archive's query, whose results
    /// `n` and `N` follow.
    fn follows_archive_search(&self) -> bool {
        let (Some(day), Some(archive)) = (&self.view.day_search, &self.archive_search) else {
            return false;
        };
        day.query == archive.query.text && day.regex == archive.query.regex
    }

    /// On to the day of the next (`1`) or previous (`-1`) result of the search across the
    /// archive, at its first (last) hit, saying where; at the list's end, saying so.
    fn step_found_day(&mut self, step: isize) {
        let next = self
            .archive_search
            .as_ref()
            .and_then(|s| s.next_day(&self.archive, self.view.day, step));
        let Some(day) = next else {
            let end = if step > 0 { "last" } else { "first" };
            self.view.notice = Some(format!("{end} match: the end of the results"));
            return;
        };
        let group = self.view.group;
        self.open_day_anywhere(day);
        let last = self.derived.hits.len().saturating_sub(1);
        self.view.hit = if step > 0 { 0 } else { last };
        self.reveal_hit();
        let date = self.day().date;
        let which = if step > 0 { "next" } else { "previous" };
        self.view.notice = Some(if self.view.group == group {
            format!("{date}: {which} match")
        } else {
            let name = &self.archive.group(self.view.group).name;
            format!("{name} {date}: {which} match, in another group")
        });
    }

    /// The first hit at or below the top of the pane becomes current, and is revealed.
    pub(super) fn follow_first_hit(&mut self) {
        let from = self.view.scroll.pos;
        self.view.hit = self
            .derived
            .hits
            .iter()
            .position(|h| h.pos >= from)
            .unwrap_or(0);
        self.reveal_hit();
    }

    pub(super) fn reveal_hit(&mut self) {
        let Some(hit) = self.derived.hits.get(self.view.hit) else {
            return;
        };
        let (pos, row) = (hit.pos, self.hit_row(hit));
        self.reveal(pos, row);
    }

    /// The row within its message where a hit is (0 is the header).
    fn hit_row(&self, hit: &Hit) -> usize {
        if hit.in_name {
            return 0;
        }
        let layout = self.layout(hit.pos, self.text_width());
        1 + layout
            .rows
            .iter()
            .position(|r| hit.range.start < r.end.max(r.start + 1))
            .unwrap_or(0)
    }
}
