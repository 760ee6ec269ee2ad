//! The reader without a terminal: actions drive `update`, ratatui's TestBackend shows what
//! `render` draws, and every frame is checked for straight borders and whole wide chars.

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

/// Feeds events through the keymap into `update`, as the event loop does.
fn press(app: &mut App, events: impl IntoIterator<Item = Event>) {
    for e in events {
        if let Some(a) = app.action_for(&e) {
            app.update(a);
        }
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
                    assert_eq!(
                        inside(x),
                        inside(x + 1),
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

#[test]
fn borders_straight_at_every_width_on_real_days() {
    let archive = real_or_sample();
    // The busiest day of each group, and a day with long URLs.
    let mut days: Vec<usize> = archive
        .groups
        .iter()
        .filter_map(|g| {
            g.days
                .clone()
                .max_by_key(|&d| archive.days[d].messages.len())
        })
        .collect();
    days.extend(
        archive
            .days
            .iter()
            .position(|d| d.text.contains("mso-height-source")),
    );
    for width in [20, 21, 41, 59, 60, 61, 79, 80, 97, 120, 200, 300] {
        let mut app = App::new(archive.clone(), Size::new(width, 30));
        for &day in &days {
            // As a reader gets there: the day's group, then its date.
            let d = &archive.days[day];
            type_str(&mut app, &format!(":group {}", archive.group(d.group).path));
            press(&mut app, [enter()]);
            type_str(&mut app, &format!(":{}", d.date));
            press(&mut app, [enter()]);
            assert_eq!(app.view.day, day);
            assert_eq!(app.derived.shown.len(), d.messages.len());
            for _ in 0..12 {
                assert_exact(&app, &draw(&app));
                app.update(Action::ScrollPage(1));
            }
        }
    }
}

#[test]
fn control_characters_reach_the_screen_inert() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/hostile");
    let mut app = app_at(&dir, 80, 24);
    app.update(Action::Resize(Size::new(80, 24)));
    let buf = draw(&app);
    assert_exact(&app, &buf);
    let text = screen(&buf);
    assert!(text.contains("␛]0;pwned␇"), "{text}");
    assert!(text.contains("␛]52;c;"), "{text}");
    assert!(text.contains("␐"), "{text}");
}

#[test]
fn snapshots_at_reference_widths() {
    for width in [41, 79, 80, 120] {
        let mut app = sample_app(width, 24);
        type_str(&mut app, ":2018-03-05");
        press(&mut app, [enter()]);
        type_str(&mut app, "/支付");
        press(&mut app, [enter()]);
        let buf = draw(&app);
        assert_exact(&app, &buf);
        insta::assert_snapshot!(format!("prodarch_2018_03_05_w{width}"), screen(&buf));
    }
}

#[test]
fn scrolling_actions() {
    let mut app = sample_app(80, 24);
    type_str(&mut app, ":2018-03-05");
    press(&mut app, [enter()]);
    assert_eq!(app.view.scroll.pos, 0);
    app.update(Action::ScrollLines(1));
    let after_one = app.view.scroll;
    assert!(after_one.pos == 1 || after_one.row == 1, "{after_one:?}");
    app.update(Action::ScrollLines(-1));
    assert_eq!((app.view.scroll.pos, app.view.scroll.row), (0, 0));
    app.update(Action::ScrollLines(-5));
    assert_eq!(app.view.scroll.pos, 0, "never above the top");
    app.update(Action::ScrollPage(1));
    let page = app.view.scroll;
    app.update(Action::ScrollHalfPage(1));
    assert!(app.view.scroll > page);
    app.update(Action::ScrollHalfPage(-1));
    assert_eq!(app.view.scroll, page);
    app.update(Action::Bottom);
    let bottom = app.view.scroll;
    assert!(bottom.pos > 0);
    app.update(Action::ScrollLines(10));
    assert_eq!(app.view.scroll, bottom, "never below the bottom");
    // At the bottom the last message's last row is on the last text row.
    let buf = draw(&app);
    let panes = app.panes();
    let last_row = row_text(&buf, panes.text.bottom() - 1);
    assert!(
        !last_row
            .trim_matches(|c| c == '│' || c == ' ' || c == '║' || c == '█')
            .is_empty()
    );
    app.update(Action::Top);
    assert_eq!(app.view.scroll.pos, 0);
    app.update(Action::Wheel(Position::new(50, 5), 1));
    assert!(app.view.scroll.pos > 0 || app.view.scroll.row > 0);
}

/// Wrapped rows depend on the day and the width alone: typing a search keeps them, a new
/// width lays them out again.
#[test]
fn typing_a_search_keeps_the_wrapped_rows() {
    let mut app = sample_app(100, 30);
    let width = app.panes().text.width as usize;
    let first = app.layout(0, width).rows;
    type_str(&mut app, "/的");
    assert!(std::rc::Rc::ptr_eq(&first, &app.layout(0, width).rows));
    app.update(Action::Resize(Size::new(80, 30)));
    let width = app.panes().text.width as usize;
    assert!(!std::rc::Rc::ptr_eq(&first, &app.layout(0, width).rows));
}

#[test]
fn resize_keeps_the_top_message() {
    let mut app = sample_app(120, 30);
    type_str(&mut app, ":2018-03-05");
    press(&mut app, [enter()]);
    app.update(Action::ScrollPage(1));
    app.update(Action::ScrollPage(1));
    let top = app.view.scroll.pos;
    app.update(Action::Resize(Size::new(41, 30)));
    assert_eq!(app.view.scroll.pos, top);
    let buf = draw(&app);
    assert_exact(&app, &buf);
    app.update(Action::Resize(Size::new(200, 60)));
    assert_eq!(app.view.scroll.pos, top);
}

#[test]
fn resize_wider_keeps_a_top_inside_a_long_message_on_screen() {
    let mut app = sample_app(41, 30);
    type_str(&mut app, ":2018-03-05");
    press(&mut app, [enter()]);
    let pos = (0..app.derived.shown.len())
        .find(|&p| app.layout(p, 39).height() > 4)
        .expect("a message of several rows at 41 columns");
    app.view.scroll.pos = pos;
    app.update(Action::ScrollLines(3));
    assert_eq!((app.view.scroll.pos, app.view.scroll.row), (pos, 3));
    app.update(Action::Resize(Size::new(200, 30)));
    let rows = app.layout(pos, app.panes().text.width as usize).height();
    assert_eq!(app.view.scroll.pos, pos);
    assert!(
        app.view.scroll.row < rows,
        "{:?} of {rows}",
        app.view.scroll
    );
    // The message is really on the first text row.
    let buf = draw(&app);
    let first = row_text(&buf, app.panes().text.y);
    assert!(
        !first.trim_matches(['│', ' ', '║', '█']).is_empty(),
        "{first}"
    );
}

#[test]
fn tabs_are_drawn_where_they_were_measured() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/tabs");
    for width in [41, 80, 81, 82, 83, 120] {
        let app = app_at(&dir, width, 24);
        let buf = draw(&app);
        assert_exact(&app, &buf);
        let text = screen(&buf);
        assert!(text.contains("WXYZ"), "width {width}:\n{text}");
        assert!(text.contains("末尾"), "width {width}:\n{text}");
    }
}

#[test]
fn day_actions() {
    let mut app = sample_app(100, 30);
    let group = app.archive.group(app.view.group).clone();
    assert_eq!(app.view.day, group.days.end - 1, "opens on the latest day");
    app.update(Action::NextDay);
    assert_eq!(app.view.notice.as_deref(), Some("last day of the group"));
    app.update(Action::PrevDay);
    assert_eq!(app.view.day, group.days.end - 2);
    app.update(Action::FirstDay);
    assert_eq!(app.view.day, group.days.start);
    app.update(Action::LastDay);
    assert_eq!(app.view.day, group.days.end - 1);
    press(&mut app, [key('['), key('[')]);
    assert_eq!(app.view.day, group.days.end - 3);
    press(&mut app, [key(']')]);
    assert_eq!(app.view.day, group.days.end - 2);
}

#[test]
fn day_list_keys_and_clicks() {
    let mut app = sample_app(100, 30);
    app.update(Action::FocusNext);
    assert_eq!(app.view.focus, Focus::Days);
    let first = app.archive.group(app.view.group).days.start;
    press(&mut app, [key('g')]);
    assert_eq!(app.view.day, first);
    press(&mut app, [key('j')]);
    assert_eq!(app.view.day, first + 1);
    press(&mut app, [key('k')]);
    assert_eq!(app.view.day, first);
    press(&mut app, [enter()]);
    assert_eq!(app.view.focus, Focus::Messages);
    // Click the third row of the day list.
    let list = app.panes().days.unwrap();
    app.update(Action::Click(Position::new(list.x + 2, list.y + 3)));
    assert_eq!(app.view.day, first + 2);
    assert_eq!(app.view.focus, Focus::Days);
    app.update(Action::Click(Position::new(list.right() + 5, list.y + 3)));
    assert_eq!(app.view.focus, Focus::Messages);
}

#[test]
fn goto_dates_and_commands() {
    let mut app = sample_app(100, 30);
    let date = |app: &App| app.day().date.to_string();
    for (input, expect, notice) in [
        ("2018-03-06", "2018-03-06", false),
        ("2018-03", "2018-03-04", false),
        ("03-05", "2018-03-05", false),
        ("2018-03-01", "2018-03-04", true),
        ("2030-01-01", "2018-03-07", true),
        ("first", "2018-03-04", false),
        ("last", "2018-03-07", false),
    ] {
        type_str(&mut app, &format!(":{input}"));
        press(&mut app, [enter()]);
        assert_eq!(date(&app), expect, "{input}");
        assert_eq!(
            app.view.notice.is_some(),
            notice,
            "{input}: {:?}",
            app.view.notice
        );
    }
    type_str(&mut app, ":group proddev");
    press(&mut app, [enter()]);
    assert_eq!(app.archive.group(app.view.group).name, "proddev");
    type_str(&mut app, ":nonsense");
    press(&mut app, [enter()]);
    assert!(app.view.notice.as_deref().unwrap().contains("nonsense"));
}

#[test]
fn incremental_search_and_hits() {
    let mut app = sample_app(100, 30);
    type_str(&mut app, ":2018-03-05");
    press(&mut app, [enter()]);
    press(&mut app, [key('/')]);
    assert!(matches!(app.overlay, Some(Overlay::Prompt(_))));
    type_str(&mut app, "支");
    let partial = app.derived.hits.len();
    type_str(&mut app, "付");
    let full = app.derived.hits.len();
    assert!(partial >= full && full > 2, "{partial} {full}");
    // Every hit really is in the text it points to.
    let day = app.day();
    for h in &app.derived.hits {
        let msg = &day.messages[app.derived.shown[h.pos]];
        let text = if h.in_name {
            app.archive.speaker(msg.speaker).to_owned()
        } else {
            chatlog::rows::display_body(day, msg).into_owned()
        };
        assert_eq!(&text[h.range.clone()], "支付");
    }
    press(&mut app, [enter()]);
    assert_eq!(app.overlay, None);
    assert_eq!(app.view.hit, 0);
    press(&mut app, [key('n')]);
    assert_eq!(app.view.hit, 1);
    press(&mut app, [key('N'), key('N')]);
    assert_eq!(app.view.hit, full - 1);
    assert_eq!(
        app.view.notice.as_deref(),
        Some("search wrapped to the bottom")
    );
    press(&mut app, [key('n')]);
    assert_eq!(app.view.hit, 0);
    assert_eq!(
        app.view.notice.as_deref(),
        Some("search wrapped to the top")
    );
    // The current hit is on screen, drawn in its own style.
    let buf = draw(&app);
    let current = app.settings.theme.current_hit;
    let drawn = (0..buf.area.height)
        .any(|y| (0..buf.area.width).any(|x| buf[(x, y)].style().bg == current.bg));
    assert!(drawn);
    press(
        &mut app,
        [Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE))],
    );
    assert!(app.view.day_search.is_none() && app.derived.hits.is_empty());
}

