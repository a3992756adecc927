//! The speed center in headless Chromium: `jitgen-bench site` on a small fixture store
//! (`fixtures/store.jsonl`: 10 commits, fib and nbody under python3, pypy3, toy off and toy on;
//! toy on failed fib at the 5th commit, toy off got 25% slower at fib from the 6th), served
//! over HTTP; every graph is checked for axes, a line of points per implementation and
//! working tooltips, the failed run for being shown and not plotted, the regression for its
//! flag, and the comparison page for its table; a screenshot is left in
//! `target/tmp/speed-center/`. Chromium must be installed (`.ci/run` installs it).

use std::path::{Path, PathBuf};
use std::process::Command;

use browser_test::{serve, Browser};
use serde_json::Value;

/// The commit toy on failed fib at (the 5th), and the first one with toy off slower (6th).
const FAILED_COMMIT: &str = "1bcfb39c7785c36d680bf0f930b4884f9ee8629a";
const SLOW_COMMIT: &str = "3633d884b9fa73308fd30ad256312f4a802f86e9";

/// Generates the site of the fixture store into a fresh directory.
fn generate_site() -> PathBuf {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("speed-center");
    let _ = std::fs::remove_dir_all(&out);
    let store = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store.jsonl");
    let run = Command::new(env!("CARGO_BIN_EXE_jitgen-bench"))
        .arg("site")
        .arg(&out)
        .arg("--store")
        .arg(&store)
        .output()
        .expect("run jitgen-bench site");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&run.stdout).trim(),
        format!(
            "{}: 2 benchmarks over 10 commits",
            out.join("index.html").display()
        )
    );
    out
}

/// Evaluates `expression` and returns its JSON value.
fn eval(browser: &mut Browser, expression: &str) -> Value {
    browser
        .eval(expression)
        .unwrap_or_else(|e| panic!("{expression}: {e}"))
}

