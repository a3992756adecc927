//! What a log says happened: traces begun, aborted and compiled, guard failures, collections,
//! and the time spent in each category, read from the sections the framework writes.

use std::collections::BTreeMap;

use crate::counts::Counts;
use crate::parser::{all_sections, Section};

/// What a trace is of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TraceKind {
    /// A loop, from its header.
    Loop,
    /// A function, from its entry.
    Entry,
    /// A bridge, from a guard that failed often.
    Bridge,
}

impl TraceKind {
    /// Its name in reports.
    pub fn noun(self) -> &'static str {
        match self {
            TraceKind::Loop => "loop",
            TraceKind::Entry => "entry trace",
            TraceKind::Bridge => "bridge",
        }
    }
}

/// A trace's name: the interpreter location of a loop or entry, `bridge from guard N of NAME`
/// for a bridge.
pub type TraceName = String;

/// The interpreter location a trace hangs from: its own for a loop or entry trace, the
/// loop's (or entry's) for a bridge, however deep.
pub fn root_location(name: &str) -> &str {
    name.rsplit(" of ").next().unwrap_or(name)
}

/// The name in a trace's header line, `loop NAME(INPUTS)[ entered when ...]` (a name may
/// hold parentheses itself, `f:3 Add (line 2:5)`: the inputs are the last group).
pub fn trace_name(header: &str) -> &str {
    let rest = header.strip_prefix("loop ").unwrap_or(header);
    let rest = rest.split(" entered when ").next().unwrap_or(rest);
    match rest.strip_suffix(')').and_then(|r| r.rfind('(')) {
        Some(open) => &rest[..open],
        None => rest,
    }
}

/// The inlining depth and interpreter location of an op's text that is a
/// `debug_merge_point(DEPTH) LOCATION` (where the interpreter was; not an op that runs).
pub fn merge_point_of(op: &str) -> Option<(u32, &str)> {
    let rest = op.trim_start().strip_prefix("debug_merge_point(")?;
    let (depth, location) = rest.split_once(')')?;
    Some((depth.parse().ok()?, location.trim()))
}

/// Whether an op's text is a `debug_merge_point`.
pub fn is_merge_point(op: &str) -> bool {
    merge_point_of(op).is_some()
}

/// One `jit-tracing` section: an attempt to trace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attempt {
    /// A loop, entry trace or bridge.
    pub kind: TraceKind,
    /// The trace's name.
    pub name: TraceName,
    /// When it began (ns).
    pub start: u64,
    /// Why it was abandoned, if it was (its `jit-abort` child).
    pub abort: Option<String>,
}

/// One `jit-abort` section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Abort {
    /// Why the trace was abandoned (`trace too long`, ...).
    pub reason: String,
    /// The name of the trace abandoned.
    pub at: TraceName,
    /// What it blamed, when the log says: `the call at LOCATION ...` (a trace too long).
    pub blamed: Option<String>,
}

/// One compiled trace (`jit-log-opt-loop`, `-bridge`, `-entry`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Compiled {
    /// A loop, entry trace or bridge.
    pub kind: TraceKind,
    /// The trace's name.
    pub name: TraceName,
    /// Its operations after the optimizer.
    pub ops: usize,
    /// The guards among them.
    pub guards: usize,
    /// Each guard's (or exit's) index among the trace's ops, with the interpreter location
    /// it is at (its last `debug_merge_point`'s), if the trace has merge points.
    pub guard_locations: Vec<(usize, String)>,
}

/// The time of one category.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CategoryTime {
    /// How many sections.
    pub count: usize,
    /// Their time, children included (a section inside one of the same category counts
    /// once, with its parent).
    pub inclusive: u64,
    /// Their time less their children's.
    pub exclusive: u64,
}

