//! Warm-up: counting how often each loop header (a portal and its green values) is reached
//! at `can_enter_jit`, tracing it when it gets hot, running its compiled loop from then on,
//! and resuming in the blackhole interpreter when a guard fails. Also the statistics behind
//! the `jit-summary` log section.

use std::any::TypeId;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use crate::backend::reference::{run_loop, DeadFrame};
use crate::blackhole::{self, Frame, Mode, Outcome, SuspendedFrame, Value};
use crate::jitcode::Registry;
use crate::metainterp::tracer::{trace_loop, AbortReason, Traced};
use crate::params::JitParams;
use crate::trace::{OpKind, TraceLoop};

/// After this many aborted attempts, a loop header is no longer traced.
const MAX_ABORTS: u32 = 3;

/// What the JIT did on this thread, for `jit-summary` and the test harness.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JitStats {
    /// Loops compiled.
    pub loops: u32,
    /// Aborted traces, by reason.
    pub aborts: BTreeMap<AbortReason, u32>,
    /// Operations in the compiled loops.
    pub ops_recorded: u64,
    /// Guards in the compiled loops.
    pub guards: u64,
    /// Entries into compiled loops.
    pub loop_entries: u64,
    /// Guard failures (each resumed in the blackhole interpreter).
    pub guard_failures: u64,
    /// The text form of each compiled loop, in the order they were compiled.
    pub traces: Vec<String>,
}

impl JitStats {
    /// The total number of aborted traces.
    pub fn total_aborts(&self) -> u32 {
        self.aborts.values().sum()
    }
}

/// A loop header's state.
#[derive(Default)]
struct LoopCell {
    counter: u32,
    compiled: Option<Rc<TraceLoop>>,
    aborts: u32,
}

#[derive(Default)]
struct WarmState {
    cells: HashMap<(TypeId, Vec<u64>), LoopCell>,
    tracing: bool,
    params: JitParams,
    stats: JitStats,
}

thread_local! {
    static WARM: RefCell<WarmState> = RefCell::new(WarmState::default());
}

/// Sets the parameters and forgets every compiled loop and counter (a new run).
pub fn reset(params: &JitParams) {
    WARM.with(|w| {
        *w.borrow_mut() = WarmState {
            params: params.clone(),
            ..WarmState::default()
        }
    });
}

/// This thread's statistics.
pub fn stats() -> JitStats {
    WARM.with(|w| w.borrow().stats.clone())
}

/// What to do at a `can_enter_jit`.
enum Action {
    Run(Rc<TraceLoop>),
    TraceLoop(usize),
}

/// The JIT's part of `can_enter_jit` for the portal whose body's jitcode is registered under
/// `portal`, with the greens and reds `values` (`num_greens` greens first). `None`: go on
/// natively; else what happened after compiled code or the tracer ran (the merge point the
/// native loop continues at, or the portal's return).
pub(crate) fn can_enter_jit(
    registry: &Registry,
    portal: TypeId,
    values: &[Value],
    num_greens: usize,
    name: impl FnOnce() -> String,
) -> Option<Outcome> {
    let key = (
        portal,
        values[..num_greens].iter().map(|v| v.word()).collect(),
    );
    let action = WARM.with(|w| {
        let mut w = w.borrow_mut();
        if w.tracing {
            return None;
        }
        let (threshold, limit) = (w.params.threshold.max(1), w.params.trace_limit as usize);
        let cell = w.cells.entry(key).or_default();
        if let Some(trace) = &cell.compiled {
            return Some(Action::Run(trace.clone()));
        }
        cell.counter += 1;
        if cell.counter < threshold || cell.aborts >= MAX_ABORTS {
            return None;
        }
        cell.counter = 0;
        w.tracing = true;
        Some(Action::TraceLoop(limit))
    })?;
    match action {
        Action::Run(trace) => Some(run_compiled(registry, &trace, &values[num_greens..])),
        Action::TraceLoop(limit) => {
            let id = registry.lookup(portal)?;
            let traced = trace_loop(registry, id, values, name(), limit);
            Some(WARM.with(|w| {
                let mut w = w.borrow_mut();
                w.tracing = false;
                let key = (
                    portal,
                    values[..num_greens].iter().map(|v| v.word()).collect(),
                );
                match traced {
                    Traced::Loop(trace, exit) => {
                        if cfg!(debug_assertions) {
                            if let Err(e) = trace.verify() {
                                panic!("jitgen: {e}\n{trace}");
                            }
                        }
                        w.stats.loops += 1;
                        w.stats.ops_recorded += trace.ops.len() as u64;
                        w.stats.guards += trace.num_guards() as u64;
                        let text = trace.to_string();
                        crate::log::section("jit-log-opt-loop", |out| out.push_str(&text));
                        w.stats.traces.push(text);
                        w.cells.entry(key).or_default().compiled = Some(Rc::new(trace));
                        Outcome::MergePoint(exit)
                    }
                    Traced::Aborted(reason, outcome) => {
                        *w.stats.aborts.entry(reason).or_default() += 1;
                        w.cells.entry(key).or_default().aborts += 1;
                        outcome
                    }
                }
            }))
        }
    }
}

/// Runs a compiled loop until a guard fails, then resumes in the blackhole interpreter up
/// to the next merge point.
fn run_compiled(registry: &Registry, trace: &TraceLoop, reds: &[Value]) -> Outcome {
    WARM.with(|w| w.borrow_mut().stats.loop_entries += 1);
    let (guard, dead) = run_loop(trace, reds);
    WARM.with(|w| w.borrow_mut().stats.guard_failures += 1);
    resume_at_guard(registry, trace, guard, &dead)
}

/// Rebuilds the frames of the failing guard `guard` from `dead` and runs them in the
/// blackhole interpreter up to the next merge point.
fn resume_at_guard(
    registry: &Registry,
    trace: &TraceLoop,
    guard: usize,
    dead: &DeadFrame,
) -> Outcome {
    let op = &trace.ops[guard];
    let resume = op.resume.as_ref().expect("a guard has resume data");
    let stack = resume
        .frames
        .iter()
        .map(|f| {
            let mut frame = Frame::new(registry.get(f.code));
            for (reg, arg) in &f.regs {
                frame.set(*reg, dead.value(*arg));
            }
            SuspendedFrame::new(frame, f.pc)
        })
        .collect();
    let pending = resume.after_call.map(|(value, kind)| match op.kind {
        OpKind::GuardNoError => Outcome::Err(dead.last_error.expect("the call's error")),
        _ => Outcome::Return(kind.map_or(Value::Void, |_| dead.value(value))),
    });
    blackhole::resume_with(registry, stack, pending, Mode::UntilMergePoint)
}

/// Writes the `jit-summary` log section (a client calls this at exit).
pub fn log_summary() {
    let stats = stats();
    crate::log::section("jit-summary", |out| {
        out.push_str(&format!("loops: {}\n", stats.loops));
        out.push_str(&format!("aborts: {}\n", stats.total_aborts()));
        for (reason, count) in &stats.aborts {
            out.push_str(&format!("  {}: {count}\n", reason.name()));
        }
        out.push_str(&format!("ops in loops: {}\n", stats.ops_recorded));
        out.push_str(&format!("guards in loops: {}\n", stats.guards));
        out.push_str(&format!("loop entries: {}\n", stats.loop_entries));
        out.push_str(&format!("guard failures: {}\n", stats.guard_failures));
    });
}
