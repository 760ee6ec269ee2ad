//! The `chatlog` command line: picks a command, loads the archive, runs it.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::mem::ManuallyDrop;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{CommandFactory, Parser, Subcommand};

use chatlog::activity::Span;
use chatlog::commands::{self, By, Print, exit};
use chatlog::dates::DateSpan;
use chatlog::export::Format;
use chatlog::grep;
use chatlog::load::load;
use chatlog::model::Archive;
use chatlog::problem::Problem;
use chatlog::search::{Matcher, Scope};
use chatlog::source::Source;
use chatlog::text;

/// A fast, exact terminal reader for archives of group-chat day logs.
#[derive(Parser)]
#[command(version, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// The archive folder to read (default: the current folder if it holds day files, dated
    /// .md/.markdown files at most 3 folders down; else the samples built into chatlog).
    dir: Option<PathBuf>,
    /// Neither open where the reader left this archive last time nor remember it now.
    #[arg(long)]
    no_state: bool,
    /// The reader's config file (default: $XDG_CONFIG_HOME/chatlog/config.toml).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Lists every problem in the archive as PATH:LINE: message, then a summary.
    #[command(after_help = "Examples:\n  chatlog check ~/chats")]
    Check {
        /// The archive folder.
        dir: PathBuf,
    },
    /// Counts groups, days, messages and speakers; first and last date; top speakers.
    /// With --by, one activity figure instead.
    #[command(
        after_help = "Examples:\n  chatlog stats ~/chats --json | jq .echoes\n  chatlog stats ~/chats --by speaker --group devarch"
    )]
    Stats {
        /// The archive folder.
        dir: PathBuf,
        /// Messages per hour of the day, per date, or per speaker, each with a bar.
        #[arg(long, value_enum)]
        by: Option<By>,
        /// Only this chat group.
        #[arg(long, value_name = "G")]
        group: Option<String>,
        /// JSON instead of text: one object, or with --by an array of
        /// {hour|date|speaker, messages} objects (people also have "aliases").
        #[arg(long)]
        json: bool,
        /// With --by, every message, echoes included (an echo: the same message again, same day and
        /// second, from a merged export; by default it is left to the message it repeats).
        #[arg(long)]
        all: bool,
    },
    /// Prints every message that matches QUERY, one per line. Exits 0 when something
    /// matched, 1 when nothing did, 2 on an error, as grep does.
    #[command(
        after_help = "Context lines (-A, -B, -C) have '-' where a found message has ':' after the speaker \
(TIME SPEAKER- text), and a line '--' stands between groups that do not follow each other.\n\n\
Examples:\n  chatlog search ~/chats 代扣 --group devarch --from 2018-03-01 --to 2018-03-31\n  chatlog search ~/chats '代扣|清算' --regex --speaker 田浩沛 --json\n  chatlog search ~/chats 备付金 -C 2 --color always | less -R\n  chatlog search ~/chats 备付金 -c"
    )]
    Search {
        /// The archive folder.
        dir: PathBuf,
        /// Text to find; case-insensitive unless it has an upper-case letter.
        query: String,
        /// Only messages by this person (any of their names, exact; repeat for several).
        #[arg(long, value_name = "NAME")]
        speaker: Vec<String>,
        /// Only this chat group.
        #[arg(long, value_name = "G")]
        group: Option<String>,
        /// Only days on or after this date (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        from: Option<NaiveDate>,
        /// Only days on or before this date (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        to: Option<NaiveDate>,
        /// QUERY is a regular expression.
        #[arg(long)]
        regex: bool,
        /// Print N messages of the day after each one found (whoever wrote them).
        #[arg(short = 'A', long, value_name = "N")]
        after_context: Option<usize>,
        /// Print N messages of the day before each one found (whoever wrote them).
        #[arg(short = 'B', long, value_name = "N")]
        before_context: Option<usize>,
        /// Print N messages of the day before and after each one found (-A and -B win).
        #[arg(short = 'C', long, value_name = "N")]
        context: Option<usize>,
        /// Highlight the matched text: auto (only when printing to a terminal, and not with
        /// NO_COLOR set), always, never.
        #[arg(long, value_enum, value_name = "WHEN", default_value_t)]
        color: Color,
        /// JSON lines with group, date, time, speaker, text (context: "context": true too).
        #[arg(long)]
        json: bool,
        /// Print the number of matching messages instead of them.
        #[arg(short = 'c', long)]
        count: bool,
        /// Print nothing: the exit code says whether anything matched (0) or not (1).
        #[arg(short = 'q', long)]
        quiet: bool,
        /// Every message, echoes included (an echo: the same message again, same day and
        /// second, from a merged export; by default it is left to the message it repeats).
        #[arg(long)]
        all: bool,
    },
    /// Prints a day, or every day of a month, a year or a range: as text, as day files in
    /// the archive's format, as JSON or as CSV.
    #[command(
        after_help = "Examples:\n  chatlog show ~/chats 2018-03-26 --group prodarch\n  chatlog show ~/chats 2018-03 --group prodarch --speaker 田浩沛\n  chatlog show ~/chats 2018-03-01..2018-03-15 --format json | jq .date\n  chatlog show ~/chats 2018 --group devarch --format csv --bom > devarch-2018.csv\n  chatlog show ~/chats 2018-03-26 --group prodarch --format markdown --all > day.md"
    )]
    Show {
        /// The archive folder.
        dir: PathBuf,
        /// A day (YYYY-MM-DD), a month (YYYY-MM), a year (YYYY) or FIRST..LAST of those. A
        /// day is printed even when empty; of longer spans, the days with messages to print.
        #[arg(value_name = "DATES")]
        dates: DateSpan,
        /// The chat group (needed when a single date is in several groups; a span without it
        /// prints every group's days, group by group).
        #[arg(long, value_name = "G")]
        group: Option<String>,
        /// Only messages by this person (any of their names, exact; repeat for several).
        #[arg(long, value_name = "NAME")]
        speaker: Vec<String>,
        /// text: a heading per day, a line per message; markdown: day files chatlog loads
        /// again; json: an object a day, a line each (group, date, messages: time, speaker,
        /// kind, text); csv: group,date,time,speaker,kind,text rows under a header (RFC 4180).
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// With --format csv: start with a UTF-8 byte order mark, so that spreadsheets read
        /// Chinese text as UTF-8.
        #[arg(long)]
        bom: bool,
        /// Every message, echoes included (an echo: the same message again, same day and
        /// second, from a merged export; by default it is left to the message it repeats).
        #[arg(long)]
        all: bool,
    },
    /// Serves the archive to AI assistants: an MCP server on stdio (search, read_day, stats,
    /// list_groups, list_speakers) that follows changes to the folder.
    #[command(
        after_help = "Examples:\n  chatlog mcp ~/chats    (an MCP client starts it; see the README)"
    )]
    Mcp {
        /// The archive folder.
        dir: PathBuf,
    },
    /// Prints a completion script for SHELL (e.g. `chatlog completions bash > /etc/bash_completion.d/chatlog`).
    #[command(
        after_help = "Examples:\n  chatlog completions bash > ~/.local/share/bash-completion/completions/chatlog"
    )]
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Prints the man page (`chatlog man > chatlog.1`), the reader's keys and the config in it.
    #[command(after_help = "Examples:\n  chatlog man > ~/.local/share/man/man1/chatlog.1")]
    Man,
}

