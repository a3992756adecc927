//! `jitgen-log html LOG DIR`: a static trace viewer, `DIR/index.html`, one self-contained
//! page (inline CSS and a little JavaScript, nothing fetched, works from `file://`): the
//! compiled loops and entry traces, most entered first, each with its ops, guard failures
//! and guards' interpreter locations beside them, the ops grouped under the interpreter
//! location (and source line) they came from, each bridge nested under the guard it
//! leaves from, and the machine code in a `<details>` opened on demand. "Show all machine
//! code" opens every one; so does the address `index.html#machine-code`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::loops::{by_entries, describe};
use crate::traces::Trace;

/// The page's style: a tree of boxed traces, ops in a monospace table.
const STYLE: &str = "\
body { font-family: sans-serif; margin: 1.5em; color: #222; background: #fafafa; }
h1 { font-size: 1.3em; }
.trace { font-family: sans-serif; white-space: normal; border: 1px solid #bbb; border-radius: 4px; background: #fff; margin: 0.8em 0; padding: 0.4em 0.8em; }
.trace.bridge { margin-left: 2.5em; border-left: 4px solid #4a8; }
.trace h2 { font-size: 1em; margin: 0.3em 0; }
.header { font-family: monospace; color: #555; }
table.ops { border-collapse: collapse; font-family: monospace; font-size: 0.9em; }
table.ops td { padding: 1px 8px; vertical-align: top; white-space: pre; }
td.index { color: #888; text-align: right; }
tr.guard td.op { color: #a40; }
td.failed { color: #c00; font-weight: bold; text-align: right; }
td.location { color: #36c; }
tr.merge-point td { padding-top: 4px; color: #264; font-family: sans-serif; font-size: 0.85em; border-top: 1px dotted #ccc; }
tr.merge-point code.source { color: #000; background: #eef5ea; padding: 0 4px; margin-left: 1em; font-family: monospace; }
details.asm pre { background: #f3f3f3; padding: 0.5em; font-size: 0.85em; }
";

/// Opens every machine-code `<details>` (the button, or `#machine-code` in the address).
const SCRIPT: &str = "\
function showMachineCode() {
  document.querySelectorAll('details.asm').forEach(function (d) { d.open = true; });
}
document.getElementById('show-asm').addEventListener('click', showMachineCode);
if (location.hash === '#machine-code') { showMachineCode(); }
";

/// `text` with `&`, `<`, `>` and `\"` escaped for HTML.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// The page for `traces`, titled after the log `title`.
pub fn page(title: &str, traces: &[Trace]) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>jitgen-log: {title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
         <h1>Compiled traces of {title}</h1>\n",
        title = escape(title)
    );
    let bridges: usize = traces.iter().map(|t| t.bridges().count()).sum();
    let _ = writeln!(
        out,
        "<p id=\"totals\">Loops and entry traces: {}, bridges: {}. \
         <button id=\"show-asm\" type=\"button\">Show all machine code</button></p>",
        traces.len(),
        bridges
    );
    if traces.is_empty() {
        out.push_str("<p>No compiled traces in the log (it needs jit-log-opt-*).</p>\n");
    }
    for trace in by_entries(traces) {
        write_trace(trace, &mut out);
    }
    let _ = write!(out, "<script>\n{SCRIPT}</script>\n</body>\n</html>\n");
    out
}

/// One trace's box: its name and counts, header, ops (bridges nested after their guards),
/// machine code.
fn write_trace(trace: &Trace, out: &mut String) {
    let class = match trace.kind {
        crate::model::TraceKind::Bridge => "trace bridge",
        _ => "trace",
    };
    let _ = writeln!(
        out,
        "<div class=\"{class}\" data-name=\"{}\">\n<h2>{}</h2>\n<div class=\"header\">{}</div>",
        escape(&trace.name),
        escape(&describe(trace)),
        escape(&trace.header)
    );
    out.push_str("<table class=\"ops\">\n");
    for op in &trace.ops {
        if let Some(at) = &op.merge_point {
            let source = at.source.as_deref().map_or(String::new(), |line| {
                format!("<code class=\"source\">{}</code>", escape(line))
            });
            let _ = writeln!(
                out,
                "<tr class=\"merge-point\"><td></td><td colspan=\"3\" style=\"padding-left: {}em\">\
                 <span class=\"location\">{}</span>{source}</td></tr>",
                0.5 + 1.5 * at.depth as f32,
                escape(&at.location),
            );
            continue;
        }
        let class = if op.is_guard() {
            " class=\"guard\""
        } else {
            ""
        };
        let title = op
            .resume
            .as_deref()
            .map_or(String::new(), |r| format!(" title=\"{}\"", escape(r)));
        let _ = writeln!(
            out,
            "<tr{class}><td class=\"index\">{}</td><td class=\"op\"{title}>{}</td>\
             <td class=\"failed\">{}</td><td class=\"location\">{}</td></tr>",
            op.index,
            escape(&op.text),
            op.failed.map_or(String::new(), |n| format!("failed {n}")),
            op.location.as_deref().map_or(String::new(), escape),
        );
        if let Some(bridge) = &op.bridge {
            out.push_str("<tr><td></td><td colspan=\"3\">\n");
            write_trace(bridge, out);
            out.push_str("</td></tr>\n");
        }
    }
    out.push_str("</table>\n");
    if let Some(lines) = &trace.disassembly {
        let _ = writeln!(
            out,
            "<details class=\"asm\"><summary>machine code: {}</summary><pre>",
            escape(&lines[0])
        );
        for line in &lines[1..] {
            let _ = writeln!(out, "{}", escape(line.trim_start()));
        }
        out.push_str("</pre></details>\n");
    }
    out.push_str("</div>\n");
}

/// Writes the page for `traces` to `dir/index.html` (creating `dir`): its path.
pub fn write(title: &str, traces: &[Trace], dir: &Path) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join("index.html");
    std::fs::write(&path, page(title, traces))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::parse;
    use crate::traces::{tests::LOG, tests::MARKED_LOG, tree};

    #[test]
    fn the_page_nests_bridges_and_shows_counts_locations_and_machine_code() {
        let page = page("a <log>", &tree(&parse(LOG).expect("parses")));
        assert!(page.contains("<title>jitgen-log: a &lt;log&gt;</title>"));
        assert!(page.contains("Loops and entry traces: 1, bridges: 2."));
        let loop_at = page.find("data-name=\"main:4\"").expect("the loop");
        let bridge_at = page
            .find("data-name=\"bridge from guard 1 of main:4\"")
            .expect("its bridge");
        let inner_at = page
            .find("data-name=\"bridge from guard 0 of bridge from guard 1 of main:4\"")
            .expect("the bridge's bridge");
        assert!(loop_at < bridge_at && bridge_at < inner_at);
        assert!(page.contains(
            "<td class=\"op\" title=\"execute@7 i0=1; compare@2 r0=r0; vable&lt;Frame&gt; r0 sp=1 slots=[r0]\">guard_true i2</td>\
             <td class=\"failed\">failed 40</td><td class=\"location\">execute@7 &gt; compare@2</td>"
        ));
        assert!(page.contains("<summary>machine code: loop main:4 at 0x1000, 2 bytes</summary><pre>\n0000000000001000 90"));
        assert!(!page.contains("http"), "nothing fetched");
    }

    #[test]
    fn ops_are_grouped_under_their_locations_and_source_lines() {
        let page = page("log", &tree(&parse(MARKED_LOG).expect("parses")));
        assert!(page.contains(
            "<tr class=\"merge-point\"><td></td><td colspan=\"3\" style=\"padding-left: 0.5em\">\
             <span class=\"location\">main:4 Lt (line 2:9)</span><code class=\"source\">while i &lt; 9 {</code></td></tr>"
        ), "{page}");
        assert!(page.contains(
            "padding-left: 2em\"><span class=\"location\">step:0 LoadLocal (line 7:3)</span></td>"
        ));
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<a href=\"x\">&</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
        );
    }
}
