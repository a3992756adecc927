//! From the store's series to the site's graphs: per benchmark and measure (times normalized
//! to CPython = 1.0 with CPython and PyPy as reference lines, or peak RSS in MiB), the
//! summary of all benchmarks (geometric mean per commit), and the regressions the detector
//! flags on them.

use crate::series::{Measure, Results, Series, CPYTHON, PYPY};
use crate::stats::{geomean, median};

use crate::report::seconds;

use super::axis::{moment_label, ratio_label, significant};
use super::svg::{Chart, Flag, Line, Point, Reference};

/// Series colours, by implementation order.
const COLORS: [&str; 7] = [
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf",
];

/// A regression found on a graph.
pub struct Regression {
    /// The benchmark.
    pub benchmark: String,
    /// The implementation.
    pub implementation: String,
    /// The measure.
    pub measure: Measure,
    /// The first slow commit (index into the results' commits).
    pub commit: usize,
    /// New level over old.
    pub ratio: f64,
    /// The series' noise.
    pub noise: f64,
}

/// The implementations drawn as lines (all but the references), with their colours.
pub fn clients(results: &Results) -> Vec<(String, &'static str)> {
    results
        .implementations
        .iter()
        .filter(|imp| *imp != CPYTHON && *imp != PYPY)
        .enumerate()
        .map(|(i, imp)| (imp.clone(), COLORS[i % COLORS.len()]))
        .collect()
}

/// The measures graphed for `benchmark`: first iteration and steady state when it has
/// iterations, else the whole process; and peak RSS.
pub fn measures(results: &Results, benchmark: &str) -> Vec<Measure> {
    if results.has_iterations(benchmark) {
        vec![Measure::Steady, Measure::First, Measure::PeakRss]
    } else {
        vec![Measure::Wall, Measure::PeakRss]
    }
}

/// The id of a benchmark's graph of `measure` (`fib-steady`).
pub fn chart_id(benchmark: &str, measure: Measure) -> String {
    let suffix = match measure {
        Measure::First => "first",
        Measure::Steady => "steady",
        Measure::Wall => "wall",
        Measure::PeakRss => "rss",
    };
    format!("{benchmark}-{suffix}")
}

/// A commit's lines in a tooltip: `1a2b3c4d5e 2026-12-06 17:05` and its message.
fn commit_text(results: &Results, index: usize) -> String {
    let commit = &results.commits[index];
    format!(
        "{} {}\n{}",
        commit.short(),
        moment_label(commit.time),
        commit.message
    )
}

const MIB: f64 = 1024.0 * 1024.0;

/// The graph of `benchmark`'s `measure` (the series as judged: times relative to CPython's
/// at each commit, see [`Results::judged`]), and the regressions flagged on it.
pub fn benchmark_chart(
    results: &Results,
    benchmark: &str,
    measure: Measure,
) -> (Chart, Vec<Regression>) {
    let memory = measure == Measure::PeakRss;
    let relative = results.is_relative(benchmark, measure);
    // The plotted value of a judged one: MiB, a ratio, or seconds.
    let scale = |value: f64| if memory { value / MIB } else { value };
    let ran = results.implementations_of(benchmark);
    let mut lines = Vec::new();
    let mut flags = Vec::new();
    let mut regressions = Vec::new();
    for (implementation, color) in clients(results) {
        if !ran.contains(&implementation) {
            continue;
        }
        let raw = results.series(benchmark, &implementation, measure);
        let series = results.judged(benchmark, &implementation, measure);
        let points = series
            .medians()
            .into_iter()
            .map(|(commit, value)| {
                let measured = raw.at(commit).unwrap_or(value);
                let shown = match (memory, relative) {
                    (true, _) => format!("{} MiB", significant(value / MIB)),
                    (false, true) => format!(
                        "{} CPython's time ({})",
                        ratio_label(value),
                        seconds(measured)
                    ),
                    (false, false) => seconds(value),
                };
                Point {
                    time: results.commits[commit].time,
                    value: scale(value),
                    commit: results.commits[commit].hash.clone(),
                    tooltip: format!(
                        "{implementation}: {shown} (median of {} runs)\n{}",
                        series.values_at(commit).len(),
                        commit_text(results, commit)
                    ),
                }
            })
            .collect();
        let failures = series
            .failures
            .iter()
            .map(|(commit, reason)| {
                (
                    results.commits[*commit].time,
                    results.commits[*commit].hash.clone(),
                    format!(
                        "{implementation}: FAILED (not plotted)\n{}\n{reason}",
                        commit_text(results, *commit)
                    ),
                )
            })
            .collect();
        for (commit, change) in series.changes() {
            if !change.is_regression() {
                continue;
            }
            flags.push(Flag {
                time: results.commits[commit].time,
                commit: results.commits[commit].hash.clone(),
                implementation: implementation.clone(),
                tooltip: format!(
                    "regression: {implementation} {:.2}x slower from\n{}",
                    change.ratio,
                    commit_text(results, commit)
                ),
            });
            regressions.push(Regression {
                benchmark: benchmark.to_string(),
                implementation: implementation.clone(),
                measure,
                commit,
                ratio: change.ratio,
                noise: change.noise,
            });
        }
        lines.push(Line {
            name: implementation,
            color,
            points,
            failures,
        });
    }
    let mut references = Vec::new();
    for (name, implementation) in [("CPython", CPYTHON), ("PyPy", PYPY)] {
        let series = results.judged(benchmark, implementation, measure);
        let value = match (implementation, relative) {
            (CPYTHON, true) => (!series.points.is_empty()).then_some(1.0),
            _ => overall_median(&series),
        };
        if let Some(value) = value {
            references.push(Reference {
                name: name.to_string(),
                value: scale(value),
            });
        }
    }
    let (y_label, log, tick_label): (&str, bool, fn(f64) -> String) = match (memory, relative) {
        (true, _) => ("peak RSS (MiB)", false, significant),
        (false, true) => ("time / CPython's (lower is faster)", true, ratio_label),
        (false, false) => ("time (lower is faster)", true, seconds),
    };
    let chart = Chart {
        id: chart_id(benchmark, measure),
        title: format!("{benchmark}: {}", measure.title()),
        y_label: y_label.to_string(),
        log,
        fit_references: !memory,
        tick_label,
        lines,
        references,
        flags,
        times: time_range(results),
    };
    (chart, regressions)
}

