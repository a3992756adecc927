//! Interpreter-level JIT tests on the toy language: small programs run under the JIT with low
//! thresholds; assertions on what the JIT did (`JitStats`, the harness of
//! `jitgen_core::testing`) and on the compiled loops' text, next to the output, which must be
//! the native interpreter's. Every compiled trace's text must parse back into a trace that
//! prints the same text.

use std::sync::atomic::{AtomicUsize, Ordering};

use jitgen_core::params::JitConfig;
use jitgen_core::testing::{check_text_round_trip, observe_traces, op_count, JitStats};
use jitgen_tests::{backend_independent, corpus, mismatch, run_all, Observed};
use toy::run::{run_captured, RunOptions};

/// The backends every test runs on: their results must be identical.
const BACKENDS: [&str; 2] = ["reference", "x86"];

/// Runs `source` with `--jit jit` on each backend, checks that stdout, stderr and status
/// equal the native run's (and every trace's text parses back) and that the backends did the
/// same, and returns stdout and what the JIT did.
fn run(source: &str, jit: &str) -> (String, JitStats) {
    observe_traces(check_text_round_trip);
    let native = run_captured(
        "test.toy",
        source,
        &RunOptions {
            jit: JitConfig::parse("off").unwrap(),
            ..RunOptions::default()
        },
    );
    let mut results = Vec::new();
    for backend in BACKENDS {
        let jit = format!("{jit},backend={backend}");
        let jitted = run_captured(
            "test.toy",
            source,
            &RunOptions {
                jit: JitConfig::parse(&jit).unwrap(),
                ..RunOptions::default()
            },
        );
        assert_eq!(
            (&jitted.stdout, &jitted.stderr, jitted.status),
            (&native.stdout, &native.stderr, native.status),
            "--jit {jit} changed the program's behaviour"
        );
        assert_eq!(
            jitted.jit.backend, backend,
            "--jit {jit} ran another backend"
        );
        assert_eq!(jitted.jit.backend_fallbacks, 0, "--jit {jit} fell back");
        results.push((jitted.stdout, backend_independent(jitted.jit)));
    }
    assert_eq!(
        results[0], results[1],
        "the backends disagree on what the JIT did"
    );
    results.swap_remove(0)
}

/// The text of the first trace `jit` compiled whose text starts with `prefix`.
fn trace_starting<'a>(jit: &'a JitStats, prefix: &str) -> &'a str {
    jit.traces
        .iter()
        .find(|t| t.starts_with(prefix))
        .unwrap_or_else(|| panic!("no trace starts with {prefix:?}: {jit:?}"))
}

const COUNT_LOOP: &str = "
fn count(n) {
    let i = 0;
    while i < n { i = i + 1; }
    return i;
}
print(count(3000));
";

#[test]
fn a_counting_loop_compiles_without_reading_the_bytecode() {
    let (out, jit) = run(COUNT_LOOP, "threshold=3");
    assert_eq!(out, "3000\n");
    assert_eq!(jit.loops, 1, "{jit:?}");
    assert_eq!(jit.total_aborts(), 0);
    let trace = &jit.traces[0];
    // The bytecode array and the opcode dispatch fold away: no read of an immutable array,
    // no guard on the opcode, no call of the opcode decoder. The frame is virtualizable: its
    // value stack and stack depth live in variables (no array access, no `Frame.sp`). The
    // promoted stack depth (it indexes the stack) and the promoted context (which makes the
    // `true` singleton's test fold) are checked on entry to the loop, not in it.
    assert!(!trace.contains("GcImmutableArray"), "{trace}");
    assert!(!trace.contains("opcode"), "{trace}");
    assert!(!trace.contains("Frame.sp"), "{trace}");
    assert_eq!(op_count(trace, "getarrayitem"), 0, "{trace}");
    assert_eq!(op_count(trace, "setarrayitem"), 0, "{trace}");
    assert_eq!(op_count(trace, "guard_value"), 0, "{trace}");
    let header = trace.lines().next().unwrap_or_default();
    assert!(
        header.ends_with(" entered when i2 == 2, r1 == <Ctx>"),
        "{trace}"
    );
    // Peeled: after the `label`, the loop proper is the comparison and the addition with
    // their guards; `i` travels unboxed (no allocation), `n`'s class and value are known
    // from the first iteration.
    let body: Vec<&str> = trace
        .lines()
        .skip_while(|l| !l.contains("label "))
        .skip(1)
        .collect();
    assert!(body.len() <= 5, "{trace}");
    assert_eq!(op_count(trace, "call"), 0, "{trace}");
    insta::assert_snapshot!("count_loop", trace);
}

