//! The `jitgen-log` command: `jitgen-log summary|draw-time|why ...` (see `--help`).

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = jitgen_log::cli::Cli::parse();
    match jitgen_log::cli::run(&cli) {
        Ok(text) => {
            // A reader that stops early (`| head`) is no error.
            match std::io::stdout().write_all(text.as_bytes()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    eprintln!("jitgen-log: cannot write the output: {e}");
                    ExitCode::from(1)
                }
                _ => ExitCode::SUCCESS,
            }
        }
        Err(e) => {
            eprintln!("jitgen-log: {e}");
            ExitCode::from(1)
        }
    }
}
