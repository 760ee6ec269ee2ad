//! What was typed at the reader's prompts, kept across runs in the state folder beside the
//! remembered places (never in an archive), so that Up and Down at a prompt walk it.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use crate::export::atomic;

/// Lines kept per prompt.
const KEEP: usize = 200;

/// The lines typed at each prompt (`/`, `:`, `F`), oldest first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    lines: BTreeMap<String, Vec<String>>,
}

impl History {
    /// The history at `path`; a missing or unreadable file is an empty history, with a
    /// warning for the second.
    pub fn at(path: &Path) -> (History, Option<String>) {
        match std::fs::read_to_string(path) {
            Ok(text) => match serde_json::from_str(&text) {
                Ok(lines) => (History { lines }, None),
                Err(err) => (
                    History::default(),
                    Some(format!("ignored {}: {err}", path.display())),
                ),
            },
            Err(err) if err.kind() == io::ErrorKind::NotFound => (History::default(), None),
            Err(err) => (
                History::default(),
                Some(format!("ignored {}: {err}", path.display())),
            ),
        }
    }

    /// The history file's usual place, in the state folder.
    pub fn default_path() -> Option<PathBuf> {
        crate::places::state_dir().map(|dir| dir.join("history.json"))
    }

    /// The lines of `prompt`, oldest first.
    pub fn lines(&self, prompt: &str) -> &[String] {
        self.lines.get(prompt).map_or(&[], Vec::as_slice)
    }

    /// Adds a line submitted at `prompt`, as its newest; an earlier copy goes.
    pub fn add(&mut self, prompt: &str, line: &str) {
        if line.trim().is_empty() {
            return;
        }
        let lines = self.lines.entry(prompt.to_owned()).or_default();
        lines.retain(|l| l != line);
        lines.push(line.to_owned());
        let extra = lines.len().saturating_sub(KEEP);
        lines.drain(..extra);
    }

    /// Writes the history to `path` whole or not at all, its folder made if need be.
    pub fn save(&self, path: &Path) -> io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let json = serde_json::to_vec_pretty(&self.lines).map_err(io::Error::other)?;
        atomic::write_file(path, true, |out| out.write_all(&json))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_kept_newest_last_once_each_and_survive_a_save() {
        let dir = std::env::temp_dir().join(format!("chatlog-history-{}", std::process::id()));
        let path = dir.join("history.json");
        let mut history = History::default();
        for line in ["代扣", "2018-03", "代扣", " "] {
            history.add("/", line);
        }
        assert_eq!(history.lines("/"), ["2018-03", "代扣"]);
        for i in 0..KEEP + 5 {
            history.add(":", &i.to_string());
        }
        assert_eq!(history.lines(":").len(), KEEP);
        history.save(&path).unwrap();
        let (again, warning) = History::at(&path);
        assert_eq!((again, warning), (history, None));
        std::fs::write(&path, "not json").unwrap();
        let (empty, warning) = History::at(&path);
        assert_eq!(empty, History::default());
        assert!(warning.is_some_and(|w| w.starts_with("ignored ")));
        let _ = std::fs::remove_dir_all(dir);
    }
}
