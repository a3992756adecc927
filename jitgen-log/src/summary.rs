//! `jitgen-log summary`: a readable report of a log — where the time went, what was compiled,
//! which guards fail, which traces aborted and where.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::model::{root_location, Model, TraceKind};

/// How many failing guards and loops the report lists.
const TOP: usize = 10;

/// Nanoseconds as milliseconds, three decimals.
pub fn ms(ns: u64) -> String {
    format!("{:.3}", ns as f64 / 1e6)
}

/// `part` as a percentage of `whole`, one decimal.
fn percent(part: u64, whole: u64) -> String {
    match whole {
        0 => "-".to_string(),
        _ => format!("{:.1}%", part as f64 * 100.0 / whole as f64),
    }
}

/// `count` and `noun`, plural when `count` is not one.
pub fn counted(count: usize, noun: &str) -> String {
    match count {
        1 => format!("1 {noun}"),
        _ => format!("{count} {noun}s"),
    }
}

/// The report.
pub fn report(model: &Model) -> String {
    let mut out = String::new();
    times(model, &mut out);
    compiled(model, &mut out);
    failing_guards(model, &mut out);
    aborts(model, &mut out);
    gc(model, &mut out);
    out
}

/// Time per category: sections, inclusive and exclusive time.
fn times(model: &Model, out: &mut String) {
    let _ = writeln!(out, "Time: {} ms logged", ms(model.span));
    let _ = writeln!(
        out,
        "  {:<38} {:>8} {:>12} {:>12} {:>7}",
        "category", "sections", "total ms", "own ms", "own"
    );
    for (category, time) in &model.times {
        let _ = writeln!(
            out,
            "  {:<38} {:>8} {:>12} {:>12} {:>7}",
            category,
            time.count,
            ms(time.inclusive),
            ms(time.exclusive),
            percent(time.exclusive, model.span)
        );
    }
    let _ = writeln!(
        out,
        "  {:<38} {:>8} {:>12} {:>12} {:>7}",
        "(outside: interpreter, compiled code)",
        "",
        "",
        ms(model.outside),
        percent(model.outside, model.span)
    );
}

/// The compiled loops and entry traces, with their bridges and guard failures.
fn compiled(model: &Model, out: &mut String) {
    let count = |kind| model.compiled.iter().filter(|c| c.kind == kind).count();
    let _ = writeln!(
        out,
        "\nCompiled: {}, {}, {}",
        counted(count(TraceKind::Loop), "loop"),
        counted(count(TraceKind::Entry), "entry trace"),
        counted(count(TraceKind::Bridge), "bridge")
    );
    let mut failures: BTreeMap<&str, u64> = BTreeMap::new();
    for (guard, n) in &model.guard_failures {
        *failures.entry(root_location(guard)).or_default() += n;
    }
    // Most entered first where the log counted entries, then most guard failures.
    let mut roots: Vec<_> = model
        .compiled
        .iter()
        .filter(|c| c.kind != TraceKind::Bridge)
        .map(|c| {
            let failed = failures.get(c.name.as_str()).copied().unwrap_or(0);
            (model.counts.entries(&c.name), failed, c)
        })
        .collect();
    roots.sort_by(|a, b| {
        (b.0, b.1)
            .cmp(&(a.0, a.1))
            .then_with(|| a.2.name.cmp(&b.2.name))
    });
    if roots.is_empty() {
        return;
    }
    let _ = match model.counts.is_empty() {
        true => writeln!(
            out,
            "Loops and entry traces, most guard failures first (execution counts need jit-backend-counts):"
        ),
        false => writeln!(out, "Loops and entry traces, most entered first:"),
    };
    for (entered, failed, root) in roots.iter().take(TOP) {
        let bridges = model
            .compiled_from(&root.name)
            .filter(|c| c.kind == TraceKind::Bridge)
            .count();
        let entered = entered.map_or(String::new(), |n| format!("entered {n}, "));
        let _ = writeln!(
            out,
            "  {:<24} {}, {entered}{}, {}, {}, {}",
            root.name,
            root.kind.noun(),
            counted(root.ops, "op"),
            counted(root.guards, "guard"),
            counted(bridges, "bridge"),
            counted(*failed as usize, "guard failure")
        );
    }
}

/// The guards resumed in the blackhole interpreter most often, with the interpreter
/// location each is at when the log shows it.
fn failing_guards(model: &Model, out: &mut String) {
    let total: u64 = model.guard_failures.iter().map(|(_, n)| n).sum();
    let _ = writeln!(out, "\nGuard failures: {total}");
    for (guard, n) in model.guard_failures.iter().take(TOP) {
        let _ = write!(out, "  {n:>8}  {guard}");
        if let Some(location) = model.guard_location(guard) {
            let _ = write!(out, "  at {location}");
        }
        out.push('\n');
    }
}

/// Aborted traces by reason, with where.
fn aborts(model: &Model, out: &mut String) {
    let _ = writeln!(out, "\nAborts: {}", model.aborts.len());
    let mut by_reason: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for abort in &model.aborts {
        *by_reason
            .entry(&abort.reason)
            .or_default()
            .entry(&abort.at)
            .or_default() += 1;
    }
    for (reason, places) in by_reason {
        let _ = writeln!(out, "  {}: {}", reason, places.values().sum::<usize>());
        for (at, n) in places {
            let _ = writeln!(out, "    {n:>6}  at {at}");
        }
        // What these aborts blamed (a function no longer inlined), most blamed first.
        let mut blamed: BTreeMap<&str, usize> = BTreeMap::new();
        for abort in model.aborts.iter().filter(|a| a.reason == reason) {
            if let Some(what) = abort.blamed.as_deref() {
                *blamed.entry(what).or_default() += 1;
            }
        }
        let mut blamed: Vec<(&str, usize)> = blamed.into_iter().collect();
        blamed.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
        for (what, n) in blamed.into_iter().take(TOP) {
            let _ = writeln!(out, "    {n:>6}  blaming {what}");
        }
    }
}

/// Collections and their pauses.
fn gc(model: &Model, out: &mut String) {
    let total: u64 = model.collections.iter().sum();
    let longest = model.collections.iter().max().copied().unwrap_or(0);
    let _ = writeln!(
        out,
        "\nGC: {}, {} ms in all, longest {} ms",
        counted(model.collections.len(), "collection"),
        ms(total),
        ms(longest)
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::parse;
    use crate::sample::SAMPLE_LOG;

    #[test]
    fn reports_times_loops_guards_aborts_and_gc() {
        let text = format!("{SAMPLE_LOG}[3d0900] {{gc-collect\n[4c4b40] gc-collect}}\n");
        let report = report(&Model::new(&parse(&text).expect("parses")));
        insta::assert_snapshot!(report);
    }
}
