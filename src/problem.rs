//! Problems found while loading: values with context, never panics or lost files.

use std::fmt;
use std::path::PathBuf;

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Worth knowing, nothing wrong: a page of a site that is not a day log, skipped.
    Info,
    /// Something was odd but nothing was lost (e.g. a GBK file decoded, a date taken from the title).
    Warning,
    /// Something was skipped: lines, or a whole file.
    Error,
}

/// One thing wrong with one file (or the archive), with the line where it helps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub line: Option<u32>,
    pub severity: Severity,
    pub message: String,
}

impl Problem {
    pub fn warning(
        path: impl Into<PathBuf>,
        line: Option<u32>,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            path: path.into(),
            line,
            severity: Severity::Warning,
            message: message.into(),
        }
    }

    pub fn info(path: impl Into<PathBuf>, line: Option<u32>, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Info,
            ..Problem::warning(path, line, message)
        }
    }

    pub fn error(path: impl Into<PathBuf>, line: Option<u32>, message: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            line,
            severity: Severity::Error,
            message: message.into(),
        }
    }
}

/// `PATH:LINE: message`, or `PATH: message` when no line applies.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        let kind = match self.severity {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, ": {kind}: {}", self.message)
    }
}