/// Everything the reports read from a log.
#[derive(Debug, Default)]
pub struct Model {
    /// Every `jit-tracing` section, in order.
    pub attempts: Vec<Attempt>,
    /// Every `jit-abort` section, in order.
    pub aborts: Vec<Abort>,
    /// Every compiled trace, in order.
    pub compiled: Vec<Compiled>,
    /// Resumes in the blackhole interpreter per guard (`guard N of NAME`), most first.
    pub guard_failures: Vec<(String, u64)>,
    /// The `gc-collect` sections' durations (ns), in order.
    pub collections: Vec<u64>,
    /// Per category.
    pub times: BTreeMap<String, CategoryTime>,
    /// The end of the last section (ns since the log was opened).
    pub span: u64,
    /// The time in no section: interpreting and running compiled code.
    pub outside: u64,
    /// Entries and guard failures counted by the framework (`jit-backend-counts`).
    pub counts: Counts,
}

/// The first body line of `section`, if any.
fn head(section: &Section) -> &str {
    section.body.first().map_or("", String::as_str)
}

/// The value of the body line `key: value` of `section`.
fn field<'a>(section: &'a Section, key: &str) -> Option<&'a str> {
    section
        .body
        .iter()
        .find_map(|line| line.strip_prefix(key)?.strip_prefix(": "))
}

/// The kind and name of the trace a `jit-tracing` section's head line names.
fn traced(head: &str) -> Option<(TraceKind, TraceName)> {
    if let Some(at) = head.strip_prefix("loop at ") {
        return Some((TraceKind::Loop, at.to_string()));
    }
    if let Some(at) = head.strip_prefix("entry at ") {
        return Some((TraceKind::Entry, at.to_string()));
    }
    head.starts_with("bridge ")
        .then(|| (TraceKind::Bridge, head.to_string()))
}

/// The compiled trace a `jit-log-opt-*` section shows: its name is in its header line,
/// `loop NAME(inputs) ...`; ops are the indented lines.
fn compiled(section: &Section, kind: TraceKind) -> Compiled {
    let name = trace_name(head(section));
    let all: Vec<&str> = section.body[1..]
        .iter()
        .filter(|l| l.starts_with("  "))
        .map(|l| l.trim_start())
        .collect();
    let is_guard = |op: &str| op.starts_with("guard_");
    let mut guard_locations = Vec::new();
    let mut at = None;
    for (index, op) in all.iter().enumerate() {
        if let Some((_, location)) = merge_point_of(op) {
            at = Some(location);
        } else if let (true, Some(location)) = (op.ends_with(']'), at) {
            // A guard or an exit: an op with resume data.
            guard_locations.push((index, location.to_string()));
        }
    }
    let ops: Vec<&str> = all.into_iter().filter(|op| !is_merge_point(op)).collect();
    Compiled {
        kind,
        name: name.to_string(),
        ops: ops.len(),
        guards: ops.iter().filter(|op| is_guard(op)).count(),
        guard_locations,
    }
}

/// Adds `section` and those below it to the category times; `open` are the categories of its
/// ancestors.
fn add_times(
    section: &Section,
    open: &mut Vec<String>,
    times: &mut BTreeMap<String, CategoryTime>,
) {
    let time = times.entry(section.category.clone()).or_default();
    time.count += 1;
    time.exclusive += section.exclusive();
    if !open.contains(&section.category) {
        time.inclusive += section.duration();
    }
    open.push(section.category.clone());
    for child in &section.children {
        add_times(child, open, times);
    }
    open.pop();
}

