//! The `:` commands: one table ([`COMMANDS`]) of what is typed, what help says, and what
//! it does, read by the prompt and by help alike; and the dates `:` goes to.

use chrono::{Datelike, NaiveDate};

use super::App;
use crate::action::{Effect, Export, Shared};

/// One `:` command.
pub struct Command {
    /// The words that call it; none for the date form, which is whatever no word calls.
    pub names: &'static [&'static str],
    /// How help shows it being typed.
    pub usage: &'static str,
    pub help: &'static str,
    /// What it does, given the word typed and the rest of the line.
    run: fn(&mut App, &str, &str),
}

/// The `:` commands, in the order help lists them.
#[rustfmt::skip]
pub static COMMANDS: &[Command] = &[
    Command { names: &[], usage: ":DATE", help: "2018-03-26, 2018-03 or 03-26", run: |app, _, date| app.goto(date) },
    Command { names: &["first"], usage: ":first", help: "the group's first day", run: |app, _, _| app.open_day_in_group(0) },
    Command { names: &["last"], usage: ":last", help: "the group's last day", run: |app, _, _| app.open_day_in_group(usize::MAX) },
    Command { names: &["group"], usage: ":group NAME", help: "switch to another chat group", run: |app, _, name| app.group_named(name) },
    Command { names: &["search", "find"], usage: ":search TEXT", help: "search every day of the group, as F", run: |app, _, text| app.search_archive(text) },
    Command { names: &["export", "export!"], usage: ":export FILE", help: "save the day as shown (export! overwrites)", run: App::export },
    Command { names: &["q", "quit"], usage: ":q :quit", help: "quit", run: |app, _, _| app.view.quit = true },
];

impl App {
    /// Runs a line typed at the `:` prompt.
    pub(super) fn command(&mut self, input: &str) {
        if input.is_empty() {
            return;
        }
        let (word, rest) = input
            .split_once(' ')
            .map_or((input, ""), |(a, b)| (a, b.trim()));
        // A line no word calls is the date form, given all of it.
        let named = COMMANDS.iter().find(|c| c.names.contains(&word));
        let (command, arg) = match named {
            Some(command) => (Some(command), rest),
            None => (COMMANDS.iter().find(|c| c.names.is_empty()), input),
        };
        if let Some(command) = command {
            (command.run)(self, word, arg);
        }
    }

    fn group_named(&mut self, name: &str) {
        match self.archive.find_group(name) {
            Some(g) => self.switch_group(g),
            None => self.view.notice = Some(format!("no group {name}")),
        }
    }

    /// `:export FILE` writes the day as shown; the terminal side writes it and says how
    /// it went.
    fn export(&mut self, word: &str, file: &str) {
        self.effects.push(Effect::Export(Export {
            archive: Shared(self.archive.clone()),
            day: self.view.day,
            shown: self.derived.shown.clone(),
            file: file.to_owned(),
            overwrite: word == "export!",
        }));
    }

    /// Goes to a date typed at the `:` prompt, or the nearest later day with a log.
    fn goto(&mut self, input: &str) {
        let current = self.day().date;
        let Some((target, what)) = parse_date(input, current.year()) else {
            self.view.notice = Some(format!("not a date or command: {input}"));
            return;
        };
        let found = self.open_nearest(target);
        let matched = match what {
            DatePart::Day => found == target,
            DatePart::Month => (found.year(), found.month()) == (target.year(), target.month()),
            DatePart::Year => found.year() == target.year(),
        };
        if !matched {
            self.view.notice = Some(format!("no log for {input}: showing {found}"));
        }
    }
}

/// How much of a typed date was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DatePart {
    Day,
    Month,
    Year,
}

/// `2018-03-26`, `2018-03` (its first day), `2018`, or `03-26` (in `year`).
fn parse_date(input: &str, year: i32) -> Option<(NaiveDate, DatePart)> {
    let parts: Vec<&str> = input.trim().split(['-', '/', '.']).collect();
    let num = |s: &str| s.parse::<u32>().ok();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => Some((
            NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?)?,
            DatePart::Day,
        )),
        [y, m] if y.len() == 4 => Some((
            NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, 1)?,
            DatePart::Month,
        )),
        [m, d] => Some((
            NaiveDate::from_ymd_opt(year, num(m)?, num(d)?)?,
            DatePart::Day,
        )),
        [y] if y.len() == 4 => Some((
            NaiveDate::from_ymd_opt(num(y)? as i32, 1, 1)?,
            DatePart::Year,
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_forms() {
        let d = |s: &str| parse_date(s, 2018).map(|(d, p)| (d.to_string(), p));
        assert_eq!(d("2018-03-26"), Some(("2018-03-26".into(), DatePart::Day)));
        assert_eq!(d("2017-12"), Some(("2017-12-01".into(), DatePart::Month)));
        assert_eq!(d("03-26"), Some(("2018-03-26".into(), DatePart::Day)));
        assert_eq!(d("2019"), Some(("2019-01-01".into(), DatePart::Year)));
        assert_eq!(d("2018-02-30"), None);
        assert_eq!(d("hello"), None);
    }

    #[test]
    fn every_command_but_the_date_has_a_name_and_names_are_unique() {
        let names: Vec<&str> = COMMANDS
            .iter()
            .flat_map(|c| c.names.iter().copied())
            .collect();
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(names.len(), unique.len(), "{names:?}");
        assert_eq!(COMMANDS.iter().filter(|c| c.names.is_empty()).count(), 1);
    }
}
