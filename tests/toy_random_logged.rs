//! Logging traces changes no program's meaning: with the trace logs on (so every trace
//! carries `debug_merge_point`s through the optimizer and the backends), random programs
//! from `random_toy` give the native interpreter's output in the JIT modes that compile the
//! most. Its own test binary, as the log is the process's.
//!
//! `JITGEN_RANDOM_PROGRAMS=N` runs N programs (default [`DEFAULT_PROGRAMS`]) from seed
//! `JITGEN_RANDOM_SEED` (default 0); a mismatching program goes to
//! `target/tmp/toy_random_logged/seed-S.toy`.

use jitgen_core::params::JitConfig;
use jitgen_tests::random_toy::program;
use toy::run::{run_captured, RunOptions, RunOutcome};

/// Programs a plain `cargo test` runs.
const DEFAULT_PROGRAMS: u64 = 40;

/// The modes compared with the native run.
const MODES: [&str; 3] = [
    "threshold=1",
    "threshold=1,backend=reference",
    "threshold=2,function_threshold=1,trace_eagerness=1",
];

fn run(source: &str, jit: &str) -> RunOutcome {
    let options = RunOptions {
        jit: JitConfig::parse(jit).expect("a valid --jit value"),
        heap_limit: Some(64 << 20),
        ..RunOptions::default()
    };
    run_captured("random.toy", source, &options)
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).map_or(default, |v| v.parse().expect("a number"))
}

#[test]
fn random_programs_behave_as_natively_with_traces_logged() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("toy_random_logged");
    std::fs::create_dir_all(&dir).expect("the output directory");
    // The trace logs on, written where nobody reads them.
    jitgen_core::log::init_with("jit-log,jit-abort:/dev/null");
    assert!(jitgen_core::log::traces_shown());
    let first = env_number("JITGEN_RANDOM_SEED", 0);
    let count = env_number("JITGEN_RANDOM_PROGRAMS", DEFAULT_PROGRAMS);
    let mut failures = Vec::new();
    let mut compiled = 0;
    for seed in first..first + count {
        let source = program(seed).source;
        let native = run(&source, "off");
        for jit in MODES {
            let outcome = run(&source, jit);
            compiled += usize::from(outcome.jit.loops > 0);
            if (&outcome.stdout, &outcome.stderr, outcome.status)
                != (&native.stdout, &native.stderr, native.status)
            {
                let path = dir.join(format!("seed-{seed}.toy"));
                std::fs::write(&path, &source).expect("write the program");
                failures.push(format!("seed {seed}, --jit {jit}: {}", path.display()));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "differ from the native run:\n{}",
        failures.join("\n")
    );
    assert!(
        compiled as u64 > count,
        "the JIT compiled loops in {compiled} runs"
    );
}
