//! The speaker filter and its picker.

use super::*;

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
    assert!(app.derived.shown.iter().all(|&i| {
        [top, second].contains(&app.archive.person_of[day.messages[i].speaker.0 as usize])
    }));
    // The filter stays on the next day.
    press(&mut app, [key(']')]);
    let day = app.day();
    assert!(app.derived.shown.iter().all(|&i| {
        [top, second].contains(&app.archive.person_of[day.messages[i].speaker.0 as usize])
    }));
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
        .map(|e| app.archive.person_name(e.0).to_lowercase())
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

/// Under a speaker filter, `]` and `[` go to the days where a chosen speaker spoke, the
/// day list counts what the filter shows, and days without them are dimmed.
#[test]
fn the_filter_carries_across_days_and_skips_days_without_them() {
    let mut app = sample_app(100, 30);
    command(&mut app, "2018-03-04");
    // Someone who spoke on some days of the group but not all.
    let group = app.view.group;
    let days = app.archive.group_days(group).to_vec();
    let speaker = (0..app.archive.speakers.len() as u32)
        .map(chatlog::model::SpeakerId)
        .find(|&s| {
            let spoke = days
                .iter()
                .filter(|d| d.messages.iter().any(|m| m.speaker == s))
                .count();
            spoke > 0 && spoke < days.len() && days[0].messages.iter().any(|m| m.speaker == s)
        })
        .expect("a speaker of some days");
    let name = app.archive.speaker(speaker).to_owned();
    press(&mut app, [key('s')]);
    type_str(&mut app, &name);
    press(&mut app, [enter()]);
    let spoke_on: Vec<usize> = (0..days.len())
        .filter(|&i| days[i].messages.iter().any(|m| m.speaker == speaker))
        .collect();
    let start = app.archive.group(group).days.start;
    let mut visited = vec![app.view.day - start];
    for _ in 0..days.len() {
        press(&mut app, [key(']')]);
        if visited.last() != Some(&(app.view.day - start)) {
            visited.push(app.view.day - start);
        }
    }
    assert_eq!(visited, spoke_on);
    assert!(
        app.view
            .notice
            .as_deref()
            .unwrap_or("")
            .contains("with the chosen speakers")
    );
    let counts = app.derived.day_counts.clone();
    for (i, d) in days.iter().enumerate() {
        let theirs = d.kept(true).filter(|m| m.speaker == speaker).count();
        assert_eq!(counts[i], theirs, "{}", d.date);
    }
    // The calendar shades by what the filter shows.
    press(&mut app, [key('C')]);
    let Some(Overlay::Calendar(calendar)) = &app.overlay else {
        panic!("{:?}", app.overlay)
    };
    let mut sorted = counts.clone();
    sorted.sort_unstable();
    assert_eq!(calendar.quartiles[1], sorted[sorted.len() * 2 / 4]);
    press(&mut app, [code(KeyCode::Esc)]);
    let buf = draw(&app);
    let list = app.panes().days.unwrap();
    let silent = (0..days.len())
        .find(|i| counts[*i] == 0)
        .expect("a silent day");
    let y = list.y + 1 + silent as u16;
    assert!(
        buf[(list.x + 1, y)].modifier.contains(Modifier::DIM),
        "{}",
        row_text(&buf, y)
    );
}

/// `&TEXT` keeps the messages holding it, `&!TEXT` hides them; filters add up, with the
/// speaker filter too, the status names them, and an empty `&` clears them.
#[test]
fn text_filters_keep_or_hide_messages_and_add_up() {
    let mut app = prodarch_0305(120, 30);
    let all = app.derived.shown.clone();
    let day = app.day().clone();
    let holds = |i: usize, text: &str| day.body(&day.messages[i]).contains(text);
    type_str(&mut app, "&!的");
    press(&mut app, [enter()]);
    let without: Vec<usize> = all.iter().copied().filter(|&i| !holds(i, "的")).collect();
    assert_eq!(app.derived.shown, without);
    assert!(
        app.view
            .notice
            .as_deref()
            .unwrap()
            .ends_with("pass the text filters")
    );
    app.update(Action::Top);
    assert!(status_row(&app).contains("· &!的"), "{}", status_row(&app));
    type_str(&mut app, "&支付");
    press(&mut app, [enter()]);
    let both: Vec<usize> = without
        .iter()
        .copied()
        .filter(|&i| holds(i, "支付"))
        .collect();
    assert!(!both.is_empty() && both.len() < without.len());
    assert_eq!(app.derived.shown, both);
    app.update(Action::Top);
    assert!(
        status_row(&app).contains("· &!的 · &支付"),
        "{}",
        status_row(&app)
    );
    // With a speaker filter, what is left of both.
    press(&mut app, [key('s'), enter()]);
    assert!(app.derived.shown.iter().all(|i| both.contains(i)));
    press(&mut app, [key('S')]);
    assert_eq!(app.derived.shown, both);
    type_str(&mut app, "&");
    press(&mut app, [enter()]);
    assert_eq!(app.derived.shown, all);
    assert!(app.view.text_filters.is_empty());
}
