//! The Python corpus (`tests/python/`): programs written for jitpy, each with the standard
//! output, standard error and exit status CPython 3.11 gave for it (`NAME.out`, and
//! `NAME.err` starting with an `exit status N` line when the status is not 0 or something
//! was written to standard error). Every program runs through jitpy natively, with
//! `--jit blackhole` (every call through the staged jitcode), and natively under GC stress
//! (a collection every 5 allocations, freed memory poisoned).
//!
//! Standard output and the exit status must be equal. Standard error is compared by what
//! must agree between implementations: for a `SyntaxError`/`IndentationError`, the error
//! type, the line and the caret's column; for a runtime error, every line of the report but
//! the source and caret lines under each frame (so the `File ..., line N, in NAME` lines, the
//! chained exceptions with their linking sentences, and each `Type: message`). (The wording of syntax error
//! messages is counted, not required: see the summary the test prints.)
//!
//! `UPDATE_EXPECT=1 cargo test -p jitgen-tests --test python_corpus` records the
//! expectations by running `PYTHONHASHSEED=0 python3 NAME.py` in the program's directory
//! (CPython 3.11 is the oracle); review the diff.

use std::path::{Path, PathBuf};
use std::process::Command;

use jitgen_core::params::JitConfig;
use jitpy::run::{run_captured, RunOptions, RunOutcome};

/// The programs, recursively under `tests/python/`, sorted. A file whose name starts
/// with an underscore (`_helper.py`, a package's `__init__.py`) is a module programs
/// import, not a program.
fn programs() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
            .map(|entry| entry.expect("directory entry").path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|ext| ext == "py")
                && !path
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('_'))
            {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &jitgen_tests::workspace_root().join("tests/python"),
        &mut out,
    );
    out
}

/// What CPython did, as recorded.
struct Expected {
    stdout: String,
    stderr: String,
    status: i32,
}

fn expected_paths(program: &Path) -> (PathBuf, PathBuf) {
    (program.with_extension("out"), program.with_extension("err"))
}

fn read_expected(program: &Path) -> Expected {
    let (out, err) = expected_paths(program);
    let stdout = std::fs::read_to_string(&out).unwrap_or_else(|_| {
        panic!(
            "{} has no recorded output: run with UPDATE_EXPECT=1",
            program.display()
        )
    });
    let (status, stderr) = match std::fs::read_to_string(&err) {
        Ok(text) => {
            let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
            let status = first
                .trim_start_matches("exit status ")
                .parse()
                .expect("an exit status line");
            (status, rest.to_string())
        }
        Err(_) => (0, String::new()),
    };
    Expected {
        stdout,
        stderr,
        status,
    }
}

/// Records CPython's behaviour for `program`.
fn record(program: &Path) {
    let output = Command::new("python3")
        .arg(program.file_name().expect("a file name"))
        .current_dir(program.parent().expect("a directory"))
        .env("PYTHONHASHSEED", "0")
        .output()
        .expect("python3 runs");
    let (out, err) = expected_paths(program);
    std::fs::write(&out, &output.stdout).expect("write .out");
    // CPython names the script by its absolute path; record it by its file name.
    let directory = format!("{}/", program.parent().expect("a directory").display());
    let stderr = String::from_utf8_lossy(&output.stderr).replace(&directory, "");
    let status = output.status.code().unwrap_or(-1);
    if status != 0 || !stderr.is_empty() {
        std::fs::write(&err, format!("exit status {status}\n{stderr}")).expect("write .err");
    } else {
        let _ = std::fs::remove_file(&err);
    }
}

/// The parts of a standard error that must agree (see the module docs).
#[derive(Debug, PartialEq, Eq)]
enum ErrorShape {
    /// Nothing on standard error.
    None,
    /// A compile-time error: type, line, caret column.
    Syntax {
        kind: String,
        line: String,
        column: Option<usize>,
    },
    /// An uncaught exception (and the ones it was raised while handling): every line but
    /// the source and caret lines, files named by line number only.
    Traceback(Vec<String>),
    /// Anything else, verbatim.
    Other(String),
}

fn error_shape(stderr: &str) -> ErrorShape {
    if stderr.is_empty() {
        return ErrorShape::None;
    }
    let lines: Vec<&str> = stderr.lines().collect();
    let last = lines.last().copied().unwrap_or("").to_string();
    if lines.first() == Some(&"Traceback (most recent call last):") {
        let kept = lines
            .iter()
            .filter(|l| !l.starts_with("    "))
            .map(|l| match l.split_once(", line ") {
                // The file name is the program's; compare from the line number on.
                Some((_, rest)) if l.starts_with("  File ") => rest.to_string(),
                _ => l.to_string(),
            })
            .collect();
        return ErrorShape::Traceback(kept);
    }
    let kind = last.split(':').next().unwrap_or("").to_string();
    if matches!(
        kind.as_str(),
        "SyntaxError" | "IndentationError" | "TabError"
    ) && lines.len() >= 2
    {
        let line = lines[0]
            .split_once(", line ")
            .map_or(String::new(), |(_, n)| n.to_string());
        let column = match lines.get(2) {
            Some(caret) if caret.trim_start().starts_with('^') => caret.find('^'),
            _ => None,
        };
        return ErrorShape::Syntax { kind, line, column };
    }
    ErrorShape::Other(stderr.to_string())
}

