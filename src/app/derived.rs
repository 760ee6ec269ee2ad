//! Keeping [`Derived`] up to date: the messages shown under the filter, the day search's
//! hits, and the wrapped rows of the messages, recomputed only when what they depend on
//! changes.

use super::App;
use super::hits::hits_in;
use super::state::{Anchor, Derived};
use crate::filter::{self, SpeakerFilter};
use crate::rows::MessageRows;

impl App {
    /// Recomputes shown messages and hits if the day, filter or query changed.
    pub(super) fn refresh(&mut self) {
        let key = (
            self.view.day,
            self.view.filter.clone(),
            self.view
                .day_search
                .as_ref()
                .map(|s| (s.query.clone(), s.regex)),
        );
        if self.derived.key.as_ref() == Some(&key) {
            return;
        }
        let day = &self.archive.days[self.view.day];
        let shown = filter::shown(self.view.filter.as_ref(), day);
        let hits = match &self.view.day_search {
            Some(s) => hits_in(&self.archive, day, &shown, &s.matcher),
            None => Vec::new(),
        };
        self.derived = Derived {
            key: Some(key),
            shown,
            hits,
            // Rows depend on the day and width only, which the cache checks itself: a new
            // query or filter keeps them.
            rows: std::mem::take(&mut self.derived.rows),
        };
        self.view.hit = self.view.hit.min(self.derived.hits.len().saturating_sub(1));
    }

    /// Forgets everything derived (a new archive: the same day index may be another day).
    pub(super) fn forget_derived(&mut self) {
        self.derived = Derived::default();
    }

    /// The shown message at `pos` laid out for a pane `width` cells wide.
    pub fn layout(&self, pos: usize, width: usize) -> MessageRows<'_> {
        let index = self.derived.shown.get(pos).copied().unwrap_or(usize::MAX);
        self.derived
            .rows
            .borrow_mut()
            .layout(self.view.day, self.day(), index, width)
    }
}

impl App {
    /// Applies a speaker filter, keeping the message at the top (or the next one shown).
    pub(super) fn set_filter(&mut self, filter: Option<SpeakerFilter>) {
        let top = self
            .derived
            .shown
            .get(self.view.scroll.pos)
            .copied()
            .unwrap_or(0);
        self.view.filter = filter;
        self.view.selected = None;
        self.refresh();
        let pos = self.derived.shown.partition_point(|&i| i < top);
        self.view.scroll = Anchor { pos, row: 0 };
        self.clamp_scroll();
    }
}