#[test]
fn a_guard_failing_inside_an_inlined_helper_resumes_correctly() {
    // The int-int path of `+` is traced; at i == 2000, `x` becomes a float and the class
    // guard inside the inlined `arith` fails.
    let source = "
fn run(n) {
    let x = 0;
    let i = 0;
    while i < n {
        if i == 2000 { x = x + 0.5; }
        x = x + 1;
        i = i + 1;
    }
    return x;
}
print(run(3000));
";
    let (out, jit) = run(source, "threshold=5");
    assert_eq!(out, "3000.5\n");
    assert!(jit.loops >= 1, "{jit:?}");
    assert!(jit.guard_failures >= 2, "{jit:?}");
}

#[test]
fn promote_gives_guard_value_and_elidable_calls_on_constants_fold() {
    let source = "
class P { fn init() { self.v = 2; } }
fn run(p, n) {
    let total = 0;
    let i = 0;
    while i < n {
        total = total + p.v;
        i = i + 1;
    }
    return total;
}
print(run(P(), 2000));
";
    let (out, jit) = run(source, "threshold=3");
    assert_eq!(out, "4000\n");
    assert_eq!(jit.loops, 1, "{jit:?}");
    let trace = &jit.traces[0];
    // `InstanceObj::field` promotes the map: a guard_value, after which the elidable
    // `Map::slot_of` has constant arguments and folds.
    assert!(op_count(trace, "guard_value") >= 1, "{trace}");
    assert!(!trace.contains("slot_of"), "{trace}");
}

#[test]
fn an_exception_raised_and_caught_in_a_hot_loop() {
    let source = "
fn check(i) {
    if i % 10 == 0 { throw i; }
    return i;
}
fn run(n) {
    let ok = 0;
    let thrown = 0;
    let i = 0;
    while i < n {
        try { ok = ok + check(i); } catch e { thrown = thrown + 1; ok = ok - e; }
        i = i + 1;
    }
    return [ok, thrown];
}
print(run(3000));
";
    let (out, jit) = run(source, "threshold=3");
    assert_eq!(out, "[3601500, 300]\n");
    assert!(jit.loops >= 1, "{jit:?}");
    assert!(jit.loop_entries >= 1, "{jit:?}");
}

#[test]
fn recursion_is_correct_at_every_threshold() {
    let source = "
fn fib(n) {
    if n < 2 { return n; }
    return fib(n - 1) + fib(n - 2);
}
fn sum_fibs(n) {
    let total = 0;
    let i = 0;
    while i < n { total = total + fib(i); i = i + 1; }
    return total;
}
print(sum_fibs(18));
";
    for threshold in [1, 2, 3, 7, 50, 1039] {
        let (out, _) = run(source, &format!("threshold={threshold}"));
        assert_eq!(out, "4180\n", "threshold {threshold}");
    }
}

#[test]
fn a_too_long_trace_with_nothing_to_blame_is_compiled_in_segments() {
    // The loop's trace passes the limit with no inlined call to blame: it ends at the next
    // merge point with an `exit`; that merge point, once the exit got hot, is traced as a
    // join point, and the exit gets a bridge into its code: the loop runs as a chain of
    // segments, without aborts.
    let (out, jit) = run(COUNT_LOOP, "threshold=3,trace_limit=20");
    assert_eq!(out, "3000\n");
    assert_eq!((jit.loops, jit.join_traces), (2, 1), "{jit:?}");
    assert_eq!(jit.total_aborts(), 0, "{jit:?}");
    assert_eq!(op_count(&jit.traces[0], "exit"), 1, "{}", jit.traces[0]);
    assert!(jit.bridges >= 1, "{jit:?}");
    assert!(jit.most_guard_failures <= 210, "{jit:?}");
}

