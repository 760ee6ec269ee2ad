//! The lines `search` prints, as grep and ripgrep users read them: a line per message
//! found, with `-A`/`-B`/`-C` the messages around it in its day, and with colour the
//! matched text highlighted.
//!
//! A found message is `[GROUP ]DATE TIME SPEAKER: text`; a message of context has `-` where
//! a match has `:` (`TIME SPEAKER- text`), as grep marks context lines, and a line `--`
//! stands between groups of lines that do not follow each other. Context is the day's
//! messages in the order shown (echoes folded unless every message is asked for), whoever
//! wrote them: a speaker filter chooses what is found, not the conversation around it. In
//! JSON a message of context is the object a found one is, with `"context": true`.
//!
//! Text stays inert: controls are shown as pictures, and the only escape sequences written
//! are the two that start and end a highlight, around text that was made inert first.

use std::io::{self, Write};
use std::ops::Range;

use serde::Serialize;

use crate::export::JsonFound;
use crate::json::write_json;
use crate::model::{Archive, Day};
use crate::search::{Found, Matcher};
use crate::text;

/// What starts a highlighted match: bold red, as grep and ripgrep show matches.
const MATCH_ON: &str = "\x1b[1;31m";
/// What ends it: every attribute back to normal.
const MATCH_OFF: &str = "\x1b[0m";

/// How found messages are printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Lines {
    /// Messages of context before each one found.
    pub before: usize,
    /// Messages of context after each one found.
    pub after: usize,
    /// Highlight the matched text (text output only).
    pub color: bool,
    /// A JSON object a message instead of text.
    pub json: bool,
}

/// Prints `found` (in archive order) as `lines` says; `fold`: context leaves echoes out.
pub fn write(
    archive: &Archive,
    matcher: &Matcher,
    found: &[Found],
    fold: bool,
    lines: Lines,
    out: &mut dyn Write,
) -> io::Result<()> {
    let printer = Printer {
        archive,
        matcher,
        lines,
        with_group: archive.groups.len() > 1,
    };
    if lines.before == 0 && lines.after == 0 {
        for hit in found {
            printer.message(*hit, true, out)?;
        }
        return Ok(());
    }
    let mut first_group = true;
    for hits in found.chunk_by(|a, b| a.day == b.day) {
        let day = hits[0].day;
        let kept: Vec<usize> = archive.days[day]
            .kept_indexed(fold)
            .map(|(i, _)| i)
            .collect();
        let found_here: Vec<usize> = hits.iter().map(|h| h.message).collect();
        for window in windows(&kept, &found_here, lines) {
            if !first_group && !lines.json {
                writeln!(out, "--")?;
            }
            first_group = false;
            for &message in &kept[window] {
                let is_hit = found_here.binary_search(&message).is_ok();
                printer.message(Found { day, message }, is_hit, out)?;
            }
        }
    }
    Ok(())
}

/// The runs of `kept` (a day's shown messages) to print for the messages `found` in it
/// (both in file order): each found one with `lines.before` before and `lines.after` after,
/// runs that overlap or touch joined into one.
fn windows(kept: &[usize], found: &[usize], lines: Lines) -> Vec<Range<usize>> {
    let mut runs: Vec<Range<usize>> = Vec::new();
    // A message found is always among those kept: the scope folds the echoes context does.
    let positions = found.iter().filter_map(|m| kept.binary_search(m).ok());
    for at in positions {
        let end = at.saturating_add(lines.after).saturating_add(1);
        let run = at.saturating_sub(lines.before)..end.min(kept.len());
        match runs.last_mut() {
            Some(last) if last.end >= run.start => last.end = last.end.max(run.end),
            _ => runs.push(run),
        }
    }
    runs
}

/// Prints one message at a time.
struct Printer<'a> {
    archive: &'a Archive,
    matcher: &'a Matcher,
    lines: Lines,
    with_group: bool,
}

/// A message of context in JSON: the found message's object and `"context": true`.
#[derive(Serialize)]
struct JsonContext<'a> {
    #[serde(flatten)]
    message: JsonFound<'a>,
    context: bool,
}

