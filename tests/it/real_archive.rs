//! The real published archive in ../shared/real-logs/: everything loads, with exact counts
//! checked against an independent count of header lines.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chatlog::export::{Format, write_day};
use chatlog::load::load;
use chatlog::parse::parse_day;
use chatlog::search::{Matcher, Scope, search_archive};
use regex::Regex;

use crate::common::TempDir;
use crate::common::real_logs::real_logs;

/// Every day file of the real archive (`<group>/_posts/*`).
fn walk_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for group in std::fs::read_dir(root).unwrap() {
        for file in std::fs::read_dir(group.unwrap().path().join("_posts")).unwrap() {
            files.push(file.unwrap().path());
        }
    }
    files
}

/// Message counts per `group/date`, counted without the parser: header lines by pattern,
/// group as the first folder, date from the file name.
fn independent_counts(root: &Path) -> BTreeMap<String, usize> {
    let header = Regex::new(r"(?m)^> \d{1,2}:\d{2}:\d{2}(?:[ \t]|$)").unwrap();
    let mut counts = BTreeMap::new();
    for file in walk_files(root) {
        let text = std::fs::read_to_string(&file).unwrap();
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let group = file
            .parent()
            .and_then(Path::parent)
            .and_then(Path::file_name)
            .unwrap();
        let key = format!("{}/{}", group.to_string_lossy(), &name[..10]);
        *counts.entry(key).or_insert(0) += header.find_iter(&text).count();
    }
    counts
}

#[test]
fn real_archive_loads_exactly() {
    let Some(root) = real_logs() else { return };
    let (archive, problems) = load(&root).expect("the real archive loads");
    assert!(
        problems.is_empty(),
        "problems on the real archive: {problems:#?}"
    );

    let expected = independent_counts(&root);
    let got: BTreeMap<String, usize> = archive
        .days
        .iter()
        .map(|d| {
            (
                format!("{}/{}", archive.group(d.group).name, d.date),
                d.messages.len(),
            )
        })
        .collect();
    assert_eq!(got, expected);
    assert_eq!(archive.days.len(), 537);
    assert_eq!(archive.message_count(), 94_208);
    let groups: Vec<&str> = archive.groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(groups, ["devarch", "prodarch", "proddev", "prodrd"]);

    // Speakers are interned once, and their counts add up to the messages.
    let total: u64 = archive.speakers.iter().map(|s| u64::from(s.messages)).sum();
    assert_eq!(total, 94_208);
    let mut names: Vec<&str> = archive.speakers.iter().map(|s| s.name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), archive.speakers.len());
}

#[test]
fn real_archive_days_are_sorted_and_grouped() {
    let Some(root) = real_logs() else { return };
    let (archive, _) = load(&root).unwrap();
    for (gi, group) in archive.groups.iter().enumerate() {
        let days = &archive.days[group.days.clone()];
        assert!(days.iter().all(|d| d.group.0 as usize == gi));
        assert!(
            days.windows(2).all(|w| w[0].date < w[1].date),
            "{} not sorted",
            group.name
        );
    }
    let covered: usize = archive.groups.iter().map(|g| g.days.len()).sum();
    assert_eq!(covered, archive.days.len());
}

#[test]
fn real_archive_entities_and_quirks() {
    let Some(root) = real_logs() else { return };
    let (archive, _) = load(&root).unwrap();
    let bodies = || {
        archive
            .days
            .iter()
            .flat_map(|d| d.messages.iter().map(move |m| d.body(m)))
    };
    // Entities are decoded for display and search: none of the era escapes survive.
    for escape in ["&amp;", "&gt;", "&lt;", "&quot;", "&#160;"] {
        let left = bodies().filter(|b| b.contains(escape)).count();
        assert_eq!(left, 0, "{escape} left in {left} bodies");
    }
    // The empty-name header of prodrd 2019-03-15 is still a message.
    let prodrd = archive.find_group("prodrd").unwrap();
    let day = &archive.group_days(prodrd)[0];
    let empty: Vec<_> = day
        .messages
        .iter()
        .filter(|m| archive.speaker(m.speaker).is_empty())
        .collect();
    assert_eq!(empty.len(), 1);
    assert_eq!(empty[0].time.to_string(), "20:18:53");
    // Every image line of the files is an image message.
    let image_line = Regex::new(r"(?m)^!\[[^\]]*\]\([^)]*\) *$").unwrap();
    let expected: usize = walk_files(&root)
        .iter()
        .map(|f| {
            image_line
                .find_iter(&std::fs::read_to_string(f).unwrap())
                .count()
        })
        .sum();
    let images = archive
        .days
        .iter()
        .flat_map(|d| &d.messages)
        .filter(|m| m.kind == chatlog::model::Kind::Image)
        .count();
    assert_eq!(images, expected);
    assert!(images > 2000);
}

/// Every real day written back as Markdown (`show --format markdown`, `:export x.md`)
/// parses into the same title, author and messages: time, speaker, kind and body, in order.
#[test]
fn every_real_day_round_trips_through_markdown() {
    let Some(root) = real_logs() else { return };
    let (archive, _) = load(&root).unwrap();
    for day in &archive.days {
        let all: Vec<usize> = (0..day.messages.len()).collect();
        let mut out = Vec::new();
        write_day(&archive, day, &all, Format::Markdown, &mut out).unwrap();
        let (parsed, problems) = parse_day(Path::new("export.md"), &out);
        assert!(problems.is_empty(), "{problems:?}");
        let parsed = parsed.unwrap();
        assert_eq!(parsed.date, Some(day.date));
        assert_eq!(
            (&parsed.meta.title, &parsed.meta.author),
            (&day.meta.title, &day.meta.author)
        );
        let back: Vec<_> = parsed
            .messages
            .iter()
            .map(|m| (m.time, parsed.speaker(m), m.kind, parsed.body(m)))
            .collect();
        let original: Vec<_> = day
            .messages
            .iter()
            .map(|m| (m.time, archive.speaker(m.speaker), m.kind, day.body(m)))
            .collect();
        let name = &archive.group(day.group).name;
        assert_eq!(back, original, "{name} {}", day.date);
    }
}

/// prodarch's 2017-12-18, the archive's busiest day, cut in the middle of its last Chinese
/// character: it was read as windows-1252, all 1,639 messages garbled and `代扣` found in
/// none of its 15. Now it stays UTF-8, the cut character shows as U+FFFD, a warning names
/// the last line.
#[test]
fn a_real_day_cut_mid_character_stays_utf8() {
    let Some(root) = real_logs() else { return };
    let day = "prodarch/_posts/2017-12-18-chat.markdown";
    let bytes = std::fs::read(root.join(day)).unwrap();
    let last_char = bytes.iter().rposition(|&b| b >= 0xe0).unwrap();
    let cut = &bytes[..last_char + 1];
    let temp = TempDir::new("real-cut");
    let copy = temp.path().join(day);
    std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
    std::fs::write(&copy, cut).unwrap();

    let (archive, problems) = load(temp.path()).unwrap();
    let last_line = cut.iter().filter(|&&b| b == b'\n').count() + 1;
    let messages: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        messages,
        [format!(
            "{}:{last_line}: warning: 1 byte(s) that are not UTF-8 in a UTF-8 file, \
             the first on this line (a damaged or cut file?): shown as \u{fffd}",
            copy.display()
        )]
    );
    assert_eq!(archive.message_count(), 1639);
    let matcher = Matcher::new("代扣", false).unwrap();
    assert_eq!(
        search_archive(
            &archive,
            &matcher,
            &Scope {
                all: true,
                ..Scope::default()
            }
        )
        .len(),
        15
    );
}
