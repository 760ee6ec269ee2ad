//! The screen shown while the archive loads in the background: the folder and a gauge.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Gauge, Widget};

use crate::layout::centered;
use crate::text;
use crate::theme::Theme;

/// Draws the loading screen for `dir`, `parsed` of `files` day files done (`files` is zero
/// while the folder is still being walked).
pub fn render(
    dir: &str,
    (parsed, files): (usize, usize),
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let area = centered(area, 60, 3);
    let title = text::fit(
        &format!(" chatlog · {dir} "),
        area.width.saturating_sub(2) as usize,
    );
    let label = if files == 0 {
        "looking for day files…".to_owned()
    } else {
        format!("{parsed} of {files} day files")
    };
    let ratio = if files == 0 {
        0.0
    } else {
        (parsed as f64 / files as f64).min(1.0)
    };
    Gauge::default()
        .block(Block::bordered().title(title))
        .gauge_style(theme.status)
        .label(label)
        .ratio(ratio)
        .use_unicode(true)
        .render(area, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn screen(dir: &str, parsed: usize, files: usize) -> Vec<String> {
        let area = Rect::new(0, 0, 50, 5);
        let mut buf = Buffer::empty(area);
        render(dir, (parsed, files), &Theme::dark(), area, &mut buf);
        (0..area.height)
            .map(|y| {
                (0..area.width)
                    .map(|x| buf[(x, y)].symbol())
                    .collect::<String>()
            })
            .collect()
    }

    #[test]
    fn shows_the_folder_and_the_count() {
        let rows = screen("logs", 30, 120);
        assert!(rows[1].contains("chatlog · logs"), "{rows:?}");
        assert!(rows[2].contains("30 of 120 day files"), "{rows:?}");
        // A quarter of the 48-cell bar is filled.
        assert_eq!(rows[2].matches('█').count(), 12, "{rows:?}");
    }

    #[test]
    fn says_when_it_is_still_walking_and_keeps_the_folder_name_inert() {
        let rows = screen("a\u{1b}]0;pwned\u{7}b", 0, 0);
        assert!(rows[2].contains("looking for day files…"), "{rows:?}");
        assert!(rows[1].contains("a␛]0;pwned␇b"), "{rows:?}");
        assert!(!rows.concat().contains('\u{1b}'));
    }
}
