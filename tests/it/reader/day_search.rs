//! The search in the open day: incremental, smart case, hits, the status line.

use super::*;

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
    assert!(
        status.starts_with(&format!(" msg 1/42 · /的 1/{hits} · filter: ")),
        "{status}"
    );
    assert!(
        status.contains("filter: 张于刚, cs, 杨明-招商信用卡-开发-上海"),
        "{status}"
    );
    assert_eq!(status.width(), 80);
    // Narrower, the position and the count stay whole and the names make way.
    app.update(Action::Resize(Size::new(50, 24)));
    let status = status_row(&app);
    assert!(
        status.contains(&format!("/的 1/{hits} · filter: 3 speakers")),
        "{status}"
    );
    assert_eq!(status.width(), 50);
    app.update(Action::Resize(Size::new(80, 24)));
    // A query longer than the line: its end and the count stay in view.
    type_str(&mut app, "/");
    type_str(&mut app, &"abcdefghij".repeat(9));
    type_str(&mut app, "END");
    let status = status_row(&app);
    assert!(status.contains("END▏  0/0"), "{status}");
    assert!(status.contains('…'), "{status}");
    assert_eq!(status.width(), 80);
}
