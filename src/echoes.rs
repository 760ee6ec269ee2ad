//! Echoes: a message an archive holds twice because it was merged from several phones'
//! exports. A message is an echo when an earlier message of the same day (same group and
//! date) has the same time to the second and the same non-empty text: the body with HTML
//! entities decoded as for display and every run of white space made one space, trimmed.
//! The speaker may be the same name or another, and the names echoes link are one person.

use std::borrow::Cow;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::model::{Archive, Day, Echo, Person, PersonId, SpeakerId, Time};

/// Echoes that must link two names before they count as one person: one could be chance
/// (two people pasting the same link in the same second).
pub const ALIAS_LINKS: u32 = 2;

/// The echoes of `day`, in message order, each with the earlier message it repeats.
pub fn find(day: &Day) -> Vec<Echo> {
    let mut first: FxHashMap<(Time, Cow<str>), u32> = FxHashMap::default();
    let mut echoes = Vec::new();
    for (i, msg) in day.messages.iter().enumerate() {
        let text = normalized(day.body(msg));
        if text.is_empty() {
            continue;
        }
        match first.entry((msg.time, text)) {
            std::collections::hash_map::Entry::Occupied(e) => echoes.push(Echo {
                message: i as u32,
                of: *e.get(),
            }),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(i as u32);
            }
        }
    }
    echoes
}

/// Finds the echoes of every day of `archive`, in parallel.
pub fn find_all(archive: &mut Archive) {
    archive
        .days
        .par_iter_mut()
        .for_each(|day| day.echoes = find(day));
}

/// Pairs of distinct names an echo links, with how many echoes link them.
pub fn name_links(archive: &Archive) -> FxHashMap<(SpeakerId, SpeakerId), u32> {
    let mut links: FxHashMap<(SpeakerId, SpeakerId), u32> = FxHashMap::default();
    for day in &archive.days {
        for echo in &day.echoes {
            let a = day.messages[echo.of as usize].speaker;
            let b = day.messages[echo.message as usize].speaker;
            if a != b {
                *links.entry((a.min(b), a.max(b))).or_default() += 1;
            }
        }
    }
    links
}

/// Joins names linked by at least [`ALIAS_LINKS`] echoes into people: each person's names
/// most used first, people in the order of their first name's id.
pub fn join_people(archive: &mut Archive) {
    let n = archive.speakers.len();
    let mut parent: Vec<u32> = (0..n as u32).collect();
    fn root(parent: &mut [u32], mut i: u32) -> u32 {
        while parent[i as usize] != i {
            parent[i as usize] = parent[parent[i as usize] as usize];
            i = parent[i as usize];
        }
        i
    }
    for ((a, b), count) in name_links(archive) {
        if count >= ALIAS_LINKS {
            let (ra, rb) = (root(&mut parent, a.0), root(&mut parent, b.0));
            parent[ra.max(rb) as usize] = ra.min(rb);
        }
    }
    let mut index: FxHashMap<u32, PersonId> = FxHashMap::default();
    let mut people: Vec<Person> = Vec::new();
    let mut person_of = Vec::with_capacity(n);
    for id in 0..n as u32 {
        let r = root(&mut parent, id);
        let person = *index.entry(r).or_insert_with(|| {
            people.push(Person::default());
            PersonId(people.len() as u32 - 1)
        });
        let p = &mut people[person.0 as usize];
        p.names.push(SpeakerId(id));
        p.messages += archive.speakers[id as usize].messages;
        person_of.push(person);
    }
    for p in &mut people {
        let speakers = &archive.speakers;
        p.names
            .sort_by_key(|id| (std::cmp::Reverse(speakers[id.0 as usize].messages), *id));
    }
    archive.people = people;
    archive.person_of = person_of;
}

/// `text` with every run of white space one space, trimmed (bodies are decoded already).
pub fn normalized(text: &str) -> Cow<'_, str> {
    let text = text.trim();
    let mut prev_space = false;
    let clean = text.chars().all(|c| {
        let ok = c == ' ' && !prev_space || !c.is_whitespace();
        prev_space = c.is_whitespace();
        ok
    });
    if clean {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_runs_become_one_space() {
        assert_eq!(normalized("  a  b\n\tc　d "), "a b c d");
        assert!(matches!(normalized("a b"), Cow::Borrowed("a b")));
        assert_eq!(normalized(" \n "), "");
    }
}
