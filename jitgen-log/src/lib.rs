//! Reading `JITGEN_LOG` files (design brief §9): the `jitgen-log` command's library, one
//! concept per module.
//!
//! - [`parser`]: the log's text into its tree of sections, errors with line numbers;
//! - [`filter`]: `--category` filters, with `JITGEN_LOG`'s prefix rule;
//! - [`model`]: what the sections say happened: traces, aborts, guard failures, times;
//! - [`summary`], [`why`], [`draw`]: the reports;
//! - [`cli`]: the command line.

pub mod cli;
pub mod draw;
pub mod filter;
pub mod model;
pub mod parser;
pub mod summary;
pub mod why;
