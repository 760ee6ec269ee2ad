//! Combining marks without end: `a` and half a million U+0301 in one body. Each mark was
//! appended to the cell's symbol, copying it whole: 200,000 marks took 8.4 s a frame, and
//! 500,000 never drew (nor read `q`). Now a cell keeps four, a row holds at most thirty on
//! a char, and the rest are in no row, so a frame walks only what it can show.

use std::sync::Arc;
use std::sync::mpsc;

use chatlog::app::App;
use chatlog::load::load;
use chatlog::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Size;

use super::*;

/// Zero-width marks a cell may carry; the rest are not drawn.
const KEPT: usize = 4;

/// The good days and 2019-01-04: one message by Zalgo, `a`, 500,000 U+0301, then `b`.
fn with_marks(test: &str) -> Archive {
    let archive = Archive::new(test);
    let body = format!("a{}b", "\u{301}".repeat(500_000));
    archive.day(
        "2019-01-04-marks.md",
        "2019-01-04",
        &[("10:00:00", "Zalgo", &body)],
    );
    archive
}

#[test]
fn half_a_million_combining_marks_draw_at_once_and_a_cell_keeps_four() {
    let archive = with_marks("marks");
    let root = archive.root().to_path_buf();
    let (done, drawn) = mpsc::channel();
    thread::spawn(move || {
        let (loaded, _) = load(&root).unwrap();
        let app = App::new(Arc::new(loaded), Size::new(80, 24));
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        for _ in 0..3 {
            terminal.draw(|f| ui::render(&app, f)).unwrap();
        }
        let _ = done.send(terminal.backend().buffer().clone());
    });
    let buffer = drawn
        .recv_timeout(Duration::from_secs(20))
        .expect("three frames drawn within 20 s");

    let cells: Vec<&str> = buffer.content().iter().map(|c| c.symbol()).collect();
    let marked: Vec<&&str> = cells.iter().filter(|s| s.contains('\u{301}')).collect();
    assert_eq!(marked, [&format!("a{}", "\u{301}".repeat(KEPT))]);
    // Past Unicode's stream-safe limit the run ends the row: `b` opens the next one.
    let marked_at = cells.iter().position(|s| s.contains('\u{301}')).unwrap();
    assert_eq!(cells[marked_at + 1], " ");
    assert_eq!(cells[marked_at + 80], "b");
}

/// The real reader in a terminal on that day: it draws, scrolls and quits on `q`.
#[test]
fn the_reader_draws_half_a_million_marks_and_quits_on_q() {
    let archive = with_marks("marks-reader");
    let Some(t) = Tmux::start("marks-reader", &command_line(archive.root()), 80, 24) else {
        return;
    };
    t.wait_for("Zalgo");
    t.keys(&["j", "k", "q"]);
    t.wait_for("CHATLOG-EXITED");
}
