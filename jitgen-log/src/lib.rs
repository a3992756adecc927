//! Reading `JITGEN_LOG` files (design brief §9): the `jitgen-log` command's library, one
//! concept per module.
//!
//! - [`parser`]: the log's text into its tree of sections, errors with line numbers;
//! - [`filter`]: `--category` filters, with `JITGEN_LOG`'s prefix rule;
//! - [`model`]: what the sections say happened: traces, aborts, guard failures, times;
//! - [`counts`]: the `jit-backend-counts` section: entries per loop, failures per guard;
//! - [`sources`]: the program's source files (`jit-log-source`) and the line a location
//!   points to;
//! - [`traces`]: the compiled traces as a tree (bridges under their guards), with their ops,
//!   counts and machine code;
//! - [`summary`], [`why`], [`loops`], [`html`], [`draw`]: the reports (`draw` and `cli` with
//!   the `draw` feature, on by default);
//! - [`report_file`]: the summary of a log file; [`exit_report`]: a client's `--jit-report`
//!   (the log and the summary printed at exit);
//! - [`cli`]: the command line.

#[cfg(feature = "draw")]
pub mod cli;
pub mod counts;
#[cfg(feature = "draw")]
pub mod draw;
pub mod exit_report;
pub mod filter;
pub mod html;
pub mod loops;
pub mod model;
pub mod parser;
#[cfg(test)]
mod sample;
pub mod sources;
pub mod summary;
pub mod traces;
pub mod why;

/// Reads and parses the log at `path`, keeping the sections `categories` select (all when
/// empty).
pub fn read(path: &std::path::Path, categories: &[String]) -> Result<Vec<parser::Section>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let sections = parser::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(filter::retain(sections, categories))
}

/// The summary report of the log at `path` (what `jitgen-log summary` prints).
pub fn report_file(path: &std::path::Path) -> Result<String, String> {
    Ok(summary::report(&model::Model::new(&read(path, &[])?)))
}
