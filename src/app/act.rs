//! Acting on a message: selecting one (`v`), opening its link (`o`), copying it (`y`).
//! The app only asks, as [`Effect`]s; the terminal side carries them out.

use super::App;
use super::overlay::{self, Overlay};
use crate::action::Effect;
use crate::model::Entry;

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

    /// Which shown message `o` and `y` act on: the current search hit's, else the
    /// selected one, else the one at the top.
    pub(super) fn acted_on_pos(&self) -> usize {
        let hit = self
            .view
            .day_search
            .as_ref()
            .and(self.derived.hits.get(self.view.hit));
        hit.map(|h| h.pos)
            .or(self.view.selected)
            .unwrap_or(self.view.scroll.pos)
    }

    /// The text of the message (or document) `o` and `y` act on, as it is held.
    pub(super) fn acted_on(&self) -> Option<&str> {
        let &i = self.derived.shown.get(self.acted_on_pos())?;
        let day = self.day();
        Some(match day.entry(i)? {
            Entry::Message(msg) => day.body(msg),
            Entry::Document(doc) => day.document_text(doc),
        })
    }

    /// `o`: opens the message's link; with several, lists them to choose from.
    pub(super) fn open_link(&mut self) {
        let links = self.layout(self.acted_on_pos(), self.text_width()).links;
        match &*links {
            [] => self.view.notice = Some("no link or image in this message".into()),
            [link] => self.open_url(link.url.clone()),
            several => {
                let urls = several.iter().map(|l| l.url.clone()).collect();
                self.overlay = Some(Overlay::Links(overlay::links::Links::new(urls)));
            }
        }
    }

    /// Asks for `url` to be opened, saying so.
    pub(super) fn open_url(&mut self, url: String) {
        self.view.notice = Some(format!("opening {url}"));
        self.effects.push(Effect::Open(url));
    }

    pub(super) fn copy(&mut self) {
        let Some(text) = self.acted_on().map(str::to_owned) else {
            return;
        };
        // The status says what happened once it has: the terminal side tells.
        self.effects.push(Effect::Copy(text));
    }
}
