//! The `toy` command as a user runs it: exit codes, error messages, options, and memory use
//! under a heap limit.

use std::path::PathBuf;
use std::process::{Command, Output};

fn toy(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_toy"))
        .args(args)
        .output()
        .expect("run toy")
}

/// Writes `source` to a fresh file in a per-test temporary directory.
fn program(name: &str, source: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("toy-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, source).expect("write program");
    path
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_program_runs_and_exits_zero() {
    let path = program("ok.toy", "print(\"hi\", 1 + 2);\n");
    let out = toy(&[path.to_str().unwrap()]);
    assert_eq!(
        (out.status.code(), text(&out.stdout), text(&out.stderr)),
        (Some(0), "hi 3\n".into(), String::new())
    );
}

#[test]
fn a_syntax_error_shows_file_line_col_and_a_caret() {
    let path = program("syntax.toy", "let x = 1;\nlet y = (x + ;\n");
    let out = toy(&[path.to_str().unwrap()]);
    let stderr = text(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        lines[0].starts_with(&format!("{}:2:14: syntax error:", path.display())),
        "{stderr}"
    );
    assert_eq!(lines[1].trim_start(), "let y = (x + ;");
    assert_eq!(
        lines[2].find('^'),
        lines[1].find(';'),
        "caret under the `;`:\n{stderr}"
    );
    assert!(!stderr.contains("panicked"));
}

#[test]
fn a_runtime_error_shows_its_location_and_a_traceback() {
    let path = program(
        "runtime.toy",
        "fn f(a) {\n    return a / 0;\n}\nprint(f(1));\n",
    );
    let out = toy(&[path.to_str().unwrap()]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.starts_with(&format!(
            "{}:2:14: runtime error: division by zero\n",
            path.display()
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{}:4:8: in <main>", path.display())),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{}:2:14: in f", path.display())),
        "{stderr}"
    );
    assert!(text(&out.stdout).is_empty());
}

#[test]
fn jit_settings_are_validated() {
    let path = program("jit.toy", "print(1);\n");
    for good in [
        "off",
        "on",
        "blackhole",
        "threshold=1",
        "threshold=3,trace_limit=100,inlining=off",
        "threshold=2,trace_eagerness=1,enable_opts=cse",
    ] {
        let out = toy(&["--jit", good, path.to_str().unwrap()]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "--jit {good}: {}",
            text(&out.stderr)
        );
    }
    let out = toy(&["--jit", "threshold=fast", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("threshold"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_missing_file_is_a_clear_error() {
    let out = toy(&["/nonexistent/program.toy"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("toy: cannot read /nonexistent/program.toy"));
}

#[test]
fn exceeding_the_heap_limit_is_a_clear_error() {
    let path = program(
        "hog.toy",
        "let keep = [];\nwhile true { push(keep, [1, 2, 3, 4]); }\n",
    );
    let out = toy(&["--heap-limit", "4M", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).starts_with("fatal error: out of memory"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn the_gc_writes_its_log_sections_when_asked() {
    let path = program(
        "logged.toy",
        "let i = 0;\nwhile i < 1000000 { i = i + 1; }\nprint(i);\n",
    );
    let log = path.with_extension("log");
    let out = Command::new(env!("CARGO_BIN_EXE_toy"))
        .env("JITGEN_LOG", format!("gc:{}", log.display()))
        .args(["--heap-limit", "16M", path.to_str().unwrap()])
        .output()
        .expect("run toy");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let log = std::fs::read_to_string(&log).expect("log file written");
    let opened = log.lines().filter(|l| l.ends_with("{gc-collect")).count();
    let closed = log.lines().filter(|l| l.ends_with(" gc-collect}")).count();
    assert!(
        opened >= 1 && opened == closed,
        "unbalanced or missing gc-collect sections:\n{log}"
    );
    assert!(log.lines().any(|l| l.ends_with("{gc-summary")), "{log}");
    assert!(log.contains("collections: "), "{log}");
    let first = log.lines().next().unwrap_or("");
    assert!(
        first.starts_with('[') && first.contains("] {gc-"),
        "timestamped section start: {first}"
    );
}

/// Peak RSS of the largest child waited for so far.
fn children_peak_rss_bytes() -> usize {
    // SAFETY: getrusage fills the struct it is given.
    unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage.ru_maxrss as usize * 1024
    }
}

#[test]
fn short_lived_garbage_far_beyond_the_heap_limit_runs_in_bounded_memory() {
    // Each round builds a 200-item array of fresh ints (about 10 KB with the array's buffer
    // growth) and drops it: 10000 rounds allocate about 100 MB, over 10x the 8 MB limit.
    let path = program(
        "churn.toy",
        "let round = 0;\nlet total = 0;\nwhile round < 10000 {\n    let a = [];\n    let i = 0;\n    \
         while i < 200 { push(a, i * round); i = i + 1; }\n    total = total + a[199] - a[198];\n    \
         round = round + 1;\n}\nprint(total);\n",
    );
    let out = toy(&["--heap-limit", "8M", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), format!("{}\n", (0..10000).sum::<i64>()));
    let peak = children_peak_rss_bytes();
    assert!(peak < 40 << 20, "peak RSS {} MiB", peak >> 20);
}

#[test]
fn the_jit_logs_what_it_did_when_asked() {
    let path = program(
        "jitted.toy",
        "let i = 0;\nlet s = 0;\nwhile i < 5000 { s = s + i % 3; i = i + 1; }\nprint(s);\n",
    );
    let log = path.with_extension("jitlog");
    let out = Command::new(env!("CARGO_BIN_EXE_toy"))
        .env(
            "JITGEN_LOG",
            format!("jit-summary,jit-log-opt-loop:{}", log.display()),
        )
        .args(["--jit", "threshold=5", path.to_str().unwrap()])
        .output()
        .expect("run toy");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "4999\n");
    let log = std::fs::read_to_string(&log).expect("log file written");
    assert!(
        log.lines().any(|l| l.ends_with("{jit-log-opt-loop")),
        "{log}"
    );
    assert!(log.lines().any(|l| l.ends_with("{jit-summary")), "{log}");
    assert!(log.contains("loops: 1\n"), "{log}");
    // The loop's closing jump (with whatever the loop carries, here nothing: its
    // variables are globals).
    assert!(log.lines().any(|l| l.starts_with("  jump")), "{log}");
    // The summary names the backend that ran the loops, and says how many traces it
    // could not compile (none here).
    assert!(log.contains("backend: x86\n"), "{log}");
    assert!(
        log.contains("traces interpreted instead of compiled: 0\n"),
        "{log}"
    );
    // And where the JIT's time went, phase by phase.
    for phase in [
        "time tracing: ",
        "time optimizing: ",
        "time in the backend: ",
        "time in the blackhole: ",
    ] {
        assert!(log.contains(phase), "{phase} in {log}");
    }
}

#[test]
fn arguments_after_the_file_reach_the_program() {
    let path = program(
        "args.toy",
        "let a = args();\nprint(len(a), a);\nprint(int(a[1]) + 1);\n",
    );
    // Options after the file belong to the program, not to `toy`.
    let out = toy(&[
        "--jit",
        "off",
        path.to_str().unwrap(),
        "x",
        "41",
        "--jit",
        "-v",
    ]);
    assert_eq!(
        (out.status.code(), text(&out.stdout), text(&out.stderr)),
        (
            Some(0),
            "4 [\"x\", \"41\", \"--jit\", \"-v\"]\n42\n".into(),
            String::new()
        )
    );
}

#[test]
fn a_misplaced_super_is_a_syntax_error_at_its_position() {
    let path = program(
        "super.toy",
        "class A {\n    fn f() { return super.f(); }\n}\n",
    );
    let out = toy(&[path.to_str().unwrap()]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.starts_with(&format!(
            "{}:2:21: syntax error: `super` in a class without a superclass",
            path.display()
        )),
        "{stderr}"
    );
}

#[test]
fn ctrl_c_stops_the_program_with_its_output_flushed_and_status_130() {
    // Prints a line, then loops for ever (in compiled code, once the JIT has compiled it).
    let path = program(
        "forever.toy",
        "print(\"started\");\nlet i = 0;\nwhile true { i = i + 1; }\n",
    );
    for jit in ["off", "on", "threshold=1", "blackhole"] {
        let child = Command::new(env!("CARGO_BIN_EXE_toy"))
            .args(["--jit", jit, path.to_str().unwrap()])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run toy");
        // Long enough to be deep in the loop (compiled with the JIT on).
        std::thread::sleep(std::time::Duration::from_millis(500));
        // SAFETY: sending SIGINT to our own child process.
        unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
        let out = child.wait_with_output().expect("toy ends");
        assert_eq!(
            (out.status.code(), text(&out.stdout), text(&out.stderr)),
            (Some(130), "started\n".into(), "toy: interrupted\n".into()),
            "--jit {jit}"
        );
    }
}