impl Model {
    /// Reads the model from a log's top-level sections.
    pub fn new(sections: &[Section]) -> Model {
        let mut model = Model::default();
        let mut failures: BTreeMap<String, u64> = BTreeMap::new();
        for section in all_sections(sections) {
            match section.category.as_str() {
                "jit-tracing" => {
                    if let Some((kind, name)) = traced(head(section)) {
                        let abort = section
                            .children
                            .iter()
                            .filter(|c| c.category == "jit-abort")
                            .find_map(|c| field(c, "reason"))
                            .map(String::from);
                        model.attempts.push(Attempt {
                            kind,
                            name,
                            start: section.start,
                            abort,
                        });
                    }
                }
                "jit-abort" => {
                    if let (Some(reason), Some(at)) =
                        (field(section, "reason"), field(section, "at"))
                    {
                        let blamed = field(section, "blamed");
                        model.aborts.push(Abort {
                            reason: reason.to_string(),
                            at: at.to_string(),
                            blamed: blamed.map(str::to_string),
                        });
                    }
                }
                "jit-log-opt-loop" => model.compiled.push(compiled(section, TraceKind::Loop)),
                "jit-log-opt-entry" => model.compiled.push(compiled(section, TraceKind::Entry)),
                "jit-log-opt-bridge" => model.compiled.push(compiled(section, TraceKind::Bridge)),
                "jit-blackhole" => *failures.entry(head(section).to_string()).or_default() += 1,
                "gc-collect" => model.collections.push(section.duration()),
                _ => {}
            }
        }
        model.guard_failures = failures.into_iter().collect();
        model
            .guard_failures
            .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        for section in sections {
            add_times(section, &mut Vec::new(), &mut model.times);
        }
        model.counts = Counts::new(sections);
        model.span = sections.iter().map(|s| s.end).max().unwrap_or(0);
        let logged: u64 = sections.iter().map(Section::duration).sum();
        model.outside = model.span.saturating_sub(logged);
        model
    }

    /// The interpreter location of the guard `guard I of NAME` (see
    /// [`Compiled::guard_locations`]), if the log has it.
    pub fn guard_location(&self, guard: &str) -> Option<&str> {
        let (index, name) = guard.strip_prefix("guard ")?.split_once(" of ")?;
        let index: usize = index.parse().ok()?;
        let trace = self.compiled.iter().find(|c| c.name == name)?;
        let (_, location) = trace.guard_locations.iter().find(|(i, _)| *i == index)?;
        Some(location)
    }

