//! The archive the server answers from: loaded once, and loaded again in the background
//! whenever the folder changes, so the tools always answer from memory and a call never
//! waits for a load.

use std::path::Path;
use std::sync::{Arc, PoisonError, RwLock};
use std::thread;
use std::time::{Duration, Instant};

use crate::load::load;
use crate::mcp::reply::count;
use crate::model::Archive;
use crate::text;
use crate::watch::Watch;

/// How often the watch is asked whether changes have settled: it waits for quiet itself.
const POLL: Duration = Duration::from_millis(100);

/// The archive now; cheap to clone, shared by every tool call.
#[derive(Clone)]
pub struct Live {
    current: Arc<RwLock<Arc<Archive>>>,
}

impl Live {
    pub fn new(archive: Archive) -> Live {
        Live {
            current: Arc::new(RwLock::new(Arc::new(archive))),
        }
    }

    /// The archive as it is now: a call keeps answering from it even if a reload swaps
    /// another in meanwhile.
    pub fn get(&self) -> Arc<Archive> {
        // Only a swap writes, and a swap cannot leave the value half done.
        let archive = self.current.read().unwrap_or_else(PoisonError::into_inner);
        Arc::clone(&archive)
    }

    fn set(&self, archive: Archive) {
        let fresh = Arc::new(archive);
        let old = {
            let mut current = self.current.write().unwrap_or_else(PoisonError::into_inner);
            std::mem::replace(&mut *current, fresh)
        };
        // Freed here, outside the lock, unless a call still holds it.
        drop(old);
    }

    /// Follows `dir` on a thread of its own for as long as the process lives: once changes
    /// settle, loads it again and swaps the new archive in. A failed load keeps the archive
    /// there is. Each reload is told on stderr. Without a watch (out of inotify watches),
    /// says so and serves what it has.
    pub fn follow(&self, dir: &Path) {
        let mut watch = match Watch::start(dir) {
            Ok(watch) => watch,
            Err(err) => {
                log(&format!("not following changes to the archive: {err}"));
                return;
            }
        };
        let (live, dir) = (self.clone(), dir.to_path_buf());
        thread::spawn(move || {
            loop {
                thread::sleep(POLL);
                if watch.settled() {
                    live.reload(&dir);
                }
            }
        });
    }

    fn reload(&self, dir: &Path) {
        let started = Instant::now();
        match load(dir) {
            Ok((archive, problems)) => {
                let said = summary(&archive, problems.len(), started);
                self.set(archive);
                log(&format!("reloaded {said}"));
            }
            Err(err) => log(&format!(
                "could not reload, still serving the last load: {err:#}"
            )),
        }
    }
}

/// `N groups, N days, N messages in T (N problems)`.
pub fn summary(archive: &Archive, problems: usize, started: Instant) -> String {
    format!(
        "{}, {}, {} in {:.2?} ({})",
        count(archive.groups.len(), "group", "groups"),
        count(archive.days.len(), "day", "days"),
        count(archive.message_count(), "message", "messages"),
        started.elapsed(),
        count(problems, "problem", "problems"),
    )
}

/// A line on stderr, inert: standard output carries the protocol alone.
pub fn log(line: &str) {
    eprintln!("chatlog mcp: {}", text::shown(line));
}