#[test]
fn the_speed_center_renders_its_graphs_tooltips_failures_and_comparison() {
    let out = generate_site();
    let server = serve(&out).expect("serves the site");
    let mut browser =
        Browser::launch(1240, 1400).expect("chromium starts (apt-get install chromium)");
    browser.goto(server.url()).expect("the site loads");

    // Every graph: two axes with labelled ticks, and each implementation's points.
    let charts = eval(
        &mut browser,
        r#"Array.from(document.querySelectorAll('svg.chart')).map(svg => ({
            id: svg.id,
            width: svg.getBoundingClientRect().width,
            x_ticks: svg.querySelectorAll('.x-axis .tick').length,
            y_ticks: svg.querySelectorAll('.y-axis .tick').length,
            labels: Array.from(svg.querySelectorAll('.axis-label')).map(t => t.textContent),
            points: Object.fromEntries(Array.from(svg.querySelectorAll('.series')).map(g =>
                [g.dataset.implementation, g.querySelectorAll('.point').length])),
            references: Array.from(svg.querySelectorAll('.reference')).map(g => g.dataset.implementation),
        }))"#,
    );
    let charts = charts.as_array().expect("a list of graphs");
    let ids: Vec<&str> = charts.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "summary",
            "fib-steady",
            "fib-first",
            "fib-rss",
            "nbody-steady",
            "nbody-first",
            "nbody-rss"
        ]
    );
    for chart in charts {
        let id = chart["id"].as_str().unwrap();
        assert!(
            chart["width"].as_f64().unwrap() > 500.0,
            "{id} is drawn: {chart}"
        );
        assert!(chart["x_ticks"].as_u64().unwrap() >= 3, "{id}: {chart}");
        assert!(chart["y_ticks"].as_u64().unwrap() >= 3, "{id}: {chart}");
        assert_eq!(chart["labels"][1], "commit date (UTC)", "{id}");
        let y_label = chart["labels"][0].as_str().unwrap();
        let expected_points = |implementation: &str| match (id, implementation) {
            // toy on failed fib once: 9 points, and one failure (in the summary too).
            ("summary" | "fib-steady" | "fib-first" | "fib-rss", "toy on") => 9,
            _ => 10,
        };
        for implementation in ["toy off", "toy on"] {
            assert_eq!(
                chart["points"][implementation],
                expected_points(implementation),
                "{id}, {implementation}: {chart}"
            );
        }
        assert_eq!(
            chart["references"],
            serde_json::json!(["CPython", "PyPy"]),
            "{id}"
        );
        if id.ends_with("rss") {
            assert_eq!(y_label, "peak RSS (MiB)");
        } else {
            assert!(y_label.contains("CPython"), "{id}: {y_label}");
        }
    }

    // Tooltips: the <title> of a point names the commit, and hovering shows it.
    let title = eval(
        &mut browser,
        &format!(
            r#"document.querySelector('#fib-steady .series[data-implementation="toy off"] .point[data-commit="{SLOW_COMMIT}"] title').textContent"#
        ),
    );
    let title = title.as_str().unwrap();
    assert!(title.starts_with("toy off: 1.8"), "{title}");
    assert!(title.contains("3633d884b9 2026-12-01"), "{title}");
    assert!(
        title.contains("toy: a slower dict (the regression)"),
        "{title}"
    );
    let shown = eval(
        &mut browser,
        &format!(
            r#"(() => {{
                const point = document.querySelector('#nbody-first .series[data-implementation="toy on"] .point[data-commit="{SLOW_COMMIT}"]');
                const box = point.getBoundingClientRect();
                point.dispatchEvent(new MouseEvent('mouseover', {{ clientX: box.x, clientY: box.y, bubbles: true }}));
                const tip = document.getElementById('tooltip');
                return [getComputedStyle(tip).display, tip.textContent];
            }})()"#
        ),
    );
    assert_eq!(shown[0], "block", "{shown}");
    assert!(
        shown[1].as_str().unwrap().contains("toy on: ")
            && shown[1].as_str().unwrap().contains("3633d884b9"),
        "{shown}"
    );

    // The failed run: a cross with the reason at its commit, no point there.
    let failed = eval(
        &mut browser,
        &format!(
            r#"(() => {{
                const series = document.querySelector('#fib-steady .series[data-implementation="toy on"]');
                const cross = series.querySelector('.failed[data-commit="{FAILED_COMMIT}"]');
                return [cross !== null, cross && cross.querySelector('title').textContent,
                        series.querySelector('.point[data-commit="{FAILED_COMMIT}"]') === null,
                        series.querySelector('polyline').getAttribute('points').split(' ').length];
            }})()"#
        ),
    );
    assert_eq!(failed[0], true, "{failed}");
    assert!(
        failed[1].as_str().unwrap().contains("FAILED (not plotted)")
            && failed[1].as_str().unwrap().contains("wrong result"),
        "{failed}"
    );
    assert_eq!(failed[2], true, "no point at the failed commit: {failed}");
    assert_eq!(failed[3], 9, "the line skips it: {failed}");
    let summary_failure = eval(
        &mut browser,
        &format!(
            r#"document.querySelector('#summary .series[data-implementation="toy on"] .failed[data-commit="{FAILED_COMMIT}"] title').textContent"#
        ),
    );
    assert!(
        summary_failure
            .as_str()
            .unwrap()
            .starts_with("toy on: 1 of 2 benchmarks failed or missing (not plotted)"),
        "{summary_failure}"
    );

    // The regression: flagged on fib's graphs at its first slow commit, and listed.
    let flags = eval(
        &mut browser,
        r#"Array.from(document.querySelectorAll('svg.chart .regression')).map(g =>
            g.closest('svg').id + ' ' + g.dataset.implementation + ' ' + g.dataset.commit.slice(0, 10))"#,
    );
    assert_eq!(
        flags,
        serde_json::json!([
            "fib-steady toy off 3633d884b9",
            "fib-first toy off 3633d884b9"
        ])
    );
    let text = browser.text().expect("the page's text");
    assert!(
        text.contains("fib under toy off, steady state: 1.2"),
        "{text}"
    );
    // The default view: the latest commit's table, the failed cell not at the latest.
    assert!(text.contains("Latest commit, all benchmarks"), "{text}");

    let shot = out.join("speed-center.png");
    browser.screenshot(&shot).expect("a screenshot");
    assert!(std::fs::read(&shot)
        .expect("written")
        .starts_with(b"\x89PNG"));

    // Comparing two commits: the failed commit against the slow one.
    browser
        .goto(&format!("{}compare.html", server.url()))
        .expect("the comparison loads");
    let rows = eval(
        &mut browser,
        &format!(
            r#"(() => {{
                const old = document.getElementById('old');
                old.value = DATA.commits.findIndex(c => c.hash === '{FAILED_COMMIT}');
                old.dispatchEvent(new Event('change'));
                return Array.from(document.querySelectorAll('#comparison tbody tr')).map(tr =>
                    Array.from(tr.cells).map(td => td.textContent).join('|'));
            }})()"#
        ),
    );
    let rows: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert!(
        rows.iter()
            .any(|r| r.starts_with("fib|toy off|steady state|") && r.ends_with("|slower")),
        "{rows:?}"
    );
    assert!(
        rows.iter()
            .any(|r| r.starts_with("fib|toy on|steady state|FAILED|")),
        "{rows:?}"
    );
    assert!(
        rows.iter()
            .any(|r| r.starts_with("nbody|toy on|steady state|") && r.ends_with("|same")),
        "{rows:?}"
    );
    browser
        .screenshot(&out.join("compare.png"))
        .expect("a screenshot");
}
