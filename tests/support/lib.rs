//! Shared helpers for the workspace-level tests: the data-driven corpus runner.
//!
//! A corpus is a directory of `NAME.toy` programs, each with `NAME.out` (expected standard
//! output) and, for programs that must fail, `NAME.err` (the expected start of the first line
//! of standard error; the exit status must then be 1). `UPDATE_EXPECT=1` rewrites the `.out`
//! files (and the first line of existing `.err` files) from the actual results -- review the
//! diff before committing it.

use std::path::{Path, PathBuf};

use jitgen_core::metainterp::warmup::JitStats;

pub mod random_toy;

/// One program of a corpus and its expectations.
#[derive(Clone, Debug)]
pub struct CorpusCase {
    /// The program's path.
    pub path: PathBuf,
    /// The name used in messages: the path relative to the workspace root.
    pub display_name: String,
    /// Expected standard output.
    pub expected_stdout: String,
    /// Expected start of the first line of standard error, for failing programs.
    pub expected_error: Option<String>,
}

/// `stats` as two backends must agree on them: not the backend's name, nor how often the
/// warm-up code entered compiled code (a native backend jumps from loop to loop itself,
/// where the reference backend hands each such jump back).
pub fn backend_independent(mut stats: JitStats) -> JitStats {
    stats.backend.clear();
    stats.loop_jumps = 0;
    stats.loop_entries = stats.loop_entries.min(1);
    stats
}

/// The workspace root (the parent of this crate's directory).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

/// The cases of the corpus in `dir` (relative to the workspace root), sorted by name.
pub fn corpus(dir: &str) -> Vec<CorpusCase> {
    let root = workspace_root();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
        .unwrap_or_else(|e| panic!("cannot read corpus {dir}: {e}"))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toy"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let display_name = path
                .strip_prefix(&root)
                .unwrap_or(&path)
                .display()
                .to_string();
            let expected_stdout =
                std::fs::read_to_string(path.with_extension("out")).unwrap_or_default();
            let expected_error = std::fs::read_to_string(path.with_extension("err"))
                .ok()
                .map(|text| text.lines().next().unwrap_or("").to_string());
            CorpusCase {
                path,
                display_name,
                expected_stdout,
                expected_error,
            }
        })
        .collect()
}

/// What one run of a program produced.
#[derive(Clone, Debug)]
pub struct Observed {
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Exit status.
    pub status: i32,
}

/// Compares a run with the case's expectations; `None` if it matches, else a description.
pub fn mismatch(case: &CorpusCase, mode: &str, observed: &Observed) -> Option<String> {
    let first_error_line = observed.stderr.lines().next().unwrap_or("");
    let mut problems = Vec::new();
    if observed.stdout != case.expected_stdout {
        problems.push(format!(
            "stdout differs\n--- expected\n{}--- actual\n{}",
            case.expected_stdout, observed.stdout
        ));
    }
    match &case.expected_error {
        Some(expected) => {
            if observed.status != 1 {
                problems.push(format!("exit status {} (expected 1)", observed.status));
            }
            if !first_error_line.starts_with(expected.as_str()) {
                problems.push(format!(
                    "stderr starts with\n  {first_error_line}\nexpected\n  {expected}"
                ));
            }
        }
        None => {
            if observed.status != 0 || !observed.stderr.is_empty() {
                problems.push(format!(
                    "exit status {}, stderr:\n{}",
                    observed.status, observed.stderr
                ));
            }
        }
    }
    (!problems.is_empty())
        .then(|| format!("{} [{mode}]: {}", case.display_name, problems.join("\n")))
}

/// With `UPDATE_EXPECT=1`, records `observed` as the case's expectation.
pub fn update_expectation(case: &CorpusCase, observed: &Observed) -> bool {
    if std::env::var_os("UPDATE_EXPECT").is_none_or(|v| v != "1") {
        return false;
    }
    std::fs::write(case.path.with_extension("out"), &observed.stdout).expect("write .out");
    let err_path = case.path.with_extension("err");
    if observed.status != 0 || err_path.exists() {
        let first = observed.stderr.lines().next().unwrap_or("");
        std::fs::write(err_path, format!("{first}\n")).expect("write .err");
    }
    true
}

/// Runs `check` on every case, spread over the machine's cores; panics with every mismatch.
pub fn run_all(cases: &[CorpusCase], check: impl Fn(&CorpusCase) -> Vec<String> + Sync) {
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(cases.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(case) = cases.get(index) else { break };
                let problems = check(case);
                failures.lock().expect("failures").extend(problems);
            });
        }
    });
    let failures = failures.into_inner().expect("failures");
    assert!(
        failures.is_empty(),
        "{} mismatches:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
