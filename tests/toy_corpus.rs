//! The toy corpus (`tests/toy_corpus/`) and the examples (`langs/toy/examples/`): every
//! program gives its recorded output natively, and again under GC stress.

use jitgen_tests::{corpus, mismatch, run_all, update_expectation, CorpusCase, Observed};
use toy::run::{run_captured, RunOptions};

fn run(case: &CorpusCase, options: &RunOptions) -> Observed {
    let source = std::fs::read_to_string(&case.path).expect("read program");
    let outcome = run_captured(&case.display_name, &source, options);
    Observed { stdout: outcome.stdout, stderr: outcome.stderr, status: outcome.status }
}

fn all_cases() -> Vec<CorpusCase> {
    let mut cases = corpus("tests/toy_corpus");
    cases.extend(corpus("langs/toy/examples"));
    assert!(cases.len() >= 50, "the corpus has only {} programs", cases.len());
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
    let stress = RunOptions { gc_stress: true, ..RunOptions::default() };
    run_all(&all_cases(), |case| mismatch(case, "gc-stress", &run(case, &stress)).into_iter().collect());
}
