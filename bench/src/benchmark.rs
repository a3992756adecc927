//! The benchmark proper: every program under every implementation that runs it, `runs`
//! rounds, each round running every (program, implementation) pair once so that drift of the
//! machine hits all implementations alike; then the results checked and summarized.

use std::time::Duration;

use crate::implementation::Implementation;
use crate::programs::{Directory, Program};
use crate::progress::Progress;
use crate::report::{Report, Row, Section};
use crate::summary::{check_results, Run, Summary};

/// How to run.
pub struct Settings {
    /// Rounds (runs of each program under each implementation).
    pub runs: usize,
    /// ITERATIONS passed to programs that speak the protocol (their default when `None`).
    pub iterations: Option<u64>,
    /// The time limit of one run.
    pub timeout: Duration,
}

/// A program and the implementations (indexes into the implementation list) that run it.
struct Job<'a> {
    directory: usize,
    program: &'a Program,
    implementations: Vec<usize>,
}

/// Runs the benchmark and builds the report. Programs that no selected implementation runs
/// are left out; each run's failure is announced on stderr as it happens.
pub fn run(
    directories: &[Directory],
    implementations: &[Implementation],
    settings: &Settings,
) -> Report {
    let jobs: Vec<Job> = directories
        .iter()
        .enumerate()
        .flat_map(|(directory, dir)| {
            dir.programs.iter().map(move |program| Job {
                directory,
                program,
                implementations: implementations
                    .iter()
                    .enumerate()
                    .filter(|(_, imp)| program.sources.contains_key(&imp.language))
                    .map(|(index, _)| index)
                    .collect(),
            })
        })
        .filter(|job| !job.implementations.is_empty())
        .collect();

    // runs[job][k]: the runs of the job's k-th implementation.
    let mut runs: Vec<Vec<Vec<Run>>> = jobs
        .iter()
        .map(|job| vec![Vec::new(); job.implementations.len()])
        .collect();
    let total = jobs
        .iter()
        .map(|job| job.implementations.len())
        .sum::<usize>()
        * settings.runs;
    let progress = Progress::new(total as u64);
    for round in 1..=settings.runs {
        for (job, job_runs) in jobs.iter().zip(&mut runs) {
            for (&index, imp_runs) in job.implementations.iter().zip(job_runs.iter_mut()) {
                let imp = &implementations[index];
                progress.start(&format!(
                    "round {round}/{}: {} under {}",
                    settings.runs, job.program.name, imp.label
                ));
                let source = &job.program.sources[&imp.language];
                let run = imp.run(source, settings.iterations, None, settings.timeout);
                if let Err(reason) = &run {
                    progress.note(&format!(
                        "{} under {} failed (run {round}): {reason}",
                        job.program.name, imp.label
                    ));
                }
                imp_runs.push(run);
                progress.done();
            }
        }
    }
    progress.finish();

    let mut sections: Vec<Section> = Vec::new();
    for (directory, dir) in directories.iter().enumerate() {
        let in_dir: Vec<(&Job, &mut Vec<Vec<Run>>)> = jobs
            .iter()
            .zip(runs.iter_mut())
            .filter(|(job, _)| job.directory == directory)
            .collect();
        if in_dir.is_empty() {
            continue;
        }
        // The section's columns: the implementations that run any of its programs.
        let columns: Vec<usize> = (0..implementations.len())
            .filter(|index| {
                in_dir
                    .iter()
                    .any(|(job, _)| job.implementations.contains(index))
            })
            .collect();
        let rows = in_dir
            .into_iter()
            .map(|(job, job_runs)| {
                check_results(job_runs, &implementations[job.implementations[0]].label);
                let cells = columns
                    .iter()
                    .map(
                        |index| match job.implementations.iter().position(|i| i == index) {
                            Some(k) => Summary::of(&job_runs[k]),
                            None => Summary::Absent,
                        },
                    )
                    .collect();
                Row {
                    program: job.program.name.clone(),
                    iterations: job.program.speaks_protocol(),
                    cells,
                }
            })
            .collect();
        sections.push(Section {
            title: dir.label.clone(),
            columns: columns
                .iter()
                .map(|&index| implementations[index].label.clone())
                .collect(),
            rows,
        });
    }
    Report {
        runs: settings.runs,
        implementations: implementations
            .iter()
            .enumerate()
            .filter(|(index, _)| jobs.iter().any(|job| job.implementations.contains(index)))
            .map(|(_, imp)| (imp.label.clone(), imp.command_line()))
            .collect(),
        sections,
    }
}
