//! A line typed on the status line: the search in the day (`/`, incremental), a date or
//! command (`:`), or a search across the archive (`F`).

use super::layer::{Layer, Next};
use crate::action::Action;
use crate::app::command;
use crate::app::line::LineEdit;
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
    /// `&`: a filter by text.
    TextFilter,
}

impl PromptKind {
    /// What the prompt shows before the typed text.
    pub fn sigil(self) -> &'static str {
        match self {
            PromptKind::DaySearch => "/",
            PromptKind::Command => ":",
            PromptKind::ArchiveSearch => "find in all days: ",
            PromptKind::TextFilter => "&",
        }
    }
}

impl PromptKind {
    /// The name its history is kept under.
    fn history(self) -> &'static str {
        match self {
            PromptKind::DaySearch => "/",
            PromptKind::Command => ":",
            PromptKind::ArchiveSearch => "F",
            PromptKind::TextFilter => "&",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub line: LineEdit,
    /// Where the pane was when the prompt opened, to go back on Esc.
    saved: Anchor,
    /// While Up and Down walk the history: the line recalled (0 the newest), and what
    /// was typed before, which Down past the newest gives back.
    recalled: Option<(usize, String)>,
    /// Opened over the search results (`:` there): they come back after it, and
    /// `:export` writes them.
    over_results: bool,
}

/// An empty prompt of `kind`, Esc going back to where the pane is now.
pub fn open(app: &dyn Reader, kind: PromptKind) -> Prompt {
    Prompt {
        kind,
        line: LineEdit::default(),
        saved: app.view().scroll,
        recalled: None,
        over_results: false,
    }
}

/// A `:` prompt over the results of the search across the archive.
pub fn over_results(app: &dyn Reader) -> Prompt {
    Prompt {
        over_results: true,
        ..open(app, PromptKind::Command)
    }
}

impl Layer for Prompt {
    fn contexts(&self) -> &'static [Context] {
        &[Context::Prompt, Context::Always]
    }

    fn input(&mut self, app: &mut dyn Reader, action: Action) -> Next {
        let line = &mut self.line;
        match action {
            Action::Type(c) => line.insert(c),
            Action::Backspace => line.backspace(),
            Action::DeleteForward => line.delete(),
            Action::DeleteWord => line.delete_word(),
            Action::DeleteToStart => line.delete_to_start(),
            Action::CursorLeft => return move_only(line, LineEdit::left),
            Action::CursorRight => return move_only(line, LineEdit::right),
            Action::LineStart => return move_only(line, LineEdit::home),
            Action::LineEnd => return move_only(line, LineEdit::end),
            Action::CursorUp => self.recall(app, 1),
            Action::CursorDown => self.recall(app, -1),
            Action::Submit => {
                app.history_mut()
                    .add(self.kind.history(), self.line.text().trim());
                self.submit(app);
                return Next::Close;
            }
            Action::Cancel => {
                if self.kind == PromptKind::DaySearch {
                    app.set_day_search(None);
                    app.set_scroll(self.saved);
                }
                if self.over_results {
                    app.search_archive("");
                }
                return Next::Close;
            }
            // Nothing typed: nothing to search again.
            _ => return Next::Stay,
        }
        if self.kind == PromptKind::DaySearch {
            app.set_scroll(self.saved);
            app.search_as_typed(self.line.text());
        }
        Next::Stay
    }

    /// Esc goes back to where the reader now is in the new archive.
    fn reload(&mut self, app: &dyn Reader, _: &Archive) -> Next {
        self.saved = app.view().scroll;
        Next::Stay
    }
}

/// A move of the cursor alone: nothing to search again.
fn move_only(line: &mut LineEdit, step: fn(&mut LineEdit)) -> Next {
    step(line);
    Next::Stay
}

impl Prompt {
    /// Steps `by` lines back (1) or forward (-1) through what was typed at this prompt
    /// before; past the newest, what was being typed comes back.
    fn recall(&mut self, app: &dyn Reader, by: isize) {
        let lines = app.history().lines(self.kind.history());
        let at = self.recalled.as_ref().map_or(-1, |(i, _)| *i as isize) + by;
        if at < 0 {
            if let Some((_, draft)) = self.recalled.take() {
                self.line.set(&draft);
            }
            return;
        }
        let Some(line) = lines.len().checked_sub(1 + at as usize).map(|i| &lines[i]) else {
            return;
        };
        let draft = match self.recalled.take() {
            Some((_, draft)) => draft,
            None => self.line.text().to_owned(),
        };
        self.line.set(line);
        self.recalled = Some((at as usize, draft));
    }

    fn submit(&self, app: &mut dyn Reader) {
        let typed = self.line.text();
        match self.kind {
            PromptKind::Command if self.over_results => {
                command::run_over_results(app, typed.trim())
            }
            PromptKind::Command => command::run(app, typed.trim()),
            PromptKind::ArchiveSearch => app.search_archive(typed.trim()),
            PromptKind::TextFilter => app.filter_text(typed.trim()),
            PromptKind::DaySearch if typed.is_empty() => app.repeat_day_search(),
            PromptKind::DaySearch => {
                app.remember_day_search();
                if app.derived().hits.is_empty() && app.view().day_search.is_some() {
                    app.say(format!("no match for {typed}"));
                }
            }
        }
    }
}
