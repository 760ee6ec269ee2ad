//! Matching text: smart-case literal or regex queries, within a day and across the archive.
//!
//! Both kinds of query compile to one `regex::Regex`, whose literal prefilters (memchr,
//! Teddy) make a plain word search as fast as a hand-rolled one. A literal query scans a
//! day's whole text in one pass, as ripgrep scans a file, rather than calling the regex once
//! per message.

use std::ops::Range;

use chrono::NaiveDate;
use rayon::prelude::*;
use regex::{Regex, RegexBuilder};

use crate::filter::{self, SpeakerFilter};
use crate::model::{Archive, Day, GroupId, Message, SpeakerId};
use crate::text;

/// A compiled query.
#[derive(Clone, Debug)]
pub struct Matcher {
    re: Regex,
    /// A non-empty literal: it has no anchors or look-around, so a match found in a day's
    /// whole text from a message's start is a match in that message's text alone.
    literal: bool,
}

impl Matcher {
    /// A literal query (or a regular expression with `regex`), case-insensitive unless it
    /// holds an upper-case letter (smart case).
    pub fn new(query: &str, regex: bool) -> Result<Matcher, regex::Error> {
        let pattern = if regex {
            query.to_owned()
        } else {
            regex::escape(query)
        };
        let re = RegexBuilder::new(&pattern)
            .case_insensitive(!has_upper(query, regex))
            .size_limit(1 << 24)
            .build()?;
        Ok(Matcher {
            re,
            literal: !regex && !query.is_empty(),
        })
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.re.is_match(text)
    }

    /// Byte ranges of the non-empty matches in `text`, in order.
    pub fn find_iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        self.re
            .find_iter(text)
            .map(|m| m.range())
            .filter(|r| !r.is_empty())
    }
}

/// Whether `query` has an upper-case letter, ignoring regex escapes like `\S` or `\W`.
fn has_upper(query: &str, regex: bool) -> bool {
    let mut escaped = false;
    query.chars().any(|c| {
        let upper = c.is_uppercase() && !escaped;
        escaped = regex && c == '\\' && !escaped;
        upper
    })
}

/// Which messages a search looks at.
#[derive(Clone, Debug, Default)]
pub struct Scope {
    pub group: Option<GroupId>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Only these speakers; `None` means everyone.
    pub speakers: Option<SpeakerFilter>,
    /// Every message, echoes included (else an echo is left to the message it repeats).
    pub all: bool,
    /// Documents too, after the messages (a reader's `F` and `&` look at what it reads; a
    /// command's results are messages). A speaker filter leaves them out: they have none.
    pub documents: bool,
}

impl Scope {
    /// A scope from names as a person gives them (the command line, an MCP tool): an
    /// unknown group or a speaker named by none of the names is an error that names what
    /// there is; a name stands for its person, every name of theirs. All dates.
    pub fn named<S: AsRef<str>>(
        archive: &Archive,
        group: Option<&str>,
        speakers: &[S],
        all: bool,
    ) -> anyhow::Result<Scope> {
        let group = match group {
            Some(name) => Some(archive.find_group(name).ok_or_else(|| {
                let names: Vec<&str> = archive.groups.iter().map(|g| g.name.as_str()).collect();
                anyhow::anyhow!("no group {name:?} (groups: {})", names.join(", "))
            })?),
            None => None,
        };
        let named = archive.speakers_named(speakers);
        let people = named.into_iter().filter_map(|id| archive.person(id));
        let filter = SpeakerFilter::new(people.flat_map(|p| p.names.iter().copied()));
        let speaks = filter.as_ref().is_some_and(|f| {
            speakers_in(archive, group)
                .into_iter()
                .any(|id| f.contains(id))
        });
        if !speaks && !speakers.is_empty() {
            anyhow::bail!(no_speaker_named(archive, group, speakers));
        }
        Ok(Scope {
            group,
            speakers: filter,
            all,
            ..Scope::default()
        })
    }

    fn has_day(&self, day: &Day) -> bool {
        self.group.is_none_or(|g| g == day.group)
            && self.from.is_none_or(|f| day.date >= f)
            && self.to.is_none_or(|t| day.date <= t)
    }

    /// Whether message `i` of `day` is one this scope looks at.
    pub fn has_message(&self, day: &Day, i: usize) -> bool {
        filter::passes(self.speakers.as_ref(), &day.messages[i]) && (self.all || !day.is_echo(i))
    }
}

/// How many names an unknown speaker's error lists at most.
const NAMES_LISTED: usize = 8;

/// The speakers with a message in `group` (or the archive), each once.
fn speakers_in(archive: &Archive, group: Option<GroupId>) -> Vec<SpeakerId> {
    let days = match group {
        Some(g) => archive.group_days(g),
        None => &archive.days[..],
    };
    let mut seen = vec![false; archive.speakers.len()];
    let messages = days.iter().flat_map(|d| &d.messages);
    messages
        .filter(|m| {
            let seen = seen.get_mut(m.speaker.0 as usize);
            seen.is_some_and(|seen| !std::mem::replace(seen, true))
        })
        .map(|m| m.speaker)
        .collect()
}

