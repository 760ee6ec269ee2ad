//! Where chatlog keeps its own files, by the XDG base directory rules on every Unix system
//! (macOS included, as the README promises): the config in `$XDG_CONFIG_HOME/chatlog` or
//! `~/.config/chatlog`, what it remembers in `$XDG_STATE_HOME/chatlog` or
//! `~/.local/state/chatlog`. `CHATLOG_CONFIG` names a config file of its own.

use std::ffi::OsString;
use std::path::PathBuf;

/// The config file: `CHATLOG_CONFIG`, else `config.toml` in the config folder.
pub fn config_file() -> Option<PathBuf> {
    let var = |name| std::env::var_os(name);
    config_file_from(var("CHATLOG_CONFIG"), var("XDG_CONFIG_HOME"), var("HOME"))
}

/// The folder for what the reader remembers across runs.
pub fn state_dir() -> Option<PathBuf> {
    let var = |name| std::env::var_os(name);
    base(var("XDG_STATE_HOME"), var("HOME"), ".local/state").map(|dir| dir.join("chatlog"))
}

fn config_file_from(
    chatlog: Option<OsString>,
    xdg: Option<OsString>,
    home: Option<OsString>,
) -> Option<PathBuf> {
    if let Some(file) = chatlog.filter(|f| !f.is_empty()) {
        return Some(PathBuf::from(file));
    }
    base(xdg, home, ".config").map(|dir| dir.join("chatlog/config.toml"))
}

/// `$XDG_…` when it is an absolute path (the spec ignores others), else `$HOME/fallback`.
fn base(xdg: Option<OsString>, home: Option<OsString>, fallback: &str) -> Option<PathBuf> {
    let xdg = xdg.map(PathBuf::from).filter(|p| p.is_absolute());
    xdg.or_else(|| {
        home.filter(|h| !h.is_empty())
            .map(|h| PathBuf::from(h).join(fallback))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(s: &str) -> Option<OsString> {
        Some(OsString::from(s))
    }

    #[test]
    fn the_xdg_rules_then_home_and_chatlog_config_first() {
        let file = |c, x, h| config_file_from(c, x, h).map(|p| p.display().to_string());
        assert_eq!(
            file(None, os("/x"), os("/h")).as_deref(),
            Some("/x/chatlog/config.toml")
        );
        assert_eq!(
            file(None, None, os("/h")).as_deref(),
            Some("/h/.config/chatlog/config.toml")
        );
        assert_eq!(
            file(None, os("rel"), os("/h")).as_deref(),
            Some("/h/.config/chatlog/config.toml")
        );
        assert_eq!(
            file(os("/my.toml"), os("/x"), os("/h")).as_deref(),
            Some("/my.toml")
        );
        assert_eq!(file(None, None, None), None);
        let state = base(None, os("/h"), ".local/state").map(|p| p.join("chatlog"));
        assert_eq!(state, Some(PathBuf::from("/h/.local/state/chatlog")));
    }
}
