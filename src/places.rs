//! The reader's remembered places: for each archive folder, the group, day and message it
//! was last left on, in one small JSON file in the XDG state folder
//! (`~/.local/state/chatlog/places.json`). Never inside an archive.
//!
//! Several readers may run at once, each on its own archive: a save re-reads the file and
//! merges its one place in, under a lock, so no reader erases another's place.

use std::collections::BTreeMap;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::export::atomic;

/// Archives remembered at most; the least recently left are forgotten first.
const MAX_PLACES: usize = 200;

/// Where the reader was in one archive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// The group's folder path (empty for the root group).
    pub group: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Index of the message at the top of the pane, in the day's file order.
    pub message: usize,
    /// The day's files, below the archive folder: the reader reads them first, alone, to
    /// show the day at once while the whole archive loads. (Older state files lack them.)
    #[serde(default)]
    pub sources: Vec<String>,
}

/// What the state file holds.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Places {
    /// Canonical archive path → place, with a counter of when it was left (larger is newer).
    places: BTreeMap<String, (u64, Place)>,
}

impl Places {
    /// Records `place` for the archive `key` as the newest, forgetting the oldest beyond
    /// [`MAX_PLACES`]. The counters are renumbered from 1 before one would wrap (a file can
    /// hold any number): a wrapped counter made the newest place the oldest.
    fn record(&mut self, key: String, place: Place) {
        let places = &mut self.places;
        let mut newest = places.values().map(|(n, _)| *n).max().unwrap_or(0);
        if newest == u64::MAX {
            let mut order: Vec<&mut u64> = places.values_mut().map(|(n, _)| n).collect();
            order.sort_unstable_by_key(|n| **n);
            for (rank, n) in (1..).zip(order) {
                *n = rank;
            }
            newest = places.len() as u64;
        }
        places.insert(key, (newest + 1, place));
        while places.len() > MAX_PLACES {
            let oldest = places
                .iter()
                .min_by_key(|(_, (n, _))| *n)
                .map(|(k, _)| k.clone());
            oldest.map(|k| places.remove(&k));
        }
    }
}

/// The state file: its path and what it held when last read or written.
pub struct State {
    path: PathBuf,
    places: Places,
}

impl State {
    /// The state file in the XDG state folder, read, and a warning for the reader if it
    /// could not be (a corrupt file is ignored, and replaced when the reader leaves).
    pub fn open() -> (Option<State>, Option<String>) {
        match state_file() {
            Some(path) => {
                let (state, warning) = State::at(path);
                (Some(state), warning)
            }
            None => (
                None,
                Some("no state folder: the place will not be kept".into()),
            ),
        }
    }

    /// The state file at `path`, read, and a warning if it could not be.
    pub fn at(path: PathBuf) -> (State, Option<String>) {
        let (places, warning) = match read(&path) {
            Ok(places) => (places, None),
            Err(err) => (
                Places::default(),
                Some(format!("ignored {}: {err}", path.display())),
            ),
        };
        (State { path, places }, warning)
    }

    /// Where the reader was in `archive`, if it was there before.
    pub fn place(&self, archive: &Path) -> Option<&Place> {
        self.places.places.get(&key(archive)).map(|(_, p)| p)
    }

    /// Records `place` for `archive`: under a lock on `places.json.lock` beside the file,
    /// re-reads the file (another reader may have saved since this one opened it), adds
    /// this place and writes it back atomically (a failure leaves the old file and no other
    /// behind). Refuses to write inside the archive itself. An archive that is no folder
    /// (the samples built in, named [`crate::bundled::NAME`]) is kept under its name.
    pub fn save(&mut self, archive: &Path, place: Place) -> io::Result<()> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        let inside = archive
            .canonicalize()
            .is_ok_and(|root| resolved(dir).starts_with(&root));
        if inside {
            return Err(io::Error::other("the state folder is inside the archive"));
        }
        std::fs::create_dir_all(dir)?;
        let _lock = lock_beside(&self.path)?;
        // A corrupt file was reported when the reader opened it; it is replaced.
        let mut places = read(&self.path).unwrap_or_default();
        places.record(key(archive), place);
        atomic::write_file(&self.path, true, |out| {
            serde_json::to_writer_pretty(out, &places).map_err(io::Error::from)
        })?;
        self.places = places;
        Ok(())
    }
}

/// The places in the file at `path`: none when there is no file yet.
fn read(path: &Path) -> Result<Places, String> {
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| e.to_string()),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(Places::default()),
        Err(err) => Err(err.to_string()),
    }
}

/// An exclusive lock on `PATH.lock`, held until the file returned is dropped. The lock file
/// is never removed: removing it would let two savers lock two different files.
fn lock_beside(path: &Path) -> io::Result<File> {
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(PathBuf::from(name))?;
    file.lock()?;
    Ok(file)
}

/// `$XDG_STATE_HOME/chatlog/places.json` (or the platform's local data folder).
fn state_file() -> Option<PathBuf> {
    Some(state_dir()?.join("places.json"))
}

/// The reader's state folder (`$XDG_STATE_HOME/chatlog`), for what it keeps across runs.
pub fn state_dir() -> Option<PathBuf> {
    crate::dirs::state_dir()
}

/// `path` with its longest existing beginning made canonical (the rest may not exist yet),
/// so that a folder about to be made is compared by where it really would be.
fn resolved(path: &Path) -> PathBuf {
    for ancestor in path.ancestors() {
        if let Ok(real) = ancestor.canonicalize() {
            let rest = path.strip_prefix(ancestor).unwrap_or(Path::new(""));
            return real.join(rest);
        }
    }
    path.to_path_buf()
}

