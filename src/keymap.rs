//! Input → [`Action`], through one table that the help overlay also shows, so help can't lie.

use std::sync::OnceLock;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEventKind};
use ratatui::layout::{Position, Size};

use crate::app::{Action, FindOption, Focus, Overlay, View};
use crate::calendar::Step;

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
    /// The calendar (`C`).
    Calendar,
    /// The activity view (`i`).
    Activity,
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
            Context::Calendar => "calendar",
            Context::Activity => "activity view",
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
#[derive(Clone)]
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

use Context::{Activity, Always, Calendar, Days, Global, Help, Messages, Picker, Prompt, Results};
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
        "a date or a command (listed last)",
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
        &[key('C')],
        Action::OpenCalendar,
        "calendar of the group",
    ),
    bind(
        Global,
        &[key('i')],
        Action::OpenActivity,
        "activity: messages per day, hour, speaker",
    ),
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
        Calendar,
        &[key('h'), code(Left)],
        Action::CalendarStep(Step::Days(-1)),
        "a day back",
    ),
    bind(
        Calendar,
        &[key('l'), code(Right)],
        Action::CalendarStep(Step::Days(1)),
        "a day on",
    ),
    bind(
        Calendar,
        &[key('k'), code(Up)],
        Action::CalendarStep(Step::Days(-7)),
        "a week back",
    ),
    bind(
        Calendar,
        &[key('j'), code(Down)],
        Action::CalendarStep(Step::Days(7)),
        "a week on",
    ),
    bind(
        Calendar,
        &[key('[')],
        Action::CalendarStep(Step::Logged(-1)),
        "previous day with a log",
    ),
    bind(
        Calendar,
        &[key(']')],
        Action::CalendarStep(Step::Logged(1)),
        "next day with a log",
    ),
    bind(
        Calendar,
        &[key('{'), code(PageUp)],
        Action::CalendarStep(Step::Months(-1)),
        "previous month",
    ),
    bind(
        Calendar,
        &[key('}'), code(PageDown)],
        Action::CalendarStep(Step::Months(1)),
        "next month",
    ),
    bind(
        Calendar,
        &[key('g'), code(Home)],
        Action::CalendarStep(Step::First),
        "first day of the group",
    ),
    bind(
        Calendar,
        &[key('G'), code(End)],
        Action::CalendarStep(Step::Last),
        "last day of the group",
    ),
    bind(
        Calendar,
        &[code(Enter)],
        Action::Submit,
        "open the day (or the next with a log)",
    ),
    bind(
        Calendar,
        &[code(Esc), key('q'), key('C')],
        Action::Cancel,
        "close",
    ),
    bind(
        Activity,
        &[code(Tab), key('t')],
        Action::ToggleScope,
        "hours and speakers: group / open day",
    ),
    bind(
        Activity,
        &[code(Esc), key('q'), key('i')],
        Action::Cancel,
        "close",
    ),
    bind(
        Help,
        &[key('j'), code(Down)],
        Action::ScrollLines(1),
        "scroll down",
    ),
    bind(
        Help,
        &[key('k'), code(Up)],
        Action::ScrollLines(-1),
        "scroll up",
    ),
    bind(
        Help,
        &[code(PageDown), key(' '), ctrl('f')],
        Action::ScrollPage(1),
        "page down",
    ),
    bind(
        Help,
        &[code(PageUp), ctrl('b')],
        Action::ScrollPage(-1),
        "page up",
    ),
    bind(Help, &[key('g'), code(Home)], Action::Top, "top"),
    bind(Help, &[key('G'), code(End)], Action::Bottom, "end"),
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
        (Overlay::Calendar(_), _) => &[Calendar, Always],
        (Overlay::Activity(_), _) => &[Activity, Always],
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
                MouseEventKind::Down(_) => Some(Action::Click(at)),
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
        bindings()
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

/// The keymap in use: [`BINDINGS`] with the config's overrides, once they are set.
static IN_USE: OnceLock<&'static [Binding]> = OnceLock::new();

/// The bindings in force (the help shows these).
pub fn bindings() -> &'static [Binding] {
    IN_USE.get().copied().unwrap_or(BINDINGS)
}

/// Replaces the keys of the named actions (e.g. `next_day`) for this run; only the first
/// call counts. Returns a problem for each name that is not an action one can rebind.
pub fn set_overrides(overrides: &[(String, Vec<Key>)]) -> Vec<String> {
    let (table, problems) = overridden(overrides);
    // The keymap lives as long as the reader: leaking it once makes it `'static`.
    let _ = IN_USE.set(table.leak());
    problems
}

/// [`BINDINGS`] with the keys of the named actions replaced, and the unknown names.
fn overridden(overrides: &[(String, Vec<Key>)]) -> (Vec<Binding>, Vec<String>) {
    let problems = overrides
        .iter()
        .filter(|(name, _)| !BINDINGS.iter().any(|b| rebindable_name(b) == Some(name)))
        .map(|(name, _)| format!("`keys.{name}` is not an action that can be rebound"))
        .collect();
    let table = BINDINGS
        .iter()
        .map(|b| {
            let keys = overrides
                .iter()
                .rev()
                .find(|(name, _)| rebindable_name(b) == Some(name))
                .map_or(b.keys, |(_, keys)| &*keys.clone().leak());
            Binding { keys, ..b.clone() }
        })
        .collect();
    (table, problems)
}

