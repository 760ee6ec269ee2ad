//! Writes a synthetic archive in the real format, for the scale benchmarks:
//!
//! ```sh
//! cargo run --release --example gen-archive -- OUT --days 3650 --per-day 300 --groups 1 --seed 1
//! ```
//!
//! OUT must not exist or be empty: the generator never overwrites or deletes anything.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use chatlog::synth::{ArchiveSpec, write_archive};
use chrono::NaiveDate;
use clap::Parser;

/// Write a synthetic chat archive (OUT/[group/]YYYY/MM/YYYY-MM-DD-WeChat.md).
#[derive(Parser)]
struct Args {
    /// Folder to create; must be missing or empty.
    out: PathBuf,
    /// Days per group, consecutive from --start.
    #[arg(long, default_value_t = ArchiveSpec::ten_years().days)]
    days: usize,
    /// Average messages per day (busy and quiet days vary around it).
    #[arg(long, default_value_t = ArchiveSpec::ten_years().per_day)]
    per_day: usize,
    /// Chat groups; more than one writes one folder per group.
    #[arg(long, default_value_t = ArchiveSpec::ten_years().groups)]
    groups: usize,
    /// The same seed writes the same bytes.
    #[arg(long, default_value_t = ArchiveSpec::ten_years().seed)]
    seed: u64,
    /// First date.
    #[arg(long, default_value_t = ArchiveSpec::ten_years().start)]
    start: NaiveDate,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let spec = ArchiveSpec {
        days: args.days,
        per_day: args.per_day,
        groups: args.groups.max(1),
        seed: args.seed,
        start: args.start,
    };
    let started = Instant::now();
    match write_archive(&args.out, &spec) {
        Ok(w) => {
            let secs = started.elapsed().as_secs_f64();
            let mb = w.bytes as f64 / 1e6;
            println!(
                "{}: {} files, {} messages, {mb:.1} MB in {secs:.2} s ({:.0} MB/s)",
                args.out.display(),
                w.files,
                w.messages,
                mb / secs
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("gen-archive: {err}");
            ExitCode::from(2)
        }
    }
}
