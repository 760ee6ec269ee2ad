//! The real binary in a real pseudo-terminal: a tmux server of a test's own, driven by keys
//! and read back by `capture-pane`.

use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

/// A tmux server of our own (its own socket), killed when dropped.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// Starts `command` in a `width`×`height` session, or `None` when tmux is missing.
    pub fn start(name: &str, command: &str, width: u16, height: u16) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            super::real_logs::missing("tmux");
            return None;
        }
        let tmux = Tmux {
            socket: format!("chatlog-{name}-{}", std::process::id()),
        };
        let ok = tmux
            .cmd(&[
                "new-session",
                "-d",
                "-s",
                "t",
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
                command,
            ])
            .status
            .success();
        assert!(ok, "tmux new-session failed");
        Some(tmux)
    }

    pub fn cmd(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.cmd(&["send-keys", "-t", "t", k]);
        }
    }

    /// Types text literally (no key-name lookup).
    pub fn type_text(&self, text: &str) {
        self.cmd(&["send-keys", "-t", "t", "-l", text]);
    }

    pub fn screen(&self) -> String {
        self.capture(&[])
    }

    /// The screen as `capture-pane` with `flags` gives it: `-J` joins the lines the terminal
    /// wrapped, for a shell's output whose lines (a path in a message) outgrow the pane.
    pub fn capture(&self, flags: &[&str]) -> String {
        let args = [&["capture-pane", "-p", "-t", "t"], flags].concat();
        String::from_utf8_lossy(&self.cmd(&args).stdout).into_owned()
    }

    pub fn display(&self, format: &str) -> String {
        String::from_utf8_lossy(
            &self
                .cmd(&["display-message", "-p", "-t", "t", format])
                .stdout,
        )
        .trim()
        .to_owned()
    }

    /// Waits until the reader has the whole archive: its status line no longer says how far
    /// the load behind the first day has got.
    pub fn wait_for_whole(&self) -> String {
        self.poll("the whole archive", |screen| {
            let status = screen.lines().last().unwrap_or_default();
            let loading =
                status.contains("· loading ") || status.trim_start().starts_with("loading ");
            status.contains("? help") && !loading
        })
    }

    /// Waits until `format` (see [`Tmux::display`]) reads `want`; panics with the screen
    /// after 10 s.
    pub fn wait_for_display(&self, format: &str, want: &str) {
        self.poll(&format!("{format} to read {want:?}"), |_| {
            self.display(format) == want
        });
    }

    /// Waits until the screen holds `needle`; panics with the screen after 10 s.
    pub fn wait_for(&self, needle: &str) -> String {
        self.poll(&format!("{needle:?}"), |screen| screen.contains(needle))
    }

    /// Reads the screen every 50 ms until `ready` holds for it, and returns that screen;
    /// panics after 10 s, naming `what` it waited for and showing the screen.
    fn poll(&self, what: &str, mut ready: impl FnMut(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "waited for {what}; screen:\n{screen}"
            );
            sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.cmd(&["kill-server"]);
    }
}

/// The reader on `dir`, then a marker when it exits. `--no-state` keeps the tests from
/// reading or writing the user's remembered places (an e2e test covers those).
pub fn command_line(dir: &Path) -> String {
    format!(
        "'{}' --no-state '{}'; echo CHATLOG-EXITED; sleep 30",
        env!("CARGO_BIN_EXE_chatlog"),
        dir.display()
    )
}
