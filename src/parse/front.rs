//! A day file's front matter: the YAML between the opening `---` and the closing one, read
//! as plain `key: value` lines when YAML would read them the same ([`simple_front`]), with
//! serde_yaml when it is small and plain, else line by line; and the day's date, from the
//! front matter, the title or the file name.

use std::path::Path;

use chrono::NaiveDate;

use super::lines::{Lines, parse_header, trim_line_end};
use super::raw_front::RawFront;
use super::simple_front;
use super::yaml_guard;
use crate::model::FrontMatter;
use crate::problem::Problem;

/// What the front matter gave, and whether there was any.
#[derive(Debug, Default)]
pub(super) struct Front {
    raw: RawFront,
    present: bool,
}

impl Front {
    pub(super) fn meta(&self) -> FrontMatter {
        FrontMatter {
            title: self.raw.title.clone(),
            author: self.raw.author.clone(),
            lines: self
                .raw
                .lines
                .as_deref()
                .and_then(|l| l.trim().parse().ok()),
        }
    }
}

/// Front matter longer than this is read line by line, never as YAML. Real ones are about 200
/// bytes. libyaml takes about 1 ms for 8 KiB of the worst YAML that [`yaml_guard`] lets
/// through (eight levels of brackets, over and over), 2 ms for 16 KiB.
const MAX_YAML: usize = 8 * 1024;

/// Reads the front matter, if the file starts with one. Returns it and the 1-based line
/// where the messages start.
pub(super) fn split_front_matter(
    path: &Path,
    text: &str,
    problems: &mut Vec<Problem>,
) -> (Front, u32) {
    let mut lines = Lines::new(text);
    if lines.next().map(|(_, l)| trim_line_end(l)) != Some("---") {
        return (Front::default(), 1);
    }
    let yaml_offset = text.len() - lines.remaining().len();
    let end = find_front_end(lines);
    let yaml = &text[yaml_offset..yaml_offset + end.yaml_len];
    // With its opening `---` (a YAML document start) the lines in YAML's errors are the file's.
    let document = &text[..yaml_offset + end.yaml_len];
    let raw = if end.by != EndedBy::Fence {
        problems.push(Problem::warning(path, Some(1), unclosed(&end)));
        front_by_lines(yaml)
    } else if yaml.trim().is_empty() {
        RawFront::default()
    } else if yaml.len() > MAX_YAML {
        problems.push(Problem::warning(
            path,
            Some(1),
            format!(
                "front matter is {} KiB, far more than a day log's: read line by line, not as YAML",
                yaml.len() / 1024
            ),
        ));
        front_by_lines(yaml)
    } else if let Some((line, why)) = yaml_guard::refusal(yaml) {
        // The YAML starts on the file's line 2.
        problems.push(Problem::warning(
            path,
            Some(line as u32 + 2),
            format!("front matter {why}: read line by line, not as YAML"),
        ));
        front_by_lines(yaml)
    } else if let Some(raw) = simple_front::read(yaml) {
        raw
    } else {
        serde_yaml::from_str(document).unwrap_or_else(|err| {
            let line = err.location().map(|l| l.line() as u32);
            problems.push(Problem::warning(
                path,
                line,
                format!("front matter is not valid YAML ({err}): read line by line"),
            ));
            front_by_lines(yaml)
        })
    };
    (Front { raw, present: true }, end.body_line)
}

/// Where a front matter ends.
struct FrontEnd {
    /// Bytes of YAML after the opening `---` line.
    yaml_len: usize,
    /// The 1-based line where the messages start.
    body_line: u32,
    by: EndedBy,
}

/// What ended a front matter: only a closing `---` is right.
#[derive(Clone, Copy, PartialEq, Eq)]
enum EndedBy {
    Fence,
    Header,
    EndOfFile,
}

/// Finds the closing `---` after the opening one. An unclosed front matter ends at the first
/// message header: read as messages, its lines would all be skipped as text before the first
/// header, taking its date with them.
fn find_front_end(mut lines: Lines<'_>) -> FrontEnd {
    let after_opening = lines.remaining().len();
    loop {
        let yaml_len = after_opening - lines.remaining().len();
        let end = |body_line, by| FrontEnd {
            yaml_len,
            body_line,
            by,
        };
        match lines.next() {
            None => return end(lines.number() + 1, EndedBy::EndOfFile),
            Some((n, line)) if trim_line_end(line) == "---" => return end(n + 1, EndedBy::Fence),
            Some((n, line)) if parse_header(line).is_some() => return end(n, EndedBy::Header),
            Some(_) => {}
        }
    }
}

/// The warning for a front matter that a header or the end of the file ended.
fn unclosed(end: &FrontEnd) -> String {
    let how = match (end.by, end.body_line) {
        (EndedBy::Header, 2) => "messages from line 2".to_owned(),
        (EndedBy::Header, line) => format!(
            "lines 2 to {} read as front matter, messages from line {line}",
            line - 1
        ),
        _ => "no message follows: the whole file read as front matter".to_owned(),
    };
    format!("front matter has no closing `---`: {how}")
}

/// Broken YAML: take `key: value` lines as they are, so a title or date still counts.
fn front_by_lines(yaml: &str) -> RawFront {
    let mut raw = RawFront::default();
    for line in yaml.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        // Only the keys we keep cost an allocation: a huge front matter is mostly others.
        let field = match key.trim() {
            "title" => &mut raw.title,
            "date" => &mut raw.date,
            "author" => &mut raw.author,
            "lines" => &mut raw.lines,
            _ => continue,
        };
        *field = Some(value.trim().trim_matches('"').to_owned());
    }
    raw
}

/// The day's date: front matter `date`, else `title`, else the file name.
pub(super) fn choose_date(
    path: &Path,
    front: &Front,
    problems: &mut Vec<Problem>,
) -> Option<NaiveDate> {
    let from_name = path
        .file_name()
        .and_then(|n| find_date(&n.to_string_lossy()));
    if let Some(date) = front.raw.date.as_deref().and_then(find_date) {
        if from_name.is_some_and(|n| n != date) {
            problems.push(Problem::warning(
                path,
                None,
                format!("front matter date {date} differs from the file name's: using {date}"),
            ));
        }
        return Some(date);
    }
    let (date, source) = match front.raw.title.as_deref().and_then(find_date) {
        Some(date) => (date, "the title"),
        None => (from_name?, "the file name"),
    };
    let why = if front.present {
        "no date in the front matter"
    } else {
        "no front matter"
    };
    problems.push(Problem::warning(
        path,
        None,
        format!("{why}: date {date} taken from {source}"),
    ));
    Some(date)
}

/// The first `YYYY-MM-DD` in `s` that is a real date.
pub fn find_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(9)).find_map(|i| {
        let w = &b[i..i + 10];
        let shape = w.iter().enumerate().all(|(j, &c)| match j {
            4 | 7 => c == b'-',
            _ => c.is_ascii_digit(),
        });
        if !shape {
            return None;
        }
        let num = |r: std::ops::Range<usize>| s[i + r.start..i + r.end].parse().ok();
        NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
    })
}
