//! A document's Markdown as a reader sees it: headings and code kept as blocks, list marks
//! and quotes made plain, images and links shown as in messages. What each line is comes
//! with the text, so the pane can style it without reading the Markdown again.

use std::ops::Range;

use crate::links::{self, Link};

/// What stands for a document where a message shows its time.
pub const LABEL: &str = "document";

/// What a line of a shown document is, for its style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Block {
    Heading,
    /// A line of a fenced code block, or a fence.
    Code,
    Quote,
}

/// A document made readable: its text, its links, and which byte ranges are which block.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Shown {
    pub text: String,
    pub links: Vec<Link>,
    pub blocks: Vec<(Range<usize>, Block)>,
}

/// Shows `markdown` line by line. Code is kept as written (no links made, marks kept); other
/// lines lose their list and quote marks and show links and images as messages do.
pub fn show(markdown: &str) -> Shown {
    let mut shown = Shown::default();
    let mut in_code = false;
    for line in markdown.split('\n') {
        if !shown.text.is_empty() {
            shown.text.push('\n');
        }
        let start = shown.text.len();
        let fence = line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~");
        let block = if fence || in_code {
            in_code ^= fence;
            shown.text.push_str(line);
            Some(Block::Code)
        } else {
            let (plain, block) = plain_line(line);
            let (text, found) = links::show(&plain, is_image(&plain));
            shown.links.extend(found.into_iter().map(|l| Link {
                range: start + l.range.start..start + l.range.end,
                url: l.url,
            }));
            shown.text.push_str(&text);
            block
        };
        if let Some(block) = block {
            shown.blocks.push((start..shown.text.len(), block));
        }
    }
    shown
}

/// A line without its Markdown marks: `- `/`* `/`+ ` items become `• `, `> ` quotes `│ `,
/// a rule a line of `─`; headings keep their `#`s (they say the level).
fn plain_line(line: &str) -> (String, Option<Block>) {
    let body = line.trim_start();
    let indent = &line[..line.len() - body.len()];
    if body.starts_with('#') {
        return (line.to_owned(), Some(Block::Heading));
    }
    if let Some(quoted) = body.strip_prefix('>') {
        let quoted = quoted.strip_prefix(' ').unwrap_or(quoted);
        return (format!("{indent}│ {quoted}"), Some(Block::Quote));
    }
    if is_rule(body) {
        return ("─".repeat(16), None);
    }
    for mark in ["- ", "* ", "+ "] {
        if let Some(item) = body.strip_prefix(mark) {
            return (format!("{indent}• {item}"), None);
        }
    }
    (line.to_owned(), None)
}

/// `---`, `***` or `___` (3 or more, spaces allowed between).
fn is_rule(line: &str) -> bool {
    let marks: String = line.chars().filter(|c| *c != ' ').collect();
    marks.len() >= 3
        && ["-", "*", "_"]
            .iter()
            .any(|m| marks.chars().all(|c| c.to_string() == *m))
}

/// A line that is one image alone.
fn is_image(line: &str) -> bool {
    let line = line.trim();
    line.starts_with("![") && line.ends_with(')') && !line[2..].contains("![")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_become_plain_and_blocks_are_kept() {
        let md = "# Title\n- one\n  * two\n> said\n\n```\n- code [a](http://x)\n```\n***\nend";
        let shown = show(md);
        assert_eq!(
            shown.text,
            "# Title\n• one\n  • two\n│ said\n\n```\n- code [a](http://x)\n```\n────────────────\nend"
        );
        let kinds: Vec<(&str, Block)> = shown
            .blocks
            .iter()
            .map(|(r, b)| (&shown.text[r.clone()], *b))
            .collect();
        assert_eq!(
            kinds,
            [
                ("# Title", Block::Heading),
                ("│ said", Block::Quote),
                ("```", Block::Code),
                ("- code [a](http://x)", Block::Code),
                ("```", Block::Code),
            ]
        );
        assert!(shown.links.is_empty(), "no link is made inside code");
    }

    #[test]
    fn links_and_images_show_as_in_messages_at_their_place() {
        let shown =
            show("intro\nsee [the spec](http://a.example/s) now\n![fig](http://i.example/1.png)");
        assert_eq!(
            shown.text,
            "intro\nsee the spec now\n▣ image fig  http://i.example/1.png"
        );
        let at: Vec<(&str, &str)> = shown
            .links
            .iter()
            .map(|l| (&shown.text[l.range.clone()], l.url.as_str()))
            .collect();
        assert_eq!(
            at,
            [
                ("the spec", "http://a.example/s"),
                ("http://i.example/1.png", "http://i.example/1.png")
            ]
        );
    }
}
