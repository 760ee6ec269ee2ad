//! The search across the archive: its results, n/N across days, its options.

use super::*;

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
            .is_some_and(|n| n.ends_with(": next match")),
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

/// Across all groups, `n` follows the results' own order into other groups, saying so, and
/// stops at the end of the list with "last match" (no silent cycling through a day).
#[test]
fn n_follows_the_results_into_other_groups_and_stops_at_the_last() {
    let mut app = sample_app(100, 30);
    find_all(&mut app, "支付");
    press(&mut app, [key('a')]); // all groups, newest first
    finish_find(&mut app);
    let found = app.archive_search.as_ref().unwrap().found.clone();
    let mut days: Vec<usize> = Vec::new();
    for f in &found {
        if days.last() != Some(&f.day) {
            days.push(f.day);
        }
    }
    let groups: std::collections::BTreeSet<_> =
        days.iter().map(|&d| app.archive.days[d].group).collect();
    assert!(groups.len() > 1, "the query is in several groups");
    press(&mut app, [enter()]);
    assert_eq!(app.view.day, days[0]);
    let mut visited = vec![app.view.day];
    let mut crossed = false;
    for _ in 0..2000 {
        let before = (app.view.day, app.view.group);
        press(&mut app, [key('n')]);
        let notice = app.view.notice.clone().unwrap_or_default();
        if notice.starts_with("last match") {
            break;
        }
        if app.view.day != before.0 {
            visited.push(app.view.day);
            crossed |= app.view.group != before.1;
            if app.view.group != before.1 {
                assert!(notice.contains("in another group"), "{notice}");
            }
        }
    }
    assert_eq!(
        visited, days,
        "every day with a result, in the list's order"
    );
    assert!(crossed);
    let (day, hit) = (app.view.day, app.view.hit);
    press(&mut app, [key('n')]);
    assert_eq!(
        (app.view.day, app.view.hit),
        (day, hit),
        "no wrap at the end"
    );
    press(&mut app, [key('N')]);
    assert!(app.view.hit < hit || app.view.day != day);
}

/// An empty `/` + Enter, or `n` after Esc, brings back the last search.
#[test]
fn the_last_search_comes_back_with_an_empty_slash_or_n() {
    let mut app = prodarch_0305(100, 30);
    type_str(&mut app, "/支付");
    press(&mut app, [enter()]);
    let hits = app.derived.hits.len();
    assert!(hits > 1);
    press(&mut app, [code(KeyCode::Esc)]);
    assert!(app.view.day_search.is_none());
    press(&mut app, [key('n')]);
    assert_eq!(
        app.view.day_search.as_ref().map(|s| s.query.as_str()),
        Some("支付")
    );
    assert_eq!(app.derived.hits.len(), hits);
    press(&mut app, [code(KeyCode::Esc), key('/'), enter()]);
    assert_eq!(
        app.view.day_search.as_ref().map(|s| s.query.as_str()),
        Some("支付")
    );
    // Typing and cancelling a new search leaves the last one as it was.
    press(&mut app, [code(KeyCode::Esc)]);
    type_str(&mut app, "/银行");
    press(&mut app, [code(KeyCode::Esc), key('n')]);
    assert_eq!(
        app.view.day_search.as_ref().map(|s| s.query.as_str()),
        Some("支付")
    );
}
