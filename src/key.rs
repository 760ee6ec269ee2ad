//! A key with its modifiers: how the keymap and the config name one, and how help shows it.

use crossterm::event::{KeyCode, KeyModifiers};

/// A key with its modifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key(pub KeyCode, pub KeyModifiers);

/// A plain character key.
pub const fn key(c: char) -> Key {
    Key(KeyCode::Char(c), KeyModifiers::NONE)
}

/// Ctrl and a character.
pub const fn ctrl(c: char) -> Key {
    Key(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// A named key (Enter, arrows, PgDn…) without modifiers.
pub const fn code(c: KeyCode) -> Key {
    Key(c, KeyModifiers::NONE)
}

impl Key {
    /// Whether a pressed key is this one. Shift is part of the character itself ('G',
    /// '?'), so it is not compared.
    pub fn matches(&self, code: KeyCode, modifiers: KeyModifiers) -> bool {
        self.0 == code && (self.1 - KeyModifiers::SHIFT) == (modifiers - KeyModifiers::SHIFT)
    }

    /// The key as help shows it: `j`, `Ctrl-d`, `PgDn`, `Space`.
    pub fn name(&self) -> String {
        let name = match self.0 {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".to_owned(),
            KeyCode::Down => "↓".to_owned(),
            KeyCode::Left => "←".to_owned(),
            KeyCode::Right => "→".to_owned(),
            KeyCode::PageUp => "PgUp".to_owned(),
            KeyCode::PageDown => "PgDn".to_owned(),
            KeyCode::BackTab => "Tab".to_owned(),
            other => other.to_string(),
        };
        let mut prefix = String::new();
        if self.1.contains(KeyModifiers::CONTROL) {
            prefix.push_str("Ctrl-");
        }
        if self.1.contains(KeyModifiers::SHIFT) {
            prefix.push_str("Shift-");
        }
        prefix + &name
    }

    /// A key as the config writes it: `j`, `G`, `]`, `ctrl-d`, `space`, `enter`, `esc`,
    /// `tab`, `backspace`, `up`, `down`, `left`, `right`, `pgup`, `pgdn`, `home`, `end`,
    /// `f1`…`f12`.
    pub fn parse(text: &str) -> Option<Key> {
        let (mods, name) = match text
            .strip_prefix("ctrl-")
            .or_else(|| text.strip_prefix("C-"))
        {
            Some(rest) if !rest.is_empty() => (KeyModifiers::CONTROL, rest),
            _ => (KeyModifiers::NONE, text),
        };
        let mut chars = name.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => named(&name.to_ascii_lowercase())?,
        };
        Some(Key(code, mods))
    }
}

/// A key named by a word.
fn named(name: &str) -> Option<KeyCode> {
    Some(match name {
        "space" => KeyCode::Char(' '),
        "enter" => KeyCode::Enter,
        "esc" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backspace" => KeyCode::Backspace,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "pgup" | "pageup" => KeyCode::PageUp,
        "pgdn" | "pagedown" => KeyCode::PageDown,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        f => KeyCode::F(
            f.strip_prefix('f')?
                .parse()
                .ok()
                .filter(|n| (1..=12).contains(n))?,
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_as_the_config_writes_them() {
        assert_eq!(Key::parse("j"), Some(key('j')));
        assert_eq!(Key::parse("G"), Some(key('G')));
        assert_eq!(Key::parse("]"), Some(key(']')));
        assert_eq!(Key::parse("ctrl-d"), Some(ctrl('d')));
        assert_eq!(Key::parse("space"), Some(key(' ')));
        assert_eq!(Key::parse("PgDn"), Some(code(KeyCode::PageDown)));
        assert_eq!(Key::parse("f5"), Some(code(KeyCode::F(5))));
        assert_eq!(Key::parse("f13"), None);
        assert_eq!(Key::parse("ctrl-nonsense"), None);
        assert_eq!(Key::parse(""), None);
    }

    #[test]
    fn names_as_help_shows_them() {
        assert_eq!(ctrl('d').name(), "Ctrl-d");
        assert_eq!(key(' ').name(), "Space");
        assert_eq!(code(KeyCode::PageDown).name(), "PgDn");
    }
}
