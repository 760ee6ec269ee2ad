//! A directory → an [`Archive`] and its problems: walk, read and parse in parallel, then
//! place days in groups, merge same-date files and intern speakers once.
//!
//! Read-only: nothing in the archive is ever written, moved or deleted.

use std::borrow::Cow;
use std::ffi::{OsStr, OsString};
use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use anyhow::{Context, bail};
use chrono::NaiveDate;
use rayon::prelude::*;

use crate::arena::{self, Arena, Frozen, Slot, Text};
use crate::echoes;
use crate::model::{Archive, Day, Document, GroupId, SpeakerId};
use crate::parse::{ParsedDay, find_date, parse_into};
use crate::problem::{Problem, Severity};
use crate::text;

mod names;
mod read;

use names::{NameCache, NameTable, Numbering};
pub use read::not_a_file;
use read::read_reusing_buffer;

/// A day file found by the walk.
#[derive(Clone, Debug)]
struct DayFile {
    /// Path relative to the archive root.
    rel: PathBuf,
    /// Group folder path (`devarch`), empty for the root group, as the folders' names are:
    /// what tells groups apart, even when their names are not UTF-8.
    key: OsString,
    /// The group's folder path as text ([`group_of`]).
    group: String,
}

/// How far a load has got, readable from another thread while it runs (the reader draws a
/// gauge from it).
#[derive(Debug, Default)]
pub struct Progress {
    /// Day files found by the walk; zero until the walk is over.
    pub files: AtomicUsize,
    /// Day files read and parsed so far.
    pub parsed: AtomicUsize,
}

/// Loads the archive at `root`. Fatal only when there is no archive to show: a missing
/// directory, a file, or a directory without day logs. Everything else is a [`Problem`].
pub fn load(root: &Path) -> anyhow::Result<(Archive, Vec<Problem>)> {
    load_with_progress(root, &Progress::default())
}

/// [`load`], counting files in `progress` as it goes.
pub fn load_with_progress(
    root: &Path,
    progress: &Progress,
) -> anyhow::Result<(Archive, Vec<Problem>)> {
    let meta =
        std::fs::metadata(root).with_context(|| format!("cannot open {}", root.display()))?;
    if !meta.is_dir() {
        bail!("{} is not a directory", root.display());
    }
    // An unreadable root is the error itself, not an archive without day logs.
    std::fs::read_dir(root).with_context(|| format!("cannot read {}", root.display()))?;
    let mut problems = Vec::new();
    let files = find_day_files(root, &mut problems);
    if files.is_empty() {
        bail!(
            "{}: no day logs found (.md or .markdown files)",
            root.display()
        );
    }
    progress.files.store(files.len(), Ordering::Relaxed);
    let parsed = parse_all(files, |file, arena, names| {
        let path = root.join(&file.rel);
        let read = read_reusing_buffer(&path, |path, bytes| parse_into(path, bytes, arena, names));
        let (day, file_problems) = match read {
            Ok(parsed) => parsed,
            Err(err) => (
                None,
                vec![Problem::error(
                    &path,
                    None,
                    format!("cannot read: {err}: skipped"),
                )],
            ),
        };
        progress.parsed.fetch_add(1, Ordering::Relaxed);
        (file, day, file_problems)
    });
    build(root, parsed, problems)
}

/// A file as parsed, its text still in an arena.
type Parsed = (DayFile, Option<ParsedDay<Slot>>, Vec<Problem>);

/// A file as the loader read it: its day, its messages' speakers given provisional ids
/// ([`names`]), the text still in an arena (`Slot`) or cut from it (`Text`).
struct FileRead<T = Text> {
    file: DayFile,
    day: Option<ParsedDay<T>>,
    problems: Vec<Problem>,
}

/// Files all parsed, with the names their speakers' provisional ids stand for and each
/// worker's count of messages by provisional id.
struct FileReads {
    files: Vec<FileRead>,
    names: NameTable,
    counts: Vec<Vec<u32>>,
}

/// Where one thread of the pool puts what it parses: texts, and the names it has met.
struct Worker<'a> {
    arena: Arena,
    names: NameCache<'a>,
    /// The heap its lists of messages come from, advised for huge pages (0: none yet).
    heap: usize,
}

