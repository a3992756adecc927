//! Randomized differential testing of the JIT: programs from `random_toy` (hot, nested and
//! sibling loops, branches that flip, polymorphic calls, globals rebound mid-loop, caught and
//! uncaught errors, ...) must give the native interpreter's stdout, stderr and exit status in
//! every JIT mode of [`MODES`], and the JIT must really compile code for most of them.
//!
//! `cargo test -p jitgen-tests --test toy_random` runs [`DEFAULT_PROGRAMS`] programs from
//! seed 0; `JITGEN_RANDOM_PROGRAMS=N` runs N programs, `JITGEN_RANDOM_SEED=S` starts at seed
//! S (long runs: add `--release`). A mismatch is reported with its seed, mode, program and
//! both outcomes, and the first few also reduced; the programs go to
//! `target/tmp/toy_random/seed-S.toy` (and `seed-S.min.toy`), to rerun with
//! `toy [--gc-stress] --jit MODE FILE`. Should a run crash the test process, each worker's
//! program in flight is in `target/tmp/toy_random/running-W.toy`.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use jitgen_core::params::JitConfig;
use jitgen_tests::random_toy::{program, reduce, Program};
use toy::run::{run_captured, RunOptions, RunOutcome};

/// Programs a plain `cargo test` runs.
const DEFAULT_PROGRAMS: u64 = 200;

/// Failing programs reduced per run (reducing reruns a program hundreds of times).
const REDUCED: usize = 3;

/// Failing programs reported in full per run (the others by their seeds).
const REPORTED: usize = 10;

/// A way to run a program, compared with the native run.
struct Mode {
    /// The `--jit` value.
    jit: &'static str,
    /// GC stress interval (0: none).
    gc_stress: u32,
    /// Runs on the programs whose seed is a multiple of this (GC stress is slow).
    every: u64,
}

impl Mode {
    /// `--jit jit` on every program, without GC stress.
    const fn new(jit: &'static str) -> Mode {
        Mode {
            jit,
            gc_stress: 0,
            every: 1,
        }
    }

    /// How `toy` runs a program this way.
    fn command(&self) -> String {
        let stress = if self.gc_stress > 0 {
            "--gc-stress "
        } else {
            ""
        };
        format!("toy {stress}--jit {}", self.jit)
    }
}

/// The modes programs run in besides natively (under GC stress, every 20th program only).
const MODES: [Mode; 10] = [
    Mode::new("on"),
    Mode::new("threshold=1"),
    Mode::new("threshold=1,trace_eagerness=1"),
    Mode::new("threshold=1,backend=reference"),
    Mode::new("blackhole"),
    Mode {
        jit: "threshold=1",
        gc_stress: 1,
        every: 20,
    },
    Mode::new("threshold=2,function_threshold=1"),
    Mode::new("threshold=1,inlining=off"),
    Mode::new("threshold=1,trace_limit=50"),
    // Bridges end at the first merge point any compiled trace passed (join traces).
    Mode::new("threshold=1,trace_eagerness=1,join_tail=1"),
];

/// The native interpreter alone.
const NATIVE: Mode = Mode::new("off");

/// The heap limit programs run under: generated programs keep little alive, so one that
/// grows past this is a generator bug (it would run for minutes in the slow modes). The
/// runtime exits on running out of memory, which ends the run: `running-W.toy` names the
/// program.
const HEAP_LIMIT: usize = 64 << 20;

fn run(source: &str, mode: &Mode) -> RunOutcome {
    let options = RunOptions {
        jit: JitConfig::parse(mode.jit).expect("a valid --jit value"),
        gc_stress: mode.gc_stress,
        heap_limit: Some(HEAP_LIMIT),
        ..RunOptions::default()
    };
    run_captured("random.toy", source, &options)
}

/// Whether two runs behaved differently.
fn differ(a: &RunOutcome, b: &RunOutcome) -> bool {
    (&a.stdout, &a.stderr, a.status) != (&b.stdout, &b.stderr, b.status)
}

/// What the runs of one program found.
#[derive(Default)]
struct Findings {
    /// A report of the modes that differ from the native run (or of a program that broke
    /// the generator's promise).
    failure: Option<String>,
    /// Whether `threshold=1` compiled a loop.
    compiled_eagerly: bool,
    /// Whether the default JIT compiled a loop.
    compiled_by_default: bool,
}

/// Where programs are written.
fn out_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("toy_random");
    std::fs::create_dir_all(&dir).expect("create the output directory");
    dir
}

