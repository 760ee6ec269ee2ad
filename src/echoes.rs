//! Echoes: a message an archive holds twice because it was merged from several phones'
//! exports. A message is an echo when an earlier message of the same day (same group and
//! date) has the same time to the second and the same non-empty text: the body with HTML
//! entities decoded as for display and every run of white space made one space, trimmed.
//! The speaker may be the same name or another, and the names echoes link are one person.

use rayon::prelude::*;
use std::hash::{BuildHasher, Hasher, RandomState};

use rustc_hash::FxHashMap;

use crate::model::{Archive, Day, Echo, Person, PersonId, SpeakerId};

/// Echoes that must link two names before they count as one person: one could be chance
/// (two people pasting the same link in the same second).
pub const ALIAS_LINKS: u32 = 2;

/// Messages at one second compared text to text before they are looked up by hash.
const FEW: usize = 16;

/// The echoes of `day`, in message order, each with the earliest message it repeats.
///
/// Only messages at the same second can be echoes, and most seconds hold one: the day's
/// messages are sorted by second (in linear time when they come in order, as a day's mostly
/// do), and only seconds of two messages or more are looked at. There a message is compared
/// with the earlier ones, text to text (two different texts differ within a few characters),
/// and nothing is copied; a second crowded past [`FEW`] messages is looked up by a hash of
/// the normalized text instead, so a day costs linear time however its seconds are shared.
pub fn find(day: &Day) -> Vec<Echo> {
    // Each message as its second, then its index: sorted, a second's messages in day order.
    let mut order: Vec<u64> = day
        .messages
        .iter()
        .enumerate()
        .map(|(i, m)| (u64::from(m.time.0) << 32) | i as u64)
        .collect();
    order.sort_unstable();
    let mut echoes = Vec::new();
    let keys = RandomState::new();
    let mut at = Vec::new();
    for second in order.chunk_by(|a, b| a >> 32 == b >> 32) {
        if second.len() < 2 {
            continue;
        }
        at.clear();
        at.extend(second.iter().map(|&k| k as u32));
        if at.len() <= FEW {
            echoes_among(day, &at, &mut echoes);
        } else {
            crowded_echoes_among(day, &at, &keys, &mut echoes);
        }
    }
    echoes.sort_unstable_by_key(|e| e.message);
    echoes
}

/// The echoes among the messages `at` (one second's, in day order), text against text.
fn echoes_among(day: &Day, at: &[u32], echoes: &mut Vec<Echo>) {
    let body = |i: u32| day.body(&day.messages[i as usize]);
    let text = |i: u32| normalized_chars(body(i));
    // The normalized text's first character, its first that is not white space: two texts
    // that differ there (most do) are told apart without reading either to the end, as
    // finding the first word of a text without spaces would.
    let first = |i: u32| body(i).trim_start().chars().next();
    for (j, &i) in at.iter().enumerate().skip(1) {
        let Some(c) = first(i) else {
            continue;
        };
        let same = |&&k: &&u32| first(k) == Some(c) && text(k).eq(text(i));
        if let Some(&of) = at[..j].iter().find(same) {
            echoes.push(Echo { message: i, of });
        }
    }
}

/// [`echoes_among`] for a crowded second: each text looked up by the hash of its normalized
/// form, keyed by `keys`.
fn crowded_echoes_among(day: &Day, at: &[u32], keys: &RandomState, echoes: &mut Vec<Echo>) {
    let body = |i: u32| day.body(&day.messages[i as usize]);
    let same = |k: u32, i: u32| normalized_chars(body(k)).eq(normalized_chars(body(i)));
    let mut earliest: FxHashMap<u64, u32> = FxHashMap::default();
    for (j, &i) in at.iter().enumerate() {
        let Some(hash) = text_hash(keys, body(i)) else {
            continue;
        };
        let of = match *earliest.entry(hash).or_insert(i) {
            k if k == i => None,
            k if same(k, i) => Some(k),
            // Two texts sharing a 64-bit hash, by chance alone: the text itself decides.
            _ => at[..j].iter().copied().find(|&k| same(k, i)),
        };
        if let Some(of) = of {
            echoes.push(Echo { message: i, of });
        }
    }
}

