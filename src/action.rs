//! What input asks for ([`Action`]) and what the reader asks of the world ([`Effect`]):
//! the vocabulary between the keymap, `App::update` and the terminal side.

use std::sync::Arc;

use ratatui::layout::{Position, Size};

use crate::export::Selection;
use crate::model::Archive;
use crate::places::Place;

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
    /// `/`: the prompt of the search in the open day.
    OpenDaySearch,
    /// `:`: the prompt for a date or a command.
    OpenCommand,
    NextHit,
    PrevHit,
    /// Esc outside prompts: clears the day search, the selection and the notice.
    Clear,
    OpenSpeakers,
    ClearFilter,
    /// `e`: fold echoes, or show every copy.
    ToggleFold,
    OpenGroups,
    ToggleHelp,
    /// Typing in a prompt or picker.
    Type(char),
    Backspace,
    /// In a prompt: the character under the cursor goes.
    DeleteForward,
    /// In a prompt: Ctrl-w, the word before the cursor goes.
    DeleteWord,
    /// In a prompt: Ctrl-u, everything before the cursor goes.
    DeleteToStart,
    /// In a prompt: the cursor moves a character left or right, or to an end.
    CursorLeft,
    CursorRight,
    LineStart,
    LineEnd,
    Submit,
    Cancel,
    CursorUp,
    CursorDown,
    /// Space in the speaker picker.
    Toggle,
    /// Tab in the speaker picker and the activity view: the day or the group.
    ToggleScope,
    /// `F`: the prompt of the search across the archive.
    OpenArchiveSearch,
    /// `&`: the prompt of a filter by text.
    OpenTextFilter,
    /// In the results: search every group or only this one, regex or literal, order.
    ResultsOption(ResultsOption),
    /// Time passed with no input: takes in background results.
    Tick,
    /// `v`: select a message (or stop selecting).
    Select,
    /// `o`: open the link or image of the selected message.
    OpenLink,
    /// `y`: copy the selected message's text.
    Copy,
    /// The archive changed on disk and was loaded again, with this many problems.
    Reload(Shared, usize),
    /// How far the whole archive's load has got (day files parsed, day files in all; 0
    /// while the walk runs), while the reader shows the first day alone.
    Loading(usize, usize),
    /// The whole archive, loaded behind the first day, with this many problems.
    Loaded(Shared, usize),
    /// Something the terminal side has to tell the reader (an effect's outcome).
    Say(String),
    /// Go back to where the reader was last time.
    Restore(Place),
    OpenCalendar,
    /// Moves the calendar's cursor.
    MoveCalendar(CalendarStep),
    OpenActivity,
    Resize(Size),
    /// Mouse wheel at a position, lines down (negative: up).
    Wheel(Position, isize),
    Click(Position),
    /// Ctrl-z: hand the terminal back to the shell until `fg`.
    Suspend,
    Quit,
}

impl Action {
    /// Actions that need the whole archive: other days, other groups, everything counted
    /// over days. While only the first day is in, they wait for the rest.
    pub fn needs_whole_archive(&self) -> bool {
        matches!(
            self,
            Action::NextDay
                | Action::PrevDay
                | Action::FirstDay
                | Action::LastDay
                | Action::OpenArchiveSearch
                | Action::OpenSpeakers
                | Action::OpenCalendar
                | Action::OpenActivity
                | Action::OpenGroups
        )
    }

    /// Actions that reach the app whatever covers the panes: they come from the terminal
    /// side, not from a key meant for an overlay.
    pub fn is_global(&self) -> bool {
        matches!(
            self,
            Action::Quit
                | Action::Suspend
                | Action::Resize(_)
                | Action::Tick
                | Action::Reload(..)
                | Action::Loading(..)
                | Action::Loaded(..)
                | Action::Say(_)
                | Action::Restore(_)
        )
    }
}

/// An archive shared with the reader, compared by identity (an archive is never compared
/// whole).
#[derive(Clone, Debug)]
pub struct Shared(pub Arc<Archive>);

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Shared {}

/// What `ResultsOption` flips in the search across the archive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResultsOption {
    AllGroups,
    Regex,
    NewestFirst,
}

/// How a key moves the calendar's cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CalendarStep {
    /// By calendar days (a week is 7).
    Days(i64),
    /// To the previous (`-1`) or next (`1`) date with a log.
    Logged(i32),
    /// By months, keeping the day of the month where the month has it.
    Months(i32),
    /// The group's first date with a log.
    First,
    /// The group's last date with a log.
    Last,
}

/// Something `update` asks of the world outside the app; the terminal side carries it out
/// and tells the app how it went with an [`Action::Say`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Open a URL with the system's opener.
    Open(String),
    /// Put text on the clipboard.
    Copy(String),
    /// Write messages of a day to a file.
    Export(Export),
    /// Stop until the shell brings the reader back (`fg`), the terminal restored meanwhile.
    Suspend,
}

/// `:export FILE [DATES]`: the messages to write, and where they go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Export {
    pub archive: Shared,
    /// The days and messages, as indices into `archive`, and what chose them.
    pub selection: Selection,
    pub file: String,
    /// `:export!`: replace a file that is there.
    pub overwrite: bool,
}
