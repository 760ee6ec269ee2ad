//! The non-interactive commands (`check`, `stats`, `search`, `show`): how scripts, tests and
//! benchmarks see an archive. Each writes to `out` and returns the process exit code.
//!
//! Log text is shown inert here too (a log's escape sequences must not reach a terminal
//! through a pipe to `less -R` either); JSON output escapes control characters itself.

use std::collections::BTreeMap;
use std::io::{self, Write};

use chrono::NaiveDate;
use serde_json::json;

use crate::model::{Archive, Day, Message};
use crate::problem::{Problem, Severity};
use crate::search::{Matcher, Scope, search_archive};
use crate::text;

/// Exit codes shared by every command.
pub mod exit {
    /// Everything loaded.
    pub const OK: i32 = 0;
    /// Problems found, but everything loadable was loaded.
    pub const PROBLEMS: i32 = 1;
    /// Nothing to show: bad arguments, no archive.
    pub const FATAL: i32 = 2;
}

/// How many speakers `stats` lists.
const TOP_SPEAKERS: usize = 20;

/// The exit code for a load with these problems.
pub fn status(problems: &[Problem]) -> i32 {
    if problems.is_empty() {
        exit::OK
    } else {
        exit::PROBLEMS
    }
}

/// `check`: one line per problem, then a summary.
pub fn check(archive: &Archive, problems: &[Problem], out: &mut dyn Write) -> io::Result<i32> {
    for p in problems {
        writeln!(out, "{}", text::shown(&p.to_string()))?;
    }
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    writeln!(
        out,
        "{} days, {} messages in {} groups: {} problems ({} errors, {} warnings)",
        archive.days.len(),
        archive.message_count(),
        archive.groups.len(),
        problems.len(),
        errors,
        problems.len() - errors,
    )?;
    Ok(status(problems))
}

/// `stats`: counts, first and last date, and the busiest speakers.
pub fn stats(
    archive: &Archive,
    problems: &[Problem],
    as_json: bool,
    out: &mut dyn Write,
) -> io::Result<i32> {
    let first = archive.days.iter().map(|d| d.date).min();
    let last = archive.days.iter().map(|d| d.date).max();
    let top = top_speakers(archive);
    if as_json {
        let per_day: BTreeMap<String, usize> = archive
            .days
            .iter()
            .map(|d| (day_key(archive, d), d.messages.len()))
            .collect();
        let value = json!({
            "groups": archive.groups.len(),
            "days": archive.days.len(),
            "messages": archive.message_count(),
            "speakers": archive.speakers.len(),
            "first": first.map(|d| d.to_string()),
            "last": last.map(|d| d.to_string()),
            "problems": problems.len(),
            "per_day": per_day,
            "top_speakers": top,
        });
        writeln!(out, "{value}")?;
    } else {
        let groups: Vec<&str> = archive.groups.iter().map(|g| g.name.as_str()).collect();
        writeln!(
            out,
            "groups:    {} ({})",
            groups.len(),
            text::shown(&groups.join(", "))
        )?;
        writeln!(out, "days:      {}", archive.days.len())?;
        writeln!(out, "messages:  {}", archive.message_count())?;
        writeln!(out, "speakers:  {}", archive.speakers.len())?;
        let date = |d: Option<NaiveDate>| d.map_or_else(|| "-".to_owned(), |d| d.to_string());
        writeln!(out, "first:     {}", date(first))?;
        writeln!(out, "last:      {}", date(last))?;
        writeln!(out, "problems:  {}", problems.len())?;
        writeln!(out, "top speakers:")?;
        for (name, count) in &top {
            writeln!(out, "  {count:>7}  {}", text::shown(name))?;
        }
    }
    Ok(status(problems))
}

/// `GROUP/YYYY-MM-DD`, or the date alone in a one-group archive.
fn day_key(archive: &Archive, day: &Day) -> String {
    if archive.groups.len() == 1 {
        day.date.to_string()
    } else {
        format!("{}/{}", archive.group(day.group).name, day.date)
    }
}

fn top_speakers(archive: &Archive) -> Vec<(String, u32)> {
    let mut all: Vec<(String, u32)> = archive
        .speakers
        .iter()
        .map(|s| (s.name.clone(), s.messages))
        .collect();
    all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    all.truncate(TOP_SPEAKERS);
    all
}

/// `search`: every matching message, one line each (or JSON lines).
pub fn search(
    archive: &Archive,
    problems: &[Problem],
    matcher: &Matcher,
    scope: &Scope,
    as_json: bool,
    out: &mut dyn Write,
) -> io::Result<i32> {
    let with_group = archive.groups.len() > 1;
    for hit in search_archive(archive, matcher, scope) {
        let day = &archive.days[hit.day];
        let msg = &day.messages[hit.message];
        if as_json {
            let value = json!({
                "group": archive.group(day.group).name,
                "date": day.date.to_string(),
                "time": msg.time.to_string(),
                "speaker": archive.speaker(msg.speaker),
                "text": day.body(msg),
            });
            writeln!(out, "{value}")?;
        } else {
            if with_group {
                write!(out, "{} ", text::shown(&archive.group(day.group).name))?;
            }
            writeln!(out, "{} {}", day.date, one_line(archive, day, msg))?;
        }
    }
    Ok(status(problems))
}

/// `TIME SPEAKER: text`, newlines shown as `⏎`, everything inert.
fn one_line(archive: &Archive, day: &Day, msg: &Message) -> String {
    let line = format!(
        "{} {}: {}",
        msg.time,
        archive.speaker(msg.speaker),
        day.body(msg)
    );
    text::shown(&line)
}

/// `show`: one day as plain text, a line per message, continuation lines indented.
pub fn show(
    archive: &Archive,
    problems: &[Problem],
    day: &Day,
    scope: &Scope,
    out: &mut dyn Write,
) -> io::Result<i32> {
    let group = &archive.group(day.group).name;
    writeln!(
        out,
        "# {} {} ({}) · {} messages",
        text::shown(group),
        day.date,
        day.date.format("%A"),
        day.messages.len()
    )?;
    for msg in day.messages.iter().filter(|m| scope.has_speaker(m)) {
        let mut lines = day.body(msg).split('\n');
        let first = lines.next().unwrap_or("");
        writeln!(
            out,
            "{} {}: {}",
            msg.time,
            text::shown(archive.speaker(msg.speaker)),
            text::shown(first)
        )?;
        for line in lines {
            writeln!(out, "         {}", text::shown(line))?;
        }
    }
    Ok(status(problems))
}