fn main() -> ExitCode {
    grow_heaps_in_large_steps();
    let cli = Cli::parse();
    let code = match run(cli) {
        Ok(code) => code,
        // A reader like `head` closed the pipe: not an error.
        Err(err)
            if err
                .downcast_ref::<io::Error>()
                .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe) =>
        {
            exit::OK
        }
        Err(err) => {
            // The error may quote the archive (a folder named to set the clipboard).
            eprintln!("chatlog: {}", text::shown(&format!("{err:#}")));
            exit::FATAL
        }
    };
    ExitCode::from(code as u8)
}

/// Has glibc's allocator grow a heap 16 MiB at a time (pages it adds are only reserved
/// until used): a load's threads grew theirs 3,000 times in small steps, a system call each,
/// about 4 % of loading the 10-year bench archive.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn grow_heaps_in_large_steps() {
    // SAFETY: mallopt only sets a tuning value of the allocator, under its own lock.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, 16 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn grow_heaps_in_large_steps() {}

fn run(cli: Cli) -> anyhow::Result<i32> {
    if let Some(Command::Mcp { dir }) = &cli.command {
        // The server writes protocol messages to stdout itself: nothing may hold its lock.
        chatlog::mcp::serve(dir)?;
        return Ok(exit::OK);
    }
    // Into a pipe or a file, in large blocks, as grep writes (`show` of a year made 105,000
    // write calls, one a line); on a terminal, line by line, as a reader watches it.
    let stdout = io::stdout();
    let mut out: Box<dyn Write> = if stdout.is_terminal() {
        Box::new(stdout.lock())
    } else {
        Box::new(BufWriter::with_capacity(64 << 10, stdout.lock()))
    };
    let out = &mut *out;
    let code = match cli.command {
        None => {
            let options = chatlog::tui::Options {
                remember: !cli.no_state,
                config: cli.config,
            };
            chatlog::tui::run(&Source::choose(cli.dir), &options)?;
            exit::OK
        }
        Some(Command::Check { dir }) => {
            let (archive, problems) = open(&dir, false)?;
            commands::check(&archive, &problems, out)?
        }
        Some(Command::Stats {
            dir,
            by,
            group,
            json,
            all,
        }) => {
            let (archive, problems) = open(&dir, true)?;
            let group = Scope::named::<&str>(&archive, group.as_deref(), &[], all)?.group;
            let span = group.map_or(Span::Archive, Span::Group);
            match by {
                None => commands::stats(&archive, &problems, span, json, out)?,
                Some(by) => commands::activity(&archive, &problems, (by, span, !all), json, out)?,
            }
        }
        Some(Command::Search {
            dir,
            query,
            speaker,
            group,
            from,
            to,
            regex,
            after_context,
            before_context,
            context,
            color,
            json,
            all,
            count,
            quiet,
        }) => {
            let matcher =
                Matcher::new(&query, regex).map_err(|e| anyhow::anyhow!("bad query: {e}"))?;
            if let (Some(from), Some(to)) = (from, to)
                && from > to
            {
                anyhow::bail!("--from {from} is later than --to {to}: no day can be in both");
            }
            let (archive, _) = open(&dir, true)?;
            let mut scope = Scope::named(&archive, group.as_deref(), &speaker, all)?;
            scope.from = from;
            scope.to = to;
            let lines = grep::Lines {
                before: before_context.or(context).unwrap_or(0),
                after: after_context.or(context).unwrap_or(0),
                color: !json && color.wanted(),
                json,
            };
            let print = match (quiet, count) {
                (true, _) => Print::Quiet,
                (_, true) => Print::Count,
                _ => Print::Messages(lines),
            };
            commands::search(&archive, &matcher, &scope, print, out)?
        }
        Some(Command::Show {
            dir,
            dates,
            group,
            speaker,
            format,
            bom,
            all,
        }) => {
            if bom && format != Format::Csv {
                anyhow::bail!("--bom goes with --format csv");
            }
            let (archive, problems) = open(&dir, true)?;
            let scope = Scope::named(&archive, group.as_deref(), &speaker, all)?;
            let selection = commands::show_selection(&archive, &dates, &scope)?;
            if selection.days.is_empty() {
                let within = group.map_or_else(String::new, |g| format!(" in {}", text::shown(&g)));
                eprintln!("chatlog: nothing to show in {dates}{within}");
                exit::PROBLEMS
            } else {
                commands::show(&archive, &problems, &selection, (format, bom), out)?
            }
        }
        // Served above, before standard output was locked.
        Some(Command::Mcp { .. }) => exit::OK,
        Some(Command::Completions { shell }) => {
            clap_complete::generate(shell, &mut Cli::command(), "chatlog", out);
            exit::OK
        }
        Some(Command::Man) => {
            chatlog::manual::write(Cli::command(), out)?;
            exit::OK
        }
    };
    out.flush()?;
    Ok(code)
}

/// When `search` highlights what matched.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
enum Color {
    /// When printing to a terminal, unless NO_COLOR is set (to anything but nothing).
    #[default]
    Auto,
    Always,
    Never,
}

impl Color {
    fn wanted(self) -> bool {
        match self {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => {
                let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
                io::stdout().is_terminal() && !no_color
            }
        }
    }
}

/// Loads `dir`; with `summarise`, says on stderr how many problems there were.
///
/// The archive is never freed: the process ends right after the command, and freeing a
/// big archive piece by piece cost ~30 ms on a 10-year one, a tenth of the whole run.
fn open(dir: &Path, summarise: bool) -> anyhow::Result<(ManuallyDrop<Archive>, Vec<Problem>)> {
    let (archive, problems) = load(dir)?;
    if summarise && !problems.is_empty() {
        let dir = text::shown(&dir.display().to_string());
        eprintln!(
            "chatlog: {} problem(s) while loading {dir}; `chatlog check {dir}` lists them",
            problems.len(),
        );
    }
    Ok((ManuallyDrop::new(archive), problems))
}
