//! The JIT log of real `toy` runs (`JITGEN_LOG`), read back with `jitgen-log`: every category
//! the framework writes appears, sections nest properly, and the reports explain the run.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use browser_test::Browser;
use jitgen_log::model::{Model, TraceKind};
use jitgen_log::parser::{all_sections, parse, Section};
use jitgen_log::{html, loops, summary, traces, why};

/// A program of `tests/log_programs/`.
fn program(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/log_programs")
        .join(name)
}

/// The location of `loops.toy`'s loop header: its function, pc, instruction and source
/// position (what names the loop in logs).
const LOOPS_HEADER: &str = "work:4 LoadLocal (line 5:11)";

/// The location of the header of `abort.toy`'s loop in `work`.
const WORK_HEADER: &str = "work:4 LoadLocal (line 11:11)";

/// A fresh log file name for `test`.
fn log_path(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("toy-log");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("{test}.log"));
    let _ = std::fs::remove_file(&path);
    path
}

/// Runs `toy ARGS PROGRAM` with `JITGEN_LOG=CATEGORIES:LOG` and returns the log's sections.
fn run_logged(test: &str, categories: &str, args: &[&str], name: &str) -> Vec<Section> {
    let log = log_path(test);
    let out = Command::new(env!("CARGO_BIN_EXE_toy"))
        .args(args)
        .arg(program(name))
        .env("JITGEN_LOG", format!("{categories}:{}", log.display()))
        .output()
        .expect("run toy");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&log).expect("the log was written");
    parse(&text).unwrap_or_else(|e| panic!("{}: {e}", log.display()))
}

fn categories(sections: &[Section]) -> BTreeSet<&str> {
    all_sections(sections)
        .iter()
        .map(|s| s.category.as_str())
        .collect()
}

/// Children lie within their parents' time, and no section of `category` is inside another
/// of its category.
fn assert_nested(sections: &[Section], outer: &[&str]) {
    for section in all_sections(sections) {
        for child in &section.children {
            assert!(
                section.start <= child.start && child.end <= section.end,
                "{} (line {}) lies within {} (line {})",
                child.category,
                child.line,
                section.category,
                section.line
            );
        }
        if outer.contains(&section.category.as_str()) {
            let nested = section.walk().into_iter().skip(1);
            for inner in nested.filter(|s| s.category == section.category) {
                panic!("{} nested in itself at line {}", inner.category, inner.line);
            }
        }
    }
}

#[test]
fn a_loop_and_its_bridge_log_every_jit_category_in_nested_sections() {
    let sections = run_logged("loops", "", &[], "loops.toy");
    let seen = categories(&sections);
    for category in [
        "jit-tracing",
        "jit-optimize",
        "jit-backend",
        "jit-backend-dump",
        "jit-blackhole",
        "jit-log-noopt-loop",
        "jit-log-opt-loop",
        "jit-log-noopt-bridge",
        "jit-log-opt-bridge",
        "jit-summary",
        "gc-summary",
    ] {
        assert!(seen.contains(category), "{category} in {seen:?}");
    }
    assert_nested(&sections, &["jit-tracing", "jit-optimize", "jit-blackhole"]);
    let dumps_in_backend = all_sections(&sections)
        .iter()
        .filter(|s| s.category == "jit-backend")
        .all(|s| s.children.iter().any(|c| c.category == "jit-backend-dump"));
    assert!(
        dumps_in_backend,
        "each compilation's disassembly is inside it"
    );
    let model = Model::new(&sections);
    let kinds: Vec<(TraceKind, &str)> = model
        .compiled
        .iter()
        .map(|c| (c.kind, c.name.as_str()))
        .collect();
    assert_eq!(kinds.len(), 2, "{kinds:?}");
    assert_eq!(kinds[0], (TraceKind::Loop, LOOPS_HEADER));
    assert_eq!(kinds[1].0, TraceKind::Bridge);
    assert!(
        kinds[1].1.ends_with(&format!(" of {LOOPS_HEADER}")),
        "{kinds:?}"
    );
    let optimized = all_sections(&sections)
        .into_iter()
        .find(|s| s.category == "jit-optimize")
        .expect("optimized");
    assert!(
        optimized.body[0].starts_with(&format!("{LOOPS_HEADER}: "))
            && optimized.body[0].ends_with(" ops in")
    );
    assert!(optimized.body.last().expect("body").ends_with(" ops out"));
}

