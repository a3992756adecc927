//! The `toy` command: `toy [--jit off|on|blackhole|threshold=N,...] [--gc-stress] [--heap-limit SIZE] [--jit-report] FILE [ARGS...]`.

use std::process::ExitCode;

use clap::Parser;
use jitgen_core::gc::parse_size;
use jitgen_core::params::JitConfig;
use jitgen_log::exit_report::ExitReport;
use toy::run::{run, RunOptions};

/// Run a toy program.
#[derive(Parser)]
#[command(
    name = "toy",
    version,
    about = "Run a toy program (the jitgen test-bed language)"
)]
struct Cli {
    /// JIT settings: `off`, `on`, `blackhole` (run everything through the jitcode, in the
    /// blackhole interpreter), or `key=value` items such as `threshold=3,trace_limit=1000`.
    #[arg(long, value_name = "SETTINGS", value_parser = JitConfig::parse)]
    jit: Option<JitConfig>,
    /// Collect garbage at every allocation (or every N-th) and poison freed memory (slow;
    /// finds GC bugs).
    #[arg(long, value_name = "N", num_args = 0..=1, require_equals = true, default_missing_value = "1")]
    gc_stress: Option<u32>,
    /// Most memory live objects may use, e.g. `64M` or `2G`.
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    heap_limit: Option<usize>,
    /// At exit, print on standard error a report of what the JIT and the GC did: time per
    /// phase, compiled loops, failing guards, aborts (`jitgen-log summary` of the run's log).
    #[arg(long)]
    jit_report: bool,
    /// The program to run.
    file: std::path::PathBuf,
    /// Arguments for the program (what its `args()` returns).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    args: Vec<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Err(e) = toy::interrupt::install() {
        eprintln!("toy: Ctrl-C will not flush the output: {e}");
    }
    let source = match std::fs::read_to_string(&cli.file) {
        Ok(source) => source,
        Err(e) => {
            eprintln!("toy: cannot read {}: {e}", cli.file.display());
            return ExitCode::from(2);
        }
    };
    let options = RunOptions {
        jit: cli.jit.unwrap_or_default(),
        gc_stress: cli.gc_stress.unwrap_or(0),
        heap_limit: cli.heap_limit,
        args: cli.args,
    };
    let report = match cli.jit_report.then(|| ExitReport::new("toy")).transpose() {
        Ok(report) => report.map(|(report, spec)| {
            jitgen_core::log::init_with(&spec);
            report
        }),
        Err(e) => {
            eprintln!("toy: {e}");
            return ExitCode::from(2);
        }
    };
    let filename = cli.file.display().to_string();
    let status = run(
        &filename,
        &source,
        &options,
        Box::new(std::io::stdout()),
        Box::new(std::io::stderr()),
    );
    if let Some(report) = report {
        report.print("toy");
    }
    ExitCode::from(u8::try_from(status).unwrap_or(1))
}