impl Worker<'_> {
    /// Takes note of a day it parsed: where its messages lie, and how many were logged
    /// without names (the parser asks for no name's id for them).
    fn parsed(&mut self, day: &ParsedDay<Slot>) {
        if day.messages.capacity() > 0 {
            self.heap = arena::advise_heap(day.messages.as_ptr().cast(), self.heap);
        }
        if day.unnamed {
            self.names.unnamed(day.messages.len());
        }
    }
}

/// Parses `items` in parallel with `parse`, in their order. Each thread writes texts into
/// an arena of its own, frozen when all are parsed (one per thread, not per run of files: a
/// chunk's first pages, up to the first huge page, are small ones), and gives speakers
/// provisional ids.
fn parse_all<T: Send>(
    items: Vec<T>,
    parse: impl Fn(T, &mut Arena, &mut NameCache) -> Parsed + Sync,
) -> FileReads {
    let shared = Mutex::new(NameTable::default());
    let workers: Vec<Mutex<Worker>> = (0..rayon::current_num_threads())
        .map(|_| {
            Mutex::new(Worker {
                arena: Arena::default(),
                names: NameCache::new(&shared),
                heap: 0,
            })
        })
        .collect();
    let read: Vec<(usize, FileRead<Slot>)> = items
        .into_par_iter()
        .map(|item| {
            // A thread parses one file at a time, so its worker is never waited for.
            let w = rayon::current_thread_index().unwrap_or(0) % workers.len();
            let mut worker = workers[w].lock().unwrap_or_else(PoisonError::into_inner);
            let worker = &mut *worker;
            let (file, day, problems) = parse(item, &mut worker.arena, &mut worker.names);
            if let Some(day) = &day {
                worker.parsed(day);
            }
            let read = FileRead {
                file,
                day,
                problems,
            };
            (w, read)
        })
        .collect();
    let (chunks, counts): (Vec<Frozen>, Vec<Vec<u32>>) = workers
        .into_iter()
        .map(|w| {
            let w = w.into_inner().unwrap_or_else(PoisonError::into_inner);
            (w.arena.freeze(), w.names.into_counts())
        })
        .unzip();
    let files = read
        .into_par_iter()
        .map(|(w, read)| FileRead {
            day: read.day.map(|day| day.resolve(&chunks[w])),
            file: read.file,
            problems: read.problems,
        })
        .collect();
    FileReads {
        files,
        names: shared.into_inner().unwrap_or_else(PoisonError::into_inner),
        counts,
    }
}

/// One day of the archive at `root`, loaded alone so the reader can show it at once while
/// the whole archive loads: the files `sources` (paths below `root`, as a remembered place
/// keeps them) when they all still read as one day, else the first group's latest day as
/// the walk finds it. `None` when neither loads; the whole load then says why.
pub fn load_first_day(root: &Path, sources: &[PathBuf]) -> Option<Archive> {
    let remembered = (!sources.is_empty())
        .then(|| load_day_files(root, sources.to_vec()))
        .flatten()
        .filter(|a| a.days.len() == 1);
    remembered.or_else(|| load_day_files(root, first_groups_latest(root)))
}

/// The files of the first group's latest date, as the file names date them: the day the
/// reader opens without a remembered place.
fn first_groups_latest(root: &Path) -> Vec<PathBuf> {
    let files = find_day_files(root, &mut Vec::new());
    // The group that sorts first, as groups are ordered in an archive.
    let Some(first) = files.iter().map(|f| &f.key).min().cloned() else {
        return Vec::new();
    };
    let in_group = files.into_iter().filter(|f| f.key == first);
    let dated: Vec<(NaiveDate, PathBuf)> = in_group
        .filter_map(|f| {
            let name = f.rel.file_name()?.to_string_lossy();
            Some((find_date(&name)?, f.rel))
        })
        .collect();
    let latest = dated.iter().map(|(date, _)| *date).max();
    dated
        .into_iter()
        .filter(|(date, _)| Some(*date) == latest)
        .map(|(_, rel)| rel)
        .collect()
}

