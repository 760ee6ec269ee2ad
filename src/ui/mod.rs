//! Pure render functions, one file per pane or overlay (`ui/calendar.rs` draws
//! `app/overlay/calendar.rs`): they read the app and draw; they change nothing.

mod activity;
mod calendar;
mod cells;
mod chrome;
mod days;
mod groups;
mod help;
mod links;
pub mod loading;
mod messages;
mod results;
mod speakers;
mod status;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::app::{App, Overlay};

/// Draws the whole reader.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let panes = app.panes_in(area);
    let buf = frame.buffer_mut();
    if let Some(days) = panes.days {
        days::render(app, days, buf);
    }
    match (&app.overlay, &app.archive_search) {
        (Some(Overlay::Results(_)), Some(search)) => results::render(app, search, &panes, buf),
        _ => messages::render(app, &panes, buf),
    }
    status::render(app, panes.status, buf);
    let Some(overlay) = &app.overlay else {
        return;
    };
    match overlay {
        Overlay::Help(help) => help::render(app, help, area, buf),
        Overlay::Speakers(picker) => speakers::render(app, picker, area, buf),
        Overlay::Groups(picker) => groups::render(app, picker, area, buf),
        Overlay::Calendar(calendar) => calendar::render(app, calendar, area, buf),
        Overlay::Links(links) => links::render(app, links, area, buf),
        Overlay::Activity(activity) => {
            let above_status = Rect {
                height: panes.status.y - area.y,
                ..area
            };
            activity::render(app, activity, above_status, buf)
        }
        // Drawn in place of the message pane, and on the status line.
        Overlay::Prompt(_) | Overlay::Results(_) => {}
    }
}
