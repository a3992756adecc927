//! `jitgen-bench`: runs the benchmark programs under CPython, PyPy, toy's and bf's `--jit`
//! configurations, and reports their speed relative to CPython (first iteration, steady
//! state, whole process), CPU time and peak RSS; or, with `--smoke`, checks that every
//! program follows the protocol and computes the same result everywhere.
//!
//! The programs and the protocol they follow are described in `bench/README.md`. Every run's
//! result lines are checked against the reference's (CPython's), and a run that differs,
//! crashes or times out is reported as failed, never as a time.
//!
//! Every measuring run appends its results to the results store (`store.rs`). The
//! subcommands read and extend it: `history --since REV` measures past commits, `compare REV1
//! REV2` and `regressions` print what changed, `site OUT` writes the speed center.

mod benchmark;
mod changepoint;
mod compare;
mod history;
mod implementation;
mod measure;
mod programs;
mod progress;
mod protocol;
mod provenance;
mod recording;
mod report;
mod series;
mod site;
mod smoke;
mod stats;
mod store;
mod summary;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Args, Parser, Subcommand};

use crate::benchmark::{Outcome, Settings, Size};
use crate::history::Checkout;
use crate::implementation::{jit_columns, select, Choices, Implementation, Language, BF_JIT};
use crate::programs::{discover, Directory};
use crate::recording::{records, Context};
use crate::report::Format;
use crate::store::Workload;
use crate::summary::Summary;

/// Benchmark jitgen's languages against CPython and PyPy, keep the results, and find the
/// commits that made them slower.
#[derive(Parser)]
#[command(name = "jitgen-bench", about, long_about = None, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    bench: BenchArgs,
}

/// What to do besides measuring the working tree.
#[derive(Subcommand)]
enum Command {
    /// Measure each commit after REV up to HEAD (built in one reused worktree) and append
    /// the results to the store.
    History(Box<HistoryArgs>),
    /// Print each benchmark's time at REV2 relative to REV1, with the noise of both.
    Compare {
        /// The older commit.
        rev1: String,
        /// The newer commit.
        rev2: String,
        /// The results store [default: bench/results/results.jsonl].
        #[arg(long, value_name = "FILE")]
        store: Option<PathBuf>,
    },
    /// List the regressions the change-point detector finds in the store, with the first
    /// slow commit of each.
    Regressions {
        /// The results store [default: bench/results/results.jsonl].
        #[arg(long, value_name = "FILE")]
        store: Option<PathBuf>,
    },
    /// Generate the static speed-center site from the store into directory OUT.
    Site {
        /// The directory to write (`OUT/index.html` is the start page).
        out: PathBuf,
        /// The results store [default: bench/results/results.jsonl].
        #[arg(long, value_name = "FILE")]
        store: Option<PathBuf>,
    },
}

/// `history`'s options.
#[derive(Args)]
struct HistoryArgs {
    /// Measure the commits after this one (`HEAD~20`: the last 20).
    #[arg(long, value_name = "REV")]
    since: String,
    /// The last commit to measure.
    #[arg(long, value_name = "REV", default_value = "HEAD")]
    until: String,
    /// The worktree the commits are checked out in, reused [default:
    /// target/bench-history/checkout].
    #[arg(long, value_name = "DIR")]
    worktree: Option<PathBuf>,
    /// Cargo's target directory for the commits' builds, reused [default:
    /// target/bench-history/target].
    #[arg(long, value_name = "DIR")]
    target_dir: Option<PathBuf>,
    /// Cargo's parallel jobs for each build [default: cargo's].
    #[arg(long, value_name = "N")]
    build_jobs: Option<u32>,
    #[command(flatten)]
    bench: BenchArgs,
}

/// How programs are measured (the benchmark proper and `history`).
#[derive(Args)]
struct BenchArgs {
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
    /// SIZE passed to the programs: each one's default, or its (much smaller) smoke size.
    #[arg(long, value_enum, default_value_t = Size::Default)]
    size: Size,
    /// A directory of programs (repeatable) [default: bench/programs and langs/bf/programs].
    #[arg(long, value_name = "DIR")]
    programs: Vec<PathBuf>,
    /// The toy binary [default: `toy` beside this program].
    #[arg(long, value_name = "PATH")]
    toy: Option<PathBuf>,
    /// The bf binary [default: `bf` beside this program].
    #[arg(long, value_name = "PATH")]
    bf: Option<PathBuf>,
    /// The jitpy binary, which runs the Python sources [default: `jitpy` beside this
    /// program].
    #[arg(long, value_name = "PATH")]
    jitpy: Option<PathBuf>,
    /// jitpy's `--jit` configurations, one column each [default: off; with --smoke: none].
    #[arg(long, value_delimiter = ',')]
    jitpy_jit: Option<Vec<String>>,
    /// The time limit of one run, in seconds [default: 600; with --smoke: 60].
    #[arg(long, value_name = "SECONDS", value_parser = parse_seconds)]
    timeout: Option<Duration>,
    /// How the report is written.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The results store the results are appended to [default:
    /// bench/results/results.jsonl].
    #[arg(long, value_name = "FILE")]
    store: Option<PathBuf>,
    /// Do not append the results to the store.
    #[arg(long)]
    no_store: bool,
    /// A note kept with the results in the store (say, what else ran on the machine).
    #[arg(long)]
    note: Option<String>,
    /// Then regenerate the speed-center site from the store into DIR (as `site DIR`).
    #[arg(long, value_name = "DIR")]
    site: Option<PathBuf>,
    /// Run each program once with ITERATIONS=1 and its smoke size, check the results, and
    /// exit non-zero on any failure (what CI runs; nothing is stored).
    #[arg(long)]
    smoke: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let done = match cli.command {
        None => run(&cli.bench),
        Some(Command::History(args)) => history(&args),
        Some(Command::Compare { rev1, rev2, store }) => {
            compare::run(&store_path(&store), &rev1, &rev2)
        }
        Some(Command::Regressions { store }) => compare::regressions(&store_path(&store)),
        Some(Command::Site { out, store }) => site::generate(&store_path(&store), &out),
    };
    match done {
        Ok(code) => code,
        Err(message) => {
            eprintln!("jitgen-bench: {message}");
            ExitCode::from(2)
        }
    }
}

