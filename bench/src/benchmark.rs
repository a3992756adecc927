//! The benchmark proper: every program under every implementation that runs it, `runs`
//! rounds, each round running every (program, implementation) pair once so that drift of the
//! machine hits all implementations alike; then the results checked and summarized.

use std::time::Duration;

use clap::ValueEnum;

use crate::implementation::Implementation;
use crate::programs::{Directory, Program};
use crate::progress::Progress;
use crate::report::{Report, Row, Section};
use crate::smoke::program_smoke_size;
use crate::summary::{check_results, Run, Summary};

/// How to run.
pub struct Settings {
    /// Rounds (runs of each program under each implementation).
    pub runs: usize,
    /// ITERATIONS passed to programs that speak the protocol (their default when `None`).
    pub iterations: Option<u64>,
    /// The SIZE passed to programs that speak the protocol.
    pub size: Size,
    /// The time limit of one run.
    pub timeout: Duration,
}

/// Which SIZE programs are run at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Size {
    /// Each program's own default (about a second under CPython).
    Default,
    /// Each program's smoke size (well under 0.1 s an iteration under CPython): quick and
    /// noisier, for long histories.
    Smoke,
}

impl Size {
    /// Its name, as the store records it.
    pub fn name(self) -> &'static str {
        match self {
            Size::Default => "default",
            Size::Smoke => "smoke",
        }
    }
}

/// The checked runs of one program under one implementation.
pub struct Outcome {
    /// The label of the program's directory.
    pub directory: String,
    /// The program's name.
    pub program: String,
    /// The implementation (an index into the implementation list).
    pub implementation: usize,
    /// Its runs, failed ones included.
    pub runs: Vec<Run>,
}

/// A program and the implementations (indexes into the implementation list) that run it.
struct Job<'a> {
    directory: usize,
    program: &'a Program,
    implementations: Vec<usize>,
}

/// Runs the benchmark and builds the report, and returns every program's checked runs under
/// each implementation for the store. Programs that no selected implementation runs are left
/// out; each run's failure is announced on stderr as it happens.
pub fn run(
    directories: &[Directory],
    implementations: &[Implementation],
    settings: &Settings,
) -> (Report, Vec<Outcome>) {
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
                let run = size(job.program, settings.size)
                    .and_then(|size| imp.run(source, settings.iterations, size, settings.timeout));
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
    for (job, job_runs) in jobs.iter().zip(runs.iter_mut()) {
        check_results(job_runs, &implementations[job.implementations[0]].label);
    }
    let outcomes = jobs
        .iter()
        .zip(&runs)
        .flat_map(|(job, job_runs)| {
            job.implementations
                .iter()
                .zip(job_runs)
                .map(|(&implementation, runs)| Outcome {
                    directory: directories[job.directory].label.clone(),
                    program: job.program.name.clone(),
                    implementation,
                    runs: runs.clone(),
                })
        })
        .collect();

    let mut sections: Vec<Section> = Vec::new();
    for (directory, dir) in directories.iter().enumerate() {
        let in_dir: Vec<(&Job, &Vec<Vec<Run>>)> = jobs
            .iter()
            .zip(runs.iter())
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
    let report = Report {
        runs: settings.runs,
        implementations: implementations
            .iter()
            .enumerate()
            .filter(|(index, _)| jobs.iter().any(|job| job.implementations.contains(index)))
            .map(|(_, imp)| (imp.label.clone(), imp.command_line()))
            .collect(),
        sections,
    };
    (report, outcomes)
}

/// The SIZE to run `program` at: none for its default, or its smoke size.
fn size(program: &Program, size: Size) -> Result<Option<u64>, String> {
    match size {
        Size::Default => Ok(None),
        Size::Smoke => program_smoke_size(program),
    }
}
