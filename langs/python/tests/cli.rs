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

/// Runs jitpy with `input` on standard input (a pipe, so never a terminal).
fn jitpy_with_input(args: &[&str], input: &str, dir: Option<&std::path::Path>) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut command = Command::new(env!("CARGO_BIN_EXE_jitpy"));
    command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    let mut child = command.spawn().expect("jitpy starts");
    let mut stdin = child.stdin.take().expect("a pipe");
    stdin.write_all(input.as_bytes()).expect("input written");
    drop(stdin);
    child.wait_with_output().expect("jitpy runs")
}

/// A fresh directory under the target's temporary directory.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    dir
}

#[test]
fn interactive_prompt_echoes_values_and_survives_errors() {
    let input = "x = 1\nx\nx + 1\nfor i in range(2):\n    print(i)\n\n1/0\nprint('after')\ndef f():\n    return 5\n\nf()\nNone\n_\n";
    let out = jitpy_with_input(&["-i"], input, None);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), "1\n2\n0\n1\nafter\n5\n5\n");
    let stderr = text(&out.stderr);
    let after_banner = stderr.split_once('\n').expect("a banner line").1;
    assert_eq!(
        after_banner,
        ">>> >>> >>> >>> ... ... >>> Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nZeroDivisionError: division by zero\n>>> >>> ... ... >>> >>> >>> >>> \n"
    );
}

#[test]
fn interactive_prompt_continues_open_brackets_and_reports_syntax_errors() {
    let input =
        "(1,\n2)\n\"\"\"a\nb\"\"\"\nx = 3 \\\n + 1\nx\n1 +\nif x:\n  'yes'\nelse:\n  'no'\n\n";
    let out = jitpy_with_input(&["-i"], input, None);
    assert_eq!(text(&out.stdout), "(1, 2)\n'a\\nb'\n4\n'yes'\n");
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(
            ">>>   File \"<stdin>\", line 1\n    1 +\n       ^\nSyntaxError: invalid syntax\n"
        ),
        "{stderr}"
    );
    assert!(stderr.ends_with(">>> ... ... ... ... >>> \n"), "{stderr}");
}

#[test]
fn interactive_prompts_are_sys_ps1_and_ps2() {
    let input = "import sys\nsys.ps1 = 'py> '\nsys.ps2 = 2\nif 1:\n  sys.ps1\n\n";
    let out = jitpy_with_input(&["-i", "-c", "pass"], input, None);
    assert_eq!(text(&out.stdout), "'py> '\n");
    assert_eq!(text(&out.stderr), ">>> >>> py> py> 22py> \n");
}

#[test]
fn interactive_prompt_exits_with_system_exit_status() {
    let out = jitpy_with_input(&["-i"], "import sys\nsys.exit(4)\nprint('never')\n", None);
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(text(&out.stdout), "");
}

#[test]
fn dash_i_runs_the_program_then_the_prompt() {
    let out = jitpy_with_input(&["-i", "-c", "y = 6\nraise SystemExit(3)"], "y * 7\n", None);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), "42\n");
    assert_eq!(
        text(&out.stderr),
        "Traceback (most recent call last):\n  File \"<string>\", line 2, in <module>\nSystemExit: 3\n>>> >>> \n"
    );
}

#[test]
fn piped_standard_input_is_the_program() {
    let out = jitpy_with_input(&[], "import sys\nprint(sys.argv, __name__)\n", None);
    assert_eq!(
        (out.status.code(), text(&out.stdout), text(&out.stderr)),
        (Some(0), "[''] __main__\n".to_string(), String::new())
    );
    let out = jitpy_with_input(&["-", "a"], "import sys\nprint(sys.argv)\n1/0\n", None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "['-', 'a']\n");
    assert!(text(&out.stderr).contains("File \"<stdin>\", line 3, in <module>"));
}

#[test]
fn dash_m_runs_modules_and_packages_as_main() {
    let dir = scratch("dash_m");
    std::fs::create_dir_all(dir.join("pkg")).expect("pkg");
    std::fs::write(dir.join("pkg/__init__.py"), "print('init')\n").expect("write");
    std::fs::write(
        dir.join("pkg/__main__.py"),
        "import sys\nfrom . import helper\nprint('main', __name__, __package__, sys.argv[1:], helper.X)\n",
    )
    .expect("write");
    std::fs::write(dir.join("pkg/helper.py"), "X = 42\n").expect("write");
    std::fs::write(
        dir.join("pkg/mod.py"),
        "import sys\nprint(__name__, __package__, sys.argv[0].endswith('mod.py'))\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("top.py"),
        "print(__name__, repr(__package__), 'ok')\n",
    )
    .expect("write");
    let run = |args: &[&str]| jitpy_with_input(args, "", Some(&dir));
    let out = run(&["-m", "pkg", "x", "y"]);
    assert_eq!(text(&out.stdout), "init\nmain __main__ pkg ['x', 'y'] 42\n");
    let out = run(&["-m", "pkg.mod"]);
    assert_eq!(text(&out.stdout), "init\n__main__ pkg True\n");
    let out = run(&["-m", "top"]);
    assert_eq!(text(&out.stdout), "__main__ '' ok\n");
    let out = run(&["-m", "nosuch"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).ends_with(": No module named nosuch\n"));
}

