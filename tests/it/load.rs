//! How a folder becomes groups and days: same-date files merge, year/month folders and
//! `_posts` are not groups, nested folders are. Each test writes its own small archive in
//! the system temp folder and removes it afterwards.

use std::fs;
use std::path::{Path, PathBuf};

use chatlog::load::load;
use chatlog::model::{Archive, Day, GroupId};

use crate::common::TempDir;

/// An archive folder of our own, `chat-archive` inside a uniquely named temp folder so the
/// root group has a known name; the temp folder (and only it) is removed when dropped.
struct TempArchive {
    _base: TempDir,
    root: PathBuf,
}

impl TempArchive {
    fn new(test: &str) -> TempArchive {
        let base = TempDir::new(&format!("load-{test}"));
        let root = base.path().join("chat-archive");
        fs::create_dir_all(&root).unwrap();
        TempArchive { _base: base, root }
    }

    /// Writes a day file at `rel`, dated by its file name (`YYYY-MM-DD-…`).
    fn day(&self, rel: &str, messages: &[(&str, &str, &str)]) -> &TempArchive {
        let path = self.root.join(rel);
        let date = &path.file_name().unwrap().to_str().unwrap()[..10];
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, day_file(date, messages)).unwrap();
        self
    }

    /// Loads the archive, which must have no problems.
    fn load(&self) -> Archive {
        let (archive, problems) = load(&self.root).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        archive
    }
}

/// A day file in the real format for `date`, one message per (time, speaker, text).
fn day_file(date: &str, messages: &[(&str, &str, &str)]) -> String {
    let mut text = format!(
        "---\nlayout:     source \ntitle:      \"{date}-WeChat\"\ndate:       {date} 12:00:00\n---\n"
    );
    for (time, speaker, body) in messages {
        text.push_str(&format!("> {time}  {speaker}  \n   \n{body}  \n   \n"));
    }
    text
}

fn group_names(archive: &Archive) -> Vec<&str> {
    archive.groups.iter().map(|g| g.name.as_str()).collect()
}

fn bodies(day: &Day) -> Vec<&str> {
    day.messages.iter().map(|m| day.body(m)).collect()
}

#[test]
fn same_date_files_in_a_group_merge_into_one_day_in_file_name_order() {
    let archive = TempArchive::new("merge");
    // The walk meets `grp/2018/…` before `grp/_posts/…`; file-name order puts `-a` first.
    archive
        .day(
            "grp/2018/03/2018-03-26-b.md",
            &[("09:00:00", "Bob", "b1"), ("09:00:01", "Bob", "b2")],
        )
        .day(
            "grp/_posts/2018-03-26-a.md",
            &[("10:00:00", "Ann", "a1"), ("08:00:00", "Ann", "a2")],
        )
        .day("grp/_posts/2018-03-27-a.md", &[("10:00:00", "Ann", "next")]);
    let loaded = archive.load();
    assert_eq!(group_names(&loaded), ["grp"]);
    assert_eq!(loaded.days.len(), 2, "one day per (group, date)");
    let day = &loaded.days[0];
    assert_eq!(day.date.to_string(), "2018-03-26");
    assert_eq!(
        bodies(day),
        ["a1", "a2", "b1", "b2"],
        "file order, not time"
    );
    assert_eq!(
        day.sources,
        [
            Path::new("grp/_posts/2018-03-26-a.md"),
            Path::new("grp/2018/03/2018-03-26-b.md"),
        ]
    );
    let speakers: Vec<&str> = day
        .messages
        .iter()
        .map(|m| loaded.speaker(m.speaker))
        .collect();
    assert_eq!(speakers, ["Ann", "Ann", "Bob", "Bob"]);
    assert_eq!(loaded.message_count(), 5, "2 + 2 + 1: nothing lost");
}

#[test]
fn year_month_folders_and_posts_are_not_groups_and_the_root_group_is_the_archive() {
    let archive = TempArchive::new("layout");
    archive
        .day(
            "2018/03/2018-03-26-WeChat.md",
            &[("10:00:00", "Ann", "dated")],
        )
        .day("2018-03-27-WeChat.md", &[("10:00:00", "Ann", "flat")])
        .day(
            "_posts/2018-03-28-chat.markdown",
            &[("10:00:00", "Ann", "posts")],
        )
        .day(
            "dev/_posts/2018-03-26-chat.markdown",
            &[("10:00:00", "Bob", "dev")],
        )
        .day(
            "dev/2019/01/2019-01-02-WeChat.md",
            &[("10:00:00", "Bob", "dev later")],
        );
    let loaded = archive.load();
    let root = &loaded.groups[0];
    assert_eq!(
        (root.path.as_str(), root.name.as_str()),
        ("", "chat-archive")
    );
    assert_eq!(group_names(&loaded), ["chat-archive", "dev"]);
    let in_root: Vec<&str> = loaded
        .group_days(GroupId(0))
        .iter()
        .flat_map(bodies)
        .collect();
    assert_eq!(in_root, ["dated", "flat", "posts"]);
    let dev = loaded.find_group("dev").unwrap();
    let in_dev: Vec<&str> = loaded.group_days(dev).iter().flat_map(bodies).collect();
    assert_eq!(in_dev, ["dev", "dev later"]);
}