/// `no speaker named "X" in GROUP; names containing it: "Xa", "bX" (and 3 more)`: the
/// names of `group` (or the archive) that hold one of `typed` (any case), busiest first,
/// at most [`NAMES_LISTED`]; or that none does.
fn no_speaker_named<S: AsRef<str>>(
    archive: &Archive,
    group: Option<GroupId>,
    typed: &[S],
) -> String {
    let quoted = |name: &str| format!("{:?}", text::shown(name));
    let wanted: Vec<String> = typed
        .iter()
        .map(|s| s.as_ref().trim().to_lowercase())
        .collect();
    let mut close: Vec<SpeakerId> = speakers_in(archive, group)
        .into_iter()
        .filter(|&id| {
            let name = archive.speaker(id).to_lowercase();
            wanted
                .iter()
                .any(|w| !w.is_empty() && name.contains(w.as_str()))
        })
        .collect();
    close.sort_by_key(|&id| std::cmp::Reverse(archive.speakers[id.0 as usize].messages));
    let names: Vec<String> = typed.iter().map(|s| quoted(s.as_ref())).collect();
    let place = group.map_or_else(
        || "the archive".to_owned(),
        |g| text::shown(&archive.group(g).name),
    );
    let listed: Vec<String> = close
        .iter()
        .take(NAMES_LISTED)
        .map(|&id| quoted(archive.speaker(id)))
        .collect();
    let them = if typed.len() == 1 { "it" } else { "them" };
    let more = match close.len().saturating_sub(NAMES_LISTED) {
        0 => String::new(),
        n => format!(" (and {n} more)"),
    };
    let close = if listed.is_empty() {
        format!("no name contains {them}")
    } else {
        format!("names containing {them}: {}{more}", listed.join(", "))
    };
    format!(
        "no speaker named {} in {place}; {close}",
        names.join(" or ")
    )
}

/// A message a search across days found: its day (index in `Archive::days`) and index in
/// the day. (A *hit* is a match highlighted in the open day.)
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Found {
    pub day: usize,
    pub message: usize,
}

/// The messages in `day` whose body matches, in file order, then with `scope.documents` the
/// documents whose text does: entry indices (see [`Entry`](crate::model::Entry)).
pub fn search_day(day: &Day, matcher: &Matcher, scope: &Scope) -> Vec<usize> {
    let mut found = if matcher.literal {
        scan_day(day, matcher, scope)
    } else {
        match_each(day, matcher, scope)
    };
    if scope.documents && scope.speakers.is_none() {
        let documents = day.document_entries().zip(&day.documents);
        found.extend(
            documents
                .filter(|(_, doc)| matcher.is_match(day.document_text(doc)))
                .map(|(i, _)| i),
        );
    }
    found
}

/// [`search_day`] in one scan of the day's text: after a message's first match the scan
/// resumes at the next body.
fn scan_day(day: &Day, matcher: &Matcher, scope: &Scope) -> Vec<usize> {
    let mut hits = Vec::new();
    let mut from = 0;
    while let Some((i, _)) = next_in_body(day, matcher, from) {
        if scope.has_message(day, i) {
            hits.push(i);
        }
        from = day.messages[i].body.1 as usize;
    }
    hits
}

/// The first match in a body at or after byte `from` of the day's text: (message index,
/// byte range in its body). Bodies lie back to back in message order, so a match belongs to
/// the message whose body holds its start; one running on into the next body is not a
/// match, and the rest of its own body is searched alone.
fn next_in_body(day: &Day, matcher: &Matcher, mut from: usize) -> Option<(usize, Range<usize>)> {
    loop {
        let m = matcher.re.find_at(&day.text, from)?;
        let (i, msg) = message_holding(day, m.start())?;
        let (start, end) = (msg.body.0 as usize, msg.body.1 as usize);
        if m.end() <= end {
            return Some((i, m.start() - start..m.end() - start));
        }
        if let Some(inside) = matcher.re.find_at(day.body(msg), m.start() - start) {
            return Some((i, inside.range()));
        }
        from = end;
    }
}

/// The message whose body holds byte `at` of the day's text, and its index: bodies lie back
/// to back in message order.
fn message_holding(day: &Day, at: usize) -> Option<(usize, &Message)> {
    let i = day
        .messages
        .partition_point(|msg| (msg.body.1 as usize) <= at);
    day.messages.get(i).map(|msg| (i, msg))
}

/// Every match in the bodies of `day`'s messages: (message index, byte range in its body),
/// in order, exactly as `find_iter` on each body would give them. A literal query scans the
/// day's text in one pass ([`next_in_body`]).
pub fn body_matches(day: &Day, matcher: &Matcher) -> Vec<(usize, Range<usize>)> {
    if !matcher.literal {
        let each = day.messages.iter().enumerate();
        return each
            .flat_map(|(i, msg)| matcher.find_iter(day.body(msg)).map(move |r| (i, r)))
            .collect();
    }
    let mut found = Vec::new();
    let mut from = 0;
    while let Some((i, range)) = next_in_body(day, matcher, from) {
        from = day.messages[i].body.0 as usize + range.end;
        found.push((i, range));
    }
    found
}

