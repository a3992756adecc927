//! The toy corpus (`tests/toy_corpus/`) and the examples (`langs/toy/examples/`): every
//! program gives its recorded output natively, and again under GC stress -- a collection at
//! every allocation, or at every N-th for programs that say `// gc-stress-interval: N` (deep
//! recursion: each collection scans the whole stack, so every-allocation stress is quadratic).
//! Both again in blackhole-everything mode (`--jit blackhole`: every portal call runs the
//! staged jitcode in the blackhole interpreter), the oracle for the staging macro.

use jitgen_core::params::JitConfig;
use jitgen_tests::{corpus, mismatch, run_all, update_expectation, CorpusCase, Observed};
use toy::run::{run_captured, RunOptions};

fn run(case: &CorpusCase, options: &RunOptions) -> Observed {
    let source = std::fs::read_to_string(&case.path).expect("read program");
    let outcome = run_captured(&case.display_name, &source, options);
    Observed {
        stdout: outcome.stdout,
        stderr: outcome.stderr,
        status: outcome.status,
    }
}

fn all_cases() -> Vec<CorpusCase> {
    let mut cases = corpus("tests/toy_corpus");
    cases.extend(corpus("langs/toy/examples"));
    assert!(
        cases.len() >= 50,
        "the corpus has only {} programs",
        cases.len()
    );
    cases
}

#[test]
fn corpus_runs_natively() {
    run_all(&all_cases(), |case| {
        let observed = run(case, &RunOptions::default());
        if update_expectation(case, &observed) {
            return Vec::new();
        }
        mismatch(case, "native", &observed).into_iter().collect()
    });
}

#[test]
fn corpus_runs_under_gc_stress() {
    run_all(&all_cases(), |case| {
        let stress = RunOptions {
            gc_stress: stress_interval(case),
            ..RunOptions::default()
        };
        mismatch(case, "gc-stress", &run(case, &stress))
            .into_iter()
            .collect()
    });
}

/// Options for blackhole-everything mode.
fn blackhole() -> RunOptions {
    RunOptions {
        jit: JitConfig::parse("blackhole").expect("a valid --jit value"),
        ..RunOptions::default()
    }
}

#[test]
fn corpus_runs_in_blackhole_mode() {
    run_all(&all_cases(), |case| {
        mismatch(case, "blackhole", &run(case, &blackhole()))
            .into_iter()
            .collect()
    });
}

#[test]
fn corpus_runs_in_blackhole_mode_under_gc_stress() {
    run_all(&all_cases(), |case| {
        let stress = RunOptions {
            gc_stress: stress_interval(case),
            ..blackhole()
        };
        mismatch(case, "blackhole gc-stress", &run(case, &stress))
            .into_iter()
            .collect()
    });
}

/// The program's `// gc-stress-interval: N` directive, or 1.
fn stress_interval(case: &CorpusCase) -> u32 {
    let source = std::fs::read_to_string(&case.path).expect("read program");
    source
        .lines()
        .find_map(|line| line.trim().strip_prefix("// gc-stress-interval:"))
        .map_or(1, |n| {
            n.trim()
                .parse()
                .expect("gc-stress-interval must be a positive number")
        })
}
