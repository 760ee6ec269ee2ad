//! The calendar overlay.

use super::*;

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
