//! The optimizer: passes over a recorded [`TraceLoop`], one concern per file. Constant
//! folding happens while tracing (operations on constants never reach the trace); here:
//! - `virtuals.rs`: allocation removal — an allocated object stays virtual (fields in
//!   variables) until it escapes; resume data make it if a guard fails first;
//! - `offsets.rs`: constant offsets — a sum of a variable and constants adds to the base
//!   variable directly (`(x + 1) - 1` is `x`); the heap cache sees through them;
//! - `cse.rs`: common subexpressions — a pure operation repeating an earlier one with the same
//!   operands (immutable field reads included) reuses its result;
//! - `heap.rs`: field (array item) reads of a value known from an earlier read or write of
//!   the same field of the same object (item of the same array at the same index), with
//!   nothing in between that may write it, reuse that value;
//! - `guards.rs`: what guards prove — a guarded condition, value or class is known after
//!   the guard (later `class_is`/`is_null` of it fold, repeated guards go), and pure
//!   operations whose operands became constants fold;
//! - `bounds.rs`: integer bounds — comparisons, overflow checks and array bounds checks
//!   that ranges (from types, arithmetic and passed guards) decide go;
//! - `dce.rs`: dead code — pure operations whose result nothing uses are dropped.
//!
//! After the passes, always: `barriers.rs` places the write barriers (before stores of
//! references into objects not made since the last op that may collect).
//!
//! `enable_opts` (a JIT parameter) selects the passes: `all`, or a `:`-separated list of
//! their names. On loops only, after the passes: `entry.rs` (named `entry`: invariant
//! `guard_value`s become conditions checked on entering the loop), then `peel.rs` (named
//! `peel`: the first iteration becomes a preamble before a `label`, so the loop body is
//! optimized knowing what the preamble established, and objects passed to the next
//! iteration travel as their fields: `unboxed.rs`); the passes run again after each. In debug builds the verifier runs after every pass.

mod barriers;
mod bounds;
mod cse;
mod dce;
mod entry;
mod fold;
mod guards;
mod heap;
mod offsets;
mod peel;
mod unboxed;
mod virtuals;

use std::rc::Rc;

use entry::specialize_entry;
use peel::peel;

use crate::jitcode::{
    FieldRef, FloatBinOp, FloatCmpOp, FloatUnOp, IntBinOp, IntCmpOp, IntWidth, Kind, ShiftOp,
};
use crate::trace::{Allocation, Arg, Op, OpKind, TraceLoop};

/// A pass over a trace.
type Pass = fn(&mut TraceLoop);

/// The passes with their names, in the order they run.
const PASSES: [(&str, Pass); 7] = [
    ("virtuals", virtuals::run),
    ("offsets", offsets::run),
    ("cse", cse::run),
    ("heap", heap::run),
    ("guards", guards::run),
    ("bounds", bounds::run),
    ("dce", dce::run),
];

/// Whether `enable_opts` selects the pass (or step) `name`.
pub fn is_enabled(enable_opts: &str, name: &str) -> bool {
    enable_opts == "all" || enable_opts.split(':').any(|o| o == name)
}

/// Optimizes the loop `trace` as `enable_opts` says: the passes, then entry specialization
/// (`entry`) and peeling (`peel`), each followed by the passes again.
pub fn optimize_loop(trace: &mut TraceLoop, enable_opts: &str) {
    optimize(trace, enable_opts);
    if is_enabled(enable_opts, "entry") {
        specialize_entry(trace);
        optimize(trace, enable_opts);
    }
    if is_enabled(enable_opts, "peel") {
        if let Some(peeled) = peel(trace, enable_opts) {
            *trace = peeled;
        }
    }
}

/// How many times the passes run at most, while each round still removes ops (one pass's
/// result feeds another's: a value `guards` folds is an index `heap` then knows, and an
/// object whose uses fold may stay virtual).
const MAX_ROUNDS: usize = 3;

/// Runs the passes `enable_opts` selects over `trace`, again while that removes ops and the
/// trace still allocates (without allocations a second round finds next to nothing: 0.1% of
/// the ops of a Brainfuck program's traces, for a fifth of the optimizer's time).
pub fn optimize(trace: &mut TraceLoop, enable_opts: &str) {
    for round in 0..MAX_ROUNDS {
        if round > 0
            && !trace
                .ops
                .iter()
                .any(|op| Allocation::of(&op.kind).is_some())
        {
            break;
        }
        let before = trace.ops.len();
        for (name, pass) in PASSES {
            if is_enabled(enable_opts, name) {
                let logged = crate::log::JIT_OPTIMIZE.enabled();
                let ops = if logged { trace.num_ops() } else { 0 };
                pass(trace);
                if logged {
                    log_pass(name, ops, trace.num_ops());
                }
                if cfg!(debug_assertions) {
                    if let Err(e) = trace.verify() {
                        panic!("jitgen: after the {name} pass: {e}\n{trace}");
                    }
                }
            }
        }
        if trace.ops.len() == before {
            break;
        }
    }
    barriers::run(trace);
}

/// Logs (`jit-optimize`) what the pass `name` did, if it removed or added ops.
fn log_pass(name: &str, before: usize, after: usize) {
    if before != after {
        crate::log::line(
            &crate::log::JIT_OPTIMIZE,
            format_args!("{name}: {before} -> {after} ops"),
        );
    }
}

