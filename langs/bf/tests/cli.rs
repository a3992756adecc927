//! The `bf` command as a user runs it: exit codes, error messages, input, options.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bf(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bf"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run bf");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("write stdin");
    child.wait_with_output().expect("wait for bf")
}

/// Writes `source` to a fresh file in a per-process temporary directory.
fn program(name: &str, source: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bf-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, source).expect("write program");
    path
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn example(name: &str) -> String {
    format!("{}/programs/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn a_program_runs_and_exits_zero() {
    let out = bf(&[&example("hello.b")], b"");
    assert_eq!(
        (out.status.code(), text(&out.stdout), text(&out.stderr)),
        (Some(0), "Hello, World!\n".into(), String::new())
    );
}

#[test]
fn input_comes_from_stdin() {
    let out = bf(&[&example("reverse.b")], b"abc\ndef");
    assert_eq!(
        (out.status.code(), text(&out.stdout)),
        (Some(0), "fed\ncba".into())
    );
}

#[test]
fn at_the_end_of_input_a_read_leaves_the_cell_unchanged() {
    // 49 is `1`; two reads: the first gets `x`, the second finds the input's end.
    let path = program("eof.b", &format!("{}.,.,.", "+".repeat(49)));
    for jit in ["off", "on", "blackhole", "threshold=1"] {
        let out = bf(&["--jit", jit, path.to_str().unwrap()], b"x");
        assert_eq!(
            (out.status.code(), text(&out.stdout)),
            (Some(0), "1xx".into()),
            "--jit {jit}"
        );
    }
}

/// Asserts a `FILE:LINE:COL: KIND: MESSAGE` error, the source line and a caret under the
/// column, exit status 1 and no panic.
fn assert_error(out: &Output, path: &Path, position: (usize, usize), message: &str, line: &str) {
    let stderr = text(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let (row, col) = position;
    assert_eq!(
        lines[0],
        format!("{}:{row}:{col}: {message}", path.display()),
        "{stderr}"
    );
    assert_eq!(lines[1], line, "{stderr}");
    assert_eq!(
        lines[2].find('^'),
        Some(col - 1),
        "caret under column {col}:\n{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn an_unmatched_open_bracket_is_a_syntax_error() {
    let path = program("open.b", "+[>+\n  [-]<\n");
    let out = bf(&[path.to_str().unwrap()], b"");
    assert_error(&out, &path, (1, 2), "syntax error: unmatched `[`", "+[>+");
    assert!(out.stdout.is_empty());
}

#[test]
fn an_unmatched_close_bracket_is_a_syntax_error() {
    let path = program("close.b", "comment\n+[-]]-\n");
    let out = bf(&[path.to_str().unwrap()], b"");
    assert_error(&out, &path, (2, 5), "syntax error: unmatched `]`", "+[-]]-");
}

#[test]
fn moving_off_either_end_of_the_tape_is_a_runtime_error() {
    let right = program("right.b", "+.\n+[>+]\n");
    let left = program("left.b", "+>+ [<]\n");
    for jit in ["off", "on", "blackhole", "threshold=1"] {
        let out = bf(&["--jit", jit, right.to_str().unwrap()], b"");
        assert_error(
            &out,
            &right,
            (2, 3),
            "runtime error: moved off the right end of the tape (30000 cells)",
            "+[>+]",
        );
        // Output printed before the error is kept.
        assert_eq!(out.stdout, b"\x01", "--jit {jit}");
        let out = bf(&["--jit", jit, left.to_str().unwrap()], b"");
        assert_error(
            &out,
            &left,
            (1, 6),
            "runtime error: moved off the left end of the tape (30000 cells)",
            "+>+ [<]",
        );
    }
}

#[test]
fn jit_settings_are_validated() {
    let hello = example("hello.b");
    for good in [
        "off",
        "on",
        "blackhole",
        "threshold=1",
        "threshold=3,backend=reference",
    ] {
        let out = bf(&["--jit", good, &hello], b"");
        assert_eq!(
            out.status.code(),
            Some(0),
            "--jit {good}: {}",
            text(&out.stderr)
        );
    }
    let out = bf(&["--jit", "threshold=fast", &hello], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("threshold"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn gc_options_are_accepted() {
    let out = bf(
        &["--gc-stress", "--heap-limit", "16M", &example("hello.b")],
        b"",
    );
    assert_eq!(
        (out.status.code(), text(&out.stdout)),
        (Some(0), "Hello, World!\n".into())
    );
}

#[test]
fn a_missing_file_is_a_clear_error() {
    let out = bf(&["/nonexistent/program.b"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("bf: cannot read /nonexistent/program.b"));
}

#[test]
fn the_jit_summary_is_logged_when_asked() {
    let log = program("nested.log", "");
    let out = Command::new(env!("CARGO_BIN_EXE_bf"))
        .env("JITGEN_LOG", format!("jit-summary:{}", log.display()))
        .arg(example("nested.b"))
        .output()
        .expect("run bf");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let log = std::fs::read_to_string(&log).expect("log file written");
    assert!(
        log.contains("{jit-summary") && log.contains("loops: "),
        "{log}"
    );
}
