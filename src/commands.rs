//! The non-interactive commands (`check`, `stats`, `search`, `show`): how scripts, tests and
//! benchmarks see an archive. Each writes to `out` and returns the process exit code; `show`
//! writes its day through [`crate::export`], as the reader's `:export` does.
//!
//! Log text is shown inert here too (a log's escape sequences must not reach a terminal
//! through a pipe to `less -R` either). JSON keeps the text exact but inert: every control
//! character a terminal would act on is a `\uXXXX` escape (see [`crate::json`]).

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use chrono::NaiveDate;
use serde_json::{Value, json};

use crate::activity::{self, Span};
use crate::dates::DateSpan;
use crate::export::{self, Format, Selection};
use crate::filter;
use crate::grep;
use crate::json::write_json;
use crate::model::{Archive, Day};
use crate::problem::{Problem, Severity};
use crate::search::{Matcher, Scope, search_archive};
use crate::text;

/// Exit codes shared by every command.
pub mod exit {
    /// Everything loaded (warnings, which lose nothing, allowed).
    pub const OK: i32 = 0;
    /// Something was skipped (an error), but everything loadable was loaded.
    pub const PROBLEMS: i32 = 1;
    /// Nothing to show: bad arguments, no archive.
    pub const FATAL: i32 = 2;
}

/// How many speakers `stats` lists.
const TOP_SPEAKERS: usize = 20;

/// Cells of the longest bar in `stats --by`.
const BAR_CELLS: usize = 40;

/// Cells a speaker's name may take in `stats --by speaker` before it is cut with `…`.
const NAME_CELLS: usize = 24;

/// The exit code for a load with these problems: 1 when something was skipped (an error);
/// warnings say what was odd, but nothing was lost.
pub fn status(problems: &[Problem]) -> i32 {
    if problems.iter().any(|p| p.severity == Severity::Error) {
        exit::PROBLEMS
    } else {
        exit::OK
    }
}

/// `check`: one line per problem, then one per page skipped (info), then a summary.
pub fn check(archive: &Archive, problems: &[Problem], out: &mut dyn Write) -> io::Result<i32> {
    for p in problems.iter().chain(&archive.notes) {
        writeln!(out, "{}", text::shown(&p.to_string()))?;
    }
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    write!(
        out,
        "{} days, {} messages in {} groups",
        archive.days.len(),
        archive.message_count(),
        archive.groups.len(),
    )?;
    let documents = archive.document_count();
    if documents > 0 {
        write!(
            out,
            ", {documents} {}",
            text::plural(documents, "document", "documents")
        )?;
    }
    write!(
        out,
        ": {} problems ({} errors, {} warnings)",
        problems.len(),
        errors,
        problems.len() - errors,
    )?;
    let pages = archive.notes.len();
    if pages > 0 {
        write!(
            out,
            "; {pages} {} skipped",
            text::plural(pages, "page", "pages")
        )?;
    }
    writeln!(out)?;
    Ok(status(problems))
}

