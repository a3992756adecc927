//! The progress bar on stderr (indicatif), hidden when stderr is not a terminal; notes printed
//! while it runs go above it.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

/// A progress bar over a known number of runs.
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// A bar for `total` runs: drawn on stderr if it is a terminal, hidden otherwise.
    pub fn new(total: u64) -> Progress {
        let bar = if std::io::stderr().is_terminal() {
            ProgressBar::new(total)
        } else {
            ProgressBar::hidden()
        };
        let style = ProgressStyle::with_template(
            "{elapsed_precise} [{bar:30}] {pos}/{len} (eta {eta}) {wide_msg}",
        )
        .map(|style| style.progress_chars("=> "))
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        Progress { bar }
    }

    /// Shows what is running now.
    pub fn start(&self, what: &str) {
        self.bar.set_message(what.to_string());
    }

    /// Counts one run as done.
    pub fn done(&self) {
        self.bar.inc(1);
    }

    /// Prints a line on stderr above the bar (or just prints it when the bar is hidden).
    pub fn note(&self, line: &str) {
        self.bar.suspend(|| eprintln!("{line}"));
    }

    /// Prints a line on stdout above the bar.
    pub fn print(&self, line: &str) {
        self.bar.suspend(|| println!("{line}"));
    }

    /// Removes the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