#[test]
fn an_abort_names_its_reason_and_location_and_why_explains_it() {
    let sections = run_logged("abort", "jit", &["--jit", "trace_limit=20"], "abort.toy");
    assert!(!categories(&sections).contains("gc-summary"), "only jit-*");
    let abort = all_sections(&sections)
        .into_iter()
        .find(|s| {
            s.category == "jit-tracing" && s.children.iter().any(|c| c.category == "jit-abort")
        })
        .expect("an aborted trace");
    let model = Model::new(&sections);
    assert_eq!(model.aborts[0].reason, "trace too long");
    // A loop of `work` (where the trace too long began depends on how the small limit cut
    // its traces into segments and join points).
    let at = model.aborts[0].at.clone();
    assert!(at.starts_with("work:"), "{at}");
    assert_eq!(abort.body[0], format!("loop at {at}"));
    let blamed = model.aborts[0].blamed.as_deref().unwrap_or("");
    assert!(blamed.starts_with("the call at step:0 "), "{blamed}");
    assert!(
        summary::report(&model).contains("blaming the call at step:0 "),
        "the summary names what the aborts blamed"
    );
    // `why` answers for the location's first word (`work:10`).
    let first_word = at.split(' ').next().expect("a location");
    let explained = why::explain(&model, first_word);
    assert!(
        explained.starts_with(&format!("{at}:\n  loop: traced "))
            && explained.contains("1 aborted (trace too long: 1)")
            && explained.contains(&format!("compiled: loop `{at}`")),
        "{explained}"
    );
    let never = why::explain(&model, "work:0");
    assert!(
        never.starts_with("work:0: never traced: it never got hot"),
        "{never}"
    );
}

#[test]
fn traces_show_where_the_interpreter_was_and_the_source_lines() {
    let sections = run_logged("merge-points", "jit-log", &[], "abort.toy");
    let traces = traces::tree(&sections);
    let work = &traces[0];
    let first = work.ops[0]
        .merge_point
        .as_ref()
        .expect("a merge point first");
    assert_eq!(
        (
            first.depth,
            first.location.as_str(),
            first.source.as_deref()
        ),
        (
            0,
            WORK_HEADER,
            Some("while i < n { total = total + step(i); i = i + 1; }")
        )
    );
    // The call of `step` is inlined: its ops come under its own locations, one call deeper.
    let inlined: Vec<_> = work
        .ops
        .iter()
        .filter_map(|op| op.merge_point.as_ref())
        .filter(|at| at.depth == 1)
        .collect();
    assert_eq!(inlined[0].location, "step:0 LoadLocal (line 4:13)");
    assert_eq!(inlined[0].source.as_deref(), Some("let y = x * 3 + 1;"));
    // The noopt trace has them too, and the trace text parses them back.
    let noopt = all_sections(&sections)
        .into_iter()
        .find(|s| s.category == "jit-log-noopt-loop")
        .expect("the recorded loop");
    assert!(noopt.body[1..]
        .iter()
        .any(|l| l == &format!("  debug_merge_point(0) {WORK_HEADER}")));
}

/// The counters of a run's `jit-summary` (its `NAME: NUMBER` lines but times).
fn summary_counters(sections: &[Section]) -> Vec<String> {
    let summary = all_sections(sections)
        .into_iter()
        .find(|s| s.category == "jit-summary")
        .expect("a summary");
    summary
        .body
        .iter()
        .filter(|l| !l.starts_with("time ") && l.contains(": "))
        .filter(|l| {
            l.rsplit(": ")
                .next()
                .is_some_and(|n| n.parse::<u64>().is_ok())
        })
        .cloned()
        .collect()
}

#[test]
fn logging_traces_changes_no_decision_of_the_jit() {
    for program in ["loops.toy", "abort.toy"] {
        let quiet = run_logged(&format!("quiet-{program}"), "jit-summary", &[], program);
        let traced = run_logged(
            &format!("traced-{program}"),
            "jit-summary,jit-log,jit-abort",
            &[],
            program,
        );
        let counters = summary_counters(&quiet);
        assert!(
            counters.iter().any(|l| l.starts_with("guard failures: ")),
            "{counters:?}"
        );
        assert_eq!(counters, summary_counters(&traced), "{program}");
    }
}

