//! What covers the panes: one file per overlay, each holding its state and taking its
//! input through the [`Layer`] protocol; `ui/<same name>.rs` draws it. A new overlay is a
//! file here, a file in `ui/`, and a line in [`overlays!`] below.

pub mod activity;
pub mod calendar;
pub mod groups;
pub mod help;
pub mod prompt;
pub mod results;
pub mod speakers;

use super::App;
use super::mouse::WHEEL_LINES;
use crate::action::Action;
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
    fn input(&mut self, app: &mut App, action: Action) -> Next;

    /// Comes back on a new load of the archive (`app.archive`), finding again by name
    /// whatever ids of `old` it holds.
    fn reload(&mut self, app: &App, old: &Archive) -> Next;
}

/// Lists the overlays once: the enum of them and its dispatch to [`Layer`].
macro_rules! overlays {
    ($($(#[$doc:meta])* $name:ident($state:ty),)*) => {
        /// The overlay open over the panes.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub enum Overlay {
            $($(#[$doc])* $name($state),)*
        }

        impl Overlay {
            fn layer(&mut self) -> &mut dyn Layer {
                match self {
                    $(Overlay::$name(state) => state,)*
                }
            }

            /// The keymap contexts live while it is open.
            pub fn contexts(&self) -> &'static [Context] {
                match self {
                    $(Overlay::$name(state) => state.contexts(),)*
                }
            }
        }
    };
}

overlays! {
    /// `?`: the keys and commands.
    Help(help::Help),
    /// `/`, `:` or `F`: a line being typed on the status line.
    Prompt(prompt::Prompt),
    /// `s`: choosing whose messages are shown.
    Speakers(speakers::SpeakerPicker),
    /// `c`: choosing a chat group.
    Groups(groups::GroupPicker),
    /// The results of the search across the archive, over the message pane.
    Results(results::Results),
    /// `C`: a month view of the group.
    Calendar(calendar::Calendar),
    /// `i`: messages per day, per hour and per speaker.
    Activity(activity::Activity),
}

/// Input while an overlay is open. The wheel scrolls an overlay's own lines, as j/k do;
/// an overlay with none ignores it, and every click.
pub(super) fn input(app: &mut App, action: Action) {
    let Some(mut overlay) = app.view.overlay.take() else {
        return;
    };
    let action = match action {
        Action::Wheel(_, lines) => Action::ScrollLines(lines * WHEEL_LINES),
        Action::Click(_) => return app.view.overlay = Some(overlay),
        action => action,
    };
    let next = overlay.layer().input(app, action);
    if next == Next::Stay && app.view.overlay.is_none() {
        app.view.overlay = Some(overlay);
    }
}

/// The open overlay on a new load of the archive.
pub(super) fn reload(app: &mut App, old: &Archive) {
    let Some(mut overlay) = app.view.overlay.take() else {
        return;
    };
    if overlay.layer().reload(app, old) == Next::Stay {
        app.view.overlay = Some(overlay);
    }
}
