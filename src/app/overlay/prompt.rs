//! A line typed on the status line: the search in the day (`/`, incremental), a date or
//! command (`:`), or a search across the archive (`F`).

use super::layer::{Layer, Next};
use crate::action::Action;
use crate::app::command;
use crate::app::reader::Reader;
use crate::app::state::Anchor;
use crate::keymap::Context;
use crate::model::Archive;

/// What a prompt is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptKind {
    /// `/`: incremental search in the open day.
    DaySearch,
    /// `:`: a date or a command.
    Command,
    /// `F`: search every day.
    ArchiveSearch,
}

impl PromptKind {
    /// What the prompt shows before the typed text.
    pub fn sigil(self) -> &'static str {
        match self {
            PromptKind::DaySearch => "/",
            PromptKind::Command => ":",
            PromptKind::ArchiveSearch => "find in all days: ",
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

/// An empty prompt of `kind`, Esc going back to where the pane is now.
pub fn open(app: &dyn Reader, kind: PromptKind) -> Prompt {
    Prompt {
        kind,
        input: String::new(),
        saved: app.view().scroll,
    }
}

impl Layer for Prompt {
    fn contexts(&self) -> &'static [Context] {
        &[Context::Prompt, Context::Always]
    }

    fn input(&mut self, app: &mut dyn Reader, action: Action) -> Next {
        match action {
            Action::Type(c) => self.input.push(c),
            Action::Backspace => {
                self.input.pop();
            }
            Action::Submit => {
                self.submit(app);
                return Next::Close;
            }
            Action::Cancel => {
                if self.kind == PromptKind::DaySearch {
                    app.set_day_search(None);
                    app.set_scroll(self.saved);
                }
                return Next::Close;
            }
            // Nothing typed: nothing to search again.
            _ => return Next::Stay,
        }
        if self.kind == PromptKind::DaySearch {
            app.set_scroll(self.saved);
            app.search_as_typed(&self.input);
        }
        Next::Stay
    }

    /// Esc goes back to where the reader now is in the new archive.
    fn reload(&mut self, app: &dyn Reader, _: &Archive) -> Next {
        self.saved = app.view().scroll;
        Next::Stay
    }
}

impl Prompt {
    fn submit(&self, app: &mut dyn Reader) {
        match self.kind {
            PromptKind::Command => command::run(app, self.input.trim()),
            PromptKind::ArchiveSearch => app.search_archive(self.input.trim()),
            PromptKind::DaySearch if self.input.is_empty() => app.repeat_day_search(),
            PromptKind::DaySearch => {
                app.remember_day_search();
                if app.derived().hits.is_empty() && app.view().day_search.is_some() {
                    app.say(format!("no match for {}", self.input));
                }
            }
        }
    }
}
