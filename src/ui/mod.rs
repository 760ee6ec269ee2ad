//! Pure render functions, one per pane: they read the app and draw; they change nothing.

mod activity;
mod calendar;
mod cells;
mod days;
pub mod help;
pub mod loading;
mod messages;
mod pickers;
mod results;
mod status;
pub mod style;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

use crate::app::{App, Overlay};

/// Below this terminal width the day list collapses and the messages take it all.
pub const DAY_LIST_MIN_TERMINAL: u16 = 60;

/// Where each pane goes: a pure function of the terminal size, shared with `update` so
/// scrolling and drawing agree on the message pane's size.
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

/// Draws the whole reader.
pub fn render(app: &App, frame: &mut Frame) {
    let panes = app.panes_in(frame.area());
    if let Some(area) = panes.days {
        days::render(app, area, frame.buffer_mut());
    }
    match (&app.view.overlay, &app.find) {
        (Overlay::Results, Some(find)) => results::render(app, find, &panes, frame.buffer_mut()),
        _ => messages::render(app, &panes, frame.buffer_mut()),
    }
    status::render(app, panes.status, frame.buffer_mut());
    match &app.view.overlay {
        Overlay::Help(top) => help::render(*top, frame.area(), frame.buffer_mut()),
        Overlay::Speakers(picker) => {
            pickers::speakers(app, picker, frame.area(), frame.buffer_mut())
        }
        Overlay::Groups { cursor } => {
            pickers::groups(app, *cursor, frame.area(), frame.buffer_mut())
        }
        Overlay::Calendar(c) => calendar::render(app, c, frame.area(), frame.buffer_mut()),
        Overlay::Activity(a) => {
            let above_status = Rect {
                height: panes.status.y - frame.area().y,
                ..frame.area()
            };
            activity::render(app, a, above_status, frame.buffer_mut())
        }
        Overlay::Prompt(_) | Overlay::Results | Overlay::None => {}
    }
}

/// A box at most `width` × `height` in the middle of `area`.
fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}
