//! The front matter almost every day file has, `key: value` lines, read without YAML: a
//! parser per file was a sixth of a load. Anything this reader is not sure YAML would read
//! the same way (quotes with escapes, numbers written oddly, nulls, nesting, comments,
//! repeated keys) is left to serde_yaml, so the values are always what YAML gives.

use super::raw_front::RawFront;

/// The front matter `yaml` read line by line, or `None` when any line is not plainly
/// `key: value` with a value YAML reads as the same text.
pub(super) fn read(yaml: &str) -> Option<RawFront> {
    let mut raw = RawFront::default();
    let mut seen: Vec<&str> = Vec::new();
    for line in yaml.lines() {
        let line = line.trim_end_matches([' ', '\t', '\r']);
        if line.is_empty() {
            continue;
        }
        let (key, value) = line.split_once(':')?;
        let key = key.trim_end_matches(' ');
        if !is_plain_key(key)
            || seen.contains(&key)
            || !value.is_empty() && !value.starts_with([' ', '\t'])
        {
            return None;
        }
        seen.push(key);
        let value = value.trim_start_matches([' ', '\t']);
        let field = match key {
            "title" => &mut raw.title,
            "date" => &mut raw.date,
            "author" => &mut raw.author,
            "lines" => &mut raw.lines,
            _ => {
                ignored_value(value)?;
                continue;
            }
        };
        *field = scalar(value)?;
    }
    Some(raw)
}

/// A key YAML reads as itself: letters, digits, `_` and `-`, not starting with `-`.
fn is_plain_key(key: &str) -> bool {
    !key.is_empty()
        && !key.starts_with('-')
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// What a kept key's value reads as (`Some(None)` for no value), or `None` when unsure.
fn scalar(value: &str) -> Option<Option<String>> {
    if value.is_empty() {
        return Some(None);
    }
    if let Some(inner) = value.strip_prefix('"') {
        let inner = inner.strip_suffix('"')?;
        return (!inner.contains(['"', '\\']) && printable(inner))
            .then(|| Some(inner.trim().to_owned()));
    }
    plain(value).then(|| Some(value.to_owned()))
}

/// A value of a key that is not kept: it only has to be one YAML reads without fault.
fn ignored_value(value: &str) -> Option<()> {
    if let Some(items) = value.strip_prefix('[') {
        let items = items.strip_suffix(']')?;
        let simple = items.split(',').all(|item| {
            let item = item.trim();
            item.is_empty() || plain(item) && !item.contains(['[', ']', '{', '}'])
        });
        return simple.then_some(());
    }
    scalar(value).map(|_| ())
}

/// A plain (unquoted) scalar that YAML reads as this very text: no indicator first, no
/// comment or mapping inside, and not a null, a boolean or a number (whose text YAML
/// rewrites), except a decimal integer written as Rust writes it.
fn plain(value: &str) -> bool {
    const INDICATORS: &[char] = &[
        '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@',
        '`',
    ];
    if value.is_empty()
        || value.starts_with(INDICATORS)
        || value.contains(": ")
        || value.contains(":\t")
        || value.contains(" #")
        || value.ends_with(':')
        || !printable(value)
        || value.contains('\t')
    {
        return false;
    }
    if matches!(
        value,
        "null" | "Null" | "NULL" | "~" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
    ) {
        return false;
    }
    !maybe_number(value) || is_canonical_integer(value)
}

/// Whether YAML might read `value` as a number (in any base, with signs, exponents, `_`
/// or `:` separators, `.inf`, `.nan`): anything that could be is left to YAML.
fn maybe_number(value: &str) -> bool {
    let starts = value.starts_with(|c: char| c.is_ascii_digit() || c == '+' || c == '.');
    let chars = value
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"+-._:".contains(&b));
    starts && chars || value.parse::<f64>().is_ok()
}

/// `0`, or digits not starting with `0`, small enough for an `i64`.
fn is_canonical_integer(value: &str) -> bool {
    value.bytes().all(|b| b.is_ascii_digit())
        && (value == "0" || !value.starts_with('0'))
        && value.parse::<i64>().is_ok()
}