/// The syntax error message: the text after the type.
fn syntax_message(stderr: &str) -> Option<String> {
    let last = stderr.lines().last()?;
    last.split_once(": ").map(|(_, m)| m.to_string())
}

/// How a program is run: `--jit` settings and GC stress (a collection every N
/// allocations, freed memory poisoned; 0 is off).
#[derive(Clone, Copy)]
struct Mode {
    jit: &'static str,
    gc_stress: u32,
}

/// Natively, through the staged jitcode, and natively under GC stress.
const MODES: [Mode; 3] = [
    Mode {
        jit: "off",
        gc_stress: 0,
    },
    Mode {
        jit: "blackhole",
        gc_stress: 0,
    },
    Mode {
        jit: "off",
        gc_stress: 5,
    },
];

/// Runs a program, named by its path (so `sys.path[0]` is its directory and its
/// imports find the modules beside it); like the recording, its standard error names
/// files relative to the program's directory.
fn run(program: &Path, mode: Mode) -> RunOutcome {
    let source = std::fs::read_to_string(program).expect("read program");
    let options = RunOptions {
        jit: JitConfig::parse(mode.jit).expect("a valid --jit value"),
        gc_stress: mode.gc_stress,
        ..RunOptions::default()
    };
    let mut outcome = run_captured(&program.display().to_string(), &source, &options);
    let directory = format!("{}/", program.parent().expect("a directory").display());
    outcome.stderr = outcome.stderr.replace(&directory, "");
    outcome
}

fn check(program: &Path, expected: &Expected, mode: Mode) -> Option<String> {
    let actual = run(program, mode);
    let mode = match mode.gc_stress {
        0 => mode.jit.to_string(),
        n => format!("{}, gc-stress={n}", mode.jit),
    };
    let name = program
        .strip_prefix(jitgen_tests::workspace_root())
        .unwrap_or(program)
        .display();
    let mut problems = Vec::new();
    if actual.stdout != expected.stdout {
        problems.push(format!(
            "stdout:\n--- expected\n{}--- actual\n{}",
            expected.stdout, actual.stdout
        ));
    }
    if actual.status != expected.status {
        problems.push(format!(
            "exit status: expected {}, got {}",
            expected.status, actual.status
        ));
    }
    let (want, got) = (error_shape(&expected.stderr), error_shape(&actual.stderr));
    if want != got {
        problems.push(format!(
            "stderr:\n--- expected\n{}--- actual\n{}",
            expected.stderr, actual.stderr
        ));
    }
    (!problems.is_empty()).then(|| format!("{name} [--jit {mode}]: {}", problems.join("\n")))
}

/// What checking one program found: its mismatches, and for a syntax error whether the
/// message is CPython's.
struct Checked {
    failures: Vec<String>,
    syntax_message: Option<bool>,
}

fn check_program(program: &Path, updating: bool) -> Checked {
    if updating {
        record(program);
    }
    let expected = read_expected(program);
    let failures = MODES
        .iter()
        .filter_map(|&mode| check(program, &expected, mode))
        .collect();
    let syntax_message =
        matches!(error_shape(&expected.stderr), ErrorShape::Syntax { .. }).then(|| {
            let actual = run(program, MODES[0]);
            syntax_message(&actual.stderr) == syntax_message(&expected.stderr)
        });
    Checked {
        failures,
        syntax_message,
    }
}

#[test]
fn python_corpus_matches_cpython() {
    let programs = programs();
    assert!(
        programs.len() >= 100,
        "the corpus has only {} programs",
        programs.len()
    );
    let updating = std::env::var_os("UPDATE_EXPECT").is_some();
    // The GC-stress runs skip the write-barrier check (`gc::write_barrier`): it makes them
    // about three times slower here (the toy, bf and jitgen tests keep it on). Set before
    // any worker thread reads the environment.
    if std::env::var_os("JITGEN_GC_CHECK_BARRIERS").is_none() {
        std::env::set_var("JITGEN_GC_CHECK_BARRIERS", "0");
    }
    // Programs run side by side (each run has a thread, heap and JIT state of its own).
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(4);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(program) = programs.get(index) else {
                    break;
                };
                let checked = check_program(program, updating);
                results.lock().expect("results").push(checked);
            });
        }
    });
    let results = results.into_inner().expect("results");
    let mut failures: Vec<String> = results.iter().flat_map(|r| r.failures.clone()).collect();
    failures.sort();
    let syntax_cases = results
        .iter()
        .filter(|r| r.syntax_message.is_some())
        .count();
    let same_messages = results
        .iter()
        .filter(|r| r.syntax_message == Some(true))
        .count();
    let runs = programs.len() * MODES.len();
    let passed = runs - failures.len();
    println!(
        "python corpus: {} programs, {passed} of {runs} runs as CPython; syntax errors: {same_messages} of {syntax_cases} with CPython's message",
        programs.len(),
    );
    assert!(
        failures.is_empty(),
        "{} mismatches:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
