//! The terminal side of the reader: open the terminal, load the archive in the background
//! behind a progress gauge, then loop (draw, read an event, update), and restore the
//! terminal on every exit path, a panic included.

use std::io::{self, IsTerminal, Write, stdout};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use anyhow::{Context, anyhow, bail};
use crossterm::cursor::Show;
use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEventKind, KeyModifiers,
};
use crossterm::execute;
use crossterm::terminal::LeaveAlternateScreen;
use ratatui::DefaultTerminal;

use crate::action::{Action, Effect, Shared};
use crate::app::App;
use crate::bundled;
use crate::config::{self, Settings};
use crate::effects;
use crate::history::History;
use crate::load::{Progress, load, load_first_day};
use crate::model::Archive;
use crate::places::State;
use crate::problem::Problem;
use crate::source::Source;
use crate::text;
use crate::theme::Theme;
use crate::ui;
use crate::watch::Watch;

/// How often the loading gauge is redrawn.
const LOADING_TICK: Duration = Duration::from_millis(20);
/// How long a signal's stop may take through the reader's own loop before the process
/// ends regardless.
const STOP_GRACE: Duration = Duration::from_secs(1);
/// How often the screen follows a background search.
const BUSY_TICK: Duration = Duration::from_millis(15);
/// How long the reader waits for input before looking for a termination signal.
const SIGNAL_TICK: Duration = Duration::from_millis(100);

/// Restores the terminal when dropped, so an early return or `?` can't leave it raw.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = execute!(stdout(), DisableMouseCapture);
        ratatui::restore();
    }
}

type Loaded = anyhow::Result<(Archive, Vec<Problem>)>;

/// How the reader was asked to run.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Open where the reader left this archive last time, and keep the place on leaving.
    pub remember: bool,
    /// The config file, instead of the usual one.
    pub config: Option<PathBuf>,
}

/// Runs the reader on the archive from `source` until the user quits. The first frame is drawn
/// before the archive is read: a folder's remembered day (else its first group's latest)
/// is read alone and shown at once, the whole archive loading behind it; without one, a
/// gauge shows the load. A fatal load error comes back once the terminal is restored.
pub fn run(source: &Source, options: &Options) -> anyhow::Result<()> {
    check_before_the_terminal(source.folder())?;
    let (settings, config) = configure(options.config.as_deref());
    let (mut state, warning) = if options.remember {
        State::open()
    } else {
        (None, None)
    };
    // The samples built in are remembered under their name.
    let key = source.folder().unwrap_or(Path::new(bundled::NAME));
    let place = state.as_ref().and_then(|s| s.place(key)).cloned();
    let first = source.folder().and_then(|dir| {
        let sources: Vec<PathBuf> = place
            .iter()
            .flat_map(|p| &p.sources)
            .map(PathBuf::from)
            .collect();
        load_first_day(dir, &sources)
    });
    let mut terminal = ratatui::try_init()?;
    let restore = Restore;
    // ratatui's panic hook restores raw mode and the screen; mouse capture is ours to undo.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        hook(info);
    }));
    if settings.mouse {
        execute!(stdout(), EnableMouseCapture)?;
    }
    let stop = stop_on_signals()?;
    let_big_writes_fail()?;
    let mut typed = Vec::new();
    let progress = Arc::new(Progress::default());
    // With no first day to show, the whole archive loads behind a gauge.
    let (archive, problems, watch) = match first {
        Some(day) => (day, Vec::new(), None),
        None => {
            let (watch, loader) = start_whole(source, &progress);
            let theme = &settings.theme;
            let name = source.name();
            let loaded = wait_for(
                loader,
                &progress,
                &name,
                &mut terminal,
                &stop,
                &mut typed,
                theme,
            )?;
            let Some((archive, problems)) = loaded else {
                return Ok(());
            };
            (archive, problems, Some(watch))
        }
    };
    let mut app = App::with_settings(Arc::new(archive), terminal.size()?, settings);
    if let Some(place) = place {
        app.update(Action::Restore(place));
    }
    if watch.is_none() {
        app.update(Action::Loading(0, 0));
    }
    let history_file = options.remember.then(History::default_path).flatten();
    let history_warning = history_file.as_ref().and_then(|path| {
        let (history, warning) = History::at(path);
        app.history = history;
        warning
    });
    for event in typed {
        app.input(&event);
    }
    // One notice, the load's problems first: each would hide the one before.
    let loading = (!problems.is_empty()).then(|| {
        format!(
            "{} {} while loading: `chatlog check {}` lists them",
            problems.len(),
            text::plural(problems.len(), "problem", "problems"),
            text::shown(&source.name())
        )
    });
    let said: Vec<String> = [loading, warning, history_warning, config.said()]
        .into_iter()
        .flatten()
        .collect();
    if !said.is_empty() {
        app.update(Action::Say(said.join(" · ")));
    }
    // The first day on screen first, then the whole archive behind it: loading on both
    // cores from the start, it slowed the first frame by half.
    let (watch, whole) = match watch {
        Some(watch) => (watch, None),
        None => {
            terminal.draw(|frame| ui::render(&app, frame))?;
            let (watch, loader) = start_whole(source, &progress);
            (watch, Some(Whole { loader, progress }))
        }
    };
    read(&mut app, &mut terminal, watch, whole, &stop)?;
    let saved = state.as_mut().map(|s| s.save(key, app.place()));
    let history_saved = history_file.map(|path| app.history.save(&path));
    drop(restore);
    if let Some(Err(err)) = saved {
        eprintln!("chatlog: could not keep the place: {err}");
    }
    if let Some(Err(err)) = history_saved {
        eprintln!("chatlog: could not keep the prompts' history: {err}");
    }
    // A config's text is data too: inert on the terminal that shows stderr.
    let file = text::shown(&config.file.display().to_string());
    for problem in &config.problems {
        eprintln!("chatlog: {file}: {}", text::shown(problem));
    }
    Ok(())
}

