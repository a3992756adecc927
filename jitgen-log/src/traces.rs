//! The compiled traces of a log as a tree: each loop or entry trace (`jit-log-opt-loop`,
//! `-entry`) with its ops, and under each guard the bridge traced from it
//! (`jit-log-opt-bridge`), with the counts of `jit-backend-counts` and the disassembly of
//! `jit-backend-dump` where the log has them. What `loops` prints and `html` shows.

use std::collections::BTreeMap;

use crate::counts::Counts;
use crate::model::{merge_point_of, trace_name, TraceKind};
use crate::parser::{all_sections, Section};
use crate::sources::Sources;

/// One operation of a compiled trace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Op {
    /// Its index in the trace (what `guard I of TRACE` counts).
    pub index: usize,
    /// Its text without the resume data: `i3 = int_add i1, 1`, `guard_true i9`.
    pub text: String,
    /// A guard's resume data (the interpreter's frames, registers, virtuals), as logged.
    pub resume: Option<String>,
    /// A guard's interpreter location: the jitcode positions of its frames, outermost first
    /// (`execute@139 > compare@1`).
    pub location: Option<String>,
    /// How often a guard failed (`jit-backend-counts`), if counted.
    pub failed: Option<u64>,
    /// For a `debug_merge_point`: where the interpreter was (the ops up to the next one are
    /// what it did from there).
    pub merge_point: Option<MergePoint>,
    /// The bridge traced from a guard.
    pub bridge: Option<Box<Trace>>,
}

impl Op {
    /// Whether it is a guard (which fails to the interpreter, or to its bridge).
    pub fn is_guard(&self) -> bool {
        self.resume.is_some()
    }
}

/// Where the interpreter was at a `debug_merge_point(DEPTH) LOCATION`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergePoint {
    /// How many inlined calls deep (0: the trace's own function).
    pub depth: u32,
    /// The interpreter location.
    pub location: String,
    /// The source line it points to, if the log has the source (`jit-log-source`).
    pub source: Option<String>,
}

/// The merge point an op's text is, if it is one (with its source line from `sources`).
fn merge_point(text: &str, sources: &Sources) -> Option<MergePoint> {
    let (depth, location) = merge_point_of(text)?;
    Some(MergePoint {
        depth,
        source: sources.line_of(location).map(str::to_string),
        location: location.to_string(),
    })
}

/// A compiled loop, entry trace or bridge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trace {
    /// Loop, entry trace or bridge.
    pub kind: TraceKind,
    /// Its name: the interpreter location of a loop or entry trace, `bridge from guard I of
    /// TRACE` for a bridge.
    pub name: String,
    /// Its header line (`loop NAME(inputs) ...`).
    pub header: String,
    /// Its operations after the optimizer.
    pub ops: Vec<Op>,
    /// How often it was entered from the interpreter (loops and entry traces), if counted.
    pub entered: Option<u64>,
    /// How often its machine code ran (a loop's iterations, a bridge's entries), if counted.
    pub ran: Option<u64>,
    /// Its machine code, one instruction a line, if the log has it.
    pub disassembly: Option<Vec<String>>,
}

impl Trace {
    /// Its ops that run (not its `debug_merge_point`s).
    pub fn running_ops(&self) -> impl Iterator<Item = &Op> + '_ {
        self.ops.iter().filter(|op| op.merge_point.is_none())
    }

    /// Its bridges, however deep, in op order.
    pub fn bridges(&self) -> impl Iterator<Item = &Trace> + '_ {
        self.ops
            .iter()
            .filter_map(|op| op.bridge.as_deref())
            .flat_map(|b| std::iter::once(b).chain(b.bridges().collect::<Vec<_>>()))
    }

    /// The failures of its guards (counted ones), its bridges' included.
    pub fn guard_failures(&self) -> u64 {
        self.ops
            .iter()
            .map(|op| op.failed.unwrap_or(0) + op.bridge.as_ref().map_or(0, |b| b.guard_failures()))
            .sum()
    }
}

/// The trace, the guard and its parent that a bridge's name `bridge from guard I of TRACE`
/// names.
fn bridge_origin(name: &str) -> Option<(usize, &str)> {
    let rest = name.strip_prefix("bridge from guard ")?;
    let (guard, parent) = rest.split_once(" of ")?;
    Some((guard.parse().ok()?, parent))
}

/// Splits an op line into its text and its resume data (a guard's: `guard_true i9 [...]`);
/// `[same]` stands for the resume data of the guard before, `previous`.
fn split_resume(line: &str, previous: &mut Option<String>) -> (String, Option<String>) {
    let line = line.trim();
    let Some(at) = line.find(" [").filter(|_| line.ends_with(']')) else {
        return (line.to_string(), None);
    };
    let resume = match &line[at + 2..line.len() - 1] {
        "same" => previous.clone().unwrap_or_default(),
        resume => resume.to_string(),
    };
    *previous = Some(resume.clone());
    (line[..at].to_string(), Some(resume))
}