/// `stats`: counts, first and last date, and the busiest speakers.
pub fn stats(
    archive: &Archive,
    problems: &[Problem],
    span: Span,
    as_json: bool,
    out: &mut dyn Write,
) -> io::Result<i32> {
    let days = span.days(archive);
    let first = days.iter().map(|d| d.date).min();
    let last = days.iter().map(|d| d.date).max();
    let top = top_speakers(archive, span);
    let messages: usize = days.iter().map(|d| d.messages.len()).sum();
    let echoes: usize = days.iter().map(|d| d.echoes.len()).sum();
    let documents: usize = days.iter().map(|d| d.documents.len()).sum();
    let speakers = match span {
        Span::Archive => archive.speakers.len(),
        _ => {
            let names: BTreeSet<_> = days
                .iter()
                .flat_map(|d| &d.messages)
                .map(|m| m.speaker)
                .collect();
            names.len()
        }
    };
    let groups: Vec<&str> = match span {
        Span::Group(g) => vec![archive.group(g).name.as_str()],
        _ => archive.groups.iter().map(|g| g.name.as_str()).collect(),
    };
    if as_json {
        let per_day: BTreeMap<String, usize> = days
            .iter()
            .map(|d| (day_key(archive, d), d.messages.len()))
            .collect();
        let value = json!({
            "groups": groups.len(),
            "days": days.len(),
            "messages": messages,
            "echoes": echoes,
            "documents": documents,
            "speakers": speakers,
            "first": first.map(|d| d.to_string()),
            "last": last.map(|d| d.to_string()),
            "problems": problems.len(),
            "per_day": per_day,
            "top_speakers": top,
        });
        write_json(out, &value)?;
    } else {
        writeln!(
            out,
            "groups:    {} ({})",
            groups.len(),
            text::shown(&groups.join(", "))
        )?;
        writeln!(out, "days:      {}", days.len())?;
        writeln!(out, "messages:  {messages}")?;
        writeln!(out, "echoes:    {echoes}")?;
        writeln!(out, "documents: {documents}")?;
        writeln!(out, "speakers:  {speakers}")?;
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

/// The people who wrote most in `span`, by the name they go by, echoes not counted.
fn top_speakers(archive: &Archive, span: Span) -> Vec<(String, usize)> {
    activity::per_person(archive, span, true)
        .into_iter()
        .take(TOP_SPEAKERS)
        .map(|(id, count)| (archive.person_name(id).to_owned(), count))
        .collect()
}

/// The figure `stats --by` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    /// Messages per hour of the day, 00 to 23.
    Hour,
    /// Messages per date with a log, oldest first.
    Day,
    /// Messages per person (a speaker and their other names), most first.
    Speaker,
}

impl By {
    /// The column (and JSON key) that names a row.
    fn key(self) -> &'static str {
        match self {
            By::Hour => "hour",
            By::Day => "date",
            By::Speaker => "speaker",
        }
    }
}

/// One row of a figure: its name as shown, its JSON value, its count, and for a person
/// their other names.
struct Row {
    label: String,
    key: Value,
    messages: usize,
    aliases: Option<Vec<String>>,
}

/// `stats --by`: one activity figure over `span` (echoes not counted with `fold`), as
/// aligned rows with a bar each, or as one JSON array of `{KEY: …, "messages": N}` objects
/// in the same order (`"aliases"` too for people).
pub fn activity(
    archive: &Archive,
    problems: &[Problem],
    (by, span, fold): (By, Span, bool),
    as_json: bool,
    out: &mut dyn Write,
) -> io::Result<i32> {
    let rows = figure(archive, by, span, fold);
    if as_json {
        let items: Vec<Value> = rows
            .into_iter()
            .map(|row| {
                let mut item = json!({ by.key(): row.key, "messages": row.messages });
                if let Some(aliases) = row.aliases {
                    item["aliases"] = json!(aliases);
                }
                item
            })
            .collect();
        write_json(out, &Value::Array(items))?;
    } else {
        write_bars(by.key(), &rows, out)?;
    }
    Ok(status(problems))
}

fn figure(archive: &Archive, by: By, span: Span, fold: bool) -> Vec<Row> {
    match by {
        By::Hour => (0..)
            .zip(activity::per_hour(archive, span, fold))
            .map(|(hour, messages)| Row {
                label: format!("{hour:02}"),
                key: json!(hour),
                messages,
                aliases: None,
            })
            .collect(),
        By::Day => activity::per_day(archive, span, fold)
            .into_iter()
            .map(|(date, messages)| Row {
                label: date.format("%Y-%m-%d %a").to_string(),
                key: json!(date.to_string()),
                messages,
                aliases: None,
            })
            .collect(),
        By::Speaker => activity::per_person(archive, span, fold)
            .into_iter()
            .map(|(id, messages)| {
                let names = &archive.people[id.0 as usize].names;
                let name = archive.person_name(id);
                Row {
                    label: text::fit(name, NAME_CELLS),
                    key: json!(name),
                    messages,
                    aliases: Some(
                        names[1..]
                            .iter()
                            .map(|&n| archive.speaker(n).to_owned())
                            .collect(),
                    ),
                }
            })
            .collect(),
    }
}

