//! Moving between days, dates, commands and groups.

use super::*;

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

/// `:20:00` (or `:20`) goes to the first message at or after that time in the open day;
/// `:DATE TIME` to both.
#[test]
fn a_time_goes_to_the_first_message_at_or_after_it() {
    let mut app = prodarch_0305(100, 30);
    let day = app.day().clone();
    let time_at_top = |app: &App| app.day().messages[app.derived.shown[app.view.scroll.pos]].time;
    command(&mut app, "12:00");
    let noon = chatlog::model::Time::from_hms(12, 0, 0);
    let first = day.messages.iter().find(|m| m.time >= noon).unwrap().time;
    assert_eq!(time_at_top(&app), first);
    command(&mut app, "9");
    assert!(time_at_top(&app) >= chatlog::model::Time::from_hms(9, 0, 0));
    command(&mut app, "2018-03-06 10:30");
    assert_eq!(app.day().date.to_string(), "2018-03-06");
    assert!(time_at_top(&app) >= chatlog::model::Time::from_hms(10, 30, 0));
    let notice = command(&mut app, "23:59:59");
    assert!(notice.contains("nothing at or after 23:59:59"), "{notice}");
    let notice = command(&mut app, "2018-03-06 later");
    assert!(notice.starts_with("not a date or command"), "{notice}");
}
