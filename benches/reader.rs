//! Reader figures on a 100 k-message day: open, frame, search, filter. `cargo bench`
//! prints a table (median and worst of several runs); it asserts nothing.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chatlog::action::Action;
use chatlog::app::App;
use chatlog::load::load;
use chatlog::parse::parse_day;
use chatlog::synth::Synth;
use chatlog::ui;
use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Size;

const MESSAGES: usize = 100_000;
const RUNS: usize = 15;

/// Median and worst of `RUNS` timings of `f`, each after `setup`.
fn time<S, T>(mut setup: impl FnMut() -> S, mut f: impl FnMut(S) -> T) -> (Duration, Duration) {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let input = setup();
            let start = Instant::now();
            std::hint::black_box(f(input));
            start.elapsed()
        })
        .collect();
    times.sort();
    (times[RUNS / 2], times[RUNS - 1])
}

fn row(what: &str, (median, worst): (Duration, Duration)) {
    println!(
        "| {what:<52} | {:>9.3} ms | {:>9.3} ms |",
        median.as_secs_f64() * 1e3,
        worst.as_secs_f64() * 1e3
    );
}

/// A two-day archive on disk: a small day, then the 100 k-message day.
fn archive_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("chatlog-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut synth = Synth::new(7, 400);
    let small = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let big = NaiveDate::from_ymd_opt(2020, 1, 2).unwrap();
    std::fs::write(dir.join(format!("{small}-WeChat.md")), synth.day(small, 50)).unwrap();
    std::fs::write(
        dir.join(format!("{big}-WeChat.md")),
        synth.day(big, MESSAGES),
    )
    .unwrap();
    dir
}

fn main() {
    let dir = archive_dir();
    let big_file = dir.join("2020-01-02-WeChat.md");
    let bytes = std::fs::read(&big_file).unwrap();
    let (archive, _) = load(&dir).unwrap();
    let archive = Arc::new(archive);
    assert_eq!(archive.days[1].messages.len(), MESSAGES);
    let size = Size::new(200, 60);
    let mut terminal = Terminal::new(TestBackend::new(size.width, size.height)).unwrap();
    let new_app = || {
        let mut app = App::new(archive.clone(), size);
        app.update(Action::FirstDay);
        app
    };
    let on_big_day = || {
        let mut app = new_app();
        app.update(Action::NextDay);
        app
    };

    println!(
        "100 k-message day: {} bytes, {} messages; frames at 200×60",
        bytes.len(),
        MESSAGES
    );
    println!("| {:<52} | {:>12} | {:>12} |", "what", "median", "worst");
    println!("|{:-<54}|{:-<14}|{:-<14}|", "", "", "");
    row(
        "parse the day file (bytes → day)",
        time(|| (), |_| parse_day(&big_file, &bytes)),
    );
    row(
        "load the two-day archive from disk",
        time(|| (), |_| load(&dir).unwrap()),
    );
    row(
        "open the day (] from the day before) + first frame",
        time(new_app, |mut app| {
            app.update(Action::NextDay);
            terminal.draw(|f| ui::render(&app, f)).unwrap();
        }),
    );
    let mut app = on_big_day();
    row(
        "frame after a key (page down)",
        time(
            || (),
            |_| {
                app.update(Action::ScrollPage(1));
                terminal.draw(|f| ui::render(&app, f)).unwrap();
            },
        ),
    );
    row(
        "frame after G (bottom of the day)",
        time(on_big_day, |mut app| {
            app.update(Action::Bottom);
            terminal.draw(|f| ui::render(&app, f)).unwrap();
        }),
    );
    row(
        "search: type `代扣` at / (two keys, incremental)",
        time(on_big_day, |mut app| {
            app.update(Action::OpenDaySearch);
            app.update(Action::Type('代'));
            app.update(Action::Type('扣'));
            app
        }),
    );
    let searched = || {
        let mut app = on_big_day();
        for a in [
            Action::OpenDaySearch,
            Action::Type('代'),
            Action::Type('扣'),
            Action::Submit,
        ] {
            app.update(a);
        }
        app
    };
    println!("  (`代扣`: {} hits)", searched().derived.hits.len());
    row(
        "next hit (n) + frame",
        time(searched, |mut app| {
            app.update(Action::NextHit);
            terminal.draw(|f| ui::render(&app, f)).unwrap();
        }),
    );
    row(
        "speaker picker: open (counts the day's speakers)",
        time(on_big_day, |mut app| {
            app.update(Action::OpenSpeakers);
            terminal.draw(|f| ui::render(&app, f)).unwrap();
        }),
    );
    let picking = || {
        let mut app = on_big_day();
        app.update(Action::OpenSpeakers);
        app.update(Action::Toggle);
        app
    };
    row(
        "speaker filter: apply (Enter) + frame",
        time(picking, |mut app| {
            app.update(Action::Submit);
            terminal.draw(|f| ui::render(&app, f)).unwrap();
        }),
    );
    row(
        "echoes: show every copy (e) + frame",
        time(on_big_day, |mut app| {
            app.update(Action::ToggleFold);
            terminal.draw(|f| ui::render(&app, f)).unwrap();
        }),
    );
    let filtering = || {
        let mut app = on_big_day();
        app.update(Action::OpenTextFilter);
        for c in "!的".chars() {
            app.update(Action::Type(c));
        }
        app
    };
    row(
        "text filter: &!的 (Enter) + frame",
        time(filtering, |mut app| {
            app.update(Action::Submit);
            terminal.draw(|f| ui::render(&app, f)).unwrap();
        }),
    );
    let _ = std::fs::remove_dir_all(&dir);
}