#[test]
fn search_is_smart_case_and_backspace_and_cancel_work() {
    let mut app = sample_app(100, 30);
    type_str(&mut app, ":2018-03-05");
    press(&mut app, [enter()]);
    type_str(&mut app, "/java");
    let lower = app.derived.hits.len();
    press(
        &mut app,
        [Event::Key(KeyEvent::new(
            KeyCode::Backspace,
            KeyModifiers::NONE,
        ))],
    );
    assert_eq!(app.view.day_search.as_ref().unwrap().query, "jav");
    type_str(&mut app, "a");
    assert_eq!(app.derived.hits.len(), lower);
    press(
        &mut app,
        [Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE))],
    );
    assert!(
        app.view.day_search.is_none(),
        "Esc in the prompt cancels the search"
    );
    type_str(&mut app, "/JAVA");
    assert!(app.derived.hits.len() <= lower);
}

/// The status line: the last row of the screen.
fn status_row(app: &App) -> String {
    let buf = draw(app);
    row_text(&buf, buf.area.height - 1)
}

#[test]
fn status_line_keeps_the_hit_count_beside_a_long_filter_and_a_long_query() {
    let mut app = sample_app(80, 24);
    type_str(&mut app, ":2018-03-05");
    press(&mut app, [enter()]);
    let down = Event::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
    press(
        &mut app,
        [
            key('s'),
            key(' '),
            down.clone(),
            key(' '),
            down,
            key(' '),
            enter(),
        ],
    );
    assert_eq!(app.view.filter.as_ref().map(|f| f.len()), Some(3));
    type_str(&mut app, "/的");
    press(&mut app, [enter()]);
    let hits = app.derived.hits.len();
    assert!(hits > 0);
    let status = status_row(&app);
    assert!(status.contains(&format!("/的 1/{hits}")), "{status}");
    assert!(status.contains("filter: 3 speakers"), "{status}");
    assert_eq!(status.width(), 80);
    // A query longer than the line: its end and the count stay in view.
    type_str(&mut app, "/");
    type_str(&mut app, &"abcdefghij".repeat(9));
    type_str(&mut app, "END");
    let status = status_row(&app);
    assert!(status.contains("END▏  0/0"), "{status}");
    assert!(status.contains('…'), "{status}");
    assert_eq!(status.width(), 80);
}