/// What must hold before the terminal is touched: the folder is there (named first, as
/// the likelier mistake), and input and output are a terminal: escape codes written into
/// a file or pipe help nobody.
fn check_before_the_terminal(dir: Option<&Path>) -> anyhow::Result<()> {
    if let Some(dir) = dir {
        let shown = text::shown(&dir.display().to_string());
        let meta = std::fs::metadata(dir).with_context(|| format!("cannot open {shown}"))?;
        if !meta.is_dir() {
            bail!("{shown} is not a directory");
        }
    }
    let not_terminal = match (io::stdin().is_terminal(), io::stdout().is_terminal()) {
        (true, true) => return Ok(()),
        (false, _) => "its input",
        (true, false) => "its output",
    };
    bail!(
        "the reader needs a terminal, and {not_terminal} is not one; \
         to print an archive, use `chatlog show DIR DATE` or `chatlog search DIR TEXT`"
    )
}

/// The config file's problems: the status line names the file short, so that the problem
/// itself stays in view; they are printed again with its whole path on quitting.
struct ConfigProblems {
    file: PathBuf,
    problems: Vec<String>,
}

impl ConfigProblems {
    fn said(&self) -> Option<String> {
        let first = self.problems.first()?;
        let more = match self.problems.len() {
            1 => String::new(),
            n => format!(" ({} more when you quit)", n - 1),
        };
        let name = self.file.file_name().unwrap_or(self.file.as_os_str());
        Some(format!("{}: {first}{more}", name.to_string_lossy()))
    }
}

/// Reads the config (the given file, else the usual one); returns the settings the app
/// holds (its theme and keymap among them) and the config's problems.
fn configure(path: Option<&Path>) -> (Settings, ConfigProblems) {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let file = path.map(Path::to_path_buf).or_else(config::default_path);
    // A file named on purpose (--config, CHATLOG_CONFIG) must be there.
    let named = path.is_some() || std::env::var_os("CHATLOG_CONFIG").is_some_and(|v| !v.is_empty());
    let (settings, problems) = match &file {
        Some(file) if named && !file.exists() => {
            let (settings, _) = config::parse("", no_color);
            (
                settings,
                vec!["no such file: using the defaults".to_owned()],
            )
        }
        Some(file) => config::load(file, no_color),
        None => config::parse("", no_color),
    };
    let file = file.unwrap_or_else(|| PathBuf::from("config"));
    (settings, ConfigProblems { file, problems })
}

/// Starts watching `source` (a folder: the samples do not change), then loading it whole,
/// counting in `progress`: watched from before the load's walk, no change during the load
/// is missed.
fn start_whole(source: &Source, progress: &Arc<Progress>) -> (Option<Watch>, JoinHandle<Loaded>) {
    let watch = source.folder().and_then(|dir| Watch::start(dir).ok());
    let (source, progress) = (source.clone(), Arc::clone(progress));
    (watch, std::thread::spawn(move || source.load(&progress)))
}

/// The whole archive loading behind the first day, and how far it has got.
struct Whole {
    loader: JoinHandle<Loaded>,
    progress: Arc<Progress>,
}

