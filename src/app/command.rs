//! The `:` commands: one table ([`COMMANDS`]) of what is typed, what help says, and what
//! it does, read by the prompt and by help alike; and the dates `:` goes to.

use chrono::NaiveDate;

use super::reader::Reader;

/// One `:` command.
pub struct Command {
    /// The words that call it; none for the date form, which is whatever no word calls.
    pub names: &'static [&'static str],
    /// How help shows it being typed.
    pub usage: &'static str,
    pub help: &'static str,
    /// What it does, given the word typed and the rest of the line.
    run: fn(&mut dyn Reader, &str, &str),
}

/// The `:` commands, in the order help lists them.
#[rustfmt::skip]
pub static COMMANDS: &[Command] = &[
    Command { names: &[], usage: ":DATE :TIME", help: "2018-03-26, 03-26, 2018-03, 20:00, or both", run: |app, _, typed| app.goto(typed) },
    Command { names: &["first"], usage: ":first", help: "the group's first day", run: |app, _, _| app.open_day_in_group(0) },
    Command { names: &["last"], usage: ":last", help: "the group's last day", run: |app, _, _| app.open_day_in_group(usize::MAX) },
    Command { names: &["group"], usage: ":group NAME", help: "switch to another chat group", run: |app, _, name| group_named(app, name) },
    Command { names: &["search", "find"], usage: ":search TEXT", help: "search every day of the group, as F", run: |app, _, text| app.search_archive(text) },
    Command { names: &["export", "export!"], usage: ":export FILE", help: "save the day shown, or add DATES: 2018-03", run: |app, word, rest| app.export(rest, word == "export!") },
    Command { names: &["fold"], usage: ":fold", help: "fold echoes, or show every copy (e)", run: |app, _, _| app.toggle_fold() },
    Command { names: &["q", "quit"], usage: ":q :quit", help: "quit", run: |app, _, _| app.quit() },
];

/// Runs a line typed at the `:` prompt. A line no word calls is the date form, given all
/// of it.
pub fn run(app: &mut dyn Reader, input: &str) {
    if input.is_empty() {
        return;
    }
    let (word, rest) = input
        .split_once(' ')
        .map_or((input, ""), |(a, b)| (a, b.trim()));
    let named = COMMANDS.iter().find(|c| c.names.contains(&word));
    let (command, arg) = match named {
        Some(command) => (Some(command), rest),
        None => (COMMANDS.iter().find(|c| c.names.is_empty()), input),
    };
    if let Some(command) = command {
        (command.run)(app, word, arg);
    }
}

/// Runs a line typed at the `:` prompt opened over the results of the search across the
/// archive: `:export FILE` writes those results and shows them again; any other line runs
/// as anywhere else.
pub fn run_over_results(app: &mut dyn Reader, input: &str) {
    let (word, rest) = input
        .split_once(' ')
        .map_or((input, ""), |(a, b)| (a, b.trim()));
    if matches!(word, "export" | "export!") {
        app.export_results(rest, word == "export!");
        app.search_archive("");
    } else {
        run(app, input);
    }
}

fn group_named(app: &mut dyn Reader, name: &str) {
    // Until the whole archive is in, its groups are not all known.
    if !app.whole() {
        return;
    }
    match app.archive().find_group(name) {
        Some(g) => app.switch_group(g),
        None => app.say(format!("no group {name}")),
    }
}

/// How much of a typed date was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum DatePart {
    Day,
    Month,
    Year,
}

/// `2018-03-26`, `2018-03` (its first day), `2018`, or `03-26` (in `year`).
pub(super) fn parse_date(input: &str, year: i32) -> Option<(NaiveDate, DatePart)> {
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
