//! The search in the open day as data: the query ([`DaySearch`]), where it matches in the
//! shown messages ([`Hit`]), and finding those matches.

use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::model::{Archive, Day, Document, Entry, Kind, SpeakerId};
use crate::rows;
use crate::search::{self, Matcher};
/// A search in the open day: the query as typed and its compiled form.
#[derive(Clone, Debug)]
pub struct DaySearch {
    pub query: String,
    /// The query is a regular expression (searches opened from the archive's results).
    pub regex: bool,
    pub matcher: Matcher,
}

impl DaySearch {
    /// A literal search for what was typed; none for nothing typed.
    pub fn typed(query: &str) -> Option<DaySearch> {
        let matcher = Matcher::new(query, false).ok()?;
        (!query.is_empty()).then(|| DaySearch {
            query: query.to_owned(),
            regex: false,
            matcher,
        })
    }
}

/// A filter by text (less's `&`): only the messages matching `query`, or with `hide` only
/// those not matching it.
#[derive(Clone, Debug)]
pub struct TextFilter {
    pub query: String,
    pub hide: bool,
    pub matcher: Matcher,
}

impl TextFilter {
    /// `TEXT` keeps the messages holding it; `!TEXT` hides them. None for nothing typed.
    pub fn typed(typed: &str) -> Option<TextFilter> {
        let (hide, query) = match typed.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, typed),
        };
        let matcher = Matcher::new(query, false).ok()?;
        (!query.is_empty()).then(|| TextFilter {
            query: query.to_owned(),
            hide,
            matcher,
        })
    }

    /// How the status line names it: `&TEXT` or `&!TEXT`.
    pub fn label(&self) -> String {
        format!("&{}{}", if self.hide { "!" } else { "" }, self.query)
    }

    /// Keeps of `shown` (indices into `day`, in order) what this filter lets through.
    pub fn apply(&self, day: &Day, shown: &mut Vec<usize>) {
        let everyone = crate::search::Scope {
            all: true,
            documents: true,
            ..Default::default()
        };
        let matching = crate::search::search_day(day, &self.matcher, &everyone);
        let mut next = matching.iter().peekable();
        shown.retain(|&i| {
            while next.next_if(|&&m| m < i).is_some() {}
            next.peek().is_some_and(|&&m| m == i) != self.hide
        });
    }
}

/// Where a match of the day search is in a shown message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Index into `Derived::shown`.
    pub pos: usize,
    /// In the speaker name (header row) rather than the shown body.
    pub in_name: bool,
    pub range: Range<usize>,
}

/// All hits in the shown messages: in speaker names and in shown bodies, in order. Each
/// name is searched once, and the bodies in one pass over the day's text (an image's shown
/// body is its label, searched alone): on a 100 k-message day, per-message calls were most
/// of the time of a keystroke.
pub fn hits_in(archive: &Archive, day: &Day, shown: &[usize], matcher: &Matcher) -> Vec<Hit> {
    let mut names: FxHashMap<SpeakerId, Vec<Range<usize>>> = FxHashMap::default();
    let in_bodies = search::body_matches(day, matcher);
    let mut next = 0; // first of `in_bodies` not yet passed
    let mut hits = Vec::new();
    for (pos, &i) in shown.iter().enumerate() {
        let msg = match day.entry(i) {
            Some(Entry::Message(msg)) => msg,
            Some(Entry::Document(doc)) => {
                hits.extend(document_hits(day, (i, doc), pos, matcher));
                continue;
            }
            None => continue,
        };
        let in_name = names
            .entry(msg.speaker)
            .or_insert_with(|| matcher.find_iter(archive.speaker(msg.speaker)).collect());
        hits.extend(in_name.iter().map(|range| Hit {
            pos,
            in_name: true,
            range: range.clone(),
        }));
        // Both lists go by message: walk `in_bodies` along with `shown`.
        while in_bodies.get(next).is_some_and(|(m, _)| *m < i) {
            next += 1;
        }
        let first = next;
        while in_bodies.get(next).is_some_and(|(m, _)| *m == i) {
            next += 1;
        }
        let body_hit = |range| Hit {
            pos,
            in_name: false,
            range,
        };
        // What shows is searched where it differs from what is held: an image always, a
        // message with Markdown links when its text matches at all (a title is its text
        // with links' URLs and tags left out), so a keystroke reads no other bodies.
        let image = msg.kind == Kind::Image;
        if image || (first < next && rows::transformed(day, msg)) {
            hits.extend(
                matcher
                    .find_iter(&rows::display_body(day, msg))
                    .map(body_hit),
            );
        } else {
            hits.extend(
                in_bodies[first..next]
                    .iter()
                    .map(|(_, r)| body_hit(r.clone())),
            );
        }
    }
    hits
}

/// The hits in a document: in its title (shown where a name is) and its shown text.
fn document_hits(day: &Day, (i, doc): (usize, &Document), pos: usize, m: &Matcher) -> Vec<Hit> {
    let hit = |in_name| {
        move |range| Hit {
            pos,
            in_name,
            range,
        }
    };
    let mut hits: Vec<Hit> = m.find_iter(&doc.title).map(hit(true)).collect();
    hits.extend(m.find_iter(&rows::display_entry(day, i)).map(hit(false)));
    hits
}
