//! The speaker picker (`s`): the day's (or group's) speakers with their counts, narrowed by
//! typing; the ticked ones become the filter on Enter.

use std::collections::BTreeSet;

use super::layer::{Layer, Next};
use crate::action::Action;
use crate::activity::{Span, per_speaker};
use crate::app::reader::Reader;
use crate::filter::SpeakerFilter;
use crate::keymap::Context;
use crate::model::{Archive, SpeakerId};

/// Choices pending until Enter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpeakerPicker {
    /// Narrows the list to names containing it (case-insensitive).
    pub query: String,
    /// Counts over the whole group rather than the day.
    pub whole_group: bool,
    /// The speakers of the day (or group) with their counts, most first: counted when the
    /// picker opens or Tab switches, not on each key.
    pub counts: Vec<(SpeakerId, usize)>,
    pub chosen: BTreeSet<SpeakerId>,
    pub cursor: usize,
}

/// The picker over the open day, the filter's speakers ticked.
pub fn open(app: &dyn Reader) -> SpeakerPicker {
    SpeakerPicker {
        query: String::new(),
        whole_group: false,
        counts: per_speaker(app.archive(), Span::Day(app.view().day)),
        chosen: app.view().filter.iter().flat_map(|f| f.ids()).collect(),
        cursor: 0,
    }
}

impl SpeakerPicker {
    /// The picker's rows: speakers with their message counts, most first, narrowed by
    /// the query.
    pub fn entries(&self, archive: &Archive) -> Vec<(SpeakerId, usize)> {
        let needle = self.query.to_lowercase();
        self.counts
            .iter()
            .filter(|(id, _)| {
                needle.is_empty() || archive.speaker(*id).to_lowercase().contains(&needle)
            })
            .copied()
            .collect()
    }

    /// Counts again over the day or the group, as the scope says.
    fn count(&mut self, app: &dyn Reader) {
        let span = if self.whole_group {
            Span::Group(app.view().group)
        } else {
            Span::Day(app.view().day)
        };
        self.counts = per_speaker(app.archive(), span);
    }
}

impl Layer for SpeakerPicker {
    fn contexts(&self) -> &'static [Context] {
        &[Context::Picker, Context::Always]
    }

    fn input(&mut self, app: &mut dyn Reader, action: Action) -> Next {
        let entries = self.entries(app.archive());
        match action {
            Action::Type(c) => {
                self.query.push(c);
                self.cursor = 0;
            }
            Action::Backspace => {
                self.query.pop();
                self.cursor = 0;
            }
            Action::CursorUp => self.cursor = self.cursor.saturating_sub(1),
            Action::CursorDown => {
                self.cursor = (self.cursor + 1).min(entries.len().saturating_sub(1))
            }
            Action::Toggle => {
                if let Some(&(id, _)) = entries.get(self.cursor)
                    && !self.chosen.remove(&id)
                {
                    self.chosen.insert(id);
                }
            }
            Action::ToggleScope => {
                self.whole_group = !self.whole_group;
                self.count(app);
                self.cursor = 0;
            }
            Action::Submit => {
                // Enter with nothing ticked takes the row under the cursor.
                if self.chosen.is_empty()
                    && let Some(&(id, _)) = entries.get(self.cursor)
                {
                    self.chosen.insert(id);
                }
                app.set_filter(SpeakerFilter::new(std::mem::take(&mut self.chosen)));
                return Next::Close;
            }
            Action::Cancel => return Next::Close,
            _ => {}
        }
        Next::Stay
    }

    /// Counts again on the new archive, the ticked speakers found by name.
    fn reload(&mut self, app: &dyn Reader, old: &Archive) -> Next {
        let names: Vec<&str> = self.chosen.iter().map(|&id| old.speaker(id)).collect();
        self.chosen = app.archive().speakers_named(&names).into_iter().collect();
        self.count(app);
        self.cursor = self
            .cursor
            .min(self.entries(app.archive()).len().saturating_sub(1));
        Next::Stay
    }
}
