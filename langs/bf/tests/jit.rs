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
    // A trace that goes around an inner loop without code twice ends at its header (an
    // exit there), and that loop is compiled at its next round: nothing aborts.
    assert_eq!(jit.total_aborts(), 0, "{:?}", jit.aborts);
    // The innermost loop `[-]`: the program's arrays are constant and immutable, so reading
    // the op, decoding it (an elidable call) and the dispatch fold away; what is left is the
    // cell's update and the test of the `]`. Peeled: the preamble checks the index, and the
    // loop after the `label` reads and writes the cell unchecked.
    let inner = &jit.traces[0];
    assert!(inner.starts_with("loop 5 -1 (line 1:49)("), "{inner}");
    assert_eq!(op_count(inner, "call"), 0, "{inner}");
    let (preamble, body) = inner.split_once("\n  label\n").expect("a peeled loop");
    assert_eq!(op_count(preamble, "getarrayitem"), 1, "{inner}");
    assert_eq!(op_count(body, "getarrayitem"), 0, "{inner}");
    assert_eq!(op_count(body, "getarrayitem_unchecked"), 1, "{inner}");
    assert_eq!(op_count(body, "setarrayitem_unchecked"), 1, "{inner}");
    assert_eq!(
        op_count(body, "guard_true") + op_count(body, "guard_false"),
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
    // The innermost loop compiles; bridges from its exit run the rest of the nest and jump
    // back into it, so compiled code is left (into the blackhole interpreter) only while
    // guards warm up to their bridges.
    let summary = format!(
        "loops {}, bridges {}, entries {}, failures {}, aborts {:?}",
        jit.loops, jit.bridges, jit.loop_entries, jit.guard_failures, jit.aborts
    );
    assert!(jit.loops >= 1 && jit.bridges >= 2, "{summary}");
    let eagerness = 200;
    assert!(
        jit.guard_failures <= (eagerness + 10) * u64::from(jit.bridges + jit.loops),
        "{summary}"
    );
    assert_eq!(jit.total_aborts(), 0, "{summary}");
}

#[test]
fn a_bridge_does_not_test_again_what_its_failing_guard_tested() {
    // The inner loop's `]` fails its guard when the cell reaches 0: the bridge from there
    // starts knowing that, so its first op is the next `<`, not a guard of its inputs.
    let outcome = run(NESTED, "threshold=3,trace_eagerness=3");
    assert_eq!((outcome.status, outcome.stdout.as_slice()), (0, &b"!"[..]));
    let bridges: Vec<&String> = outcome
        .jit
        .traces
        .iter()
        .filter(|t| t.starts_with("loop bridge from guard"))
        .collect();
    assert!(!bridges.is_empty(), "{:?}", outcome.jit.traces);
    for bridge in bridges {
        let first = bridge
            .lines()
            .skip(1)
            .map(str::trim)
            .find(|line| !line.starts_with("debug_merge_point"))
            .expect("an op");
        assert!(
            !first.starts_with("guard_true") && !first.starts_with("guard_false"),
            "{bridge}"
        );
    }
}

#[test]
fn code_after_a_join_point_is_traced_once_in_segments() {
    // primes.b's loops are long runs of 0/1-round loops (data-dependent ifs). Each if's
    // bridge ends at the join point after it, and the code from a join point is traced from
    // there, ending at the next join point exits came to (or, once `join_tail` long, at the
    // next join point): so a stretch of the program is in few traces, not in one trace per
    // join point before it. Measured by the program positions (`i0=PC` in the resume data)
    // of the loops' guards: how many loops guard each of them.
    let source = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/programs/primes.b"))
        .expect("read primes.b");
    let expected = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/programs/primes.out"))
        .expect("read primes.out");
    let outcome = run(&source, "on");
    assert_eq!(outcome.stdout, expected);
    let mut loops_at: std::collections::HashMap<&str, usize> = Default::default();
    let loops = outcome
        .jit
        .traces
        .iter()
        .filter(|t| !t.starts_with("loop bridge"));
    for trace in loops {
        let mut positions: Vec<&str> = trace
            .lines()
            .filter(|line| line.trim_start().starts_with("guard"))
            .filter_map(|line| line.split(" i0=").nth(1)?.split(' ').next())
            .collect();
        positions.sort_unstable();
        positions.dedup();
        for position in positions {
            *loops_at.entry(position).or_default() += 1;
        }
    }
    let guarded = loops_at.len();
    let total: usize = loops_at.values().sum();
    let most = loops_at.values().max().copied().unwrap_or(0);
    assert!(guarded > 100, "{loops_at:?}");
    assert!(
        total <= 2 * guarded,
        "{total} for {guarded} positions: {loops_at:?}"
    );
    assert!(most <= 5, "{most}: {loops_at:?}");
}
