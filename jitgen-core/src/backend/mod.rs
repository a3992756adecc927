//! Backends: what turns a trace into something that runs. The reference backend
//! ([`reference`]) interprets the trace IR; the x86-64 backend lives in the `jitgen-x86` crate
//! and registers itself with [`inventory`] ([`BackendEntry`]), so the warm-up code only knows
//! the [`Backend`] trait.
//!
//! A backend compiles a loop ([`Backend::compile_loop`]) into a [`LoopCode`], which runs it
//! from given input values until a guard fails that has no bridge ([`GuardFailure`], with the
//! failing trace's variables in a [`DeadFrame`]), and attaches bridges to its guards
//! ([`LoopCode::attach_bridge`]). What happens after a failure (resume in the blackhole
//! interpreter, trace a bridge) is the warm-up code's business.

mod dead_frame;
pub mod reference;

use std::cell::Cell;
use std::rc::Rc;
use std::sync::Once;

pub use dead_frame::{DeadFrame, HeldAt, HeldVar};

use crate::blackhole::{Outcome, Value};
use crate::trace::{Op, OpKind, ResumeData, TraceLoop};

/// Which trace of a compiled loop: the loop itself, or its `n`-th attached bridge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TraceId {
    /// The loop.
    Loop,
    /// The bridge attached `n`-th (from 0).
    Bridge(u32),
}

/// How a run of compiled code ended.
pub enum RunEnd {
    /// A trace jumped into another compiled loop (`TraceLoop::jump_to`) that this backend
    /// does not enter itself: the caller runs the loop numbered `to` from `inputs`.
    Jumped {
        /// The loop's number ([`LoopCode::number`]).
        to: u32,
        /// Its inputs.
        inputs: Vec<Value>,
    },
    /// A guard without a bridge failed (or the trace left at an `exit`).
    Failed(GuardFailure),
    /// A trace of a function's entry reached its `finish`: the function's result
    /// ([`Outcome::Return`]) or error ([`Outcome::Err`]).
    Finished(Outcome),
}

/// What the `finish` op `op` hands over when its operand is `value`.
pub fn finished(op: &Op, value: Value) -> Outcome {
    match (&op.kind, value) {
        (OpKind::Finish { error: true }, Value::Ref(Some(error))) => Outcome::Err(error),
        (OpKind::Finish { error: true }, _) => unreachable!("an error is an object"),
        // A function without a result finishes with a dummy word.
        (OpKind::Finish { error: false }, value) => Outcome::Return(value),
        _ => unreachable!("a finish"),
    }
}

/// If `op` is a `finish`: what it hands over, its operand's value taken from `frame`.
pub fn finished_in(op: &Op, frame: &DeadFrame) -> Option<Outcome> {
    matches!(op.kind, OpKind::Finish { .. }).then(|| finished(op, frame.value(op.args[0])))
}

/// What the warm-up code needs of a failing guard's op, kept by a backend with the guard's
/// exit so that a failure reads nothing of its trace.
#[derive(Clone)]
pub struct FailedOp {
    /// Whether it is an `exit` (the trace leaves at a merge point), not a guard.
    pub exit: bool,
    /// Whether it is a `guard_no_error` (resuming receives the call's error).
    pub no_error: bool,
    /// Its resume data.
    pub resume: Option<Rc<ResumeData>>,
}

impl FailedOp {
    /// What fails with the guard (or `exit`) `op`.
    pub fn of(op: &Op) -> FailedOp {
        FailedOp {
            exit: matches!(op.kind, OpKind::Exit),
            no_error: matches!(op.kind, OpKind::GuardNoError),
            resume: op.resume.clone(),
        }
    }
}

/// A guard of a compiled loop failed that has no bridge.
pub struct GuardFailure {
    /// The number of the compiled loop the guard is in ([`LoopCode::number`]): the loop run,
    /// or one that compiled code jumped to from there.
    pub in_loop: u32,
    /// The trace the guard is in.
    pub trace: TraceId,
    /// The guard's op index in that trace.
    pub guard: usize,
    /// What the warm-up code needs of that op.
    pub op: FailedOp,
    /// That trace's variables: at least those the guard's resume data read, and the error of
    /// the last residual call (for `guard_no_error`). It may be a view of the backend's exit
    /// buffer ([`DeadFrame::viewing`]): the receiver owns it ([`DeadFrame::own`]) before it
    /// runs compiled code, compiles a trace or lets anything collect.
    pub frame: DeadFrame,
}

/// Turns traces into runnable code.
pub trait Backend {
    /// Its name, as `--jit backend=NAME` selects it.
    fn name(&self) -> &'static str;

    /// Compiles a (verified, optimized) loop.
    fn compile_loop(&self, trace: Rc<TraceLoop>) -> Box<dyn LoopCode>;
}

/// A compiled loop with its bridges.
pub trait LoopCode {
    /// Its number, unique on this thread ([`next_loop_number`]): guard failures and jumps
    /// name loops by it.
    fn number(&self) -> u32;

    /// The handle a trace jumping to this loop carries (`JumpTarget::code`): what the backend
    /// needs to enter the loop's code directly from other compiled code.
    fn jump_handle(&self) -> std::rc::Weak<dyn std::any::Any>;

    /// Runs the loop from `inputs` (its input variables' values, in order) until a guard that
    /// has no bridge fails, or a `finish`. Bridges run in place of their guards' failures and
    /// jump back to the loop (or finish); traces that jump to other compiled loops go on
    /// there, or hand the jump over ([`RunEnd::Jumped`]).
    fn run(&self, inputs: &[Value]) -> RunEnd;

