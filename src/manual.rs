//! The man page (`chatlog man`): clap's page for the command line, then the reader's keys
//! and `:` commands from the tables help shows, and the config's settings and the actions
//! its `[keys]` can rebind, named from the same table.

use std::io::{self, Write};

use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};

use crate::app::command::COMMANDS;
use crate::keymap::{BINDINGS, rebindable_name};

/// The config's settings, as the man page lists them.
const SETTINGS: &[(&str, &str)] = &[
    (
        "theme",
        "\"dark\" (the default) or \"light\"; NO_COLOR takes colours out",
    ),
    (
        "day_list_width",
        "cells the day list takes, 16 to 60 (default 24)",
    ),
    (
        "time_format",
        "chrono strftime for a time of day (default %H:%M:%S)",
    ),
    (
        "[colors]",
        "hit, current_hit, selected, status, notice, link, border, focused_border",
    ),
    (
        "[keys]",
        "an action (below) = a key or a list: \"j\", \"G\", \"ctrl-d\", \"pgdn\", \"f5\"",
    ),
];

/// Writes the man page of `cmd` to `out`.
pub fn write(cmd: clap::Command, out: &mut dyn Write) -> io::Result<()> {
    let man = Man::new(cmd);
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    man.render_subcommands_section(out)?;
    keys(out)?;
    config(out)?;
    man.render_version_section(out)
}

/// The reader's keys, context by context, then the `:` commands.
fn keys(out: &mut dyn Write) -> io::Result<()> {
    let mut roff = Roff::new();
    roff.control("SH", ["KEYS"]);
    let mut context = None;
    for b in BINDINGS {
        if context != Some(b.context) {
            context = Some(b.context);
            roff.control("SS", [b.context.title()]);
        }
        let keys: Vec<String> = b.keys.iter().map(|k| ascii(&k.name())).collect();
        roff.control("TP", []);
        roff.text([bold(keys.join(" "))]);
        roff.text([roman(b.help)]);
    }
    roff.control("SS", ["commands, typed after :"]);
    for command in COMMANDS {
        roff.control("TP", []);
        roff.text([bold(command.usage)]);
        roff.text([roman(command.help)]);
    }
    roff.to_writer(out)
}

/// A key's name with its arrows spelt out: a man page is read by tools that take ASCII.
fn ascii(name: &str) -> String {
    name.replace('↑', "Up")
        .replace('↓', "Down")
        .replace('←', "Left")
        .replace('→', "Right")
}

/// The config file's settings and the actions its `[keys]` can rebind.
fn config(out: &mut dyn Write) -> io::Result<()> {
    let mut roff = Roff::new();
    roff.control("SH", ["CONFIG"]);
    roff.text([roman(
        "$XDG_CONFIG_HOME/chatlog/config.toml, or --config FILE. A mistake is named and that \
         setting keeps its default.",
    )]);
    for (name, what) in SETTINGS {
        roff.control("TP", []);
        roff.text([bold(*name)]);
        roff.text([roman(*what)]);
    }
    let mut actions: Vec<&str> = Vec::new();
    for name in BINDINGS.iter().filter_map(rebindable_name) {
        if !actions.contains(&name) {
            actions.push(name);
        }
    }
    roff.control("SS", ["actions [keys] can rebind"]);
    roff.text([roman(actions.join(" "))]);
    roff.to_writer(out)
}
