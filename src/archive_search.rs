//! The reader's search across the archive (`F`, `:search`): a query runs over the days of a
//! group (or of the whole archive) on a background thread, a chunk of days at a time, so
//! the first results show while a big archive is still being searched, and closing the
//! results cancels it.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use crate::model::{Archive, GroupId};
use crate::search::{Found, Matcher, Scope, search_day};

/// Days in the first chunk: small, so the first results arrive at once.
const FIRST_CHUNK: usize = 16;
/// The most days in one chunk: big enough to keep both cores busy, small enough that a
/// cancel is noticed quickly.
const MAX_CHUNK: usize = 512;

/// What to search for and where: everything a search's results depend on.
#[derive(Clone, Debug)]
pub struct ArchiveQuery {
    pub text: String,
    pub regex: bool,
    /// Every group, or only `group`.
    pub all_groups: bool,
    pub group: GroupId,
    pub newest_first: bool,
    /// Only these speakers' messages, like the message pane.
    pub scope: Scope,
}

/// A search across days and its results so far.
#[derive(Debug)]
pub struct ArchiveSearch {
    pub query: ArchiveQuery,
    pub matcher: Matcher,
    /// Matching messages in the order shown: by day, newest or oldest first.
    pub found: Vec<Found>,
    /// The days of `found`, to mark them in the day list and the calendar.
    days: FxHashSet<usize>,
    /// The selected result, and the first one on screen.
    pub cursor: usize,
    pub top: usize,
    job: Option<Job>,
}

/// The background search: its results channel and its cancel flag.
#[derive(Debug)]
struct Job {
    results: Receiver<Vec<Found>>,
    cancel: Arc<AtomicBool>,
}

impl Drop for Job {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

impl ArchiveSearch {
    /// Starts searching `archive` for `query`; a bad regular expression is an error.
    pub fn start(
        archive: &Arc<Archive>,
        query: ArchiveQuery,
    ) -> Result<ArchiveSearch, regex::Error> {
        let matcher = Matcher::new(&query.text, query.regex)?;
        let days = days_in_order(archive, &query);
        let (tx, results) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        {
            let (archive, matcher, cancel) = (Arc::clone(archive), matcher.clone(), cancel.clone());
            let (scope, newest_first) = (query.scope.clone(), query.newest_first);
            std::thread::spawn(move || {
                let run = Run {
                    archive: &archive,
                    matcher: &matcher,
                    scope: &scope,
                    newest_first,
                };
                run.run(&days, &tx, &cancel);
            });
        }
        Ok(ArchiveSearch {
            query,
            matcher,
            found: Vec::new(),
            days: FxHashSet::default(),
            cursor: 0,
            top: 0,
            job: Some(Job { results, cancel }),
        })
    }

    /// Stops the search, keeping what it found so far.
    pub fn stop(&mut self) {
        self.job = None;
    }

    /// Whether the search is still running.
    pub fn searching(&self) -> bool {
        self.job.is_some()
    }

    /// Takes the results found since the last call; true if there were any or the search
    /// just ended.
    pub fn poll(&mut self) -> bool {
        let mut changed = false;
        loop {
            let Some(job) = &self.job else {
                return changed;
            };
            match job.results.try_recv() {
                Ok(batch) => {
                    self.take(batch);
                    changed = true;
                }
                Err(TryRecvError::Empty) => return changed,
                Err(TryRecvError::Disconnected) => {
                    self.job = None;
                    return true;
                }
            }
        }
    }

    /// Waits for the whole search (tests and benchmarks).
    pub fn wait(&mut self) {
        while let Some(job) = &self.job {
            match job.results.recv() {
                Ok(batch) => self.take(batch),
                Err(_) => self.job = None,
            }
        }
    }

    /// The day of the result that follows (`step` 1) or comes before (`step` -1) `day`'s
    /// results in the list's order, into other groups too; for a day without results, the
    /// first past where it would stand. `None` at either end of the list.
    pub fn next_day(&self, archive: &Archive, day: usize, step: isize) -> Option<usize> {
        let here = |f: &Found| f.day == day;
        let at = |i: usize| self.found.get(i).map(|f| f.day);
        match (self.found.iter().position(here), step > 0) {
            (Some(_), true) => at(self.found.iter().rposition(here)? + 1),
            (Some(first), false) => at(first.checked_sub(1)?),
            (None, forward) => {
                // The list goes by date (newest or oldest first), then by group.
                let (date, group) = (archive.days[day].date, archive.days[day].group);
                let before = |f: &Found| {
                    let d = &archive.days[f.day];
                    let earlier = if self.query.newest_first {
                        d.date > date
                    } else {
                        d.date < date
                    };
                    earlier || (d.date == date && d.group < group)
                };
                if forward {
                    self.found.iter().find(|f| !before(f)).map(|f| f.day)
                } else {
                    self.found.iter().rev().find(|f| before(f)).map(|f| f.day)
                }
            }
        }
    }

    /// Whether the search found something in `day`.
    pub fn found_in(&self, day: usize) -> bool {
        self.days.contains(&day)
    }

    /// Takes a batch of results.
    fn take(&mut self, batch: Vec<Found>) {
        self.days.extend(batch.iter().map(|f| f.day));
        self.found.extend(batch);
    }
}

/// The indices of the days to search, in the order results are shown.
fn days_in_order(archive: &Archive, query: &ArchiveQuery) -> Vec<usize> {
    let range = if query.all_groups {
        0..archive.days.len()
    } else {
        archive.group(query.group).days.clone()
    };
    let mut days: Vec<usize> = range.collect();
    if query.newest_first {
        // Newest date first; across groups, one date's days stay in group order.
        days.sort_by(|&a, &b| archive.days[b].date.cmp(&archive.days[a].date));
    } else {
        days.sort_by_key(|&d| archive.days[d].date);
    }
    days
}

/// One background search's inputs.
struct Run<'a> {
    archive: &'a Archive,
    matcher: &'a Matcher,
    scope: &'a Scope,
    newest_first: bool,
}

impl Run<'_> {
    /// Searches `days` chunk by chunk (growing chunks), sending what each chunk found, in order,
    /// until done, cancelled, or nobody listens.
    fn run(&self, days: &[usize], tx: &mpsc::Sender<Vec<Found>>, cancel: &AtomicBool) {
        let mut rest = days;
        let mut chunk = FIRST_CHUNK;
        while !rest.is_empty() && !cancel.load(Ordering::Relaxed) {
            let (now, later) = rest.split_at(chunk.min(rest.len()));
            if tx.send(self.chunk(now)).is_err() {
                return;
            }
            rest = later;
            chunk = (chunk * 2).min(MAX_CHUNK);
        }
    }

    /// The messages found in `days`, searched in parallel, in the order shown.
    fn chunk(&self, days: &[usize]) -> Vec<Found> {
        days.par_iter()
            .flat_map_iter(|&d| {
                let mut messages = search_day(&self.archive.days[d], self.matcher, self.scope);
                if self.newest_first {
                    messages.reverse();
                }
                messages
                    .into_iter()
                    .map(move |message| Found { day: d, message })
            })
            .collect()
    }
}
