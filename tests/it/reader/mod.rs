//! The reader without a terminal: actions drive `update`, ratatui's TestBackend shows what
//! `render` draws, and every frame is checked for straight borders and whole wide chars.

mod act;
mod activity;
mod archive_search;
mod calendar;
mod day_search;
mod days;
mod export;
mod filter;
mod loading;
mod overlays;
mod reload;
mod screen;
mod scroll;
mod site;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chatlog::action::{Action, CalendarStep as Step, Effect, Shared};
use chatlog::app::overlay::help::Help;
use chatlog::app::{App, Focus, Overlay};
use chatlog::load::load;
use chatlog::model::{Archive, GroupId};
use chatlog::ui;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect, Size};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

use crate::common::TempDir;
use crate::common::real_logs::real_logs;

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-logs")
}

fn app_at(dir: &Path, width: u16, height: u16) -> App {
    let (archive, _) = load(dir).expect("archive loads");
    App::new(Arc::new(archive), Size::new(width, height))
}

/// The sample archive on its busiest group, prodarch (2018-03-04 … 2018-03-07).
fn sample_app(width: u16, height: u16) -> App {
    let mut app = app_at(&sample(), width, height);
    type_str(&mut app, ":group prodarch");
    press(&mut app, [enter()]);
    assert_eq!(app.archive.group(app.view.group).name, "prodarch");
    app
}

fn draw(app: &App) -> Buffer {
    let size = app.view.size;
    let mut terminal = Terminal::new(TestBackend::new(size.width, size.height)).unwrap();
    terminal.draw(|f| ui::render(app, f)).unwrap();
    terminal.backend().buffer().clone()
}

/// A row as a terminal shows it: the cell after a wide char is covered, not a space.
fn row_text(buf: &Buffer, y: u16) -> String {
    let mut row = String::new();
    let mut x = 0;
    while x < buf.area.width {
        let symbol = buf[(x, y)].symbol();
        row.push_str(symbol);
        x += symbol.width().max(1) as u16;
    }
    row
}

fn screen(buf: &Buffer) -> String {
    (0..buf.area.height)
        .map(|y| row_text(buf, y))
        .collect::<Vec<_>>()
        .join("\n")
}

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

/// Selects shown message `pos` as a reader does: `v` at the top, then `j` down to it.
fn select(app: &mut App, pos: usize) {
    press(app, [code(KeyCode::Esc), key('g'), key('v')]);
    press(app, std::iter::repeat_n(key('j'), pos));
    assert_eq!(app.view.selected, Some(pos));
}

/// Feeds events to the app, as the event loop does.
fn press(app: &mut App, events: impl IntoIterator<Item = Event>) {
    for e in events {
        app.input(&e);
    }
}

fn type_str(app: &mut App, s: &str) {
    press(app, s.chars().map(key));
}

fn enter() -> Event {
    Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE))
}

/// Borders stay where the layout puts them, no wide char hangs over an edge or is cut,
/// and nothing drawn is a control character.
fn assert_exact(app: &App, buf: &Buffer) {
    let panes = app.panes_in(buf.area);
    let mut boxes = vec![panes.messages];
    boxes.extend(panes.days);
    assert_whole_cells(buf, &boxes);
    for b in &boxes {
        for y in b.y + 1..b.bottom().saturating_sub(1) {
            assert_eq!(
                buf[(b.x, y)].symbol(),
                "│",
                "left border at {},{y}:\n{}",
                b.x,
                screen(buf)
            );
            let right = buf[(b.right() - 1, y)].symbol();
            assert!(
                ["│", "█", "║"].contains(&right),
                "right border at {y} is {right:?}:\n{}",
                screen(buf)
            );
        }
    }
}

/// Every row is as wide as the terminal, nothing drawn is a control character, and no
/// wide char hangs over the right edge or across the border of one of `boxes`.
fn assert_whole_cells(buf: &Buffer, boxes: &[Rect]) {
    for y in 0..buf.area.height {
        let mut x = 0;
        while x < buf.area.width {
            let symbol = buf[(x, y)].symbol();
            assert!(
                !symbol.chars().any(char::is_control),
                "control char at {x},{y} in {:?}",
                row_text(buf, y)
            );
            let w = symbol.width().max(1) as u16;
            if w == 2 {
                assert!(
                    x + 1 < buf.area.width,
                    "wide char at the right edge, row {y}"
                );
                for b in boxes {
                    let inside =
                        |cx: u16| cx > b.x && cx + 1 < b.right() && y > b.y && y + 1 < b.bottom();
                    let edge =
                        |cx: u16| (cx == b.x || cx + 1 == b.right()) && y >= b.y && y < b.bottom();
                    assert!(
                        inside(x) == inside(x + 1) && !edge(x) && !edge(x + 1),
                        "wide char across a border at {x},{y}: {:?}",
                        row_text(buf, y)
                    );
                }
            }
            x += w;
        }
        assert_eq!(row_text(buf, y).width(), buf.area.width as usize, "row {y}");
    }
}

