//! The mouse over the panes: the wheel scrolls the message pane or steps through the day
//! list; a click focuses a pane and opens the day clicked.

use ratatui::layout::Position;

use super::state::Focus;
use super::{App, WHEEL_LINES};

impl App {
    pub(super) fn wheel(&mut self, at: Position, lines: isize) {
        let panes = self.panes();
        if panes.days.is_some_and(|r| r.contains(at)) {
            let _ = self.step_day(lines.signum());
        } else {
            self.read_on(lines * WHEEL_LINES);
        }
    }

    pub(super) fn click(&mut self, at: Position) {
        let panes = self.panes();
        if let Some(list) = panes.days.filter(|r| r.contains(at)) {
            self.view.focus = Focus::Days;
            let row = at.y.saturating_sub(list.y + 1) as usize + self.view.days_top;
            if at.y > list.y && row < self.archive.group(self.view.group).days.len() {
                self.open_day_in_group(row);
            }
        } else if panes.messages.contains(at) {
            self.view.focus = Focus::Messages;
        }
    }
}
