//! The reader's state: what the reader chose ([`View`]), what follows from it ([`Derived`]),
//! the [`Action`]s input becomes, and [`App::update`], the only place state changes.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use chrono::{Datelike, NaiveDate, NaiveTime};
use ratatui::layout::{Position, Rect, Size};

use crate::activity::{Span, per_speaker};
use crate::activity_view::Activity;
use crate::calendar::{Calendar, Step};
use crate::config::Settings;
use crate::export;
use crate::find::Find;
use crate::model::{Archive, Day, GroupId, Kind, Message, SpeakerId};
use crate::rows::{self, MessageRows, RowCache};
use crate::search::{self, Matcher};
use crate::state::Place;

mod act;
mod find;
mod place;
use crate::ui::Panes;

/// Which pane keys go to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Days,
    Messages,
}

/// What a prompt on the status line is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptKind {
    /// `/`: incremental search in the day.
    Search,
    /// `:`: a date or a command.
    Command,
    /// `F`: search every day.
    Find,
}

impl PromptKind {
    /// What the prompt shows before the typed text.
    pub fn sigil(self) -> &'static str {
        match self {
            PromptKind::Search => "/",
            PromptKind::Command => ":",
            PromptKind::Find => "find in all days: ",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: String,
    /// Where the pane was when the prompt opened, to go back on Esc.
    saved: Anchor,
}

/// The speaker picker: choices pending until Enter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picker {
    /// Narrows the list to names containing it (case-insensitive).
    pub query: String,
    /// Counts over the whole group rather than the day.
    pub whole_group: bool,
    /// The speakers of the day (or group) with their counts, most first: counted when the
    /// picker opens or Tab switches, not on each key.
    pub counts: Vec<(SpeakerId, usize)>,
    pub chosen: BTreeSet<SpeakerId>,
    pub cursor: usize,
}

/// What covers the panes, if anything.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Overlay {
    None,
    /// The key help, scrolled down this many lines.
    Help(usize),
    Prompt(Prompt),
    Speakers(Picker),
    Groups {
        cursor: usize,
    },
    /// The results of the archive-wide search ([`App::find`]).
    Results,
    /// `C`: a month view of the group.
    Calendar(Calendar),
    /// `i`: messages per day, per hour and per speaker (boxed: it holds its figures).
    Activity(Box<Activity>),
}

/// The top of the message pane: a shown message and how many of its rows are scrolled off.
/// Independent of the width, so a resize keeps the same message at the top.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Anchor {
    /// Index into `Derived::shown`.
    pub pos: usize,
    pub row: usize,
}

/// An in-day search: the query as typed and its compiled form.
#[derive(Clone, Debug)]
pub struct Search {
    pub query: String,
    /// The query is a regular expression (searches opened from archive-wide results).
    pub regex: bool,
    pub matcher: Matcher,
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
    pub filter: Option<BTreeSet<SpeakerId>>,
    pub search: Option<Search>,
    /// Index of the current hit in `Derived::hits`.
    pub hit: usize,
    pub overlay: Overlay,
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

/// Where a search hit is in a shown message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Index into `Derived::shown`.
    pub pos: usize,
    /// In the speaker name (header row) rather than the shown body.
    pub in_name: bool,
    pub range: Range<usize>,
}

/// What the derived state depends on: the day, the filter, and the query (and whether it
/// is a regular expression).
type DerivedKey = (usize, Option<BTreeSet<SpeakerId>>, Option<(String, bool)>);

/// What follows from the view: recomputed when its key (day, filter, query) changes.
#[derive(Clone, Debug, Default)]
pub struct Derived {
    key: Option<DerivedKey>,
    /// Indices of the open day's messages that pass the filter.
    pub shown: Vec<usize>,
    pub hits: Vec<Hit>,
    /// Wrapped rows of the open day's messages; filled as they are laid out.
    rows: RefCell<RowCache>,
}