/// The real archive next to the repository, or the sample where it is absent.
fn real_or_sample() -> Arc<Archive> {
    let dir = real_logs().unwrap_or_else(sample);
    Arc::new(load(&dir).unwrap().0)
}

/// The status line: the last row of the screen.
fn status_row(app: &App) -> String {
    let buf = draw(app);
    row_text(&buf, buf.area.height - 1)
}

/// Runs `F` + `query` + Enter and waits for the whole search.
fn find_all(app: &mut App, query: &str) {
    type_str(app, "F");
    type_str(app, query);
    press(app, [enter()]);
    finish_find(app);
}

fn finish_find(app: &mut App) {
    app.archive_search.as_mut().expect("a search").wait();
    app.update(Action::Tick);
    assert!(!app.busy());
}

/// The names of the speakers the filter shows.
fn filter_names(app: &App) -> Vec<String> {
    let filter = app.view.filter.as_ref().expect("a filter");
    filter
        .ids()
        .map(|id| app.archive.speaker(id).to_owned())
        .collect()
}

/// A copy of sample-logs/ in a temporary folder of the test's own.
fn sample_copy(name: &str) -> TempDir {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }
    let dir = TempDir::new(name);
    copy(&sample(), dir.path());
    dir
}

/// Types `:COMMAND`, Enter: the notice it leaves.
fn command(app: &mut App, command: &str) -> String {
    type_str(app, &format!(":{command}"));
    press(app, [enter()]);
    carry_out_exports(app);
    app.view.notice.clone().unwrap_or_default()
}

/// Carries out the exports the app asked for and tells it how they went, as the terminal
/// loop does. (Opening and copying stay asked: here they would reach this machine's
/// desktop and terminal.)
fn carry_out_exports(app: &mut App) {
    for effect in std::mem::take(&mut app.effects) {
        match effect {
            export @ Effect::Export(_) => {
                if let Some(said) = chatlog::effects::carry_out(export) {
                    app.update(Action::Say(said));
                }
            }
            other => app.effects.push(other),
        }
    }
}

/// The shown messages of the open day as (speaker, text).
fn shown_messages(app: &App) -> Vec<(String, String)> {
    let day = app.day();
    let shown = app.derived.shown.iter().map(|&i| &day.messages[i]);
    shown
        .map(|m| {
            (
                app.archive.speaker(m.speaker).to_owned(),
                day.body(m).to_owned(),
            )
        })
        .collect()
}

fn code(c: KeyCode) -> Event {
    Event::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

/// The sample's prodarch group on 2018-03-05 (158 messages).
fn prodarch_0305(width: u16, height: u16) -> App {
    let mut app = sample_app(width, height);
    type_str(&mut app, ":2018-03-05");
    press(&mut app, [enter()]);
    app
}

/// Messages in the open group, all days.
fn group_messages(app: &App) -> usize {
    app.archive
        .group_days(app.view.group)
        .iter()
        .map(|d| d.messages.len())
        .sum()
}

fn cursor(app: &App) -> String {
    match &app.overlay {
        Some(Overlay::Calendar(c)) => c.cursor.to_string(),
        other => panic!("calendar not open: {other:?}"),
    }
}

/// The box drawn with `title` on its top border.
fn box_titled(buf: &Buffer, title: &str) -> Rect {
    let (w, h) = (buf.area.width, buf.area.height);
    let (x, y) = (0..h)
        .find_map(|y| {
            let row = row_text(buf, y);
            let at = row.find(&format!("┌{title}"))?;
            Some((row[..at].width() as u16, y))
        })
        .unwrap_or_else(|| panic!("no box titled {title:?}:\n{}", screen(buf)));
    let right = (x + 1..w).find(|&cx| buf[(cx, y)].symbol() == "┐").unwrap();
    let bottom = (y + 1..h).find(|&cy| buf[(x, cy)].symbol() == "└").unwrap();
    Rect::new(x, y, right + 1 - x, bottom + 1 - y)
}

/// Where `text` starts on the screen.
fn find(buf: &Buffer, text: &str) -> Option<Position> {
    (0..buf.area.height).find_map(|y| {
        let row = row_text(buf, y);
        let at = row.find(text)?;
        Some(Position::new(row[..at].width() as u16, y))
    })
}