#[test]
fn a_bridge_ends_where_it_rejoins_compiled_code_and_that_code_is_traced_once() {
    // From iteration 1000 on, the branch goes the other way: its guard's bridge rejoins the
    // loop's path right after the `if`, where the loop's trace has a long way to go (past
    // `join_tail` ops): the bridge ends there with an `exit`, and the exit then jumps into
    // the code traced from that merge point. That code is traced once: as segments at
    // least `join_tail` long, each ending at the next join point (the last at the loop's
    // header), every statement in one of them only.
    let source = "
fn run(n) {
    let a = 0;
    let b = 0;
    let i = 0;
    while i < n {
        if i < 1000 { a = a + 1; } else { b = b + 2; }
        a = a + i % 7;
        b = b + i % 5;
        a = a - i % 3;
        i = i + 1;
    }
    return [a, b];
}
print(run(3000));
";
    let (out, jit) = run(source, "threshold=3,join_tail=20");
    assert_eq!(out, "[6994, 10000]\n");
    assert!(jit.join_traces >= 1, "{jit:?}");
    assert_eq!(jit.loops, 1 + jit.join_traces, "{jit:?}");
    let join_traces: Vec<&String> = jit.traces[1..]
        .iter()
        .filter(|t| !t.starts_with("loop bridge"))
        .collect();
    for remainder in [", 7\n", ", 5\n", ", 3\n"] {
        let traced: usize = join_traces
            .iter()
            .map(|t| {
                t.lines()
                    .filter(|l| l.contains("int_rem") && l.ends_with(remainder.trim_end()))
                    .count()
            })
            .sum();
        assert_eq!(
            traced, 1,
            "i % {remainder:?} in the join traces: {join_traces:?}"
        );
    }
    assert_eq!(jit.total_aborts(), 0, "{jit:?}");
    let bridge = trace_starting(&jit, "loop bridge from guard");
    assert_eq!(op_count(bridge, "exit"), 1, "{bridge}");
    assert!(jit.most_guard_failures <= 210, "{jit:?}");
}

#[test]
fn an_object_made_from_the_previous_one_each_iteration_travels_as_its_fields() {
    // Each iteration makes a `P` (an instance, its storage array, two boxed ints) from the
    // previous one: the peeled loop passes the ints on, and allocates nothing. The guard
    // that fails every 5000 iterations resumes with the object rebuilt from its fields.
    let source = "
class P {
    fn init(x, y) { self.x = x; self.y = y; }
}
fn run(n) {
    let p = P(0, 0);
    let i = 0;
    let seen = 0;
    while i < n {
        p = P(p.x + 1, p.y + i);
        if i % 5000 == 4999 { seen = seen + p.x - p.y % 7; }
        i = i + 1;
    }
    return p.x + p.y + seen;
}
print(run(20000));
";
    for jit in ["threshold=3", "threshold=3,trace_eagerness=1"] {
        let (out, jit) = run(source, jit);
        assert_eq!(out, "200059992\n");
        let trace = trace_starting(&jit, "loop run:");
        let (_, body) = trace.split_once("\n  label ").expect("a peeled loop");
        let allocations = ["new<P>", "new<InstanceObj>", "new<IntObj>", "call"];
        for op in allocations {
            assert_eq!(op_count(body, op), 0, "{op} in the loop body: {trace}");
        }
    }
}

#[test]
fn an_inlined_calls_frame_array_is_virtual_and_made_only_when_a_guard_fails() {
    // `f` is inlined: its frame's slot array (`GcArray::new`) is never allocated; the guard
    // that fails once every 1000 calls (inside `f`) rebuilds the frame from the resume
    // data, array and items included; with eager bridges, the bridge starts from them too.
    let source = "
fn f(x) {
    let a = x + 1;
    let b = a * 2;
    if x % 1000 == 999 { return b - a; }
    return a + b;
}
fn run(n) {
    let t = 0;
    let i = 0;
    while i < n { t = t + f(i); i = i + 1; }
    return t;
}
print(run(3000));
";
    for jit in ["threshold=3", "threshold=3,trace_eagerness=1"] {
        let (out, jit) = run(source, jit);
        assert_eq!(out, "13492500\n");
        let trace = trace_starting(&jit, "loop run:");
        assert_eq!(op_count(trace, "call"), 0, "{trace}");
        assert!(trace.contains("virtual r"), "{trace}");
        assert!(trace.contains("= call GcArray<GcRef>::new "), "{trace}");
    }
}

