//! What covers the panes: one file per overlay, each holding its state and taking its
//! input through the [`Layer`] protocol; `ui/<same name>.rs` draws it. A new overlay is a
//! file here, a file in `ui/`, and a line in [`overlays!`] below.

pub mod activity;
pub mod calendar;
pub mod groups;
pub mod help;
pub mod layer;
pub mod links;
pub mod prompt;
pub mod results;
pub mod speakers;

use layer::Layer;

use crate::keymap::Context;

/// Lists the overlays once: the enum of them and its dispatch to [`Layer`].
macro_rules! overlays {
    ($($(#[$doc:meta])* $name:ident($state:ty),)*) => {
        /// The overlay open over the panes.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub enum Overlay {
            $($(#[$doc])* $name($state),)*
        }

        impl Overlay {
            /// Its state, as the protocol every overlay follows.
            pub fn layer(&mut self) -> &mut dyn Layer {
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
    /// `o` on a message with several links: which to open or copy.
    Links(links::Links),
}
