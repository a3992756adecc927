//! The harness against the real browser: Chromium must be installed (`.ci/run` installs it);
//! without it these tests fail.

use std::path::PathBuf;

use browser_test::{serve, Browser};

/// A fresh directory under the target's temporary directory holding `index.html` = `page`.
fn site(name: &str, page: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("browser-test")
        .join(name);
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("index.html"), page).expect("write page");
    dir
}

const PAGE: &str = "<!DOCTYPE html><html><body style=\"background:#00ff00\">\
    <p id=\"p\">before</p>\
    <button id=\"b\" onclick=\"document.getElementById('p').textContent='after'\">go</button>\
    <script>document.title = 'scripted';</script></body></html>";

#[test]
fn a_file_runs_its_scripts_answers_javascript_and_is_screenshotted() {
    let dir = site("file", PAGE);
    let mut browser = Browser::launch(320, 200).expect("chromium starts");
    browser.open_file(&dir.join("index.html")).expect("loads");
    assert_eq!(browser.eval("document.title").expect("eval"), "scripted");
    assert_eq!(browser.text().expect("text"), "before\n\ngo");
    browser
        .eval("document.getElementById('b').click()")
        .expect("click");
    assert_eq!(
        browser
            .eval("document.getElementById('p').textContent")
            .expect("eval"),
        "after"
    );
    let error = browser.eval("no_such_name").expect_err("a thrown error");
    assert!(error.0.contains("ReferenceError"), "{error}");
    let shot = dir.join("shot.png");
    let _ = std::fs::remove_file(&shot);
    browser.screenshot(&shot).expect("screenshot");
    let png = std::fs::read(&shot).expect("written");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    // The IHDR chunk: the viewport's width and height.
    assert_eq!(&png[16..24], &[0, 0, 1, 64, 0, 0, 0, 200]);
}

#[test]
fn a_served_directory_loads_and_a_missing_file_is_not_found() {
    let dir = site("served", PAGE);
    std::fs::write(dir.join("data.json"), "{\"n\": 7}").expect("write");
    let server = serve(&dir).expect("serves");
    let mut browser = Browser::launch(320, 200).expect("chromium starts");
    browser.goto(server.url()).expect("loads");
    assert_eq!(browser.eval("document.title").expect("eval"), "scripted");
    let n = browser
        .eval("fetch('data.json').then(r => r.json()).then(j => j.n)")
        .expect("fetch");
    assert_eq!(n, 7);
    let status = browser
        .eval("fetch('missing.html').then(r => r.status)")
        .expect("fetch");
    assert_eq!(status, 404);
}