#[test]
fn a_function_traced_from_its_entry_returns_from_compiled_code() {
    // `step` is too long to inline into `run`'s loop; traced from its entry, it reaches its
    // return (no loop on the way) and hands the result over with `finish`.
    let source = "
fn step(n) {
    let a = n * 3 + 1;
    let b = a % 7 + a / 5;
    let c = b * b - a;
    let d = c % 11 + b;
    let e = d * 2 + c % 3;
    if n % 500 == 499 { throw e; }
    return e % 1000;
}
fn run(n) {
    let t = 0;
    let i = 0;
    while i < n {
        try { t = t + step(i); } catch x { t = t - x; }
        i = i + 1;
    }
    return t;
}
print(run(3000));
";
    let (out, jit) = run(source, "threshold=3,trace_limit=200,function_threshold=10");
    assert_eq!(out, "1388516\n");
    assert_eq!(jit.not_inlined, 1, "{jit:?}");
    assert_eq!(jit.entry_traces, 1, "{jit:?}");
    let entry = trace_starting(&jit, "loop step:0");
    assert_eq!(op_count(entry, "finish"), 1, "{entry}");
    // `run`'s loop enters that code directly.
    let outer = trace_starting(&jit, "loop run:");
    assert!(op_count(outer, "call_assembler") >= 1, "{outer}");
    assert!(!outer.contains("call __jitgen_portal_execute"), "{outer}");
    // About 3000 calls return from compiled code; only the guards that fail (the throws,
    // the loop's end) resume in the interpreter.
    assert!(jit.guard_failures < 20, "{jit:?}");
    // With eager bridges, the throwing path gets one, which ends as the function does: it
    // finishes with the error.
    let (out, jit) = run(
        source,
        "threshold=3,trace_limit=200,function_threshold=10,trace_eagerness=2",
    );
    assert_eq!(out, "1388516\n");
    assert_eq!(jit.bridges, 1, "{jit:?}");
    let bridge = trace_starting(&jit, "loop bridge");
    assert_eq!(op_count(bridge, "finish_error"), 1, "{bridge}");
}

#[test]
fn a_call_of_a_function_chosen_at_run_time_is_promoted_and_enters_its_code() {
    // `f` alternates between `a` and `b`, both traced from their entries and too long to
    // inline: the call site promotes the callee (a `guard_value` on its code) and enters the
    // traced one's code directly (`call_assembler`); the guard's bridge does the same for
    // the other.
    let source = "
fn a(n) {
    let x = n * 3 + 1; let y = x % 7 + x / 5; let z = y * y - x;
    let w = z % 11 + y; let v = w * 2 + z % 3;
    return v % 1000;
}
fn b(n) {
    let x = n * 5 + 2; let y = x % 9 + x / 3; let z = y * y + x;
    let w = z % 13 + y; let v = w * 3 + z % 7;
    return v % 997;
}
fn run(n) {
    let fs = [a, b];
    let t = 0;
    let i = 0;
    while i < n { let f = fs[i % 2]; t = t + f(i); i = i + 1; }
    return t;
}
print(run(3000));
";
    let (out, jit) = run(source, "threshold=3,trace_limit=180,function_threshold=10");
    assert_eq!(out, "1447776\n");
    assert_eq!(jit.entry_traces, 2, "{jit:?}");
    let outer = trace_starting(&jit, "loop run:");
    assert!(op_count(outer, "call_assembler") >= 1, "{outer}");
    assert!(!outer.contains("call __jitgen_portal_execute"), "{outer}");
    let calls: usize = jit
        .traces
        .iter()
        .map(|t| op_count(t, "call_assembler"))
        .sum();
    assert!(calls >= 2 && jit.bridges >= 1, "{jit:?}");
    assert!(jit.most_guard_failures <= 210, "{jit:?}");
}