#[test]
fn speaker_filter() {
    let mut app = sample_app(100, 30);
    type_str(&mut app, ":2018-03-05");
    press(&mut app, [enter()]);
    let all = app.derived.shown.len();
    press(&mut app, [key('s')]);
    let Some(Overlay::Speakers(picker)) = &app.overlay else {
        panic!("picker open")
    };
    let entries = picker.entries(&app.archive);
    let (top, top_count) = entries[0];
    let (second, second_count) = entries[1];
    // Space ticks the row under the cursor; Down moves; Enter applies.
    press(
        &mut app,
        [
            key(' '),
            Event::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE)),
            key(' '),
            enter(),
        ],
    );
    let filter = app.view.filter.clone().unwrap();
    assert_eq!(filter.ids().count(), 2);
    assert_eq!(app.derived.shown.len(), top_count + second_count);
    let day = app.day();
    assert!(
        app.derived
            .shown
            .iter()
            .all(|&i| [top, second].contains(&day.messages[i].speaker))
    );
    // The filter stays on the next day.
    press(&mut app, [key(']')]);
    let day = app.day();
    assert!(
        app.derived
            .shown
            .iter()
            .all(|&i| [top, second].contains(&day.messages[i].speaker))
    );
    // Search runs over what is shown.
    type_str(&mut app, "/的");
    press(&mut app, [enter()]);
    assert!(
        app.derived
            .hits
            .iter()
            .all(|h| h.pos < app.derived.shown.len())
    );
    press(&mut app, [key('S')]);
    assert!(app.view.filter.is_none());
    press(&mut app, [key('[')]);
    assert_eq!(app.derived.shown.len(), all);
}

#[test]
fn picker_narrows_and_switches_scope() {
    let mut app = sample_app(100, 30);
    press(&mut app, [key('s')]);
    let Some(Overlay::Speakers(p)) = &app.overlay else {
        panic!()
    };
    let day_total: usize = p.entries(&app.archive).iter().map(|e| e.1).sum();
    assert_eq!(day_total, app.day().messages.len());
    press(
        &mut app,
        [Event::Key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE))],
    );
    let Some(Overlay::Speakers(p)) = &app.overlay else {
        panic!()
    };
    assert!(p.whole_group);
    let group_total: usize = p.entries(&app.archive).iter().map(|e| e.1).sum();
    assert_eq!(group_total, group_messages(&app));
    type_str(&mut app, "中金");
    let Some(Overlay::Speakers(p)) = &app.overlay else {
        panic!()
    };
    let names: Vec<String> = p
        .entries(&app.archive)
        .iter()
        .map(|e| app.archive.speaker(e.0).to_lowercase())
        .collect();
    assert!(
        !names.is_empty() && names.iter().all(|n| n.contains("中金")),
        "{names:?}"
    );
    let buf = draw(&app);
    assert!(screen(&buf).contains("narrow: 中金"));
    press(
        &mut app,
        [Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE))],
    );
    assert_eq!(app.overlay, None);
    assert!(app.view.filter.is_none(), "Esc applies nothing");
}

#[test]
fn groups_picker_help_and_quit() {
    let mut app = sample_app(100, 30);
    let date = app.day().date;
    press(&mut app, [key('c')]);
    assert!(matches!(app.overlay, Some(Overlay::Groups(_))));
    let text = screen(&draw(&app));
    assert!(
        text.contains("devarch                      4 days"),
        "{text}"
    );
    assert!(
        text.contains("prodrd                       1 day "),
        "{text}"
    );
    press(
        &mut app,
        [
            Event::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE)),
            enter(),
        ],
    );
    assert_eq!(app.view.group.0, 2);
    assert!(
        app.day().date >= date || app.view.day + 1 == app.archive.group(app.view.group).days.end
    );
    press(
        &mut app,
        [
            key('c'),
            Event::Key(KeyEvent::new(KeyCode::Up, KeyModifiers::NONE)),
            enter(),
        ],
    );
    assert_eq!(app.view.group.0, 1);
    press(&mut app, [key('?')]);
    assert_eq!(app.overlay, Some(Overlay::Help(Help { top: 0 })));
    let text = screen(&draw(&app));
    // The help lists the keymap table; j scrolls it to show the rest.
    for b in chatlog::keymap::BINDINGS.iter().take(10) {
        assert!(text.contains(b.help), "help lacks {:?}", b.help);
    }
    press(&mut app, [key('j'), key('j')]);
    assert_eq!(app.overlay, Some(Overlay::Help(Help { top: 2 })));
    press(&mut app, [key('k')]);
    assert_eq!(app.overlay, Some(Overlay::Help(Help { top: 1 })));
    press(&mut app, [key('x')]);
    assert_eq!(
        app.overlay,
        Some(Overlay::Help(Help { top: 1 })),
        "other keys do nothing in the help"
    );
    press(&mut app, [key('q')]);
    assert_eq!(app.overlay, None);
    assert!(!app.view.quit, "q closes the help, not the reader");
    press(&mut app, [key('q')]);
    assert!(app.view.quit);
    let mut app = sample_app(100, 30);
    press(
        &mut app,
        [Event::Key(KeyEvent::new(
            KeyCode::Char('c'),
            KeyModifiers::CONTROL,
        ))],
    );
    assert!(app.view.quit);
}

#[test]
fn switching_to_a_group_without_the_date_says_which_day_it_shows() {
    let mut app = app_at(&sample(), 100, 30);
    assert_eq!(app.day().date.to_string(), "2018-03-07");
    type_str(&mut app, ":group prodrd");
    press(&mut app, [enter()]);
    assert_eq!(app.day().date.to_string(), "2019-03-15");
    assert_eq!(
        app.view.notice.as_deref(),
        Some("prodrd has no log for 2018-03-07: showing 2019-03-15")
    );
    type_str(&mut app, ":group devarch");
    press(&mut app, [enter()]);
    assert_eq!(app.day().date.to_string(), "2018-03-07", "its last day");
}

