//! Entry specialization of a loop: an input that every iteration passes on unchanged (or
//! replaces by the same constant) and that the loop guards to be a constant (a
//! `guard_value`, e.g. the promoted stack depth or interpreter context) is checked once, by
//! whoever enters the loop, instead of in every iteration. The guard goes, the input becomes
//! that constant everywhere, and the condition is recorded in
//! [`TraceLoop::entry_conditions`]: native code checks it before entering, bridges guard it
//! before jumping to the loop.

use super::Renames;
use crate::trace::{Arg, OpKind, TraceLoop};

/// Specializes the loop `trace` on its entry conditions (see the module docs).
pub fn specialize_entry(trace: &mut TraceLoop) {
    let Some(jump) = trace
        .ops
        .last()
        .filter(|op| matches!(op.kind, OpKind::Jump) && trace.jump_to.is_none())
    else {
        return;
    };
    let jump_args = jump.args.clone();
    let mut replaced = Renames::new(trace);
    let mut dropped = Vec::new();
    for (index, op) in trace.ops.iter().enumerate() {
        let (OpKind::GuardValue, [Arg::Var(var), constant]) = (&op.kind, op.args.as_slice()) else {
            continue;
        };
        let Some(k) = trace.inputs.iter().position(|input| input == var) else {
            continue;
        };
        let passed_on = jump_args[k] == Arg::Var(*var) || jump_args[k] == *constant;
        if passed_on && constant.is_const() && replaced.get(*var).is_none() {
            replaced.insert(*var, *constant);
            trace.entry_conditions.push((k, *constant));
            dropped.push(index);
        }
    }
    if replaced.is_empty() {
        return;
    }
    let mut index = 0;
    trace.ops.retain(|_| {
        index += 1;
        !dropped.contains(&(index - 1))
    });
    for op in &mut trace.ops {
        replaced.apply(op);
    }
}