#[test]
fn a_function_whose_loop_goes_around_in_a_trace_is_called_and_traced_from_entry() {
    // Inlined into `run`'s loop, `inner` goes around its own loop: the trace of `run`'s loop
    // calls it instead (and no trace inlines it again); its loop compiles on its own.
    let source = "
fn inner(n) {
    let s = 0;
    let j = 0;
    while j < n { s = s + j; j = j + 1; }
    return s;
}
fn run(n) {
    let t = 0;
    let i = 0;
    while i < n { t = t + inner(40); i = i + 1; }
    return t;
}
print(run(2000));
";
    let (out, jit) = run(source, "threshold=3,trace_limit=300,function_threshold=10");
    assert_eq!(out, "1560000\n");
    assert_eq!(jit.not_inlined, 1, "{jit:?}");
    assert_eq!(jit.total_aborts(), 0, "{jit:?}");
    // Then `inner` gets hot as a function: traced from its entry up to its loop's header,
    // where the trace jumps into the loop's code.
    assert_eq!(jit.entry_traces, 1, "{jit:?}");
    let entry = trace_starting(&jit, "loop inner:0");
    assert_eq!(op_count(entry, "exit"), 0, "{entry}");
    assert!(entry.contains("; to loop#"), "{entry}");
    assert_eq!(jit.loops, 2, "{jit:?}");
    // The loop's exit gets a bridge that returns from `inner`: past the warm-up, no call
    // leaves compiled code.
    assert!(jit.bridges >= 1, "{jit:?}");
    assert!(jit.most_guard_failures <= 210, "{jit:?}");
    let outer = trace_starting(&jit, "loop run:");
    // The call of `inner` enters its compiled code when it has some.
    assert!(op_count(outer, "call_assembler") >= 1, "{outer}");
    assert!(outer.lines().count() < 300, "{outer}");
}

#[test]
fn sibling_inner_loops_compile_and_the_outer_loop_jumps_between_them() {
    // The outer loop holds three inner loops: each compiles on its own (a trace that goes
    // around one of them twice ends at its header, which is then compiled first), and
    // bridges from each inner loop's exit jump into the next one's code, so the whole nest
    // runs in compiled code once the exits' guards are warm.
    let source = "
let total = 0;
let i = 0;
while i < 3000 {
  let j = 0;
  while j < 100 { total = total + j; j = j + 1; }
  let k = 0;
  while k < 50 { total = total + 2 * k; k = k + 1; }
  let m = 0;
  while m < 7 { total = total - m; m = m + 1; }
  i = i + 1;
}
print(total);
";
    let (out, jit) = run(source, "on");
    assert_eq!(out, "22137000\n");
    assert!(jit.loops >= 3 && jit.bridges >= 3, "{jit:?}");
    let jumps = jit
        .traces
        .iter()
        .filter(|t| t.contains("; to loop#"))
        .count();
    assert!(jumps >= 2, "{:?}", jit.traces);
    assert!(jit.aborts.is_empty(), "{jit:?}");
    // Each exit guard resumes in the interpreter only while it warms up to its bridge.
    assert!(jit.most_guard_failures <= 210, "{jit:?}");
    assert!(jit.guard_failures <= 210 * 4, "{jit:?}");
}

#[test]
fn recursion_compiles_an_entry_trace_that_calls_itself() {
    let source = "
fn fib(n) {
    if n < 2 { return n; }
    return fib(n - 1) + fib(n - 2);
}
print(fib(22));
";
    let (out, jit) = run(source, "on");
    assert_eq!(out, "17711\n");
    assert_eq!(jit.entry_traces, 1, "{jit:?}");
    let entry = trace_starting(&jit, "loop fib:0");
    assert!(op_count(entry, "finish") >= 1, "{entry}");
    // Its guards get bridges (which return from `fib` too): past the warm-up, calls stay in
    // compiled code.
    assert!(jit.bridges >= 2, "{jit:?}");
    assert!(jit.most_guard_failures <= 210, "{jit:?}");
}

