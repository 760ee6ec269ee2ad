//! Acting on a message: selecting one (`v`), opening its link (`o`), copying it (`y`).
//! The app only asks, as [`Effect`]s; the terminal side carries them out.

use super::App;
use crate::action::Effect;
use crate::model::Message;
use crate::rows;

impl App {
    pub(super) fn toggle_selection(&mut self) {
        self.view.selected = match self.view.selected {
            Some(_) => None,
            None if self.derived.shown.is_empty() => None,
            None => Some(self.view.scroll.pos.min(self.derived.shown.len() - 1)),
        };
    }

    /// Moves the selection `n` messages down (negative: up), keeping it on screen.
    pub(super) fn move_selection(&mut self, n: isize) {
        let last = self.derived.shown.len().saturating_sub(1);
        let pos = self
            .view
            .selected
            .unwrap_or(0)
            .saturating_add_signed(n)
            .min(last);
        self.view.selected = Some(pos);
        self.reveal(pos, 0);
    }

    /// The message `o` and `y` act on: the selected one, else the one at the top.
    pub(super) fn acted_on(&self) -> Option<&Message> {
        let pos = self.view.selected.unwrap_or(self.view.scroll.pos);
        let &i = self.derived.shown.get(pos)?;
        self.day().messages.get(i)
    }

    pub(super) fn open_link(&mut self) {
        let url = self.acted_on().and_then(|msg| {
            let body = self.day().body(msg);
            // A URL goes to another program as an argument: no control character in it.
            rows::link_ranges(body).first().map(|r| {
                body[r.clone()]
                    .chars()
                    .filter(|c| !c.is_control())
                    .collect()
            })
        });
        self.view.notice = Some(match url {
            Some(url) => {
                let notice = format!("opening {url}");
                self.effects.push(Effect::Open(url));
                notice
            }
            None => "no link or image in this message".into(),
        });
    }

    pub(super) fn copy(&mut self) {
        let Some(text) = self.acted_on().map(|msg| self.day().body(msg).to_owned()) else {
            return;
        };
        // The status says what happened once it has: the terminal side tells.
        self.effects.push(Effect::Copy(text));
    }
}
