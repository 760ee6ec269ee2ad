//! Whose messages are shown: the one speaker filter the reader, `show`, `search`,
//! `:export` and the search across the archive all use.

use std::collections::BTreeSet;

use crate::model::{Archive, Day, Message, SpeakerId};
use crate::text;

/// Only these speakers' messages; never empty (no filter is `None` where one is held).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SpeakerFilter {
    ids: BTreeSet<SpeakerId>,
    /// One bit per speaker id up to the largest: a message is tested in constant time,
    /// however many names a person has.
    bits: Vec<u64>,
}

impl SpeakerFilter {
    /// A filter of `ids`; `None` when there are none (a filter of nobody shows nothing,
    /// which nobody asks for).
    pub fn new(ids: impl IntoIterator<Item = SpeakerId>) -> Option<SpeakerFilter> {
        let ids: BTreeSet<SpeakerId> = ids.into_iter().collect();
        let last = ids.last()?.0 as usize;
        let mut bits = vec![0u64; last / 64 + 1];
        for id in &ids {
            bits[id.0 as usize / 64] |= 1 << (id.0 % 64);
        }
        Some(SpeakerFilter { ids, bits })
    }

    pub fn contains(&self, id: SpeakerId) -> bool {
        let i = id.0 as usize;
        self.bits
            .get(i / 64)
            .is_some_and(|word| word & (1 << (i % 64)) != 0)
    }

    pub fn ids(&self) -> impl Iterator<Item = SpeakerId> + '_ {
        self.ids.iter().copied()
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// `speaker 张三`, or `speakers 张三, 李四, 王五 and 2 more`: the people chosen, each by
    /// the name they go by (their other names are chosen with them), for a heading. Inert.
    pub fn label(&self, archive: &Archive) -> String {
        const NAMED: usize = 3;
        let mut people: Vec<String> = Vec::new();
        for id in self.ids() {
            let name = match archive.person_id(id) {
                Some(person) => archive.person_name(person),
                None => archive.speaker(id),
            };
            let name = text::shown(name);
            if !people.contains(&name) {
                people.push(name);
            }
        }
        let more = match people.len().saturating_sub(NAMED) {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        let noun = text::plural(people.len(), "speaker", "speakers");
        people.truncate(NAMED);
        format!("{noun} {}{more}", people.join(", "))
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

/// Entry indices of `day`'s messages that pass `filter`, in file order, then of its
/// documents when there is no filter (they have no speaker); with `fold`, echoes left out
/// (the message they repeat stands for them).
pub fn shown(filter: Option<&SpeakerFilter>, fold: bool, day: &Day) -> Vec<usize> {
    let messages = day
        .kept_indexed(fold)
        .filter(|(_, msg)| passes(filter, msg))
        .map(|(i, _)| i);
    let documents = filter.is_none().then(|| day.document_entries());
    messages.chain(documents.into_iter().flatten()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_holds_exactly_its_ids() {
        let f = SpeakerFilter::new([3, 64, 200].map(SpeakerId)).unwrap();
        let held: Vec<u32> = (0..300).filter(|&i| f.contains(SpeakerId(i))).collect();
        assert_eq!(held, [3, 64, 200]);
        assert!(SpeakerFilter::new([]).is_none());
    }
}
