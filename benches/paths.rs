//! The hot paths one by one, with divan's statistics (fastest, slowest, median, mean over
//! many samples): `cargo bench --bench paths`. They run on the real archive
//! (`../shared/real-logs/cocolian-docs`) when it is there, else on `sample-logs/`. The
//! `scale` and `reader` benches print the tables the issues' targets are checked against;
//! these follow the pieces those figures are made of.

use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use chatlog::action::Action;
use chatlog::app::App;
use chatlog::load::load;
use chatlog::model::{Archive, Day};
use chatlog::parse::parse_day;
use chatlog::search::{Matcher, Scope, search_archive};
use chatlog::{text, ui};
use divan::{Bencher, black_box};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Size;

fn main() {
    divan::main();
}

/// The real archive if it is beside the repository, else the bundled sample.
fn archive_dir() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let real = root.join("../shared/real-logs/cocolian-docs");
    if real.is_dir() {
        real
    } else {
        root.join("sample-logs")
    }
}

static ARCHIVE: LazyLock<Arc<Archive>> =
    LazyLock::new(|| Arc::new(load(&archive_dir()).expect("an archive").0));

/// The day with the most messages, and its index in the archive.
fn busiest() -> (usize, &'static Day) {
    let archive: &'static Archive = &ARCHIVE;
    archive
        .days
        .iter()
        .enumerate()
        .max_by_key(|(_, d)| d.messages.len())
        .expect("a day")
}

/// Types `:` and `command` and Enter into the app, as a reader would.
fn command(app: &mut App, command: &str) {
    app.update(Action::OpenCommand);
    for c in command.chars() {
        app.update(Action::Type(c));
    }
    app.update(Action::Submit);
}

#[divan::bench]
fn load_archive() -> usize {
    load(&archive_dir()).expect("an archive").0.days.len()
}

#[divan::bench]
fn parse_busiest_day(bencher: Bencher) {
    let (_, day) = busiest();
    let path = ARCHIVE.root.join(&day.sources[0]);
    let bytes = std::fs::read(&path).expect("the day file");
    bencher.bench(|| {
        parse_day(&path, black_box(&bytes))
            .0
            .map(|d| d.messages.len())
    });
}

#[divan::bench(args = ["代扣", "pay", "的"])]
fn search_archive_for(bencher: Bencher, word: &str) {
    let matcher = Matcher::new(word, false).expect("a literal");
    bencher.bench(|| search_archive(&ARCHIVE, &matcher, &Scope::default()).len());
}

#[divan::bench(args = [20, 80, 200])]
fn wrap_longest_message(bencher: Bencher, width: usize) {
    let longest = ARCHIVE
        .days
        .iter()
        .flat_map(|d| d.messages.iter().map(move |m| d.body(m)))
        .max_by_key(|b| b.len())
        .expect("a message");
    bencher.bench(|| text::wrap(black_box(longest), width).len());
}

#[divan::bench]
fn frame_200x60_on_the_busiest_day(bencher: Bencher) {
    let (index, day) = busiest();
    let mut app = App::new(Arc::clone(&ARCHIVE), Size::new(200, 60));
    command(
        &mut app,
        &format!("group {}", ARCHIVE.group(day.group).path),
    );
    command(&mut app, &day.date.to_string());
    assert_eq!(app.view.day, index, "the busiest day is open");
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("a test terminal");
    bencher.bench_local(|| {
        app.update(Action::ScrollPage(1));
        terminal.draw(|f| ui::render(&app, f)).map(|_| ())
    });
}
