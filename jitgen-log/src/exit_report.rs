//! A client's `--jit-report` flag: the JIT log of the categories the summary reads, written
//! to a temporary file while the program runs, and the summary report printed from it at
//! exit (what `toy --jit-report` and `jitpy --jit-report` do).

use std::path::PathBuf;

/// The categories logged: what the report reads, without the unoptimized traces, whose
/// writing would take a visible share of the time reported (`jit-backend` brings its
/// family, so the disassembly stays, in a category of its own).
const CATEGORIES: &str =
    "jit-tracing,jit-optimize,jit-backend,jit-blackhole,jit-abort,jit-log-opt-,gc-collect";

/// The log of a run whose summary is printed at exit.
pub struct ExitReport {
    path: PathBuf,
}

impl ExitReport {
    /// The report's log for the client `client`, and the `JITGEN_LOG` value that opens it
    /// (the client passes it to `jitgen_core::log::init_with` before it runs anything). An
    /// error when `JITGEN_LOG` is set: the user chose a log already.
    pub fn new(client: &str) -> Result<(ExitReport, String), String> {
        if std::env::var_os("JITGEN_LOG").is_some() {
            return Err("--jit-report writes a log of its own: unset JITGEN_LOG, or run `jitgen-log summary` on that log".into());
        }
        let name = format!("{client}-jit-report-{}.log", std::process::id());
        let path = std::env::temp_dir().join(name);
        let spec = format!("{CATEGORIES}:{}", path.display());
        Ok((ExitReport { path }, spec))
    }

    /// Prints the summary report to standard error and removes the log.
    pub fn print(self, client: &str) {
        match crate::report_file(&self.path) {
            Ok(text) => eprint!("{text}"),
            Err(e) => eprintln!("{client}: no JIT report: {e}"),
        }
        let _ = std::fs::remove_file(&self.path);
    }
}
