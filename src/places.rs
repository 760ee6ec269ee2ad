//! The reader's remembered place: for each archive folder, the group, day and message it
//! was last left on, in one small JSON file in the XDG state folder
//! (`~/.local/state/chatlog/places.json`). Never inside an archive.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

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
}

/// What the state file holds.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Places {
    /// Canonical archive path → place, with a counter of when it was left (larger is newer).
    places: BTreeMap<String, (u64, Place)>,
}

/// The state file: its path and what it held when read.
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
        let (places, warning) = match std::fs::read(&path) {
            Ok(bytes) => match serde_json::from_slice(&bytes) {
                Ok(places) => (places, None),
                Err(err) => (
                    Places::default(),
                    Some(format!("ignored {}: {err}", path.display())),
                ),
            },
            Err(err) if err.kind() == io::ErrorKind::NotFound => (Places::default(), None),
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

    /// Records `place` for `archive` and writes the file (atomically: a new file renamed
    /// over the old). Refuses to write inside the archive itself.
    pub fn save(&mut self, archive: &Path, place: Place) -> io::Result<()> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        let root = archive.canonicalize()?;
        if resolved(dir).starts_with(&root) {
            return Err(io::Error::other("the state folder is inside the archive"));
        }
        let places = &mut self.places.places;
        let newest = places.values().map(|(n, _)| *n).max().unwrap_or(0);
        places.insert(key(archive), (newest + 1, place));
        while places.len() > MAX_PLACES {
            let oldest = places
                .iter()
                .min_by_key(|(_, (n, _))| *n)
                .map(|(k, _)| k.clone());
            oldest.map(|k| places.remove(&k));
        }
        std::fs::create_dir_all(dir)?;
        let temp = self.path.with_extension("json.new");
        std::fs::write(&temp, serde_json::to_vec_pretty(&self.places)?)?;
        std::fs::rename(&temp, &self.path)
    }
}

/// `$XDG_STATE_HOME/chatlog/places.json` (or the platform's local data folder).
fn state_file() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "chatlog")?;
    let dir = dirs
        .state_dir()
        .unwrap_or_else(|| dirs.data_local_dir())
        .to_path_buf();
    Some(dir.join("places.json"))
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
            std::env::temp_dir().join(format!("chatlog-state-{name}-{}", std::process::id()));
        let archive = base.join("archive");
        std::fs::create_dir_all(&archive).unwrap();
        (base, archive)
    }

    fn place(date: &str) -> Place {
        Place {
            group: "prodarch".into(),
            date: date.into(),
            message: 7,
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
}
