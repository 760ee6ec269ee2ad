//! The reader's state: what the reader chose ([`View`]), what follows from it ([`Derived`]),
//! and [`App::update`], the only place state changes. Input arrives as an [`Action`]; what
//! the world must do arrives at the terminal side as an [`Effect`](crate::action::Effect).
//!
//! The parts of `update` live beside it by what they do: scrolling, moving between days,
//! the search in the day, the `:` commands, acting on a message, keeping the place, the
//! mouse; each overlay is a file of its own under `overlay/`.

use std::sync::Arc;

use chrono::{NaiveDate, NaiveTime};
use crossterm::event::Event;
use ratatui::layout::{Position, Rect, Size};

use crate::action::{Action, Effect, Shared};
use crate::archive_search::{ArchiveQuery, ArchiveSearch};
use crate::config::Settings;
use crate::filter::SpeakerFilter;
use crate::history::History;
use crate::keymap::{Context, Keymap};
use crate::layout::Panes;
use crate::model::{Archive, Day, GroupId, Message};

mod act;
mod archive_search;
pub mod command;
mod day_search;
mod days;
mod derived;
mod export;
pub mod hits;
pub mod line;
mod mouse;
pub mod overlay;
mod place;
pub mod reader;
mod scroll;
pub mod state;

pub use hits::{DaySearch, Hit};
pub use overlay::Overlay;
use overlay::layer::Next;
use overlay::{activity, calendar, groups, help, prompt, speakers};
use reader::Reader;
pub use state::{Anchor, Derived, Focus, Loading, View};

/// Lines one wheel notch scrolls.
const WHEEL_LINES: isize = 3;

/// The reader: the archive, the view, and what follows from the view.
pub struct App {
    pub archive: Arc<Archive>,
    pub view: View,
    pub derived: Derived,
    /// The last search across the archive, running or done; `n`/`N` follow it across days.
    pub archive_search: Option<ArchiveSearch>,
    /// What covers the panes, if anything.
    pub overlay: Option<Overlay>,
    /// What the last updates asked of the outside world, oldest first.
    pub effects: Vec<Effect>,
    /// From the config: fixed while the reader runs.
    pub settings: Settings,
    /// What was typed at the prompts; the terminal side loads and keeps it.
    pub history: History,
    /// Set while the archive holds only the first day and the whole one is loading.
    pub loading: Option<Loading>,
    /// Input that needs the whole archive, and all input after it, kept in order until the
    /// whole archive is in: as events, for a key means what it means where it runs.
    pub deferred: Vec<Event>,
}

impl App {
    /// Opens the archive's first group on its latest day.
    pub fn new(archive: Arc<Archive>, size: Size) -> App {
        App::with_settings(archive, size, Settings::default())
    }

    /// [`App::new`] with the config's settings.
    pub fn with_settings(archive: Arc<Archive>, size: Size, settings: Settings) -> App {
        let day = archive
            .groups
            .first()
            .map_or(0, |g| g.days.end.saturating_sub(1));
        let view = View {
            group: GroupId(0),
            day,
            scroll: Anchor::default(),
            focus: Focus::Messages,
            filter: None,
            fold: true,
            text_filters: Vec::new(),
            day_search: None,
            last_day_search: None,
            hit: 0,
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
            archive_search: None,
            overlay: None,
            effects: Vec::new(),
            settings,
            history: History::default(),
            loading: None,
            deferred: Vec::new(),
        };
        app.refresh();
        app.keep_day_in_view();
        app
    }

    pub fn day(&self) -> &Day {
        &self.archive.days[self.view.day]
    }