#[test]
fn ctrl_c_quits_from_help_prompts_and_pickers() {
    let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    for opener in ["?", "/", ":", "s", "c"] {
        let mut app = sample_app(100, 30);
        type_str(&mut app, opener);
        assert_ne!(app.overlay, None, "{opener} opens something");
        press(&mut app, [ctrl_c.clone()]);
        assert!(app.view.quit, "Ctrl-c after {opener}");
    }
}

#[test]
fn help_scrolls_no_further_than_its_last_line() {
    let mut app = sample_app(80, 24);
    press(&mut app, [key('?')]);
    press(&mut app, std::iter::repeat_n(key('j'), 200));
    let Some(Overlay::Help(Help { top })) = app.overlay else {
        panic!("help open")
    };
    let lines = chatlog::app::overlay::help::lines(&app.settings.keymap);
    // 24 rows: the box is 24 high, 22 inside.
    assert_eq!(top, lines.len() - 22);
    let text = screen(&draw(&app));
    assert!(text.contains(&lines.last().unwrap().0), "{text}");
    // As in less: g the top, Space a page on, G the end.
    press(&mut app, [key('g')]);
    assert_eq!(app.overlay, Some(Overlay::Help(Help { top: 0 })));
    press(&mut app, [key(' ')]);
    assert_eq!(app.overlay, Some(Overlay::Help(Help { top: 22 })));
    press(&mut app, [key('G')]);
    assert_eq!(
        app.overlay,
        Some(Overlay::Help(Help {
            top: lines.len() - 22
        }))
    );
    // The wheel scrolls the help, three lines a notch, and not the day beneath it.
    let day_scroll = app.view.scroll;
    app.update(Action::Wheel(Position::new(40, 10), -1));
    assert_eq!(
        app.overlay,
        Some(Overlay::Help(Help {
            top: lines.len() - 25
        }))
    );
    assert_eq!(app.view.scroll, day_scroll);
}

/// Every `:` command help lists is one `:` understands, and help shows them after the keys.
#[test]
fn help_lists_the_colon_commands_and_each_is_understood() {
    let out = TempDir::new("commands");
    let file = out.path().join("day.md");
    let example = |word: &str| match word {
        ":DATE" => ":2018-03-06".to_owned(),
        ":group" => ":group prodrd".to_owned(),
        ":search" => ":search 代扣".to_owned(),
        ":export" => format!(":export! {}", file.display()),
        _ => word.to_owned(),
    };
    for command in chatlog::app::command::COMMANDS {
        for word in command.usage.split(' ').filter(|w| w.starts_with(':')) {
            let mut app = sample_app(100, 30);
            type_str(&mut app, &example(word));
            press(&mut app, [enter()]);
            let notice = app.view.notice.clone().unwrap_or_default();
            assert!(
                !notice.starts_with("not a date or command"),
                "{word}: {notice}"
            );
        }
    }
    let mut app = sample_app(80, 24);
    press(&mut app, [key('?')]);
    press(&mut app, std::iter::repeat_n(key('j'), 200));
    let text = screen(&draw(&app));
    assert!(text.contains("commands, typed after :"), "{text}");
    assert!(
        text.contains(":export FILE      save the day as shown (export! overwrites)"),
        "{text}"
    );
}

#[test]
fn narrow_terminal_collapses_the_day_list() {
    let app = sample_app(50, 20);
    assert!(app.panes().days.is_none());
    let buf = draw(&app);
    assert_exact(&app, &buf);
    assert_eq!(buf[(0, 0)].symbol(), "┌");
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

#[test]
fn archive_wide_search_lists_every_match_newest_first_and_opens_it() {
    let mut app = sample_app(100, 30);
    find_all(&mut app, "支付");
    assert_eq!(app.overlay, Some(Overlay::Results(Default::default())));
    let group = app.view.group;
    let expected = chatlog::search::search_archive(
        &app.archive,
        &chatlog::search::Matcher::new("支付", false).unwrap(),
        &chatlog::search::Scope {
            group: Some(group),
            ..Default::default()
        },
    );
    let find = app.archive_search.as_ref().unwrap();
    assert_eq!(find.found.len(), expected.len());
    assert!(find.found.len() > 40, "{}", find.found.len());
    let dates: Vec<_> = find
        .found
        .iter()
        .map(|h| app.archive.days[h.day].date)
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");
    // A wheel notch down is three results; one up, back at the first.
    app.update(Action::Wheel(Position::new(50, 5), 1));
    assert_eq!(app.archive_search.as_ref().unwrap().cursor, 3);
    app.update(Action::Wheel(Position::new(50, 5), -1));
    assert_eq!(app.archive_search.as_ref().unwrap().cursor, 0);
    // The third result, opened: its day, its message, the query highlighted there.
    press(&mut app, [key('j'), key('j'), enter()]);
    let chosen = app.archive_search.as_ref().unwrap().found[2];
    assert_eq!(app.overlay, None);
    assert_eq!(app.view.day, chosen.day);
    let search = app
        .view
        .day_search
        .as_ref()
        .expect("the query is highlighted");
    assert_eq!(search.query, "支付");
    let current = &app.derived.hits[app.view.hit];
    assert_eq!(app.derived.shown[current.pos], chosen.message);
    let screen = screen(&draw(&app));
    assert!(screen.contains("/支付"), "{screen}");
}

#[test]
fn n_goes_on_to_the_next_day_with_a_match() {
    let mut app = sample_app(100, 30);
    find_all(&mut app, "支付");
    press(&mut app, [key('o')]); // oldest first
    finish_find(&mut app);
    let first = app.archive_search.as_ref().unwrap().found[0];
    press(&mut app, [enter()]);
    assert_eq!(app.view.day, first.day);
    let in_day = app.derived.hits.len();
    let left = in_day - app.view.hit;
    press(&mut app, std::iter::repeat_n(key('n'), left));
    assert!(app.view.day > first.day, "moved on to a later day");
    assert_eq!(app.view.hit, 0);
    assert!(
        app.view
            .notice
            .as_deref()
            .is_some_and(|n| n.contains("the next day with a match")),
        "{:?}",
        app.view.notice
    );
    press(&mut app, [key('N')]);
    assert_eq!(app.view.day, first.day, "N goes back");
    assert_eq!(app.view.hit, in_day - 1);
}

#[test]
fn results_toggle_groups_regex_and_order_and_close() {
    let mut app = sample_app(100, 30);
    find_all(&mut app, "支付");
    let in_group = app.archive_search.as_ref().unwrap().found.len();
    press(&mut app, [key('a')]);
    finish_find(&mut app);
    let everywhere = app.archive_search.as_ref().unwrap();
    assert!(everywhere.query.all_groups);
    assert!(everywhere.found.len() > in_group);
    let groups: std::collections::BTreeSet<_> = everywhere
        .found
        .iter()
        .map(|h| app.archive.days[h.day].group)
        .collect();
    assert!(groups.len() > 1);
    // A regular expression: 支.宝 finds 支付宝 and nothing literal does.
    press(&mut app, [key('q')]);
    find_all(&mut app, "支.宝");
    assert!(app.archive_search.as_ref().unwrap().found.is_empty());
    press(&mut app, [key('r')]);
    finish_find(&mut app);
    assert!(app.archive_search.as_ref().unwrap().query.regex);
    assert!(!app.archive_search.as_ref().unwrap().found.is_empty());
    press(
        &mut app,
        [Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE))],
    );
    assert_eq!(app.overlay, None);
    // F and an empty Enter show the last results again; :search runs one.
    press(&mut app, [key('F'), enter()]);
    assert_eq!(app.overlay, Some(Overlay::Results(Default::default())));
    press(&mut app, [key('q')]);
    type_str(&mut app, ":search 架构");
    press(&mut app, [enter()]);
    finish_find(&mut app);
    assert_eq!(app.archive_search.as_ref().unwrap().query.text, "架构");
    // A bad regular expression says so.
    press(&mut app, [key('q')]);
    find_all(&mut app, "(");
    press(&mut app, [key('r')]);
    assert!(
        app.view
            .notice
            .as_deref()
            .is_some_and(|n| n.starts_with("bad regular expression")),
        "{:?}",
        app.view.notice
    );
}

