//! Input → [`Action`], through one table ([`BINDINGS`]) that help, the man page and the
//! config's `[keys]` all read, so none of them can disagree with what a key does.
//!
//! The keymap is a value ([`Keymap`]): the defaults with the config's overrides, held by
//! the app and asked with the contexts active in its view.

use std::borrow::Cow;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEventKind};
use ratatui::layout::{Position, Size};

use crate::action::{Action, CalendarStep, ResultsOption};
use crate::key::{Key, code, ctrl, key};

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// Anywhere at all, prompts, pickers and help included.
    Always,
    /// Reading: either pane, with nothing open over them.
    Panes,
    /// The message pane has focus.
    Messages,
    /// The day list has focus.
    Days,
    /// The `/`, `:` and `F` prompts.
    Prompt,
    /// The speaker picker (`s`), where typing narrows the list.
    Picker,
    /// The group picker (`c`).
    Groups,
    /// The calendar (`C`).
    Calendar,
    /// The activity view (`i`).
    Activity,
    /// The help overlay.
    Help,
    /// The links of a message.
    Links,
    /// The results of a search across the archive.
    Results,
}

impl Context {
    /// The heading help lists the context's keys under.
    pub fn title(self) -> &'static str {
        match self {
            Context::Always => "anywhere, even in a prompt",
            Context::Panes => "reading (either pane)",
            Context::Messages => "message pane",
            Context::Days => "day list",
            Context::Prompt => "/ : and F prompts",
            Context::Picker => "speaker picker",
            Context::Groups => "group picker",
            Context::Calendar => "calendar",
            Context::Activity => "activity view",
            Context::Help => "this help",
            Context::Links => "a message's links (o)",
            Context::Results => "search results (F)",
        }
    }

    /// Whether keys of both contexts can be live at once, so one key can't mean two things.
    fn live_with(self, other: Context) -> bool {
        let reading = |c| matches!(c, Context::Panes | Context::Messages | Context::Days);
        self == other
            || matches!(self, Context::Always)
            || matches!(other, Context::Always)
            || (reading(self)
                && reading(other)
                && (self == Context::Panes || other == Context::Panes))
    }
}

/// One row of the keymap.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    pub context: Context,
    pub keys: Cow<'static, [Key]>,
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
        keys: Cow::Borrowed(keys),
        action,
        help,
    }
}

use Action as A;
use CalendarStep as Step;
use Context::{
    Activity, Always, Calendar, Days, Groups, Help, Links, Messages, Panes, Picker, Prompt, Results,
};
use KeyCode::{
    BackTab, Backspace, Delete, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};

const SHIFT_TAB: Key = Key(BackTab, KeyModifiers::SHIFT);
const CTRL_HOME: Key = Key(Home, KeyModifiers::CONTROL);
const CTRL_END: Key = Key(End, KeyModifiers::CONTROL);