    /// The compiled traces hanging from the location (or bridge) `name`, itself included.
    pub fn compiled_from<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Compiled> + 'a {
        self.compiled
            .iter()
            .filter(move |c| root_location(&c.name) == root_location(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::parse;

    const LOG: &str = "\
[0] {jit-tracing
loop at main:4
[10] {gc-collect
collection 1: live 10 -> 5 bytes
[30] gc-collect}
[40] jit-tracing}
[40] {jit-log-opt-loop
loop main:4(r0, i1) entered when i1 == 6
  i2 = int_add i1, 1
  guard_true i3 [main@2 i0=1]
  jump r0, i2
[41] jit-log-opt-loop}
[50] {jit-blackhole
guard 1 of main:4
[60] jit-blackhole}
[70] {jit-blackhole
guard 1 of main:4
[75] jit-blackhole}
[80] {jit-tracing
bridge from guard 1 of main:4
[81] {jit-abort
reason: trace too long
at: bridge from guard 1 of main:4
blamed: the call at f:0 (the largest inlined call: called from now on)
[82] jit-abort}
[90] jit-tracing}
[a0] {jit-tracing
entry at f:0
[a8] jit-tracing}
";

    #[test]
    fn reads_attempts_aborts_compiled_traces_and_failures() {
        let model = Model::new(&parse(LOG).expect("parses"));
        let attempts: Vec<(TraceKind, &str, Option<&str>)> = model
            .attempts
            .iter()
            .map(|a| (a.kind, a.name.as_str(), a.abort.as_deref()))
            .collect();
        assert_eq!(
            attempts,
            [
                (TraceKind::Loop, "main:4", None),
                (
                    TraceKind::Bridge,
                    "bridge from guard 1 of main:4",
                    Some("trace too long")
                ),
                (TraceKind::Entry, "f:0", None),
            ]
        );
        assert_eq!(
            model.aborts,
            [Abort {
                reason: "trace too long".into(),
                at: "bridge from guard 1 of main:4".into(),
                blamed: Some(
                    "the call at f:0 (the largest inlined call: called from now on)".into()
                )
            }]
        );
        assert_eq!(
            model.compiled,
            [Compiled {
                kind: TraceKind::Loop,
                name: "main:4".into(),
                ops: 3,
                guards: 1,
                guard_locations: Vec::new(),
            }]
        );
        assert_eq!(model.guard_failures, [("guard 1 of main:4".to_string(), 2)]);
        assert_eq!(model.collections, [0x20]);
        assert_eq!(
            model.compiled_from("bridge from guard 1 of main:4").count(),
            1
        );
    }

    #[test]
    fn times_are_exclusive_of_children_and_the_rest_is_outside() {
        let model = Model::new(&parse(LOG).expect("parses"));
        let tracing = model.times["jit-tracing"];
        assert_eq!(tracing.count, 3);
        assert_eq!(tracing.inclusive, 0x40 + 0x10 + 0x8);
        assert_eq!(tracing.exclusive, 0x40 - 0x20 + 0x10 - 0x1 + 0x8);
        assert_eq!(model.times["gc-collect"].exclusive, 0x20);
        assert_eq!(model.span, 0xa8);
        let logged = 0x40 + 0x1 + 0x10 + 0x5 + 0x10 + 0x8;
        assert_eq!(model.outside, 0xa8 - logged);
    }

    #[test]
    fn a_category_nested_in_itself_counts_once_inclusively() {
        let text = "[0] {jit-backend\n[2] {jit-backend\n[3] jit-backend}\n[8] jit-backend}\n";
        let model = Model::new(&parse(text).expect("parses"));
        let backend = model.times["jit-backend"];
        assert_eq!(
            (backend.count, backend.inclusive, backend.exclusive),
            (2, 8, 8)
        );
    }

    #[test]
    fn bridges_hang_from_their_root_location() {
        assert_eq!(
            root_location("bridge from guard 2 of bridge from guard 1 of main:4"),
            "main:4"
        );
        assert_eq!(root_location("main:4"), "main:4");
    }

    #[test]
    fn guards_are_at_the_location_of_the_merge_point_before_them() {
        let log = "[0] {jit-log-opt-loop\nloop f:1 Lt (line 2:3)(i0)\n  guard_true i0 [f@1]\n\
                   \x20 debug_merge_point(0) f:1 Lt (line 2:3)\n  i1 = int_lt i0, 9\n\
                   \x20 guard_true i1 [f@2]\n  debug_merge_point(1) g:0 Ret (line 9:1)\n\
                   \x20 guard_false i1 [f@2]\n  jump i0\n[1] jit-log-opt-loop}\n";
        let model = Model::new(&crate::parser::parse(log).expect("parses"));
        assert_eq!((model.compiled[0].ops, model.compiled[0].guards), (5, 3));
        assert_eq!(model.guard_location("guard 0 of f:1 Lt (line 2:3)"), None);
        assert_eq!(
            model.guard_location("guard 3 of f:1 Lt (line 2:3)"),
            Some("f:1 Lt (line 2:3)")
        );
        assert_eq!(
            model.guard_location("guard 5 of f:1 Lt (line 2:3)"),
            Some("g:0 Ret (line 9:1)")
        );
    }

    #[test]
    fn trace_names_may_hold_parentheses() {
        assert_eq!(
            trace_name("loop f:3 Add (line 2:5)(r0, i1)"),
            "f:3 Add (line 2:5)"
        );
        assert_eq!(
            trace_name("loop f:3 (line 2:5)(r0) entered when r0 == <Ctx>"),
            "f:3 (line 2:5)"
        );
        assert_eq!(trace_name("loop main:4(r0)"), "main:4");
        assert_eq!(
            trace_name("loop bridge from guard 2 of main:4(i0)"),
            "bridge from guard 2 of main:4"
        );
        assert!(is_merge_point("  debug_merge_point(0) \"main:4\""));
        assert!(!is_merge_point("  jump i0"));
    }
}