#[test]
fn a_hot_guard_gets_a_bridge() {
    // The branch flips every iteration: the guard of the traced side fails half the time,
    // gets hot, and a bridge from it back to the loop header takes the other side.
    let source = "
fn run(n) {
    let even = 0;
    let odd = 0;
    let i = 0;
    while i < n {
        if i % 2 == 0 { even = even + i; } else { odd = odd + 1; }
        i = i + 1;
    }
    return [even, odd];
}
print(run(3000));
";
    let (out, jit) = run(source, "threshold=3,trace_eagerness=5");
    assert_eq!(out, "[2248500, 1500]\n");
    assert_eq!(jit.loops, 1, "{jit:?}");
    assert_eq!(jit.bridges, 1, "{jit:?}");
    // Once the bridge exists, the failing guard runs it instead of leaving compiled code:
    // the loop is entered, and left to the blackhole interpreter, a handful of times, not
    // once per odd `i`.
    assert!(jit.loop_entries < 20, "{jit:?}");
    assert!(jit.guard_failures < 20, "{jit:?}");
}

#[test]
fn calls_in_a_hot_loop_are_inlined_with_their_bytecode_folded() {
    let source = "
fn square(x) { return x * x; }
fn run(n) {
    let total = 0;
    let i = 0;
    while i < n { total = total + square(i); i = i + 1; }
    return total;
}
print(run(2000));
";
    let (out, jit) = run(source, "threshold=3");
    assert_eq!(out, "2664667000\n");
    assert_eq!(jit.loops, 1, "{jit:?}");
    let trace = &jit.traces[0];
    // The call of the portal for `square` is inlined (no residual call of the interpreter);
    // the global `square` never changes, so the function and its code are constants (under
    // `guard_not_invalidated`, not a `guard_value`) and the callee's bytecode folds too.
    assert!(!trace.contains("call __jitgen_portal_execute"), "{trace}");
    assert!(!trace.contains("opcode"), "{trace}");
    assert!(op_count(trace, "guard_not_invalidated") >= 1, "{trace}");
    // Guards inside the callee resume two portal frames (the caller's, waiting in `call`
    // and `call_code`, and the callee's).
    assert!(
        trace
            .lines()
            .any(|l| l.matches("__jitgen_portal_execute@").count() == 2),
        "{trace}"
    );
    // With inlining off, the call stays a call (into the callee's compiled entry, once it
    // has one).
    let (_, jit) = run(source, "threshold=3,inlining=off");
    assert!(
        jit.traces[0].contains("call_assembler __jitgen_portal_execute"),
        "{}",
        jit.traces[0]
    );
}

#[test]
fn every_trace_of_the_corpus_parses_back() {
    // Threshold 1 with eager bridges: the most traces, bridges and guards.
    observe_traces(check_text_round_trip);
    let options = RunOptions {
        jit: JitConfig::parse("threshold=1,trace_eagerness=1").unwrap(),
        ..RunOptions::default()
    };
    let mut cases = corpus("tests/toy_corpus");
    cases.extend(corpus("langs/toy/examples"));
    let traces = AtomicUsize::new(0);
    run_all(&cases, |case| {
        let source = std::fs::read_to_string(&case.path).expect("read program");
        let outcome = run_captured(&case.display_name, &source, &options);
        traces.fetch_add(outcome.jit.traces.len(), Ordering::Relaxed);
        let observed = Observed {
            stdout: outcome.stdout,
            stderr: outcome.stderr,
            status: outcome.status,
        };
        mismatch(case, "threshold=1 (traces parsed back)", &observed)
            .into_iter()
            .collect()
    });
    let traces = traces.into_inner();
    assert!(traces >= 100, "only {traces} traces compiled");
}