/// The keymap. Earlier rows win; help lists them in this order.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    bind(Messages, &[key('j'), code(Down)], A::ScrollLines(1), "scroll down a line"),
    bind(Messages, &[key('k'), code(Up)], A::ScrollLines(-1), "scroll up a line"),
    bind(Messages, &[ctrl('d')], A::ScrollHalfPage(1), "half a page down"),
    bind(Messages, &[ctrl('u')], A::ScrollHalfPage(-1), "half a page up"),
    bind(Messages, &[code(PageDown), key(' '), ctrl('f')], A::ScrollPage(1), "page down"),
    bind(Messages, &[code(PageUp), ctrl('b')], A::ScrollPage(-1), "page up"),
    bind(Messages, &[key('g'), code(Home)], A::Top, "top of the day"),
    bind(Messages, &[key('G'), code(End)], A::Bottom, "bottom of the day"),
    bind(Messages, &[key('n')], A::NextHit, "next search hit"),
    bind(Messages, &[key('v')], A::Select, "select a message (j/k move it, Esc ends)"),
    bind(Messages, &[key('o')], A::OpenLink, "open its link or image (selected, else top)"),
    bind(Messages, &[key('y')], A::Copy, "copy its text (selected, else top)"),
    bind(Messages, &[key('N')], A::PrevHit, "previous search hit"),
    bind(Days, &[key('j'), code(Down), key('l'), code(Right)], A::NextDay, "next day"),
    bind(Days, &[key('k'), code(Up), key('h'), code(Left)], A::PrevDay, "previous day"),
    bind(Days, &[key('g'), code(Home)], A::FirstDay, "first day"),
    bind(Days, &[key('G'), code(End)], A::LastDay, "last day"),
    bind(Days, &[code(Enter)], A::FocusNext, "read the day"),
    bind(Panes, &[key(']')], A::NextDay, "next day"),
    bind(Panes, &[key('[')], A::PrevDay, "previous day"),
    bind(Panes, &[CTRL_HOME], A::FirstDay, "first day (also :first)"),
    bind(Panes, &[CTRL_END], A::LastDay, "last day (also :last)"),
    bind(Panes, &[key(':')], A::OpenCommand, "a date or a command (listed last)"),
    bind(Panes, &[key('/')], A::OpenDaySearch, "search in the day"),
    bind(Panes, &[code(Esc)], A::Clear, "clear the search and the selection"),
    bind(Panes, &[key('F')], A::OpenArchiveSearch, "search all days (also :search TEXT)"),
    bind(Panes, &[key('s')], A::OpenSpeakers, "speaker filter"),
    bind(Panes, &[key('S')], A::ClearFilter, "clear the speaker filter"),
    bind(Panes, &[key('&')], A::OpenTextFilter, "filter by text: TEXT keeps, !TEXT hides, empty clears"),
    bind(Panes, &[key('e')], A::ToggleFold, "fold echoes / show every copy (also :fold)"),
    bind(Panes, &[key('c')], A::OpenGroups, "chat groups"),
    bind(Panes, &[key('C')], A::OpenCalendar, "calendar of the group"),
    bind(Panes, &[key('i')], A::OpenActivity, "activity: messages per day, hour, speaker"),
    bind(Panes, &[code(Tab), SHIFT_TAB], A::FocusNext, "switch pane"),
    bind(Panes, &[key('?')], A::ToggleHelp, "this help"),
    bind(Panes, &[key('q')], A::Quit, "quit"),
    bind(Always, &[ctrl('c')], A::Quit, "quit"),
    bind(Always, &[ctrl('z')], A::Suspend, "suspend to the shell (fg comes back)"),
    bind(Prompt, &[code(Enter)], A::Submit, "search / go (empty /: the last search)"),
    bind(Prompt, &[code(Esc)], A::Cancel, "cancel"),
    bind(Prompt, &[code(Backspace)], A::Backspace, "delete a character"),
    bind(Prompt, &[code(Delete)], A::DeleteForward, "delete the character under the cursor"),
    bind(Prompt, &[ctrl('w')], A::DeleteWord, "delete a word back"),
    bind(Prompt, &[ctrl('u')], A::DeleteToStart, "delete to the start"),
    bind(Prompt, &[code(Left)], A::CursorLeft, "cursor left"),
    bind(Prompt, &[code(Right)], A::CursorRight, "cursor right"),
    bind(Prompt, &[code(Home), ctrl('a')], A::LineStart, "start of the line"),
    bind(Prompt, &[code(End), ctrl('e')], A::LineEnd, "end of the line"),
    bind(Prompt, &[code(Up)], A::CursorUp, "earlier line (kept across runs)"),
    bind(Prompt, &[code(Down)], A::CursorDown, "later line"),
    bind(Groups, &[key('k'), code(Up), ctrl('p')], A::CursorUp, "move up"),
    bind(Groups, &[key('j'), code(Down), ctrl('n')], A::CursorDown, "move down"),
    bind(Groups, &[code(Enter)], A::Submit, "open the group"),
    bind(Groups, &[code(Esc), key('q')], A::Cancel, "cancel"),
    bind(Picker, &[code(Up), ctrl('p')], A::CursorUp, "move up"),
    bind(Picker, &[code(Down), ctrl('n')], A::CursorDown, "move down"),
    bind(Picker, &[key(' ')], A::Toggle, "tick / untick a speaker"),
    bind(Picker, &[code(Tab)], A::ToggleScope, "counts of the day / of the group"),
    bind(Picker, &[code(Enter)], A::Submit, "apply"),
    bind(Picker, &[code(Esc)], A::Cancel, "cancel"),
    bind(Picker, &[code(Backspace)], A::Backspace, "delete a typed character"),
    bind(Results, &[key('j'), code(Down)], A::CursorDown, "next result"),
    bind(Results, &[key('k'), code(Up)], A::CursorUp, "previous result"),
    bind(Results, &[code(PageDown), key(' ')], A::ScrollPage(1), "page down"),
    bind(Results, &[code(PageUp)], A::ScrollPage(-1), "page up"),
    bind(Results, &[key('g'), code(Home)], A::Top, "first result"),
    bind(Results, &[key('G'), code(End)], A::Bottom, "last result"),
    bind(Results, &[code(Enter)], A::Submit, "open the day at this message; then n/N go on across days"),
    bind(Results, &[key('a')], A::ResultsOption(ResultsOption::AllGroups), "this group / all groups"),
    bind(Results, &[key('r')], A::ResultsOption(ResultsOption::Regex), "plain text / regular expression"),
    bind(Results, &[key('o')], A::ResultsOption(ResultsOption::NewestFirst), "newest / oldest first"),
    bind(Results, &[key(':')], A::OpenCommand, "a command: :export FILE writes these results"),
    bind(Results, &[code(Esc), key('q')], A::Cancel, "close (stops a search still running)"),
    bind(Calendar, &[key('h'), code(Left)], A::MoveCalendar(Step::Days(-1)), "a day back"),
    bind(Calendar, &[key('l'), code(Right)], A::MoveCalendar(Step::Days(1)), "a day on"),
    bind(Calendar, &[key('k'), code(Up)], A::MoveCalendar(Step::Days(-7)), "a week back"),
    bind(Calendar, &[key('j'), code(Down)], A::MoveCalendar(Step::Days(7)), "a week on"),
    bind(Calendar, &[key('[')], A::MoveCalendar(Step::Logged(-1)), "previous day with a log"),
    bind(Calendar, &[key(']')], A::MoveCalendar(Step::Logged(1)), "next day with a log"),
    bind(Calendar, &[key('{'), code(PageUp)], A::MoveCalendar(Step::Months(-1)), "previous month"),
    bind(Calendar, &[key('}'), code(PageDown)], A::MoveCalendar(Step::Months(1)), "next month"),
    bind(Calendar, &[key('g'), code(Home)], A::MoveCalendar(Step::First), "first day of the group"),
    bind(Calendar, &[key('G'), code(End)], A::MoveCalendar(Step::Last), "last day of the group"),
    bind(Calendar, &[code(Enter)], A::Submit, "open the day (or the next with a log)"),
    bind(Calendar, &[code(Esc), key('q'), key('C')], A::Cancel, "close"),
    bind(Links, &[key('k'), code(Up)], A::CursorUp, "previous link"),
    bind(Links, &[key('j'), code(Down)], A::CursorDown, "next link"),
    bind(Links, &[code(Enter), key('o')], A::Submit, "open it"),
    bind(Links, &[key('y')], A::Copy, "copy it"),
    bind(Links, &[code(Esc), key('q')], A::Cancel, "close"),
    bind(Activity, &[code(Tab), key('t')], A::ToggleScope, "hours and speakers: group / open day"),
    bind(Activity, &[code(Esc), key('q'), key('i')], A::Cancel, "close"),
    bind(Help, &[key('j'), code(Down)], A::ScrollLines(1), "scroll down"),
    bind(Help, &[key('k'), code(Up)], A::ScrollLines(-1), "scroll up"),
    bind(Help, &[code(PageDown), key(' '), ctrl('f')], A::ScrollPage(1), "page down"),
    bind(Help, &[code(PageUp), ctrl('b')], A::ScrollPage(-1), "page up"),
    bind(Help, &[key('g'), code(Home)], A::Top, "top"),
    bind(Help, &[key('G'), code(End)], A::Bottom, "end"),
    bind(Help, &[key('?'), key('q'), code(Esc)], A::ToggleHelp, "close"),
];