/// Runs `jitpy -c program`, waits for its first line of output, sends SIGINT and
/// returns what it did (that first line included).
fn interrupted(program: &str) -> Output {
    use std::io::{BufRead, Read};
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_jitpy"))
        .args(["-c", program])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("jitpy starts");
    let mut stdout = std::io::BufReader::new(child.stdout.take().expect("a pipe"));
    let mut text = String::new();
    stdout.read_line(&mut text).expect("the first line");
    std::thread::sleep(std::time::Duration::from_millis(200));
    // SAFETY: sending a signal to the child we started.
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
    stdout.read_to_string(&mut text).expect("the rest");
    let mut out = child.wait_with_output().expect("jitpy ends");
    out.stdout = text.into_bytes();
    out
}

#[test]
fn sigint_in_a_loop_is_keyboard_interrupt_and_kills_by_sigint() {
    use std::os::unix::process::ExitStatusExt;
    let out = interrupted("print('start', flush=True)\nn = 0\nwhile True:\n    n += 1");
    assert_eq!(text(&out.stdout), "start\n");
    assert_eq!(out.status.signal(), Some(libc::SIGINT));
    assert_eq!(
        text(&out.stderr),
        "Traceback (most recent call last):\n  File \"<string>\", line 3, in <module>\nKeyboardInterrupt\n"
    );
}

#[test]
fn keyboard_interrupt_can_be_caught_in_a_loop() {
    let program = "def spin():\n    while True:\n        pass\ntry:\n    print('start', flush=True)\n    spin()\nexcept KeyboardInterrupt:\n    print('caught')\n";
    let out = interrupted(program);
    assert_eq!(text(&out.stdout), "start\ncaught\n");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn sigint_stops_a_long_regular_expression_search() {
    // `(a*)*b` against a run of `a`s backtracks exponentially (in CPython too): SIGINT
    // stops the search with `KeyboardInterrupt`, as CPython's matcher does.
    let program = "import re\ntry:\n    print('start', flush=True)\n    re.match('(a*)*b', 'a' * 40)\nexcept KeyboardInterrupt:\n    print('caught')\n";
    let out = interrupted(program);
    assert_eq!(text(&out.stdout), "start\ncaught\n");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn uncaught_keyboard_interrupt_raised_by_the_program_kills_by_sigint() {
    use std::os::unix::process::ExitStatusExt;
    let out = jitpy(&["-c", "raise KeyboardInterrupt"]);
    assert_eq!(out.status.signal(), Some(libc::SIGINT));
    assert!(text(&out.stderr).ends_with("KeyboardInterrupt\n"));
}

#[test]
fn dash_u_writes_standard_output_through_at_once() {
    // Both streams into one pipe: buffered, the partial line on standard output comes after
    // what standard error wrote; with `-u` (or PYTHONUNBUFFERED) in program order.
    let program = "import sys\nprint('a', end='')\nsys.stderr.write('b')\nprint('c')";
    let run = |flag: Option<&str>, env: Option<&str>| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_jitpy"));
        command.args(flag).args(["-c", program]);
        command.env_remove("PYTHONUNBUFFERED");
        if let Some(value) = env {
            command.env("PYTHONUNBUFFERED", value);
        }
        let output = command
            .stderr(std::process::Stdio::piped())
            .output()
            .expect("jitpy runs");
        (text(&output.stdout), text(&output.stderr))
    };
    assert_eq!(run(Some("-u"), None), ("ac\n".to_string(), "b".to_string()));
    let merged = |flag: Option<&str>, env: Option<&str>| {
        let mut command = Command::new("sh");
        let jitpy = env!("CARGO_BIN_EXE_jitpy");
        let flag = flag.unwrap_or("");
        let script = format!("{jitpy} {flag} -c \"$0\" 2>&1");
        command.args(["-c", &script, program]);
        command.env_remove("PYTHONUNBUFFERED");
        if let Some(value) = env {
            command.env("PYTHONUNBUFFERED", value);
        }
        text(&command.output().expect("sh runs").stdout)
    };
    assert_eq!(merged(Some("-u"), None), "abc\n");
    assert_eq!(merged(None, Some("1")), "abc\n");
    assert_eq!(merged(None, None), "bac\n");
}

#[test]
fn dash_x_options_are_sys_xoptions() {
    let output = jitpy(&[
        "-X",
        "dev",
        "-Xutf8=1",
        "-c",
        "import sys; print(sorted(sys._xoptions.items()))",
    ]);
    assert_eq!(text(&output.stdout), "[('dev', True), ('utf8', '1')]\n");
    assert!(output.status.success());
}