#[test]
fn results_snapshots() {
    for (width, height) in [(80, 24), (160, 48)] {
        let mut app = sample_app(width, height);
        find_all(&mut app, "支付");
        press(&mut app, [key('j')]);
        let buf = draw(&app);
        assert_exact(&app, &buf);
        let text = screen(&buf);
        assert!(text.contains("find 支付 · 2/"), "{text}");
        insta::assert_snapshot!(format!("results_w{width}"), text);
    }
}

#[test]
fn v_selects_a_message_and_o_and_y_act_on_it() {
    let mut app = sample_app(100, 30);
    type_str(&mut app, ":2018-03-05");
    press(&mut app, [enter()]);
    // Without a selection, y takes the message at the top.
    press(&mut app, [key('y')]);
    let top = app.day().messages[app.derived.shown[0]];
    let top_body = app.day().body(&top).to_owned();
    assert_eq!(app.effects, [Effect::Copy(top_body)]);
    app.effects.clear();
    press(&mut app, [key('v'), key('j'), key('j')]);
    assert_eq!(app.view.selected, Some(2));
    let screen_text = screen(&draw(&app));
    let third = app.day().messages[app.derived.shown[2]];
    assert!(
        screen_text.contains(&third.time.to_string()),
        "{screen_text}"
    );
    // The selected message is marked on each of its rows, header and body, and only there.
    let buf = draw(&app);
    let text = app.panes().text;
    let marked: Vec<u16> = (text.top()..text.bottom())
        .filter(|&y| buf[(text.x, y)].modifier.contains(Modifier::REVERSED))
        .collect();
    let height = app.layout(2, text.width as usize).height() as u16;
    assert!(height > 1, "the third message has a body");
    assert_eq!(marked.len() as u16, height, "{marked:?}");
    assert_eq!(
        marked[marked.len() - 1] - marked[0] + 1,
        height,
        "{marked:?}"
    );
    press(&mut app, [key('y')]);
    let third_body = app.day().body(&third).to_owned();
    assert_eq!(app.effects, [Effect::Copy(third_body)]);
    assert!(app.view.notice.as_deref().unwrap().starts_with("copied"));
    app.effects.clear();
    // o on a message without a link says so; on an image it opens the image's URL.
    let plain = (0..app.derived.shown.len())
        .find(|&p| {
            !app.day()
                .body(&app.day().messages[app.derived.shown[p]])
                .contains("http")
        })
        .unwrap();
    app.view.selected = Some(plain);
    press(&mut app, [key('o')]);
    assert!(app.effects.is_empty());
    assert_eq!(
        app.view.notice.as_deref(),
        Some("no link or image in this message")
    );
    let image = (0..app.derived.shown.len())
        .find(|&p| app.day().messages[app.derived.shown[p]].kind == chatlog::model::Kind::Image)
        .expect("the day has an image");
    app.view.selected = Some(image);
    press(&mut app, [key('o')]);
    let [Effect::Open(url)] = app.effects.as_slice() else {
        panic!("{:?}", app.effects)
    };
    assert!(url.starts_with("http://static.cocolian.org/img/"), "{url}");
    assert!(url.ends_with(".png"), "{url}");
    // Esc ends the selection; moving to another day does too.
    press(
        &mut app,
        [Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE))],
    );
    assert_eq!(app.view.selected, None);
    press(&mut app, [key('v'), key(']')]);
    assert_eq!(app.view.selected, None);
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

#[test]
fn a_reload_keeps_the_place_filter_and_search_and_shows_the_new_day() {
    let copy = sample_copy("reload");
    let dir = copy.path();
    let mut app = app_at(dir, 100, 30);
    type_str(&mut app, ":group prodarch");
    press(&mut app, [enter()]);
    type_str(&mut app, ":2018-03-05");
    press(&mut app, [enter()]);
    press(&mut app, [key('s'), key(' '), enter()]);
    let before = filter_names(&app);
    type_str(&mut app, "/的");
    press(&mut app, [enter()]);
    app.update(Action::ScrollLines(3));
    let (scroll, shown, days) = (
        app.view.scroll,
        app.derived.shown.len(),
        app.archive.group(app.view.group).days.len(),
    );
    // A new day arrives in the group's folder.
    let new_day = dir.join("prodarch/_posts/2018-03-08-chat.markdown");
    std::fs::write(
        &new_day,
        "---\ntitle: \"2018-03-08-WeChat\"\n---\n> 09:00:00  新人  \n   \n大家好  \n",
    )
    .unwrap();
    let (archive, _) = load(dir).unwrap();
    app.update(Action::Reload(Shared(Arc::new(archive))));
    assert_eq!(app.archive.group(app.view.group).name, "prodarch");
    assert_eq!(app.day().date.to_string(), "2018-03-05");
    assert_eq!(app.view.scroll, scroll);
    assert_eq!(app.derived.shown.len(), shown, "the same filter");
    assert_eq!(filter_names(&app), before);
    assert_eq!(app.view.day_search.as_ref().unwrap().query, "的");
    assert_eq!(app.archive.group(app.view.group).days.len(), days + 1);
    assert_eq!(
        app.view.notice.as_deref(),
        Some("the archive changed: reloaded, 1 new day")
    );
    let text = screen(&draw(&app));
    assert!(text.contains("2018-03-08 Thu     1"), "{text}");
}

