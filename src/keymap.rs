//! Input → [`Action`], through one table that the help overlay also shows, so help can't lie.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEventKind};
use ratatui::layout::{Position, Size};

use crate::app::{Action, FindOption, Focus, Overlay, View};

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// Anywhere at all, prompts, pickers and help included.
    Always,
    /// Anywhere no prompt or picker is open.
    Global,
    /// The message pane has focus.
    Messages,
    /// The day list has focus.
    Days,
    /// The `/` and `:` prompts.
    Prompt,
    /// The speaker picker (`s`) and group picker (`c`).
    Picker,
    /// The help overlay.
    Help,
    /// The archive-wide search results.
    Results,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Always => "anywhere, even in a prompt",
            Context::Global => "everywhere",
            Context::Messages => "message pane",
            Context::Days => "day list",
            Context::Prompt => "/ and : prompts",
            Context::Picker => "pickers",
            Context::Help => "this help",
            Context::Results => "search results (F)",
        }
    }
}

/// A key with its modifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key(pub KeyCode, pub KeyModifiers);

const fn key(c: char) -> Key {
    Key(KeyCode::Char(c), KeyModifiers::NONE)
}
const fn ctrl(c: char) -> Key {
    Key(KeyCode::Char(c), KeyModifiers::CONTROL)
}
const fn code(c: KeyCode) -> Key {
    Key(c, KeyModifiers::NONE)
}

/// One row of the keymap.
pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
}

const fn bind(
    context: Context,
    keys: &'static [Key],
    action: Action,
    help: &'static str,
) -> Binding {
    Binding {
        context,
        keys,
        action,
        help,
    }
}

use Context::{Always, Days, Global, Help, Messages, Picker, Prompt, Results};
use KeyCode::{Backspace, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up};

/// The keymap. Earlier rows win; the help overlay lists them in this order.
pub static BINDINGS: &[Binding] = &[
    bind(
        Messages,
        &[key('j'), code(Down)],
        Action::ScrollLines(1),
        "scroll down a line",
    ),
    bind(
        Messages,
        &[key('k'), code(Up)],
        Action::ScrollLines(-1),
        "scroll up a line",
    ),
    bind(
        Messages,
        &[ctrl('d')],
        Action::ScrollHalfPage(1),
        "half a page down",
    ),
    bind(
        Messages,
        &[ctrl('u')],
        Action::ScrollHalfPage(-1),
        "half a page up",
    ),
    bind(
        Messages,
        &[code(PageDown), key(' '), ctrl('f')],
        Action::ScrollPage(1),
        "page down",
    ),
    bind(
        Messages,
        &[code(PageUp), ctrl('b')],
        Action::ScrollPage(-1),
        "page up",
    ),
    bind(
        Messages,
        &[key('g'), code(Home)],
        Action::Top,
        "top of the day",
    ),
    bind(
        Messages,
        &[key('G'), code(End)],
        Action::Bottom,
        "bottom of the day",
    ),
    bind(Messages, &[key('n')], Action::NextHit, "next search hit"),
    bind(
        Messages,
        &[key('v')],
        Action::Select,
        "select a message (j/k move it, Esc ends)",
    ),
    bind(
        Messages,
        &[key('o')],
        Action::OpenLink,
        "open its link or image (selected, else top)",
    ),
    bind(
        Messages,
        &[key('y')],
        Action::Copy,
        "copy its text (selected, else top)",
    ),
    bind(
        Messages,
        &[key('N')],
        Action::PrevHit,
        "previous search hit",
    ),
    bind(
        Days,
        &[key('j'), code(Down), key('l'), code(Right)],
        Action::NextDay,
        "next day",
    ),
    bind(
        Days,
        &[key('k'), code(Up), key('h'), code(Left)],
        Action::PrevDay,
        "previous day",
    ),
    bind(Days, &[key('g'), code(Home)], Action::FirstDay, "first day"),
    bind(Days, &[key('G'), code(End)], Action::LastDay, "last day"),
    bind(Days, &[code(Enter)], Action::FocusNext, "read the day"),
    bind(Global, &[key(']')], Action::NextDay, "next day"),
    bind(Global, &[key('[')], Action::PrevDay, "previous day"),
    bind(
        Global,
        &[Key(Home, KeyModifiers::CONTROL)],
        Action::FirstDay,
        "first day (also :first)",
    ),
    bind(
        Global,
        &[Key(End, KeyModifiers::CONTROL)],
        Action::LastDay,
        "last day (also :last)",
    ),
    bind(
        Global,
        &[key(':')],
        Action::OpenCommand,
        "go to a date: 2018-03-26, 2018-03, 03-26",
    ),
    bind(Global, &[key('/')], Action::OpenSearch, "search in the day"),
    bind(
        Global,
        &[code(Esc)],
        Action::Clear,
        "clear the search and the selection",
    ),
    bind(
        Global,
        &[key('F')],
        Action::OpenFind,
        "search all days (also :search TEXT)",
    ),
    bind(Global, &[key('s')], Action::OpenSpeakers, "speaker filter"),
    bind(
        Global,
        &[key('S')],
        Action::ClearFilter,
        "clear the speaker filter",
    ),
    bind(Global, &[key('c')], Action::OpenGroups, "chat groups"),
    bind(
        Global,
        &[code(Tab), Key(KeyCode::BackTab, KeyModifiers::SHIFT)],
        Action::FocusNext,
        "switch pane",
    ),
    bind(Global, &[key('?')], Action::ToggleHelp, "this help"),
    bind(Global, &[key('q')], Action::Quit, "quit"),
    bind(Always, &[ctrl('c')], Action::Quit, "quit"),
    bind(Prompt, &[code(Enter)], Action::Submit, "search / go"),
    bind(Prompt, &[code(Esc)], Action::Cancel, "cancel"),
    bind(
        Prompt,
        &[code(Backspace)],
        Action::Backspace,
        "delete a character",
    ),
    bind(Picker, &[code(Up), ctrl('p')], Action::CursorUp, "move up"),
    bind(
        Picker,
        &[code(Down), ctrl('n')],
        Action::CursorDown,
        "move down",
    ),
    bind(
        Picker,
        &[key(' ')],
        Action::Toggle,
        "tick / untick a speaker",
    ),
    bind(
        Picker,
        &[code(Tab)],
        Action::ToggleScope,
        "counts of the day / of the group",
    ),
    bind(Picker, &[code(Enter)], Action::Submit, "apply"),
    bind(Picker, &[code(Esc)], Action::Cancel, "cancel"),
    bind(
        Picker,
        &[code(Backspace)],
        Action::Backspace,
        "delete a typed character",
    ),
    bind(
        Results,
        &[key('j'), code(Down)],
        Action::CursorDown,
        "next result",
    ),
    bind(
        Results,
        &[key('k'), code(Up)],
        Action::CursorUp,
        "previous result",
    ),
    bind(
        Results,
        &[code(PageDown), key(' ')],
        Action::ScrollPage(1),
        "page down",
    ),
    bind(Results, &[code(PageUp)], Action::ScrollPage(-1), "page up"),
    bind(
        Results,
        &[key('g'), code(Home)],
        Action::Top,
        "first result",
    ),
    bind(
        Results,
        &[key('G'), code(End)],
        Action::Bottom,
        "last result",
    ),
    bind(
        Results,
        &[code(Enter)],
        Action::Submit,
        "open the day at this message; then n/N go on across days",
    ),
    bind(
        Results,
        &[key('a')],
        Action::FindToggle(FindOption::AllGroups),
        "this group / all groups",
    ),
    bind(
        Results,
        &[key('r')],
        Action::FindToggle(FindOption::Regex),
        "plain text / regular expression",
    ),
    bind(
        Results,
        &[key('o')],
        Action::FindToggle(FindOption::NewestFirst),
        "newest / oldest first",
    ),
    bind(
        Results,
        &[code(Esc), key('q')],
        Action::Cancel,
        "close (stops a search still running)",
    ),
    bind(
        Help,
        &[key('j'), code(Down)],
        Action::CursorDown,
        "scroll down",
    ),
    bind(Help, &[key('k'), code(Up)], Action::CursorUp, "scroll up"),
    bind(
        Help,
        &[key('?'), key('q'), code(Esc)],
        Action::ToggleHelp,
        "close",
    ),
];

