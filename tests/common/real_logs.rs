//! The real published archive beside the repository, for the test files that read it
//! (`#[path = "common/real_logs.rs"] mod real_logs;`).

use std::path::{Path, PathBuf};

/// `../shared/real-logs/cocolian-docs`, or `None` (saying so) where it is absent.
pub fn real_logs() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real-logs/cocolian-docs");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("no real archive at {}", dir.display());
        None
    }
}
