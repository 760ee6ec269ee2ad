//! The speaker picker (`s`): the people of the day (or group) with all their names and
//! their counts, narrowed by typing any of the names; the ticked people become the filter
//! on Enter, every name of theirs in it.

use std::collections::BTreeSet;

use super::layer::{Layer, Next};
use crate::action::Action;
use crate::activity::{Span, per_person};
use crate::app::reader::Reader;
use crate::filter::SpeakerFilter;
use crate::keymap::Context;
use crate::model::{Archive, PersonId};

/// Choices pending until Enter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpeakerPicker {
    /// Narrows the list to people with a name containing it (case-insensitive).
    pub query: String,
    /// Counts over the whole group rather than the day.
    pub whole_group: bool,
    /// The people of the day (or group) with their counts, most first: counted when the
    /// picker opens or Tab switches, not on each key.
    pub counts: Vec<(PersonId, usize)>,
    pub chosen: BTreeSet<PersonId>,
    pub cursor: usize,
}

/// The picker over the open day, the filter's people ticked.
pub fn open(app: &dyn Reader) -> SpeakerPicker {
    let archive = app.archive();
    let chosen = app.view().filter.iter().flat_map(|f| f.ids());
    SpeakerPicker {
        query: String::new(),
        whole_group: false,
        counts: per_person(archive, Span::Day(app.view().day), app.view().fold),
        chosen: chosen.filter_map(|id| archive.person_id(id)).collect(),
        cursor: 0,
    }
}

impl SpeakerPicker {
    /// The picker's rows: people with their message counts, most first, narrowed by the
    /// query (any of their names may hold it).
    pub fn entries(&self, archive: &Archive) -> Vec<(PersonId, usize)> {
        let needle = self.query.to_lowercase();
        self.counts
            .iter()
            .filter(|(id, _)| {
                needle.is_empty()
                    || archive.people[id.0 as usize]
                        .names
                        .iter()
                        .any(|&n| archive.speaker(n).to_lowercase().contains(&needle))
            })
            .copied()
            .collect()
    }

    /// Counts again over the day or the group, as the scope says.
    fn count(&mut self, app: &dyn Reader) {
        let view = app.view();
        let span = if self.whole_group {
            Span::Group(view.group)
        } else {
            Span::Day(view.day)
        };
        self.counts = per_person(app.archive(), span, view.fold);
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
                let archive = app.archive();
                let names = self
                    .chosen
                    .iter()
                    .flat_map(|p| archive.people[p.0 as usize].names.iter().copied());
                let filter = SpeakerFilter::new(names);
                app.set_filter(filter);
                return Next::Close;
            }
            Action::Cancel => return Next::Close,
            _ => {}
        }
        Next::Stay
    }

    /// Counts again on the new archive, the ticked people found by their names.
    fn reload(&mut self, app: &dyn Reader, old: &Archive) -> Next {
        let archive = app.archive();
        let names: Vec<&str> = self
            .chosen
            .iter()
            .flat_map(|p| {
                old.people[p.0 as usize]
                    .names
                    .iter()
                    .map(|&n| old.speaker(n))
            })
            .collect();
        let ids = archive.speakers_named(&names);
        self.chosen = ids
            .into_iter()
            .filter_map(|id| archive.person_id(id))
            .collect();
        self.count(app);
        self.cursor = self
            .cursor
            .min(self.entries(archive).len().saturating_sub(1));
        Next::Stay
    }
}
