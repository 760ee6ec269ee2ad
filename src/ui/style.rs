//! Colours and styles, in one place.

use ratatui::style::{Color, Modifier, Style};

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

/// A speaker's colour: a stable hash of the name (FNV-1a), the same every run.
pub fn speaker(name: &str) -> Style {
    let hash = name.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    Style::new()
        .fg(SPEAKER_COLOURS[hash as usize % SPEAKER_COLOURS.len()])
        .add_modifier(Modifier::BOLD)
}

pub fn dim() -> Style {
    Style::new().add_modifier(Modifier::DIM)
}

pub fn hit() -> Style {
    Style::new().fg(Color::Black).bg(Color::Yellow)
}

pub fn current_hit() -> Style {
    Style::new()
        .fg(Color::Black)
        .bg(Color::LightRed)
        .add_modifier(Modifier::BOLD)
}

pub fn link() -> Style {
    Style::new()
        .fg(Color::Blue)
        .add_modifier(Modifier::UNDERLINED)
}

pub fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

pub fn border(focused: bool) -> Style {
    if focused {
        Style::new().fg(Color::Cyan)
    } else {
        dim()
    }
}

pub fn status() -> Style {
    Style::new().bg(Color::DarkGray).fg(Color::White)
}

pub fn notice() -> Style {
    Style::new()
        .bg(Color::DarkGray)
        .fg(Color::Yellow)
        .add_modifier(Modifier::BOLD)
}
