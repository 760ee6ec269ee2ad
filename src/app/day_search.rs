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

    /// Search as typed: the view follows the first hit from where the prompt opened.
    pub(super) fn search_as_typed(&mut self, query: &str) {
        self.set_day_search(DaySearch::typed(query));
        self.follow_first_hit();
    }

    /// Moves to the next (`1`) or previous (`-1`) hit, wrapping around with a notice.
    pub(super) fn step_hit(&mut self, step: isize) {
        let count = self.derived.hits.len();
        let next = self.view.hit as isize + step;
        let past_the_day = count == 0 || next < 0 || next as usize >= count;
        if past_the_day && self.step_found_day(step) {
            return;
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
        } else if next as usize >= count {
            self.view.notice = Some("search wrapped to the top".into());
            0
        } else {
            next as usize
        };
        self.reveal_hit();
    }

    /// Past the day's first or last hit, `n`/`N` go on to the previous or next day the
    /// search across the archive found the same query in. False when there is none.
    fn step_found_day(&mut self, step: isize) -> bool {
        let Some(search) = &self.archive_search else {
            return false;
        };
        let same_query = self
            .view
            .day_search
            .as_ref()
            .is_some_and(|s| s.query == search.query.text && s.regex == search.query.regex);
        let Some(day) = search
            .neighbour_day(self.view.day, step)
            .filter(|_| same_query)
        else {
            return false;
        };
        self.open_day_anywhere(day);
        let last = self.derived.hits.len().saturating_sub(1);
        self.view.hit = if step > 0 { 0 } else { last };
        self.reveal_hit();
        let date = self.day().date;
        self.view.notice = Some(format!(
            "{date}: the {} day with a match",
            if step > 0 { "next" } else { "previous" }
        ));
        true
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
