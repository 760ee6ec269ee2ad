//! The optional config file, `$XDG_CONFIG_HOME/chatlog/config.toml` (or `--config FILE`,
//! or `$CHATLOG_CONFIG`):
//!
//! ```toml
//! theme = "light"              # or "dark" (the default)
//! day_list_width = 30          # cells, 16 to 60
//! time_format = "%H:%M"        # chrono's strftime; the default is %H:%M:%S
//! mouse = false                # leave the mouse to the terminal (the default: true)
//! [colors]                     # a name, "#rrggbb" or a 0-255 index
//! hit = "yellow"               # also current_hit, selected, status, notice (the
//!                              # background), link, border, focused_border (the text)
//! [keys]                       # an action and its key, or keys
//! next_day = ["]", "L"]
//! quit = "ctrl-q"
//! ```
//!
//! Every mistake is a message naming the setting, and that setting keeps its default.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveTime;
use chrono::format::{Item, StrftimeItems};
use ratatui::style::Color;
use toml::{Table, Value};

use crate::key::Key;
use crate::keymap::Keymap;
use crate::theme::Theme;

/// What the reader needs to know of the config while it runs: values the app holds and
/// passes to what needs them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// Cells the day list takes, borders included.
    pub day_list_width: u16,
    /// How a message's time is shown (chrono strftime, a time only).
    pub time_format: String,
    pub theme: Theme,
    pub keymap: Keymap,
    /// The reader takes the mouse (wheel, clicks); off leaves it to the terminal, for
    /// selecting text with it.
    pub mouse: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            day_list_width: 24,
            time_format: "%H:%M:%S".into(),
            theme: Theme::dark(),
            keymap: Keymap::default(),
            mouse: true,
        }
    }
}

/// The config file's usual place.
pub fn default_path() -> Option<PathBuf> {
    crate::dirs::config_file()
}

/// Reads the config at `path` (a missing file is no problem: the defaults). `no_color`
/// takes the colours out of the theme. Returns the problems found, one line each; the
/// caller names the file, in full or short as it has room.
pub fn load(path: &Path, no_color: bool) -> (Settings, Vec<String>) {
    match std::fs::read_to_string(path) {
        Ok(text) => parse(&text, no_color),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => parse("", no_color),
        Err(err) => {
            let problem = format!("{err}: using the defaults");
            (parse("", no_color).0, vec![problem])
        }
    }
}

/// The config in `text`; problems name the setting (the caller adds the file).
pub fn parse(text: &str, no_color: bool) -> (Settings, Vec<String>) {
    let mut problems = Vec::new();
    let table = text.parse::<Table>().unwrap_or_else(|err| {
        problems.push(format!("not TOML ({}): using the defaults", err.message()));
        Table::new()
    });
    let mut settings = Settings::default();
    let mut theme = Theme::dark();
    let mut colors = Table::new();
    let mut keys = Vec::new();
    for (name, value) in table {
        let done = match name.as_str() {
            "theme" => value.as_str().and_then(theme_named).map(|t| theme = t),
            "day_list_width" => value
                .as_integer()
                .filter(|w| (16..=60).contains(w))
                .map(|w| settings.day_list_width = w as u16),
            "time_format" => value
                .as_str()
                .filter(|f| is_time_format(f))
                .map(|f| settings.time_format = f.to_owned()),
            "mouse" => value.as_bool().map(|m| settings.mouse = m),
            "colors" | "colours" => value.as_table().map(|t| colors = t.clone()),
            "keys" => value
                .as_table()
                .map(|t| keys = key_overrides(t, &mut problems)),
            _ => {
                problems.push(format!("unknown setting `{name}`"));
                continue;
            }
        };
        if done.is_none() {
            problems.push(format!("`{name}` {}: using the default", expected(&name)));
        }
    }
    for (name, value) in colors {
        if let Err(why) = recolour(&mut theme, &name, &value) {
            problems.push(format!("`colors.{name}` {why}: using the theme's"));
        }
    }
    if no_color {
        theme = theme.without_colour();
    }
    let (keymap, key_problems) = Keymap::with_overrides(&keys);
    problems.extend(key_problems);
    let settings = Settings {
        theme,
        keymap,
        ..settings
    };
    (settings, problems)
}

fn theme_named(name: &str) -> Option<Theme> {
    match name {
        "dark" => Some(Theme::dark()),
        "light" => Some(Theme::light()),
        _ => None,
    }
}

/// What a setting's value should have been, for its problem message.
fn expected(name: &str) -> &'static str {
    match name {
        "theme" => "must be \"dark\" or \"light\"",
        "day_list_width" => "must be a whole number from 16 to 60",
        "mouse" => "must be true or false",
        "time_format" => "must be a chrono format of a time of day (no date) such as \"%H:%M:%S\"",
        _ => "must be a table",
    }
}

/// Whether `format` is a strftime format chrono can show a time of day with: it parses,
/// and a sample time formats (a date field such as `%Y` or `%A` fails there, where
/// showing it would have panicked the first frame).
fn is_time_format(format: &str) -> bool {
    let sample = NaiveTime::from_hms_opt(13, 5, 9).unwrap_or_default();
    StrftimeItems::new(format).all(|item| !matches!(item, Item::Error))
        && write!(String::new(), "{}", sample.format(format)).is_ok()
}