#[test]
fn a_quasi_immutable_global_folds_until_it_changes() {
    // `f` is defined once: the loop's trace folds its value (the function `one`), guarded
    // by `guard_not_invalidated`. Assigning it at i == 2000 invalidates the loop, which
    // is dropped and traced again (now reading `f`, which varies).
    let source = "
fn one() { return 1; }
fn two() { return 2; }
let f = one;
let total = 0;
let i = 0;
while i < 3000 {
    if i == 2000 { f = two; }
    total = total + f();
    i = i + 1;
}
print(total);
";
    let (out, jit) = run(source, "threshold=3");
    assert_eq!(out, "4000\n");
    assert_eq!(jit.invalidated, 1, "{jit:?}");
    assert_eq!(jit.loops, 2, "{jit:?}");
    assert!(
        op_count(&jit.traces[0], "guard_not_invalidated") >= 1,
        "{}",
        jit.traces[0]
    );
}

#[test]
fn a_global_folded_by_compiled_code_is_read_again_once_it_changes() {
    // Each program folds a global that is defined once, then changes it where compiled code
    // runs around it: in the iteration after the read (through a failing guard), from a
    // called function, inside a bridge, and between two runs of a loop (a class rebound).
    // The peeled loop must check the same invalidation word its watchers set.
    let programs = [
        "let g = 1; let i = 0; let s = 0;
         while i < 100 { i = i + 1; s = s + g; if i == 50 { g = 100; } }
         print(s);",
        "let limit = 10;
         fn set_limit(v) { limit = v; }
         let i = 0; let s = 0;
         while i < 300 { s = s + limit; i = i + 1; if i == 150 { set_limit(1000); } }
         print(s);",
        "let g = 1; let i = 0; let s = 0;
         while i < 400 {
             i = i + 1;
             if i % 7 == 0 { s = s + 2; if i > 250 { g = 5; } }
             s = s + g;
         }
         print(s);",
        "class A { fn v() { return 1; } }
         class B { fn v() { return 2; } }
         let K = A;
         fn run() { let i = 0; let s = 0; while i < 200 { s = s + K().v(); i = i + 1; } return s; }
         print(run());
         K = B;
         print(run());",
    ];
    let expected = ["5050\n", "151500\n", "1110\n", "200\n400\n"];
    for (source, expected) in programs.iter().zip(expected) {
        for jit in [
            "threshold=1",
            "threshold=3",
            "threshold=1,trace_eagerness=1",
        ] {
            let (out, stats) = run(source, jit);
            assert_eq!(out, expected, "--jit {jit}:\n{source}");
            assert!(stats.loops >= 1, "--jit {jit} compiled nothing: {stats:?}");
        }
    }
}

