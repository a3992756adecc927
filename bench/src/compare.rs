//! The store's verdicts on the command line: `compare REV1 REV2` (each benchmark's time at
//! REV2 over REV1, with the noise of both) and `regressions` (the change points the detector
//! finds, each with its first slow commit).

use std::path::Path;
use std::process::ExitCode;

use crate::provenance::{repository, resolve};
use crate::series::{groups, Measure, Results, Series};
use crate::store::load;

/// The measure a benchmark is judged by: its steady state, or the whole process's wall time
/// for programs without iterations.
pub fn main_measure(results: &Results, benchmark: &str) -> Measure {
    if results.has_iterations(benchmark) {
        Measure::Steady
    } else {
        Measure::Wall
    }
}

/// How many commits a series needs before its noise from commit to commit counts.
const NOISY_HISTORY: usize = 5;

/// A change of one benchmark under one implementation between two commits.
pub struct Ratio {
    /// The newer median over the older one: above 1 is slower.
    pub ratio: f64,
    /// The relative noise of that ratio (one standard deviation).
    pub noise: f64,
}

impl Ratio {
    /// `series`'s change from commit `old` to commit `new`, if both were measured. The noise
    /// is the larger of the spread of the runs at the two commits (in quadrature) and, once
    /// the series is long enough to tell ([`NOISY_HISTORY`] commits), its noise from
    /// commit to commit (over two commits); a few runs alone underestimate it.
    pub fn between(series: &Series, old: usize, new: usize) -> Option<Ratio> {
        let (a, b) = (series.at(old)?, series.at(new)?);
        let spread = |values: &[f64]| relative_spread(values).powi(2);
        let runs = (spread(series.values_at(old)) + spread(series.values_at(new))).sqrt();
        let history = series.noise() * std::f64::consts::SQRT_2;
        let noise = if series.points.len() >= NOISY_HISTORY || runs == 0.0 {
            runs.max(history)
        } else {
            runs
        };
        Some(Ratio {
            ratio: b / a,
            noise,
        })
    }

    /// `slower`, `faster`, or `same` when the change is within 3 times the noise.
    pub fn verdict(&self) -> &'static str {
        if self.ratio.ln().abs() <= 3.0 * self.noise.ln_1p() {
            "same"
        } else if self.ratio > 1.0 {
            "slower"
        } else {
            "faster"
        }
    }
}

/// The relative standard deviation of `values` estimated from their median absolute
/// deviation (0 for fewer than two).
fn relative_spread(values: &[f64]) -> f64 {
    let Some(m) = crate::stats::median(values) else {
        return 0.0;
    };
    let deviations: Vec<f64> = values.iter().map(|v| (v - m).abs()).collect();
    crate::stats::median(&deviations).map_or(0.0, |mad| 1.4826 * mad / m)
}