/// The archive of the files `rels` below `root` alone, problems set aside (the whole load
/// reports them).
fn load_day_files(root: &Path, rels: Vec<PathBuf>) -> Option<Archive> {
    let parsed = parse_all(rels, |rel, arena, names| {
        let (key, group) = group_of_os(&rel);
        let read = read_reusing_buffer(&root.join(&rel), |path, bytes| {
            parse_into(path, bytes, arena, names)
        });
        // Its problems are the whole load's to report; only a read failure counts here.
        let (day, failed) = match read {
            Ok((day, _)) => (day, Vec::new()),
            Err(err) => (None, vec![Problem::error(&rel, None, err.to_string())]),
        };
        (DayFile { rel, key, group }, day, failed)
    });
    if parsed.files.iter().any(|read| !read.problems.is_empty()) {
        return None;
    }
    build(root, parsed, Vec::new())
        .ok()
        .map(|(archive, _)| archive)
}

/// Loads day files given as (path below the archive, bytes) as a folder of them would load,
/// through the same parser: the samples built into the binary. The archive's root is empty,
/// as it has no folder.
pub fn load_files(files: &[(&str, &[u8])]) -> anyhow::Result<(Archive, Vec<Problem>)> {
    let day_files = files
        .iter()
        .filter(|(path, _)| is_day_file(Path::new(path)));
    let parsed = parse_all(day_files.collect(), |&(path, bytes), arena, names| {
        let rel = PathBuf::from(path);
        let (day, problems) = parse_into(&rel, bytes, arena, names);
        let (key, group) = group_of_os(&rel);
        (DayFile { rel, key, group }, day, problems)
    });
    build(Path::new(""), parsed, Vec::new())
}

/// The archive of the days parsed from files below `root`, with every problem found on the
/// way (the walk's first, then each file's).
fn build(
    root: &Path,
    parsed: FileReads,
    mut problems: Vec<Problem>,
) -> anyhow::Result<(Archive, Vec<Problem>)> {
    let mut days = Vec::with_capacity(parsed.files.len());
    for read in parsed.files {
        problems.extend(read.problems);
        if let Some(day) = read.day {
            days.push((read.file, day));
        }
    }
    if days.is_empty() {
        bail!(
            "{}: no day log could be read{}",
            root.display(),
            first_of(&problems)
        );
    }
    let (notes, problems) = problems
        .into_iter()
        .partition(|p| p.severity == Severity::Info);
    let numbering = Numbering::new(parsed.names, parsed.counts);
    let mut archive = assemble(root, days, numbering);
    archive.notes = notes;
    echoes::find_all(&mut archive);
    echoes::join_people(&mut archive);
    Ok((archive, problems))
}

/// The first of `problems` and how many there are, for the error when no day loads: the
/// error ends the run, so `check` lists none of them. Shown inert, as it may quote a name.
fn first_of(problems: &[Problem]) -> String {
    problems.first().map_or_else(String::new, |first| {
        let n = problems.len();
        format!(
            " ({n} problem(s); the first: {})",
            text::shown(&first.to_string())
        )
    })
}

/// Every `.md` / `.markdown` file below `root`, sorted by path; dot-files and dot-folders
/// are skipped. Symbolic links are followed while they stay inside the archive; loops,
/// links that lead out, unreadable folders and day names that are no files are problems.
fn find_day_files(root: &Path, problems: &mut Vec<Problem>) -> Vec<DayFile> {
    let inside = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut walk = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().as_encoded_bytes().starts_with(b"."));
    let mut files = Vec::new();
    while let Some(entry) = walk.next() {
        let e = match entry {
            Ok(e) => e,
            Err(err) => {
                problems.push(walk_problem(root, &err));
                continue;
            }
        };
        let kind = e.file_type();
        let relevant = kind.is_dir() || is_day_file(e.path());
        if e.depth() > 0
            && e.path_is_symlink()
            && relevant
            && let Some(problem) = leads_outside(e.path(), &inside)
        {
            problems.push(problem);
            if kind.is_dir() {
                walk.skip_current_dir();
            }
            continue;
        }
        if kind.is_dir() || !is_day_file(e.path()) {
            continue;
        }
        if !kind.is_file() {
            let message = format!("cannot read: {}: skipped", not_a_file(kind));
            problems.push(Problem::error(e.path(), None, message));
            continue;
        }
        let rel = e
            .path()
            .strip_prefix(root)
            .unwrap_or(e.path())
            .to_path_buf();
        let (key, group) = group_of_os(&rel);
        files.push(DayFile { rel, key, group });
    }
    files
}

