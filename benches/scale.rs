//! Archive-scale figures: loading a whole archive, then searching all of it in memory, as
//! the reader's archive-wide search does, and opening the reader's activity view, which
//! counts a whole group. `cargo bench --bench scale` prints a Markdown table of medians;
//! it asserts nothing (bench/run.sh compares the figures with ripgrep).
//!
//! `CHATLOG_ARCHIVE=DIR` measures DIR; otherwise a 10-year archive (3,650 days × 300
//! messages) is generated once into `target/bench-archive`. `CHATLOG_WORDS="代扣 pay"`
//! chooses the words searched.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chatlog::action::Action;
use chatlog::app::App;
use chatlog::archive_search::{ArchiveQuery, ArchiveSearch};
use chatlog::load::load;
use chatlog::model::{Archive, GroupId};
use chatlog::search::{Matcher, Scope, search_archive};
use chatlog::synth::{ArchiveSpec, MARKER, write_archive};
use chatlog::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Size;

const LOAD_RUNS: usize = 5;
const SEARCH_RUNS: usize = 11;
const VIEW_RUNS: usize = 11;

/// Median and fastest of `runs` timings of `f`, with what the last run returned. Each
/// result is dropped before the next run, so that one archive at a time is in memory.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, Duration, T) {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        drop(last.take());
        let start = Instant::now();
        let out = std::hint::black_box(f());
        times.push(start.elapsed());
        last = Some(out);
    }
    times.sort();
    (times[runs / 2], times[0], last.expect("at least one run"))
}

fn row(what: &str, median: Duration, fastest: Duration, result: &str) {
    println!(
        "| {what:<34} | {:>10.1} ms | {:>10.1} ms | {result:>24} |",
        median.as_secs_f64() * 1e3,
        fastest.as_secs_f64() * 1e3
    );
}

/// The archive to measure: `CHATLOG_ARCHIVE`, or the generated 10-year one.
fn archive_path() -> PathBuf {
    if let Some(dir) = std::env::var_os("CHATLOG_ARCHIVE") {
        return PathBuf::from(dir);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target"),
        PathBuf::from,
    );
    let dir = target.join("bench-archive");
    if !dir.join(MARKER).exists() {
        generate(&dir);
    }
    dir
}

/// Writes the 10-year archive (the same bytes as `bench/run.sh` and `gen-archive` write
/// with their defaults). A half-written folder from an interrupted run is refused, not
/// deleted: remove it by hand.
fn generate(dir: &Path) {
    eprintln!("generating {} …", dir.display());
    if let Err(err) = write_archive(dir, &ArchiveSpec::ten_years()) {
        panic!("cannot generate {}: {err}", dir.display());
    }
}

fn main() {
    let dir = archive_path();
    let words = std::env::var("CHATLOG_WORDS").unwrap_or_else(|_| "代扣 pay".to_owned());
    println!("archive: {}", dir.display());
    println!(
        "| {:<34} | {:>13} | {:>13} | {:>24} |",
        "what", "median", "fastest", "result"
    );
    println!("|{:-<36}|{:-<15}|{:-<15}|{:-<26}|", "", "", "", "");
    let (median, fastest, loaded) = time(LOAD_RUNS, || load(&dir).expect("an archive"));
    let (archive, problems) = loaded;
    let result = format!(
        "{} days, {} msgs",
        archive.days.len(),
        archive.message_count()
    );
    row("load (walk, read, parse, intern)", median, fastest, &result);
    if !problems.is_empty() {
        eprintln!("{} problems while loading", problems.len());
    }
    let archive = Arc::new(archive);
    for word in words.split_whitespace() {
        let matcher = Matcher::new(word, false).expect("a literal query");
        let (median, fastest, hits) = time(SEARCH_RUNS, || {
            search_archive(&archive, &matcher, &Scope::default()).len()
        });
        row(
            &format!("search `{word}` in memory"),
            median,
            fastest,
            &format!("{hits} hits"),
        );
        reader_find(&archive, word);
    }
    activity_view(archive);
}

/// `i` on the last day of the first group (the whole archive in a generated one): the
/// view counts the group's messages per day, hour and speaker, then draws one 200×60 frame.
fn activity_view(archive: Arc<Archive>) {
    let size = Size::new(200, 60);
    let mut terminal = Terminal::new(TestBackend::new(size.width, size.height)).expect("a backend");
    let mut app = App::new(archive, size);
    let group_messages: usize = app
        .archive
        .group_days(app.view.group)
        .iter()
        .map(|d| d.messages.len())
        .sum();
    let (median, fastest, ()) = time(VIEW_RUNS, || {
        // Closing the view the last run opened costs nothing: the figures are dropped.
        app.update(Action::Cancel);
        app.update(Action::OpenActivity);
        terminal.draw(|f| ui::render(&app, f)).expect("a frame");
    });
    row(
        "open the activity view + a frame",
        median,
        fastest,
        &format!("{group_messages} msgs in the group"),
    );
}

/// The reader's archive-wide search (`F`), newest first over every group: how soon the
/// first results arrive from its background thread, and when all have.
fn reader_find(archive: &Arc<Archive>, word: &str) {
    let query = || ArchiveQuery {
        text: word.to_owned(),
        regex: false,
        all_groups: true,
        group: GroupId(0),
        newest_first: true,
        scope: Scope::default(),
    };
    let start = |query| ArchiveSearch::start(archive, query).expect("a literal query");
    let (median, fastest, first) = time(SEARCH_RUNS, || {
        let mut find = start(query());
        while find.found.is_empty() && find.searching() {
            find.poll();
        }
        find.found.len()
    });
    let what = format!("reader `F {word}`: first results");
    row(&what, median, fastest, &format!("{first} hits"));
    let (median, fastest, all) = time(SEARCH_RUNS, || {
        let mut find = start(query());
        find.wait();
        find.found.len()
    });
    let what = format!("reader `F {word}`: all results");
    row(&what, median, fastest, &format!("{all} hits"));
}
