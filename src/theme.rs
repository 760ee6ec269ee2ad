//! Colours and styles, in one place: a [`Theme`] (dark or light, or without colour when
//! `NO_COLOR` is set), chosen at start from the config and passed to what draws.

use ratatui::style::{Color, Modifier, Style};

/// Shades a calendar day can take by its message count, quietest first; a day without a
/// log takes none.
pub const SHADES: usize = 4;

/// Speaker colours: distinct on dark and light backgrounds alike.
const SPEAKER_COLOURS: [Color; 10] = [
    Color::Cyan,
    Color::Green,
    Color::Yellow,
    Color::Magenta,
    Color::Blue,
    Color::LightRed,
    Color::LightCyan,
    Color::LightGreen,
    Color::LightMagenta,
    Color::LightBlue,
];

/// Speaker colours that stay readable on a light background.
const SPEAKER_COLOURS_LIGHT: [Color; 10] = [
    Color::Blue,
    Color::Red,
    Color::Magenta,
    Color::Green,
    Color::Cyan,
    Color::Rgb(0x8a, 0x4b, 0x00),
    Color::Rgb(0x5a, 0x2d, 0x8c),
    Color::Rgb(0x00, 0x66, 0x66),
    Color::Rgb(0x99, 0x00, 0x55),
    Color::Rgb(0x33, 0x55, 0x00),
];

/// Every style the reader draws with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Theme {
    pub dim: Style,
    pub hit: Style,
    pub current_hit: Style,
    pub link: Style,
    pub selected: Style,
    pub border: Style,
    pub focused_border: Style,
    pub status: Style,
    pub notice: Style,
    /// Speaker names take a colour from here (empty: names are only bold).
    pub speakers: Vec<Color>,
    /// Calendar days with a log, by message count, quietest first.
    pub shades: [Style; SHADES],
    /// The activity view's bars.
    pub chart: Style,
    /// The open day in the activity view's per-day chart.
    pub marked: Style,
    /// A document's title and headings.
    pub heading: Style,
    /// A document's code blocks and quotes.
    pub code: Style,
}

impl Theme {
    pub fn dark() -> Theme {
        Theme {
            dim: Style::new().add_modifier(Modifier::DIM),
            hit: Style::new().fg(Color::Black).bg(Color::Yellow),
            current_hit: Style::new()
                .fg(Color::Black)
                .bg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            link: Style::new()
                .fg(Color::Blue)
                .add_modifier(Modifier::UNDERLINED),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            border: Style::new().add_modifier(Modifier::DIM),
            focused_border: Style::new().fg(Color::Cyan),
            status: Style::new().bg(Color::DarkGray).fg(Color::White),
            notice: Style::new()
                .bg(Color::DarkGray)
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            speakers: SPEAKER_COLOURS.to_vec(),
            // Dark to bright: busy days light up on a dark background.
            shades: greens([
                (22, Color::White),
                (28, Color::White),
                (34, Color::Black),
                (40, Color::Black),
            ]),
            chart: Style::new().fg(Color::Cyan),
            marked: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            heading: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            code: Style::new().fg(Color::Green),
        }
    }

    pub fn light() -> Theme {
        Theme {
            hit: Style::new().fg(Color::Black).bg(Color::LightYellow),
            current_hit: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
            focused_border: Style::new().fg(Color::Blue),
            status: Style::new().bg(Color::Gray).fg(Color::Black),
            notice: Style::new()
                .bg(Color::Gray)
                .fg(Color::Red)
                .add_modifier(Modifier::BOLD),
            speakers: SPEAKER_COLOURS_LIGHT.to_vec(),
            // Pale to deep: busy days darken on a light background.
            shades: greens([
                (194, Color::Black),
                (150, Color::Black),
                (71, Color::White),
                (28, Color::White),
            ]),
            chart: Style::new().fg(Color::Blue),
            marked: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            heading: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            code: Style::new().fg(Color::Rgb(0x00, 0x66, 0x33)),
            ..Theme::dark()
        }
    }

    /// The same theme with every colour taken out (https://no-color.org): what stays
    /// apart is kept apart by bold, underline and reverse video.
    pub fn without_colour(self) -> Theme {
        let plain = |s: Style| Style {
            fg: None,
            bg: None,
            underline_color: None,
            ..s
        };
        let marked = Style::new().add_modifier(Modifier::REVERSED);
        Theme {
            dim: plain(self.dim),
            hit: marked,
            current_hit: marked.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            link: plain(self.link),
            selected: marked,
            border: plain(self.border),
            focused_border: Style::new().add_modifier(Modifier::BOLD),
            status: marked,
            notice: marked.add_modifier(Modifier::BOLD),
            speakers: Vec::new(),
            // Without colour the counts can't be told apart; days with a log still can.
            shades: [Style::new().add_modifier(Modifier::BOLD); SHADES],
            chart: plain(self.chart),
            marked: plain(self.marked),
            heading: plain(self.heading),
            code: Style::new().add_modifier(Modifier::DIM),
        }
    }

    /// A speaker's colour: a stable hash of the name (FNV-1a), the same every run.
    pub fn speaker(&self, name: &str) -> Style {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        if self.speakers.is_empty() {
            return bold;
        }
        let hash = name.bytes().fold(0x811c_9dc5_u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        });
        bold.fg(self.speakers[hash as usize % self.speakers.len()])
    }

    /// A pane's border, brighter when it has the focus.
    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.focused_border
        } else {
            self.border
        }
    }

    /// A calendar day's shade by its level (0 the quietest).
    pub fn shade(&self, level: usize) -> Style {
        self.shades[level.min(SHADES - 1)]
    }
}

/// Greens from the 256-colour cube as backgrounds, each with a text colour that stays
/// readable on it, quietest first.
fn greens(shades: [(u8, Color); SHADES]) -> [Style; SHADES] {
    shades.map(|(bg, fg)| Style::new().bg(Color::Indexed(bg)).fg(fg))
}
