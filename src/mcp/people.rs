//! A person as the tools give one: the name they go by, their other names, and how many
//! messages they wrote. `chatlog stats --by speaker --json` gives the same rows.

use schemars::JsonSchema;
use serde::Serialize;

use crate::mcp::reply::inert;
use crate::model::{Archive, PersonId};

/// The most other names a person lists: real people have a few, a merged export gone
/// wrong could give one hundreds.
pub const MAX_ALIASES: usize = 20;

/// One person.
#[derive(Debug, Serialize, JsonSchema)]
pub struct JsonPerson {
    /// The name they go by: the one they used most.
    pub name: String,
    /// Their other names, most used first (at most 20).
    pub aliases: Vec<String>,
    /// How many other names they have in all.
    pub aliases_total: usize,
    /// Their messages under all their names.
    pub messages: usize,
}

impl JsonPerson {
    pub fn new(archive: &Archive, id: PersonId, messages: usize) -> JsonPerson {
        let names = archive
            .people
            .get(id.0 as usize)
            .map_or(&[][..], |p| &p.names);
        let others = names.get(1..).unwrap_or_default();
        JsonPerson {
            name: inert(archive.person_name(id).into()).into_owned(),
            aliases: (others.iter().take(MAX_ALIASES))
                .map(|&n| inert(archive.speaker(n).into()).into_owned())
                .collect(),
            aliases_total: others.len(),
            messages,
        }
    }

    /// `NAME (also A, B): N`, inert, on one line.
    pub fn line(&self) -> String {
        let also = if self.aliases.is_empty() {
            String::new()
        } else {
            format!(" (also {})", self.aliases.join(", "))
        };
        format!("{}{also}: {}", self.name, self.messages)
    }
}
