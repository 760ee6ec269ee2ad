//! Speaker names → archive-wide ids, in two steps so that most of the work runs on every
//! core: the load's workers give each message its speaker's provisional id as they parse,
//! asking a shared table only for names new to them, and count each id's messages; then one
//! pass over the assembled days numbers speakers in order of first appearance, so ids never
//! depend on which worker came first.

use std::sync::{Mutex, PoisonError};

use rustc_hash::FxHashMap;

use crate::entities;
use crate::model::{Message, Speaker, SpeakerId, UNNAMED};
use crate::parse::Speakers;

/// The provisional id of the speaker of messages logged without a name: no name, so no
/// name's id, even a speaker's called `(no name)`. The parser gives them id 0 itself.
const UNNAMED_ID: u32 = 0;

/// Every name given a provisional id so far, shared by a load's workers.
pub(super) struct NameTable {
    ids: FxHashMap<Box<str>, u32>,
    /// Each provisional id's name.
    names: Vec<Box<str>>,
}

impl Default for NameTable {
    fn default() -> NameTable {
        NameTable {
            ids: FxHashMap::default(),
            names: vec![UNNAMED.into()],
        }
    }
}

impl NameTable {
    fn id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(name.into());
        self.ids.insert(name.into(), id);
        id
    }
}

/// One worker's view of the shared table: the names it has met, as files spell them, and
/// their ids; and how many messages of each id its files hold.
pub(super) struct NameCache<'a> {
    shared: &'a Mutex<NameTable>,
    ids: FxHashMap<Box<str>, u32>,
    /// Messages of each provisional id so far.
    counts: Vec<u32>,
}

impl<'a> NameCache<'a> {
    pub(super) fn new(shared: &'a Mutex<NameTable>) -> Self {
        NameCache {
            shared,
            ids: FxHashMap::default(),
            counts: Vec::new(),
        }
    }

    /// Counts the messages of a file logged without names, `count` of them: the parser
    /// gives them [`UNNAMED_ID`] without asking.
    pub(super) fn unnamed(&mut self, count: usize) {
        self.count(UNNAMED_ID, count as u32);
    }

    /// Each provisional id's count of messages in this worker's files.
    pub(super) fn into_counts(self) -> Vec<u32> {
        self.counts
    }

    fn count(&mut self, id: u32, messages: u32) {
        if self.counts.len() <= id as usize {
            self.counts.resize(id as usize + 1, 0);
        }
        self.counts[id as usize] += messages;
    }

    /// The provisional id of `name`, as a file spells it.
    fn id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        // Nothing panics while holding the table: a poisoned lock still holds whole data.
        let mut table = self.shared.lock().unwrap_or_else(PoisonError::into_inner);
        let id = table.id(&entities::decode(name));
        self.ids.insert(name.into(), id);
        id
    }
}

impl Speakers for NameCache<'_> {
    /// The provisional id, its message counted.
    fn speaker(&mut self, name: &str) -> SpeakerId {
        let id = self.id(name);
        self.count(id, 1);
        SpeakerId(id)
    }
}

/// Archive ids, given in order of first appearance as days are assembled.
pub(super) struct Numbering {
    names: Vec<Box<str>>,
    /// Each provisional id's count of messages in the archive.
    counts: Vec<u32>,
    /// Each provisional id's archive id (`u32::MAX`: not met yet).
    ids: Vec<u32>,
    /// Provisional ids with messages not met yet: none left, no message need be read.
    left: usize,
    pub(super) speakers: Vec<Speaker>,
}

impl Numbering {
    /// The numbering of the names of `table`, whose messages the workers counted in
    /// `counts` (one list each).
    pub(super) fn new(table: NameTable, counts: Vec<Vec<u32>>) -> Numbering {
        let mut total = vec![0; table.names.len()];
        for worker in counts {
            for (sum, n) in total.iter_mut().zip(worker) {
                *sum += n;
            }
        }
        Numbering {
            ids: vec![u32::MAX; table.names.len()],
            left: total.iter().filter(|&&n| n > 0).count(),
            counts: total,
            names: table.names,
            speakers: Vec::new(),
        }
    }

    /// Numbers the speakers of `messages` (provisional ids), the next in archive order,
    /// met for the first time.
    pub(super) fn number(&mut self, messages: &[Message]) {
        for m in messages {
            if self.left == 0 {
                return;
            }
            let provisional = m.speaker.0 as usize;
            if self.ids.get(provisional) == Some(&u32::MAX) {
                self.ids[provisional] = self.speakers.len() as u32;
                self.speakers.push(Speaker {
                    name: self.names[provisional].to_string(),
                    messages: self.counts[provisional],
                });
                self.left -= 1;
            }
        }
    }

    /// Each provisional id's archive id, once every day is numbered.
    pub(super) fn ids(&self) -> &[u32] {
        &self.ids
    }

    /// The speaker of messages logged without a name, if any was.
    pub(super) fn unnamed(&self) -> Option<SpeakerId> {
        let id = self.ids[UNNAMED_ID as usize];
        (id != u32::MAX).then_some(SpeakerId(id))
    }
}