/// [`search_day`] one message at a time, for patterns whose meaning depends on where the
/// text starts and ends (`^`, `$`, `\b`) or that can match nothing.
fn match_each(day: &Day, matcher: &Matcher, scope: &Scope) -> Vec<usize> {
    day.messages
        .iter()
        .enumerate()
        .filter(|&(i, m)| scope.has_message(day, i) && matcher.is_match(day.body(m)))
        .map(|(i, _)| i)
        .collect()
}

/// Every message in the archive whose body matches, in archive order (group, date, file
/// order). Days are searched in parallel.
pub fn search_archive(archive: &Archive, matcher: &Matcher, scope: &Scope) -> Vec<Found> {
    archive
        .days
        .par_iter()
        .enumerate()
        .filter(|(_, day)| scope.has_day(day))
        .flat_map_iter(|(d, day)| {
            search_day(day, matcher, scope)
                .into_iter()
                .map(move |m| Found { day: d, message: m })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smart_case() {
        let lower = Matcher::new("pay", false).unwrap();
        assert!(lower.is_match("PayPal"));
        let upper = Matcher::new("Pay", false).unwrap();
        assert!(!upper.is_match("paypal"));
        assert!(upper.is_match("PayPal"));
    }

    #[test]
    fn literal_is_escaped() {
        let m = Matcher::new("a.b(", false).unwrap();
        assert!(m.is_match("x a.b( y"));
        assert!(!m.is_match("axb("));
    }

    #[test]
    fn regex_escapes_are_not_upper_case() {
        let m = Matcher::new(r"\S+付", true).unwrap();
        assert!(m.is_match("代付"));
        assert!(Matcher::new(r"\d+X", true).unwrap().is_match("12X"));
        assert!(!Matcher::new(r"\d+X", true).unwrap().is_match("12x"));
    }

    #[test]
    fn cjk_ranges_are_byte_ranges_on_char_boundaries() {
        let m = Matcher::new("代扣", false).unwrap();
        let text = "我们的代扣和代扣";
        let hits: Vec<_> = m.find_iter(text).collect();
        assert_eq!(hits, vec![9..15, 18..24]);
        assert!(
            hits.iter()
                .all(|r| text.is_char_boundary(r.start) && text.is_char_boundary(r.end))
        );
    }

    /// A day whose messages have these bodies, back to back as the parser lays them out.
    fn day_of(bodies: &[&str]) -> Day {
        let mut text = String::new();
        let messages = bodies
            .iter()
            .map(|b| {
                let start = text.len() as u32;
                text.push_str(b);
                Message {
                    time: crate::model::Time(0),
                    speaker: SpeakerId(0),
                    kind: crate::model::Kind::Text,
                    body: (start, text.len() as u32),
                    line: 1,
                }
            })
            .collect();
        Day {
            text: text.into(),
            messages,
            ..Day::new(GroupId(0), NaiveDate::MIN)
        }
    }

    #[test]
    fn scan_finds_a_match_hidden_behind_one_across_bodies() {
        // "a" + "aa": the whole text's first match of "aa" straddles the two bodies.
        let day = day_of(&["a", "aa", "", "b代", "扣"]);
        let m = Matcher::new("aa", false).unwrap();
        assert_eq!(scan_day(&day, &m, &Scope::default()), vec![1]);
        let cjk = Matcher::new("代扣", false).unwrap();
        assert!(scan_day(&day, &cjk, &Scope::default()).is_empty());
    }

    proptest::proptest! {
        #[test]
        fn body_matches_agree_with_each_body_alone(
            bodies in proptest::collection::vec("[abA代 ]{0,6}", 0..12),
            query in "[abA代 ]{1,3}",
        ) {
            let refs: Vec<&str> = bodies.iter().map(String::as_str).collect();
            let day = day_of(&refs);
            let m = Matcher::new(&query, false).unwrap();
            let each: Vec<(usize, Range<usize>)> = refs
                .iter()
                .enumerate()
                .flat_map(|(i, b)| m.find_iter(b).map(move |r| (i, r)).collect::<Vec<_>>())
                .collect();
            proptest::prop_assert_eq!(body_matches(&day, &m), each);
        }

        #[test]
        fn scan_agrees_with_matching_each_message(
            bodies in proptest::collection::vec("[abA代 ]{0,6}", 0..12),
            query in "[abA代 ]{1,3}",
        ) {
            let refs: Vec<&str> = bodies.iter().map(String::as_str).collect();
            let day = day_of(&refs);
            let m = Matcher::new(&query, false).unwrap();
            let scope = Scope::default();
            proptest::prop_assert_eq!(scan_day(&day, &m, &scope), match_each(&day, &m, &scope));
        }
    }

    #[test]
    fn bad_regex_is_an_error() {
        assert!(Matcher::new("(", true).is_err());
        assert!(Matcher::new("(", false).is_ok());
    }
}
