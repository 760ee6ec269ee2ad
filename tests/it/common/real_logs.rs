//! The real published archive beside the repository, for the tests that read it.

use std::path::{Path, PathBuf};

/// `../shared/real-logs/cocolian-docs`, or `None` where it is absent: the test then skips,
/// saying so, on a person's machine, and fails under CI (`CI` set), where it must run.
pub fn real_logs() -> Option<PathBuf> {
    shared("cocolian-docs", "the real archive")
}

/// `../shared/real-logs/cocolian-site`, a sample of the whole site the chat days come from,
/// or `None` where it is absent (see [`real_logs`]).
pub fn real_site() -> Option<PathBuf> {
    shared("cocolian-site", "the sample site")
}

fn shared(name: &str, what: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/real-logs")
        .join(name);
    if dir.is_dir() {
        return Some(dir);
    }
    missing(&format!("{what} at {}", dir.display()));
    None
}

/// Skips visibly outside CI; under CI, fails naming what is missing.
pub fn missing(what: &str) {
    assert!(
        std::env::var_os("CI").is_none(),
        "CI is set and {what} is missing: this test cannot run"
    );
    eprintln!("SKIPPED: {what} is missing");
}