/// The jitcode positions (`function@pc`) of the frames of a guard's resume data, outermost
/// first, joined with ` > `.
fn frames_of(resume: &str) -> Option<String> {
    let frames: Vec<&str> = resume
        .split("; ")
        .filter_map(|part| part.split_whitespace().next())
        .filter(|word| word.contains('@'))
        .collect();
    (!frames.is_empty()).then(|| frames.join(" > "))
}

/// The trace a `jit-log-opt-*` section shows; `counts` fill in its counts, `sources` the
/// source lines of its merge points.
fn trace_of(section: &Section, kind: TraceKind, counts: &Counts, sources: &Sources) -> Trace {
    let header = section.body.first().cloned().unwrap_or_default();
    let name = trace_name(&header).to_string();
    let mut previous = None;
    let ops = section
        .body
        .iter()
        .skip(1)
        .filter(|l| l.starts_with("  "))
        .enumerate()
        .map(|(index, line)| {
            let (text, resume) = split_resume(line, &mut previous);
            let failed = resume.as_ref().and_then(|_| {
                counts
                    .failed
                    .get(&format!("guard {index} of {name}"))
                    .copied()
            });
            Op {
                index,
                merge_point: merge_point(&text, sources),
                text,
                location: resume.as_deref().and_then(frames_of),
                resume,
                failed,
                bridge: None,
            }
        })
        .collect();
    Trace {
        kind,
        entered: counts.entries(&name),
        ran: counts.runs(&name),
        name,
        header,
        ops,
        disassembly: None,
    }
}

/// The name of the trace a `jit-backend-dump` head line (`loop NAME at ADDR, N bytes`,
/// `bridge N (NAME) at ADDR, N bytes`) is of.
fn dumped_name(head: &str) -> Option<&str> {
    let (what, _) = head.rsplit_once(" at ")?;
    if let Some(name) = what.strip_prefix("loop ") {
        return Some(name);
    }
    let (_, name) = what.strip_prefix("bridge ")?.split_once(" (")?;
    name.strip_suffix(')')
}

/// Hangs `bridge` under its guard in `traces` (found by name, however deep); gives it back
/// if its guard is not there.
fn attach(traces: &mut [Trace], bridge: Trace) -> Result<(), Trace> {
    let Some((guard, parent)) = bridge_origin(&bridge.name) else {
        return Err(bridge);
    };
    let parent = parent.to_string();
    let mut bridge = bridge;
    for trace in traces.iter_mut() {
        if trace.name == parent {
            match trace.ops.get_mut(guard) {
                Some(op) if op.bridge.is_none() => {
                    op.bridge = Some(Box::new(bridge));
                    return Ok(());
                }
                _ => return Err(bridge),
            }
        }
        for op in trace.ops.iter_mut() {
            if let Some(child) = op.bridge.as_deref_mut() {
                match attach(std::slice::from_mut(child), bridge) {
                    Ok(()) => return Ok(()),
                    Err(back) => bridge = back,
                }
            }
        }
    }
    Err(bridge)
}

/// The compiled traces of `sections` as a tree: loops and entry traces in the order they
/// were compiled, each bridge under the guard it leaves from. A bridge whose trace is not in
/// the log (filtered out) is listed at the top level.
pub fn tree(sections: &[Section]) -> Vec<Trace> {
    let counts = Counts::new(sections);
    let sources = Sources::new(sections);
    let mut dumps: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut traces: Vec<Trace> = Vec::new();
    let mut orphans = Vec::new();
    for section in all_sections(sections) {
        let kind = match section.category.as_str() {
            "jit-log-opt-loop" => TraceKind::Loop,
            "jit-log-opt-entry" => TraceKind::Entry,
            "jit-log-opt-bridge" => TraceKind::Bridge,
            "jit-backend-dump" => {
                let head = section.body.first().map_or("", String::as_str);
                if let Some(name) = dumped_name(head) {
                    dumps.insert(name.to_string(), section.body.clone());
                }
                continue;
            }
            _ => continue,
        };
        let trace = trace_of(section, kind, &counts, &sources);
        match kind {
            TraceKind::Bridge => {
                if let Err(bridge) = attach(&mut traces, trace) {
                    orphans.push(bridge);
                }
            }
            _ => traces.push(trace),
        }
    }
    traces.extend(orphans);
    for trace in &mut traces {
        add_dumps(trace, &dumps);
    }
    traces
}

