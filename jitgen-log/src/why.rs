//! `jitgen-log why LOG LOCATION`: what the JIT did at an interpreter location — traced it (as a
//! loop or from a function's entry), compiled it, abandoned the trace and why, gave it bridges,
//! saw its guards fail — or never got there.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::model::{root_location, Attempt, Model, TraceKind};
use crate::summary::{counted, ms};

/// Whether the location `location` answers the question `query`: the location itself, its
/// first word (`main:12` for `main:12 Add (line 3:5)`) or, for a query without `:`, any
/// location in that function (`main` for `main:12`).
fn answers(query: &str, location: &str) -> bool {
    let rest = location.strip_prefix(query);
    location == query
        || rest.is_some_and(|rest| rest.starts_with(' '))
        || (!query.contains(':') && rest.is_some_and(|rest| rest.starts_with(':')))
}

/// `once`, or `N times`.
fn times(count: usize) -> String {
    match count {
        1 => "once".to_string(),
        _ => format!("{count} times"),
    }
}

/// How a set of attempts ended: `N compiled, M aborted (reason: k, ...)`.
fn outcomes(attempts: &[&Attempt]) -> String {
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    for reason in attempts.iter().filter_map(|a| a.abort.as_deref()) {
        *reasons.entry(reason).or_default() += 1;
    }
    let aborted: usize = reasons.values().sum();
    let mut text = format!("{} completed", attempts.len() - aborted);
    if aborted > 0 {
        let why: Vec<String> = reasons.iter().map(|(r, n)| format!("{r}: {n}")).collect();
        let _ = write!(text, ", {aborted} aborted ({})", why.join(", "));
    }
    text
}

/// The explanation for `query` (a location, or a function name).
pub fn explain(model: &Model, query: &str) -> String {
    let mut locations: Vec<&str> = model
        .attempts
        .iter()
        .map(|a| root_location(&a.name))
        .chain(model.compiled.iter().map(|c| root_location(&c.name)))
        .filter(|l| answers(query, l))
        .collect();
    locations.sort();
    locations.dedup();
    if locations.is_empty() {
        return never_seen(model, query);
    }
    let mut out = String::new();
    for location in locations {
        explain_location(model, location, &mut out);
    }
    out
}

/// What happened at one location that the log names.
fn explain_location(model: &Model, location: &str, out: &mut String) {
    let _ = writeln!(out, "{location}:");
    let attempts: Vec<&Attempt> = model
        .attempts
        .iter()
        .filter(|a| root_location(&a.name) == location)
        .collect();
    for kind in [TraceKind::Loop, TraceKind::Entry, TraceKind::Bridge] {
        let of_kind: Vec<&Attempt> = attempts
            .iter()
            .copied()
            .filter(|a| a.kind == kind)
            .collect();
        if of_kind.is_empty() {
            continue;
        }
        let starts: Vec<String> = of_kind.iter().map(|a| ms(a.start)).collect();
        let _ = writeln!(
            out,
            "  {}: traced {} (at {} ms): {}",
            kind.noun(),
            times(of_kind.len()),
            starts.join(", "),
            outcomes(&of_kind)
        );
    }
    let compiled: Vec<_> = model.compiled_from(location).collect();
    if compiled.is_empty() {
        let _ = writeln!(out, "  never compiled");
    }
    for trace in compiled {
        let _ = writeln!(
            out,
            "  compiled: {} `{}`, {}, {}",
            trace.kind.noun(),
            trace.name,
            counted(trace.ops, "op"),
            counted(trace.guards, "guard")
        );
    }
    let failures: Vec<&(String, u64)> = model
        .guard_failures
        .iter()
        .filter(|(guard, _)| root_location(guard) == location)
        .collect();
    if !failures.is_empty() {
        let total: u64 = failures.iter().map(|(_, n)| n).sum();
        let (guard, most) = failures[0];
        let _ = writeln!(
            out,
            "  guards failed {} (resumed in the blackhole interpreter), most often {guard}: {most}",
            times(total as usize)
        );
    }
}

/// The answer for a location the log never names.
fn never_seen(model: &Model, query: &str) -> String {
    if !model.times.contains_key("jit-tracing") {
        return format!(
            "{query}: this log has no jit-tracing sections; record one with JITGEN_LOG=jit:FILE\n"
        );
    }
    let mut out = format!(
        "{query}: never traced: it never got hot (a loop header or function entry is traced once it has run `threshold` times), or it is neither\n"
    );
    let function = query.split_once(':').map_or(query, |(f, _)| f);
    let mut nearby: Vec<&str> = model
        .attempts
        .iter()
        .map(|a| root_location(&a.name))
        .filter(|l| answers(function, l))
        .collect();
    nearby.sort();
    nearby.dedup();
    if !nearby.is_empty() {
        let _ = writeln!(out, "  traced in {function}: {}", nearby.join(", "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::parse;
    use crate::sample::SAMPLE_LOG as LOG;

    fn why(query: &str) -> String {
        explain(&Model::new(&parse(LOG).expect("parses")), query)
    }

    #[test]
    fn explains_a_compiled_loop_with_failing_guards() {
        assert_eq!(
            why("main:4"),
            "main:4:\n  loop: traced once (at 0.000 ms): 1 completed\n  compiled: loop `main:4`, 2 ops, 1 guard\n  guards failed once (resumed in the blackhole interpreter), most often guard 0 of main:4: 1\n"
        );
    }

    #[test]
    fn explains_an_abort() {
        assert_eq!(
            why("main:9"),
            "main:9:\n  loop: traced once (at 3.000 ms): 0 completed, 1 aborted (trace too long: 1)\n  never compiled\n"
        );
    }

    #[test]
    fn a_function_name_covers_its_locations() {
        let text = why("main");
        assert!(
            text.starts_with("main:4:\n") && text.contains("\nmain:9:\n"),
            "{text}"
        );
    }

    #[test]
    fn explains_a_location_never_hot() {
        assert_eq!(
            why("main:7"),
            "main:7: never traced: it never got hot (a loop header or function entry is traced once it has run `threshold` times), or it is neither\n  traced in main: main:4, main:9\n"
        );
        assert!(why("main:4x").starts_with("main:4x: never traced"));
    }
}
