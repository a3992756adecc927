//! `jitgen-bench`: runs the benchmark programs under CPython, PyPy, toy's and bf's `--jit`
//! configurations, and reports their speed relative to CPython (first iteration, steady
//! state, whole process), CPU time and peak RSS; or, with `--smoke`, checks that every
//! program follows the protocol and computes the same result everywhere.
//!
//! The programs and the protocol they follow are described in `bench/README.md`. Every run's
//! result lines are checked against the reference's (CPython's), and a run that differs,
//! crashes or times out is reported as failed, never as a time.

mod benchmark;
mod implementation;
mod measure;
mod programs;
mod progress;
mod protocol;
mod report;
mod smoke;
mod stats;
mod summary;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;

use crate::benchmark::Settings;
use crate::implementation::{select, Choices, Implementation};
use crate::programs::{discover, Directory};
use crate::report::Format;
use crate::summary::Summary;

/// Benchmark jitgen's languages against CPython and PyPy.
#[derive(Parser)]
#[command(name = "jitgen-bench", about, long_about = None)]
struct Cli {
    /// Runs of each program under each implementation; medians are reported.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..))]
    runs: u64,
    /// Only the programs whose name contains this.
    #[arg(long)]
    filter: Option<String>,
    /// toy's `--jit` configurations, one column each [default: off,on; with --smoke:
    /// off,threshold=1].
    #[arg(long, value_delimiter = ',')]
    jit: Option<Vec<String>>,
    /// Skip the Python sources (no CPython, no PyPy).
    #[arg(long)]
    no_python: bool,
    /// Skip PyPy.
    #[arg(long)]
    no_pypy: bool,
    /// ITERATIONS passed to the programs [default: each program's own].
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    iterations: Option<u64>,
    /// A directory of programs (repeatable) [default: bench/programs and langs/bf/programs].
    #[arg(long, value_name = "DIR")]
    programs: Vec<PathBuf>,
    /// The toy binary [default: `toy` beside this program].
    #[arg(long, value_name = "PATH")]
    toy: Option<PathBuf>,
    /// The bf binary [default: `bf` beside this program].
    #[arg(long, value_name = "PATH")]
    bf: Option<PathBuf>,
    /// The time limit of one run, in seconds [default: 600; with --smoke: 60].
    #[arg(long, value_name = "SECONDS", value_parser = parse_seconds)]
    timeout: Option<Duration>,
    /// How the report is written.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Run each program once with ITERATIONS=1 and its smoke size, check the results, and
    /// exit non-zero on any failure (what CI runs).
    #[arg(long)]
    smoke: bool,
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("jitgen-bench: {message}");
            ExitCode::from(2)
        }
    }
}

/// Runs what the command line asks; `Err` for a problem that stops everything.
fn run(cli: Cli) -> Result<ExitCode, String> {
    let directories = program_directories(&cli)?;
    let needed: BTreeSet<_> = directories
        .iter()
        .flat_map(|dir| &dir.programs)
        .flat_map(|program| program.sources.keys().copied())
        .collect();
    if needed.is_empty() {
        return Err(match &cli.filter {
            Some(filter) => format!("no program's name contains `{filter}`"),
            None => "no programs found".to_string(),
        });
    }
    let default_jit = if cli.smoke {
        "off,threshold=1"
    } else {
        "off,on"
    };
    let choices = Choices {
        python: !cli.no_python,
        pypy: !cli.no_pypy,
        toy: cli.toy.clone().unwrap_or_else(|| sibling("toy")),
        toy_jit: cli
            .jit
            .clone()
            .unwrap_or_else(|| default_jit.split(',').map(str::to_string).collect()),
        bf: cli.bf.clone().unwrap_or_else(|| sibling("bf")),
    };
    let mut notes = Vec::new();
    let implementations = select(&choices, &needed, &mut notes)?;
    notes.extend(unrun_programs(&directories, &implementations));
    notes.extend(busy_machine());
    for note in &notes {
        eprintln!("note: {note}");
    }
    if implementations.is_empty() {
        return Err("no implementation to run".to_string());
    }

    if cli.smoke {
        let timeout = cli.timeout.unwrap_or(Duration::from_secs(60));
        let tally = smoke::run(&directories, &implementations, timeout);
        println!("smoke: {} passed, {} failed", tally.passed, tally.failed);
        return Ok(if tally.failed == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        });
    }
    let settings = Settings {
        runs: cli.runs as usize,
        iterations: cli.iterations,
        timeout: cli.timeout.unwrap_or(Duration::from_secs(600)),
    };
    let report = benchmark::run(&directories, &implementations, &settings);
    print!("{}", report.render(cli.format));
    let failed = report
        .sections
        .iter()
        .flat_map(|section| &section.rows)
        .flat_map(|row| &row.cells)
        .any(|cell| matches!(cell, Summary::Failed(_)));
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The directories given with `--programs`, or the default ones (`bench/programs`, and
/// `langs/bf/programs` if it exists), with their programs.
fn program_directories(cli: &Cli) -> Result<Vec<Directory>, String> {
    let filter = cli.filter.as_deref();
    if !cli.programs.is_empty() {
        return cli
            .programs
            .iter()
            .map(|path| discover(path, path.display().to_string(), filter))
            .collect();
    }
    let bench = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut directories = vec![discover(
        &bench.join("programs"),
        "bench/programs".to_string(),
        filter,
    )?];
    let bf = bench.join("../langs/bf/programs");
    if bf.is_dir() {
        directories.push(discover(&bf, "langs/bf/programs".to_string(), filter)?);
    }
    Ok(directories)
}

/// A note naming the programs that no selected implementation runs, if any.
fn unrun_programs(directories: &[Directory], implementations: &[Implementation]) -> Option<String> {
    let unrun: Vec<&str> = directories
        .iter()
        .flat_map(|dir| &dir.programs)
        .filter(|program| {
            !implementations
                .iter()
                .any(|imp| program.sources.contains_key(&imp.language))
        })
        .map(|program| program.name.as_str())
        .collect();
    (!unrun.is_empty()).then(|| {
        format!(
            "no selected implementation runs {} program(s), skipped: {}",
            unrun.len(),
            unrun.join(", ")
        )
    })
}

/// A warning if other processes keep the machine's cores busy (the 1-minute load average is
/// above half the core count), since times then are noisy.
fn busy_machine() -> Option<String> {
    let loadavg = std::fs::read_to_string("/proc/loadavg").ok()?;
    let load: f64 = loadavg.split_whitespace().next()?.parse().ok()?;
    let cores = std::thread::available_parallelism().ok()?.get();
    (load > cores as f64 / 2.0).then(|| {
        format!("load average {load} on {cores} cores: other processes are running, times will be noisy")
    })
}

/// The binary `name` beside this one (both are in `target/release` after a release build).
fn sibling(name: &str) -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(name)))
        .unwrap_or_else(|| PathBuf::from(name))
}

/// A positive number of seconds.
fn parse_seconds(text: &str) -> Result<Duration, String> {
    match text.parse::<f64>() {
        Ok(seconds) if seconds > 0.0 && seconds.is_finite() => Ok(Duration::from_secs_f64(seconds)),
        _ => Err(format!("`{text}` is not a positive number of seconds")),
    }
}