/// The problem with a symbolic link at `link` whose target is not inside the archive folder
/// `inside` (canonical): a link into `/sys` walked forever, one into `/usr` read hundreds of
/// foreign files. `None` when it stays inside.
fn leads_outside(link: &Path, inside: &Path) -> Option<Problem> {
    match link.canonicalize() {
        Ok(target) if target.starts_with(inside) => None,
        Ok(target) => Some(Problem::error(
            link,
            None,
            format!(
                "link leads outside the archive (to {}): skipped",
                target.display()
            ),
        )),
        Err(err) => Some(Problem::error(
            link,
            None,
            format!("cannot follow link: {err}: skipped"),
        )),
    }
}

/// What went wrong in the walk, in a reader's words (walkdir's repeat the path and speak of
/// "operations"). A symbolic link loop is only a warning: what it points to is walked anyway.
fn walk_problem(root: &Path, err: &walkdir::Error) -> Problem {
    let path = err.path().unwrap_or(root);
    if let Some(ancestor) = err.loop_ancestor() {
        let message = format!(
            "symbolic link loop (to {}, which holds it): not followed",
            ancestor.display()
        );
        return Problem::warning(path, None, message);
    }
    let io = err.io_error();
    if io.is_some_and(|e| e.kind() == io::ErrorKind::NotFound) && path.is_symlink() {
        let target = std::fs::read_link(path).unwrap_or_default();
        let message = format!("broken symbolic link (to {}): skipped", target.display());
        return Problem::error(path, None, message);
    }
    let what = if path.is_dir() { " folder" } else { "" };
    let why = io.map_or_else(|| err.to_string(), io::Error::to_string);
    Problem::error(path, None, format!("cannot read{what}: {why}: skipped"))
}

pub fn is_day_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// A file's group: its folder path, leaving out `_posts` and all-digit parts (years, months).
pub fn group_of(rel: &Path) -> String {
    group_of_os(rel).1
}

/// [`group_of`], with the folder names as they are (the group's key) beside it as text.
fn group_of_os(rel: &Path) -> (OsString, String) {
    let mut key = OsString::new();
    let mut name = String::new();
    let parts = rel.parent().into_iter().flat_map(Path::components);
    let parts = parts.map(|c| c.as_os_str()).filter(|p| {
        let bytes = p.as_encoded_bytes();
        bytes != b"_posts" && !bytes.iter().all(u8::is_ascii_digit)
    });
    for part in parts {
        if !key.is_empty() {
            key.push("/");
            name.push('/');
        }
        key.push(part);
        name.push_str(&folder_name(part));
    }
    (key, name)
}

/// A folder's name as text: bytes that are not UTF-8 written `\xHH`, so two names that
/// differ only there stay two (a lossy conversion made both `g�`).
fn folder_name(name: &OsStr) -> Cow<'_, str> {
    if let Some(text) = name.to_str() {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    for chunk in name.as_encoded_bytes().utf8_chunks() {
        out.push_str(chunk.valid());
        for byte in chunk.invalid() {
            let _ = write!(out, "\\x{byte:02X}");
        }
    }
    Cow::Owned(out)
}

/// A parsed file, its messages' speakers given provisional ids.
type Part = (DayFile, ParsedDay);