/// Everything input can ask for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    ScrollLines(isize),
    ScrollHalfPage(isize),
    ScrollPage(isize),
    Top,
    Bottom,
    NextDay,
    PrevDay,
    FirstDay,
    LastDay,
    FocusNext,
    OpenSearch,
    OpenCommand,
    NextHit,
    PrevHit,
    /// Esc outside prompts: clears the search and the notice.
    Clear,
    OpenSpeakers,
    ClearFilter,
    OpenGroups,
    ToggleHelp,
    /// Typing in a prompt or picker.
    Type(char),
    Backspace,
    Submit,
    Cancel,
    CursorUp,
    CursorDown,
    /// Space in the speaker picker.
    Toggle,
    /// Tab in the speaker picker and the activity view: the day or the group.
    ToggleScope,
    /// `F`: the archive-wide search prompt.
    OpenFind,
    /// In the results: search every group or only this one, regex or literal, order.
    FindToggle(FindOption),
    /// Time passed with no input: takes in background results.
    Tick,
    /// `v`: select a message (or stop selecting).
    Select,
    /// `o`: open the link or image of the selected message.
    OpenLink,
    /// `y`: copy the selected message's text.
    Copy,
    /// The archive changed on disk and was loaded again.
    Reload(Reloaded),
    /// Something the terminal side has to tell the reader (a failed reload or copy).
    Say(String),
    /// Go back to where the reader was last time.
    Restore(Place),
    OpenCalendar,
    /// Moves the calendar's cursor.
    CalendarStep(Step),
    OpenActivity,
    Resize(Size),
    /// Mouse wheel at a position, lines down (negative: up).
    Wheel(Position, isize),
    Click(Position),
    Quit,
}

/// A freshly loaded archive, compared by identity (an archive is never compared whole).
#[derive(Clone, Debug)]
pub struct Reloaded(pub Arc<Archive>);

impl PartialEq for Reloaded {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Reloaded {}

/// What `FindToggle` flips in the archive-wide search.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FindOption {
    AllGroups,
    Regex,
    NewestFirst,
}

/// Something `update` asks of the world outside the app; the terminal side carries it out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Open a URL with the system's opener.
    Open(String),
    /// Put text on the terminal's clipboard.
    Copy(String),
}

/// The reader: the archive, the view, and what follows from the view.
pub struct App {
    pub archive: Arc<Archive>,
    pub view: View,
    pub derived: Derived,
    /// The last archive-wide search, running or done; `n`/`N` follow it across days.
    pub find: Option<Find>,
    /// What the last updates asked of the outside world, oldest first.
    pub effects: Vec<Effect>,
    /// From the config: fixed while the reader runs.
    pub settings: Settings,
}

/// Lines one wheel notch scrolls.
const WHEEL_LINES: isize = 3;

/// The `:` commands as help lists them: what is typed, and what it does.
pub const COMMANDS: &[(&str, &str)] = &[
    (":DATE", "2018-03-26, 2018-03 or 03-26"),
    (":first :last", "the group's first or last day"),
    (":group NAME", "switch to another chat group"),
    (":search TEXT", "search every day of the group, as F"),
    (":export FILE", "save the day as shown (export! overwrites)"),
    (":q :quit", "quit"),
];

impl App {
    /// Opens the archive's first group on its latest day.
    pub fn new(archive: Arc<Archive>, size: Size) -> App {
        App::with_settings(archive, size, Settings::default())
    }

    /// [`App::new`] with the config's settings.
    pub fn with_settings(archive: Arc<Archive>, size: Size, settings: Settings) -> App {
        let group = GroupId(0);
        let day = archive
            .groups
            .first()
            .map_or(0, |g| g.days.end.saturating_sub(1));
        let view = View {
            group,
            day,
            scroll: Anchor::default(),
            focus: Focus::Messages,
            filter: None,
            search: None,
            hit: 0,
            overlay: Overlay::None,
            notice: None,
            selected: None,
            size,
            days_top: 0,
            quit: false,
        };
        let mut app = App {
            archive,
            view,
            derived: Derived::default(),
            find: None,
            effects: Vec::new(),
            settings,
        };
        app.refresh();
        app.keep_day_in_view();
        app
    }

    pub fn day(&self) -> &Day {
        &self.archive.days[self.view.day]
    }

