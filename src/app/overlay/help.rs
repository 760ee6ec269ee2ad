//! The help overlay (`?`): its lines, generated from the keymap in force and the `:`
//! command table, and scrolling through them like less.

use ratatui::layout::{Position, Rect};

use super::layer::{Layer, Next};
use crate::action::Action;
use crate::app::command::COMMANDS;
use crate::app::reader::Reader;
use crate::keymap::{Context, Keymap};
use crate::layout;
use crate::model::Archive;

/// Cells for the keys column.
const KEYS_WIDTH: usize = 18;

/// The help, scrolled down `top` lines.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Help {
    pub top: usize,
}

/// One line of help: its text, and whether it is a heading.
pub type HelpLine = (String, bool);

/// The help's lines: a heading per context, then `keys  what they do`; last, the `:`
/// commands.
pub fn lines(keymap: &Keymap) -> Vec<HelpLine> {
    let mut lines = Vec::new();
    let mut context: Option<Context> = None;
    for b in keymap.bindings() {
        if context != Some(b.context) {
            context = Some(b.context);
            lines.push((b.context.title().to_owned(), true));
        }
        let keys: Vec<String> = b.keys.iter().map(|k| k.name()).collect();
        lines.push((
            format!("  {:<KEYS_WIDTH$}{}", keys.join(" "), b.help),
            false,
        ));
    }
    lines.push(("commands, typed after :".to_owned(), true));
    for command in COMMANDS {
        lines.push((
            format!("  {:<KEYS_WIDTH$}{}", command.usage, command.help),
            false,
        ));
    }
    lines
}

impl Layer for Help {
    fn contexts(&self) -> &'static [Context] {
        &[Context::Help, Context::Always]
    }

    fn input(&mut self, app: &mut dyn Reader, action: Action) -> Next {
        let area = Rect::from((Position::ORIGIN, app.view().size));
        let lines = lines(app.keymap()).len();
        let rows = layout::help_box(area, lines).height.saturating_sub(2) as usize;
        let last = lines.saturating_sub(rows);
        let top = match action {
            Action::ScrollLines(n) => self.top.saturating_add_signed(n),
            Action::ScrollPage(n) => self.top.saturating_add_signed(n * rows as isize),
            Action::Top => 0,
            Action::Bottom => last,
            Action::ToggleHelp => return Next::Close,
            _ => self.top,
        };
        self.top = top.min(last);
        Next::Stay
    }

    fn reload(&mut self, _: &dyn Reader, _: &Archive) -> Next {
        Next::Stay
    }
}
