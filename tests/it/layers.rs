//! The shape of the code, held: no file in src/ uses another that uses it back (by a
//! `crate::` or `super::` path, or a child module's path), around any circle; none is
//! longer than 700 lines.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use regex::Regex;

/// A module path (`["app", "overlay", "help"]`; the crate root is empty).
type Module = Vec<String>;

/// Every src file's module, and its text without its tests and comments.
fn sources() -> BTreeMap<Module, String> {
    let mut files = BTreeMap::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![src.clone()];
    let tests = Regex::new(r"(?s)#\[cfg\(test\)\]\s*mod tests\s*\{.*").unwrap();
    let comments = Regex::new(r"//.*").unwrap();
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path.strip_prefix(&src).unwrap().with_extension("");
            let mut module: Module = rel.iter().map(|p| p.to_string_lossy().into()).collect();
            if matches!(module.last().map(String::as_str), Some("mod" | "lib")) {
                module.pop();
            }
            if module == ["main"] {
                continue; // the binary: nothing uses it
            }
            let text = fs::read_to_string(&path).unwrap();
            let text = comments
                .replace_all(&tests.replace(&text, ""), "")
                .into_owned();
            files.insert(module, text);
        }
    }
    files
}

/// The file a path names: its longest prefix that is a file's module.
fn file_of(files: &BTreeMap<Module, String>, path: &[String]) -> Option<Module> {
    (0..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|m| files.contains_key(m))
}

/// Which files each file uses.
fn uses(files: &BTreeMap<Module, String>) -> BTreeMap<Module, BTreeSet<Module>> {
    // A path, or a path then a group: `super::{lines::Lines, yaml_guard}`.
    let paths = Regex::new(r"\b(crate|super|self)((?:::\w+)*)(?:::\{([^}]*)\})?").unwrap();
    let item = Regex::new(r"^\s*(\w+(?:::\w+)*)").unwrap();
    let children = Regex::new(r"(?m)^\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+(\w+)\s*;").unwrap();
    let mut graph = BTreeMap::new();
    for (module, text) in files {
        let mut used = BTreeSet::new();
        for m in paths.captures_iter(text) {
            // `pub(super)` and `&self` name no module.
            if m[2].is_empty() && m.get(3).is_none() {
                continue;
            }
            let mut rest: Vec<String> = m[2].split("::").skip(1).map(String::from).collect();
            let mut path = match &m[1] {
                "crate" => Vec::new(),
                "self" => module.clone(),
                _ => module[..module.len().saturating_sub(1)].to_vec(),
            };
            while rest.first().is_some_and(|r| r == "super") {
                rest.remove(0);
                path.pop();
            }
            path.extend(rest);
            let group = m.get(3).map_or("", |g| g.as_str());
            let items = group
                .split(',')
                .filter_map(|i| item.captures(i))
                .map(|c| c[1].to_owned());
            let mut full: Vec<Vec<String>> = items
                .filter(|i| i != "self")
                .map(|i| {
                    path.iter()
                        .cloned()
                        .chain(i.split("::").map(String::from))
                        .collect()
                })
                .collect();
            full.push(path);
            used.extend(full.iter().filter_map(|p| file_of(files, p)));
        }
        for child in children.captures_iter(text) {
            let named = Regex::new(&format!(r"(^|[^\w:]){}::", &child[1])).unwrap();
            if named.is_match(text) {
                let mut path = module.clone();
                path.push(child[1].to_owned());
                used.extend(file_of(files, &path));
            }
        }
        used.remove(module);
        graph.insert(module.clone(), used);
    }
    graph
}

/// A circle of uses through `from`, if there is one.
fn circle(graph: &BTreeMap<Module, BTreeSet<Module>>, from: &Module) -> Option<Vec<Module>> {
    let mut stack = vec![vec![from.clone()]];
    let mut seen = BTreeSet::new();
    while let Some(path) = stack.pop() {
        for next in &graph[path.last().unwrap()] {
            if next == from {
                return Some(path);
            }
            if seen.insert(next.clone()) {
                let mut longer = path.clone();
                longer.push(next.clone());
                stack.push(longer);
            }
        }
    }
    None
}

#[test]
fn no_src_file_is_used_back_around_a_circle() {
    let files = sources();
    assert!(files.len() > 40, "found the sources: {}", files.len());
    let graph = uses(&files);
    assert!(
        graph[&vec!["app".to_owned()]].contains(&vec!["app".to_owned(), "state".to_owned()]),
        "the checker sees uses"
    );
    let circles: Vec<String> = files
        .keys()
        .filter_map(|m| circle(&graph, m))
        .map(|c| {
            c.iter()
                .map(|m| m.join("/"))
                .collect::<Vec<_>>()
                .join(" → ")
        })
        .collect();
    assert!(circles.is_empty(), "{circles:#?}");
}

#[test]
fn the_checker_finds_a_circle() {
    let files: BTreeMap<Module, String> = [
        (vec!["a".into()], "use crate::b::X;".to_owned()),
        (vec!["b".into()], "use super::{a::Y, d};".to_owned()),
        (vec!["c".into()], "use crate::a::Z;".to_owned()),
    ]
    .into();
    let graph = uses(&files);
    assert!(circle(&graph, &vec!["a".into()]).is_some());
    assert!(circle(&graph, &vec!["c".into()]).is_none());
}

#[test]
fn no_src_file_is_over_700_lines() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![src];
    let mut long = Vec::new();
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if fs::read_to_string(&path).unwrap().lines().count() > 700 {
                long.push(path);
            }
        }
    }
    assert!(long.is_empty(), "{long:?}");
}

/// Settings are values passed to what needs them: nothing process-wide decides what a key
/// does or how a cell looks.
#[test]
fn no_process_wide_settings_in_src() {
    let files = sources();
    for (module, text) in &files {
        // (A thread_local read buffer in the loader is no setting, and allowed.)
        for banned in ["OnceLock", "static mut", ".leak()", "lazy_static"] {
            assert!(
                !text.contains(banned),
                "{} holds {banned}",
                module.join("/")
            );
        }
    }
}