#[test]
fn a_day_file_in_a_nested_group_folder_belongs_to_the_whole_path() {
    let archive = TempArchive::new("nested");
    archive
        .day(
            "a/b/_posts/2018-03-26-chat.markdown",
            &[("10:00:00", "Ann", "deep")],
        )
        .day(
            "a/_posts/2018-03-26-chat.markdown",
            &[("10:00:00", "Bob", "shallow")],
        );
    let loaded = archive.load();
    assert_eq!(group_names(&loaded), ["a", "a/b"]);
    let deep = loaded.find_group("a/b").unwrap();
    let days = loaded.group_days(deep);
    assert_eq!(days.len(), 1);
    assert_eq!(bodies(&days[0]), ["deep"]);
    assert_eq!(
        days[0].sources,
        [Path::new("a/b/_posts/2018-03-26-chat.markdown")]
    );
}

/// Two folders whose names differ only in bytes that are not UTF-8 are two groups: a lossy
/// conversion named both `g�` and merged their days. Each is named with its bytes escaped.
#[test]
fn folders_named_in_other_bytes_than_utf8_stay_apart() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    let archive = TempArchive::new("non-utf8");
    for (folder, speaker) in [(&b"g\xff"[..], "Ann"), (&b"g\xfe"[..], "Bob")] {
        let dir = archive.root.join(OsStr::from_bytes(folder));
        fs::create_dir_all(&dir).unwrap();
        let text = day_file("2018-03-26", &[("10:00:00", speaker, "hi")]);
        fs::write(dir.join("2018-03-26-chat.md"), text).unwrap();
    }
    let loaded = archive.load();
    assert_eq!(group_names(&loaded), [r"g\xFE", r"g\xFF"]);
    for (group, speaker) in [(r"g\xFE", "Bob"), (r"g\xFF", "Ann")] {
        let days = loaded.group_days(loaded.find_group(group).unwrap());
        assert_eq!(days.len(), 1, "{group}");
        let names: Vec<&str> = days[0]
            .messages
            .iter()
            .map(|m| loaded.speaker(m.speaker))
            .collect();
        assert_eq!(names, [speaker], "{group}");
    }
}

/// Workers name speakers by how files spell them; the archive by the decoded name. Two
/// spellings of one name, in one file and across files, are one speaker, and every message
/// counts.
#[test]
fn two_spellings_of_one_name_are_one_speaker() {
    let archive = TempArchive::new("spellings");
    let one = [
        ("09:00:00", "A&amp;B", "1"),
        ("09:00:01", "A&B", "2"),
        ("09:00:02", "Cy", "3"),
        ("09:00:03", "A&#38;B", "4"),
    ];
    archive
        .day("g/2018-03-26.md", &one)
        .day("g/2018-03-27.md", &[("10:00:00", "A&#x26;B", "5")]);
    let loaded = archive.load();
    let names: Vec<(&str, u32)> = loaded
        .speakers
        .iter()
        .map(|s| (s.name.as_str(), s.messages))
        .collect();
    assert_eq!(names, [("A&B", 4), ("Cy", 1)]);
    let day = &loaded.days[0];
    let ids: Vec<u32> = day.messages.iter().map(|m| m.speaker.0).collect();
    assert_eq!(ids, [0, 0, 1, 0]);
    assert_eq!(loaded.days[1].messages[0].speaker.0, 0);
}

/// Speakers are numbered in order of first appearance in the archive (groups, then dates,
/// then files of a date), whichever thread parsed which file first, and each one's
/// messages are counted across files. 60 days, each introducing names in reverse of an
/// earlier day's order, loaded again and again on every core.
#[test]
fn speakers_are_numbered_by_first_appearance_whatever_the_threads_did() {
    let archive = TempArchive::new("numbering");
    let name = |i: usize| format!("n{i:02}");
    let mut expected: Vec<(String, u32)> = Vec::new();
    let mut days = Vec::new();
    for d in 0..60usize {
        // Day d speaks names d+1, d, …, d/2 (latest first), two messages for the newest.
        let mut speakers: Vec<usize> = (d / 2..=d + 1).rev().collect();
        speakers.insert(1, d + 1);
        for &s in &speakers {
            match expected.iter_mut().find(|(n, _)| *n == name(s)) {
                Some((_, count)) => *count += 1,
                None => expected.push((name(s), 1)),
            }
        }
        days.push((
            format!("g/{}/2019-{:02}-{:02}.md", 2019, d / 28 + 1, d % 28 + 1),
            speakers,
        ));
    }
    for (rel, speakers) in &days {
        let names: Vec<String> = speakers.iter().map(|&s| name(s)).collect();
        let messages: Vec<(&str, &str, &str)> = names
            .iter()
            .map(|n| ("09:00:00", n.as_str(), "hi"))
            .collect();
        archive.day(rel, &messages);
    }
    for _ in 0..8 {
        let loaded = archive.load();
        let got: Vec<(String, u32)> = loaded
            .speakers
            .iter()
            .map(|s| (s.name.clone(), s.messages))
            .collect();
        assert_eq!(got, expected);
        let first_day: Vec<&str> = loaded.days[0]
            .messages
            .iter()
            .map(|m| loaded.speakers[m.speaker.0 as usize].name.as_str())
            .collect();
        assert_eq!(first_day, ["n01", "n01", "n00"]);
    }
}
