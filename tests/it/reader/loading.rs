//! The reader on the first day alone while the whole archive loads behind it: what needs
//! the whole archive says how far the load has got and does nothing, the day itself reads
//! as ever, and the whole archive comes in keeping the place.

use chatlog::app::Anchor;
use chatlog::load::load_first_day;

use super::*;

/// The sample archive's first day alone (its first group's latest), as the reader starts,
/// the load at 1 of 4 files.
fn first_day_app() -> App {
    let first = load_first_day(&sample(), &[]).expect("the first day loads");
    assert_eq!(first.days.len(), 1);
    let mut app = App::new(Arc::new(first), Size::new(100, 30));
    app.update(Action::Loading(1, 4));
    app
}

/// `:` and `line` and Enter, as keys.
fn command(line: &str) -> Vec<Event> {
    line.chars().map(key).chain([enter()]).collect()
}

/// The sample archive, whole.
fn whole() -> Shared {
    Shared(Arc::new(load(&sample()).unwrap().0))
}

/// Each key (or `:` command, or `F` search) that needs the whole archive waits for it,
/// saying so, and so does what is typed after it; once the archive is in, they run in
/// order. Esc drops what waits.
#[test]
fn what_needs_the_whole_archive_waits_for_it_then_runs() {
    let opens = |overlay: &Option<Overlay>| match overlay {
        Some(Overlay::Speakers(_)) => "speakers",
        Some(Overlay::Groups(_)) => "groups",
        Some(Overlay::Calendar(_)) => "calendar",
        Some(Overlay::Activity(_)) => "activity",
        Some(Overlay::Prompt(_)) => "prompt",
        Some(Overlay::Results(_)) => "results",
        Some(_) => "another",
        None => "nothing",
    };
    let attempts: Vec<(&str, Vec<Event>, &str)> = vec![
        ("s", vec![key('s')], "speakers"),
        ("c", vec![key('c')], "groups"),
        ("C", vec![key('C')], "calendar"),
        ("i", vec![key('i')], "activity"),
        ("F", vec![key('F')], "prompt"),
        (":search 支付", command(":search 支付"), "results"),
    ];
    for (what, keys, then) in attempts {
        let mut app = first_day_app();
        press(&mut app, keys);
        assert_eq!(
            opens(&app.overlay),
            if what.starts_with(':') {
                "prompt"
            } else {
                "nothing"
            },
            "{what}"
        );
        let said = app.view.notice.clone().unwrap_or_default();
        assert_eq!(
            said, "loading 1/4 days: what was typed runs when it is in",
            "{what}"
        );
        app.update(Action::Loaded(whole(), 0));
        assert_eq!(opens(&app.overlay), then, "{what}, once in");
    }
    // Days and groups: `[` then `j` (after it, so it waits too) run in order.
    let mut app = first_day_app();
    let date = app.day().date;
    press(&mut app, [key('['), key('j')]);
    assert_eq!((app.day().date, app.view.scroll), (date, Anchor::default()));
    app.update(Action::Loaded(whole(), 0));
    assert!(app.day().date < date, "[ ran");
    assert_eq!(app.view.scroll.row + app.view.scroll.pos, 1, "then j");
    // Keys after a waiting command mean what they mean when they run: `:` opens a prompt
    // then, though a prompt was open when it was typed.
    let mut app = first_day_app();
    press(&mut app, command(":group prodarch"));
    press(&mut app, command(":2018-03-05"));
    app.update(Action::Loaded(whole(), 0));
    assert_eq!(app.archive.group(app.view.group).name, "prodarch");
    assert_eq!(app.day().date.to_string(), "2018-03-05");
    // A whole load that failed is followed by a reload once the folder changes: that is
    // the whole archive too, and what waited runs then.
    let mut app = first_day_app();
    press(&mut app, [key('[')]);
    app.update(Action::Reload(whole(), 0));
    assert!(app.loading.is_none() && app.deferred.is_empty());
    assert!(app.day().date < date, "[ ran");
    // Esc drops what waits.
    let mut app = first_day_app();
    press(&mut app, [key(']'), code(KeyCode::Esc)]);
    assert!(app.deferred.is_empty());
    app.update(Action::Loaded(whole(), 0));
    assert_eq!(app.day().date, date);
}

