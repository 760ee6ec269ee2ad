//! The `stats` tool: the archive's (or a group's) counts, first and last date, busiest
//! people and messages per month, as `chatlog stats` and `stats --by` count them.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::activity::{self, Span};
use crate::mcp::args;
use crate::mcp::people::JsonPerson;
use crate::mcp::reply::{self, Reply, ToolError, inert};
use crate::model::Archive;

/// People `stats` lists, as `chatlog stats` does.
const TOP_SPEAKERS: usize = 20;

/// The arguments of `stats`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatsArgs {
    /// Only this chat group (list_groups names them); the whole archive without it.
    pub group: Option<String>,
    /// Count echoes in top_speakers and per_month too (a message again: merged exports).
    #[serde(default)]
    pub all: bool,
}

/// What `stats` answers.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Stats {
    /// The group counted; none for the whole archive.
    pub group: Option<String>,
    /// Chat groups counted.
    pub groups: usize,
    /// Days with a log (a day is a group and a date).
    pub days: usize,
    /// Every message, echoes included.
    pub messages: usize,
    /// Messages that repeat one of the same day and second under another name.
    pub echoes: usize,
    /// Distinct names messages were posted under.
    pub speakers: usize,
    /// The first day with a log: YYYY-MM-DD.
    pub first: Option<String>,
    /// The last day with a log: YYYY-MM-DD.
    pub last: Option<String>,
    /// The 20 people who wrote most (echoes left out unless `all`).
    pub top_speakers: Vec<JsonPerson>,
    /// Messages per month from the first month to the last, quiet months as 0 (echoes left
    /// out unless `all`).
    pub per_month: Vec<MonthCount>,
}

/// Messages in one month.
#[derive(Debug, Serialize, JsonSchema)]
pub struct MonthCount {
    /// YYYY-MM.
    pub month: String,
    pub messages: usize,
}

/// Counts `archive`, or the group `args` names.
pub fn stats(archive: &Archive, args: StatsArgs) -> Result<Stats, ToolError> {
    let group = args::scope(archive, args.group.as_deref(), None, args.all)?.group;
    let span = group.map_or(Span::Archive, Span::Group);
    let days = span.days(archive);
    let mut spoke = vec![false; archive.speakers.len()];
    for msg in days.iter().flat_map(|d| &d.messages) {
        if let Some(seen) = spoke.get_mut(msg.speaker.0 as usize) {
            *seen = true;
        }
    }
    let top = activity::per_person(archive, span, !args.all);
    Ok(Stats {
        group: group.map(|g| inert(archive.group(g).name.as_str().into()).into_owned()),
        groups: if group.is_some() {
            1
        } else {
            archive.groups.len()
        },
        days: days.len(),
        messages: days.iter().map(|d| d.messages.len()).sum(),
        echoes: days.iter().map(|d| d.echoes.len()).sum(),
        speakers: spoke.iter().filter(|&&s| s).count(),
        first: days.iter().map(|d| d.date).min().map(|d| d.to_string()),
        last: days.iter().map(|d| d.date).max().map(|d| d.to_string()),
        top_speakers: (top.into_iter().take(TOP_SPEAKERS))
            .map(|(id, messages)| JsonPerson::new(archive, id, messages))
            .collect(),
        per_month: per_month(&activity::per_day(archive, span, !args.all)),
    })
}

/// Per-date counts (oldest first) summed by month, every month from the first to the
/// last present.
fn per_month(per_day: &[(NaiveDate, usize)]) -> Vec<MonthCount> {
    let mut months: BTreeMap<(i32, u32), usize> = BTreeMap::new();
    for &(date, messages) in per_day {
        *months.entry((date.year(), date.month())).or_default() += messages;
    }
    let (Some(&first), Some(&last)) = (months.keys().next(), months.keys().next_back()) else {
        return Vec::new();
    };
    let following = |(y, m): (i32, u32)| if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    std::iter::successors(Some(first), |&m| Some(following(m)).filter(|&m| m <= last))
        .map(|(y, m)| MonthCount {
            month: format!("{y:04}-{m:02}"),
            messages: months.get(&(y, m)).copied().unwrap_or(0),
        })
        .collect()
}

impl Reply for Stats {
    fn text(&self) -> String {
        let mut out = format!(
            "{}: {}, {} from {} to {}, {} ({}), {}",
            self.group.as_deref().unwrap_or("archive"),
            reply::count(self.groups, "group", "groups"),
            reply::count(self.days, "day", "days"),
            self.first.as_deref().unwrap_or("-"),
            self.last.as_deref().unwrap_or("-"),
            reply::count(self.messages, "message", "messages"),
            reply::count(self.echoes, "echo", "echoes"),
            reply::count(self.speakers, "name", "names"),
        );
        out.push_str("\ntop speakers:");
        for person in &self.top_speakers {
            out.push_str(&format!("\n  {}", person.line()));
        }
        let busiest = self.per_month.iter().max_by_key(|m| m.messages);
        if let Some(m) = busiest {
            let months = self.per_month.len();
            out.push_str(&format!(
                "\n{months} months; busiest {} with {} messages",
                m.month, m.messages
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mcp::sample;

    #[test]
    fn counts_the_archive_as_stats_does() {
        let archive = sample();
        let stats = stats(&archive, StatsArgs::default()).unwrap();
        assert_eq!((stats.groups, stats.days, stats.messages), (5, 15, 2546));
        assert_eq!((stats.echoes, stats.speakers), (1, 322));
        assert_eq!(stats.first.as_deref(), Some("2017-05-06"));
        assert_eq!(stats.last.as_deref(), Some("2019-04-02"));
        assert_eq!(stats.top_speakers.len(), 20);
        assert_eq!(stats.top_speakers[0].name, "杨继培");
        assert_eq!(stats.top_speakers[0].messages, 262);
        let months: usize = stats.per_month.iter().map(|m| m.messages).sum();
        assert_eq!(months, 2546 - 1);
        // 2017-05 to 2019-04, quiet months included.
        assert_eq!(stats.per_month.len(), 24);
        assert_eq!(stats.per_month[0].month, "2017-05");
    }

    #[test]
    fn a_group_counts_its_own_days() {
        let archive = sample();
        let all = stats(
            &archive,
            StatsArgs {
                group: Some("prodarch".into()),
                all: true,
            },
        )
        .unwrap();
        assert_eq!((all.group.as_deref(), all.groups), (Some("prodarch"), 1));
        let months: usize = all.per_month.iter().map(|m| m.messages).sum();
        assert_eq!(months, all.messages);
        assert!(
            all.text().starts_with("prodarch: 1 group, "),
            "{}",
            all.text()
        );
    }

    #[test]
    fn months_fill_the_gaps() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let months = per_month(&[
            (d("2017-11-02"), 3),
            (d("2017-11-30"), 1),
            (d("2018-02-01"), 5),
        ]);
        let got: Vec<(&str, usize)> = months
            .iter()
            .map(|m| (m.month.as_str(), m.messages))
            .collect();
        assert_eq!(
            got,
            [
                ("2017-11", 4),
                ("2017-12", 0),
                ("2018-01", 0),
                ("2018-02", 5)
            ]
        );
        assert!(per_month(&[]).is_empty());
    }
}
