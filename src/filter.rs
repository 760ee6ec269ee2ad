//! Whose messages are shown: the one speaker filter the reader, `show`, `search`,
//! `:export` and the search across the archive all use.

use std::collections::BTreeSet;

use crate::model::{Archive, Day, Message, SpeakerId};

/// Only these speakers' messages; never empty (no filter is `None` where one is held).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SpeakerFilter(BTreeSet<SpeakerId>);

impl SpeakerFilter {
    /// A filter of `ids`; `None` when there are none (a filter of nobody shows nothing,
    /// which nobody asks for).
    pub fn new(ids: impl IntoIterator<Item = SpeakerId>) -> Option<SpeakerFilter> {
        let ids: BTreeSet<SpeakerId> = ids.into_iter().collect();
        (!ids.is_empty()).then_some(SpeakerFilter(ids))
    }

    pub fn contains(&self, id: SpeakerId) -> bool {
        self.0.contains(&id)
    }

    pub fn ids(&self) -> impl Iterator<Item = SpeakerId> + '_ {
        self.0.iter().copied()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The chosen speakers' names in `archive`.
    pub fn names<'a>(&self, archive: &'a Archive) -> Vec<&'a str> {
        self.ids().map(|id| archive.speaker(id)).collect()
    }
}

/// Whether `msg` passes `filter` (every message passes no filter).
pub fn passes(filter: Option<&SpeakerFilter>, msg: &Message) -> bool {
    filter.is_none_or(|f| f.contains(msg.speaker))
}

/// Indices of `day`'s messages that pass `filter`, in file order; with `fold`, echoes
/// left out (the message they repeat stands for them).
pub fn shown(filter: Option<&SpeakerFilter>, fold: bool, day: &Day) -> Vec<usize> {
    let mut echoes = day.echoes.iter().map(|e| e.message as usize).peekable();
    let mut shown =
        Vec::with_capacity(day.messages.len() - if fold { day.echoes.len() } else { 0 });
    for (i, msg) in day.messages.iter().enumerate() {
        if echoes.next_if_eq(&i).is_some() && fold {
            continue;
        }
        if passes(filter, msg) {
            shown.push(i);
        }
    }
    shown
}
