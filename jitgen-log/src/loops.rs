//! `jitgen-log loops`: each compiled loop and entry trace, most entered first, with its ops,
//! guard failures and machine code, and under each guard the bridge traced from it.

use std::fmt::Write as _;

use crate::summary::counted;
use crate::traces::{Op, Trace};

/// The traces, most entered first (the log's order among equals).
pub fn by_entries(traces: &[Trace]) -> Vec<&Trace> {
    let mut sorted: Vec<&Trace> = traces.iter().collect();
    sorted.sort_by_key(|t| std::cmp::Reverse(t.entered.unwrap_or(0)));
    sorted
}

/// One line about `trace`: what it is, how often it ran, its size, its bridges.
pub fn describe(trace: &Trace) -> String {
    let guards = trace.running_ops().filter(|op| op.is_guard()).count();
    let mut parts = vec![trace.kind.noun().to_string()];
    if let Some(n) = trace.entered {
        parts.push(format!("entered {n}"));
    }
    if let Some(n) = trace.ran {
        parts.push(format!("ran {n}"));
    }
    parts.push(counted(trace.running_ops().count(), "op"));
    parts.push(counted(guards, "guard"));
    let bridges = trace.ops.iter().filter(|op| op.bridge.is_some()).count();
    if bridges > 0 {
        parts.push(counted(bridges, "bridge"));
    }
    parts.push(counted(trace.guard_failures() as usize, "guard failure"));
    format!("{}: {}", trace.name, parts.join(", "))
}

/// The report: every trace of `traces`, most entered first.
pub fn report(traces: &[Trace]) -> String {
    let mut out = String::new();
    if traces.is_empty() {
        out.push_str("No compiled traces in the log (it needs jit-log-opt-*).\n");
    }
    for trace in by_entries(traces) {
        write_trace(trace, 0, &mut out);
        out.push('\n');
    }
    out
}

/// `trace` indented by `depth` levels, its bridges below their guards.
fn write_trace(trace: &Trace, depth: usize, out: &mut String) {
    let pad = "    ".repeat(depth);
    let _ = writeln!(out, "{pad}{}", describe(trace));
    let _ = writeln!(out, "{pad}  {}", trace.header);
    for op in &trace.ops {
        write_op(op, &pad, out);
        if let Some(bridge) = &op.bridge {
            write_trace(bridge, depth + 1, out);
        }
    }
    match &trace.disassembly {
        Some(lines) => {
            let _ = writeln!(out, "{pad}  machine code: {}", lines[0]);
            for line in &lines[1..] {
                let _ = writeln!(out, "{pad}  {line}");
            }
        }
        None => {
            let _ = writeln!(out, "{pad}  (no machine code in the log: jit-backend-dump)");
        }
    }
}

/// One op: its index, text, and for a guard its failures and interpreter location; a
/// `debug_merge_point` as a heading of the ops after it: the interpreter location (indented
/// by its inlining depth) and the source line.
fn write_op(op: &Op, pad: &str, out: &mut String) {
    if let Some(at) = &op.merge_point {
        let indent = "  ".repeat(at.depth as usize);
        let _ = write!(out, "{pad}        {indent}# {}", at.location);
        if let Some(source) = &at.source {
            let _ = write!(out, ": {source}");
        }
        out.push('\n');
        return;
    }
    let _ = write!(out, "{pad}  {:>4}  {}", op.index, op.text);
    if let Some(n) = op.failed {
        let _ = write!(out, "  [failed {n}]");
    }
    if let Some(location) = &op.location {
        let _ = write!(out, "  at {location}");
    }
    if op.bridge.is_some() {
        let _ = write!(out, "  -> bridge:");
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::parse;
    use crate::traces::{tests::LOG, tests::MARKED_LOG, tree};

    #[test]
    fn lists_loops_with_ops_counts_bridges_and_machine_code() {
        let text = report(&tree(&parse(LOG).expect("parses")));
        insta::assert_snapshot!(text);
    }

    #[test]
    fn merge_points_head_their_ops_with_location_and_source_line() {
        let text = report(&tree(&parse(MARKED_LOG).expect("parses")));
        assert!(
            text.starts_with("main:4 Lt (line 2:9): loop, 4 ops, 1 guard, 3 guard failures\n"),
            "{text}"
        );
        assert!(
            text.contains(
                "\n        # main:4 Lt (line 2:9): while i < 9 {\n     1  i1 = int_lt i0, 9\n"
            ),
            "{text}"
        );
        assert!(
            text.contains("\n          # step:0 LoadLocal (line 7:3)\n"),
            "{text}"
        );
    }

    #[test]
    fn most_entered_first() {
        let log = "[0] {jit-log-opt-loop\nloop a:1(i0)\n  jump i0\n[1] jit-log-opt-loop}\n\
                   [2] {jit-log-opt-loop\nloop b:2(i0)\n  jump i0\n[3] jit-log-opt-loop}\n\
                   [4] {jit-backend-counts\nloop a:1 entered 3\nloop b:2 entered 9\n[5] jit-backend-counts}\n";
        let traces = tree(&parse(log).expect("parses"));
        let names: Vec<&str> = by_entries(&traces)
            .iter()
            .map(|t| t.name.as_str())
            .collect();
        assert_eq!(names, ["b:2", "a:1"]);
        assert_eq!(
            report(&[]),
            "No compiled traces in the log (it needs jit-log-opt-*).\n"
        );
    }
}
