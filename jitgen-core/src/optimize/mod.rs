//! The optimizer: passes over a recorded [`TraceLoop`], one concern per file. Constant
//! folding happens while tracing (operations on constants never reach the trace); here:
//! - `virtuals.rs`: allocation removal — an allocated object stays virtual (fields in
//!   variables) until it escapes; resume data make it if a guard fails first;
//! - `cse.rs`: common subexpressions — a pure operation repeating an earlier one with the same
//!   operands (immutable field reads included) reuses its result;
//! - `heap.rs`: field (array item) reads of a value known from an earlier read or write of
//!   the same field of the same object (item of the same array at the same index), with
//!   nothing in between that may write it, reuse that value;
//! - `guards.rs`: what guards prove — a guarded condition, value or class is known after
//!   the guard (later `class_is`/`is_null` of it fold, repeated guards go), and pure
//!   operations whose operands became constants fold;
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
//! iteration travel as their fields); the passes run again after each. In debug builds the verifier runs after every pass.

mod barriers;
mod cse;
mod dce;
mod entry;
mod fold;
mod guards;
mod heap;
mod peel;
mod virtuals;

use std::collections::HashMap;
use std::rc::Rc;

use entry::specialize_entry;
use peel::peel;

use crate::trace::{Arg, Op, OpKind, TraceLoop};

/// A pass over a trace.
type Pass = fn(&mut TraceLoop);

/// The passes with their names, in the order they run.
const PASSES: [(&str, Pass); 5] = [
    ("virtuals", virtuals::run),
    ("cse", cse::run),
    ("heap", heap::run),
    ("guards", guards::run),
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
/// result feeds another's: a value `guards` folds is an index `heap` then knows).
const MAX_ROUNDS: usize = 3;

/// Runs the passes `enable_opts` selects over `trace`, again while that removes ops.
pub fn optimize(trace: &mut TraceLoop, enable_opts: &str) {
    for _ in 0..MAX_ROUNDS {
        let before = trace.ops.len();
        for (name, pass) in PASSES {
            if is_enabled(enable_opts, name) {
                pass(trace);
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

/// Whether an op has no effect besides its result (so it may be shared or dropped).
fn is_pure(kind: &OpKind) -> bool {
    match kind {
        OpKind::IntBin(_)
        | OpKind::IntCmp { .. }
        | OpKind::Shift { .. }
        | OpKind::IntUn { .. }
        | OpKind::BoolNot
        | OpKind::IntCast(_)
        | OpKind::FloatBin(_)
        | OpKind::FloatCmp(_)
        | OpKind::FloatUn(_)
        | OpKind::IntToFloat(_)
        | OpKind::FloatToInt(_)
        | OpKind::PtrEq { .. }
        | OpKind::IsNull
        | OpKind::ClassIs(_)
        | OpKind::ArrayLen => true,
        OpKind::GetField(field) => field.descr.mutability == crate::layout::Mutability::Immutable,
        _ => false,
    }
}

/// Replaces the variables `renamed` maps (to other variables or constants) in an op's
/// operands and resume data.
pub(super) fn rename(op: &mut Op, renamed: &HashMap<u32, Arg>) {
    if renamed.is_empty() {
        return;
    }
    let apply = |arg: &mut Arg| {
        if let Arg::Var(v) = arg {
            if let Some(&to) = renamed.get(v) {
                *arg = to;
            }
        }
    };
    op.args.iter_mut().for_each(apply);
    if let Some(resume) = &op.resume {
        let mut resume = (**resume).clone();
        resume.args_mut().for_each(apply);
        op.resume = Some(Rc::new(resume));
    }
}