/// Runs program `seed` natively and in every mode that applies to it.
fn check(seed: u64, program: &Program, reduce_budget: &AtomicUsize) -> Findings {
    let source = &program.source;
    let native = run(source, &NATIVE);
    let mut findings = Findings::default();
    let expected_status = i32::from(program.fails);
    if native.status != expected_status || (!program.fails && !native.stderr.is_empty()) {
        // A generator bug: an error it did not mean (or a missing one) hides the rest.
        findings.failure = Some(unexpected_ending(
            seed,
            source,
            &native,
            expected_status,
            reduce_budget,
        ));
        return findings;
    }
    let mut differing = Vec::new();
    for mode in MODES.iter().filter(|mode| seed.is_multiple_of(mode.every)) {
        let outcome = run(source, mode);
        if mode.jit == "threshold=1" && mode.gc_stress == 0 {
            findings.compiled_eagerly = outcome.jit.loops > 0;
        }
        if mode.jit == "on" {
            findings.compiled_by_default = outcome.jit.loops > 0;
        }
        if differ(&native, &outcome) {
            differing.push((mode, outcome));
        }
    }
    if !differing.is_empty() {
        findings.failure = Some(report(seed, source, &native, &differing, reduce_budget));
    }
    findings
}

/// The report of program `seed` whose `native` run did not end with the status the
/// generator meant, and the program reduced to what still ends that way.
fn unexpected_ending(
    seed: u64,
    source: &str,
    native: &RunOutcome,
    expected_status: i32,
    reduce_budget: &AtomicUsize,
) -> String {
    let mut text = format!(
        "seed {seed}: the generator meant exit status {expected_status}, the native run gave \
         {}\n{}",
        native.status,
        listing(seed, "", source, &[(&NATIVE, native)], 0)
    );
    let message = error_message(native);
    let reduced = shrink(source, reduce_budget, |candidate| {
        let outcome = run(candidate, &NATIVE);
        outcome.status == native.status && error_message(&outcome) == message
    });
    if let Some(reduced) = reduced {
        let outcome = run(&reduced, &NATIVE);
        text += &format!(
            "reduced:\n{}",
            listing(seed, ".min", &reduced, &[(&NATIVE, &outcome)], 0)
        );
    }
    text
}

/// The report of program `seed` whose runs in `differing` modes differ from the `native`
/// one: where each differs, the program with the native outcome and the first mode's, and
/// the program reduced for that mode.
fn report(
    seed: u64,
    source: &str,
    native: &RunOutcome,
    differing: &[(&Mode, RunOutcome)],
    reduce_budget: &AtomicUsize,
) -> String {
    let mut text = format!(
        "seed {seed}: {} modes differ from the native run\n",
        differing.len()
    );
    for (mode, outcome) in differing {
        text += &format!(
            "  `{}`: {}\n",
            mode.command(),
            first_difference(native, outcome).1
        );
    }
    let (mode, outcome) = &differing[0];
    let line = first_difference(native, outcome).0;
    text += &listing(
        seed,
        "",
        source,
        &[(&NATIVE, native), (mode, outcome)],
        line,
    );
    let reduced = shrink(source, reduce_budget, |candidate| {
        differ(&run(candidate, &NATIVE), &run(candidate, mode))
    });
    if let Some(reduced) = reduced {
        let (native, outcome) = (run(&reduced, &NATIVE), run(&reduced, mode));
        let line = first_difference(&native, &outcome).0;
        text += &format!(
            "reduced for `{}`:\n{}",
            mode.command(),
            listing(
                seed,
                ".min",
                &reduced,
                &[(&NATIVE, &native), (mode, &outcome)],
                line
            )
        );
    }
    text
}

/// The message of a runtime error (without its position), or "".
fn error_message(outcome: &RunOutcome) -> String {
    let first = outcome.stderr.lines().next().unwrap_or("");
    first
        .split_once("runtime error: ")
        .map_or(first, |(_, message)| message)
        .to_string()
}

/// `source` reduced while `fails` holds, if this run still reduces programs.
fn shrink(source: &str, budget: &AtomicUsize, fails: impl FnMut(&str) -> bool) -> Option<String> {
    if budget.fetch_add(1, Ordering::Relaxed) >= REDUCED {
        return None;
    }
    Some(reduce(source, fails))
}

/// The program (written to `seed-SEED{suffix}.toy`) and each run's outcome: its status,
/// its stdout around line `line`, its stderr.
fn listing(
    seed: u64,
    suffix: &str,
    source: &str,
    outcomes: &[(&Mode, &RunOutcome)],
    line: usize,
) -> String {
    let path = out_dir().join(format!("seed-{seed}{suffix}.toy"));
    std::fs::write(&path, source).expect("write the program");
    let mut text = format!("--- {}\n{source}", path.display());
    for (mode, outcome) in outcomes {
        text += &format!(
            "--- `{}`: status {}, stdout:\n{}--- stderr:\n{}",
            mode.command(),
            outcome.status,
            excerpt(&outcome.stdout, line),
            excerpt(&outcome.stderr, 0)
        );
    }
    text
}