/// The keys in force: [`BINDINGS`] with the config's overrides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: BINDINGS.to_vec(),
        }
    }
}

impl Keymap {
    /// The defaults with the keys of the named actions (e.g. `next_day`) replaced, and a
    /// problem for each name that is not an action one can rebind and each key that would
    /// mean two things at once.
    pub fn with_overrides(overrides: &[(String, Vec<Key>)]) -> (Keymap, Vec<String>) {
        let mut problems: Vec<String> = overrides
            .iter()
            .filter(|(name, _)| !BINDINGS.iter().any(|b| rebindable_name(b) == Some(name)))
            .map(|(name, _)| format!("`keys.{name}` is not an action that can be rebound"))
            .collect();
        let bindings: Vec<Binding> = BINDINGS
            .iter()
            .map(|b| {
                let keys = overrides
                    .iter()
                    .rev()
                    .find(|(name, _)| rebindable_name(b) == Some(name))
                    .map_or(b.keys.clone(), |(_, keys)| Cow::Owned(keys.clone()));
                Binding { keys, ..b.clone() }
            })
            .collect();
        let keymap = Keymap { bindings };
        problems.extend(keymap.clashes(overrides));
        (keymap, problems)
    }

    /// The bindings in force, in table order (help lists these).
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// A problem for each overridden key that is also bound to another action live at the
    /// same time (`quit = "j"` where `j` scrolls): the earlier row would win, silently.
    fn clashes(&self, overrides: &[(String, Vec<Key>)]) -> Vec<String> {
        let mut problems = Vec::new();
        for (name, keys) in overrides {
            let mine = self
                .bindings
                .iter()
                .filter(|b| rebindable_name(b) == Some(name));
            for b in mine {
                for k in keys {
                    let other = self.bindings.iter().find(|o| {
                        o.action != b.action && o.context.live_with(b.context) && o.keys.contains(k)
                    });
                    if let Some(other) = other {
                        let what = rebindable_name(other).unwrap_or(other.help);
                        let problem = format!("`keys.{name}`: {} is already {what}", k.name());
                        if !problems.contains(&problem) {
                            problems.push(problem);
                        }
                    }
                }
            }
        }
        problems
    }

