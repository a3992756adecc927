//! `jitgen-bench`: runs the benchmark programs under several configurations side by side and
//! reports median wall time, the ratio to a baseline configuration, and peak RSS.
//!
//! A benchmark is `bench/programs/NAME.toy`, optionally with a Python twin `NAME.py` that
//! prints the same output; the twin is run with `python3` and `pypy3` when they are installed.
//! `--programs DIR` benchmarks another directory instead, e.g. the whole toy corpus
//! (`--programs tests/toy_corpus`; programs expected to fail, with a `NAME.err`, are skipped).
//! Every run's output is checked against the first configuration's, so a configuration that
//! computes something else cannot look fast. The table ends with each configuration's
//! geometric-mean speed relative to the baseline.

mod measure;
mod report;

use std::path::{Path, PathBuf};

use clap::Parser;

use crate::measure::{measure, Measurement};
use crate::report::{print_table, Row};

/// Run the benchmarks.
#[derive(Parser)]
#[command(
    name = "jitgen-bench",
    about = "Compare toy configurations (and CPython/PyPy on Python twins)"
)]
struct Cli {
    /// Runs per program and configuration (the median is reported).
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// Toy configurations to compare, as `--jit` values; the first is the baseline.
    #[arg(long, value_delimiter = ',', default_value = "off")]
    jit: Vec<String>,
    /// Only benchmarks whose name contains this.
    #[arg(long)]
    filter: Option<String>,
    /// The `toy` binary (default: the release build beside this program).
    #[arg(long)]
    toy: Option<PathBuf>,
    /// Skip the Python twins.
    #[arg(long)]
    no_python: bool,
    /// The directory of `.toy` programs (default: `bench/programs`).
    #[arg(long)]
    programs: Option<PathBuf>,
}

fn main() {
    let cli = Cli::parse();
    let toy = cli.toy.clone().unwrap_or_else(default_toy);
    if !toy.exists() {
        eprintln!(
            "jitgen-bench: {} not found; build it with `cargo build --release -p toy`",
            toy.display()
        );
        std::process::exit(2);
    }
    let programs = cli
        .programs
        .clone()
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("programs"));
    let mut names: Vec<String> = std::fs::read_dir(&programs)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", programs.display()))
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            if path.extension()? != "toy" || path.with_extension("err").exists() {
                return None;
            }
            Some(path.file_stem()?.to_string_lossy().into_owned())
        })
        .filter(|name| {
            cli.filter
                .as_ref()
                .is_none_or(|f| name.contains(f.as_str()))
        })
        .collect();
    names.sort();
    let pythons: Vec<&str> = if cli.no_python {
        Vec::new()
    } else {
        ["python3", "pypy3"]
            .into_iter()
            .filter(|p| on_path(p))
            .collect()
    };
    let mut rows = Vec::new();
    for name in &names {
        let source = programs.join(format!("{name}.toy"));
        let mut results: Vec<(String, Measurement)> = Vec::new();
        for jit in &cli.jit {
            let label = format!("toy --jit {jit}");
            let args = vec![
                "--jit".to_string(),
                jit.clone(),
                source.display().to_string(),
            ];
            results.push((label, measure(&toy, &args, cli.runs)));
        }
        let twin = programs.join(format!("{name}.py"));
        if twin.exists() {
            for python in &pythons {
                results.push((
                    python.to_string(),
                    measure(Path::new(python), &[twin.display().to_string()], cli.runs),
                ));
            }
        }
        rows.push(Row {
            name: name.clone(),
            results,
        });
    }
    print_table(&rows);
}

/// `target/release/toy`, found beside this benchmark binary.
fn default_toy() -> PathBuf {
    let exe = std::env::current_exe().unwrap_or_default();
    exe.parent()
        .map(|dir| dir.join("toy"))
        .unwrap_or_else(|| PathBuf::from("toy"))
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}
