//! The reader's side effects on the world, carried out for the terminal loop: opening a
//! link, copying, writing an export. `update` only asks ([`Effect`]); what happened comes
//! back to it as a line for the status, so the status says what was done.

use std::io::{Write, stdout};

use base64::Engine;

use crate::action::{Effect, Export};
use crate::export;

/// Does what the app asked; returns what the reader should be told, if anything (how an
/// export went; why an open or copy failed).
pub fn carry_out(effect: Effect) -> Option<String> {
    match effect {
        // The system opener runs detached: a browser must not hold the terminal.
        Effect::Open(url) => open::that_detached(&url)
            .err()
            .map(|_| format!("no program to open links here: {url}")),
        Effect::Copy(text) => {
            let payload = base64::engine::general_purpose::STANDARD.encode(text);
            let mut out = stdout();
            write!(out, "\x1b]52;c;{payload}\x07")
                .and_then(|()| out.flush())
                .err()
                .map(|err| format!("could not copy: {err}"))
        }
        Effect::Export(job) => Some(write_export(&job)),
    }
}

/// Writes an export and says how it went.
fn write_export(job: &Export) -> String {
    let archive = &job.archive.0;
    match archive.days.get(job.day) {
        Some(day) => export::to_file(archive, day, &job.shown, &job.file, job.overwrite),
        None => "not exported: the day is no longer in the archive".to_owned(),
    }
}
