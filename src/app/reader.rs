//! What overlays and `:` commands may ask of the reader beneath them: a narrow face of the
//! app, so that they never depend on `App` itself (which holds them) and the layers stay
//! one-way.

use std::sync::Arc;

use chrono::NaiveDate;

use super::hits::DaySearch;
use super::state::{Anchor, Derived, View};
use crate::archive_search::{ArchiveQuery, ArchiveSearch};
use crate::filter::SpeakerFilter;
use crate::history::History;
use crate::keymap::Keymap;
use crate::model::{Archive, GroupId};

pub trait Reader {
    fn archive(&self) -> &Arc<Archive>;
    fn view(&self) -> &View;
    fn derived(&self) -> &Derived;
    fn keymap(&self) -> &Keymap;
    /// What was typed at the prompts, kept across runs.
    fn history(&self) -> &History;
    fn history_mut(&mut self) -> &mut History;
    /// Rows of the message pane.
    fn page_height(&self) -> usize;
    /// Puts a notice on the status line.
    fn say(&mut self, notice: String);
    /// Whether the whole archive is in (else it says how far its load has got).
    fn whole(&mut self) -> bool;
    fn quit(&mut self);
    fn set_scroll(&mut self, top: Anchor);
    /// The last search across the archive, if any.
    fn archive_search(&mut self) -> Option<&mut ArchiveSearch>;
    /// Opens another group on the same date, or its nearest later day, saying so.
    fn switch_group(&mut self, group: GroupId);
    fn set_filter(&mut self, filter: Option<SpeakerFilter>);
    /// Folds echoes, or shows every copy.
    fn toggle_fold(&mut self);
    /// Adds a filter by text (`TEXT` keeps, `!TEXT` hides); nothing typed clears them.
    fn filter_text(&mut self, typed: &str);
    /// Opens the group's day on `date`, or says which later day it shows instead.
    fn open_date(&mut self, date: NaiveDate);
    /// Goes to a date as typed at `:` (`2018-03-26`, `2018-03`, `03-26`, `2018`).
    fn goto(&mut self, typed: &str);
    /// Opens the `i`th day of the group (clamped: `usize::MAX` is the last).
    fn open_day_in_group(&mut self, i: usize);
    /// Searches every day for `text` (empty: shows the last results again).
    fn search_archive(&mut self, text: &str);
    /// Starts `query` in the open group under the speaker filter, and shows its results.
    fn start_archive_search(&mut self, query: ArchiveQuery);
    /// Opens the selected result's day at its message; false when there is none.
    fn open_found(&mut self) -> bool;
    fn set_day_search(&mut self, search: Option<DaySearch>);
    /// Searches the day for what is typed so far, following the first hit.
    fn search_as_typed(&mut self, typed: &str);
    /// Keeps the day's search as the one an empty `/` or `n` brings back.
    fn remember_day_search(&mut self);
    /// Brings back the last search submitted, at its first hit from the top of the pane.
    fn repeat_day_search(&mut self);
    /// Asks for `url` to be opened, saying so.
    fn open_url(&mut self, url: String);
    /// Asks for `text` to be copied.
    fn copy_text(&mut self, text: String);
    /// Asks for the shown messages of the day, or with dates after the file those of the
    /// days in them, to be written to a file (`FILE [DATES]`).
    fn export(&mut self, typed: &str, overwrite: bool);
    /// Opens a `:` prompt over the results of the search across the archive.
    fn open_results_command(&mut self);
    /// Asks for the results of the search across the archive to be written to `file`.
    fn export_results(&mut self, file: &str, overwrite: bool);
    /// `group` of `old` in the open archive, by folder; the open group when it is gone.
    fn same_group(&self, old: &Archive, group: GroupId) -> GroupId;
}
