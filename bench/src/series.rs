//! The store read as time series: the records of one machine and workload, their commits in
//! date order, and for each benchmark and implementation the values of a measure at each
//! commit (or its failure). What `compare`, `regressions` and the site read.

use std::collections::BTreeMap;

use crate::changepoint::{self, Change};
use crate::stats::median;
use crate::store::{Commit, Machine, Record, Sample, Workload};

/// The reference implementation: times are judged relative to its.
pub const CPYTHON: &str = "python3";
/// The other Python, a reference line on the graphs.
pub const PYPY: &str = "pypy3";

/// What a series plots.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// Iteration 1's time, warm-up included.
    First,
    /// The steady-state time.
    Steady,
    /// The whole process's wall time (Brainfuck programs have nothing else).
    Wall,
    /// Peak RSS, in bytes.
    PeakRss,
}

impl Measure {
    /// The measure of one run, if it has it.
    pub fn of(self, sample: &Sample) -> Option<f64> {
        match self {
            Measure::First => sample.first,
            Measure::Steady => sample.steady,
            Measure::Wall => Some(sample.wall),
            Measure::PeakRss => Some(sample.peak_rss as f64),
        }
    }

    /// How a page names it.
    pub fn title(self) -> &'static str {
        match self {
            Measure::First => "first iteration",
            Measure::Steady => "steady state",
            Measure::Wall => "whole process (wall)",
            Measure::PeakRss => "peak RSS",
        }
    }
}

/// The results of one machine under one workload (ITERATIONS and SIZE).
pub struct Results {
    /// The machine.
    pub machine: Machine,
    /// The workload (of the first record; all share its ITERATIONS and SIZE).
    pub workload: Workload,
    /// Every commit measured, oldest first (by commit date).
    pub commits: Vec<Commit>,
    /// Each benchmark with its directory, in name order.
    pub benchmarks: Vec<(String, String)>,
    /// The implementations, in the order they first appear.
    pub implementations: Vec<String>,
    /// The records of this machine and workload.
    records: Vec<Record>,
}

/// One benchmark under one implementation over the commits.
pub struct Series {
    /// The values (one per run) at each commit that has any, oldest first: (commit index,
    /// values).
    pub points: Vec<(usize, Vec<f64>)>,
    /// The commits where it failed and measured nothing: (commit index, reason).
    pub failures: Vec<(usize, String)>,
}

impl Series {
    /// The median at each commit that has values.
    pub fn medians(&self) -> Vec<(usize, f64)> {
        self.points
            .iter()
            .filter_map(|(commit, values)| Some((*commit, median(values)?)))
            .collect()
    }

    /// The median at `commit`, if measured.
    pub fn at(&self, commit: usize) -> Option<f64> {
        self.points
            .iter()
            .find(|(c, _)| *c == commit)
            .and_then(|(_, values)| median(values))
    }

    /// The values at `commit`.
    pub fn values_at(&self, commit: usize) -> &[f64] {
        self.points
            .iter()
            .find(|(c, _)| *c == commit)
            .map_or(&[], |(_, values)| values)
    }

    /// The change points of the medians, each with the commit index where the new level
    /// starts.
    pub fn changes(&self) -> Vec<(usize, Change)> {
        let medians = self.medians();
        let values: Vec<f64> = medians.iter().map(|(_, v)| *v).collect();
        changepoint::detect(&values)
            .into_iter()
            .map(|change| (medians[change.index].0, change))
            .collect()
    }

    /// The relative noise of one value of the series (see [`changepoint::noise`]).
    pub fn noise(&self) -> f64 {
        let logs: Vec<f64> = self.medians().iter().map(|(_, v)| v.ln()).collect();
        changepoint::noise(&logs).exp_m1()
    }
}