/// Text without controls, which YAML refuses or reads otherwise.
fn printable(text: &str) -> bool {
    !text
        .chars()
        .any(|c| c.is_control() && c != '\t' || c == '\u{feff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What serde_yaml reads, as the loader asks it (`None`: YAML refuses it).
    fn by_yaml(yaml: &str) -> Option<RawFront> {
        serde_yaml::from_str(&format!("---\n{yaml}")).ok()
    }

    /// Every front matter of the real archive and the sample site: read here, the same as
    /// YAML's; and here almost always.
    #[test]
    fn agrees_with_yaml_on_every_real_front_matter() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real-logs");
        if !root.is_dir() {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI is set and {} is missing",
                root.display()
            );
            eprintln!("SKIPPED: {} is missing", root.display());
            return;
        }
        let (mut files, mut fast) = (0, 0);
        for entry in walkdir::WalkDir::new(&root) {
            let entry = entry.unwrap();
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            let Some(rest) = text.strip_prefix("---") else {
                continue;
            };
            let Some(end) = rest.find("\n---") else {
                continue;
            };
            let yaml = &rest[rest.find('\n').unwrap() + 1..end + 1];
            files += 1;
            if let Some(raw) = read(yaml) {
                fast += 1;
                assert_eq!(Some(raw), by_yaml(yaml), "{}", entry.path().display());
            }
        }
        assert!(files > 500, "{files} front matters");
        assert!(
            fast * 100 >= files * 99,
            "{fast} of {files} read without YAML"
        );
    }

    #[test]
    fn what_yaml_rewrites_is_left_to_yaml() {
        for yaml in [
            "lines: 0x1A\n",
            "lines: 007\n",
            "lines: +3\n",
            "lines: 1e3\n",
            "title: .inf\n",
            "author: null\n",
            "author: ~\n",
            "author: True\n",
            "title: \"a\\tb\"\n",
            "title: a # comment\n",
            "title: a: b\n",
            "title:a\n",
            "title: x\ntitle: y\n",
            "  title: x\n",
            "tag: [a, [b]]\n",
            "date: 2017-12-09\n",
            "title: 'single'\n",
            "author: &anchor x\n",
        ] {
            assert_eq!(read(yaml), None, "{yaml:?}");
        }
        let real = "layout:     source \ntitle:      \"2017-12-09-WeChat\"\ndate:       2017-12-09 12:00:00\nauthor:     None\nlines:      182 \ntag:\t\t  [chat]\nheader-img: \"img/post-bg-wechat.jpg\"\n";
        let raw = read(real).expect("the usual front matter");
        assert_eq!(raw.title.as_deref(), Some("2017-12-09-WeChat"));
        assert_eq!(raw.author.as_deref(), Some("None"));
        assert_eq!(Some(raw), by_yaml(real));
    }

    proptest::proptest! {
        /// Whatever this reads, YAML reads the same: lines of keys and values drawn from what
        /// trips YAML up (quotes, colons, hashes, brackets, digits, signs, tabs, words YAML
        /// reads as null or true).
        #[test]
        fn never_reads_otherwise_than_yaml(
            lines in proptest::collection::vec(
                ("(title|date|author|lines|tag|x-y)", " {0,2}", ":[ \t]{0,2}", "([\"'\\[\\]#:&*!|>%@`,{}~ \t.+eEx0-9a-zA-Z支付_-]{0,12}|null|True|false|0x1f|\\.inf|\"[a-z\\\\ ]{0,5}\")"),
                0..6,
            )
        ) {
            let yaml: String = lines
                .iter()
                .map(|(k, pad, colon, v)| format!("{k}{pad}{colon}{v}\n"))
                .collect();
            if let Some(raw) = read(&yaml) {
                proptest::prop_assert_eq!(Some(raw), by_yaml(&yaml), "{:?}", yaml);
            }
        }
    }
}
