//! The links of a message (`o` on a message with several): one to open or copy.

use super::layer::{Layer, Next};
use crate::action::Action;
use crate::app::reader::Reader;
use crate::keymap::Context;
use crate::model::Archive;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Links {
    pub urls: Vec<String>,
    pub cursor: usize,
}

impl Links {
    pub fn new(urls: Vec<String>) -> Links {
        Links { urls, cursor: 0 }
    }
}

impl Layer for Links {
    fn contexts(&self) -> &'static [Context] {
        &[Context::Links, Context::Always]
    }

    fn input(&mut self, app: &mut dyn Reader, action: Action) -> Next {
        let last = self.urls.len().saturating_sub(1);
        let url = self.urls.get(self.cursor).cloned();
        match (action, url) {
            (Action::CursorUp, _) => self.cursor = self.cursor.saturating_sub(1),
            (Action::CursorDown, _) => self.cursor = (self.cursor + 1).min(last),
            (Action::Submit | Action::OpenLink, Some(url)) => {
                app.open_url(url);
                return Next::Close;
            }
            (Action::Copy, Some(url)) => {
                app.copy_text(url);
                return Next::Close;
            }
            (Action::Cancel, _) => return Next::Close,
            _ => {}
        }
        Next::Stay
    }

    /// The URLs are the message's own text, not ids: nothing to find again.
    fn reload(&mut self, _: &dyn Reader, _: &Archive) -> Next {
        Next::Stay
    }
}
