//! A new load of the archive keeping the place, under every overlay; the remembered place.

use super::*;

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
    app.update(Action::Reload(Shared(Arc::new(archive)), 0));
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
    // The day list counts what the filter shows: nobody chosen spoke on the new day.
    let text = screen(&draw(&app));
    assert!(text.contains("2018-03-08 Thu     0"), "{text}");
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
        app.update(Action::Reload(Shared(Arc::new(archive)), 0));
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
                let counts: Vec<usize> = days.iter().map(|d| d.count(true)).collect();
                let counted =
                    chatlog::app::overlay::calendar::Calendar::new(&counts, calendar.cursor);
                assert_eq!(calendar.quartiles, counted.quartiles);
            }
            Some(Overlay::Speakers(picker)) => {
                let total: usize = picker.counts.iter().map(|s| s.1).sum();
                assert_eq!(total, app.day().messages.len(), "{text}");
                let known =
                    |id: &chatlog::model::PersonId| (id.0 as usize) < app.archive.people.len();
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

/// A day file of one message saying `text`, in group folder `group` of `root`.
fn write_day(root: &Path, group: &str, date: &str, text: &str) {
    let dir = root.join(group);
    std::fs::create_dir_all(&dir).unwrap();
    let day = format!(
        "---\ntitle: \"{date}-WeChat\"\ndate: {date} 12:00:00\n---\n\
         > 10:00:00  Alice  \n   \n{text}  \n   \n"
    );
    std::fs::write(dir.join(format!("{date}-chat.md")), day).unwrap();
}

/// The search across the archive holds a group and speakers of one load: a reload finds
/// them again by name. (Removing a group that sorted first crashed the reader; adding one
/// silently moved the open results to another group.)
#[test]
fn a_reload_finds_the_results_group_again_by_name() {
    let temp = TempDir::new("reload-results");
    for group in ["a", "b", "c"] {
        write_day(temp.path(), group, "2019-01-01", "hello");
        write_day(temp.path(), group, "2019-01-02", "hello again");
    }
    let mut app = app_at(temp.path(), 100, 30);
    command(&mut app, "group c");
    press(&mut app, [key('s'), enter()]);
    find_all(&mut app, "hello");
    let reload = |app: &mut App| {
        let (archive, _) = load(temp.path()).unwrap();
        app.update(Action::Reload(Shared(Arc::new(archive)), 0));
        finish_find(app);
        draw(app);
    };
    let in_c = |app: &App| {
        let search = app.archive_search.as_ref().expect("the search runs again");
        let group = |d: usize| app.archive.group(app.archive.days[d].group).name.clone();
        assert_eq!(group(app.archive.group(search.query.group).days.start), "c");
        assert_eq!(search.found.len(), 2);
        assert!(search.found.iter().all(|f| group(f.day) == "c"));
        assert_eq!(filter_names(app), ["Alice"]);
        assert_eq!(app.archive.group(app.view.group).name, "c");
    };
    std::fs::remove_dir_all(temp.path().join("a")).unwrap();
    reload(&mut app);
    in_c(&app);
    write_day(temp.path(), "0first", "2019-01-01", "hello");
    reload(&mut app);
    in_c(&app);
    assert!(matches!(app.overlay, Some(Overlay::Results(_))));
}

/// A reload without the open group says so, and shows another.
#[test]
fn a_reload_without_the_open_group_says_it_is_gone() {
    let temp = TempDir::new("reload-gone");
    for group in ["a", "b"] {
        write_day(temp.path(), group, "2019-01-01", "hello");
    }
    let mut app = app_at(temp.path(), 100, 30);
    command(&mut app, "group b");
    std::fs::remove_dir_all(temp.path().join("b")).unwrap();
    let (archive, _) = load(temp.path()).unwrap();
    app.update(Action::Reload(Shared(Arc::new(archive)), 0));
    let notice = app.view.notice.clone().unwrap_or_default();
    assert!(notice.contains("b is gone: showing a"), "{notice}");
    draw(&app);
}