/// Gives `trace` and its bridges their disassembly from `dumps`.
fn add_dumps(trace: &mut Trace, dumps: &BTreeMap<String, Vec<String>>) {
    trace.disassembly = dumps.get(&trace.name).cloned();
    for op in &mut trace.ops {
        if let Some(bridge) = op.bridge.as_deref_mut() {
            add_dumps(bridge, dumps);
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::parser::parse;

    /// A loop with a bridge from its guard 1, and that bridge's own bridge, with counts
    /// and the loop's disassembly.
    pub(crate) const LOG: &str = "\
[0] {jit-log-opt-loop
loop main:4(r0, i1)
  i2 = int_add i1, 1
  guard_true i2 [execute@7 i0=1; compare@2 r0=r0; vable<Frame> r0 sp=1 slots=[r0]]
  jump r0, i2
[1] jit-log-opt-loop}
[2] {jit-backend
[3] {jit-backend-dump
loop main:4 at 0x1000, 2 bytes
  0000000000001000 90                       nop
  0000000000001001 c3                       ret
[4] jit-backend-dump}
[5] jit-backend}
[6] {jit-log-opt-bridge
loop bridge from guard 1 of main:4(i0)
  guard_false i0 [execute@9 i0=2]
  guard_true i0 [same]
  jump i0
[7] jit-log-opt-bridge}
[8] {jit-log-opt-bridge
loop bridge from guard 0 of bridge from guard 1 of main:4(i0)
  jump i0
[9] jit-log-opt-bridge}
[a] {jit-backend-counts
loop main:4 entered 12
loop main:4 ran 1200
bridge from guard 1 of main:4 ran 33
guard 1 of main:4 failed 40
guard 0 of bridge from guard 1 of main:4 failed 5
[b] jit-backend-counts}
";

    #[test]
    fn bridges_hang_under_their_guards_with_counts_and_disassembly() {
        let traces = tree(&parse(LOG).expect("parses"));
        assert_eq!(traces.len(), 1);
        let main = &traces[0];
        assert_eq!((main.kind, main.name.as_str()), (TraceKind::Loop, "main:4"));
        assert_eq!(main.entered, Some(12));
        assert_eq!(main.ran, Some(1200));
        assert_eq!(main.ops.len(), 3);
        let guard = &main.ops[1];
        assert_eq!(guard.text, "guard_true i2");
        assert_eq!(guard.location.as_deref(), Some("execute@7 > compare@2"));
        assert_eq!(guard.failed, Some(40));
        assert!(guard.is_guard() && !main.ops[0].is_guard());
        let bridge = guard.bridge.as_deref().expect("a bridge");
        assert_eq!(bridge.name, "bridge from guard 1 of main:4");
        assert_eq!(bridge.ran, Some(33));
        assert_eq!(bridge.ops[0].failed, Some(5));
        assert_eq!(bridge.ops[1].location.as_deref(), Some("execute@9"));
        let inner = bridge.ops[0]
            .bridge
            .as_deref()
            .expect("a bridge of the bridge");
        assert_eq!(inner.ops[0].text, "jump i0");
        assert_eq!(main.bridges().count(), 2);
        assert_eq!(main.guard_failures(), 45);
        let dump = main.disassembly.as_ref().expect("dumped");
        assert_eq!(dump[0], "loop main:4 at 0x1000, 2 bytes");
        assert_eq!(dump.len(), 3);
        assert_eq!(bridge.disassembly, None);
    }

    /// A loop whose ops come from two interpreter locations, one in an inlined call, with
    /// the program's source.
    pub(crate) const MARKED_LOG: &str = "\
[0] {jit-log-source
file: /tmp/p/main.toy
  let i = 0;
  while i < 9 {
    i = step(i);
[1] jit-log-source}
[2] {jit-log-opt-loop
loop main:4 Lt (line 2:9)(i0)
  debug_merge_point(0) main:4 Lt (line 2:9)
  i1 = int_lt i0, 9
  guard_true i1 [execute@7 i0=1]
  debug_merge_point(1) step:0 LoadLocal (line 7:3)
  i2 = int_add i0, 1
  jump i2
[3] jit-log-opt-loop}
[4] {jit-backend-counts
guard 2 of main:4 Lt (line 2:9) failed 3
[5] jit-backend-counts}
";

    #[test]
    fn merge_points_head_the_ops_after_them_with_their_source_lines() {
        let traces = tree(&parse(MARKED_LOG).expect("parses"));
        let main = &traces[0];
        assert_eq!(main.name, "main:4 Lt (line 2:9)");
        assert_eq!(
            main.ops[0].merge_point,
            Some(MergePoint {
                depth: 0,
                location: "main:4 Lt (line 2:9)".into(),
                source: Some("while i < 9 {".into()),
            })
        );
        let inlined = main.ops[3].merge_point.as_ref().expect("a merge point");
        assert_eq!((inlined.depth, inlined.source.as_deref()), (1, None));
        assert_eq!(main.running_ops().count(), 4);
        assert_eq!(main.ops[2].failed, Some(3), "guards keep their indices");
    }

    #[test]
    fn a_bridge_whose_loop_is_missing_stands_alone() {
        let text = "[0] {jit-log-opt-bridge\nloop bridge from guard 3 of f:1(i0)\n  jump i0\n[1] jit-log-opt-bridge}\n";
        let traces = tree(&parse(text).expect("parses"));
        assert_eq!(traces.len(), 1);
        assert_eq!(traces[0].kind, TraceKind::Bridge);
        assert_eq!(traces[0].entered, None);
    }

    #[test]
    fn dump_heads_name_their_traces() {
        assert_eq!(
            dumped_name("loop work:4 at 0x7f00, 12 bytes"),
            Some("work:4")
        );
        assert_eq!(
            dumped_name("bridge 0 (bridge from guard 33 of work:4) at 0x7f00, 658 bytes"),
            Some("bridge from guard 33 of work:4")
        );
        assert_eq!(dumped_name("something"), None);
    }
}
