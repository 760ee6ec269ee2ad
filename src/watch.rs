//! Notices when day files are added, changed or removed under the archive, so the reader
//! can reload it in the background. Watching only reads: nothing in the archive is touched.

use std::path::Path;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::load::is_day_file;

/// How long the archive must stay quiet after a change before it is reloaded: a sync or a
/// copy writes many files in a burst, and one reload should follow it, not one per file.
const QUIET: Duration = Duration::from_millis(300);

/// A watch on an archive folder.
pub struct Watch {
    /// Kept alive: dropping it ends the watch.
    _watcher: RecommendedWatcher,
    changes: Receiver<()>,
    /// When the last change arrived, if it has not been reloaded yet.
    changed_at: Option<Instant>,
}

impl Watch {
    /// Watches `root` and every folder below it.
    pub fn start(root: &Path) -> notify::Result<Watch> {
        let (tx, changes) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(move |event: notify::Result<Event>| {
            if event.is_ok_and(|e| is_archive_change(&e)) {
                let _ = tx.send(());
            }
        })?;
        watcher.watch(root, RecursiveMode::Recursive)?;
        Ok(Watch {
            _watcher: watcher,
            changes,
            changed_at: None,
        })
    }

    /// True once the archive has changed and then stayed quiet for a moment: time to reload.
    pub fn settled(&mut self) -> bool {
        while self.changes.try_recv().is_ok() {
            self.changed_at = Some(Instant::now());
        }
        match self.changed_at {
            Some(at) if at.elapsed() >= QUIET => {
                self.changed_at = None;
                true
            }
            _ => false,
        }
    }
}

/// A day file (or a folder that may hold some) created, written, moved or removed. Reads
/// and metadata changes are not changes: the reload itself reads every file.
fn is_archive_change(event: &Event) -> bool {
    let kind = match event.kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        _ => false,
    };
    kind && event
        .paths
        .iter()
        .any(|p| is_day_file(p) || p.extension().is_none())
}