#[test]
fn bounds_the_optimizer_proves_keep_every_check_that_can_fail() {
    // Walks up and down an array in compiled loops: the checks the guards already made are
    // dropped (counters below a bound do not overflow, indices below the length are in
    // bounds), but the walk off either end still raises, and sums near the integer limit
    // still overflow.
    let source = "
fn walk(a, start, step) {
    let i = start;
    let sum = 0;
    try {
        while true { sum = sum + a[i]; a[i] = a[i] + 1; i = i + step; }
    } catch e { return [sum, i]; }
}
fn near_limit(x, n) {
    let i = 0;
    try {
        while i < n { x = x + 1; i = i + 1; }
    } catch e { return [\"overflow\", i]; }
    return [x, i];
}
fn run() {
    let a = [];
    let k = 0;
    while k < 50 { push(a, k); k = k + 1; }
    let out = [];
    let round = 0;
    while round < 40 {
        out = [walk(a, 0, 1), walk(a, 49, -1), walk(a, round % 7, 3)];
        round = round + 1;
    }
    print(out);
    print(near_limit(9223372036854775000, 600), near_limit(9223372036854775000, 900));
}
run();
";
    let (out, jit) = run(source, "threshold=5");
    assert!(out.contains("overflow"), "{out}");
    assert!(jit.loops >= 2, "{jit:?}");
}

#[test]
fn an_entry_invalidated_while_its_code_runs_still_resolves_its_exits() {
    // Found by the random generator (seed 5003418, minimized): `extra` recurses until the
    // recursion limit, each level catching the error. Its entry trace calls itself through
    // `call_assembler`; while those calls are in flight, the code is invalidated and
    // detached from the entry, and the calls still running leave through exits that must
    // find their code (they aborted the process before).
    let source = "
let g_k1 = 47;
let g_k2 = 42;
let g_s6 = \"s\";
class C0 {
    fn init(x) {}
    fn step(dd) {
        try { let r = self.extra(); } catch e {}
    }
}
class C1(C0) {
    fn extra() {
        try {
            let r = self.extra();
            if (g_s6 >= str(-31) or 0 in g_d8) { return g_k1; }
        } catch e {}
    }
}
let objs = [C0(16), C1(64), C0(7)];
fn drive(n) {
    let i = 0;
    while i < 208 {
        i = i + 1;
        try { objs[i % len(objs)].step(g_k2); } catch e {}
    }
}
let j = 2;
while j > 0 {
    j = j - 1;
    objs[j % len(objs)].step(j);
    g_k1 = (g_k2 % 1000003);
}
print(drive(g_k1));
";
    for jit in ["on", "threshold=1"] {
        let (out, _) = run(source, jit);
        assert_eq!(out, "nil\n");
    }
}

#[test]
fn a_call_made_residual_promotes_its_callee_before_entering_its_code() {
    // Found by the random generator (seed 7005155, minimized): the loop calls `f12` or `f11`
    // through a list. The inlined call of `f12` reaches `f12`'s own loop, so it is made a
    // call again, dropping the ops traced inside it -- and with them the guard its first
    // merge point put on the callee's code. `call_assembler` into `f12`'s entry ran `f11`'s
    // frame too (a bool where `f12` kept its counter, or a local past `f11`'s frame).
    let source = "
let g_k1 = 44;
let g_num6 = 17.3;
fn f11(x) { return 0; }
fn f12(x) {
    let i13 = 0;
    while i13 < 4 { i13 = i13 + 1; }
    return (i13 + 94947);
}
let g_fns20 = [f12, f11, f12];
let i30 = 0;
while i30 < 132 {
    i30 = i30 + 1;
    if i30 == 103 {
    } else if ((g_k1 % 887) % 3) {
        if (g_num6 * 4) <= (g_num6 % (abs(g_fns20[(i30 % len(g_fns20))](i30)) + 1)) {
        } else {
            if i30 == 35 { let g_k1 = 8; }
        }
    }
}
print(\"ok\");
";
    let (out, jit) = run(source, "threshold=2,function_threshold=1");
    assert_eq!(out, "ok\n");
    let calling: Vec<&String> = jit
        .traces
        .iter()
        .filter(|t| op_count(t, "call_assembler") > 0)
        .collect();
    assert!(!calling.is_empty(), "{:?}", jit.traces);
    for trace in calling {
        assert!(op_count(trace, "guard_value") >= 1, "{trace}");
    }
}

#[test]
fn a_guard_between_two_stores_of_a_field_does_the_first_when_it_fails() {
    // `f` is inlined: its call raises `Ctx.depth` and lowers it again with `f`'s guard in
    // between, so the loop stores neither (the lowered value is the one the field held) and
    // that guard's failures (one call in three) raise it as they resume. A lost store would
    // lower the depth by one per failure, and the recursion would stop deeper than natively.
    let source = "
fn f(x) { if x % 3 == 0 { return x * 2; } return x + 1; }
fn deep(n) { try { return deep(n + 1); } catch e { return n; } }
fn main() {
    let i = 0;
    let s = 0;
    while i < 3000 { s = s + f(i); i = i + 1; }
    print(s);
    print(deep(0));
}
main();
";
    for jit in ["threshold=3", "threshold=3,trace_eagerness=100000"] {
        let (_, jit) = run(source, jit);
        let trace = trace_starting(&jit, "loop main:");
        let (_, body) = trace.split_once("\n  label ").expect("a peeled loop");
        let stores = body
            .lines()
            .filter(|l| l.trim_start().starts_with("setfield Ctx.depth"));
        assert_eq!(stores.count(), 0, "{trace}");
        assert!(body.contains("; setfield Ctx.depth <Ctx>, "), "{trace}");
    }
}