/// The store `--store` names, or the repository's.
fn store_path(store: &Option<PathBuf>) -> PathBuf {
    store.clone().unwrap_or_else(store::default_path)
}

/// The clients' binaries: toy, bf and jitpy.
struct Binaries {
    toy: PathBuf,
    bf: PathBuf,
    jitpy: PathBuf,
}

/// The programs and the implementations to run them under, with notes on stderr about what
/// is left out; `binaries` are the clients' unless the options name others.
fn setup(
    args: &BenchArgs,
    binaries: Binaries,
) -> Result<(Vec<Directory>, Vec<Implementation>), String> {
    let directories = program_directories(args)?;
    let needed: BTreeSet<_> = directories
        .iter()
        .flat_map(|dir| &dir.programs)
        .flat_map(|program| program.sources.keys().copied())
        .collect();
    if needed.is_empty() {
        return Err(match &args.filter {
            Some(filter) => format!("no program's name contains `{filter}`"),
            None => "no programs found".to_string(),
        });
    }
    let choices = Choices {
        python: !args.no_python,
        pypy: !args.no_pypy,
        toy: args.toy.clone().unwrap_or(binaries.toy),
        toy_jit: toy_jit(args),
        bf: args.bf.clone().unwrap_or(binaries.bf),
        jitpy: args.jitpy.clone().unwrap_or(binaries.jitpy),
        jitpy_jit: jitpy_jit(args),
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
    Ok((directories, implementations))
}

/// toy's `--jit` configurations.
fn toy_jit(args: &BenchArgs) -> Vec<String> {
    let default_jit = if args.smoke {
        "off,threshold=1"
    } else {
        "off,on"
    };
    args.jit
        .clone()
        .unwrap_or_else(|| default_jit.split(',').map(str::to_string).collect())
}

/// jitpy's `--jit` configurations (none in the smoke test: jitpy does not run every Python
/// program yet).
fn jitpy_jit(args: &BenchArgs) -> Vec<String> {
    let default_jit: &[&str] = if args.smoke { &[] } else { &["off"] };
    args.jitpy_jit
        .clone()
        .unwrap_or_else(|| default_jit.iter().map(|jit| jit.to_string()).collect())
}

/// The settings of the benchmark proper.
fn settings(args: &BenchArgs) -> Settings {
    Settings {
        runs: args.runs as usize,
        iterations: args.iterations,
        size: args.size,
        timeout: args.timeout.unwrap_or(Duration::from_secs(600)),
    }
}

/// The workload `args` describe, as the store keys it.
fn workload(args: &BenchArgs) -> Workload {
    Workload {
        runs: args.runs as usize,
        iterations: args.iterations,
        size: args.size.name().to_string(),
    }
}

/// Measures the working tree's clients (or runs the smoke test), prints the report and
/// appends the results to the store.
fn run(args: &BenchArgs) -> Result<ExitCode, String> {
    let binaries = Binaries {
        toy: sibling("toy"),
        bf: sibling("bf"),
        jitpy: sibling("jitpy"),
    };
    let (directories, implementations) = setup(args, binaries)?;
    if args.smoke {
        let timeout = args.timeout.unwrap_or(Duration::from_secs(60));
        let tally = smoke::run(&directories, &implementations, timeout);
        println!("smoke: {} passed, {} failed", tally.passed, tally.failed);
        return Ok(if tally.failed == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        });
    }
    let (report, outcomes) = benchmark::run(&directories, &implementations, &settings(args));
    print!("{}", report.render(args.format));
    if !args.no_store {
        let repo = provenance::repository();
        let commit = provenance::commit(&repo, "HEAD")?;
        if commit.dirty {
            eprintln!(
                "note: the working tree has uncommitted changes: its results are stored as \
                 dirty, which compare, regressions and the site leave out"
            );
        }
        let context = Context {
            commit,
            machine: provenance::machine(),
            workload: workload(args),
            note: args.note.clone(),
        };
        let path = store_path(&args.store);
        store::append(&path, &records(&context, &implementations, &outcomes))?;
        eprintln!("results appended to {}", path.display());
    }
    if let Some(out) = &args.site {
        site::generate(&store_path(&args.store), out)?;
    }
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

/// `history`: each commit after `--since` checked out, its clients built and the programs
/// of this checkout measured with them; each commit's results are appended as soon as they
/// are in, so an interrupted history keeps what it measured.
fn history(args: &HistoryArgs) -> Result<ExitCode, String> {
    if args.bench.smoke {
        return Err("history measures; --smoke is for the working tree".to_string());
    }
    let repo = provenance::repository();
    let commits = history::commits(&repo, &args.since, &args.until)?;
    if commits.is_empty() {
        return Err(format!("no commits after {}", args.since));
    }
    let scratch = repo.join("target/bench-history");
    let checkout = Checkout::open(
        &repo,
        &args
            .worktree
            .clone()
            .unwrap_or_else(|| scratch.join("checkout")),
        &args
            .target_dir
            .clone()
            .unwrap_or_else(|| scratch.join("target")),
    )?;
    let path = store_path(&args.bench.store);
    let machine = provenance::machine();
    for (number, hash) in commits.iter().enumerate() {
        let commit = provenance::commit(&repo, hash)?;
        eprintln!(
            "[{}/{}] {} {}",
            number + 1,
            commits.len(),
            commit.short(),
            commit.message
        );
        checkout.switch(hash)?;
        let started = Instant::now();
        let built = checkout.build(args.build_jobs);
        let build_time = started.elapsed().as_secs();
        let context = Context {
            commit,
            machine: machine.clone(),
            workload: workload(&args.bench),
            note: args.bench.note.clone(),
        };
        let started = Instant::now();
        let new = match built {
            Ok(()) => {
                let binaries = Binaries {
                    toy: checkout.binary("toy"),
                    bf: checkout.binary("bf"),
                    jitpy: checkout.binary("jitpy"),
                };
                let (mut directories, implementations) = setup(&args.bench, binaries)?;
                keep_client_programs(&mut directories);
                let (_, outcomes) =
                    benchmark::run(&directories, &implementations, &settings(&args.bench));
                records(&context, &implementations, &outcomes)
            }
            Err(reason) => {
                eprintln!("  {reason}");
                let (directories, implementations) = unbuilt(&args.bench, &checkout)?;
                records(
                    &context,
                    &implementations,
                    &failed_everywhere(&directories, &implementations, &reason),
                )
            }
        };
        let failed = new.iter().filter(|record| record.failed.is_some()).count();
        eprintln!(
            "  built in {build_time} s, measured in {} s: {} results, {failed} failed",
            started.elapsed().as_secs(),
            new.len()
        );
        store::append(&path, &new)?;
    }
    eprintln!("results appended to {}", path.display());
    if let Some(out) = &args.bench.site {
        site::generate(&path, out)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Leaves out the programs that only Python runs: their times do not depend on the commit.
fn keep_client_programs(directories: &mut [Directory]) {
    for dir in directories {
        dir.programs.retain(|program| {
            program
                .sources
                .keys()
                .any(|language| *language != Language::Python)
        });
    }
}

/// The programs and the client implementations of a commit whose build failed.
fn unbuilt(
    args: &BenchArgs,
    checkout: &Checkout,
) -> Result<(Vec<Directory>, Vec<Implementation>), String> {
    let mut directories = program_directories(args)?;
    keep_client_programs(&mut directories);
    let mut implementations = jit_columns(
        "toy",
        &checkout.binary("toy"),
        Language::Toy,
        &toy_jit(args),
    );
    if checkout.has_bf() {
        let configurations = BF_JIT.map(str::to_string);
        implementations.extend(jit_columns(
            "bf",
            &checkout.binary("bf"),
            Language::Brainfuck,
            &configurations,
        ));
    }
    Ok((directories, implementations))
}

/// A failed outcome with `reason` for every program under every implementation that runs it.
fn failed_everywhere(
    directories: &[Directory],
    implementations: &[Implementation],
    reason: &str,
) -> Vec<Outcome> {
    let mut outcomes = Vec::new();
    for dir in directories {
        for program in &dir.programs {
            for (index, imp) in implementations.iter().enumerate() {
                if program.sources.contains_key(&imp.language) {
                    outcomes.push(Outcome {
                        directory: dir.label.clone(),
                        program: program.name.clone(),
                        implementation: index,
                        runs: vec![Err(reason.to_string())],
                    });
                }
            }
        }
    }
    outcomes
}

/// The directories given with `--programs`, or the default ones (`bench/programs`, and
/// `langs/bf/programs` if it exists), with their programs.
fn program_directories(args: &BenchArgs) -> Result<Vec<Directory>, String> {
    let filter = args.filter.as_deref();
    if !args.programs.is_empty() {
        return args
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
