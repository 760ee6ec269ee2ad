//! What a frame shows: straight borders and whole wide chars at every width, inert controls, snapshots.

use super::*;

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
            assert_eq!(app.derived.shown.len(), d.messages.len() - d.echoes.len());
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
fn narrow_terminal_collapses_the_day_list() {
    let app = sample_app(50, 20);
    assert!(app.panes().days.is_none());
    let buf = draw(&app);
    assert_exact(&app, &buf);
    assert_eq!(buf[(0, 0)].symbol(), "┌");
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
            command(&mut app, &format!("group {}", archive.groups[group].name));
            assert_eq!(app.view.group, GroupId(group as u32));
            app.update(Action::LastDay);
            for open in [Action::OpenCalendar, Action::OpenActivity] {
                app.update(open);
                assert_whole_cells(&draw(&app), &[]);
                app.update(Action::Cancel);
            }
        }
    }
}

/// Every overlay at every size from 1×1 to 45×12, and a few wide ones, over a real day:
/// nothing panics, and what is drawn keeps its cells whole.
#[test]
fn every_overlay_draws_at_every_size() {
    let archive = real_or_sample();
    let openers: [&[Event]; 9] = [
        &[],
        &[key('?')],
        &[key('/'), key('的')],
        &[key('s')],
        &[key('c')],
        &[key('C')],
        &[key('i')],
        &[key('F'), key('的'), enter()],
        &[key('v')],
    ];
    let sizes = (1..=45).flat_map(|w| (1..=12).map(move |h| (w, h))).chain([
        (200, 3),
        (300, 2),
        (120, 1),
        (1, 60),
        (2, 80),
    ]);
    for (width, height) in sizes {
        for opener in openers {
            let mut app = App::new(archive.clone(), Size::new(width, height));
            press(&mut app, opener.iter().cloned());
            if let Some(search) = &mut app.archive_search {
                search.wait();
            }
            app.update(Action::Tick);
            let buf = draw(&app);
            assert_whole_cells(&buf, &[]);
        }
    }
}

/// A time format that needs a date panicked the first frame. The config refuses it and
/// keeps the default; should one reach the app anyway, the plain time stands in.
#[test]
fn a_time_format_that_needs_a_date_never_breaks_a_frame() {
    let (settings, problems) = chatlog::config::parse("time_format = \"%Y-%m-%d %H:%M\"", false);
    assert_eq!(problems.len(), 1, "{problems:?}");
    let forced = chatlog::config::Settings {
        time_format: "%Y-%m-%d %H:%M".into(),
        ..settings.clone()
    };
    for settings in [settings, forced] {
        let (archive, _) = load(&sample()).unwrap();
        let app = App::with_settings(Arc::new(archive), Size::new(80, 24), settings);
        let first = &app.day().messages[app.derived.shown[0]];
        let text = screen(&draw(&app));
        assert!(text.contains(&format!("{} ", first.time)), "{text}");
    }
}
