//! The command line: `jitgen-log [--category C]... summary LOG`, `draw-time LOG OUT`,
//! `why LOG LOCATION`, `loops LOG`, `html LOG DIR`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::{draw, html, loops, model::Model, read, summary, traces, why};

/// Read a JITGEN_LOG file: where the time went, what the JIT did and why.
#[derive(Parser, Debug)]
#[command(name = "jitgen-log", version)]
pub struct Cli {
    /// Only the sections of these categories (repeatable; a prefix such as `gc` or `jit`
    /// selects the family, as in JITGEN_LOG). A dropped section's time counts as outside.
    #[arg(long = "category", short = 'c', value_name = "CATEGORY", global = true)]
    pub categories: Vec<String>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// A readable report: time per category, compiled loops, failing guards, aborts, GC.
    Summary {
        /// The log file.
        log: PathBuf,
    },
    /// The time line as a picture (.png or .svg): GC in reds, JIT phases in greens.
    DrawTime {
        /// The log file.
        log: PathBuf,
        /// The picture to write, OUT.png or OUT.svg.
        out: PathBuf,
    },
    /// What happened at an interpreter location (`main:12`, or a function name for all of
    /// its locations): traced, aborted and why, compiled, never hot.
    Why {
        /// The log file.
        log: PathBuf,
        /// The location, as the log prints it.
        location: String,
    },
    /// Each compiled loop and entry trace, most entered first, with its ops, counts and
    /// machine code, and each bridge under the guard it leaves from.
    Loops {
        /// The log file.
        log: PathBuf,
    },
    /// A static trace viewer, DIR/index.html (no server needed): loops and bridges as a
    /// tree, counts and guards' locations beside the ops, machine code on demand.
    Html {
        /// The log file.
        log: PathBuf,
        /// The directory to write the page into.
        dir: PathBuf,
    },
}

/// Runs the command: the text to print, or why it failed.
pub fn run(cli: &Cli) -> Result<String, String> {
    match &cli.command {
        Command::Summary { log } => {
            let sections = read(log, &cli.categories)?;
            Ok(summary::report(&Model::new(&sections)))
        }
        Command::DrawTime { log, out } => {
            let sections = read(log, &cli.categories)?;
            let title = log.display().to_string();
            draw::draw_file(&title, &sections, out).map_err(|e| e.to_string())?;
            Ok(format!("wrote {}\n", out.display()))
        }
        Command::Why { log, location } => {
            let sections = read(log, &cli.categories)?;
            Ok(why::explain(&Model::new(&sections), location))
        }
        Command::Loops { log } => Ok(loops::report(&traces::tree(&read(log, &cli.categories)?))),
        Command::Html { log, dir } => {
            let traces = traces::tree(&read(log, &cli.categories)?);
            let title = log.display().to_string();
            let page = html::write(&title, &traces, dir)
                .map_err(|e| format!("cannot write {}: {e}", dir.display()))?;
            Ok(format!("wrote {}\n", page.display()))
        }
    }
}
