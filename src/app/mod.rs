//! The reader's state: what the reader chose ([`View`]), what follows from it ([`Derived`]),
//! and [`App::update`], the only place state changes. Input arrives as an [`Action`]; what
//! the world must do arrives at the terminal side as an [`Effect`](crate::action::Effect).
//!
//! The parts of `update` live beside it by what they do: scrolling, moving between days,
//! the search in the day, the `:` commands, acting on a message, keeping the place, the
//! mouse; each overlay is a file of its own under `overlay/`.

use std::sync::Arc;

use chrono::NaiveTime;
use crossterm::event::Event;
use ratatui::layout::{Position, Rect, Size};

use crate::action::{Action, Effect, Shared};
use crate::archive_search::ArchiveSearch;
use crate::config::Settings;
use crate::filter::SpeakerFilter;
use crate::keymap::Context;
use crate::layout::Panes;
use crate::model::{Archive, Day, GroupId, Message};

mod act;
pub mod command;
mod day_search;
mod days;
mod derived;
mod mouse;
pub mod overlay;
mod place;
mod scroll;

pub use day_search::{DaySearch, Hit};
pub use derived::Derived;
pub use overlay::Overlay;
pub use scroll::Anchor;

/// Which pane keys go to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Days,
    Messages,
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
    /// The search in the open day (`/`), whose hits `n`/`N` step through.
    pub day_search: Option<DaySearch>,
    /// Index of the current hit in `Derived::hits`.
    pub hit: usize,
    /// What covers the panes, if anything.
    pub overlay: Option<Overlay>,
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

/// The reader: the archive, the view, and what follows from the view.
pub struct App {
    pub archive: Arc<Archive>,
    pub view: View,
    pub derived: Derived,
    /// The last search across the archive, running or done; `n`/`N` follow it across days.
    pub archive_search: Option<ArchiveSearch>,
    /// What the last updates asked of the outside world, oldest first.
    pub effects: Vec<Effect>,
    /// From the config: fixed while the reader runs.
    pub settings: Settings,
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
            day_search: None,
            hit: 0,
            overlay: None,
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

    /// The keymap contexts live in this view, most specific first.
    pub fn contexts(&self) -> &'static [Context] {
        match (&self.view.overlay, self.view.focus) {
            (Some(overlay), _) => overlay.contexts(),
            (None, Focus::Messages) => &[Context::Messages, Context::Panes, Context::Always],
            (None, Focus::Days) => &[Context::Days, Context::Panes, Context::Always],
        }
    }

    /// What an input event asks for here, through the keymap in force.
    pub fn action_for(&self, event: &Event) -> Option<Action> {
        self.settings.keymap.action_for(self.contexts(), event)
    }

    /// The one place state changes.
    pub fn update(&mut self, action: Action) {
        if !matches!(
            action,
            Action::Resize(_) | Action::Wheel(..) | Action::Tick | Action::Reload(_)
        ) {
            self.view.notice = None;
        }
        // An open overlay takes all other input, the pointer's included: its keys come from
        // its own keymap context, and nothing reaches the panes beneath it.
        if self.view.overlay.is_some() && !action.is_global() {
            return overlay::input(self, action);
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
            Action::OpenDaySearch => self.open(overlay::prompt::day_search(self)),
            Action::OpenCommand => self.open(overlay::prompt::command(self)),
            Action::OpenArchiveSearch => self.open(overlay::prompt::archive_search(self)),
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
            Action::Reload(Shared(archive)) => self.reload(archive),
            Action::Say(text) => self.view.notice = Some(text),
            Action::Restore(place) => self.restore(&place),
            Action::OpenSpeakers => self.open(overlay::speakers::open(self)),
            Action::ClearFilter => self.set_filter(None),
            Action::OpenCalendar => self.open(overlay::calendar::open(self)),
            Action::OpenActivity => self.open(overlay::activity::open(self)),
            Action::OpenGroups => self.open(overlay::groups::open(self)),
            Action::ToggleHelp => self.open(Overlay::Help(overlay::help::Help::default())),
            // Only overlays take these.
            Action::Type(_)
            | Action::Backspace
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
                self.clamp_scroll();
                self.keep_day_in_view();
            }
            Action::Wheel(at, lines) => self.wheel(at, lines),
            Action::Click(at) => self.click(at),
            Action::Quit => self.view.quit = true,
        }
    }

    fn open(&mut self, overlay: Overlay) {
        self.view.overlay = Some(overlay);
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

    fn toggle_focus(&mut self) {
        self.view.focus = match self.view.focus {
            Focus::Days => Focus::Messages,
            Focus::Messages => Focus::Days,
        };
    }
}