#[test]
fn gc_pressure_logs_collections_inside_or_between_jit_sections() {
    let sections = run_logged("gc", "gc,jit-tracing,jit-backend", &[], "gc.toy");
    let collections: Vec<&Section> = all_sections(&sections)
        .into_iter()
        .filter(|s| s.category == "gc-collect")
        .collect();
    assert!(collections.len() >= 3, "{} collections", collections.len());
    for (i, collection) in collections.iter().enumerate() {
        let expected = format!("collection {}: live ", i + 1);
        assert!(
            collection.body[0].starts_with(&expected),
            "{:?}",
            collection.body
        );
        assert!(collection.end > collection.start);
    }
    assert!(categories(&sections).contains("gc-summary"));
    assert_nested(&sections, &["gc-collect"]);
    let model = Model::new(&sections);
    assert_eq!(model.collections.len(), collections.len());
    assert!(summary::report(&model).contains(&format!("GC: {} collections", collections.len())));
}

#[test]
fn percent_d_in_the_log_name_is_the_pid() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("toy-log-pid");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let child = Command::new(env!("CARGO_BIN_EXE_toy"))
        .arg(program("loops.toy"))
        .env(
            "JITGEN_LOG",
            format!("jit-summary:{}/run.%d.log", dir.display()),
        )
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("run toy");
    let pid = child.id();
    assert!(child.wait_with_output().expect("toy ran").status.success());
    let log = dir.join(format!("run.{pid}.log"));
    let text = std::fs::read_to_string(&log).expect("the pid names the log");
    assert!(text.contains("{jit-summary"));
    let _ = std::fs::remove_file(log);
}