/// A hash of `text`'s normalized form, or `None` when that is empty. Keyed afresh each
/// run (SipHash), so no text can be made to collide with another on purpose.
fn text_hash(keys: &RandomState, text: &str) -> Option<u64> {
    let mut hasher = keys.build_hasher();
    let mut any = false;
    // Word by word, each closed by a byte no UTF-8 text holds: the normalized form's hash.
    for word in words(text) {
        any = true;
        hasher.write(word.as_bytes());
        hasher.write_u8(0xff);
    }
    any.then(|| hasher.finish())
}

/// The words of `text`: what white space separates.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(char::is_whitespace).filter(|w| !w.is_empty())
}

/// The characters of `text` with every run of white space one space, trimmed.
fn normalized_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    let mut words = words(text);
    let mut first = true;
    std::iter::from_fn(move || {
        let word = words.next()?;
        let space = !std::mem::take(&mut first);
        Some(space.then_some(' ').into_iter().chain(word.chars()))
    })
    .flatten()
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
    // No name is nobody's alias: a message logged without one echoes everyone.
    let named = |id: SpeakerId| !archive.is_unnamed(id);
    for ((a, b), count) in name_links(archive) {
        if count >= ALIAS_LINKS && named(a) && named(b) {
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

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::{GroupId, Kind, Message, SpeakerId, Time};

    /// A day of (second, speaker, text) messages.
    fn day_of(messages: &[(u32, u32, &str)]) -> Day {
        let mut text = String::new();
        let messages = messages
            .iter()
            .map(|&(second, speaker, body)| {
                let start = text.len() as u32;
                text.push_str(body);
                Message {
                    time: Time(second),
                    speaker: SpeakerId(speaker),
                    kind: Kind::Text,
                    body: (start, text.len() as u32),
                    line: 1,
                }
            })
            .collect();
        Day {
            text: text.into(),
            messages,
            ..Day::new(GroupId(0), chrono::NaiveDate::MIN)
        }
    }

    /// The definition, word for word, in quadratic time.
    fn echoes_by_definition(day: &Day) -> Vec<Echo> {
        let norm = |i: usize| normalized_chars(day.body(&day.messages[i])).collect::<String>();
        (0..day.messages.len())
            .filter_map(|i| {
                let of = (0..i).find(|&k| {
                    day.messages[k].time == day.messages[i].time
                        && !norm(i).is_empty()
                        && norm(k) == norm(i)
                })?;
                Some(Echo {
                    message: i as u32,
                    of: of as u32,
                })
            })
            .collect()
    }

    #[test]
    fn an_echo_repeats_an_earlier_text_at_the_same_second_under_any_name() {
        let day = day_of(&[
            (10, 0, "hello  world"),
            (10, 1, " hello world\n"),
            (11, 0, "hello world"),
            (10, 0, "hello world"),
            (12, 0, ""),
            (12, 1, "  "),
        ]);
        let echoes = find(&day);
        assert_eq!(
            echoes,
            [Echo { message: 1, of: 0 }, Echo { message: 3, of: 0 }]
        );
        assert_eq!(echoes, echoes_by_definition(&day));
    }

    #[test]
    fn a_crowded_second_finds_what_the_definition_finds() {
        // 300 messages in one second, texts from a small set: past FEW, found by hash.
        let texts = ["a", "b b", "b  b", "c", "", "d\u{3000}e", "d e"];
        let messages: Vec<(u32, u32, &str)> = (0..300)
            .map(|i| {
                (
                    5 + (i % 3 == 0) as u32,
                    i % 4,
                    texts[(i * 7 + i / 5) as usize % texts.len()],
                )
            })
            .collect();
        let day = day_of(&messages);
        assert_eq!(find(&day), echoes_by_definition(&day));
    }

    proptest::proptest! {
        /// Days in any order of seconds, crowded or not: what the definition finds.
        #[test]
        fn any_day_has_the_echoes_the_definition_gives(
            messages in proptest::collection::vec((0u32..4, 0u32..3, 0usize..6), 0..60),
        ) {
            let texts = ["a", "a ", "b", "", " ", "b\u{3000}"];
            let messages: Vec<(u32, u32, &str)> =
                messages.iter().map(|&(s, who, t)| (s, who, texts[t])).collect();
            let day = day_of(&messages);
            proptest::prop_assert_eq!(find(&day), echoes_by_definition(&day));
        }
    }

    #[test]
    fn white_space_runs_become_one_space() {
        let normalized = |s| normalized_chars(s).collect::<String>();
        assert_eq!(normalized("  a  b\n\tc\u{3000}d "), "a b c d");
        assert_eq!(normalized("a b"), "a b");
        assert_eq!(normalized(" \n "), "");
    }
}
