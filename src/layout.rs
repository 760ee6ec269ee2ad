//! Where things go on the screen: pure functions of the terminal's size and the settings,
//! shared by `update` (scrolling by the page, hit-testing the mouse) and by the render
//! functions, so the two always agree.

use ratatui::layout::{Constraint, Layout, Rect};

/// Below this terminal width the day list collapses and the messages take it all.
pub const DAY_LIST_MIN_TERMINAL: u16 = 60;

/// Where each pane goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Panes {
    pub days: Option<Rect>,
    pub messages: Rect,
    /// Inside the message pane's border: where rows are drawn.
    pub text: Rect,
    pub status: Rect,
}

impl Panes {
    /// The panes in `area`, with a day list `day_list_width` cells wide (borders included).
    pub fn new(area: Rect, day_list_width: u16) -> Panes {
        let [main, status] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
        let (days, messages) = if area.width >= DAY_LIST_MIN_TERMINAL {
            let [d, m] =
                Layout::horizontal([Constraint::Length(day_list_width), Constraint::Min(0)])
                    .areas(main);
            (Some(d), m)
        } else {
            (None, main)
        };
        // Left border, and on the right the border holding the scrollbar.
        let text = Rect {
            x: messages.x.saturating_add(1),
            y: messages.y.saturating_add(1),
            width: messages.width.saturating_sub(2),
            height: messages.height.saturating_sub(2),
        };
        Panes {
            days,
            messages,
            text,
            status,
        }
    }
}

/// Inside a box's border.
pub fn inside_border(area: Rect) -> Rect {
    area.inner(ratatui::layout::Margin {
        horizontal: 1,
        vertical: 1,
    })
}

/// A box at most `width` × `height` in the middle of `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// Cells after a group's name in the group picker: ` 12345 days`.
pub const GROUP_COUNT_CELLS: usize = 11;

/// The group picker's box in `area` for `groups` names up to `longest` cells wide, and the
/// cells its name column takes: as wide as the longest name needs (a site's groups are
/// folder paths), at least 24, within reach.
pub fn groups_box(area: Rect, longest: usize, groups: usize) -> (Rect, usize) {
    let reach = (area.width as usize)
        .saturating_sub(GROUP_COUNT_CELLS + 2)
        .max(1);
    let name_cells = longest.max(24).min(reach);
    let width = (name_cells + GROUP_COUNT_CELLS + 2).min(u16::MAX as usize) as u16;
    let height = (groups.min(u16::MAX as usize - 2) as u16).saturating_add(2);
    (centered(area, width, height), name_cells)
}

/// The help's box in `area` for `lines` lines of help.
pub fn help_box(area: Rect, lines: usize) -> Rect {
    centered(
        area,
        64,
        (lines.min(u16::MAX as usize) as u16).saturating_add(2),
    )
}