/// The lines of `output` around line `line` (counted from 1; 0 for the start).
fn excerpt(output: &str, line: usize) -> String {
    const CONTEXT: usize = 15;
    let lines: Vec<&str> = output.lines().collect();
    let start = line.saturating_sub(CONTEXT + 1);
    let end = lines.len().min(line.max(1) + 2 * CONTEXT);
    let mut text = String::new();
    if start > 0 {
        text += &format!("[... {start} lines]\n");
    }
    for shown in &lines[start.min(end)..end] {
        text += &format!("{shown}\n");
    }
    if end < lines.len() {
        text += &format!("[... {} more lines]\n", lines.len() - end);
    }
    text
}

/// Where two runs part: the first different stdout line (its number, 0 if stdout is the
/// same) and a description.
fn first_difference(expected: &RunOutcome, actual: &RunOutcome) -> (usize, String) {
    for (stream, a, b) in [
        ("stdout", &expected.stdout, &actual.stdout),
        ("stderr", &expected.stderr, &actual.stderr),
    ] {
        let (mut a_lines, mut b_lines) = (a.lines(), b.lines());
        for line in 1.. {
            let (x, y) = (a_lines.next(), b_lines.next());
            if x != y {
                let at = if stream == "stdout" { line } else { 0 };
                return (
                    at,
                    format!("{stream} line {line}: expected {x:?}, got {y:?}"),
                );
            }
            if x.is_none() {
                break;
            }
        }
    }
    (
        0,
        format!(
            "exit status {} instead of {}",
            actual.status, expected.status
        ),
    )
}

/// The number in environment variable `name`, or `default`.
fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).map_or(default, |value| {
        value
            .parse()
            .unwrap_or_else(|_| panic!("{name} must be a number, got {value:?}"))
    })
}

#[test]
fn random_programs_behave_as_natively_in_every_jit_mode() {
    let first = env_number("JITGEN_RANDOM_SEED", 0);
    let count = env_number("JITGEN_RANDOM_PROGRAMS", DEFAULT_PROGRAMS);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let next = AtomicUsize::new(0);
    let reduce_budget = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let (eager, by_default) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let started = std::time::Instant::now();
    std::thread::scope(|scope| {
        for worker in 0..workers {
            let in_flight = out_dir().join(format!("running-{worker}.toy"));
            let (next, reduce_budget, failures) = (&next, &reduce_budget, &failures);
            let (eager, by_default) = (&eager, &by_default);
            scope.spawn(move || loop {
                let index = next.fetch_add(1, Ordering::Relaxed) as u64;
                if index >= count {
                    let _ = std::fs::remove_file(&in_flight);
                    break;
                }
                let seed = first + index;
                let program = program(seed);
                std::fs::write(&in_flight, &program.source).expect("write the program");
                let findings = check(seed, &program, reduce_budget);
                eager.fetch_add(usize::from(findings.compiled_eagerly), Ordering::Relaxed);
                by_default.fetch_add(usize::from(findings.compiled_by_default), Ordering::Relaxed);
                if let Some(report) = findings.failure {
                    failures.lock().expect("failures").push((seed, report));
                }
                if (index + 1).is_multiple_of(500) {
                    eprintln!(
                        "toy_random: {} programs in {:.0?}",
                        index + 1,
                        started.elapsed()
                    );
                }
            });
        }
    });
    let mut failures = failures.into_inner().expect("failures");
    failures.sort();
    let seeds: Vec<String> = failures.iter().map(|(seed, _)| seed.to_string()).collect();
    let reports: Vec<&str> = failures
        .iter()
        .take(REPORTED)
        .map(|(_, report)| report.as_str())
        .collect();
    assert!(
        failures.is_empty(),
        "{} of the programs of seeds {first}..{} failed: seeds {}\n\n{}",
        failures.len(),
        first + count,
        seeds.join(", "),
        reports.join("\n\n")
    );
    // A JIT that never compiles cannot pass (shares are meaningful over many programs).
    let (eager, by_default) = (eager.into_inner() as u64, by_default.into_inner() as u64);
    if count < 50 {
        return;
    }
    assert!(
        eager * 10 >= count * 8,
        "threshold=1 compiled a loop in only {eager} of {count} programs"
    );
    assert!(
        by_default * 10 >= count,
        "the default JIT compiled a loop in only {by_default} of {count} programs"
    );
}