/// The pointer never reaches the panes under an overlay: the wheel over the day list does
/// not change the day, nor a click the focus or the day.
#[test]
fn the_wheel_and_clicks_under_an_overlay_leave_the_day_alone() {
    for opener in ["i", "C", "s", "c", "/"] {
        let mut app = sample_app(100, 30);
        type_str(&mut app, ":2018-03-06");
        press(&mut app, [enter()]);
        type_str(&mut app, opener);
        let (day, overlay) = (app.view.day, app.overlay.clone());
        let list = app.panes().days.expect("a day list at 100 columns");
        let on_list = Position::new(list.x + 2, list.y + 2);
        app.update(Action::Wheel(on_list, 1));
        app.update(Action::Wheel(on_list, -1));
        app.update(Action::Click(on_list));
        assert_eq!(app.view.day, day, "under {opener}");
        assert_eq!(app.overlay, overlay, "under {opener}");
    }
}

/// A reload under each overlay, to a smaller archive: whatever the overlay held of the old
/// archive (days, speakers, groups, a position) is counted again or let go, never used.
#[test]
fn a_reload_under_any_overlay_leaves_nothing_of_the_old_archive() {
    let tab = Event::Key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    let down = Event::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
    let openers: [&[Event]; 7] = [
        &[key('i')],
        &[key('i'), tab.clone()],
        &[key('C')],
        &[key('s'), down.clone(), key(' ')],
        &[key('c'), down.clone(), down.clone(), down],
        &[key('/'), key('的')],
        &[key('?'), key('G')],
    ];
    let smaller = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/tabs");
    for opener in openers {
        let mut app = sample_app(100, 30);
        type_str(&mut app, ":2018-03-07");
        press(&mut app, [enter()]);
        app.update(Action::ScrollLines(5));
        press(&mut app, opener.iter().cloned());
        assert_ne!(app.overlay, None, "{opener:?}");
        let (archive, _) = load(&smaller).unwrap();
        app.update(Action::Reload(Shared(Arc::new(archive))));
        let text = screen(&draw(&app));
        match &app.overlay {
            Some(Overlay::Activity(activity)) => {
                assert_eq!(
                    (activity.group, activity.day),
                    (app.view.group, app.view.day)
                );
                let total: usize = activity.speakers.iter().map(|s| s.1).sum();
                assert_eq!(total, app.archive.message_count(), "{text}");
            }
            Some(Overlay::Calendar(calendar)) => {
                let days = app.archive.group_days(app.view.group);
                let counted = chatlog::app::overlay::calendar::Calendar::new(days, calendar.cursor);
                assert_eq!(calendar.quartiles, counted.quartiles);
            }
            Some(Overlay::Speakers(picker)) => {
                let total: usize = picker.counts.iter().map(|s| s.1).sum();
                assert_eq!(total, app.day().messages.len(), "{text}");
                let known =
                    |id: &chatlog::model::SpeakerId| (id.0 as usize) < app.archive.speakers.len();
                assert!(picker.chosen.iter().all(known), "{text}");
            }
            Some(Overlay::Groups(picker)) => {
                assert!(picker.cursor < app.archive.groups.len(), "{text}")
            }
            Some(Overlay::Prompt(_) | Overlay::Help(_)) => {}
            other => panic!("{other:?} outlived the archive it was opened on"),
        }
        // The keys of the overlay (or of the reader) work on the new archive.
        press(&mut app, [tab.clone(), key('j'), key('G'), enter()]);
        draw(&app);
    }
}