/// The median of every value of a series, all commits together.
fn overall_median(series: &Series) -> Option<f64> {
    let all: Vec<f64> = series.points.iter().flat_map(|(_, v)| v.clone()).collect();
    median(&all)
}

/// The first and last commit times.
fn time_range(results: &Results) -> (i64, i64) {
    let first = results.commits.first().map_or(0, |c| c.time);
    let last = results.commits.last().map_or(0, |c| c.time);
    (first, last)
}

/// The summary graph: for each implementation and commit, the geometric mean over the
/// benchmarks it runs (those CPython ran too) of its time relative to CPython's at that
/// commit, in each benchmark's main measure, plotted where every one of them was measured; PyPy's the
/// same way as a reference line.
pub fn summary_chart(results: &Results) -> Chart {
    let normalized = |benchmark: &str, implementation: &str| {
        let measure = crate::compare::main_measure(results, benchmark);
        results
            .is_relative(benchmark, measure)
            .then(|| results.judged(benchmark, implementation, measure).medians())
    };
    let mut lines = Vec::new();
    for (implementation, color) in clients(results) {
        let mut per_commit: Vec<Vec<f64>> = vec![Vec::new(); results.commits.len()];
        let mut benchmarks = 0;
        for (benchmark, _) in &results.benchmarks {
            let Some(ratios) = normalized(benchmark, &implementation) else {
                continue;
            };
            benchmarks += usize::from(!ratios.is_empty());
            for (commit, ratio) in ratios {
                per_commit[commit].push(ratio);
            }
        }
        // A commit where some benchmark failed (or was not run) has no geomean comparable
        // with the others': it is shown as failed, not plotted.
        let mut points = Vec::new();
        let mut failures = Vec::new();
        for (commit, ratios) in per_commit.iter().enumerate() {
            let Some(mean) = geomean(ratios).filter(|_| ratios.len() == benchmarks) else {
                if !ratios.is_empty() || benchmarks > 0 {
                    failures.push((
                        results.commits[commit].time,
                        results.commits[commit].hash.clone(),
                        format!(
                            "{implementation}: {} of {benchmarks} benchmarks failed or missing (not plotted)\n{}",
                            benchmarks - ratios.len(),
                            commit_text(results, commit)
                        ),
                    ));
                }
                continue;
            };
            points.push(Point {
                time: results.commits[commit].time,
                value: mean,
                commit: results.commits[commit].hash.clone(),
                tooltip: format!(
                    "{implementation}: geomean {} CPython's time over {} benchmarks\n{}",
                    ratio_label(mean),
                    ratios.len(),
                    commit_text(results, commit)
                ),
            });
        }
        if !points.is_empty() || !failures.is_empty() {
            lines.push(Line {
                name: implementation,
                color,
                points,
                failures,
            });
        }
    }
    let mut references = vec![Reference {
        name: "CPython".to_string(),
        value: 1.0,
    }];
    let pypy: Vec<f64> = results
        .benchmarks
        .iter()
        .filter_map(|(benchmark, _)| {
            let ratios = normalized(benchmark, PYPY)?;
            median(&ratios.iter().map(|(_, r)| *r).collect::<Vec<_>>())
        })
        .collect();
    if let Some(mean) = geomean(&pypy) {
        references.push(Reference {
            name: "PyPy".to_string(),
            value: mean,
        });
    }
    Chart {
        id: "summary".to_string(),
        title: "all benchmarks: geometric mean of time / CPython's".to_string(),
        y_label: "geomean time / CPython's (lower is faster)".to_string(),
        log: true,
        fit_references: true,
        tick_label: ratio_label,
        lines,
        references,
        flags: Vec::new(),
        times: time_range(results),
    }
}