/// The report without what varies from run to run: times and percentages become `#`, runs of
/// spaces one space.
fn without_times(report: &str) -> String {
    report
        .lines()
        .map(|line| {
            line.split_whitespace()
                .map(|word| {
                    match word.contains('.') && word.starts_with(|c: char| c.is_ascii_digit()) {
                        true => "#",
                        false => word,
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_summary_of_a_loop_with_a_bridge() {
    let sections = run_logged("summary", "jit", &[], "loops.toy");
    let report = summary::report(&Model::new(&sections));
    insta::assert_snapshot!(without_times(&report));
}

#[test]
fn the_summary_of_a_run_with_an_abort() {
    let sections = run_logged(
        "summary-abort",
        "jit",
        &["--jit", "trace_limit=20"],
        "abort.toy",
    );
    let report = summary::report(&Model::new(&sections));
    insta::assert_snapshot!(without_times(&report));
}

#[test]
fn jit_report_prints_the_summary_at_exit() {
    let out = Command::new(env!("CARGO_BIN_EXE_toy"))
        .args(["--jit-report", "--jit", "trace_limit=20"])
        .arg(program("abort.toy"))
        .env_remove("JITGEN_LOG")
        .output()
        .expect("run toy");
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "24999\n");
    let report = String::from_utf8_lossy(&out.stderr);
    assert!(report.starts_with("Time: "), "{report}");
    assert!(
        report.contains("\nAborts: 1\n  trace too long: 1\n"),
        "{report}"
    );
    assert!(report.contains("\nGC: "), "{report}");
}

#[test]
fn jit_report_does_not_override_a_jitgen_log_setting() {
    let out = Command::new(env!("CARGO_BIN_EXE_toy"))
        .arg("--jit-report")
        .arg(program("loops.toy"))
        .env("JITGEN_LOG", "gc:-")
        .output()
        .expect("run toy");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--jit-report writes a log of its own"));
}

#[test]
fn loops_lists_the_loop_its_bridge_counts_and_machine_code() {
    let sections = run_logged("loops-report", "jit", &[], "loops.toy");
    let model = Model::new(&sections);
    let entered = model
        .counts
        .entries(LOOPS_HEADER)
        .expect("the loop's entries are counted");
    assert!(entered >= 1, "{entered}");
    let guard_failures: u64 = model.counts.failed.values().sum();
    assert!(
        guard_failures >= 8,
        "the bridged guard failed `trace_eagerness` times first"
    );
    let traces = traces::tree(&sections);
    assert_eq!(traces.len(), 1, "the bridge hangs under its guard");
    let work = &traces[0];
    let (guard, bridge) = work
        .ops
        .iter()
        .find_map(|op| Some((op, op.bridge.as_deref()?)))
        .expect("a guard with a bridge");
    assert_eq!(
        bridge.name,
        format!("bridge from guard {} of {LOOPS_HEADER}", guard.index)
    );
    assert!(guard.failed.is_some_and(|n| n > 0) && guard.location.is_some());
    assert!(work.disassembly.is_some() && bridge.disassembly.is_some());
    // The machine code counted its runs: the loop's iterations (20,000 in all, less those
    // interpreted while it warmed up) and the bridge's entries (a third or two thirds of them).
    let (ran, bridge_ran) = (work.ran.unwrap_or(0), bridge.ran.unwrap_or(0));
    assert!((15_000..=20_000).contains(&ran), "{ran}");
    assert!((5_000..ran).contains(&bridge_ran), "{bridge_ran}");
    let report = loops::report(&traces);
    assert!(
        report.starts_with(&format!("{LOOPS_HEADER}: loop, entered {entered}, ")),
        "{report}"
    );
    assert!(report.contains("    bridge from guard "), "{report}");
    assert!(
        report.contains(&format!("  machine code: loop {LOOPS_HEADER} at 0x")),
        "{report}"
    );
    assert!(summary::report(&model).contains("Loops and entry traces, most entered first:"));
}

#[test]
fn the_html_viewer_shows_loops_ops_and_locations_in_chromium() {
    let sections = run_logged("viewer", "jit", &[], "loops.toy");
    let traces = traces::tree(&sections);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("toy-viewer");
    let page = html::write("loops.toy", &traces, &dir).expect("the page is written");
    let mut browser =
        Browser::launch(1200, 900).expect("chromium starts (apt-get install chromium)");
    browser.open_file(&page).expect("the page loads");
    let text = browser.text().expect("the page's text");
    for expected in [
        "Compiled traces of loops.toy",
        &format!("{LOOPS_HEADER}: loop, entered "),
        "guard_false",
        "int_add_ovf",
        "__jitgen_portal_execute@",
        "failed ",
        &format!("machine code: loop {LOOPS_HEADER} at 0x"),
        // The ops under the interpreter locations and source lines they came from.
        "work:10 Mod (line 6:14)",
        "if i % 3 == 0 { total = total + 2; } else { total = total + 1; }",
        "i = i + 1;",
    ] {
        assert!(text.contains(expected), "{expected:?} on the page:\n{text}");
    }
    let marks = browser
        .eval("document.querySelectorAll('tr.merge-point code.source').length")
        .expect("merge points");
    assert!(marks.as_u64().is_some_and(|n| n >= 10), "{marks}");
    let nested = browser
        .eval(&format!(
            "document.querySelector('.trace[data-name=\"{LOOPS_HEADER}\"] .trace.bridge').dataset.name"
        ))
        .expect("a bridge inside the loop's box");
    assert!(
        nested
            .as_str()
            .is_some_and(|n| n.starts_with("bridge from guard ")),
        "{nested}"
    );
    browser
        .screenshot(&dir.join("viewer.png"))
        .expect("a screenshot");
    let opened = "Array.from(document.querySelectorAll('details.asm')).map(d => d.open)";
    assert_eq!(
        browser.eval(opened).expect("eval").to_string(),
        "[false,false]"
    );
    assert!(
        !browser.text().expect("text").contains("push rbp"),
        "machine code on demand"
    );
    browser
        .eval("document.getElementById('show-asm').click()")
        .expect("click");
    assert_eq!(
        browser.eval(opened).expect("eval").to_string(),
        "[true,true]"
    );
    assert!(browser.text().expect("text").contains("push rbp"));
    browser
        .eval("document.querySelector('details.asm').scrollIntoView()")
        .expect("scroll");
    browser
        .screenshot(&dir.join("viewer-machine-code.png"))
        .expect("a screenshot");
}
