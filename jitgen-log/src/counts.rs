//! The `jit-backend-counts` section the framework writes at exit: how often each compiled loop
//! (or entry trace) was entered and each guard failed.
//!
//! Its lines are `loop NAME entered N` (or `entry NAME entered N`), `loop NAME ran N`,
//! `bridge from guard I of TRACE ran N` and `guard I of TRACE failed N`. Entries count the
//! runs begun from Rust, not the jumps of machine code into a loop; `ran` counts what a
//! counter in the machine code saw (a loop's iterations, a bridge's entries); a guard's
//! failures are those resumed in the blackhole interpreter, so a guard with a bridge counts
//! its failures before the bridge existed.

use std::collections::BTreeMap;

use crate::parser::{all_sections, Section};

/// The counts of a log: by trace name and by guard (`guard I of TRACE`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Entries into each compiled loop or entry trace, by its name.
    pub entered: BTreeMap<String, u64>,
    /// Failures of each guard, by `guard I of TRACE`.
    pub failed: BTreeMap<String, u64>,
    /// Runs of each trace's machine code (a loop's iterations, a bridge's entries), by the
    /// trace's name.
    pub ran: BTreeMap<String, u64>,
}

impl Counts {
    /// Reads every `jit-backend-counts` section among `sections` (a later count of the same
    /// trace or guard adds to an earlier one). Lines of another shape are skipped.
    pub fn new(sections: &[Section]) -> Counts {
        let mut counts = Counts::default();
        let found = all_sections(sections)
            .into_iter()
            .filter(|s| s.category == "jit-backend-counts");
        for section in found {
            for line in &section.body {
                let Some((what, n)) = line.rsplit_once(' ') else {
                    continue;
                };
                let Ok(n) = n.parse::<u64>() else { continue };
                if let Some(name) = what.strip_suffix(" entered") {
                    let name = name
                        .strip_prefix("loop ")
                        .or_else(|| name.strip_prefix("entry "));
                    if let Some(name) = name {
                        *counts.entered.entry(name.to_string()).or_default() += n;
                    }
                } else if let Some(guard) = what.strip_suffix(" failed") {
                    *counts.failed.entry(guard.to_string()).or_default() += n;
                } else if let Some(trace) = what.strip_suffix(" ran") {
                    let name = trace
                        .strip_prefix("loop ")
                        .or_else(|| trace.strip_prefix("entry "))
                        .unwrap_or(trace);
                    *counts.ran.entry(name.to_string()).or_default() += n;
                }
            }
        }
        counts
    }

    /// Whether the log had any counts (the category was logged and something compiled).
    pub fn is_empty(&self) -> bool {
        self.entered.is_empty() && self.failed.is_empty()
    }

    /// How often the loop or entry trace `name` was entered, if it was counted.
    pub fn entries(&self, name: &str) -> Option<u64> {
        self.entered.get(name).copied()
    }

    /// How often the machine code of the trace `name` ran, if it was counted.
    pub fn runs(&self, name: &str) -> Option<u64> {
        self.ran.get(name).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::parse;

    #[test]
    fn reads_entries_and_guard_failures() {
        let text = "\
[0] {jit-backend-counts
loop work:4 entered 202
guard 33 of work:4 failed 200
entry f:0 entered 3
loop work:4 ran 5000
bridge from guard 33 of work:4 ran 90
guard 2 of bridge from guard 33 of work:4 failed 7
something else
[1] jit-backend-counts}
";
        let counts = Counts::new(&parse(text).expect("parses"));
        assert_eq!(counts.entries("work:4"), Some(202));
        assert_eq!(counts.runs("work:4"), Some(5000));
        assert_eq!(counts.runs("bridge from guard 33 of work:4"), Some(90));
        assert_eq!(counts.entries("f:0"), Some(3));
        assert_eq!(counts.entries("g:1"), None);
        assert_eq!(counts.failed["guard 33 of work:4"], 200);
        assert_eq!(
            counts.failed["guard 2 of bridge from guard 33 of work:4"],
            7
        );
        assert_eq!(counts.failed.len(), 2);
        assert!(!counts.is_empty());
        assert!(Counts::new(&[]).is_empty());
    }
}