/// The contexts active in this view, most specific first.
fn contexts(view: &View) -> &'static [Context] {
    match (&view.overlay, view.focus) {
        (Overlay::Prompt(_), _) => &[Prompt, Always],
        (Overlay::Speakers(_) | Overlay::Groups { .. }, _) => &[Picker, Always],
        (Overlay::Help(_), _) => &[Help, Always],
        (Overlay::Results, _) => &[Results, Always],
        (_, Focus::Messages) => &[Messages, Global, Always],
        (_, Focus::Days) => &[Days, Global, Always],
    }
}

/// What an input event asks for in this view, if anything.
pub fn action_for(view: &View, event: &Event) -> Option<Action> {
    match event {
        Event::Key(k) if k.kind != KeyEventKind::Release => key_action(view, k),
        Event::Resize(w, h) => Some(Action::Resize(Size::new(*w, *h))),
        Event::Mouse(m) => {
            let at = Position::new(m.column, m.row);
            match m.kind {
                MouseEventKind::ScrollDown => Some(Action::Wheel(at, 1)),
                MouseEventKind::ScrollUp => Some(Action::Wheel(at, -1)),
                MouseEventKind::Down(_) if view.overlay == Overlay::None => Some(Action::Click(at)),
                _ => None,
            }
        }
        _ => None,
    }
}

fn key_action(view: &View, k: &KeyEvent) -> Option<Action> {
    // Shift is part of the character itself ('G', '?'), so compare without it.
    let mods = k.modifiers - KeyModifiers::SHIFT;
    let pressed = |b: &Key| b.0 == k.code && (b.1 - KeyModifiers::SHIFT) == mods;
    let active = contexts(view);
    let bound = active.iter().find_map(|ctx| {
        BINDINGS
            .iter()
            .find(|b| b.context == *ctx && b.keys.iter().any(pressed))
    });
    if let Some(b) = bound {
        return Some(b.action.clone());
    }
    let typing = matches!(active.first(), Some(Prompt | Picker));
    match k.code {
        KeyCode::Char(c) if typing && !mods.contains(KeyModifiers::CONTROL) => {
            Some(Action::Type(c))
        }
        _ => None,
    }
}

/// A key as the help shows it: `j`, `Ctrl-d`, `PgDn`, `Space`.
pub fn key_name(key: &Key) -> String {
    let name = match key.0 {
        KeyCode::Char(' ') => "Space".to_owned(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Up => "↑".to_owned(),
        KeyCode::Down => "↓".to_owned(),
        KeyCode::Left => "←".to_owned(),
        KeyCode::Right => "→".to_owned(),
        KeyCode::PageUp => "PgUp".to_owned(),
        KeyCode::PageDown => "PgDn".to_owned(),
        KeyCode::BackTab => "Tab".to_owned(),
        other => other.to_string(),
    };
    let mut prefix = String::new();
    if key.1.contains(KeyModifiers::CONTROL) {
        prefix.push_str("Ctrl-");
    }
    if key.1.contains(KeyModifiers::SHIFT) {
        prefix.push_str("Shift-");
    }
    prefix + &name
}
