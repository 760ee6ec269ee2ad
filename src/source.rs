//! Where the reader's archive comes from: a folder, or the samples built into the binary.
//!
//! With no folder named, the reader opens the current folder when it *holds day files*:
//! a `.md`/`.markdown` file whose name starts with a date (`2018-03-26-chat.markdown`) at
//! most [`DEPTH`] folders down, dot-folders skipped, as the layouts FORMAT.md names put
//! them (flat, `YYYY/MM/`, `GROUP/_posts/`). A source checkout is not an archive: its
//! samples are four folders down (`sample-logs/GROUP/_posts/…`). Only names are read, and
//! at most [`MOST_ENTRIES`] of them, so a start in a big home folder stays quick.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::bundled;
use crate::load::{self, Progress};
use crate::model::Archive;
use crate::problem::Problem;

/// How deep a day file may lie below the current folder for it to be an archive.
pub const DEPTH: usize = 3;
/// The most folder entries looked at before deciding it holds no day files.
const MOST_ENTRIES: usize = 10_000;

/// An archive to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Folder(PathBuf),
    /// The samples built into the binary: no folder to watch or keep out of.
    Bundled,
}

impl Source {
    /// `dir` when given; else the current folder when it holds day files; else the samples.
    pub fn choose(dir: Option<PathBuf>) -> Source {
        match dir {
            Some(dir) => Source::Folder(dir),
            None if holds_day_files(Path::new(".")) => Source::Folder(PathBuf::from(".")),
            None => Source::Bundled,
        }
    }

    /// Loads it, counting files in `progress` as it goes (a folder's).
    pub fn load(&self, progress: &Progress) -> anyhow::Result<(Archive, Vec<Problem>)> {
        match self {
            Source::Folder(dir) => load::load_with_progress(dir, progress),
            Source::Bundled => load::load_files(bundled::SAMPLES),
        }
    }

    /// The folder, if it is one.
    pub fn folder(&self) -> Option<&Path> {
        match self {
            Source::Folder(dir) => Some(dir),
            Source::Bundled => None,
        }
    }

    /// How it is named to the reader: the folder's path, or what the samples are.
    pub fn name(&self) -> String {
        match self {
            Source::Folder(dir) => dir.display().to_string(),
            Source::Bundled => bundled::NAME.to_owned(),
        }
    }
}

/// Whether `dir` holds day files, as the module says.
pub fn holds_day_files(dir: &Path) -> bool {
    let walk = walkdir::WalkDir::new(dir)
        .max_depth(DEPTH)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().as_encoded_bytes().starts_with(b"."));
    walk.take(MOST_ENTRIES)
        .filter_map(Result::ok)
        .any(|e| e.file_type().is_file() && is_dated_day_file(e.path()))
}

/// A day file whose name starts with `YYYY-MM-DD`.
fn is_dated_day_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let dated = name
        .get(..10)
        .is_some_and(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok());
    dated && load::is_day_file(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh folder with these files (empty) in it.
    fn folder_with(name: &str, files: &[&str]) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("chatlog-source-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for file in files {
            let path = dir.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_folder_holds_day_files_when_a_dated_one_is_shallow_enough() {
        let held = [
            ("flat", &["2018-03-26-WeChat.md"][..], true),
            (
                "posts",
                &["devarch/_posts/2018-03-26-chat.markdown"][..],
                true,
            ),
            ("years", &["2018/03/2018-03-26-WeChat.MD"][..], true),
            (
                "deep",
                &["a/devarch/_posts/2018-03-26-chat.markdown"][..],
                false,
            ),
            ("undated", &["README.md", "notes/todo.md"][..], false),
            ("hidden", &[".git/2018-03-26-chat.md"][..], false),
            (
                "other",
                &["2018-03-26-chat.txt", "2018-13-01-chat.md"][..],
                false,
            ),
            ("empty", &[][..], false),
        ];
        for (name, files, holds) in held {
            let dir = folder_with(name, files);
            assert_eq!(holds_day_files(&dir), holds, "{name}: {files:?}");
            std::fs::remove_dir_all(&dir).unwrap();
        }
    }

    #[test]
    fn the_source_checkout_is_no_archive_and_its_samples_are() {
        let checkout = Path::new(env!("CARGO_MANIFEST_DIR"));
        assert!(!holds_day_files(checkout));
        assert!(holds_day_files(&checkout.join("sample-logs")));
    }

    /// The samples built in load as the folder does: the same days, messages, speakers.
    #[test]
    fn the_built_in_samples_load_as_their_folder() {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-logs");
        let (from_disk, _) = load::load(&folder).unwrap();
        let (built_in, problems) = Source::Bundled.load(&Progress::default()).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(built_in.groups, from_disk.groups);
        assert_eq!(built_in.speakers, from_disk.speakers);
        assert_eq!(built_in.people, from_disk.people);
        let days = |a: &Archive| -> Vec<(String, usize, crate::arena::Text)> {
            let days = a.days.iter();
            days.map(|d| (d.date.to_string(), d.messages.len(), d.text.clone()))
                .collect()
        };
        assert_eq!(days(&built_in), days(&from_disk));
        assert_eq!(built_in.root, PathBuf::new(), "no folder");
    }
}
