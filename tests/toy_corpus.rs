//! The toy corpus (`tests/toy_corpus/`) and the examples (`langs/toy/examples/`): every
//! program gives its recorded output natively, and again under GC stress -- a collection at
//! every allocation, or at every N-th for programs that say `// gc-stress-interval: N` (deep
//! recursion: each collection scans the whole stack, so every-allocation stress is quadratic).
//! Both again in blackhole-everything mode (`--jit blackhole`: every portal call runs the
//! staged jitcode in the blackhole interpreter), the oracle for the staging macro. And with
//! the JIT on, at the default threshold and at threshold 1 (every loop traced as soon as it
//! is seen): the same outputs, and the JIT must really have compiled the hot programs' loops
//! (a JIT that never compiles cannot pass); what it did at threshold 1 per program (loops,
//! aborts with their reasons) is a reviewed snapshot.

use std::collections::BTreeMap;
use std::sync::Mutex;

use jitgen_core::metainterp::warmup::JitStats;
use jitgen_core::params::JitConfig;
use jitgen_tests::{
    backend_independent, corpus, mismatch, run_all, update_expectation, CorpusCase, Observed,
};
use toy::run::{run_captured, RunOptions};

fn run(case: &CorpusCase, options: &RunOptions) -> Observed {
    run_with_stats(case, options).0
}

/// [`run`], also returning what the JIT did.
fn run_with_stats(case: &CorpusCase, options: &RunOptions) -> (Observed, JitStats) {
    let source = std::fs::read_to_string(&case.path).expect("read program");
    let outcome = run_captured(&case.display_name, &source, options);
    let observed = Observed {
        stdout: outcome.stdout,
        stderr: outcome.stderr,
        status: outcome.status,
    };
    (observed, outcome.jit)
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

/// Options for the native interpreter alone.
fn native() -> RunOptions {
    RunOptions {
        jit: JitConfig::parse("off").expect("a valid --jit value"),
        ..RunOptions::default()
    }
}

#[test]
fn corpus_runs_natively() {
    run_all(&all_cases(), |case| {
        let observed = run(case, &native());
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
            ..native()
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

/// Runs the corpus with `--jit jit`: every output as recorded; what the JIT did per program.
fn run_jit(jit: &str) -> BTreeMap<String, JitStats> {
    let options = RunOptions {
        jit: JitConfig::parse(jit).expect("a valid --jit value"),
        ..RunOptions::default()
    };
    let stats = Mutex::new(BTreeMap::new());
    run_all(&all_cases(), |case| {
        let (observed, jit_stats) = run_with_stats(case, &options);
        // Backends are compared by what they did.
        let jit_stats = backend_independent(jit_stats);
        stats
            .lock()
            .expect("stats")
            .insert(case.display_name.clone(), jit_stats);
        mismatch(case, &format!("--jit {jit}"), &observed)
            .into_iter()
            .collect()
    });
    stats.into_inner().expect("stats")
}

/// The corpus programs named `hot_*`: loops that run long enough to get hot at any threshold.
fn assert_hot_programs_compiled(stats: &BTreeMap<String, JitStats>, jit: &str) {
    let hot: Vec<_> = stats.keys().filter(|name| name.contains("hot_")).collect();
    assert!(hot.len() >= 5, "only {} hot programs", hot.len());
    for name in hot {
        assert!(
            stats[name].loops >= 1 && stats[name].loop_entries >= 1,
            "--jit {jit}: {name} compiled no loop: {:?}",
            stats[name]
        );
    }
}

/// The backends the JIT runs of the corpus use: their results must be identical. To keep CI
/// time down, the GC stress run at threshold 1 uses the default backend only (`auto`: x86
/// where it is linked, as here).
const BACKENDS: [&str; 2] = ["reference", "x86"];

#[test]
fn corpus_runs_with_the_jit() {
    let all: Vec<_> = BACKENDS
        .iter()
        .map(|backend| {
            let jit = format!("on,backend={backend}");
            let stats = run_jit(&jit);
            assert_hot_programs_compiled(&stats, &jit);
            stats
        })
        .collect();
    assert_eq!(all[0], all[1], "the backends disagree on what the JIT did");
}

#[test]
fn corpus_runs_at_threshold_1() {
    let summaries: Vec<String> = BACKENDS.iter().map(|b| corpus_at_threshold_1(b)).collect();
    assert_eq!(
        summaries[0], summaries[1],
        "the backends disagree on what the JIT did"
    );
    insta::assert_snapshot!("threshold_1_summary", summaries[0]);
}

/// The threshold-1 run on one backend: what the JIT did per program.
fn corpus_at_threshold_1(backend: &str) -> String {
    // Bridges as soon as a guard fails once, too.
    let jit = &format!("threshold=1,trace_eagerness=1,backend={backend}");
    let stats = run_jit(jit);
    assert_hot_programs_compiled(&stats, jit);
    let compiled = stats.values().filter(|s| s.loops > 0).count();
    assert!(compiled >= 40, "only {compiled} programs compiled a loop");
    let bridged = stats.values().filter(|s| s.bridges > 0).count();
    assert!(bridged >= 10, "only {bridged} programs compiled a bridge");
    let mut summary = String::new();
    for (name, s) in &stats {
        let aborts: Vec<String> = s
            .aborts
            .iter()
            .map(|(reason, n)| format!("{}: {n}", reason.name()))
            .collect();
        summary.push_str(&format!(
            "{name}: loops {}, bridges {}, aborts [{}]\n",
            s.loops,
            s.bridges,
            aborts.join(", ")
        ));
    }
    summary
}

#[test]
fn corpus_runs_at_threshold_1_under_gc_stress() {
    run_all(&all_cases(), |case| {
        let stress = RunOptions {
            jit: JitConfig::parse("threshold=1,trace_eagerness=1").expect("a valid --jit value"),
            gc_stress: stress_interval(case),
            ..RunOptions::default()
        };
        mismatch(
            case,
            "--jit threshold=1,trace_eagerness=1 gc-stress",
            &run(case, &stress),
        )
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
