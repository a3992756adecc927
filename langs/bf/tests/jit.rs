//! What the JIT does with the interpreter: hot loops compile, into traces without any trace
//! of the interpreter's dispatch, and every trace's text parses back.

use bf::run::{run_captured, RunOptions, RunOutcome};
use jitgen_core::params::JitConfig;
use jitgen_core::testing::{check_text_round_trip, observe_traces, op_count};

fn run(source: &str, jit: &str) -> RunOutcome {
    observe_traces(check_text_round_trip);
    let options = RunOptions {
        jit: JitConfig::parse(jit).expect("valid --jit settings"),
        ..RunOptions::default()
    };
    run_captured("test.b", source, b"", &options)
}

/// Counts to 20 * 250 in a nested loop, then prints `!`.
const NESTED: &str = "++++++++++++++++++++[>+++++++++++++++++++++++++[-]<-]
                      +++++++++++++++++++++++++++++++++.";

#[test]
fn a_hot_loop_compiles_to_a_tight_trace() {
    let outcome = run(NESTED, "threshold=3");
    assert_eq!((outcome.status, outcome.stdout.as_slice()), (0, &b"!"[..]));
    let jit = outcome.jit;
    assert!(jit.loops >= 1 && jit.loop_entries >= 1, "{:?}", jit.traces);
    assert_eq!(jit.total_aborts(), 0, "{:?}", jit.aborts);
    // The innermost loop `[-]`: the program's arrays are constant and immutable, so reading
    // the op, decoding it (an elidable call) and the dispatch fold away; what is left is the
    // cell's update and the test of the `]`.
    let inner = &jit.traces[0];
    assert!(inner.starts_with("loop 1:49("), "{inner}");
    assert_eq!(op_count(inner, "call"), 0, "{inner}");
    assert_eq!(op_count(inner, "getarrayitem"), 1, "{inner}");
    assert_eq!(op_count(inner, "setarrayitem"), 1, "{inner}");
    assert_eq!(
        op_count(inner, "guard_true") + op_count(inner, "guard_false"),
        1,
        "{inner}"
    );
    assert!(!inner.contains("GcImmutableArray"), "{inner}");
}

#[test]
fn the_nested_loop_benchmark_runs_compiled_code() {
    let source = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/programs/nested.b"))
        .expect("read nested.b");
    let outcome = run(&source, "on");
    assert_eq!(outcome.stdout, b"ABCDEFGHIJKLMNOPQRSTUVWXYZ\n");
    let jit = outcome.jit;
    // The innermost loop compiles, and so does a level of the nest around it (with the
    // innermost loop unrolled inside); bridges continue them when they exit.
    let summary = format!(
        "loops {}, bridges {}, entries {}, aborts {:?}",
        jit.loops, jit.bridges, jit.loop_entries, jit.aborts
    );
    assert!(jit.loops >= 2 && jit.bridges >= 1, "{summary}");
    assert!(jit.loop_entries >= 1000, "{summary}");
}

#[test]
fn moving_off_the_tape_in_compiled_code_is_the_same_error() {
    // The loop compiles, then its `>` moves off the tape: a guard fails, the blackhole
    // interpreter finishes the op and the portal returns the error.
    let outcome = run("+[>+]", "threshold=2");
    assert_eq!(outcome.status, 1);
    assert!(
        outcome
            .stderr
            .starts_with("test.b:1:3: runtime error: moved off the right end of the tape"),
        "{}",
        outcome.stderr
    );
    assert!(outcome.jit.loops >= 1, "{:?}", outcome.jit.traces);
}