    /// For a `call_assembler` into a function's entry trace: runs the loop's machine code
    /// from its inputs' words, without the general path of [`LoopCode::run`]. The words of
    /// its outcome (value, error) if it ended in a `finish`; else the exit, for
    /// [`LoopCode::after_exit`]. `None`: this backend has no such path (use `run`).
    fn run_words(&self, _inputs: &[u64]) -> Option<Result<(u64, u64), u64>> {
        None
    }

    /// For a `call_assembler` from compiled code: the address of this loop's machine code,
    /// which compiled code calls with the exit buffer's cell (the inputs' words in the
    /// buffer) and which returns an exit code, as [`LoopCode::run_words`] runs it. `None`:
    /// none (the call goes through the helper).
    fn native_entry(&self) -> Option<u64> {
        None
    }

    /// How a run that [`LoopCode::run_words`] left through `exit` goes on, as
    /// [`LoopCode::run`] would have gone on from there.
    fn after_exit(&self, _exit: u64) -> RunEnd {
        unreachable!("only backends with `run_words` have exits to go on from")
    }

    /// How often the loop's machine code ran (its iterations) and each of its bridges' (their
    /// entries), when the backend counted them (`jit-backend-counts` logged at compile time).
    fn run_counts(&self) -> Vec<(TraceId, u64)> {
        Vec::new()
    }

    /// Compiles `bridge`, traced from guard `guard` of trace `origin` (which must have no
    /// bridge yet), and attaches it: from now on when that guard fails, the bridge runs with
    /// its inputs taken from `origin`'s variables `inputs` (in order), and ends by jumping to
    /// the start of the loop (a bridge of an entry trace: by a `finish` or an `exit`). The new
    /// bridge's id.
    fn attach_bridge(
        &self,
        origin: TraceId,
        guard: usize,
        bridge: Rc<TraceLoop>,
        inputs: Vec<u32>,
    ) -> TraceId;
}

/// A backend a crate makes available (`inventory::submit!`); `--jit backend=NAME` picks it.
pub struct BackendEntry {
    /// Its name.
    pub name: &'static str,
    /// Whether it can run on this machine (the x86 backend on x86-64 only).
    pub native: bool,
    /// Makes one.
    pub make: fn() -> Rc<dyn Backend>,
}

inventory::collect!(BackendEntry);

/// The name of the default backend: a registered native one if there is one, else the
/// reference backend.
pub fn default_name() -> &'static str {
    inventory::iter::<BackendEntry>
        .into_iter()
        .find(|entry| entry.native)
        .map_or(reference::NAME, |entry| entry.name)
}

thread_local! {
    /// The last loop number handed out (see [`next_loop_number`]).
    static LOOPS_NUMBERED: Cell<u32> = const { Cell::new(0) };
    /// Traces a native backend could not place this run (see [`report_fallback`]).
    static FALLBACKS: Cell<u32> = const { Cell::new(0) };
}

/// A fresh loop number for a [`LoopCode`] (from 1, unique on this thread, shared by all
/// backends, so loops of a native backend and those it handed to the reference backend never
/// share one).
pub fn next_loop_number() -> u32 {
    LOOPS_NUMBERED.with(|n| {
        n.set(n.get() + 1);
        n.get()
    })
}

/// Called by a native backend that hands a trace to the reference backend instead of
/// compiling it (the code size cap, an instruction it cannot encode): never silently, it is
/// logged (`jit-backend`) and counted in `jit-summary`.
pub fn report_fallback(backend: &str, trace: &str, reason: &str) {
    FALLBACKS.with(|f| f.set(f.get() + 1));
    crate::log::section(&crate::log::JIT_BACKEND, |out| {
        out.push_str(&format!(
            "{backend} could not compile {trace}: {reason}; the reference backend interprets it\n"
        ));
    });
}

/// How many traces were handed to the reference backend on this thread since the last
/// [`reset_fallbacks`].
pub fn fallbacks() -> u32 {
    FALLBACKS.with(Cell::get)
}

/// Starts counting fallbacks afresh (a new run).
pub fn reset_fallbacks() {
    FALLBACKS.with(|f| f.set(0));
}

/// The backend `auto` picks: [`default_name`], with a warning (once per process) when that is
/// the reference backend on a machine a native backend exists for, because none was linked:
/// the JIT would then interpret every trace, far slower than intended.
pub fn resolve_auto() -> &'static str {
    let name = default_name();
    if name == reference::NAME && cfg!(target_arch = "x86_64") {
        static WARNING: Once = Once::new();
        WARNING.call_once(|| {
            eprintln!(
                "jitgen: no native backend is linked, so the reference backend interprets every \
                 trace (link one: `use jitgen_x86 as _;` in the client crate; \
                 `--jit backend=reference` silences this)"
            );
        });
    }
    name
}

/// The names of every backend that can run here.
pub fn available() -> Vec<&'static str> {
    let mut names = vec![reference::NAME];
    names.extend(
        inventory::iter::<BackendEntry>
            .into_iter()
            .filter(|entry| entry.native)
            .map(|entry| entry.name),
    );
    names
}

/// The backend named `name` (`auto`: [`default_name`]), if it can run here.
pub fn by_name(name: &str) -> Option<Rc<dyn Backend>> {
    let name = if name == "auto" { resolve_auto() } else { name };
    if name == reference::NAME {
        return Some(Rc::new(reference::ReferenceBackend));
    }
    inventory::iter::<BackendEntry>
        .into_iter()
        .find(|entry| entry.native && entry.name == name)
        .map(|entry| (entry.make)())
}