/// The reader's loop: draw, wait for input (or a tick), update, until quit or a signal.
fn read(
    app: &mut App,
    terminal: &mut DefaultTerminal,
    mut watch: Option<Watch>,
    mut whole: Option<Whole>,
    stop: &AtomicBool,
) -> anyhow::Result<()> {
    // Without a watch (the samples, or out of inotify watches) the reader still works,
    // unrefreshed.
    let mut reload: Option<JoinHandle<Loaded>> = None;
    // Whether the screen lags behind the app: an idle reader draws nothing.
    let mut stale = true;
    while !app.view.quit && !stop.load(Ordering::Relaxed) {
        for effect in std::mem::take(&mut app.effects) {
            if effect == Effect::Suspend {
                suspend(terminal, app.settings.mouse)?;
                stale = true;
            } else if let Some(said) = effects::carry_out(effect) {
                app.update(Action::Say(said));
            }
        }
        if stale {
            terminal.draw(|frame| ui::render(app, frame))?;
        }
        // While a search or the whole load runs in the background, wake often to show it.
        let searching = app.busy();
        let tick = if searching || whole.is_some() {
            BUSY_TICK
        } else {
            SIGNAL_TICK
        };
        stale = if event::poll(tick)? {
            app.input(&event::read()?);
            true
        } else {
            app.update(Action::Tick);
            let loaded = follow_whole(app, &mut whole);
            // A change seen while the whole load runs is read by a reload after it.
            let reloaded = whole.is_none() && follow_changes(app, watch.as_mut(), &mut reload);
            searching || loaded || reloaded
        };
    }
    Ok(())
}

/// Follows the whole archive's load behind the first day: its progress, then the archive
/// itself, or why it could not be had. Returns whether the app changed.
fn follow_whole(app: &mut App, whole: &mut Option<Whole>) -> bool {
    let Some(Whole { loader, progress }) = whole else {
        return false;
    };
    if !loader.is_finished() {
        let counts = (
            progress.parsed.load(Ordering::Relaxed),
            progress.files.load(Ordering::Relaxed),
        );
        let before = app.loading;
        app.update(Action::Loading(counts.0, counts.1));
        return app.loading != before;
    }
    match whole.take().map(|w| w.loader.join()) {
        Some(Ok(Ok((archive, problems)))) => {
            app.update(Action::Loaded(Shared(Arc::new(archive)), problems.len()))
        }
        Some(Ok(Err(err))) => app.update(Action::Say(format!(
            "could not load the whole archive: {err:#}; this day only, until the folder changes"
        ))),
        _ => app.update(Action::Say("could not load the whole archive".into())),
    }
    true
}

/// Reloads the archive in the background once it has changed on disk, and hands the new
/// load to the app when it is ready; a failed reload keeps the archive as it was. Returns
/// whether the app changed.
fn follow_changes(
    app: &mut App,
    watch: Option<&mut Watch>,
    reload: &mut Option<JoinHandle<Loaded>>,
) -> bool {
    if let Some(watch) = watch
        && reload.is_none()
        && watch.settled()
    {
        let dir = watch.root().to_path_buf();
        *reload = Some(std::thread::spawn(move || load(&dir)));
    }
    if !reload.as_ref().is_some_and(JoinHandle::is_finished) {
        return false;
    }
    match reload.take().map(JoinHandle::join) {
        Some(Ok(Ok((archive, problems)))) => {
            app.update(Action::Reload(Shared(Arc::new(archive)), problems.len()))
        }
        Some(Ok(Err(err))) => app.update(Action::Say(format!("could not reload: {err:#}"))),
        _ => app.update(Action::Say("could not reload the archive".into())),
    }
    true
}

/// A flag raised by SIGTERM, SIGHUP or SIGINT, so that `kill` or a closed terminal ends
/// the reader through the same path as `q`, which restores the terminal and keeps the
/// place. If that path has not ended the process within [`STOP_GRACE`] (when the terminal
/// is gone, crossterm's input reader spins on end-of-file and never returns to the loop),
/// the process ends anyway.
#[cfg(unix)]
fn stop_on_signals() -> std::io::Result<Arc<AtomicBool>> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let stop = Arc::new(AtomicBool::new(false));
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    let flag = Arc::clone(&stop);
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            flag.store(true, Ordering::Relaxed);
            std::thread::sleep(STOP_GRACE);
            // The reader's thread may be busy or blocked, holding the standard output's
            // lock: restore through a handle of our own on the terminal. It may block on
            // a terminal that is gone: try it aside, briefly.
            std::thread::spawn(|| {
                let tty = std::fs::OpenOptions::new().write(true).open("/dev/tty");
                if let Ok(mut tty) = tty {
                    let _ = restore_aside(&mut tty);
                }
            });
            std::thread::sleep(STOP_GRACE / 4);
            signal_hook::low_level::exit(128 + signal);
        }
    });
    Ok(stop)
}

