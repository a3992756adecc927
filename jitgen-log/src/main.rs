//! The `jitgen-log` command: `jitgen-log summary|draw-time|why ...` (see `--help`).

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = jitgen_log::cli::Cli::parse();
    match jitgen_log::cli::run(&cli) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("jitgen-log: {e}");
            ExitCode::from(1)
        }
    }
}