/// Places parsed files into groups and days, merging same-date files in file-name order
/// (on every core), and numbers speakers across the archive in order of first appearance.
///
/// Files are sorted in place and days cut from them: grouping them in a map of lists took
/// half of this step in fresh memory alone.
fn assemble(root: &Path, mut files: Vec<Part>, mut numbering: Numbering) -> Archive {
    files.retain(|(_, day)| day.date.is_some());
    // Every file's place is distinct (its path is), so an unstable sort is a stable one.
    files.sort_unstable_by(|(a, x), (b, y)| {
        (&a.key, x.date, a.rel.file_name(), &a.rel).cmp(&(
            &b.key,
            y.date,
            b.rel.file_name(),
            &b.rel,
        ))
    });
    let mut archive = Archive {
        root: root.to_path_buf(),
        groups: Vec::new(),
        days: Vec::new(),
        speakers: Vec::new(),
        people: Vec::new(),
        person_of: Vec::new(),
        unnamed: None,
        notes: Vec::new(),
    };
    let same_day = |(a, x): &Part, (b, y): &Part| a.key == b.key && x.date == y.date;
    let mut days = Vec::new();
    for parts in files.chunk_by_mut(same_day) {
        // Days come in key order, so a group's days are together.
        let key = &parts[0].0.key;
        let last: Option<&(GroupId, &mut [Part])> = days.last();
        if last.is_none_or(|(_, last)| &last[0].0.key != key) {
            add_group(&mut archive, root, &parts[0].0.group, days.len());
        }
        for (_, day) in parts.iter() {
            numbering.number(&day.messages);
        }
        let group = GroupId(archive.groups.len() as u32 - 1);
        days.push((group, parts));
        archive.groups[group.0 as usize].days.end = days.len();
    }
    let ids = numbering.ids();
    archive.days = days
        .into_par_iter()
        .map(|(group, parts)| merge_day(group, parts, ids))
        .collect();
    archive.unnamed = numbering.unnamed();
    archive.speakers = numbering.speakers;
    archive
}

/// Adds the group at folder `path`, its days to come from day `start` on.
fn add_group(archive: &mut Archive, root: &Path, path: &str, start: usize) {
    archive.groups.push(crate::model::Group {
        path: path.to_owned(),
        name: if path.is_empty() {
            archive_name(root)
        } else {
            path.to_owned()
        },
        days: start..start,
    });
}

/// The archive folder's own name, for the root group.
fn archive_name(root: &Path) -> String {
    let canonical = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    canonical.file_name().map_or_else(
        || canonical.display().to_string(),
        |n| folder_name(n).into_owned(),
    )
}

/// One day from its files (taken out of `parts`): texts appended, message ranges shifted,
/// speakers given their archive ids (`ids`, by provisional id).
fn merge_day(group: GroupId, parts: &mut [Part], ids: &[u32]) -> Day {
    let date = parts[0].1.date.unwrap_or_default();
    let mut day = Day {
        sources: Vec::with_capacity(parts.len()),
        meta: std::mem::take(&mut parts[0].1.meta),
        ..Day::new(group, date)
    };
    // Documents' text goes after every body: bodies lie back to back in message order.
    let mut documents = Vec::new();
    let mut pieces = Vec::with_capacity(parts.len());
    let mut len = 0;
    for (file, parsed) in parts {
        let text = std::mem::take(&mut parsed.text);
        if let Some(doc) = parsed.document.take() {
            let source = day.sources.len() as u32;
            documents.push((Document { source, ..doc }, text));
        } else {
            let mut messages = std::mem::take(&mut parsed.messages);
            for m in &mut messages {
                // Every provisional id of a message is numbered: it was counted.
                m.speaker = SpeakerId(ids.get(m.speaker.0 as usize).copied().unwrap_or(0));
                m.body = (m.body.0 + len, m.body.1 + len);
            }
            if day.messages.is_empty() {
                day.messages = messages;
            } else {
                day.messages.append(&mut messages);
            }
            len += text.len() as u32;
            pieces.push(text);
        }
        day.sources.push(std::mem::take(&mut file.rel));
    }
    for (doc, text) in documents {
        let start = len;
        len += text.len() as u32;
        day.documents.push(Document {
            body: (start, len),
            ..doc
        });
        pieces.push(text);
    }
    day.text = joined(pieces);
    day
}

/// The texts one after the other: the one itself when alone (a day of one file, nearly all).
fn joined(mut pieces: Vec<Text>) -> Text {
    if pieces.len() == 1 {
        return pieces.pop().unwrap_or_default();
    }
    Text::from(pieces.iter().map(|t| &**t).collect::<String>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_counts_every_day_file() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-logs");
        let progress = Progress::default();
        let (archive, _) = load_with_progress(&root, &progress).unwrap();
        let sources: usize = archive.days.iter().map(|d| d.sources.len()).sum();
        assert_eq!(progress.files.load(Ordering::Relaxed), sources);
        assert_eq!(progress.parsed.load(Ordering::Relaxed), sources);
    }
}
