//! Keeping [`Derived`] up to date: the messages shown under the filter, the day search's
//! hits, and the wrapped rows of the messages, recomputed only when what they depend on
//! changes.

use super::App;
use super::hits::{TextFilter, hits_in};
use super::state::{Anchor, Derived};
use crate::filter::{self, SpeakerFilter};
use crate::model::{Day, SpeakerId};
use crate::rows::MessageRows;
use crate::text;

impl App {
    /// Recomputes shown messages and hits if the day, filter or query changed.
    pub(super) fn refresh(&mut self) {
        let key = (
            self.view.day,
            self.view.filter.clone(),
            self.view.fold,
            self.view
                .day_search
                .as_ref()
                .map(|s| (s.query.clone(), s.regex)),
            self.view
                .text_filters
                .iter()
                .map(|f| (f.query.clone(), f.hide))
                .collect(),
        );
        if self.derived.key.as_ref() == Some(&key) {
            return;
        }
        let day = &self.archive.days[self.view.day];
        let mut shown = filter::shown(self.view.filter.as_ref(), self.view.fold, day);
        for text_filter in &self.view.text_filters {
            text_filter.apply(day, &mut shown);
        }
        let hits = match &self.view.day_search {
            Some(s) => hits_in(&self.archive, day, &shown, &s.matcher),
            None => Vec::new(),
        };
        // The other names depend on the day and folding only: a filter or query keeps them.
        let same_day = self
            .derived
            .key
            .as_ref()
            .is_some_and(|k| (k.0, k.2) == (key.0, key.2));
        let also = match (self.view.fold, same_day) {
            (false, _) => Default::default(),
            (true, true) => std::mem::take(&mut self.derived.also),
            (true, false) => also_posted_as(day),
        };
        let counts_key = (self.view.group, self.view.filter.clone(), self.view.fold);
        let day_counts = if self.derived.counts_key.as_ref() == Some(&counts_key) {
            std::mem::take(&mut self.derived.day_counts)
        } else {
            self.count_days()
        };
        self.derived = Derived {
            key: Some(key),
            shown,
            also,
            hits,
            // Rows depend on the day and width only, which the cache checks itself: a new
            // query or filter keeps them.
            rows: std::mem::take(&mut self.derived.rows),
            day_counts,
            counts_key: Some(counts_key),
        };
        self.view.hit = self.view.hit.min(self.derived.hits.len().saturating_sub(1));
    }

    /// Messages each day of the open group shows under the filter and folding.
    fn count_days(&self) -> Vec<usize> {
        let (fold, filter) = (self.view.fold, self.view.filter.as_ref());
        let days = self.archive.group_days(self.view.group).iter();
        match filter {
            None => days.map(|d| d.count(fold)).collect(),
            Some(f) => days
                .map(|d| d.kept(fold).filter(|m| f.contains(m.speaker)).count())
                .collect(),
        }
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
        self.reshow(|view| view.filter = filter);
    }

    /// Adds a filter by text as typed at `&`; nothing typed clears them all.
    pub(super) fn filter_text(&mut self, typed: &str) {
        let filter = TextFilter::typed(typed);
        let cleared = filter.is_none();
        self.reshow(|view| match filter {
            Some(f) => view.text_filters.push(f),
            None => view.text_filters.clear(),
        });
        let shown = self.derived.shown.len();
        self.view.notice = Some(if cleared {
            format!("text filters cleared: {shown} messages")
        } else {
            format!(
                "{shown} {} pass the text filters",
                text::plural(shown, "message", "messages")
            )
        });
    }

    /// Folds echoes or shows every copy, keeping the message at the top.
    pub(super) fn toggle_fold(&mut self) {
        self.reshow(|view| view.fold = !view.fold);
        let echoes = self.day().echoes.len();
        self.view.notice = Some(match (self.view.fold, echoes) {
            (true, 0) => "echoes folded: this day has none".to_owned(),
            (true, n) => format!("{n} {} folded", text::plural(n, "echo", "echoes")),
            (false, _) => "every copy shown: echoes not folded".to_owned(),
        });
    }

    /// Changes what is shown with `change`, keeping the message at the top (or the next
    /// one shown).
    fn reshow(&mut self, change: impl FnOnce(&mut super::View)) {
        let top = self
            .derived
            .shown
            .get(self.view.scroll.pos)
            .copied()
            .unwrap_or(0);
        change(&mut self.view);
        self.view.selected = None;
        self.refresh();
        let pos = self.derived.shown.partition_point(|&i| i < top);
        self.view.scroll = Anchor { pos, row: 0 };
        self.clamp_scroll();
    }
}

/// The most other names shown for one message: a header is one row.
const ALSO_MAX: usize = 8;

/// For each message with echoes under other names, those names (at most [`ALSO_MAX`]),
/// each once, in order.
fn also_posted_as(day: &Day) -> rustc_hash::FxHashMap<usize, Vec<SpeakerId>> {
    let mut also: rustc_hash::FxHashMap<usize, Vec<SpeakerId>> = Default::default();
    for echo in &day.echoes {
        let of = echo.of as usize;
        let name = day.messages[echo.message as usize].speaker;
        if name != day.messages[of].speaker {
            let names = also.entry(of).or_default();
            if names.len() < ALSO_MAX && !names.contains(&name) {
                names.push(name);
            }
        }
    }
    also
}
