//! The reader's side effects on the world, carried out for the terminal loop: opening a
//! link, copying, writing an export. `update` only asks ([`Effect`]); what happened comes
//! back to it as a line for the status, so the status says what was really done.

use std::io::{self, Write, stdout};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;

use crate::action::{Effect, Export};
use crate::export;

/// The most text a copy sends, in bytes: a 57 M-character message froze the reader.
const COPY_MAX: usize = 1 << 20;
/// How long a clipboard program may take to take the text.
const COPY_WAIT: Duration = Duration::from_secs(2);

/// Does what the app asked; returns what the reader should be told, if anything.
pub fn carry_out(effect: Effect) -> Option<String> {
    match effect {
        // The system opener runs detached: a browser must not hold the terminal.
        Effect::Open(url) => open::that_detached(&url)
            .err()
            .map(|_| format!("no program to open links here: {url}")),
        Effect::Copy(text) => Some(copy(&text)),
        Effect::Export(job) => Some(write_export(&job)),
        // The terminal loop suspends itself: it owns the terminal.
        Effect::Suspend => None,
    }
}

/// Writes an export and says how it went.
fn write_export(job: &Export) -> String {
    export::to_file(&job.archive.0, &job.selection, &job.file, job.overwrite)
}

/// Puts `text` on the system clipboard through the first clipboard program there is, else
/// sends it to the terminal (OSC 52), which may or may not take it; says which happened.
fn copy(text: &str) -> String {
    let (sent, cut) = capped(text);
    let chars = sent.chars().count();
    let what = if cut {
        format!("the first {chars} characters")
    } else {
        format!("{chars} characters")
    };
    for (program, args) in clipboard_programs() {
        match pipe_to(program, args, sent) {
            Ok(()) => return format!("copied {what} ({program})"),
            Err(err) if err.kind() == io::ErrorKind::NotFound => continue,
            Err(err) => return format!("could not copy with {program}: {err}"),
        }
    }
    match osc52(sent) {
        Ok(()) => format!(
            "sent {what} to the terminal's clipboard (OSC 52); no clipboard program \
             (wl-copy, xclip, xsel, pbcopy) was found"
        ),
        Err(err) => format!("could not copy: {err}"),
    }
}

/// `text`, cut to at most [`COPY_MAX`] bytes on a character boundary; and whether it was.
fn capped(text: &str) -> (&str, bool) {
    if text.len() <= COPY_MAX {
        return (text, false);
    }
    let mut end = COPY_MAX;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (&text[..end], true)
}

/// The clipboard programs this session could use, most fitting first.
fn clipboard_programs() -> Vec<(&'static str, &'static [&'static str])> {
    let set = |name| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    let mut programs: Vec<(&str, &[&str])> = Vec::new();
    if set("WAYLAND_DISPLAY") {
        programs.push(("wl-copy", &[]));
    }
    if set("DISPLAY") {
        programs.push(("xclip", &["-selection", "clipboard"]));
        programs.push(("xsel", &["--clipboard", "--input"]));
    }
    if cfg!(target_os = "macos") {
        programs.push(("pbcopy", &[]));
    }
    programs
}

/// Gives `text` to `program` on its input. It has taken it when it exits well, or is
/// still running after [`COPY_WAIT`] (a clipboard owner serving the selection).
fn pipe_to(program: &str, args: &[&str], text: &str) -> io::Result<()> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    if let Some(mut input) = child.stdin.take() {
        input.write_all(text.as_bytes())?;
    }
    match wait(&mut child, COPY_WAIT)? {
        Some(status) if !status.success() => Err(io::Error::other(format!("it {status}"))),
        _ => Ok(()),
    }
}

/// The child's exit status, or `None` if it is still running after `most`.
fn wait(child: &mut Child, most: Duration) -> io::Result<Option<std::process::ExitStatus>> {
    let deadline = Instant::now() + most;
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if Instant::now() >= deadline {
            return Ok(None);
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// The terminal's clipboard sequence, OSC 52.
fn osc52(text: &str) -> io::Result<()> {
    let payload = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = stdout();
    write!(out, "\x1b]52;c;{payload}\x07")?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_is_capped_on_a_character_boundary() {
        let big = "代".repeat(COPY_MAX); // 3 bytes each
        let (sent, cut) = capped(&big);
        assert!(cut);
        assert!(sent.len() <= COPY_MAX && sent.len() > COPY_MAX - 3);
        assert_eq!(capped("short"), ("short", false));
    }
}
