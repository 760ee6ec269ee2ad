//! The terminal side of the reader: open the terminal, loop (draw, read an event, update),
//! and restore the terminal on every exit path, a panic included.

use std::io::{self, stdout};
use std::sync::Arc;

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;

use crate::app::App;
use crate::keymap;
use crate::model::Archive;
use crate::ui;

/// Restores the terminal when dropped, so an early return or `?` can't leave it raw.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = execute!(stdout(), DisableMouseCapture);
        ratatui::restore();
    }
}

/// Runs the reader until the user quits.
pub fn run(archive: Archive) -> io::Result<()> {
    let mut terminal = ratatui::try_init()?;
    let _restore = Restore;
    // ratatui's panic hook restores raw mode and the screen; mouse capture is ours to undo.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        hook(info);
    }));
    execute!(stdout(), EnableMouseCapture)?;
    let mut app = App::new(Arc::new(archive), terminal.size()?);
    while !app.view.quit {
        terminal.draw(|frame| ui::render(&app, frame))?;
        let event = event::read()?;
        if let Some(action) = keymap::action_for(&app.view, &event) {
            app.update(action);
        }
    }
    Ok(())
}