/// The (machine, workload) groups of `records` (committed work only: records of a dirty
/// working tree are left out), the one with the most commits first.
pub fn groups(records: &[Record]) -> Vec<Results> {
    type Key = (Machine, (Option<u64>, String));
    let mut grouped: BTreeMap<Key, Vec<Record>> = BTreeMap::new();
    for record in records.iter().filter(|r| !r.commit.dirty) {
        grouped
            .entry((record.machine.clone(), record.workload.comparable()))
            .or_default()
            .push(record.clone());
    }
    let mut results: Vec<Results> = grouped
        .into_iter()
        .map(|((machine, _), records)| {
            let workload = records[0].workload.clone();
            Results::new(machine, workload, records)
        })
        .collect();
    results.sort_by_key(|r| {
        let latest = r.commits.last().map_or(0, |c| c.time);
        std::cmp::Reverse((r.commits.len(), latest))
    });
    results
}

impl Results {
    fn new(machine: Machine, workload: Workload, records: Vec<Record>) -> Results {
        let mut commits: Vec<Commit> = Vec::new();
        let mut benchmarks: Vec<(String, String)> = Vec::new();
        let mut implementations: Vec<String> = Vec::new();
        for record in &records {
            if !commits.iter().any(|c| c.hash == record.commit.hash) {
                commits.push(record.commit.clone());
            }
            let benchmark = (record.benchmark.clone(), record.directory.clone());
            if !benchmarks.contains(&benchmark) {
                benchmarks.push(benchmark);
            }
            if !implementations.contains(&record.implementation) {
                implementations.push(record.implementation.clone());
            }
        }
        // Stable: commits with the same date keep the order they were recorded in.
        commits.sort_by_key(|c| c.time);
        benchmarks.sort();
        Results {
            machine,
            workload,
            commits,
            benchmarks,
            implementations,
            records,
        }
    }

    /// The index of the commit whose hash starts with `prefix`, if exactly one does.
    pub fn commit_index(&self, prefix: &str) -> Option<usize> {
        let mut found = self
            .commits
            .iter()
            .enumerate()
            .filter(|(_, c)| c.hash.starts_with(prefix));
        match (found.next(), found.next()) {
            (Some((index, _)), None) => Some(index),
            _ => None,
        }
    }

    /// The implementations that ran `benchmark`.
    pub fn implementations_of(&self, benchmark: &str) -> Vec<String> {
        self.implementations
            .iter()
            .filter(|imp| {
                self.records
                    .iter()
                    .any(|r| r.benchmark == benchmark && &&r.implementation == imp)
            })
            .cloned()
            .collect()
    }

    /// Whether `benchmark` has iteration times (speaks the protocol).
    pub fn has_iterations(&self, benchmark: &str) -> bool {
        self.records
            .iter()
            .filter(|r| r.benchmark == benchmark)
            .flat_map(|r| &r.samples)
            .any(|s| s.steady.is_some())
    }

    /// The version of `implementation` recorded at the newest commit that ran it.
    pub fn version(&self, implementation: &str) -> Option<&str> {
        self.records
            .iter()
            .filter(|r| r.implementation == implementation)
            .max_by_key(|r| (r.commit.time, r.recorded))
            .map(|r| r.version.as_str())
    }

    /// The series of `measure` for `benchmark` under `implementation`. A commit where every
    /// record of it failed is a failure; values come only from records that did not fail.
    pub fn series(&self, benchmark: &str, implementation: &str, measure: Measure) -> Series {
        let mut points: Vec<(usize, Vec<f64>)> = Vec::new();
        let mut failures: Vec<(usize, String)> = Vec::new();
        for (index, commit) in self.commits.iter().enumerate() {
            let here: Vec<&Record> = self
                .records
                .iter()
                .filter(|r| {
                    r.commit.hash == commit.hash
                        && r.benchmark == benchmark
                        && r.implementation == implementation
                })
                .collect();
            let values: Vec<f64> = here
                .iter()
                .filter(|r| r.failed.is_none())
                .flat_map(|r| &r.samples)
                .filter_map(|s| measure.of(s))
                .collect();
            if !values.is_empty() {
                points.push((index, values));
            } else if let Some(reason) = here.iter().rev().find_map(|r| r.failed.clone()) {
                failures.push((index, reason));
            }
        }
        Series { points, failures }
    }

