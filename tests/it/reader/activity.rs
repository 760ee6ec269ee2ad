//! The activity overlay.

use super::*;

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
            let top = app.archive.person_name(top).to_owned();
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
