//! The reader's state as data: what the reader chose ([`View`]) and what follows from it
//! ([`Derived`]). No behaviour here: `update` and its parts change it.

use std::cell::RefCell;

use ratatui::layout::Size;
use rustc_hash::FxHashMap;

use super::hits::{DaySearch, Hit, TextFilter};
use crate::filter::SpeakerFilter;
use crate::model::{GroupId, SpeakerId};
use crate::rows::RowCache;

/// Which pane keys go to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Days,
    Messages,
}

/// The top of the message pane: a shown message and how many of its rows are scrolled off.
/// Independent of the width, so a resize keeps the same message at the top.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Anchor {
    /// Index into `Derived::shown`.
    pub pos: usize,
    pub row: usize,
}

/// What the reader chose; nothing derivable.
#[derive(Clone, Debug)]
pub struct View {
    pub group: GroupId,
    /// Index in `Archive::days` of the open day (always within `group`).
    pub day: usize,
    pub scroll: Anchor,
    pub focus: Focus,
    /// Only these speakers' messages are shown.
    pub filter: Option<SpeakerFilter>,
    /// Echoes are left out, their names shown beside the message they repeat.
    pub fold: bool,
    /// Filters by text (`&`), each narrowing what the others leave.
    pub text_filters: Vec<TextFilter>,
    /// The search in the open day (`/`), whose hits `n`/`N` step through.
    pub day_search: Option<DaySearch>,
    /// The last search submitted, which an empty `/` or an `n` after Esc brings back.
    pub last_day_search: Option<DaySearch>,
    /// Index of the current hit in `Derived::hits`.
    pub hit: usize,
    /// A one-off message for the status line, cleared by the next key.
    pub notice: Option<String>,
    /// The message `v` selected (index into `Derived::shown`), which `o` and `y` act on.
    pub selected: Option<usize>,
    /// The terminal's size when last drawn.
    pub size: Size,
    /// First row of the day list (keeps the open day in view).
    pub days_top: usize,
    pub quit: bool,
}

/// What the derived state depends on: the day, the filter, folding, and the day search's
/// query (and whether it is a regular expression).
pub(super) type DerivedKey = (
    usize,
    Option<SpeakerFilter>,
    bool,
    Option<(String, bool)>,
    Vec<(String, bool)>,
);

/// What follows from the view: recomputed when its key (day, filter, query) changes.
#[derive(Clone, Debug, Default)]
pub struct Derived {
    pub(super) key: Option<DerivedKey>,
    /// Indices of the open day's messages that pass the filter (and folding).
    pub shown: Vec<usize>,
    /// With folding, the other names a shown message was also posted under, by message.
    pub also: FxHashMap<usize, Vec<SpeakerId>>,
    pub hits: Vec<Hit>,
    /// Wrapped rows of the open day's messages; filled as they are laid out.
    pub(super) rows: RefCell<RowCache>,
    /// Messages each day of the open group shows under the filter and folding.
    pub day_counts: Vec<usize>,
    /// What `day_counts` were counted for: the group, the filter, folding.
    pub(super) counts_key: Option<(GroupId, Option<SpeakerFilter>, bool)>,
}

/// How far the whole archive's load has got while the reader shows its first day alone.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Loading {
    /// Day files parsed.
    pub parsed: usize,
    /// Day files in all; 0 until the walk has counted them.
    pub files: usize,
}

impl Loading {
    /// `loading 1,234/3,650 days`, or `loading the archive` before the files are counted.
    pub fn say(&self) -> String {
        if self.files == 0 {
            return "loading the archive".to_owned();
        }
        let n = |n: usize| crate::text::thousands(n);
        format!("loading {}/{} days", n(self.parsed), n(self.files))
    }

    /// Whether `notice` is one of [`Loading::say`]'s: it is over once the archive is in.
    pub fn said(notice: &str) -> bool {
        notice.starts_with("loading ")
    }
}