    /// CPython's median `measure` of `benchmark` over all commits; `None` without CPython
    /// results.
    pub fn baseline(&self, benchmark: &str, measure: Measure) -> Option<f64> {
        let series = self.series(benchmark, CPYTHON, measure);
        let all: Vec<f64> = series.points.into_iter().flat_map(|(_, v)| v).collect();
        median(&all)
    }

    /// Whether `measure` of `benchmark` is judged relative to CPython: a time, with CPython
    /// results.
    pub fn is_relative(&self, benchmark: &str, measure: Measure) -> bool {
        measure != Measure::PeakRss && self.baseline(benchmark, measure).is_some()
    }

    /// The series as it is graphed and judged. A time of a benchmark CPython ran is relative
    /// to CPython's at the same commit (its median there; at a commit it did not run, its
    /// median over all commits): CPython's time does not depend on the commit, and a round
    /// runs every implementation in turn, so drift of the machine between commits (other
    /// load, clock speed) cancels. CPython's own series, memory, and programs without a
    /// Python source stay as measured.
    pub fn judged(&self, benchmark: &str, implementation: &str, measure: Measure) -> Series {
        let mut series = self.series(benchmark, implementation, measure);
        if implementation == CPYTHON || !self.is_relative(benchmark, measure) {
            return series;
        }
        let cpython = self.series(benchmark, CPYTHON, measure);
        let overall = self.baseline(benchmark, measure).unwrap_or(1.0);
        for (commit, values) in &mut series.points {
            let base = cpython.at(*commit).unwrap_or(overall);
            values.iter_mut().for_each(|value| *value /= base);
        }
        series
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::record;

    #[test]
    fn records_become_series_by_commit_date() {
        let mut dirty = record("d", 5, "fib", "toy on", &[9.0]);
        dirty.commit.dirty = true;
        let mut more_runs = record("b", 2, "fib", "python3", &[30.0]);
        more_runs.workload.runs = 5;
        let mut other_size = record("b", 2, "fib", "python3", &[1.0]);
        other_size.workload.size = "smoke".to_string();
        let records = vec![
            record("b", 2, "fib", "toy on", &[2.0, 4.0]),
            record("a", 1, "fib", "toy on", &[1.0]),
            record("a", 1, "fib", "python3", &[10.0]),
            more_runs,
            record("c", 3, "fib", "toy on", &[]),
            dirty,
            other_size,
        ];
        let groups = groups(&records);
        assert_eq!(groups.len(), 2, "the smoke size apart, more runs together");
        let results = &groups[0];
        let hashes: Vec<&str> = results.commits.iter().map(|c| c.hash.as_str()).collect();
        assert_eq!(hashes, ["a", "b", "c"]);
        assert_eq!(results.implementations_of("fib"), ["toy on", "python3"]);
        let series = results.series("fib", "toy on", Measure::Steady);
        assert_eq!(series.medians(), [(0, 1.0), (1, 3.0)]);
        assert_eq!(series.failures, [(2, "exit status 1: boom".to_string())]);
        assert_eq!(results.baseline("fib", Measure::Steady), Some(20.0));
        // Relative to CPython at each commit: 1/10, then 3/30.
        let judged = results.judged("fib", "toy on", Measure::Steady);
        assert_eq!(judged.medians(), [(0, 0.1), (1, 0.1)]);
        assert_eq!(judged.failures.len(), 1);
        assert!(results.is_relative("fib", Measure::Steady));
        assert!(!results.is_relative("fib", Measure::PeakRss));
        assert_eq!(
            results.judged("fib", "python3", Measure::Steady).medians(),
            [(0, 10.0), (1, 30.0)]
        );
        assert_eq!(results.baseline("fib", Measure::First), Some(40.0));
        assert_eq!(results.commit_index("b"), Some(1));
        assert_eq!(results.commit_index("x"), None);
        assert!(results.has_iterations("fib"));
    }
}
