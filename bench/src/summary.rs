//! From runs to verdicts: checking every run's result lines against the reference, and
//! summarizing a program's runs under one implementation as medians, or as failed.

use crate::protocol::{compare_results, Output};
use crate::stats::{median, steady};

/// A run that exited cleanly with output that follows the protocol.
#[derive(Clone, Debug)]
pub struct Observation {
    /// What it printed.
    pub output: Output,
    /// Whole-process wall time, in seconds.
    pub wall: f64,
    /// Whole-process CPU time (user + system), in seconds.
    pub cpu: f64,
    /// Peak resident set size, in bytes.
    pub peak_rss: u64,
}

/// One run: what was observed, or why it failed.
pub type Run = Result<Observation, String>;

/// A program's runs under one implementation, summarized.
#[derive(Clone, Debug, PartialEq)]
pub enum Summary {
    /// The implementation does not run this program (no source in its language).
    Absent,
    /// At least one run failed: no time is reported. Each reason names its runs.
    Failed(Vec<String>),
    /// Every run succeeded: medians over the runs.
    Measured(Medians),
}

/// Medians over the runs of one program under one implementation.
#[derive(Clone, Debug, PartialEq)]
pub struct Medians {
    /// Iteration 1's time, warm-up included (`None` for a program without iterations).
    pub first: Option<f64>,
    /// The median of the last half of the iteration times.
    pub steady: Option<f64>,
    /// Whole-process wall time.
    pub wall: f64,
    /// Whole-process CPU time.
    pub cpu: f64,
    /// Peak RSS, in bytes.
    pub peak_rss: f64,
}

/// Checks the result lines of every run of a program against the reference: the first
/// successful run of `runs[0]`, the reference implementation (named `reference`). A run that
/// differs becomes a failure; if the reference never succeeded, nothing can be checked and
/// every run fails.
pub fn check_results(runs: &mut [Vec<Run>], reference: &str) {
    let expected = runs
        .first()
        .and_then(|runs| runs.iter().find_map(|run| run.as_ref().ok()))
        .map(|observation| observation.output.result.clone());
    for run in runs.iter_mut().flatten() {
        let Ok(observation) = run else {
            continue;
        };
        let verdict = match &expected {
            Some(expected) => compare_results(expected, &observation.output.result)
                .map_err(|difference| format!("wrong result (vs {reference}): {difference}")),
            None => Err(format!("unchecked: {reference}, the reference, failed")),
        };
        if let Err(reason) = verdict {
            *run = Err(reason);
        }
    }
}

impl Summary {
    /// Summarizes the runs of a program under one implementation (none: `Absent`).
    pub fn of(runs: &[Run]) -> Summary {
        if runs.is_empty() {
            return Summary::Absent;
        }
        let failures = failure_reasons(runs);
        if !failures.is_empty() {
            return Summary::Failed(failures);
        }
        let observed: Vec<&Observation> = runs.iter().flatten().collect();
        let each = |measure: fn(&Observation) -> f64| {
            median(&observed.iter().map(|o| measure(o)).collect::<Vec<_>>()).unwrap_or(0.0)
        };
        let per_run = |measure: fn(&[f64]) -> Option<f64>| {
            let values: Option<Vec<f64>> = observed
                .iter()
                .map(|o| measure(&o.output.iterations))
                .collect();
            median(&values?)
        };
        Summary::Measured(Medians {
            first: per_run(|iterations| iterations.first().copied()),
            steady: per_run(steady),
            wall: each(|o| o.wall),
            cpu: each(|o| o.cpu),
            peak_rss: each(|o| o.peak_rss as f64),
        })
    }
}

/// The distinct failure reasons of `runs`, each with the runs it happened in
/// (`run 2: ...`, `runs 1, 3: ...`), in order of first occurrence.
fn failure_reasons(runs: &[Run]) -> Vec<String> {
    let mut reasons: Vec<(&str, Vec<usize>)> = Vec::new();
    for (index, run) in runs.iter().enumerate() {
        let Err(reason) = run else {
            continue;
        };
        match reasons.iter_mut().find(|(known, _)| known == reason) {
            Some((_, numbers)) => numbers.push(index + 1),
            None => reasons.push((reason, vec![index + 1])),
        }
    }
    reasons
        .into_iter()
        .map(|(reason, numbers)| {
            let numbers: Vec<String> = numbers.iter().map(usize::to_string).collect();
            let plural = if numbers.len() > 1 { "s" } else { "" };
            format!("run{plural} {}: {reason}", numbers.join(", "))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn observed(iterations: &[f64], result: &str, wall: f64) -> Run {
        Ok(Observation {
            output: Output {
                iterations: iterations.to_vec(),
                result: vec![result.to_string()],
            },
            wall,
            cpu: wall / 2.0,
            peak_rss: 1000,
        })
    }

    #[test]
    fn medians_over_runs() {
        let runs = [
            observed(&[5.0, 1.0, 1.0], "checksum: 1", 10.0),
            observed(&[7.0, 3.0, 2.0], "checksum: 1", 30.0),
            observed(&[6.0, 2.0, 3.0], "checksum: 1", 20.0),
        ];
        assert_eq!(
            Summary::of(&runs),
            Summary::Measured(Medians {
                first: Some(6.0),
                steady: Some(2.5),
                wall: 20.0,
                cpu: 10.0,
                peak_rss: 1000.0,
            })
        );
    }

    #[test]
    fn a_program_without_iterations_has_no_first_or_steady_time() {
        let Summary::Measured(medians) = Summary::of(&[observed(&[], "42", 1.0)]) else {
            panic!("not measured");
        };
        assert_eq!((medians.first, medians.steady), (None, None));
        assert_eq!(medians.wall, 1.0);
    }

    #[test]
    fn no_runs_is_absent_and_any_failure_fails_the_cell() {
        assert_eq!(Summary::of(&[]), Summary::Absent);
        let runs = [
            Err("exit status 1: boom".to_string()),
            observed(&[1.0], "checksum: 1", 1.0),
            Err("exit status 1: boom".to_string()),
            Err("timed out after 5 s".to_string()),
        ];
        assert_eq!(
            Summary::of(&runs),
            Summary::Failed(vec![
                "runs 1, 3: exit status 1: boom".to_string(),
                "run 4: timed out after 5 s".to_string(),
            ])
        );
    }

    #[test]
    fn results_are_checked_against_the_reference() {
        let mut runs = vec![
            vec![
                Err("exit status 1: flaky".to_string()),
                observed(&[1.0], "checksum: 1", 1.0),
            ],
            vec![
                observed(&[1.0], "checksum: 1", 1.0),
                observed(&[1.0], "checksum: 2", 1.0),
            ],
        ];
        check_results(&mut runs, "python3");
        assert!(runs[0][1].is_ok());
        assert!(runs[1][0].is_ok());
        assert_eq!(
            runs[1][1].as_ref().unwrap_err(),
            "wrong result (vs python3): result line 1 is `checksum: 2`, expected `checksum: 1`"
        );
    }

    #[test]
    fn without_a_reference_nothing_passes() {
        let mut runs = vec![
            vec![Err("exit status 1: boom".to_string())],
            vec![observed(&[1.0], "checksum: 1", 1.0)],
        ];
        check_results(&mut runs, "python3");
        assert_eq!(
            runs[1][0].as_ref().unwrap_err(),
            "unchecked: python3, the reference, failed"
        );
    }
}
