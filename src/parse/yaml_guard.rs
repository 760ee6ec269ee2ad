//! A cheap look at a front matter before serde_yaml sees it. libyaml's scanner is quadratic
//! in nesting depth (16 KiB of `[` took 0.3 s, 200 such files a minute) and aliases expand
//! without end in sight; a day log's front matter has neither (its deepest is `tag: [chat]`),
//! so a front matter that has them is read line by line instead.

/// Levels of nesting allowed: flow brackets, or block indentation plus `- ` entries.
pub const MAX_DEPTH: usize = 8;

/// Why `yaml` must not be parsed as YAML, with the 0-based line of `yaml` where it shows;
/// `None` when it is plain enough. One pass, no allocation but the indentation stack.
pub fn refusal(yaml: &str) -> Option<(usize, String)> {
    let mut flow = 0usize; // open `[` and `{`, across lines
    let mut indents: Vec<usize> = Vec::new();
    for (n, line) in yaml.split('\n').enumerate() {
        let content = line.trim_start_matches(' ');
        if content.trim().is_empty() || content.starts_with('#') {
            continue;
        }
        if flow == 0 && block_depth(&mut indents, line.len() - content.len(), content) > MAX_DEPTH {
            return Some((n, deep()));
        }
        let mut scan = LineScan {
            flow,
            at_value: true,
        };
        let found = scan.run(content);
        flow = scan.flow;
        if let Some(why) = found {
            return Some((n, why));
        }
    }
    None
}

fn deep() -> String {
    format!("nested more than {MAX_DEPTH} levels deep")
}

/// The block nesting of a line indented by `indent` whose text is `content`: the levels of
/// indentation still open, plus one for each `- ` that starts it (`- - - x` is three deep).
fn block_depth(indents: &mut Vec<usize>, indent: usize, content: &str) -> usize {
    while indents.last().is_some_and(|&top| top > indent) {
        indents.pop();
    }
    if indents.last() != Some(&indent) {
        indents.push(indent);
    }
    let mut dashes = 0;
    let mut rest = content;
    while let Some(after) = rest.strip_prefix('-') {
        if !(after.is_empty() || after.starts_with([' ', '\t'])) {
            break;
        }
        dashes += 1;
        rest = after.trim_start_matches([' ', '\t']);
    }
    indents.len() - 1 + dashes
}

/// One line's characters: flow brackets counted, anchors and aliases found where a value
/// starts (`&x` / `*x` after `: `, `- `, `[`, `{` or `,`). Quotes are not followed, so text
/// in quotes counts too: at worst a plain front matter is read line by line.
struct LineScan {
    flow: usize,
    /// Whether the next character would start a value.
    at_value: bool,
}

impl LineScan {
    fn run(&mut self, content: &str) -> Option<String> {
        let mut chars = content.chars().peekable();
        let mut after_space = true;
        while let Some(c) = chars.next() {
            let next_blank = chars.peek().is_none_or(|n| n.is_whitespace());
            match c {
                '#' if after_space => return None, // a comment ends the line
                '[' | '{' => {
                    self.flow += 1;
                    if self.flow > MAX_DEPTH {
                        return Some(deep());
                    }
                    self.at_value = true;
                }
                ']' | '}' => {
                    self.flow = self.flow.saturating_sub(1);
                    self.at_value = false;
                }
                ',' if self.flow > 0 => self.at_value = true,
                ':' | '-' if next_blank => self.at_value = true,
                '&' | '*' if self.at_value && !next_blank => {
                    return Some("anchors or aliases (&x, *x)".to_owned());
                }
                ' ' | '\t' => {}
                _ => self.at_value = false,
            }
            after_space = c == ' ' || c == '\t';
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_front_matter_passes() {
        let real = "layout:     source \ntitle:      \"2017-12-09-WeChat\"\ndate:       2017-12-09 12:00:00\nauthor:     \"A & B\"\nlines:      182 \ntag:\t\t  [chat]\nheader-img: \"img/post-bg-wechat.jpg\"\n";
        assert_eq!(refusal(real), None);
        assert_eq!(
            refusal("a:\n  b:\n    - [x, {y: 1}]\n  c: 5 * 3 & 2\n"),
            None
        );
    }

    #[test]
    fn deep_flow_deep_blocks_and_dash_runs_are_refused() {
        let deep = Some((1, "nested more than 8 levels deep".to_owned()));
        assert_eq!(refusal(&format!("a: 1\nb: {}\n", "[".repeat(9))), deep);
        assert_eq!(refusal("a: [[[[[[[[x]]]]]]]]\n"), None);
        let blocks: String = (0..10)
            .map(|d| format!("{}k{d}:\n", " ".repeat(d)))
            .collect();
        assert_eq!(refusal(&blocks).map(|r| r.0), Some(9));
        assert_eq!(refusal("a:\n- - - - - - - - - x\n").map(|r| r.0), Some(1));
        // Brackets spread over lines are still counted.
        assert!(refusal(&"[\n".repeat(9)).is_some());
    }

    #[test]
    fn anchors_and_aliases_are_refused_where_a_value_starts() {
        let why = Some((1, "anchors or aliases (&x, *x)".to_owned()));
        assert_eq!(refusal("a: 1\nb: &x [1]\n"), why);
        assert_eq!(refusal("a: 1\nb: [*x, *x]\n"), why);
        assert_eq!(refusal("a: 1\n- *x\n"), why);
        assert_eq!(refusal("a: AT&T *nix\n"), None);
    }
}
