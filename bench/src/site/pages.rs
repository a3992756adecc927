//! The site's two pages as HTML: `index.html`, the default view (the latest commit's results
//! for every benchmark, the summary graph, the regressions, then every benchmark's graphs),
//! and `compare.html` (any two commits side by side, chosen in the page; the data is in the
//! page, so it works from disk and offline).

use std::fmt::Write;

use serde_json::json;

use crate::compare::main_measure;
use crate::series::{Measure, Results};

use crate::report::seconds;

use super::axis::{moment_label, ratio_label};
use crate::series::CPYTHON;

use super::charts::{benchmark_chart, clients, measures, summary_chart, Regression};
use super::svg::escape;

/// The pages' style sheet.
const STYLE: &str = r#"
body { font-family: sans-serif; margin: 1em 2em; color: #222; background: #fff; }
h1 { margin-bottom: 0.2em; }
nav a { margin-right: 1em; }
table { border-collapse: collapse; margin: 0.5em 0; }
th, td { border: 1px solid #ccc; padding: 2px 8px; text-align: right; }
th:first-child, td:first-child { text-align: left; }
#comparison td:nth-child(-n+3), #comparison th:nth-child(-n+3) { text-align: left; }
td.failed { color: #b00; font-weight: bold; }
td.slower, span.slower { color: #b00; }
td.faster, span.faster { color: #070; }
.charts { display: flex; flex-wrap: wrap; gap: 8px; }
svg.chart { background: #fcfcfc; border: 1px solid #ddd; font-size: 11px; }
svg.chart .chart-title { font-weight: bold; font-size: 12px; }
svg.chart .grid { stroke: #e4e4e4; }
svg.chart .frame { fill: none; stroke: #888; }
svg.chart .tick { fill: #444; }
svg.chart .axis-label { fill: #222; }
svg.chart .series polyline { fill: none; stroke: currentColor; stroke-width: 1.5; }
svg.chart .series circle, svg.chart .legend circle { fill: currentColor; }
svg.chart .legend line { stroke: currentColor; stroke-width: 1.5; }
svg.chart .point:hover { r: 6; }
svg.chart .reference line { stroke: #555; stroke-dasharray: 6 4; }
svg.chart .reference text { fill: #555; }
svg.chart .reference[data-implementation="PyPy"] line { stroke: #b8860b; }
svg.chart .failed path { stroke: #c00; stroke-width: 2.5; }
svg.chart .regression line { stroke: #c00; stroke-dasharray: 3 3; }
svg.chart .regression path { fill: #c00; }
#tooltip { position: fixed; display: none; white-space: pre; background: #ffffe8;
  border: 1px solid #888; padding: 4px 6px; font-size: 12px; pointer-events: none; }
.regressions li { margin: 2px 0; }
"#;

/// Shows a point's, failure's or flag's `<title>` in a box beside the pointer (the browser's
/// own title tooltip shows too, but only after a delay).
const TOOLTIP_SCRIPT: &str = r#"
const tooltip = document.getElementById('tooltip');
for (const item of document.querySelectorAll('svg.chart .point, svg.chart .failed, svg.chart .regression, svg.chart .reference')) {
  const title = item.querySelector('title');
  item.addEventListener('mouseover', (event) => {
    tooltip.textContent = title.textContent;
    tooltip.style.left = (event.clientX + 12) + 'px';
    tooltip.style.top = (event.clientY + 12) + 'px';
    tooltip.style.display = 'block';
  });
  item.addEventListener('mouseout', () => { tooltip.style.display = 'none'; });
}
"#;

/// The head of a page titled `title`, and its navigation.
fn head(title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>\n<h1>{}</h1>\n<nav><a href=\"index.html\">latest results and graphs</a><a href=\"compare.html\">compare two commits</a></nav>\n",
        escape(title),
        escape(title)
    )
}

/// A short commit description: hash, date and message.
fn commit_line(results: &Results, index: usize) -> String {
    let commit = &results.commits[index];
    format!(
        "<code>{}</code> {} {}",
        commit.short(),
        moment_label(commit.time),
        escape(&commit.message)
    )
}

/// Which machine and workload the page shows.
fn provenance(results: &Results, other_groups: usize) -> String {
    let mut text = format!(
        "<p class=\"machine\">Machine {} ({}, {} cores, kernel {}); {}; {} commits.",
        escape(&results.machine.fingerprint),
        escape(&results.machine.cpu),
        results.machine.cores,
        escape(&results.machine.kernel),
        escape(&results.workload.describe()),
        results.commits.len()
    );
    if other_groups > 0 {
        let _ = write!(
            text,
            " The store holds {other_groups} other machine/workload combination(s), not shown: results are compared only within one."
        );
    }
    let versions: Vec<String> = results
        .implementations
        .iter()
        .filter_map(|imp| Some(format!("{imp}: {}", escape(results.version(imp)?))))
        .collect();
    let _ = writeln!(text, " Versions: {}.</p>", versions.join("; "));
    text
}

/// `index.html`.
pub fn index(results: &Results, other_groups: usize) -> String {
    let mut page = head("jitgen speed center");
    page += &provenance(results, other_groups);
    let latest = results.commits.len() - 1;
    let _ = writeln!(
        page,
        "<p>Latest commit: {}</p>",
        commit_line(results, latest)
    );
    page += "<p>Times are relative to CPython's (CPython = 1.0, dashed; PyPy dashed gold); lower is faster. Hover over a point for its commit. A red cross on the x axis is a failed run (not plotted); a red flag marks the first commit of a regression beyond the benchmark's noise.</p>\n";

    // Every graph first, so the regressions they flag can be listed above them.
    let mut sections = String::new();
    let mut regressions: Vec<Regression> = Vec::new();
    let shown: Vec<&(String, String)> = results
        .benchmarks
        .iter()
        .filter(|(benchmark, _)| {
            let ran = results.implementations_of(benchmark);
            clients(results).iter().any(|(imp, _)| ran.contains(imp))
        })
        .collect();
    for (benchmark, directory) in &shown {
        let _ = write!(
            sections,
            "<section class=\"benchmark\" id=\"b-{id}\" data-benchmark=\"{id}\"><h3>{id} <small>({})</small></h3><div class=\"charts\">",
            escape(directory),
            id = escape(benchmark)
        );
        for measure in measures(results, benchmark) {
            let (chart, found) = benchmark_chart(results, benchmark, measure);
            sections += &chart.render();
            regressions.extend(found);
        }
        sections += "</div></section>\n";
    }

    page += "<section id=\"summary\"><h2>Summary</h2><div class=\"charts\">";
    page += &summary_chart(results).render();
    page += "</div></section>\n";

    page += "<section id=\"regressions\"><h2>Regressions</h2>";
    if regressions.is_empty() {
        page += "<p>None detected.</p>";
    } else {
        page += "<ul class=\"regressions\">";
        for r in &regressions {
            let _ = write!(
                page,
                "<li class=\"regression-item\" data-benchmark=\"{b}\"><a href=\"#b-{b}\">{b}</a> under {}, {}: <span class=\"slower\">{:.2}x slower</span> (noise {:.1}%) from {}</li>",
                escape(&r.implementation),
                r.measure.title(),
                r.ratio,
                r.noise * 100.0,
                commit_line(results, r.commit),
                b = escape(&r.benchmark),
            );
        }
        page += "</ul>";
    }
    page += "</section>\n";

    page += &latest_table(results, latest, &regressions, &shown);
    page += "<section id=\"benchmarks\"><h2>Benchmarks</h2>\n";
    page += &sections;
    page += "</section>\n<div id=\"tooltip\"></div>\n<script>";
    page += TOOLTIP_SCRIPT;
    page += "</script></body></html>\n";
    page
}

/// The default view's table: each benchmark at the latest commit under each implementation,
/// in its main measure relative to CPython.
fn latest_table(
    results: &Results,
    latest: usize,
    regressions: &[Regression],
    shown: &[&(String, String)],
) -> String {
    let implementations: Vec<&String> = results.implementations.iter().collect();
    let mut table = String::from(
        "<section id=\"latest\"><h2>Latest commit, all benchmarks</h2><p>Time relative to CPython's at the latest commit (steady state, or the whole process for programs without iterations); lower is faster.</p><table><tr><th>benchmark</th>",
    );
    for imp in &implementations {
        let _ = write!(table, "<th>{}</th>", escape(imp));
    }
    table += "</tr>";
    for (benchmark, _) in shown {
        let measure = main_measure(results, benchmark);
        let relative = results.is_relative(benchmark, measure);
        let _ = write!(
            table,
            "<tr><td><a href=\"#b-{b}\">{b}</a></td>",
            b = escape(benchmark)
        );
        for imp in &implementations {
            let series = results.judged(benchmark, imp, measure);
            let flagged = regressions.iter().any(|r| {
                &r.benchmark == benchmark && &&r.implementation == imp && r.measure == measure
            });
            let cell = match series.at(latest) {
                Some(_) if relative && *imp == CPYTHON => ratio_label(1.0),
                Some(value) if relative => ratio_label(value),
                Some(value) => seconds(value),
                None => match series.failures.iter().find(|(c, _)| *c == latest) {
                    Some((_, reason)) => {
                        let _ = write!(
                            table,
                            "<td class=\"failed\" title=\"{}\">FAILED</td>",
                            escape(reason)
                        );
                        continue;
                    }
                    None => "-".to_string(),
                },
            };
            let class = if flagged && *imp != CPYTHON {
                " class=\"slower\" title=\"a regression was detected in its history\""
            } else {
                ""
            };
            let mark = if flagged { " &#9873;" } else { "" };
            let _ = write!(table, "<td{class}>{cell}{mark}</td>");
        }
        table += "</tr>";
    }
    table += "</table></section>\n";
    table
}

/// `compare.html`: two commit pickers (the previous and the latest commit at first) and a
/// table of each benchmark's time at the second over the first, filled in by the page's
/// script from the data embedded in it.
pub fn compare(results: &Results) -> String {
    let commits: Vec<serde_json::Value> = results
        .commits
        .iter()
        .map(|c| {
            json!({
                "hash": c.hash,
                "label": format!("{} {} {}", c.short(), moment_label(c.time), c.message.chars().take(70).collect::<String>()),
            })
        })
        .collect();
    let mut rows = Vec::new();
    for (benchmark, _) in &results.benchmarks {
        let mut benchmark_measures = vec![main_measure(results, benchmark)];
        if benchmark_measures[0] == Measure::Steady {
            benchmark_measures.push(Measure::First);
        }
        benchmark_measures.push(Measure::PeakRss);
        for measure in benchmark_measures {
            for imp in results.implementations_of(benchmark) {
                let series = results.judged(benchmark, &imp, measure);
                let relative = imp != CPYTHON && results.is_relative(benchmark, measure);
                let mut values = vec![serde_json::Value::Null; results.commits.len()];
                for (commit, value) in series.medians() {
                    values[commit] = json!(value);
                }
                for (commit, _) in &series.failures {
                    values[*commit] = json!("FAILED");
                }
                rows.push(json!({
                    "benchmark": benchmark,
                    "implementation": imp,
                    "measure": measure.title(),
                    "memory": measure == Measure::PeakRss,
                    "relative": relative,
                    "noise": series.noise() * std::f64::consts::SQRT_2,
                    "values": values,
                }));
            }
        }
    }
    let data = json!({ "commits": commits, "rows": rows });
    let mut page = head("jitgen speed center: compare two commits");
    page += &provenance(results, 0);
    page += r#"<p>Old <select id="old"></select></p><p>New <select id="new"></select></p>
<p>Times are relative to CPython's at the same commit (CPython's own in seconds), so drift of the machine between the two cancels. Ratio: the new commit's over the old one's; above 1.00x is slower. "same" when within 3 times the noise of that benchmark from commit to commit.</p>
<table id="comparison"><thead><tr><th>benchmark</th><th>implementation</th><th>measure</th><th>old</th><th>new</th><th>ratio</th><th>verdict</th></tr></thead><tbody></tbody></table>
<script>const DATA = "#;
    // `</` cannot end the script early inside a JSON string.
    page += &data.to_string().replace("</", "<\\/");
    page += r#";
const old_select = document.getElementById('old'), new_select = document.getElementById('new');
DATA.commits.forEach((c, i) => {
  for (const select of [old_select, new_select]) select.add(new Option(c.label, i));
});
old_select.value = Math.max(0, DATA.commits.length - 2);
new_select.value = DATA.commits.length - 1;
function shown(v, row) {
  if (v === null) return '-';
  if (v === 'FAILED') return 'FAILED';
  if (row.memory) return (v / 1048576).toFixed(1) + ' MiB';
  if (row.relative) return v.toPrecision(3) + 'x CPython';
  return v >= 1 ? v.toFixed(3) + ' s' : (v * 1000).toFixed(1) + ' ms';
}
function render() {
  const a = +old_select.value, b = +new_select.value;
  const body = document.querySelector('#comparison tbody');
  body.innerHTML = '';
  for (const row of DATA.rows) {
    const x = row.values[a], y = row.values[b];
    if (x === null && y === null) continue;
    const tr = body.insertRow();
    let ratio = '', verdict = '';
    if (typeof x === 'number' && typeof y === 'number') {
      const r = y / x;
      ratio = r.toFixed(2) + 'x';
      verdict = Math.abs(Math.log(r)) <= 3 * Math.log1p(row.noise) ? 'same' : (r > 1 ? 'slower' : 'faster');
    } else if (x === 'FAILED' || y === 'FAILED') {
      verdict = 'failed';
    }
    for (const text of [row.benchmark, row.implementation, row.measure, shown(x, row), shown(y, row), ratio, verdict]) {
      tr.insertCell().textContent = text;
    }
    tr.className = verdict;
    tr.cells[6].className = verdict;
  }
}
old_select.addEventListener('change', render);
new_select.addEventListener('change', render);
render();
</script></body></html>
"#;
    page
}
