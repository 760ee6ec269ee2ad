//! The `list_groups` and `list_speakers` tools: what an assistant names in the other tools'
//! `group` and `speaker`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::activity::{self, Span};
use crate::mcp::args;
use crate::mcp::people::JsonPerson;
use crate::mcp::reply::{self, Reply, ToolError, inert};
use crate::model::{Archive, Group};
use crate::search::Matcher;

/// The arguments of `list_groups`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListGroupsArgs {
    /// The most groups to return (default 100, at most 1000).
    #[schemars(range(max = 1000))]
    pub limit: Option<u32>,
}

/// What `list_groups` answers.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Groups {
    /// The chat groups, by name.
    pub groups: Vec<JsonGroup>,
    /// How many groups there are.
    pub total: usize,
    /// Whether `groups` stops short of `total`.
    pub truncated: bool,
}

/// One chat group.
#[derive(Debug, Serialize, JsonSchema)]
pub struct JsonGroup {
    /// What `group` takes in the other tools.
    pub name: String,
    /// Days with a log.
    pub days: usize,
    /// Every message, echoes included.
    pub messages: usize,
    /// Messages that repeat one of the same day and second under another name.
    pub echoes: usize,
    /// The first day with a log: YYYY-MM-DD.
    pub first: Option<String>,
    /// The last day with a log: YYYY-MM-DD.
    pub last: Option<String>,
}

impl JsonGroup {
    fn new(archive: &Archive, group: &Group) -> JsonGroup {
        let days = &archive.days[group.days.clone()];
        JsonGroup {
            name: inert(group.name.as_str().into()).into_owned(),
            days: days.len(),
            messages: days.iter().map(|d| d.messages.len()).sum(),
            echoes: days.iter().map(|d| d.echoes.len()).sum(),
            // Days are sorted by date within a group.
            first: days.first().map(|d| d.date.to_string()),
            last: days.last().map(|d| d.date.to_string()),
        }
    }
}

/// Every group of `archive`, up to the limit.
pub fn list_groups(archive: &Archive, args: ListGroupsArgs) -> Groups {
    let limit = args::limit(args.limit);
    let groups = (archive.groups.iter().take(limit))
        .map(|g| JsonGroup::new(archive, g))
        .collect::<Vec<_>>();
    Groups {
        truncated: groups.len() < archive.groups.len(),
        total: archive.groups.len(),
        groups,
    }
}

impl Reply for Groups {
    fn text(&self) -> String {
        let mut out = format!(
            "{}{}",
            reply::count(self.total, "group", "groups"),
            reply::cut_note(self.groups.len(), self.total, "raise limit")
        );
        for g in &self.groups {
            out.push_str(&format!(
                "\n{}: {} from {} to {}, {}",
                g.name,
                reply::count(g.days, "day", "days"),
                g.first.as_deref().unwrap_or("-"),
                g.last.as_deref().unwrap_or("-"),
                reply::count(g.messages, "message", "messages"),
            ));
        }
        out
    }
}

/// The arguments of `list_speakers`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListSpeakersArgs {
    /// Only people who wrote in this chat group, counted there.
    pub group: Option<String>,
    /// Only people with a name holding this text; case-insensitive unless it has a capital.
    pub query: Option<String>,
    /// The most people to return (default 100, at most 1000).
    #[schemars(range(max = 1000))]
    pub limit: Option<u32>,
    /// Count echoes too (a message again, same second, other name: merged exports).
    #[serde(default)]
    pub all: bool,
}

/// What `list_speakers` answers.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Speakers {
    /// People, most messages first.
    pub people: Vec<JsonPerson>,
    /// How many people match.
    pub total: usize,
    /// Whether `people` stops short of `total`.
    pub truncated: bool,
}

/// The people of `archive` (or of a group) whose names match, most messages first.
pub fn list_speakers(archive: &Archive, args: ListSpeakersArgs) -> Result<Speakers, ToolError> {
    let group = args::scope(archive, args.group.as_deref(), None, args.all)?.group;
    let query = args.query.as_deref().unwrap_or("");
    let matcher = Matcher::new(query, false).map_err(|e| ToolError(format!("bad query: {e}")))?;
    let named = |id: crate::model::PersonId| {
        let names = archive
            .people
            .get(id.0 as usize)
            .map_or(&[][..], |p| &p.names);
        names.iter().any(|&n| matcher.is_match(archive.speaker(n)))
    };
    let span = group.map_or(Span::Archive, Span::Group);
    let found: Vec<_> = (activity::per_person(archive, span, !args.all).into_iter())
        .filter(|&(id, _)| named(id))
        .collect();
    let people: Vec<JsonPerson> = (found.iter().take(args::limit(args.limit)))
        .map(|&(id, messages)| JsonPerson::new(archive, id, messages))
        .collect();
    Ok(Speakers {
        truncated: people.len() < found.len(),
        total: found.len(),
        people,
    })
}

impl Reply for Speakers {
    fn text(&self) -> String {
        let how = "raise limit or narrow by query, group";
        let mut out = format!(
            "{}{}",
            reply::count(self.total, "person", "people"),
            reply::cut_note(self.people.len(), self.total, how)
        );
        for person in &self.people {
            out.push('\n');
            out.push_str(&reply::line(&person.line()));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mcp::sample;

    #[test]
    fn groups_are_listed_with_their_days() {
        let archive = sample();
        let groups = list_groups(&archive, ListGroupsArgs::default());
        let names: Vec<&str> = groups.groups.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(
            names,
            ["devarch", "prodarch", "proddev", "prodrd", "quirks"]
        );
        assert_eq!(groups.groups.iter().map(|g| g.days).sum::<usize>(), 15);
        assert_eq!(
            groups.groups.iter().map(|g| g.messages).sum::<usize>(),
            2546
        );
        assert!(!groups.truncated);
        let one = list_groups(&archive, ListGroupsArgs { limit: Some(1) });
        assert_eq!((one.groups.len(), one.total, one.truncated), (1, 5, true));
    }

    #[test]
    fn speakers_narrow_by_any_name_and_group() {
        let archive = sample();
        let everyone = list_speakers(&archive, ListSpeakersArgs::default()).unwrap();
        assert_eq!(everyone.people.len(), 100);
        assert!(everyone.truncated && everyone.total > 100);
        assert!(
            everyone
                .people
                .windows(2)
                .all(|w| w[0].messages >= w[1].messages)
        );
        let found = list_speakers(
            &archive,
            ListSpeakersArgs {
                query: Some("中金".into()),
                ..ListSpeakersArgs::default()
            },
        )
        .unwrap();
        assert!(found.total >= 1);
        let has = |p: &JsonPerson| {
            p.name.contains("中金") || p.aliases.iter().any(|a| a.contains("中金"))
        };
        assert!(found.people.iter().all(has));
        let in_group = list_speakers(
            &archive,
            ListSpeakersArgs {
                group: Some("prodarch".into()),
                limit: Some(1000),
                ..ListSpeakersArgs::default()
            },
        )
        .unwrap();
        assert!(in_group.total < everyone.total);
    }
}