    /// What an input event asks for where `contexts` (most specific first) are live.
    pub fn action_for(&self, contexts: &[Context], event: &Event) -> Option<Action> {
        match event {
            Event::Key(k) if k.kind != KeyEventKind::Release => self.key_action(contexts, k),
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

    fn key_action(&self, contexts: &[Context], k: &KeyEvent) -> Option<Action> {
        let bound = contexts.iter().find_map(|ctx| {
            self.bindings.iter().find(|b| {
                b.context == *ctx && b.keys.iter().any(|key| key.matches(k.code, k.modifiers))
            })
        });
        if let Some(b) = bound {
            return Some(b.action.clone());
        }
        // Where text is typed, a character no binding took is typed.
        let typing = matches!(contexts.first(), Some(Prompt | Picker));
        match k.code {
            KeyCode::Char(c) if typing && !k.modifiers.contains(KeyModifiers::CONTROL) => {
                Some(Action::Type(c))
            }
            _ => None,
        }
    }
}

/// The config name of a binding's action, for those outside prompts, pickers and overlays.
pub fn rebindable_name(binding: &Binding) -> Option<&'static str> {
    if !matches!(binding.context, Panes | Messages | Days) {
        return None;
    }
    Some(match binding.action {
        A::ScrollLines(n) if n > 0 => "scroll_down",
        A::ScrollLines(_) => "scroll_up",
        A::ScrollHalfPage(n) if n > 0 => "half_page_down",
        A::ScrollHalfPage(_) => "half_page_up",
        A::ScrollPage(n) if n > 0 => "page_down",
        A::ScrollPage(_) => "page_up",
        A::Top => "top",
        A::Bottom => "bottom",
        A::NextDay => "next_day",
        A::PrevDay => "prev_day",
        A::FirstDay => "first_day",
        A::LastDay => "last_day",
        A::FocusNext => "switch_pane",
        A::OpenDaySearch => "search",
        A::OpenCommand => "command",
        A::OpenArchiveSearch => "find",
        A::NextHit => "next_hit",
        A::PrevHit => "prev_hit",
        A::Clear => "clear",
        A::OpenSpeakers => "speakers",
        A::ClearFilter => "clear_filter",
        A::ToggleFold => "fold",
        A::OpenTextFilter => "text_filter",
        A::OpenGroups => "groups",
        A::OpenCalendar => "calendar",
        A::OpenActivity => "activity",
        A::ToggleHelp => "help",
        A::Select => "select",
        A::OpenLink => "open",
        A::Copy => "copy",
        A::Quit => "quit",
        _ => return None,
    })
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
    fn overrides_replace_an_actions_keys_everywhere_it_is_bound() {
        let next = vec![key('L'), code(KeyCode::F(2))];
        let overrides = vec![
            ("next_day".to_owned(), next.clone()),
            ("fly".to_owned(), vec![key('x')]),
        ];
        let (keymap, problems) = Keymap::with_overrides(&overrides);
        assert_eq!(
            problems,
            ["`keys.fly` is not an action that can be rebound"]
        );
        let next_day: Vec<&Binding> = keymap
            .bindings()
            .iter()
            .filter(|b| b.action == Action::NextDay)
            .collect();
        assert!(next_day.len() >= 2, "bound in the day list and everywhere");
        assert!(next_day.iter().all(|b| b.keys == next.as_slice()));
        // Prompts keep their keys.
        let submit = keymap
            .bindings()
            .iter()
            .find(|b| b.context == Prompt && b.action == Action::Submit);
        assert_eq!(submit.map(|b| &*b.keys), Some(&[code(Enter)][..]));
    }

    #[test]
    fn a_key_bound_to_two_live_actions_is_a_problem() {
        let (_, problems) = Keymap::with_overrides(&[("quit".to_owned(), vec![key('j')])]);
        assert_eq!(problems, ["`keys.quit`: j is already scroll_down"]);
        let (_, fine) = Keymap::with_overrides(&[("quit".to_owned(), vec![key('Q')])]);
        assert!(fine.is_empty(), "{fine:?}");
    }

    #[test]
    fn the_defaults_give_no_key_two_meanings() {
        let keymap = Keymap::default();
        for a in keymap.bindings() {
            for b in keymap.bindings() {
                let shared = a.keys.iter().any(|k| b.keys.contains(k));
                assert!(
                    !(shared && a.action != b.action && a.context.live_with(b.context)),
                    "{a:?} and {b:?}"
                );
            }
        }
    }

    #[test]
    fn a_rebound_key_acts_in_this_keymap_only() {
        let (keymap, _) = Keymap::with_overrides(&[("next_day".to_owned(), vec![key('L')])]);
        let press = |c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        let reading = [Messages, Panes, Always];
        assert_eq!(
            keymap.action_for(&reading, &press('L')),
            Some(Action::NextDay)
        );
        assert_eq!(keymap.action_for(&reading, &press(']')), None);
        let defaults = Keymap::default();
        assert_eq!(
            defaults.action_for(&reading, &press(']')),
            Some(Action::NextDay)
        );
    }
}
