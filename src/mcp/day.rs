//! The `read_day` tool: one day's messages as `chatlog show --format json` gives them,
//! narrowed by time of day and bounded by `offset` and `limit`.

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::export::{JsonDocument, JsonMessage};
use crate::filter;
use crate::mcp::args;
use crate::mcp::reply::{self, Reply, ToolError, inert};
use crate::model::{Archive, Day};

/// The arguments of `read_day`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReadDayArgs {
    /// The chat group (needed when the date has a log in several groups).
    pub group: Option<String>,
    /// The day: YYYY-MM-DD.
    pub date: String,
    /// Only messages at or after this time: HH:MM or HH:MM:SS.
    pub from_time: Option<String>,
    /// Only messages at or before this time: HH:MM or HH:MM:SS.
    pub to_time: Option<String>,
    /// Only this person's messages: any one of their names, exact.
    pub speaker: Option<String>,
    /// Skip this many of the matching messages first (to read on past a limit).
    pub offset: Option<u32>,
    /// The most messages to return (default 100, at most 1000); `total` counts them all.
    #[schemars(range(max = 1000))]
    pub limit: Option<u32>,
    /// Include echoes (a message again, same second, other name: merged exports); off by default.
    #[serde(default)]
    pub all: bool,
}

/// What `read_day` answers.
#[derive(Debug, Serialize, JsonSchema)]
pub struct DayRead<'a> {
    /// The chat group.
    pub group: Cow<'a, str>,
    /// The day: YYYY-MM-DD.
    pub date: String,
    /// The messages, in file order, from `offset` on.
    pub messages: Vec<JsonMessage<'a>>,
    /// The day's documents (write-ups, essays: text without messages), unless a speaker
    /// is asked for; only in a day that has some.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<JsonDocument<'a>>,
    /// How many matching messages were skipped before the first one returned.
    pub offset: usize,
    /// How many messages of the day pass the filters, before `offset` and `limit`.
    pub total: usize,
    /// Whether matching messages follow the last one returned.
    pub truncated: bool,
}

/// Reads the day `args` names in `archive`.
pub fn read_day(archive: &Archive, args: ReadDayArgs) -> Result<DayRead<'_>, ToolError> {
    let date = args::date("date", &args.date)?;
    let scope = args::scope(archive, args.group.as_deref(), args.speaker, args.all)?;
    let from = (args.from_time.as_deref())
        .map(|t| args::time_from("from_time", t))
        .transpose()?;
    let to = (args.to_time.as_deref())
        .map(|t| args::time_to("to_time", t))
        .transpose()?;
    let days: Vec<&Day> = (archive.days.iter())
        .filter(|d| d.date == date && scope.group.is_none_or(|g| g == d.group))
        .collect();
    let day = match days.as_slice() {
        [one] => *one,
        [] => return Err(no_log(archive, &args.date, scope.group)),
        many => {
            let names: Vec<&str> = many.iter().map(|d| group_name(archive, d)).collect();
            return Err(ToolError(format!(
                "{date} has a log in several groups ({}): name one as group",
                names.join(", ")
            )));
        }
    };
    // The messages `show` would print, then those in the span of the day asked for.
    let shown = filter::shown(scope.speakers.as_ref(), !scope.all, day);
    let documents = JsonDocument::all(day, &shown)
        .into_iter()
        .map(|d| JsonDocument {
            text: inert(d.text),
            title: inert(d.title),
        })
        .collect();
    let in_time: Vec<usize> = (shown.into_iter())
        .filter(|&i| {
            day.messages.get(i).is_some_and(|msg| {
                from.is_none_or(|f| msg.time >= f) && to.is_none_or(|t| msg.time <= t)
            })
        })
        .collect();
    let offset = args.offset.unwrap_or(0) as usize;
    let window = in_time.iter().skip(offset).take(args::limit(args.limit));
    let messages: Vec<JsonMessage> = window
        .map(|&i| {
            let m = JsonMessage::new(archive, day, &day.messages[i]);
            JsonMessage {
                speaker: inert(m.speaker),
                text: inert(m.text),
                ..m
            }
        })
        .collect();
    Ok(DayRead {
        group: inert(Cow::Borrowed(group_name(archive, day))),
        date: day.date.to_string(),
        truncated: offset + messages.len() < in_time.len(),
        total: in_time.len(),
        offset,
        messages,
        documents,
    })
}