/// Sets the colour that marks `name` in `theme`: the background of highlights and bars,
/// the text of links and borders.
fn recolour(theme: &mut Theme, name: &str, value: &Value) -> Result<(), String> {
    let colour: Color = value
        .as_str()
        .and_then(|s| s.parse().ok())
        .ok_or("must be a colour name, \"#rrggbb\" or a number 0-255")?;
    let style = match name {
        "hit" => &mut theme.hit,
        "current_hit" => &mut theme.current_hit,
        "selected" => &mut theme.selected,
        "status" => &mut theme.status,
        "notice" => &mut theme.notice,
        "link" => &mut theme.link,
        "border" => &mut theme.border,
        "focused_border" => &mut theme.focused_border,
        _ => return Err("is not a colour chatlog has".into()),
    };
    *style = match name {
        "link" | "border" | "focused_border" => style.fg(colour),
        _ => style.bg(colour),
    };
    Ok(())
}

/// `[keys]`: action → a key or an array of keys.
fn key_overrides(table: &Table, problems: &mut Vec<String>) -> Vec<(String, Vec<Key>)> {
    let mut overrides = Vec::new();
    for (action, value) in table {
        let names: Vec<&str> = match value {
            Value::String(s) => vec![s.as_str()],
            Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        let keys: Option<Vec<Key>> = names.iter().map(|k| Key::parse(k)).collect();
        match keys.filter(|k| !k.is_empty()) {
            Some(keys) => overrides.push((action.clone(), keys)),
            None => problems.push(format!(
                "`keys.{action}` must be a key like \"j\", \"ctrl-d\", \"pgdn\", or a list of them"
            )),
        }
    }
    overrides
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Style;

    #[test]
    fn defaults_without_a_file() {
        let (settings, problems) = parse("", false);
        assert!(problems.is_empty());
        assert_eq!(settings, Settings::default());
    }

    #[test]
    fn every_setting() {
        let text = r##"
            theme = "light"
            day_list_width = 30
            time_format = "%H:%M"
            [colors]
            hit = "#ff8800"
            link = "green"
            [keys]
            next_day = ["]", "L"]
            quit = "ctrl-q"
        "##;
        let (settings, problems) = parse(text, false);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(settings.day_list_width, 30);
        assert_eq!(settings.time_format, "%H:%M");
        assert_eq!(settings.theme.hit.bg, Some(Color::Rgb(0xff, 0x88, 0x00)));
        assert_eq!(settings.theme.link.fg, Some(Color::Green));
        assert_eq!(settings.theme.status, Theme::light().status);
        assert_ne!(
            settings.keymap,
            Keymap::default(),
            "next_day and quit rebound"
        );
    }

    #[test]
    fn each_mistake_names_its_setting_and_keeps_the_default() {
        let text = r#"
            theme = "purple"
            day_list_width = 4
            time_format = "%Q"
            colour_scheme = 1
            [colors]
            hit = "not a colour"
            sparkle = "red"
            [keys]
            next_day = "ctrl-nonsense"
        "#;
        let (settings, problems) = parse(text, false);
        assert_eq!(settings, Settings::default());
        for name in [
            "`theme`",
            "`day_list_width`",
            "`time_format`",
            "`colour_scheme`",
            "`colors.hit`",
            "`colors.sparkle`",
            "`keys.next_day`",
        ] {
            assert!(
                problems.iter().any(|p| p.contains(name)),
                "{name} in {problems:?}"
            );
        }
        assert_eq!(problems.len(), 7, "{problems:?}");
    }

    #[test]
    fn broken_toml_is_one_problem_and_the_defaults() {
        let (settings, problems) = parse("theme = \"light", false);
        assert_eq!(settings.theme, Theme::dark());
        assert_eq!(problems.len(), 1);
        assert!(problems[0].starts_with("not TOML"), "{problems:?}");
    }

    #[test]
    fn no_color_takes_every_colour_out() {
        let (settings, _) = parse("theme = \"light\"\n[colors]\nhit = \"red\"", true);
        let t = &settings.theme;
        for style in [
            t.dim,
            t.hit,
            t.current_hit,
            t.link,
            t.selected,
            t.status,
            t.notice,
        ] {
            assert_eq!((style.fg, style.bg), (None, None), "{style:?}");
        }
        assert!(t.speakers.is_empty());
        assert_ne!(t.hit, Style::new(), "hits still stand out");
    }

    #[test]
    fn a_time_format_that_needs_a_date_is_refused_and_named() {
        for format in [
            "%Y-%m-%d %H:%M",
            "%d",
            "%A",
            "%s",
            "%z",
            "%Z",
            "%c",
            "%x",
            "%C",
        ] {
            let (settings, problems) = parse(&format!("time_format = \"{format}\""), false);
            assert_eq!(
                settings.time_format, "%H:%M:%S",
                "{format} keeps the default"
            );
            assert_eq!(problems.len(), 1, "{format}: {problems:?}");
            assert!(problems[0].contains("`time_format`"), "{problems:?}");
        }
        let (settings, problems) = parse("time_format = \"%I:%M %p\"", false);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(settings.time_format, "%I:%M %p");
    }

    #[test]
    fn the_mouse_can_be_left_to_the_terminal() {
        assert!(Settings::default().mouse);
        let (settings, problems) = parse("mouse = false", false);
        assert!(problems.is_empty() && !settings.mouse, "{problems:?}");
        let (settings, problems) = parse("mouse = \"no\"", false);
        assert!(settings.mouse);
        assert_eq!(
            problems,
            ["`mouse` must be true or false: using the default"]
        );
    }
}
