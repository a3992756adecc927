//! The `jitgen-log` command as a user runs it: subcommands, `--category`, errors.

use std::path::PathBuf;
use std::process::{Command, Output};

const LOG: &str = "\
[0] {jit-tracing
loop at main:4
[f4240] {gc-collect
collection 1: live 10 -> 5 bytes
[1e8480] gc-collect}
[2dc6c0] jit-tracing}
[2dc6c0] {jit-log-opt-loop
loop main:4(r0)
  jump r0
[2dc6c1] jit-log-opt-loop}
";

fn file(name: &str, text: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("jitgen-log-cli");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

fn jitgen_log(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jitgen-log"))
        .args(args)
        .output()
        .expect("run jitgen-log")
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn summary_and_a_category_filter() {
    let log = file("summary.log", LOG);
    let all = stdout(&jitgen_log(&["summary", log.to_str().unwrap()]));
    assert!(
        all.contains("\n  jit-tracing ") && all.contains("Compiled: 1 loop,"),
        "{all}"
    );
    let gc = stdout(&jitgen_log(&[
        "summary",
        "--category",
        "gc",
        log.to_str().unwrap(),
    ]));
    assert!(
        !gc.contains("jit-tracing") && gc.contains("\n  gc-collect "),
        "{gc}"
    );
    assert!(gc.contains("Compiled: 0 loops,"), "{gc}");
}

#[test]
fn why_answers_for_a_location() {
    let log = file("why.log", LOG);
    let text = stdout(&jitgen_log(&["why", log.to_str().unwrap(), "main:4"]));
    assert!(text.starts_with("main:4:\n  loop: traced once"), "{text}");
}

#[test]
fn draw_time_writes_the_picture() {
    let log = file("draw.log", LOG);
    let png = log.with_extension("png");
    let _ = std::fs::remove_file(&png);
    let text = stdout(&jitgen_log(&[
        "draw-time",
        log.to_str().unwrap(),
        png.to_str().unwrap(),
    ]));
    assert_eq!(text, format!("wrote {}\n", png.display()));
    assert!(std::fs::read(&png)
        .expect("written")
        .starts_with(b"\x89PNG"));
}

#[test]
fn a_malformed_log_is_an_error_with_its_line() {
    let log = file("bad.log", "[0] {jit-tracing\n[1] gc-collect}\n");
    let out = jitgen_log(&["summary", log.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "jitgen-log: {}: line 2: `gc-collect}}` ends the section `{{jit-tracing` begun on line 1\n",
            log.display()
        )
    );
    let missing = jitgen_log(&["summary", "/nonexistent/log"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr)
        .starts_with("jitgen-log: cannot read /nonexistent/log"));
}

#[test]
fn loops_and_html_show_the_compiled_loop() {
    let log = file("loops.log", LOG);
    let text = stdout(&jitgen_log(&["loops", log.to_str().unwrap()]));
    assert!(
        text.starts_with(
            "main:4: loop, 1 op, 0 guards, 0 guard failures\n  loop main:4(r0)\n     0  jump r0\n"
        ),
        "{text}"
    );
    let dir = log.with_extension("html.d");
    let _ = std::fs::remove_dir_all(&dir);
    let text = stdout(&jitgen_log(&[
        "html",
        log.to_str().unwrap(),
        dir.to_str().unwrap(),
    ]));
    let page = dir.join("index.html");
    assert_eq!(text, format!("wrote {}\n", page.display()));
    let html = std::fs::read_to_string(page).expect("written");
    assert!(
        html.contains("<div class=\"trace\" data-name=\"main:4\">"),
        "{html}"
    );
}