/// A header, then `LABEL  COUNT  BAR` per row: labels padded by cells (names may be CJK),
/// counts right-aligned, bars scaled so the biggest count fills [`BAR_CELLS`].
fn write_bars(header: &str, rows: &[Row], out: &mut dyn Write) -> io::Result<()> {
    const COUNT: &str = "messages";
    let label_cells = rows
        .iter()
        .map(|r| text::width(&r.label))
        .chain([header.len()])
        .max()
        .unwrap_or(0);
    let max = rows.iter().map(|r| r.messages).max().unwrap_or(0);
    let count_cells = max.to_string().len().max(COUNT.len());
    writeln!(out, "{}  {COUNT:>count_cells$}", pad(header, label_cells))?;
    for row in rows {
        writeln!(
            out,
            "{}  {:>count_cells$}  {}",
            pad(&row.label, label_cells),
            row.messages,
            bar(row.messages, max)
        )?;
    }
    Ok(())
}

/// `label` (already inert) followed by spaces up to `cells` cells.
fn pad(label: &str, cells: usize) -> String {
    let fill = cells.saturating_sub(text::width(label));
    format!("{label}{}", " ".repeat(fill))
}

/// A bar for `count` out of `max` in eighths of a cell; any count above zero shows.
fn bar(count: usize, max: usize) -> String {
    const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    if count == 0 || max == 0 {
        return String::new();
    }
    let eighths = ((count * BAR_CELLS * 8 + max / 2) / max).max(1);
    format!("{}{}", "█".repeat(eighths / 8), PARTS[eighths % 8])
}

/// How `search` prints what it finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Print {
    /// The messages, as lines of text or JSON, with context or not.
    Messages(grep::Lines),
    /// The number of messages found.
    Count,
    /// Nothing: the exit code says.
    Quiet,
}

/// `search`: every matching message, one line each (or JSON lines, or their count).
/// Exits as grep does: 0 when something matched, 1 when nothing did (load problems are
/// said on stderr, not in the exit code).
pub fn search(
    archive: &Archive,
    matcher: &Matcher,
    scope: &Scope,
    print: Print,
    out: &mut dyn Write,
) -> io::Result<i32> {
    let found = search_archive(archive, matcher, scope);
    let code = if found.is_empty() {
        exit::PROBLEMS
    } else {
        exit::OK
    };
    match print {
        Print::Count => writeln!(out, "{}", found.len())?,
        Print::Quiet => {}
        Print::Messages(lines) => grep::write(archive, matcher, &found, !scope.all, lines, out)?,
    }
    Ok(code)
}

/// `show`: the days of `selection` in `format`; with `bom`, a UTF-8 byte order mark first
/// (spreadsheets take CSV without one for a legacy encoding).
pub fn show(
    archive: &Archive,
    problems: &[Problem],
    selection: &Selection,
    (format, bom): (Format, bool),
    out: &mut dyn Write,
) -> io::Result<i32> {
    if bom {
        out.write_all("\u{feff}".as_bytes())?;
    }
    export::write_days(archive, selection, format, out)?;
    Ok(status(problems))
}

/// What `show` writes of `span` under `scope`: a day typed as one date is written even when
/// nothing in it passes, and must be in one group (or named with one); of any longer span,
/// every day of the group (or of all groups, in archive order) with something to write.
pub fn show_selection(
    archive: &Archive,
    span: &DateSpan,
    scope: &Scope,
) -> anyhow::Result<Selection> {
    let fold = !scope.all;
    let days = (archive.days.iter().enumerate())
        .filter(|(_, d)| span.contains(d.date) && scope.group.is_none_or(|g| g == d.group));
    let days: Vec<(usize, Vec<usize>)> = days
        .map(|(i, day)| (i, filter::shown(scope.speakers.as_ref(), fold, day)))
        .filter(|(_, shown)| span.one_day || !shown.is_empty())
        .collect();
    if span.one_day && days.len() > 1 {
        let names: Vec<String> = (days.iter())
            .map(|(i, _)| text::shown(&archive.group(archive.days[*i].group).name))
            .collect();
        anyhow::bail!(
            "{span} is in several groups ({}): pick one with --group",
            names.join(", ")
        );
    }
    if span.one_day && days.is_empty() {
        anyhow::bail!("no log for {span}");
    }
    Ok(Selection {
        days,
        filters: (scope.speakers.as_ref()).map_or_else(String::new, |f| f.label(archive)),
        folded: fold,
    })
}
