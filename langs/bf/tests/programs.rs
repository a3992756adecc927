//! The programs of `programs/`: each prints its recorded `NAME.out` (reading `NAME.in`, if
//! there is one) natively, with the JIT at the default threshold and at threshold 1, in
//! blackhole-everything mode (every op through the staged jitcode: the oracle for the
//! staging), and under GC stress. The outputs were checked against an independent
//! interpreter (`programs/gen/bfi.py`, see `programs/gen/build.py`).
//!
//! Debug builds are slow in blackhole mode, and the JIT is slow on the Mandelbrot benchmark
//! (README.md, "What the JIT does with it"): `mandelbrot` runs natively only, its small
//! variant `mandelbrot_small` in every mode.

use std::path::PathBuf;

use bf::run::{run_captured, RunOptions, RunOutcome};
use jitgen_core::params::JitConfig;

struct Program {
    name: String,
    source: String,
    input: Vec<u8>,
    expected: Vec<u8>,
}

fn programs() -> Vec<Program> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("programs");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("programs/")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            Some(name.strip_suffix(".b")?.to_string())
        })
        .collect();
    names.sort();
    assert!(names.len() >= 6, "only {} programs", names.len());
    names
        .into_iter()
        .map(|name| {
            let bytes = std::fs::read(dir.join(format!("{name}.b"))).expect("read program");
            let expected = std::fs::read(dir.join(format!("{name}.out")))
                .unwrap_or_else(|_| panic!("{name}.out is missing"));
            Program {
                source: String::from_utf8_lossy(&bytes).into_owned(),
                input: std::fs::read(dir.join(format!("{name}.in"))).unwrap_or_default(),
                expected,
                name,
            }
        })
        .collect()
}

fn run(program: &Program, jit: &str, gc_stress: u32) -> RunOutcome {
    let options = RunOptions {
        jit: JitConfig::parse(jit).expect("valid --jit settings"),
        gc_stress,
        heap_limit: None,
    };
    run_captured(
        &format!("{}.b", program.name),
        &program.source,
        &program.input,
        &options,
    )
}

/// Runs every program not in `skip` with `--jit jit` (and GC stress every `gc_stress`
/// allocations, if not 0); fails listing every program whose output or status differs.
fn check_all(jit: &str, gc_stress: u32, skip: &[&str]) {
    let mut failures = Vec::new();
    let mut ran = 0;
    for program in programs() {
        if skip.contains(&program.name.as_str()) {
            continue;
        }
        ran += 1;
        let outcome = run(&program, jit, gc_stress);
        if outcome.status != 0 || outcome.stdout != program.expected {
            failures.push(format!(
                "{} (--jit {jit}, gc stress {gc_stress}): status {}, stderr {:?}\n  expected {:?}\n  got      {:?}",
                program.name,
                outcome.status,
                outcome.stderr,
                String::from_utf8_lossy(&program.expected),
                String::from_utf8_lossy(&outcome.stdout),
            ));
        }
    }
    assert!(ran >= 4, "only {ran} programs ran");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn programs_run_natively() {
    check_all("off", 0, &[]);
}

#[test]
fn programs_run_with_the_jit() {
    check_all("on", 0, &["mandelbrot"]);
}

#[test]
fn programs_run_at_threshold_1() {
    check_all("threshold=1", 0, &["mandelbrot"]);
}

#[test]
fn programs_run_in_blackhole_mode() {
    check_all("blackhole", 0, &["mandelbrot", "nested"]);
}

#[test]
fn programs_run_at_threshold_1_under_gc_stress() {
    check_all("threshold=1", 1, &["mandelbrot", "mandelbrot_small"]);
}
