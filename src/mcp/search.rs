//! The `search` tool: the messages `chatlog search --json` prints for the same arguments,
//! in the same order, the first `limit` of them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::export::JsonFound;
use crate::mcp::args;
use crate::mcp::reply::{self, Reply, ToolError, inert};
use crate::model::Archive;
use crate::search::{Matcher, search_archive};

/// The arguments of `search`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SearchArgs {
    /// Text to find in message bodies, literally; case-insensitive unless it has a capital.
    pub query: String,
    /// Take `query` as a regular expression (Rust regex syntax) instead.
    #[serde(default)]
    pub regex: bool,
    /// Only this chat group (list_groups names them).
    pub group: Option<String>,
    /// Only this person's messages: any one of their names, exact (list_speakers finds them).
    pub speaker: Option<String>,
    /// Only days on or after this one: YYYY-MM-DD, or a month YYYY-MM, or a year YYYY.
    pub from: Option<String>,
    /// Only days on or before this one: YYYY-MM-DD, or a month YYYY-MM, or a year YYYY.
    pub to: Option<String>,
    /// The most messages to return (default 100, at most 1000); `total` counts them all.
    #[schemars(range(max = 1000))]
    pub limit: Option<u32>,
    /// Include echoes (a message again, same second, other name: merged exports); off by default.
    #[serde(default)]
    pub all: bool,
}

/// What `search` answers.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Found<'a> {
    /// Matching messages, oldest group and day first, in file order within a day.
    pub messages: Vec<JsonFound<'a>>,
    /// How many messages match in all.
    pub total: usize,
    /// Whether `messages` stops short of `total`.
    pub truncated: bool,
}

/// Runs `args` over `archive`.
pub fn search(archive: &Archive, args: SearchArgs) -> Result<Found<'_>, ToolError> {
    let matcher =
        Matcher::new(&args.query, args.regex).map_err(|e| ToolError(format!("bad regex: {e}")))?;
    let mut scope = args::scope(archive, args.group.as_deref(), args.speaker, args.all)?;
    scope.from = (args.from.as_deref())
        .map(|d| args::span_start("from", d))
        .transpose()?;
    scope.to = (args.to.as_deref())
        .map(|d| args::span_end("to", d))
        .transpose()?;
    let found = search_archive(archive, &matcher, &scope);
    let limit = args::limit(args.limit);
    let messages: Vec<JsonFound> = found
        .iter()
        .take(limit)
        .map(|&f| {
            let m = JsonFound::new(archive, f);
            JsonFound {
                group: inert(m.group),
                speaker: inert(m.speaker),
                text: inert(m.text),
                ..m
            }
        })
        .collect();
    Ok(Found {
        truncated: messages.len() < found.len(),
        total: found.len(),
        messages,
    })
}

impl Reply for Found<'_> {
    fn text(&self) -> String {
        let how = "raise limit or narrow by group, speaker, from, to";
        let mut out = format!(
            "{} matching{}",
            reply::count(self.total, "message", "messages"),
            reply::cut_note(self.messages.len(), self.total, how),
        );
        for m in &self.messages {
            let line = format!(
                "{} {} {} {}: {}",
                m.group, m.date, m.time, m.speaker, m.text
            );
            out.push('\n');
            out.push_str(&reply::line(&line));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mcp::sample;

    fn args(query: &str) -> SearchArgs {
        SearchArgs {
            query: query.into(),
            ..SearchArgs::default()
        }
    }

    #[test]
    fn finds_bounded_and_counts_everything() {
        let archive = sample();
        let all = search(&archive, args("支付")).unwrap();
        assert!(all.total > 5, "{}", all.total);
        let few = search(
            &archive,
            SearchArgs {
                limit: Some(2),
                ..args("支付")
            },
        )
        .unwrap();
        assert_eq!(
            (few.messages.len(), few.total, few.truncated),
            (2, all.total, true)
        );
        assert!(!all.truncated || all.total > 100);
        assert!(
            few.text()
                .starts_with(&format!("{} messages matching (shown 2 of", all.total))
        );
        assert_eq!(few.text().lines().count(), 3);
    }

    #[test]
    fn narrows_by_group_and_dates() {
        let archive = sample();
        let found = search(
            &archive,
            SearchArgs {
                group: Some("prodarch".into()),
                from: Some("2018-03".into()),
                to: Some("2018-03".into()),
                ..args("")
            },
        )
        .unwrap();
        assert!(found.total > 0);
        assert!(found.messages.iter().all(|m| m.group == "prodarch"));
        assert!(
            found
                .messages
                .iter()
                .all(|m| m.date.starts_with("2018-03-"))
        );
    }

    #[test]
    fn refusals_say_how_to_retry() {
        let archive = sample();
        let err = |a: SearchArgs| search(&archive, a).unwrap_err().0;
        let group = err(SearchArgs {
            group: Some("nope".into()),
            ..args("x")
        });
        assert!(
            group.contains("no group \"nope\" (groups: devarch, prodarch"),
            "{group}"
        );
        let regex = err(SearchArgs {
            regex: true,
            ..args("(")
        });
        assert!(regex.starts_with("bad regex:"), "{regex}");
        let date = err(SearchArgs {
            to: Some("March".into()),
            ..args("x")
        });
        assert!(date.contains("YYYY-MM-DD"), "{date}");
        let speaker = err(SearchArgs {
            speaker: Some("nobody at all".into()),
            ..args("x")
        });
        assert!(
            speaker.contains("no speaker named \"nobody at all\""),
            "{speaker}"
        );
        assert!(speaker.contains("list_speakers"), "{speaker}");
    }
}