/// Reading on past the day's end, which does not wait, says how far the load has got; the
/// status line and the day's end say it too.
#[test]
fn leaving_the_day_says_how_far_the_load_has_got() {
    let mut app = first_day_app();
    let date = app.day().date;
    press(&mut app, [key('G'), key('j'), key('j')]);
    assert_eq!(app.day().date, date);
    let said = app.view.notice.clone().unwrap_or_default();
    assert_eq!(
        said,
        "loading 1/4 days: this day only, until the rest is in"
    );
    press(&mut app, [key('g')]);
    let shown = screen(&draw(&app));
    assert!(
        status_row(&app).contains("loading 1/4 days"),
        "{}",
        status_row(&app)
    );
    assert!(shown.contains("· loading "), "{shown}");
}

#[test]
fn the_day_itself_reads_while_loading() {
    let mut app = first_day_app();
    type_str(&mut app, "/的");
    press(&mut app, [enter()]);
    assert!(!app.derived.hits.is_empty());
    press(&mut app, [key('n')]);
    assert_eq!(app.view.hit, 1);
    press(&mut app, [key('G')]);
    assert!(app.at_bottom());
    assert_exact(&app, &draw(&app));
}

/// The whole archive comes in where the reader is: the same group, day, top message and
/// search; no "archive changed"; then the rest works, and a load's problems are said.
#[test]
fn the_whole_archive_comes_in_keeping_the_place() {
    let mut app = first_day_app();
    let (group, date) = (
        app.archive.group(app.view.group).path.clone(),
        app.day().date,
    );
    type_str(&mut app, "/的");
    press(&mut app, [enter()]);
    press(&mut app, [key('j'), key('j'), key('j')]);
    let (scroll, hits) = (app.view.scroll, app.derived.hits.len());
    app.update(Action::Say("config.toml: a warning".into()));
    app.update(Action::Loaded(whole(), 0));
    assert!(app.loading.is_none());
    assert_eq!(app.archive.group(app.view.group).path, group);
    assert_eq!((app.day().date, app.view.scroll), (date, scroll));
    assert_eq!(app.derived.hits.len(), hits);
    assert_eq!(
        app.view.notice.as_deref(),
        Some("config.toml: a warning"),
        "no reload notice"
    );
    press(&mut app, [key('[')]);
    assert!(app.day().date < date, "the days before are there now");

    let mut app = first_day_app();
    let (whole, _) = load(&sample()).unwrap();
    app.update(Action::Loaded(Shared(Arc::new(whole)), 3));
    let said = app.view.notice.unwrap_or_default();
    assert!(
        said.starts_with("3 problems while loading: `chatlog check "),
        "{said}"
    );
}

/// The first day is the remembered place's files when they still read as one day, else
/// the first group's latest day.
#[test]
fn the_first_day_is_the_remembered_one_else_the_first_groups_latest() {
    let (whole, _) = load(&sample()).unwrap();
    let first_group_latest = &whole.days[whole.groups[0].days.end - 1];
    let by_default = load_first_day(&sample(), &[]).unwrap();
    assert_eq!(by_default.days[0].date, first_group_latest.date);
    assert_eq!(by_default.days[0].sources, first_group_latest.sources);
    let remembered = &whole.days[whole.groups[1].days.start];
    let again = load_first_day(&sample(), &remembered.sources).unwrap();
    assert_eq!(again.days[0].date, remembered.date);
    assert_eq!(again.groups[0].path, whole.group(remembered.group).path);
    assert_eq!(again.days[0].messages.len(), remembered.messages.len());
    let gone = load_first_day(&sample(), &["nowhere/2018-01-01.md".into()]).unwrap();
    assert_eq!(gone.days[0].date, first_group_latest.date);
}