impl Printer<'_> {
    /// `message`, found (`is_hit`) or context.
    fn message(&self, message: Found, is_hit: bool, out: &mut dyn Write) -> io::Result<()> {
        let json = JsonFound::new(self.archive, message);
        match (self.lines.json, is_hit) {
            (true, true) => return write_json(out, &json),
            (true, false) => {
                return write_json(
                    out,
                    &JsonContext {
                        message: json,
                        context: true,
                    },
                );
            }
            (false, _) => {}
        }
        let day = &self.archive.days[message.day];
        if self.with_group {
            let group = &self.archive.group(day.group).name;
            write!(out, "{} ", text::shown(group))?;
        }
        writeln!(
            out,
            "{} {}",
            day.date,
            self.line(day, message.message, is_hit)
        )
    }

    /// `TIME SPEAKER: text` (`-` for `:` as context), inert, newlines shown as `⏎`; in a
    /// found message with colour, each match highlighted.
    fn line(&self, day: &Day, message: usize, is_hit: bool) -> String {
        let msg = &day.messages[message];
        let mark = if is_hit { ':' } else { '-' };
        let head = format!("{} {}{mark} ", msg.time, self.archive.speaker(msg.speaker));
        let mut line = String::new();
        let col = push_inert(&mut line, &head, 0);
        let body = day.body(msg);
        let matches: Vec<Range<usize>> = if is_hit && self.lines.color {
            self.matcher.find_iter(body).collect()
        } else {
            Vec::new()
        };
        highlight(&mut line, body, &matches, col);
        line
    }
}

/// Appends `body` inert from column `col`, each of `matches` (byte ranges, in order)
/// between [`MATCH_ON`] and [`MATCH_OFF`].
fn highlight(line: &mut String, body: &str, matches: &[Range<usize>], mut col: usize) {
    let mut at = 0;
    for range in matches {
        col = push_inert(line, &body[at..range.start], col);
        line.push_str(MATCH_ON);
        col = push_inert(line, &body[range.clone()], col);
        line.push_str(MATCH_OFF);
        at = range.end;
    }
    push_inert(line, &body[at..], col);
}

/// Appends `s` as it is shown from column `col` (tabs expanded there); returns the column
/// after it.
fn push_inert(line: &mut String, s: &str, mut col: usize) -> usize {
    for c in s.chars() {
        text::push_shown(line, c, col);
        col += text::char_cells(c, col);
    }
    col
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The runs as (start, end) pairs.
    fn runs(kept: &[usize], found: &[usize], before: usize, after: usize) -> Vec<(usize, usize)> {
        let lines = Lines {
            before,
            after,
            ..Lines::default()
        };
        let runs = windows(kept, found, lines).into_iter();
        runs.map(|r| (r.start, r.end)).collect()
    }

    #[test]
    fn context_runs_join_where_they_overlap_or_touch_and_stop_at_the_day() {
        let kept: Vec<usize> = (0..10).collect();
        assert_eq!(runs(&kept, &[0, 9], 2, 2), [(0, 3), (7, 10)]);
        assert_eq!(runs(&kept, &[3, 6], 1, 1), [(2, 8)], "2..5 and 5..8 touch");
        assert_eq!(runs(&kept, &[3, 7], 1, 1), [(2, 5), (6, 9)]);
        assert_eq!(runs(&kept, &[4], 0, 3), [(4, 8)]);
        assert_eq!(runs(&kept, &[4], 9, 0), [(0, 5)]);
        assert_eq!(runs(&kept, &[4], usize::MAX, usize::MAX), [(0, 10)]);
        // Folded echoes (here 1 and 2) are no context.
        assert_eq!(runs(&[0, 3, 4], &[3], 1, 1), [(0, 3)]);
    }

    #[test]
    fn a_highlight_wraps_inert_text_only() {
        let mut line = String::new();
        highlight(
            &mut line,
            "a\u{1b}]0;x\u{7}代扣b\t代扣",
            &[7..13, 15..21],
            0,
        );
        assert_eq!(
            line,
            "a␛]0;x␇\u{1b}[1;31m代扣\u{1b}[0mb    \u{1b}[1;31m代扣\u{1b}[0m"
        );
    }
}
