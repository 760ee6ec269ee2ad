//! Notices when day files are added, changed or removed under the archive, so the reader
//! can reload it in the background. Watching only reads: nothing in the archive is touched.
//!
//! A watch dies with its folder: when the archive folder is deleted or replaced (a
//! re-clone, a restore), the watch is started again on the folder that is there now.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::load::is_day_file;

/// How long the archive must stay quiet after a change before it is reloaded: a sync or a
/// copy writes many files in a burst, and one reload should follow it, not one per file.
const QUIET: Duration = Duration::from_millis(300);
/// The longest a change waits for quiet: a file rewritten every few hundred milliseconds
/// must still be reloaded.
const MOST: Duration = Duration::from_secs(2);

/// A watch on an archive folder.
pub struct Watch {
    root: PathBuf,
    /// The folder watched, by device and inode; `None` while it is gone.
    folder: Option<(u64, u64)>,
    /// Kept alive: dropping it ends the watch.
    _watcher: Option<RecommendedWatcher>,
    changes: Receiver<()>,
    tx: mpsc::Sender<()>,
    /// When the first and the last change arrived, if they have not been reloaded yet.
    pending: Option<(Instant, Instant)>,
}

impl Watch {
    /// Watches `root` and every folder below it.
    pub fn start(root: &Path) -> notify::Result<Watch> {
        let (tx, changes) = mpsc::channel();
        let mut watch = Watch {
            root: root.to_path_buf(),
            folder: None,
            _watcher: None,
            changes,
            tx,
            pending: None,
        };
        watch.rewatch()?;
        Ok(watch)
    }

    /// The archive folder watched.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Watches the folder at the root now, if there is one.
    fn rewatch(&mut self) -> notify::Result<()> {
        self._watcher = None;
        self.folder = folder_id(&self.root);
        if self.folder.is_none() {
            return Ok(());
        }
        let tx = self.tx.clone();
        let mut watcher = notify::recommended_watcher(move |event: notify::Result<Event>| {
            if event.is_ok_and(|e| is_archive_change(&e)) {
                let _ = tx.send(());
            }
        })?;
        watcher.watch(&self.root, RecursiveMode::Recursive)?;
        self._watcher = Some(watcher);
        Ok(())
    }

    /// True once the archive has changed and then stayed quiet for a moment, or has kept
    /// changing for [`MOST`]: time to reload. A folder deleted or replaced counts as a
    /// change, and the folder there now is watched.
    pub fn settled(&mut self) -> bool {
        let now = Instant::now();
        if folder_id(&self.root) != self.folder {
            // Gone, back, or another folder in its place: the old watch saw its last.
            let _ = self.rewatch();
            let _ = self.tx.send(());
        }
        while self.changes.try_recv().is_ok() {
            let first = self.pending.map_or(now, |(first, _)| first);
            self.pending = Some((first, now));
        }
        match self.pending {
            Some((first, last)) if last.elapsed() >= QUIET || first.elapsed() >= MOST => {
                self.pending = None;
                true
            }
            _ => false,
        }
    }
}

/// The folder at `root` by device and inode, if one is there.
fn folder_id(root: &Path) -> Option<(u64, u64)> {
    let meta = std::fs::metadata(root).ok().filter(|m| m.is_dir())?;
    Some(device_and_inode(&meta))
}

#[cfg(unix)]
fn device_and_inode(meta: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

/// Without inodes a folder made again looks the same: only its going and coming back show.
#[cfg(not(unix))]
fn device_and_inode(_: &std::fs::Metadata) -> (u64, u64) {
    (0, 0)
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
