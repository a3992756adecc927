//! A benchmark run's checked outcomes turned into results-store records, keyed by the commit,
//! the machine and each implementation's version.

use crate::benchmark::Outcome;
use crate::implementation::Implementation;
use crate::provenance::version;
use crate::stats::steady;
use crate::store::{Commit, Machine, Record, Sample, Workload};
use crate::summary::Summary;

/// What every record of one run shares.
pub struct Context {
    /// The commit measured (the clients were built from it).
    pub commit: Commit,
    /// This machine.
    pub machine: Machine,
    /// How the programs were run.
    pub workload: Workload,
    /// The `--note`, if any.
    pub note: Option<String>,
}

/// One record per outcome: its samples, or why it failed (a failed cell keeps no time).
pub fn records(
    context: &Context,
    implementations: &[Implementation],
    outcomes: &[Outcome],
) -> Vec<Record> {
    let recorded = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    let versions: Vec<String> = implementations
        .iter()
        .map(|imp| version(imp, &context.commit))
        .collect();
    outcomes
        .iter()
        .map(|outcome| {
            let (failed, samples) = match Summary::of(&outcome.runs) {
                Summary::Failed(reasons) => (Some(reasons.join("; ")), Vec::new()),
                _ => (
                    None,
                    outcome
                        .runs
                        .iter()
                        .flatten()
                        .map(|o| Sample {
                            first: o.output.iterations.first().copied(),
                            steady: steady(&o.output.iterations),
                            wall: o.wall,
                            cpu: o.cpu,
                            peak_rss: o.peak_rss,
                        })
                        .collect(),
                ),
            };
            Record {
                commit: context.commit.clone(),
                machine: context.machine.clone(),
                recorded,
                directory: outcome.directory.clone(),
                benchmark: outcome.program.clone(),
                implementation: implementations[outcome.implementation].label.clone(),
                version: versions[outcome.implementation].clone(),
                workload: context.workload.clone(),
                note: context.note.clone(),
                failed,
                samples,
            }
        })
        .collect()
}