/// An archive's key: its canonical path, so `logs` and `./logs/` are one archive.
fn key(archive: &Path) -> String {
    archive
        .canonicalize()
        .unwrap_or_else(|_| archive.to_path_buf())
        .display()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh folder for one test, and an "archive" folder inside it.
    fn folders(name: &str) -> (PathBuf, PathBuf) {
        let base =
            std::env::temp_dir().join(format!("chatlog-places-{name}-{}", std::process::id()));
        let archive = base.join("archive");
        std::fs::create_dir_all(&archive).unwrap();
        (base, archive)
    }

    /// [`folders`] with a second archive, "second", beside the first.
    fn two_archives(name: &str) -> (PathBuf, PathBuf, PathBuf) {
        let (base, first) = folders(name);
        let second = base.join("second");
        std::fs::create_dir_all(&second).unwrap();
        (base, first, second)
    }

    fn place(date: &str) -> Place {
        Place {
            group: "prodarch".into(),
            date: date.into(),
            message: 7,
            sources: Vec::new(),
        }
    }

    #[test]
    fn a_saved_place_is_read_back_by_archive_path() {
        let (base, archive) = folders("roundtrip");
        let file = base.join("state/places.json");
        let (mut state, warning) = State::at(file.clone());
        assert_eq!(warning, None, "a missing file is no problem");
        state.save(&archive, place("2018-03-05")).unwrap();
        // Another spelling of the same folder is the same archive.
        let (state, warning) = State::at(file);
        assert_eq!(warning, None);
        assert_eq!(state.place(&archive.join(".")), Some(&place("2018-03-05")));
        assert_eq!(state.place(&base), None);
        std::fs::remove_dir_all(&base).unwrap();
    }

    #[test]
    fn a_corrupt_file_is_ignored_with_a_warning_and_replaced() {
        let (base, archive) = folders("corrupt");
        let file = base.join("places.json");
        std::fs::write(&file, "{ not json").unwrap();
        let (mut state, warning) = State::at(file.clone());
        let warning = warning.expect("a warning");
        assert!(
            warning.starts_with("ignored ") && warning.contains("places.json"),
            "{warning}"
        );
        assert_eq!(state.place(&archive), None);
        state.save(&archive, place("2018-03-06")).unwrap();
        assert_eq!(
            State::at(file).0.place(&archive),
            Some(&place("2018-03-06"))
        );
        std::fs::remove_dir_all(&base).unwrap();
    }

    #[test]
    fn never_writes_inside_the_archive() {
        let (base, archive) = folders("inside");
        let file = archive.join("state/places.json");
        let (mut state, _) = State::at(file.clone());
        assert!(state.save(&archive, place("2018-03-05")).is_err());
        assert!(!file.exists());
        assert!(!archive.join("state").exists());
        std::fs::remove_dir_all(&base).unwrap();
    }

    /// Two readers opened before either left: each save keeps the other's place (the
    /// second wrote its own copy from startup and erased the first's).
    #[test]
    fn two_readers_keep_each_others_places() {
        let (base, first, second) = two_archives("two-readers");
        let file = base.join("places.json");
        let (mut a, _) = State::at(file.clone());
        let (mut b, _) = State::at(file.clone());
        a.save(&first, place("2018-03-05")).unwrap();
        b.save(&second, place("2018-03-06")).unwrap();
        a.save(&first, place("2018-03-07")).unwrap();
        let (state, _) = State::at(file);
        assert_eq!(state.place(&first), Some(&place("2018-03-07")));
        assert_eq!(state.place(&second), Some(&place("2018-03-06")));
        std::fs::remove_dir_all(&base).unwrap();
    }

    /// Eight readers saving at once, twenty times each: every one's last place survives,
    /// and no temporary file is left beside the state file.
    #[test]
    fn readers_saving_at_once_all_survive() {
        let (base, _) = folders("at-once");
        let file = base.join("places.json");
        let archives: Vec<PathBuf> = (0..8).map(|i| base.join(format!("a{i}"))).collect();
        std::thread::scope(|scope| {
            for archive in &archives {
                std::fs::create_dir_all(archive).unwrap();
                let file = file.clone();
                scope.spawn(move || {
                    let (mut state, _) = State::at(file);
                    for n in 0..20 {
                        let at = Place {
                            message: n,
                            ..place("2018-03-05")
                        };
                        state.save(archive, at).unwrap();
                    }
                });
            }
        });
        let (state, _) = State::at(file);
        for archive in &archives {
            let kept = state.place(archive).map(|p| p.message);
            assert_eq!(kept, Some(19), "{}", archive.display());
        }
        let mut left: Vec<String> = std::fs::read_dir(&base)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('a'))
            .collect();
        left.sort();
        assert_eq!(left, ["places.json", "places.json.lock"]);
        std::fs::remove_dir_all(&base).unwrap();
    }

    /// A file whose counter is at its largest: the next save renumbers instead of wrapping
    /// (which panicked in a debug build and made the newest place the first forgotten).
    #[test]
    fn the_counter_never_wraps() {
        let (base, first, second) = two_archives("counter");
        let file = base.join("places.json");
        let mut full = Places::default();
        full.places
            .insert(key(&first), (u64::MAX, place("2018-03-05")));
        std::fs::write(&file, serde_json::to_vec(&full).unwrap()).unwrap();
        let (mut state, _) = State::at(file.clone());
        state.save(&second, place("2018-03-06")).unwrap();
        let saved = read(&file).unwrap().places;
        assert_eq!(saved[&key(&first)].0, 1);
        assert_eq!(saved[&key(&second)].0, 2);
        std::fs::remove_dir_all(&base).unwrap();
    }
}