fn group_name<'a>(archive: &'a Archive, day: &Day) -> &'a str {
    &archive.group(day.group).name
}

/// No log for the date: says which dates the group (or the archive) has.
fn no_log(archive: &Archive, date: &str, group: Option<crate::model::GroupId>) -> ToolError {
    let (days, place) = match group {
        Some(g) => (
            archive.group_days(g),
            format!(" in {}", archive.group(g).name),
        ),
        None => (archive.days.as_slice(), String::new()),
    };
    let first = days.iter().map(|d| d.date).min();
    let last = days.iter().map(|d| d.date).max();
    let has = match first.zip(last) {
        Some((first, last)) => format!("logs run from {first} to {last}"),
        None => "there are no logs".to_owned(),
    };
    ToolError(format!(
        "no log for {}{place} ({has}; search with from and to finds the days that have one)",
        date.trim()
    ))
}

impl Reply for DayRead<'_> {
    fn text(&self) -> String {
        let how = "read on with offset, or narrow by from_time, to_time, speaker";
        let mut out = format!(
            "{} {}: {}",
            self.group,
            self.date,
            reply::count(self.total, "message", "messages"),
        );
        if self.messages.len() < self.total {
            let (shown, offset) = (self.messages.len(), self.offset);
            out.push_str(&format!(" (shown {shown} from offset {offset}: {how})"));
        }
        for d in &self.documents {
            out.push_str(&format!(
                "\n{}: {}\n{}",
                crate::document::LABEL,
                d.title,
                d.text
            ));
        }
        for m in &self.messages {
            out.push('\n');
            out.push_str(&reply::line(&format!(
                "{} {}: {}",
                m.time, m.speaker, m.text
            )));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mcp::sample;

    fn args(group: &str, date: &str) -> ReadDayArgs {
        ReadDayArgs {
            group: Some(group.into()),
            date: date.into(),
            ..ReadDayArgs::default()
        }
    }

    #[test]
    fn reads_a_day_in_windows() {
        let archive = sample();
        let whole = read_day(&archive, args("prodarch", "2018-03-05")).unwrap();
        assert_eq!((whole.total, whole.messages.len()), (158, 100));
        assert!(whole.truncated);
        let rest = read_day(
            &archive,
            ReadDayArgs {
                offset: Some(100),
                ..args("prodarch", "2018-03-05")
            },
        )
        .unwrap();
        assert_eq!(
            (rest.total, rest.messages.len(), rest.truncated),
            (158, 58, false)
        );
        assert!(
            whole
                .text()
                .starts_with("prodarch 2018-03-05: 158 messages (shown 100 from offset 0")
        );
        assert_eq!(rest.text().lines().count(), 59);
        let last = whole.messages.last().map(|m| m.time.clone());
        assert!(rest.messages.first().map(|m| m.time.clone()) >= last);
    }

    #[test]
    fn times_bound_the_day() {
        let archive = sample();
        let morning = read_day(
            &archive,
            ReadDayArgs {
                from_time: Some("09:00".into()),
                to_time: Some("11:59".into()),
                limit: Some(1000),
                ..args("prodarch", "2018-03-05")
            },
        )
        .unwrap();
        assert!(
            morning.total > 0 && morning.total < 158,
            "{}",
            morning.total
        );
        let inside = |t: &str| ("09:00:00"..="11:59:59").contains(&t);
        assert!(morning.messages.iter().all(|m| inside(&m.time)));
    }

    #[test]
    fn refusals_say_how_to_retry() {
        let archive = sample();
        let err = |a: ReadDayArgs| read_day(&archive, a).unwrap_err().0;
        let missing = err(args("prodarch", "2018-03-08"));
        assert!(missing.starts_with(
            "no log for 2018-03-08 in prodarch (logs run from 2018-03-04 to 2018-03-07;"
        ));
        let several = err(ReadDayArgs {
            group: None,
            ..args("", "2018-03-05")
        });
        assert!(several.contains("several groups (") && several.contains("prodarch"));
        let date = err(args("prodarch", "05/03/2018"));
        assert!(date.contains("YYYY-MM-DD"), "{date}");
        let time = err(ReadDayArgs {
            from_time: Some("9am".into()),
            ..args("prodarch", "2018-03-05")
        });
        assert!(time.contains("HH:MM or HH:MM:SS"), "{time}");
    }
}