    /// The one place state changes.
    pub fn update(&mut self, action: Action) {
        if !matches!(
            action,
            Action::Resize(_) | Action::Wheel(..) | Action::Tick | Action::Reload(_)
        ) {
            self.view.notice = None;
        }
        let global = matches!(
            action,
            Action::Quit
                | Action::Resize(_)
                | Action::Tick
                | Action::Reload(_)
                | Action::Say(_)
                | Action::Restore(_)
        );
        // An open overlay takes all other input, the pointer's included: its keys come from
        // its own keymap context, and nothing reaches the panes beneath it.
        if self.view.overlay != Overlay::None && !global {
            return self.overlay_input(action);
        }
        match action {
            Action::ScrollLines(n) if self.view.selected.is_some() => self.move_selection(n),
            Action::ScrollLines(n) => self.scroll_by(n),
            Action::ScrollHalfPage(dir) => {
                self.scroll_by(dir * (self.page_height() as isize / 2).max(1))
            }
            Action::ScrollPage(dir) => {
                self.scroll_by(dir * (self.page_height() as isize - 1).max(1))
            }
            Action::Top => self.view.scroll = Anchor::default(),
            Action::Bottom => self.view.scroll = self.bottom_anchor(),
            Action::NextDay => self.step_day(1),
            Action::PrevDay => self.step_day(-1),
            Action::FirstDay => self.open_day_in_group(0),
            Action::LastDay => self.open_day_in_group(usize::MAX),
            Action::FocusNext => self.toggle_focus(),
            Action::OpenSearch => self.open_prompt(PromptKind::Search),
            Action::OpenCommand => self.open_prompt(PromptKind::Command),
            Action::OpenFind => self.open_prompt(PromptKind::Find),
            Action::Tick => {
                if let Some(find) = &mut self.find {
                    find.poll();
                }
            }
            Action::NextHit => self.step_hit(1),
            Action::PrevHit => self.step_hit(-1),
            Action::Clear => {
                self.view.selected = None;
                self.set_search(None);
            }
            Action::Select => self.toggle_selection(),
            Action::OpenLink => self.open_link(),
            Action::Copy => self.copy(),
            Action::Reload(Reloaded(archive)) => self.reload(archive),
            Action::Say(text) => self.view.notice = Some(text),
            Action::Restore(place) => self.restore(&place),
            Action::OpenSpeakers => self.open_speakers(),
            Action::ClearFilter => self.set_filter(None),
            Action::OpenCalendar => self.open_calendar(),
            Action::OpenActivity => self.open_activity(),
            Action::OpenGroups => {
                self.view.overlay = Overlay::Groups {
                    cursor: self.view.group.0 as usize,
                }
            }
            Action::ToggleHelp => self.view.overlay = Overlay::Help(0),
            // Only overlays take these.
            Action::Type(_)
            | Action::Backspace
            | Action::Submit
            | Action::Cancel
            | Action::CursorUp
            | Action::CursorDown
            | Action::Toggle
            | Action::ToggleScope
            | Action::FindToggle(_)
            | Action::CalendarStep(_) => {}
            Action::Resize(size) => {
                self.view.size = size;
                self.clamp_scroll();
                self.keep_day_in_view();
            }
            Action::Wheel(at, lines) => self.wheel(at, lines),
            Action::Click(at) => self.click(at),
            Action::Quit => self.view.quit = true,
        }
    }

    // --- geometry ------------------------------------------------------------------------

    pub fn panes(&self) -> Panes {
        self.panes_in(Rect::from((Position::ORIGIN, self.view.size)))
    }

    /// The panes in `area` with this reader's day list width.
    pub fn panes_in(&self, area: Rect) -> Panes {
        Panes::new(area, self.settings.day_list_width)
    }

    /// Cells a message row may take.
    fn text_width(&self) -> usize {
        self.panes().text.width as usize
    }

    fn page_height(&self) -> usize {
        (self.panes().text.height as usize).max(1)
    }

    // --- derived state -------------------------------------------------------------------

    /// Recomputes shown messages and hits if the day, filter or query changed.
    fn refresh(&mut self) {
        let key = (
            self.view.day,
            self.view.filter.clone(),
            self.view
                .search
                .as_ref()
                .map(|s| (s.query.clone(), s.regex)),
        );
        if self.derived.key.as_ref() == Some(&key) {
            return;
        }
        let day = &self.archive.days[self.view.day];
        let shown: Vec<usize> = match &self.view.filter {
            None => (0..day.messages.len()).collect(),
            Some(f) => (0..day.messages.len())
                .filter(|&i| f.contains(&day.messages[i].speaker))
                .collect(),
        };
        let hits = match &self.view.search {
            Some(s) => find_hits(&self.archive, day, &shown, &s.matcher),
            None => Vec::new(),
        };
        self.derived = Derived {
            key: Some(key),
            shown,
            hits,
            // Rows depend on the day and width only, which the cache checks itself: a new
            // query or filter keeps them. (A reload starts a new cache.)
            rows: std::mem::take(&mut self.derived.rows),
        };
        self.view.hit = self.view.hit.min(self.derived.hits.len().saturating_sub(1));
    }