    /// The keymap contexts live in this view, most specific first.
    pub fn contexts(&self) -> &'static [Context] {
        match (&self.overlay, self.view.focus) {
            (Some(overlay), _) => overlay.contexts(),
            (None, Focus::Messages) => &[Context::Messages, Context::Panes, Context::Always],
            (None, Focus::Days) => &[Context::Days, Context::Panes, Context::Always],
        }
    }

    /// What an input event asks for here, through the keymap in force.
    pub fn action_for(&self, event: &Event) -> Option<Action> {
        self.settings.keymap.action_for(self.contexts(), event)
    }

    /// An input event, as the event loop gets it: through the keymap into [`App::update`].
    /// While the whole archive loads, input that needs it waits for it, with all after it.
    pub fn input(&mut self, event: &Event) {
        let Some(action) = self.action_for(event) else {
            return;
        };
        if self.loading.is_some() && self.waits_for_whole(&action) {
            return self.defer(event, action);
        }
        self.update(action);
    }

    /// The one place state changes.
    pub fn update(&mut self, action: Action) {
        if !matches!(
            action,
            Action::Resize(_)
                | Action::Wheel(..)
                | Action::Tick
                | Action::Reload(..)
                | Action::Loading(..)
                | Action::Loaded(..)
        ) {
            self.view.notice = None;
        }
        // An open overlay takes all other input, the pointer's included: its keys come from
        // its own keymap context, and nothing reaches the panes beneath it.
        if self.overlay.is_some() && !action.is_global() {
            return self.overlay_input(action);
        }
        match action {
            Action::ScrollLines(n) if self.view.selected.is_some() => self.move_selection(n),
            Action::ScrollLines(n) => self.read_on(n),
            Action::ScrollHalfPage(dir) => {
                self.read_on(dir * (self.page_height() as isize / 2).max(1))
            }
            Action::ScrollPage(dir) => self.read_on(dir * (self.page_height() as isize - 1).max(1)),
            Action::Top => self.view.scroll = Anchor::default(),
            Action::Bottom => self.view.scroll = self.bottom_anchor(),
            Action::NextDay => {
                self.step_day(1);
            }
            Action::PrevDay => {
                self.step_day(-1);
            }
            Action::FirstDay => self.open_day_in_group(0),
            Action::LastDay => self.open_day_in_group(usize::MAX),
            Action::FocusNext => self.toggle_focus(),
            Action::OpenDaySearch => self.open_prompt(prompt::PromptKind::DaySearch),
            Action::OpenCommand => self.open_prompt(prompt::PromptKind::Command),
            Action::OpenArchiveSearch => self.open_prompt(prompt::PromptKind::ArchiveSearch),
            Action::OpenTextFilter => self.open_prompt(prompt::PromptKind::TextFilter),
            Action::Tick => {
                if let Some(search) = &mut self.archive_search {
                    search.poll();
                }
            }
            Action::NextHit => self.step_hit(1),
            Action::PrevHit => self.step_hit(-1),
            Action::Clear => {
                self.view.selected = None;
                self.set_day_search(None);
            }
            Action::Select => self.toggle_selection(),
            Action::OpenLink => self.open_link(),
            Action::Copy => self.copy(),
            Action::Reload(Shared(archive), problems) => self.reload(archive, problems),
            Action::Loading(parsed, files) => self.loading = Some(Loading { parsed, files }),
            Action::Loaded(Shared(archive), problems) => self.take_whole(archive, problems),
            Action::Say(text) => self.view.notice = Some(text),
            Action::Restore(place) => self.restore(&place),
            Action::OpenSpeakers => self.open(Overlay::Speakers(speakers::open(self))),
            Action::ClearFilter => self.set_filter(None),
            Action::ToggleFold => self.toggle_fold(),
            Action::OpenCalendar => self.open(Overlay::Calendar(calendar::open(self))),
            Action::OpenActivity => self.open(Overlay::Activity(activity::open(self))),
            Action::OpenGroups => self.open(Overlay::Groups(groups::open(self))),
            Action::ToggleHelp => self.open(Overlay::Help(help::Help::default())),
            // Only overlays take these.
            Action::Type(_)
            | Action::Backspace
            | Action::DeleteForward
            | Action::DeleteWord
            | Action::DeleteToStart
            | Action::CursorLeft
            | Action::CursorRight
            | Action::LineStart
            | Action::LineEnd
            | Action::Submit
            | Action::Cancel
            | Action::CursorUp
            | Action::CursorDown
            | Action::Toggle
            | Action::ToggleScope
            | Action::ResultsOption(_)
            | Action::MoveCalendar(_) => {}
            Action::Resize(size) => {
                self.view.size = size;
                if self.panes().days.is_none() {
                    // Keys must not go to a list that is not there.
                    self.view.focus = Focus::Messages;
                }
                self.clamp_scroll();
                self.keep_day_in_view();
            }
            Action::Wheel(at, lines) => self.wheel(at, lines),
            Action::Click(at) => self.click(at),
            Action::Suspend => self.effects.push(Effect::Suspend),
            Action::Quit => self.view.quit = true,
        }
    }

    fn open(&mut self, overlay: Overlay) {
        self.overlay = Some(overlay);
    }

    fn open_prompt(&mut self, kind: prompt::PromptKind) {
        self.open(Overlay::Prompt(prompt::open(self, kind)));
    }

    /// Input while an overlay is open. The wheel scrolls an overlay's own lines, as j/k
    /// do; an overlay with none ignores it, and every click.
    fn overlay_input(&mut self, action: Action) {
        let Some(mut overlay) = self.overlay.take() else {
            return;
        };
        let action = match action {
            Action::Wheel(_, lines) => Action::ScrollLines(lines * WHEEL_LINES),
            Action::Click(_) => return self.open(overlay),
            action => action,
        };
        let next = overlay.layer().input(self, action);
        if next == Next::Stay && self.overlay.is_none() {
            self.open(overlay);
        }
    }

    /// The open overlay on a new load of the archive, `old` the one it was opened on.
    fn reload_overlay(&mut self, old: &Archive) {
        let Some(mut overlay) = self.overlay.take() else {
            return;
        };
        if overlay.layer().reload(self, old) == Next::Stay {
            self.open(overlay);
        }
    }

    /// The panes at the terminal's size.
    pub fn panes(&self) -> Panes {
        self.panes_in(Rect::from((Position::ORIGIN, self.view.size)))
    }

    /// The panes in `area` with this reader's day list width.
    pub fn panes_in(&self, area: Rect) -> Panes {
        Panes::new(area, self.settings.day_list_width)
    }

    /// A message's time as the config wants it shown (a format the config accepted always
    /// formats a time; the plain form stands in should one not).
    pub fn time_of(&self, msg: &Message) -> String {
        use std::fmt::Write;
        let mut shown = String::new();
        let formatted = NaiveTime::from_num_seconds_from_midnight_opt(msg.time.0, 0)
            .is_some_and(|t| write!(shown, "{}", t.format(&self.settings.time_format)).is_ok());
        if formatted {
            shown
        } else {
            msg.time.to_string()
        }
    }

    /// Whether something runs in the background that the screen should follow.
    pub fn busy(&self) -> bool {
        self.archive_search
            .as_ref()
            .is_some_and(ArchiveSearch::searching)
    }

    /// Tab: the other pane, when there is one to go to (a narrow terminal hides the list).
    fn toggle_focus(&mut self) {
        self.view.focus = match self.view.focus {
            Focus::Messages if self.panes().days.is_none() => {
                self.view.notice = Some("no day list at this width: [ and ] change the day".into());
                Focus::Messages
            }
            Focus::Days => Focus::Messages,
            Focus::Messages => Focus::Days,
        };
    }
}