#[test]
fn the_scrollbar_shows_only_when_the_day_does_not_fit() {
    let right_border = |app: &App| {
        let buf = draw(app);
        let pane = app.panes().messages;
        (pane.y + 1..pane.bottom() - 1)
            .map(|y| buf[(pane.right() - 1, y)].symbol().to_owned())
            .collect::<String>()
    };
    let small = app_at(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/tabs"),
        80,
        24,
    );
    assert!(
        right_border(&small).chars().all(|c| c == '│'),
        "{}",
        right_border(&small)
    );
    let mut big = sample_app(80, 24);
    type_str(&mut big, ":2018-03-05");
    press(&mut big, [enter()]);
    let border = right_border(&big);
    let thumb = border.chars().filter(|&c| c == '█').count();
    assert!(
        (1..4).contains(&thumb),
        "a small thumb for a long day: {border}"
    );
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

#[test]
fn export_writes_the_day_under_the_filter_in_the_format_of_the_extension() {
    let temp = TempDir::new("reader-export");
    let mut app = sample_app(100, 30);
    let (date, count) = (app.day().date, app.day().messages.len());

    // The whole day as Markdown: a day file that loads as the same messages.
    let markdown = temp.path().join("md/export.md");
    std::fs::create_dir(markdown.parent().unwrap()).unwrap();
    let notice = command(&mut app, &format!("export {}", markdown.display()));
    assert_eq!(
        notice,
        format!("wrote {count} messages to {}", markdown.display())
    );
    let (copy, problems) = load(markdown.parent().unwrap()).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(copy.days[0].date, date);
    let loaded: Vec<(String, String)> = (copy.days[0].messages.iter())
        .map(|m| {
            (
                copy.speaker(m.speaker).to_owned(),
                copy.days[0].body(m).to_owned(),
            )
        })
        .collect();
    assert_eq!(loaded, shown_messages(&app));

    // The busiest speaker only, as JSON: exactly their messages and texts.
    press(&mut app, [key('s'), key(' '), enter()]);
    let only = shown_messages(&app);
    assert!(only.len() > 1 && only.len() < count);
    let json = temp.path().join("day.json");
    let notice = command(&mut app, &format!("export {}", json.display()));
    assert_eq!(
        notice,
        format!("wrote {} messages to {}", only.len(), json.display())
    );
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(value["group"], "prodarch");
    assert_eq!(value["date"], date.to_string());
    let exported: Vec<(String, String)> = (value["messages"].as_array().unwrap().iter())
        .map(|m| {
            (
                m["speaker"].as_str().unwrap().into(),
                m["text"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(exported, only);

    // Any other name is text, as `show` prints it, under the same filter.
    let text_file = temp.path().join("day.txt");
    command(&mut app, &format!("export {}", text_file.display()));
    let text = std::fs::read_to_string(&text_file).unwrap();
    let mut lines = text.lines();
    let heading = format!(
        "# prodarch {date} ({}) · {count} messages",
        date.format("%A")
    );
    assert_eq!(lines.next(), Some(heading.as_str()));
    let speaker = &only[0].0;
    let firsts: Vec<&str> = lines.filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(firsts.len(), only.len());
    assert!(
        firsts
            .iter()
            .all(|l| l[9..].starts_with(&format!("{speaker}: ")))
    );
}

#[test]
fn export_never_writes_inside_the_archive() {
    let temp = TempDir::new("reader-export-archive");
    let mut app = sample_app(100, 30);
    let posts = sample().join("prodarch/_posts");
    let refused = |notice: &str| {
        notice.starts_with("not exported: ") && notice.contains("inside the archive")
    };
    for file in [posts.join("new.md"), PathBuf::from("sample-logs/new.md")] {
        let notice = command(&mut app, &format!("export! {}", file.display()));
        assert!(refused(&notice), "{notice}");
        assert!(!file.exists());
    }
    // Nor through a link to a day file or to a folder of the archive.
    let day_file = posts.join("2018-03-07-chat.markdown");
    let before = std::fs::read(&day_file).unwrap();
    let link = temp.path().join("link.md");
    std::os::unix::fs::symlink(&day_file, &link).unwrap();
    let folder = temp.path().join("folder");
    std::os::unix::fs::symlink(&posts, &folder).unwrap();
    for file in [link, folder.join("new.md")] {
        let notice = command(&mut app, &format!("export! {}", file.display()));
        assert!(refused(&notice), "{notice}");
    }
    assert_eq!(std::fs::read(&day_file).unwrap(), before);
    assert!(!posts.join("new.md").exists());
}

#[test]
fn export_overwrites_only_with_a_bang_and_says_why_not() {
    let temp = TempDir::new("reader-export-overwrite");
    let mut app = sample_app(100, 30);
    let file = temp.path().join("day.txt");
    std::fs::write(&file, "mine").unwrap();
    let notice = command(&mut app, &format!("export {}", file.display()));
    let path = file.display();
    assert_eq!(
        notice,
        format!("not exported: {path} exists (:export! overwrites it)")
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
    let notice = command(&mut app, &format!("export! {path}"));
    assert!(notice.starts_with("wrote "), "{notice}");
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .starts_with("# prodarch ")
    );
    // A folder that is not there, a folder as the file, no file at all: a notice each.
    let missing = command(&mut app, "export /no/such/folder/day.md");
    assert!(
        missing.starts_with("not exported: /no/such/folder"),
        "{missing}"
    );
    let folder = command(&mut app, &format!("export! {}", temp.path().display()));
    assert!(folder.starts_with("not exported: "), "{folder}");
    let nothing = command(&mut app, "export");
    assert!(nothing.starts_with("not exported: no file"), "{nothing}");
}

// --- calendar and activity views -----------------------------------------------------

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

#[test]
fn calendar_keys_move_the_cursor_and_enter_opens_its_day() {
    let mut app = prodarch_0305(80, 24);
    let open = app.view.day;
    press(&mut app, [key('C')]);
    assert_eq!(cursor(&app), "2018-03-05", "opens on the open day");
    for (keys, expect) in [
        (vec![key('l')], "2018-03-06"),
        (vec![code(KeyCode::Left)], "2018-03-05"),
        (vec![key('j')], "2018-03-07"),
        (vec![key('k')], "2018-03-04"),
        (vec![key(']'), key(']')], "2018-03-06"),
        (vec![key('[')], "2018-03-05"),
        (vec![key('G')], "2018-03-07"),
        (vec![key('g')], "2018-03-04"),
        (vec![key('}')], "2018-03-07"),
        (vec![key('{')], "2018-03-04"),
    ] {
        press(&mut app, keys.clone());
        assert_eq!(cursor(&app), expect, "after {keys:?}");
        assert_eq!(app.view.day, open, "moving the cursor opens nothing");
    }
    app.update(Action::MoveCalendar(Step::Logged(-1)));
    assert_eq!(app.view.notice.as_deref(), Some("first day of the group"));
    app.update(Action::MoveCalendar(Step::Days(7)));
    assert_eq!(cursor(&app), "2018-03-07", "held at the group's last day");
    app.update(Action::MoveCalendar(Step::Months(1)));
    assert_eq!(app.view.notice.as_deref(), Some("last day of the group"));
    app.update(Action::MoveCalendar(Step::First));
    app.update(Action::MoveCalendar(Step::Days(2)));
    press(&mut app, [enter()]);
    assert_eq!(app.overlay, None);
    assert_eq!(app.day().date.to_string(), "2018-03-06");
    assert_eq!(app.view.notice, None);
}

#[test]
fn calendar_enter_on_a_day_without_a_log_opens_the_next_and_says_so() {
    let mut app = sample_app(80, 24);
    type_str(&mut app, ":group proddev");
    press(&mut app, [enter()]);
    app.update(Action::OpenCalendar);
    app.update(Action::MoveCalendar(Step::First));
    app.update(Action::MoveCalendar(Step::Days(2)));
    assert_eq!(cursor(&app), "2017-05-08");
    app.update(Action::Submit);
    assert_eq!(app.day().date.to_string(), "2017-06-23");
    assert_eq!(
        app.view.notice.as_deref(),
        Some("no log for 2017-05-08: showing 2017-06-23")
    );
}

#[test]
fn calendar_closes_with_esc_q_and_c_and_opens_nothing() {
    for close in [code(KeyCode::Esc), key('q'), key('C')] {
        let mut app = prodarch_0305(80, 24);
        let day = app.view.day;
        press(&mut app, [key('C'), key('l'), close.clone()]);
        assert_eq!(app.overlay, None, "{close:?}");
        assert_eq!(app.view.day, day);
        assert!(!app.view.quit, "q closes the calendar, not the reader");
    }
}

#[test]
fn calendar_snapshots_and_cells() {
    for (width, height, months) in [(80, 24, 3), (160, 48, 3), (60, 20, 1)] {
        let mut app = prodarch_0305(width, height);
        press(&mut app, [key('C'), key('l')]);
        let buf = draw(&app);
        let frame = box_titled(&buf, " calendar · prodarch");
        assert_whole_cells(&buf, &[frame]);
        let text = screen(&buf);
        assert_eq!(
            text.matches("Mo Tu We Th Fr Sa Su").count(),
            months,
            "{text}"
        );
        // The sample's prodarch days are all in March 2018.
        let month = group_messages(&app);
        assert!(text.contains(&format!("Mar 2018 · {month}")), "{text}");
        assert!(
            text.contains(&format!("March 2018: {month} messages on 4 days")),
            "{text}"
        );
        assert!(text.contains("Tue 2018-03-06: "), "{text}");
        // The open day: `▸` and ` 5` bold and underlined, shaded as a day with a log.
        let open = find(&buf, "▸ 5").expect("the open day marked");
        let five = &buf[(open.x + 2, open.y)];
        assert_eq!(five.symbol(), "5");
        assert!(
            five.modifier
                .contains(Modifier::BOLD | Modifier::UNDERLINED)
        );
        assert!(matches!(five.bg, Color::Indexed(_)), "shaded: {five:?}");
        // The cursor (the 6th) reversed, the open day not.
        let six = &buf[(open.x + 5, open.y)];
        assert_eq!(six.symbol(), "6");
        assert!(six.modifier.contains(Modifier::REVERSED));
        assert!(!five.modifier.contains(Modifier::REVERSED));
        // A day without a log (the 12th) is plain.
        let twelve = find(&buf, "12").unwrap();
        assert_eq!(buf[(twelve.x, twelve.y)].bg, Color::Reset);
        if months == 3 {
            insta::assert_snapshot!(
                format!("calendar_prodarch_2018_03_05_{width}x{height}"),
                text
            );
        }
    }
}

#[test]
fn activity_opens_on_group_figures_and_tab_switches_to_the_day() {
    let mut app = prodarch_0305(80, 24);
    let group_messages = group_messages(&app);
    press(&mut app, [key('i')]);
    let activity = |app: &App| match &app.overlay {
        Some(Overlay::Activity(a)) => a.clone(),
        other => panic!("activity not open: {other:?}"),
    };
    let a = activity(&app);
    assert!(a.whole_group);
    assert_eq!(a.per_day.len(), 4);
    assert_eq!(a.per_hour.iter().sum::<usize>(), group_messages);
    press(&mut app, [code(KeyCode::Tab)]);
    let a = activity(&app);
    assert!(!a.whole_group);
    assert_eq!(a.per_hour.iter().sum::<usize>(), 158);
    assert_eq!(a.speakers.iter().map(|s| s.1).sum::<usize>(), 158);
    assert_eq!(
        a.per_day.len(),
        4,
        "the per-day figure is always the group's"
    );
    press(&mut app, [key('t')]);
    assert!(activity(&app).whole_group);
    for close in [code(KeyCode::Esc), key('q'), key('i')] {
        press(&mut app, [key('i'), close.clone()]);
        assert_eq!(app.overlay, None, "{close:?}");
        assert!(!app.view.quit);
    }
}

#[test]
fn activity_snapshots_and_cells() {
    for (width, height) in [(80, 24), (160, 48)] {
        for scope in ["group", "day"] {
            let mut app = prodarch_0305(width, height);
            press(&mut app, [key('i')]);
            if scope == "day" {
                press(&mut app, [code(KeyCode::Tab)]);
            }
            let Some(Overlay::Activity(a)) = &app.overlay else {
                panic!()
            };
            let (top, count) = a.speakers[0];
            let top = app.archive.speaker(top).to_owned();
            let buf = draw(&app);
            let frame = box_titled(&buf, " activity · prodarch");
            assert_eq!(frame, Rect::new(0, 0, width, height - 1));
            assert_whole_cells(&buf, &[frame]);
            let text = screen(&buf);
            // The busiest speaker's name (cut if long) and count on one row.
            let row = text
                .lines()
                .find(|r| r.contains(&top.chars().take(4).collect::<String>()))
                .unwrap_or_else(|| panic!("busiest speaker {top}:\n{text}"));
            assert!(row.contains(&format!(" {count} ")), "{row}");
            // Hour labels 0 to 23 on one row, in order.
            let expect: Vec<String> = (0..24).map(|h| h.to_string()).collect();
            assert!(
                text.lines()
                    .any(|r| r.trim_matches('│').split_whitespace().eq(expect.iter())),
                "hour labels:\n{text}"
            );
            assert!(text.contains("▲ 2018-03-05 Mon (158)"), "{text}");
            assert!(text.contains("2018-03-04") && text.contains("2018-03-07"));
            let marker = find(&buf, "▲").unwrap();
            // The open day's column in the sparkline above the marker is marked.
            assert_ne!(buf[(marker.x, marker.y - 1)].fg, buf[(1, marker.y - 1)].fg);
            insta::assert_snapshot!(
                format!("activity_prodarch_2018_03_05_{scope}_{width}x{height}"),
                text
            );
        }
    }
}

#[test]
fn views_draw_hostile_names_inert() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/hostile");
    let mut app = app_at(&dir, 80, 24);
    app.update(Action::OpenActivity);
    let buf = draw(&app);
    assert_whole_cells(&buf, &[]);
    assert!(screen(&buf).contains("Mallory␛[31m"), "{}", screen(&buf));
}

#[test]
fn views_keep_cells_whole_at_every_size_on_real_data() {
    let archive = real_or_sample();
    for (width, height) in [
        (20, 10),
        (41, 15),
        (59, 24),
        (71, 24),
        (79, 24),
        (80, 24),
        (97, 30),
        (160, 48),
        (300, 80),
    ] {
        for group in 0..archive.groups.len() {
            let mut app = App::new(archive.clone(), Size::new(width, height));
            app.view.group = GroupId(group as u32);
            app.update(Action::LastDay);
            for open in [Action::OpenCalendar, Action::OpenActivity] {
                app.update(open);
                assert_whole_cells(&draw(&app), &[]);
                app.update(Action::Cancel);
            }
        }
    }
}

#[test]
fn restore_goes_back_to_a_place_and_say_shows_a_notice() {
    use chatlog::places::Place;
    let mut app = sample_app(100, 30);
    type_str(&mut app, ":2018-03-05");
    press(&mut app, [enter()]);
    app.update(Action::ScrollPage(1));
    let place = app.place();
    assert_eq!(
        (place.group.as_str(), place.date.as_str()),
        ("prodarch", "2018-03-05")
    );
    let top = app.view.scroll.pos;
    let mut again = app_at(&sample(), 100, 30);
    again.update(Action::Restore(place.clone()));
    assert_eq!(again.place(), place);
    assert_eq!(again.view.scroll.pos, top);
    // A place whose group is gone is ignored; a day that is gone gives the next one.
    let before = again.place();
    again.update(Action::Restore(Place {
        group: "gone".into(),
        ..place.clone()
    }));
    assert_eq!(again.place(), before);
    again.update(Action::Restore(Place {
        date: "2018-03-01".into(),
        ..place
    }));
    assert_eq!(again.day().date.to_string(), "2018-03-04");
    again.update(Action::Say("could not copy".into()));
    assert_eq!(again.view.notice.as_deref(), Some("could not copy"));
    let status = row_text(&draw(&again), 29);
    assert!(status.contains("could not copy"), "{status}");
}