/// An op with no effect besides its result (so it may be shared or dropped): what it
/// computes, without its operands (two pure ops with equal `PureOp`s and operands agree).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum PureOp {
    IntBin(IntBinOp),
    IntCmp(IntCmpOp, bool),
    Shift(ShiftOp, IntWidth),
    IntUn(bool, IntWidth),
    BoolNot,
    IntCast(IntWidth),
    FloatBin(FloatBinOp),
    FloatCmp(FloatCmpOp),
    FloatUn(FloatUnOp),
    IntToFloat(IntWidth),
    FloatToInt(IntWidth),
    PtrEq(bool),
    IsNull,
    /// The type's address.
    ClassIs(usize),
    ArrayLen,
    /// An immutable field.
    GetField(FieldRef),
    /// A call of an elidable function of one or two integers or floats to an integer or a
    /// float (which can read no object, and whose result has no identity), by its shim.
    Call(usize),
}

/// What an op computes, if it is pure.
fn pure_op(kind: &OpKind) -> Option<PureOp> {
    Some(match *kind {
        OpKind::IntBin(op) => PureOp::IntBin(op),
        OpKind::IntCmp { op, signed } => PureOp::IntCmp(op, signed),
        OpKind::Shift { op, width } => PureOp::Shift(op, width),
        OpKind::IntUn { not, width } => PureOp::IntUn(not, width),
        OpKind::BoolNot => PureOp::BoolNot,
        OpKind::IntCast(width) => PureOp::IntCast(width),
        OpKind::FloatBin(op) => PureOp::FloatBin(op),
        OpKind::FloatCmp(op) => PureOp::FloatCmp(op),
        OpKind::FloatUn(op) => PureOp::FloatUn(op),
        OpKind::IntToFloat(width) => PureOp::IntToFloat(width),
        OpKind::FloatToInt(width) => PureOp::FloatToInt(width),
        OpKind::PtrEq { negate } => PureOp::PtrEq(negate),
        OpKind::IsNull => PureOp::IsNull,
        OpKind::ClassIs(info) => PureOp::ClassIs(info as *const _ as usize),
        OpKind::ArrayLen => PureOp::ArrayLen,
        OpKind::GetField(field)
            if field.descr.mutability == crate::layout::Mutability::Immutable =>
        {
            PureOp::GetField(field)
        }
        OpKind::Call(ref descr)
            if descr.elidable
                && !descr.returns_result
                && descr.arg_kinds.len() <= 2
                && !descr.arg_kinds.contains(&Kind::Ref)
                && descr.result.is_some_and(|kind| kind != Kind::Ref) =>
        {
            PureOp::Call(descr.shim)
        }
        _ => return None,
    })
}

/// An operand exactly, as a hashable key: its kind (0 a variable, then integer, float and
/// reference constants) and its word (a reference constant by its address).
pub(super) type ArgKey = (u8, u64);

/// The key of `arg`.
pub(super) fn arg_key(arg: Arg) -> ArgKey {
    match arg {
        Arg::Var(v) => (0, u64::from(v)),
        Arg::Int(v) => (1, v as u64),
        Arg::Float(v) => (2, v.to_bits()),
        Arg::Ref(r) => (3, r.map_or(0, |r| r.addr() as u64)),
    }
}

/// The renames of a pass, by variable (a dense table: renaming looks every operand up).
pub(super) struct Renames {
    to: Vec<Option<Arg>>,
    any: bool,
}

impl Renames {
    /// No renames yet, for the variables of `trace`.
    pub(super) fn new(trace: &TraceLoop) -> Renames {
        Renames {
            to: vec![None; trace.kinds.len()],
            any: false,
        }
    }

    /// From now on, variable `var` is `to`.
    pub(super) fn insert(&mut self, var: u32, to: Arg) {
        if self.to.len() <= var as usize {
            self.to.resize(var as usize + 1, None);
        }
        self.to[var as usize] = Some(to);
        self.any = true;
    }

    /// What variable `var` is renamed to, if it is.
    pub(super) fn get(&self, var: u32) -> Option<Arg> {
        self.to.get(var as usize).copied().flatten()
    }

    /// Whether nothing is renamed.
    pub(super) fn is_empty(&self) -> bool {
        !self.any
    }

    /// Renames the variables of `op`'s operands and resume data.
    pub(super) fn apply(&self, op: &mut Op) {
        if !self.any {
            return;
        }
        for arg in &mut op.args {
            rename_arg(arg, |v| self.get(v));
        }
        rename_in_resume(op, |v| self.get(v));
    }
}

/// Replaces `arg` if it is a variable `to` renames.
fn rename_arg(arg: &mut Arg, to: impl Fn(u32) -> Option<Arg>) {
    if let Arg::Var(v) = arg {
        if let Some(renamed) = to(*v) {
            *arg = renamed;
        }
    }
}

/// Replaces the variables `to` renames in an op's resume data alone.
pub(super) fn rename_in_resume(op: &mut Op, to: impl Fn(u32) -> Option<Arg>) {
    let Some(resume) = &op.resume else {
        return;
    };
    // Resume data are large and shared between guards: copied only when they change.
    if resume.reads_any(|v| to(v).is_some()) {
        let mut resume = (**resume).clone();
        resume.args_mut().for_each(|arg| rename_arg(arg, &to));
        op.resume = Some(Rc::new(resume));
    }
}