impl Reader for App {
    fn archive(&self) -> &Arc<Archive> {
        &self.archive
    }

    fn view(&self) -> &View {
        &self.view
    }

    fn derived(&self) -> &Derived {
        &self.derived
    }

    fn keymap(&self) -> &Keymap {
        &self.settings.keymap
    }

    fn history(&self) -> &History {
        &self.history
    }

    fn history_mut(&mut self) -> &mut History {
        &mut self.history
    }

    fn page_height(&self) -> usize {
        App::page_height(self)
    }

    fn say(&mut self, notice: String) {
        self.view.notice = Some(notice);
    }

    fn whole(&mut self) -> bool {
        App::whole(self)
    }

    fn quit(&mut self) {
        self.view.quit = true;
    }

    fn set_scroll(&mut self, top: Anchor) {
        self.view.scroll = top;
    }

    fn archive_search(&mut self) -> Option<&mut ArchiveSearch> {
        self.archive_search.as_mut()
    }

    fn switch_group(&mut self, group: GroupId) {
        App::switch_group(self, group);
    }

    fn set_filter(&mut self, filter: Option<SpeakerFilter>) {
        App::set_filter(self, filter);
    }

    fn toggle_fold(&mut self) {
        App::toggle_fold(self);
    }

    fn filter_text(&mut self, typed: &str) {
        App::filter_text(self, typed);
    }

    fn open_date(&mut self, date: NaiveDate) {
        App::open_date(self, date);
    }

    fn goto(&mut self, typed: &str) {
        App::goto(self, typed);
    }

    fn open_day_in_group(&mut self, i: usize) {
        App::open_day_in_group(self, i);
    }

    fn search_archive(&mut self, text: &str) {
        App::search_archive(self, text);
    }

    fn start_archive_search(&mut self, query: ArchiveQuery) {
        App::start_archive_search(self, query);
    }

    fn open_found(&mut self) -> bool {
        App::open_found(self)
    }

    fn set_day_search(&mut self, search: Option<DaySearch>) {
        App::set_day_search(self, search);
    }

    fn search_as_typed(&mut self, typed: &str) {
        App::search_as_typed(self, typed);
    }

    fn remember_day_search(&mut self) {
        App::remember_day_search(self);
    }

    fn repeat_day_search(&mut self) {
        App::repeat_day_search(self);
    }

    fn export(&mut self, typed: &str, overwrite: bool) {
        App::export(self, typed, overwrite);
    }

    fn open_results_command(&mut self) {
        self.open(Overlay::Prompt(prompt::over_results(self)));
    }

    fn export_results(&mut self, file: &str, overwrite: bool) {
        App::export_results(self, file, overwrite);
    }

    fn open_url(&mut self, url: String) {
        App::open_url(self, url);
    }

    fn copy_text(&mut self, text: String) {
        self.effects.push(Effect::Copy(text));
    }

    fn same_group(&self, old: &Archive, group: GroupId) -> GroupId {
        App::same_group(self, old, group)
    }
}
