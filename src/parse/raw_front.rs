//! The front matter keys a day file's reader keeps, as text, whichever way they were read.

use serde::Deserialize;

/// Front matter keys we read; the others are ignored. Values may be any scalar.
#[derive(Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub(super) struct RawFront {
    #[serde(deserialize_with = "scalar")]
    pub(super) title: Option<String>,
    #[serde(deserialize_with = "scalar")]
    pub(super) date: Option<String>,
    #[serde(deserialize_with = "scalar")]
    pub(super) author: Option<String>,
    #[serde(deserialize_with = "scalar")]
    pub(super) lines: Option<String>,
}

/// Any YAML scalar as text; null, sequences and maps as nothing.
fn scalar<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    use serde_yaml::Value;
    Ok(match Value::deserialize(d)? {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    })
}
