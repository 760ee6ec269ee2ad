//! Scrolling by wrapped rows, and a resize keeping the top message.

use super::*;

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
    // Above the top: the previous day's end (continuous reading), and back.
    app.update(Action::ScrollLines(-5));
    assert_eq!(app.day().date.to_string(), "2018-03-04");
    assert!(app.at_bottom());
    app.update(Action::ScrollLines(1));
    assert_eq!(app.day().date.to_string(), "2018-03-05");
    assert_eq!(app.view.scroll, Default::default());
    app.update(Action::ScrollPage(1));
    let page = app.view.scroll;
    app.update(Action::ScrollHalfPage(1));
    assert!(app.view.scroll > page);
    app.update(Action::ScrollHalfPage(-1));
    assert_eq!(app.view.scroll, page);
    app.update(Action::Bottom);
    let bottom = app.view.scroll;
    assert!(bottom.pos > 0);
    // At the bottom the day's end row is on the last text row, naming the next day.
    let buf = draw(&app);
    let panes = app.panes();
    let last_row = row_text(&buf, panes.text.bottom() - 1);
    assert!(
        last_row.contains("── end of 2018-03-05 · ] 2018-03-06, 169 messages ──"),
        "{last_row}"
    );
    // Below the bottom: the next day, at its top.
    app.update(Action::ScrollLines(10));
    assert_eq!(app.day().date.to_string(), "2018-03-06");
    assert_eq!(app.view.scroll, Default::default());
    assert_eq!(app.view.notice.as_deref(), Some("2018-03-06: read on"));
    command(&mut app, "2018-03-05");
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
    let above: usize = (0..pos).map(|p| app.layout(p, 39).height()).sum();
    app.update(Action::ScrollLines(above as isize + 3));
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

/// At the bottom of the day the status counts the last message read, not the top one.
#[test]
fn at_the_bottom_the_status_says_the_last_message() {
    let mut app = prodarch_0305(100, 30);
    assert!(status_row(&app).starts_with(" msg 1/158 · prodarch · 2018-03-05 Mon"));
    press(&mut app, [key('G')]);
    assert!(
        status_row(&app).starts_with(" msg 158/158 "),
        "{}",
        status_row(&app)
    );
    press(&mut app, [key('k')]);
    assert!(!status_row(&app).starts_with(" msg 158/158 "));
}

/// Where the day list is hidden, Tab keeps the keys in the message pane, and a terminal
/// that shrinks takes them back from the list.
#[test]
fn tab_never_focuses_a_hidden_day_list() {
    let mut app = sample_app(50, 20);
    press(&mut app, [code(KeyCode::Tab)]);
    assert_eq!(app.view.focus, Focus::Messages);
    assert!(
        app.view
            .notice
            .as_deref()
            .unwrap_or("")
            .contains("no day list")
    );
    let mut app = sample_app(100, 20);
    press(&mut app, [code(KeyCode::Tab)]);
    assert_eq!(app.view.focus, Focus::Days);
    app.update(Action::Resize(Size::new(50, 20)));
    assert_eq!(app.view.focus, Focus::Messages);
    let day = app.view.day;
    press(&mut app, [key('j')]);
    assert_eq!(app.view.day, day, "j scrolls, it does not change the day");
}

/// The group's last day ends with a row that says so, and scrolling stops there.
#[test]
fn the_last_day_ends_the_reading() {
    let mut app = sample_app(80, 24);
    press(&mut app, [key('G')]);
    let day = app.view.day;
    let text = screen(&draw(&app));
    assert!(text.contains("· the group's last day ──"), "{text}");
    app.update(Action::ScrollPage(1));
    assert_eq!(app.view.day, day);
    assert_eq!(app.view.notice.as_deref(), Some("last day of the group"));
}
