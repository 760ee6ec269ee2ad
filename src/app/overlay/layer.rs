//! The protocol every overlay follows.

use crate::action::Action;
use crate::app::reader::Reader;
use crate::keymap::Context;
use crate::model::Archive;

/// Whether an overlay stays open after an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    Stay,
    Close,
}

/// What every overlay does.
pub trait Layer {
    /// The keymap contexts live while it is open, most specific first.
    fn contexts(&self) -> &'static [Context];

    /// Takes an action meant for it. `app` is the reader beneath, without this overlay
    /// (it may open another in its place).
    fn input(&mut self, app: &mut dyn Reader, action: Action) -> Next;

    /// Comes back on a new load of the archive (`app.archive()`), finding again by name
    /// whatever ids of `old` it holds.
    fn reload(&mut self, app: &dyn Reader, old: &Archive) -> Next;
}
