//! The `bf` command: `bf [--jit off|on|blackhole|threshold=N,...] [--gc-stress[=N]] [--heap-limit SIZE] FILE`.

use std::process::ExitCode;

use bf::run::{run, RunOptions};
use clap::Parser;
use jitgen_core::gc::parse_size;
use jitgen_core::params::JitConfig;

/// Run a Brainfuck program.
#[derive(Parser)]
#[command(
    name = "bf",
    version,
    about = "Run a Brainfuck program (30000 cells of 8 bits; at end of input `,` leaves the cell unchanged)"
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
    /// The program to run.
    file: std::path::PathBuf,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let source = match std::fs::read(&cli.file) {
        // Comments may be in any encoding; only the eight commands matter.
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) => {
            eprintln!("bf: cannot read {}: {e}", cli.file.display());
            return ExitCode::from(2);
        }
    };
    let options = RunOptions {
        jit: cli.jit.unwrap_or_default(),
        gc_stress: cli.gc_stress.unwrap_or(0),
        heap_limit: cli.heap_limit,
    };
    let filename = cli.file.display().to_string();
    let status = run(
        &filename,
        &source,
        &options,
        Box::new(std::io::stdin()),
        Box::new(std::io::stdout()),
        Box::new(std::io::stderr()),
    );
    ExitCode::from(u8::try_from(status).unwrap_or(1))
}