    /// The shown message at `pos` laid out for a pane `width` cells wide.
    pub fn layout(&self, pos: usize, width: usize) -> MessageRows<'_> {
        let index = self.derived.shown.get(pos).copied().unwrap_or(usize::MAX);
        self.derived
            .rows
            .borrow_mut()
            .layout(self.view.day, self.day(), index, width)
    }

    /// Rows of the shown message at `pos` at the current width.
    fn rows_of(&self, pos: usize) -> usize {
        self.layout(pos, self.text_width()).height()
    }

    // --- scrolling -----------------------------------------------------------------------

    /// Moves the top of the pane by `n` rows (negative: up), within the day.
    fn scroll_by(&mut self, n: isize) {
        let mut a = self.view.scroll;
        if n >= 0 {
            let mut left = n as usize;
            while left > 0 && a.pos < self.derived.shown.len() {
                let rest = self.rows_of(a.pos) - a.row;
                if left < rest {
                    a.row += left;
                    left = 0;
                } else {
                    left -= rest;
                    a = Anchor {
                        pos: a.pos + 1,
                        row: 0,
                    };
                }
            }
        } else {
            let mut left = n.unsigned_abs();
            while left > 0 && (a.pos > 0 || a.row > 0) {
                if left <= a.row {
                    a.row -= left;
                    left = 0;
                } else {
                    left -= a.row + 1;
                    a.pos -= 1;
                    a.row = self.rows_of(a.pos) - 1;
                }
            }
        }
        self.view.scroll = a;
        self.clamp_scroll();
    }

    /// The lowest top: the last row of the day at the bottom of the pane.
    fn bottom_anchor(&self) -> Anchor {
        let height = self.page_height();
        let mut filled = 0;
        for pos in (0..self.derived.shown.len()).rev() {
            filled += self.rows_of(pos);
            if filled >= height {
                return Anchor {
                    pos,
                    row: filled - height,
                };
            }
        }
        Anchor::default()
    }

    /// Keeps the top within the day: on a row of its message (a wider pane may have made
    /// the message shorter), and never past the bottom anchor.
    fn clamp_scroll(&mut self) {
        let rows = self.rows_of(self.view.scroll.pos);
        self.view.scroll.row = self.view.scroll.row.min(rows.saturating_sub(1));
        let bottom = self.bottom_anchor();
        if self.view.scroll > bottom {
            self.view.scroll = bottom;
        }
    }

    /// Scrolls so that row `row` of shown message `pos` is on screen, a third down when it
    /// has to move (like vim's search).
    fn reveal(&mut self, pos: usize, row: usize) {
        let target = Anchor { pos, row };
        let height = self.page_height();
        if target >= self.view.scroll && self.rows_between(self.view.scroll, target) < height {
            return;
        }
        self.view.scroll = target;
        self.scroll_by(-((height / 3) as isize));
        self.view.scroll = self.view.scroll.min(target);
        self.clamp_scroll();
    }

    /// Rows from `from` down to `to` (stops counting past a page).
    fn rows_between(&self, from: Anchor, to: Anchor) -> usize {
        let limit = self.page_height();
        let mut rows = 0;
        let mut pos = from.pos;
        let mut row = from.row;
        while pos < to.pos && rows < limit {
            rows += self.rows_of(pos) - row;
            pos += 1;
            row = 0;
        }
        rows + to.row.saturating_sub(row)
    }

    // --- days ----------------------------------------------------------------------------

    fn step_day(&mut self, step: isize) {
        let range = self.archive.group(self.view.group).days.clone();
        let i = self.view.day as isize - range.start as isize + step;
        if i < 0 {
            self.view.notice = Some("first day of the group".into());
        } else if i as usize >= range.len() {
            self.view.notice = Some("last day of the group".into());
        } else {
            self.open_day(range.start + i as usize);
        }
    }

    /// Opens the `i`th day of the group (clamped: `usize::MAX` is the last).
    fn open_day_in_group(&mut self, i: usize) {
        let range = self.archive.group(self.view.group).days.clone();
        self.open_day(range.start + i.min(range.len().saturating_sub(1)));
    }

    /// Opens a day of any group, switching to its group.
    fn open_day_anywhere(&mut self, day: usize) {
        let group = self.archive.days[day].group;
        if group != self.view.group {
            self.view.group = group;
            self.view.days_top = 0;
        }
        self.open_day(day);
    }

    /// Opens a day at its top; the filter and search stay.
    fn open_day(&mut self, day: usize) {
        self.view.selected = None;
        self.view.day = day;
        self.view.scroll = Anchor::default();
        self.view.hit = 0;
        self.refresh();
        self.keep_day_in_view();
    }

    /// Keeps the open day inside the day list's visible rows.
    fn keep_day_in_view(&mut self) {
        let Some(list) = self.panes().days else {
            return;
        };
        let height = list.height.saturating_sub(2).max(1) as usize;
        let i = self.view.day - self.archive.group(self.view.group).days.start;
        if i < self.view.days_top {
            self.view.days_top = i;
        } else if i >= self.view.days_top + height {
            self.view.days_top = i + 1 - height;
        }
    }

    /// Goes to a date typed at the `:` prompt, or the nearest later day with a log.
    fn goto(&mut self, input: &str) {
        let current = self.day().date;
        let Some((target, what)) = parse_date(input, current.year()) else {
            self.view.notice = Some(format!("not a date or command: {input}"));
            return;
        };
        let found = self.open_nearest(target);
        let matched = match what {
            DatePart::Day => found == target,
            DatePart::Month => (found.year(), found.month()) == (target.year(), target.month()),
            DatePart::Year => found.year() == target.year(),
        };
        if !matched {
            self.view.notice = Some(format!("no log for {input}: showing {found}"));
        }
    }

    // --- search --------------------------------------------------------------------------

    fn set_search(&mut self, search: Option<Search>) {
        self.view.search = search;
        self.refresh();
    }

    /// Moves to the next (`1`) or previous (`-1`) hit, wrapping around with a notice.
    fn step_hit(&mut self, step: isize) {
        let count = self.derived.hits.len();
        let next = self.view.hit as isize + step;
        let past_the_day = count == 0 || next < 0 || next as usize >= count;
        if past_the_day && self.step_found_day(step) {
            return;
        }
        if count == 0 {
            self.view.notice = Some(match &self.view.search {
                Some(s) => format!("no match for {}", s.query),
                None => "no search: / to search".into(),
            });
            return;
        }
        let next = self.view.hit as isize + step;
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
    /// archive-wide search found the same query in. False when there is none to go to.
    fn step_found_day(&mut self, step: isize) -> bool {
        let Some(find) = &self.find else {
            return false;
        };
        let same_query = self
            .view
            .search
            .as_ref()
            .is_some_and(|s| s.query == find.query.text && s.regex == find.query.regex);
        let Some(day) = find
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
    fn follow_first_hit(&mut self) {
        let from = self.view.scroll.pos;
        self.view.hit = self
            .derived
            .hits
            .iter()
            .position(|h| h.pos >= from)
            .unwrap_or(0);
        self.reveal_hit();
    }

    fn reveal_hit(&mut self) {
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

    // --- speaker filter ------------------------------------------------------------------

    fn open_speakers(&mut self) {
        let chosen = self.view.filter.clone().unwrap_or_default();
        self.view.overlay = Overlay::Speakers(Picker {
            query: String::new(),
            whole_group: false,
            counts: per_speaker(&self.archive, Span::Day(self.view.day)),
            chosen,
            cursor: 0,
        });
    }

    /// Applies a filter, keeping the message at the top (or the next one shown).
    fn set_filter(&mut self, filter: Option<BTreeSet<SpeakerId>>) {
        let top = self
            .derived
            .shown
            .get(self.view.scroll.pos)
            .copied()
            .unwrap_or(0);
        self.view.filter = filter.filter(|f| !f.is_empty());
        self.view.selected = None;
        self.refresh();
        let pos = self.derived.shown.partition_point(|&i| i < top);
        self.view.scroll = Anchor { pos, row: 0 };
        self.clamp_scroll();
    }

    /// The picker's rows: speakers with their message counts, most first, narrowed by the query.
    pub fn picker_entries(&self, picker: &Picker) -> Vec<(SpeakerId, usize)> {
        let needle = picker.query.to_lowercase();
        picker
            .counts
            .iter()
            .filter(|(id, _)| {
                needle.is_empty() || self.archive.speaker(*id).to_lowercase().contains(&needle)
            })
            .copied()
            .collect()
    }

    // --- overlays and prompts ------------------------------------------------------------

    fn open_prompt(&mut self, kind: PromptKind) {
        self.view.overlay = Overlay::Prompt(Prompt {
            kind,
            input: String::new(),
            saved: self.view.scroll,
        });
    }

    /// Input while an overlay is open. The wheel scrolls an overlay's own lines, as j/k do;
    /// an overlay with none ignores it, and every click.
    fn overlay_input(&mut self, action: Action) {
        let action = match action {
            Action::Wheel(_, lines) => Action::ScrollLines(lines * WHEEL_LINES),
            action => action,
        };
        match std::mem::replace(&mut self.view.overlay, Overlay::None) {
            Overlay::Prompt(prompt) => self.prompt_input(prompt, action),
            Overlay::Speakers(picker) => self.picker_input(picker, action),
            Overlay::Groups { cursor } => self.groups_input(cursor, action),
            Overlay::Help(top) => self.help_input(top, action),
            Overlay::Results => self.results_input(action),
            Overlay::Calendar(calendar) => self.calendar_input(calendar, action),
            Overlay::Activity(activity) => self.activity_input(activity, action),
            Overlay::None => {}
        }
    }

    fn prompt_input(&mut self, mut prompt: Prompt, action: Action) {
        match action {
            Action::Type(c) => prompt.input.push(c),
            Action::Backspace => {
                prompt.input.pop();
            }
            Action::Submit => {
                if prompt.kind == PromptKind::Command {
                    self.command(prompt.input.trim());
                } else if prompt.kind == PromptKind::Find {
                    self.find(prompt.input.trim());
                } else if self.derived.hits.is_empty() && self.view.search.is_some() {
                    self.view.notice = Some(format!("no match for {}", prompt.input));
                }
                return;
            }
            Action::Cancel => {
                if prompt.kind == PromptKind::Search {
                    self.set_search(None);
                    self.view.scroll = prompt.saved;
                }
                return;
            }
            // Nothing typed: nothing to search again.
            _ => {
                self.view.overlay = Overlay::Prompt(prompt);
                return;
            }
        }
        if prompt.kind == PromptKind::Search {
            self.view.scroll = prompt.saved;
            self.incremental_search(&prompt.input);
        }
        self.view.overlay = Overlay::Prompt(prompt);
    }

    /// Search as typed: the view follows the first hit from where the prompt opened.
    fn incremental_search(&mut self, query: &str) {
        let search = (!query.is_empty())
            .then(|| {
                Matcher::new(query, false).ok().map(|matcher| Search {
                    query: query.to_owned(),
                    regex: false,
                    matcher,
                })
            })
            .flatten();
        self.set_search(search);
        self.follow_first_hit();
    }

    /// A `:` command, one of [`COMMANDS`].
    fn command(&mut self, input: &str) {
        match input
            .split_once(' ')
            .map_or((input, ""), |(a, b)| (a, b.trim()))
        {
            ("", _) => {}
            ("first", _) => self.open_day_in_group(0),
            ("last", _) => self.open_day_in_group(usize::MAX),
            ("search" | "find", text) => self.find(text),
            ("group", name) => match self.archive.find_group(name) {
                Some(g) => self.switch_group(g),
                None => self.view.notice = Some(format!("no group {name}")),
            },
            ("q" | "quit", _) => self.view.quit = true,
            (name @ ("export" | "export!"), file) => {
                let (archive, shown) = (&self.archive, &self.derived.shown);
                let notice = export::to_file(archive, self.day(), shown, file, name == "export!");
                self.view.notice = Some(notice);
            }
            _ => self.goto(input),
        }
    }

    /// A message's time as the config wants it shown.
    pub fn time_of(&self, msg: &Message) -> String {
        NaiveTime::from_num_seconds_from_midnight_opt(msg.time.0, 0).map_or_else(
            || msg.time.to_string(),
            |t| t.format(&self.settings.time_format).to_string(),
        )
    }

    /// Whether something runs in the background that the screen should follow.
    pub fn busy(&self) -> bool {
        self.find.as_ref().is_some_and(Find::searching)
    }

    fn picker_input(&mut self, mut picker: Picker, action: Action) {
        let entries = self.picker_entries(&picker);
        match action {
            Action::Type(c) => {
                picker.query.push(c);
                picker.cursor = 0;
            }
            Action::Backspace => {
                picker.query.pop();
                picker.cursor = 0;
            }
            Action::CursorUp => picker.cursor = picker.cursor.saturating_sub(1),
            Action::CursorDown => {
                picker.cursor = (picker.cursor + 1).min(entries.len().saturating_sub(1))
            }
            Action::Toggle => {
                if let Some(&(id, _)) = entries.get(picker.cursor)
                    && !picker.chosen.remove(&id)
                {
                    picker.chosen.insert(id);
                }
            }
            Action::ToggleScope => {
                picker.whole_group = !picker.whole_group;
                let span = if picker.whole_group {
                    Span::Group(self.view.group)
                } else {
                    Span::Day(self.view.day)
                };
                picker.counts = per_speaker(&self.archive, span);
                picker.cursor = 0;
            }
            Action::Submit => {
                // Enter with nothing ticked takes the row under the cursor.
                if picker.chosen.is_empty()
                    && let Some(&(id, _)) = entries.get(picker.cursor)
                {
                    picker.chosen.insert(id);
                }
                self.set_filter(Some(picker.chosen));
                return;
            }
            Action::Cancel => return,
            _ => {}
        }
        self.view.overlay = Overlay::Speakers(picker);
    }

    fn help_input(&mut self, top: usize, action: Action) {
        let area = Rect::from((Position::ORIGIN, self.view.size));
        let (rows, last) = crate::ui::help::rows_and_last_top(area);
        let top = match action {
            Action::ScrollLines(n) => top.saturating_add_signed(n),
            Action::ScrollPage(n) => top.saturating_add_signed(n * rows as isize),
            Action::Top => 0,
            Action::Bottom => last,
            Action::ToggleHelp => return,
            _ => top,
        };
        self.view.overlay = Overlay::Help(top.min(last));
    }

    fn groups_input(&mut self, cursor: usize, action: Action) {
        let last = self.archive.groups.len().saturating_sub(1);
        let cursor = match action {
            Action::CursorUp => cursor.saturating_sub(1),
            Action::CursorDown => (cursor + 1).min(last),
            Action::Submit => return self.switch_group(GroupId(cursor as u32)),
            Action::Cancel => return,
            _ => cursor,
        };
        self.view.overlay = Overlay::Groups { cursor };
    }

    fn open_calendar(&mut self) {
        let days = self.archive.group_days(self.view.group);
        self.view.overlay = Overlay::Calendar(Calendar::new(days, self.day().date));
    }

    fn calendar_input(&mut self, mut calendar: Calendar, action: Action) {
        match action {
            Action::CalendarStep(step) => {
                let days = self.archive.group_days(self.view.group);
                self.view.notice = calendar.step(days, step).map(str::to_owned);
            }
            Action::Submit => return self.open_date(calendar.cursor),
            Action::Cancel => return,
            _ => {}
        }
        self.view.overlay = Overlay::Calendar(calendar);
    }

    /// Opens the group's day on `date`, or says which later day it shows instead.
    fn open_date(&mut self, date: NaiveDate) {
        let found = self.open_nearest(date);
        if found != date {
            self.view.notice = Some(format!("no log for {date}: showing {found}"));
        }
    }

    fn open_activity(&mut self) {
        let activity = Activity::open(&self.archive, self.view.group, self.view.day);
        self.view.overlay = Overlay::Activity(Box::new(activity));
    }

    fn activity_input(&mut self, mut activity: Box<Activity>, action: Action) {
        match action {
            Action::ToggleScope => activity.toggle_scope(&self.archive),
            Action::Cancel => return,
            _ => {}
        }
        self.view.overlay = Overlay::Activity(activity);
    }

    /// Opens another group on the same date, or its nearest later day, saying so.
    fn switch_group(&mut self, group: GroupId) {
        let date = self.day().date;
        self.view.group = group;
        self.view.days_top = 0;
        let found = self.open_nearest(date);
        if found != date {
            let name = &self.archive.group(group).name;
            self.view.notice = Some(format!("{name} has no log for {date}: showing {found}"));
        }
    }

    /// Opens the group's day on `date`, or the nearest later one, or its last; returns the
    /// date opened.
    fn open_nearest(&mut self, date: NaiveDate) -> NaiveDate {
        let days = self.archive.group_days(self.view.group);
        self.open_day_in_group(days.partition_point(|d| d.date < date));
        self.day().date
    }

    fn toggle_focus(&mut self) {
        self.view.focus = match self.view.focus {
            Focus::Days => Focus::Messages,
            Focus::Messages => Focus::Days,
        };
    }

    // --- mouse ---------------------------------------------------------------------------

    fn wheel(&mut self, at: Position, lines: isize) {
        let panes = self.panes();
        if panes.days.is_some_and(|r| r.contains(at)) {
            self.step_day(lines.signum());
        } else {
            self.scroll_by(lines * WHEEL_LINES);
        }
    }

    fn click(&mut self, at: Position) {
        let panes = self.panes();
        if let Some(list) = panes.days.filter(|r| r.contains(at)) {
            self.view.focus = Focus::Days;
            let row = at.y.saturating_sub(list.y + 1) as usize + self.view.days_top;
            if at.y > list.y && row < self.archive.group(self.view.group).days.len() {
                self.open_day_in_group(row);
            }
        } else if panes.messages.contains(at) {
            self.view.focus = Focus::Messages;
        }
    }
}

/// All hits in the shown messages: in speaker names and in shown bodies, in order. Each
/// name is searched once, and the bodies in one pass over the day's text (an image's shown
/// body is its label, searched alone): on a 100 k-message day, per-message calls were most
/// of the time of a keystroke.
fn find_hits(archive: &Archive, day: &Day, shown: &[usize], matcher: &Matcher) -> Vec<Hit> {
    let mut names: FxHashMap<SpeakerId, Vec<Range<usize>>> = FxHashMap::default();
    let in_bodies = search::body_matches(day, matcher);
    let mut next = 0; // first of `in_bodies` not yet passed
    let mut hits = Vec::new();
    for (pos, &i) in shown.iter().enumerate() {
        let msg = &day.messages[i];
        let in_name = names
            .entry(msg.speaker)
            .or_insert_with(|| matcher.find_iter(archive.speaker(msg.speaker)).collect());
        hits.extend(in_name.iter().map(|range| Hit {
            pos,
            in_name: true,
            range: range.clone(),
        }));
        // Both lists go by message: walk `in_bodies` along with `shown`.
        while in_bodies.get(next).is_some_and(|(m, _)| *m < i) {
            next += 1;
        }
        let first = next;
        while in_bodies.get(next).is_some_and(|(m, _)| *m == i) {
            next += 1;
        }
        let body_hit = |range| Hit {
            pos,
            in_name: false,
            range,
        };
        if msg.kind == Kind::Image {
            hits.extend(matcher.find_iter(&rows::shown_body(day, msg)).map(body_hit));
        } else {
            hits.extend(
                in_bodies[first..next]
                    .iter()
                    .map(|(_, r)| body_hit(r.clone())),
            );
        }
    }
    hits
}

/// How much of a typed date was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DatePart {
    Day,
    Month,
    Year,
}

/// `2018-03-26`, `2018-03` (its first day), `2018`, or `03-26` (in `year`).
fn parse_date(input: &str, year: i32) -> Option<(NaiveDate, DatePart)> {
    let parts: Vec<&str> = input.trim().split(['-', '/', '.']).collect();
    let num = |s: &str| s.parse::<u32>().ok();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => Some((
            NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?)?,
            DatePart::Day,
        )),
        [y, m] if y.len() == 4 => Some((
            NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, 1)?,
            DatePart::Month,
        )),
        [m, d] => Some((
            NaiveDate::from_ymd_opt(year, num(m)?, num(d)?)?,
            DatePart::Day,
        )),
        [y] if y.len() == 4 => Some((
            NaiveDate::from_ymd_opt(num(y)? as i32, 1, 1)?,
            DatePart::Year,
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_forms() {
        let d = |s: &str| parse_date(s, 2018).map(|(d, p)| (d.to_string(), p));
        assert_eq!(d("2018-03-26"), Some(("2018-03-26".into(), DatePart::Day)));
        assert_eq!(d("2017-12"), Some(("2017-12-01".into(), DatePart::Month)));
        assert_eq!(d("03-26"), Some(("2018-03-26".into(), DatePart::Day)));
        assert_eq!(d("2019"), Some(("2019-01-01".into(), DatePart::Year)));
        assert_eq!(d("2018-02-30"), None);
        assert_eq!(d("hello"), None);
    }
}
