//! Speaker names → archive-wide ids, in two steps so that most of the work runs on every
//! core: the load's workers give each file's names provisional ids as they parse, asking a
//! shared table only for names new to them; then one pass over the assembled days numbers
//! speakers in order of first appearance, so ids never depend on which worker came first.

use std::sync::{Mutex, PoisonError};

use rustc_hash::FxHashMap;

use crate::entities;
use crate::model::{Speaker, SpeakerId, UNNAMED};
use crate::parse::Speakers;

/// The provisional id of the speaker of messages logged without a name: no name, so no
/// name's id, even a speaker's called `(no name)`.
const UNNAMED_ID: u32 = 0;

/// A file's speakers in the order of its own ids: each one's id (provisional, then the
/// archive's once numbered) and count of messages.
pub(super) type FileSpeakers = Vec<(u32, u32)>;

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
/// their ids; and the file being parsed, its speakers' ids.
pub(super) struct NameCache<'a> {
    shared: &'a Mutex<NameTable>,
    ids: FxHashMap<Box<str>, u32>,
    /// The file being parsed: each of its speakers' provisional id and count of messages,
    /// in the order of its own ids.
    file: FileSpeakers,
    /// Each provisional id's id in the file ([`NOT_IN_FILE`] for most).
    in_file: Vec<u32>,
}

const NOT_IN_FILE: u32 = u32::MAX;

impl<'a> NameCache<'a> {
    pub(super) fn new(shared: &'a Mutex<NameTable>) -> Self {
        NameCache {
            shared,
            ids: FxHashMap::default(),
            file: Vec::new(),
            in_file: Vec::new(),
        }
    }

    /// Ends the file parsed since the last call, whose messages were `unnamed` (`count` of
    /// them) or not: each of its speakers, in the order of its own ids, as its provisional
    /// id and count of messages.
    pub(super) fn end_file(&mut self, unnamed: bool, count: usize) -> FileSpeakers {
        for &(id, _) in &self.file {
            self.in_file[id as usize] = NOT_IN_FILE;
        }
        // A copy of its own size: the list kept grows once, not again for every file.
        let file = self.file.clone();
        self.file.clear();
        if unnamed {
            return vec![(UNNAMED_ID, count as u32)];
        }
        file
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
    /// The id in the file being parsed, its message counted.
    fn speaker(&mut self, name: &str) -> SpeakerId {
        let id = self.id(name);
        if self.in_file.len() <= id as usize {
            self.in_file.resize(id as usize + 1, NOT_IN_FILE);
        }
        let slot = &mut self.in_file[id as usize];
        if *slot == NOT_IN_FILE {
            *slot = self.file.len() as u32;
            self.file.push((id, 0));
        }
        let local = *slot;
        self.file[local as usize].1 += 1;
        SpeakerId(local)
    }
}

/// Archive ids, given in order of first appearance as days are assembled.
pub(super) struct Numbering {
    names: Vec<Box<str>>,
    /// Each provisional id's archive id (`u32::MAX`: not met yet).
    ids: Vec<u32>,
    pub(super) speakers: Vec<Speaker>,
}

impl Numbering {
    pub(super) fn new(table: NameTable) -> Numbering {
        Numbering {
            ids: vec![u32::MAX; table.names.len()],
            names: table.names,
            speakers: Vec::new(),
        }
    }

    /// Turns a file's speakers, `ids` (see [`NameCache::end_file`]), into archive ids, numbering
    /// those met for the first time, and counts their messages.
    pub(super) fn number(&mut self, ids: &mut [(u32, u32)]) {
        for (id, messages) in ids {
            let archive_id = self.id(*id);
            self.speakers[archive_id.0 as usize].messages += *messages;
            *id = archive_id.0;
        }
    }

    /// The speaker of messages logged without a name, if any was.
    pub(super) fn unnamed(&self) -> Option<SpeakerId> {
        let id = self.ids[UNNAMED_ID as usize];
        (id != u32::MAX).then_some(SpeakerId(id))
    }

    fn id(&mut self, provisional: u32) -> SpeakerId {
        let slot = &mut self.ids[provisional as usize];
        if *slot == u32::MAX {
            *slot = self.speakers.len() as u32;
            self.speakers.push(Speaker {
                name: self.names[provisional as usize].to_string(),
                messages: 0,
            });
        }
        SpeakerId(*slot)
    }
}
