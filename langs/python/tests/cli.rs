//! The `jitpy` command as users run it: `-c`, files, exit statuses and messages as
//! `python3`'s.

use std::process::{Command, Output};

fn jitpy(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jitpy"))
        .args(args)
        .output()
        .expect("jitpy runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn dash_c_runs_code() {
    let out = jitpy(&["-c", "print(6 * 7)"]);
    assert_eq!(text(&out.stdout), "42\n");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn uncaught_exception_in_dash_c_has_no_source_lines() {
    let out = jitpy(&["-c", "x = 1\n1 / 0"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "Traceback (most recent call last):\n  File \"<string>\", line 2, in <module>\nZeroDivisionError: division by zero\n"
    );
}

#[test]
fn syntax_error_in_dash_c() {
    let out = jitpy(&["-c", "x = = 1"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "  File \"<string>\", line 1\n    x = = 1\n        ^\nSyntaxError: invalid syntax\n"
    );
}

#[test]
fn system_exit_sets_the_status() {
    assert_eq!(jitpy(&["-c", "raise SystemExit(7)"]).status.code(), Some(7));
    assert_eq!(jitpy(&["-c", "raise SystemExit"]).status.code(), Some(0));
    let out = jitpy(&["-c", "raise SystemExit('bye')"]);
    assert_eq!(
        (out.status.code(), text(&out.stderr)),
        (Some(1), "bye\n".to_string())
    );
}

#[test]
fn missing_file_is_status_2() {
    let out = jitpy(&["/nonexistent/prog.py"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "jitpy: can't open file '/nonexistent/prog.py': [Errno 2] No such file or directory\n"
    );
}

#[test]
fn unsupported_construct_is_a_clear_error() {
    let out = jitpy(&["-c", "async def f():\n    pass"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr)
        .ends_with("NotImplementedError: jitpy does not support 'async def' yet\n"));
}

#[test]
fn arguments_are_sys_argv() {
    let out = jitpy(&[
        "-c",
        "import sys\nprint(sys.argv, sys.path[0] == '')",
        "a",
        "-b",
    ]);
    assert_eq!(text(&out.stdout), "['-c', 'a', '-b'] True\n");
}

#[test]
fn scripts_import_the_modules_beside_them() {
    let dir = std::env::temp_dir().join(format!("jitpy-cli-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(
        dir.join("main.py"),
        "import sys, helper\nprint(sys.argv[1:], helper.VALUE)\n",
    )
    .expect("write program");
    std::fs::write(dir.join("helper.py"), "VALUE = 42\n").expect("write module");
    let script = dir.join("main.py");
    let out = jitpy(&[&script.display().to_string(), "x", "7"]);
    assert_eq!(text(&out.stdout), "['x', '7'] 42\n");
    assert_eq!(out.status.code(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn files_are_named_by_absolute_path() {
    let dir = std::env::temp_dir().join(format!("jitpy-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("boom.py");
    std::fs::write(&file, "def f():\n    raise ValueError('v')\nf()\n").expect("write program");
    let out = Command::new(env!("CARGO_BIN_EXE_jitpy"))
        .arg("boom.py")
        .current_dir(&dir)
        .output()
        .expect("jitpy runs");
    let path = file.display();
    assert_eq!(
        text(&out.stderr),
        format!(
            "Traceback (most recent call last):\n  File \"{path}\", line 3, in <module>\n    f()\n  File \"{path}\", line 2, in f\n    raise ValueError('v')\nValueError: v\n"
        )
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn jit_report_prints_what_the_jit_did_at_exit() {
    let out = Command::new(env!("CARGO_BIN_EXE_jitpy"))
        .args([
            "--jit",
            "on",
            "--jit-report",
            "-c",
            "t = 0\nfor i in range(30000):\n    t += i % 7\nprint(t)",
        ])
        .env_remove("JITGEN_LOG")
        .output()
        .expect("jitpy runs");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "89995\n");
    let report = text(&out.stderr);
    assert!(report.starts_with("Time: "), "{report}");
    assert!(report.contains("\nCompiled: 1 loop"), "{report}");
    assert!(
        report.contains("<module>:"),
        "the loop is named by its location: {report}"
    );
    // A log the user chose already is not overridden.
    let out = Command::new(env!("CARGO_BIN_EXE_jitpy"))
        .args(["--jit-report", "-c", "pass"])
        .env("JITGEN_LOG", "gc:-")
        .output()
        .expect("jitpy runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--jit-report writes a log of its own"));
}