/// The config name of a binding's action, for those outside prompts, pickers and overlays.
pub fn rebindable_name(binding: &Binding) -> Option<&'static str> {
    if !matches!(binding.context, Global | Messages | Days) {
        return None;
    }
    Some(match binding.action {
        Action::ScrollLines(n) if n > 0 => "scroll_down",
        Action::ScrollLines(_) => "scroll_up",
        Action::ScrollHalfPage(n) if n > 0 => "half_page_down",
        Action::ScrollHalfPage(_) => "half_page_up",
        Action::ScrollPage(n) if n > 0 => "page_down",
        Action::ScrollPage(_) => "page_up",
        Action::Top => "top",
        Action::Bottom => "bottom",
        Action::NextDay => "next_day",
        Action::PrevDay => "prev_day",
        Action::FirstDay => "first_day",
        Action::LastDay => "last_day",
        Action::FocusNext => "switch_pane",
        Action::OpenSearch => "search",
        Action::OpenCommand => "command",
        Action::OpenFind => "find",
        Action::NextHit => "next_hit",
        Action::PrevHit => "prev_hit",
        Action::Clear => "clear",
        Action::OpenSpeakers => "speakers",
        Action::ClearFilter => "clear_filter",
        Action::OpenGroups => "groups",
        Action::OpenCalendar => "calendar",
        Action::OpenActivity => "activity",
        Action::ToggleHelp => "help",
        Action::Select => "select",
        Action::OpenLink => "open",
        Action::Copy => "copy",
        Action::Quit => "quit",
        _ => return None,
    })
}

/// A key as the config writes it: `j`, `G`, `]`, `ctrl-d`, `space`, `enter`, `esc`, `tab`,
/// `backspace`, `up`, `down`, `left`, `right`, `pgup`, `pgdn`, `home`, `end`, `f1`…`f12`.
pub fn parse_key(text: &str) -> Option<Key> {
    let (mods, name) = match text
        .strip_prefix("ctrl-")
        .or_else(|| text.strip_prefix("C-"))
    {
        Some(rest) if !rest.is_empty() => (KeyModifiers::CONTROL, rest),
        _ => (KeyModifiers::NONE, text),
    };
    let mut chars = name.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) => KeyCode::Char(c),
        _ => match name.to_ascii_lowercase().as_str() {
            "space" => KeyCode::Char(' '),
            "enter" => Enter,
            "esc" => Esc,
            "tab" => Tab,
            "backspace" => Backspace,
            "up" => Up,
            "down" => Down,
            "left" => Left,
            "right" => Right,
            "pgup" | "pageup" => PageUp,
            "pgdn" | "pagedown" => PageDown,
            "home" => Home,
            "end" => End,
            f => KeyCode::F(
                f.strip_prefix('f')?
                    .parse()
                    .ok()
                    .filter(|n| (1..=12).contains(n))?,
            ),
        },
    };
    Some(Key(code, mods))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readme_lists_every_action_a_config_can_bind() {
        let readme = include_str!("../README.md");
        for name in BINDINGS.iter().filter_map(rebindable_name) {
            assert!(
                readme.contains(&format!("`{name}`")),
                "README lacks `{name}`"
            );
        }
    }

    #[test]
    fn keys_as_the_config_writes_them() {
        assert_eq!(parse_key("j"), Some(key('j')));
        assert_eq!(parse_key("G"), Some(key('G')));
        assert_eq!(parse_key("]"), Some(key(']')));
        assert_eq!(parse_key("ctrl-d"), Some(ctrl('d')));
        assert_eq!(parse_key("space"), Some(key(' ')));
        assert_eq!(parse_key("PgDn"), Some(code(PageDown)));
        assert_eq!(parse_key("f5"), Some(code(KeyCode::F(5))));
        assert_eq!(parse_key("f13"), None);
        assert_eq!(parse_key("ctrl-nonsense"), None);
        assert_eq!(parse_key(""), None);
    }

    #[test]
    fn overrides_replace_an_actions_keys_everywhere_it_is_bound() {
        let next = vec![key('L'), code(KeyCode::F(2))];
        let overrides = vec![
            ("next_day".to_owned(), next.clone()),
            ("fly".to_owned(), vec![key('x')]),
        ];
        let (table, problems) = overridden(&overrides);
        assert_eq!(
            problems,
            ["`keys.fly` is not an action that can be rebound"]
        );
        let next_day: Vec<&Binding> = table
            .iter()
            .filter(|b| b.action == Action::NextDay)
            .collect();
        assert!(next_day.len() >= 2, "bound in the day list and everywhere");
        assert!(next_day.iter().all(|b| b.keys == next.as_slice()));
        // Prompts keep their keys.
        let submit = table
            .iter()
            .find(|b| b.context == Prompt && b.action == Action::Submit);
        assert_eq!(submit.map(|b| b.keys), Some(&[code(Enter)][..]));
    }
}