/// `jitgen-bench compare REV1 REV2`: a table of ratios on the machine and workload that
/// measured both commits.
pub fn run(store: &Path, rev1: &str, rev2: &str) -> Result<ExitCode, String> {
    let records = load(store)?;
    let repo = repository();
    let hash = |rev: &str| resolve(&repo, rev).unwrap_or_else(|_| rev.to_string());
    let (hash1, hash2) = (hash(rev1), hash(rev2));
    let all = groups(&records);
    for (rev, hash) in [(rev1, &hash1), (rev2, &hash2)] {
        if !all
            .iter()
            .any(|results| results.commit_index(hash).is_some())
        {
            return Err(format!(
                "{} holds no results of {rev} ({})",
                store.display(),
                &hash[..10.min(hash.len())]
            ));
        }
    }
    let Some((results, old, new)) = all.iter().find_map(|results| {
        Some((
            results,
            results.commit_index(&hash1)?,
            results.commit_index(&hash2)?,
        ))
    }) else {
        return Err(format!(
            "no machine and workload in {} measured both {rev1} and {rev2}",
            store.display()
        ));
    };
    let short = |i: usize| results.commits[i].short();
    println!(
        "{} -> {} on {} ({} cores, {}), {}",
        short(old),
        short(new),
        results.machine.cpu,
        results.machine.cores,
        results.machine.kernel,
        results.workload.describe()
    );
    println!(
        "ratio: time at {} over time at {}, each relative to CPython's at its commit \
         (CPython's own as measured), so machine drift cancels; above 1.00x: slower; noise: \
         one standard deviation",
        short(new),
        short(old)
    );
    println!(
        "{:<20} {:<16} {:<13} {:>10} {:>10} {:>8} {:>7}  verdict",
        "benchmark", "implementation", "measure", "old", "new", "ratio", "noise"
    );
    for (benchmark, _) in &results.benchmarks {
        let measure = main_measure(results, benchmark);
        for implementation in results.implementations_of(benchmark) {
            let raw = results.series(benchmark, &implementation, measure);
            let series = results.judged(benchmark, &implementation, measure);
            let text = match Ratio::between(&series, old, new) {
                Some(ratio) => format!(
                    "{:>10} {:>10} {:>7.2}x {:>6.1}%  {}",
                    seconds(raw.at(old)),
                    seconds(raw.at(new)),
                    ratio.ratio,
                    ratio.noise * 100.0,
                    ratio.verdict()
                ),
                None => {
                    let state = |i: usize| {
                        if series.failures.iter().any(|(c, _)| *c == i) {
                            "FAILED".to_string()
                        } else {
                            seconds(raw.at(i))
                        }
                    };
                    format!("{:>10} {:>10}", state(old), state(new))
                }
            };
            println!(
                "{benchmark:<20} {implementation:<16} {:<13} {text}",
                measure.title()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Seconds with three significant figures, or `-`.
fn seconds(value: Option<f64>) -> String {
    value.map_or("-".to_string(), |s| format!("{s:.3} s"))
}

/// `jitgen-bench regressions`: every change point slower than before, with the first slow
/// commit, for the store's main machine and workload. Exits 1 if there are any.
pub fn regressions(store: &Path) -> Result<ExitCode, String> {
    let records = load(store)?;
    let Some(results) = groups(&records).into_iter().next() else {
        return Err(format!("no results in {}", store.display()));
    };
    let mut found = 0;
    for (benchmark, _) in &results.benchmarks {
        for measure in [main_measure(&results, benchmark), Measure::PeakRss] {
            for implementation in results.implementations_of(benchmark) {
                let series = results.judged(benchmark, &implementation, measure);
                for (commit, change) in series.changes() {
                    if !change.is_regression() {
                        continue;
                    }
                    found += 1;
                    let commit = &results.commits[commit];
                    println!(
                        "{benchmark} under {implementation}, {}: {:.2}x from {} ({}) {} (noise {:.1}%)",
                        measure.title(),
                        change.ratio,
                        commit.short(),
                        commit.date,
                        commit.message,
                        change.noise * 100.0
                    );
                }
            }
        }
    }
    println!(
        "{found} regression(s) over {} commits",
        results.commits.len()
    );
    Ok(if found == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::record;

    #[test]
    fn ratios_carry_the_noise_of_the_runs() {
        let records = vec![
            record("a", 1, "fib", "toy on", &[1.0, 1.02, 0.98]),
            record("b", 2, "fib", "toy on", &[1.5, 1.53, 1.47]),
            record("c", 3, "fib", "toy on", &[1.5, 1.0, 2.0]),
        ];
        let results = groups(&records).remove(0);
        let series = results.series("fib", "toy on", Measure::Steady);
        let slower = Ratio::between(&series, 0, 1).unwrap();
        assert!((slower.ratio - 1.5).abs() < 1e-9);
        assert_eq!(slower.verdict(), "slower");
        let noisy = Ratio::between(&series, 1, 2).unwrap();
        assert_eq!(noisy.ratio, 1.0);
        assert!(noisy.noise > 0.3, "{}", noisy.noise);
        assert_eq!(noisy.verdict(), "same");
        assert!(Ratio::between(&series, 0, 5).is_none());
    }
}
