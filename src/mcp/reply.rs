//! How a tool's answer leaves: structured content with a short text beside it for clients
//! that read only text, or a tool error whose text tells the assistant how to retry. Every
//! string is inert first: an assistant's client may show it on a terminal.

use std::borrow::Cow;

use rmcp::model::{CallToolResult, ContentBlock};
use serde::Serialize;

use crate::text;

/// Cells a message's text takes at most in a text rendering (the whole text is in the
/// structured content).
pub const TEXT_CELLS: usize = 300;

/// A tool's answer.
pub trait Reply: Serialize {
    /// A few lines saying what the structured content holds.
    fn text(&self) -> String;
}

/// Why a tool could not answer, said so that the assistant can retry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolError(pub String);

impl From<anyhow::Error> for ToolError {
    fn from(err: anyhow::Error) -> ToolError {
        ToolError(format!("{err:#}"))
    }
}

/// The `tools/call` result for `answer`.
pub fn result<R: Reply>(answer: Result<R, ToolError>) -> CallToolResult {
    let encoded = answer.and_then(|reply| match serde_json::to_value(&reply) {
        Ok(value) => Ok((value, reply.text())),
        Err(err) => Err(ToolError(format!("could not encode the answer: {err}"))),
    });
    match encoded {
        Ok((value, text)) => {
            let mut result = CallToolResult::structured(value);
            result.content = vec![ContentBlock::text(text)];
            result
        }
        Err(ToolError(why)) => CallToolResult::error(vec![ContentBlock::text(inert(why.into()))]),
    }
}

/// `s` with nothing a terminal would act on: each control character (but the newline) and
/// bidi control shows as a picture, as the reader shows it ([`text::shown`]); tabs become
/// spaces. Text without any comes back as it was, uncopied.
pub fn inert(s: Cow<'_, str>) -> Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && text::acts_on_terminal(c)) {
        return s;
    }
    let lines: Vec<String> = s.split('\n').map(text::shown).collect();
    Cow::Owned(lines.join("\n"))
}

/// `s` on one line of at most [`TEXT_CELLS`] cells, inert (a newline shows as `⏎`).
pub fn line(s: &str) -> String {
    text::fit(s, TEXT_CELLS)
}

/// `1 day`, `2 days`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", text::plural(n, one, many))
}

/// `(shown N of TOTAL: …)` when a limit cut the list, else nothing.
pub fn cut_note(shown: usize, total: usize, how: &str) -> String {
    if shown < total {
        format!(" (shown {shown} of {total}: {how})")
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_pictures_and_newlines_stay() {
        let s = "a\u{1b}[31m\tb\nc\u{10}\u{202e}\u{7f}";
        let out = inert(s.into());
        assert_eq!(out, "a␛[31m  b\nc␐\u{fffd}␡");
        assert!(!out.chars().any(|c| c != '\n' && text::acts_on_terminal(c)));
        assert!(matches!(inert("代扣\n ok".into()), Cow::Borrowed(_)));
    }

    #[derive(Serialize)]
    struct Two {
        n: u32,
    }

    impl Reply for Two {
        fn text(&self) -> String {
            format!("n is {}", self.n)
        }
    }

    #[test]
    fn an_answer_is_structured_with_its_text_and_an_error_is_a_tool_error() {
        let ok = result(Ok(Two { n: 2 }));
        assert_eq!(ok.structured_content, Some(serde_json::json!({"n": 2})));
        assert_eq!(
            ok.content[0].as_text().map(|t| t.text.as_str()),
            Some("n is 2")
        );
        assert_eq!(ok.is_error, Some(false));
        let err = result::<Two>(Err(ToolError("no group \"x\u{1b}\"".into())));
        assert_eq!(err.is_error, Some(true));
        assert_eq!(err.structured_content, None);
        let text = err.content[0].as_text().map(|t| t.text.as_str());
        assert_eq!(text, Some("no group \"x␛\""));
    }
}