/// Elsewhere no signal stops the reader: its keys do (Ctrl-c is a key in raw mode).
#[cfg(not(unix))]
fn stop_on_signals() -> std::io::Result<Arc<AtomicBool>> {
    Ok(Arc::new(AtomicBool::new(false)))
}

/// A file-size limit reached by `:export` fails that write (EFBIG) instead of killing the
/// reader with the terminal raw (SIGXFSZ).
#[cfg(unix)]
fn let_big_writes_fail() -> io::Result<()> {
    let ignored = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(signal_hook::consts::SIGXFSZ, ignored).map(drop)
}

#[cfg(not(unix))]
fn let_big_writes_fail() -> io::Result<()> {
    Ok(())
}

/// Ctrl-z: gives the terminal back to the shell and stops; when the shell brings the
/// reader back (`fg`), takes the terminal again and draws anew, as less and vim do.
#[cfg(unix)]
fn suspend(terminal: &mut DefaultTerminal, mouse: bool) -> io::Result<()> {
    execute!(stdout(), DisableMouseCapture)?;
    ratatui::restore();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    *terminal = ratatui::try_init()?;
    if mouse {
        execute!(stdout(), EnableMouseCapture)?;
    }
    terminal.clear()
}

/// No job control to stop for elsewhere: Ctrl-z does nothing.
#[cfg(not(unix))]
fn suspend(_: &mut DefaultTerminal, _: bool) -> io::Result<()> {
    Ok(())
}

/// Puts the terminal back without the standard output or its lock: the sequences go to
/// `tty`, and raw mode is left through the terminal's own settings.
#[cfg(unix)]
fn restore_aside(tty: &mut impl Write) -> io::Result<()> {
    execute!(tty, DisableMouseCapture, LeaveAlternateScreen, Show)?;
    crossterm::terminal::disable_raw_mode()
}

/// Draws the loading gauge until the loader is done; `None` if the user quit first. Keys
/// typed meanwhile go into `typed`, to be taken once the archive is there.
fn wait_for(
    loader: JoinHandle<Loaded>,
    progress: &Progress,
    shown: &str,
    terminal: &mut DefaultTerminal,
    stop: &AtomicBool,
    typed: &mut Vec<Event>,
    theme: &Theme,
) -> anyhow::Result<Option<(Archive, Vec<Problem>)>> {
    while !loader.is_finished() {
        if stop.load(Ordering::Relaxed) {
            return Ok(None);
        }
        terminal.draw(|frame| {
            let (parsed, files) = (
                progress.parsed.load(Ordering::Relaxed),
                progress.files.load(Ordering::Relaxed),
            );
            let counts = (parsed, files);
            ui::loading::render(shown, counts, theme, frame.area(), frame.buffer_mut());
        })?;
        if event::poll(LOADING_TICK)? {
            match event::read()? {
                e if is_quit(&e) => return Ok(None),
                e @ Event::Key(_) => typed.push(e),
                _ => {}
            }
        }
    }
    let loaded = loader
        .join()
        .map_err(|_| anyhow!("loading {shown} failed unexpectedly"))?;
    loaded.map(Some)
}

/// `q` or Ctrl-c: the only keys that mean anything before the archive is there.
fn is_quit(event: &Event) -> bool {
    let Event::Key(key) = event else {
        return false;
    };
    key.kind != KeyEventKind::Release
        && (key.code == KeyCode::Char('q')
            || (key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL)))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// The signal path restores while another thread holds the standard output's lock,
    /// as a reader busy drawing (or blocked writing) does.
    #[test]
    fn restoring_aside_needs_no_lock_of_the_standard_output() {
        let (locked, release) = (
            Arc::new(AtomicBool::new(false)),
            Arc::new(AtomicBool::new(false)),
        );
        let holder = {
            let (locked, release) = (locked.clone(), release.clone());
            std::thread::spawn(move || {
                let _lock = stdout().lock();
                locked.store(true, Ordering::SeqCst);
                while !release.load(Ordering::SeqCst) {
                    std::thread::sleep(Duration::from_millis(5));
                }
            })
        };
        while !locked.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(5));
        }
        let restorer = std::thread::spawn(|| {
            let mut tty = Vec::new();
            restore_aside(&mut tty).map(|()| tty)
        });
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while !restorer.is_finished() && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        let finished = restorer.is_finished();
        release.store(true, Ordering::SeqCst);
        holder.join().unwrap();
        assert!(finished, "restoring waited for the lock");
        let written = String::from_utf8(restorer.join().unwrap().unwrap()).unwrap();
        for sequence in ["\x1b[?1049l", "\x1b[?1000l", "\x1b[?25h"] {
            assert!(written.contains(sequence), "{written:?} lacks {sequence:?}");
        }
    }
}
