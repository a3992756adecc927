//! Constant offsets, in one forward pass: a variable that is another plus a constant
//! (`int_add x, c`, `int_add c, x`, `int_sub x, c`) is known as that base and offset, the
//! base itself never such a sum. A sum of a sum then adds to the base directly
//! (`int_add (int_add x, 1), -1` is `int_add x, 0`), and a sum with offset 0 is its base
//! (the op goes, its variable renamed). Integer addition wraps, so the regrouping is exact.
//! Other passes see through the offsets ([`Offsets`]): the heap cache knows that `a[x + 1]`
//! and `a[x]` are different items, and the bounds pass moves what it learns of `x + 1` to `x`.

use foldhash::{HashMap, HashSet};

use super::Renames;
use crate::jitcode::IntBinOp;
use crate::trace::{Arg, Op, OpKind, TraceLoop};

/// What is known of the integer variables defined as a base plus a constant.
#[derive(Default)]
pub(super) struct Offsets {
    /// By variable: its base (a variable that is no such sum) and offset.
    sums: HashMap<u32, (u32, i64)>,
}

impl Offsets {
    /// Follows `op` in a forward pass: a `label` forgets the offsets of its variables
    /// (`label_vars`, see [`label_vars`]) and of sums of them; a sum is recorded.
    pub(super) fn observe(&mut self, op: &Op, label_vars: &HashSet<u32>) {
        if let OpKind::Label = op.kind {
            self.forget(label_vars);
        }
        self.record(op);
    }

    /// Records what `op` defines, if it is a variable plus a constant: its base and offset.
    fn record(&mut self, op: &Op) {
        if let (Some(result), Some((var, offset))) = (op.result, plus_constant(op)) {
            let (base, more) = self.base_of(var);
            self.sums.insert(result, (base, more.wrapping_add(offset)));
        }
    }

    /// The base of variable `var` and its offset from it (itself and 0 if it is no sum).
    pub(super) fn base_of(&self, var: u32) -> (u32, i64) {
        self.sums.get(&var).copied().unwrap_or((var, 0))
    }

    /// Forgets what is known of `vars` (a `label`'s variables, which the `jump` reassigns):
    /// their own offsets, and the offsets of sums of them (whose bases now hold other values).
    fn forget(&mut self, vars: &HashSet<u32>) {
        self.sums
            .retain(|var, (base, _)| !vars.contains(var) && !vars.contains(base));
    }
}

/// If `op` is an integer variable plus (or minus) a constant: the variable and the constant
/// added.
fn plus_constant(op: &Op) -> Option<(u32, i64)> {
    match (&op.kind, op.args.as_slice()) {
        (OpKind::IntBin(IntBinOp::Add), [Arg::Var(v), Arg::Int(c)])
        | (OpKind::IntBin(IntBinOp::Add), [Arg::Int(c), Arg::Var(v)]) => Some((*v, *c)),
        (OpKind::IntBin(IntBinOp::Sub), [Arg::Var(v), Arg::Int(c)]) => Some((*v, c.wrapping_neg())),
        _ => None,
    }
}

/// The variables of the labels of `trace` (which the jump reassigns).
pub(super) fn label_vars(trace: &TraceLoop) -> HashSet<u32> {
    trace
        .ops
        .iter()
        .filter(|op| matches!(op.kind, OpKind::Label))
        .flat_map(|op| &op.args)
        .filter_map(|a| match a {
            Arg::Var(v) => Some(*v),
            _ => None,
        })
        .collect()
}

/// Runs the pass.
pub(super) fn run(trace: &mut TraceLoop) {
    let mut offsets = Offsets::default();
    let mut renamed = Renames::new(trace);
    // A label's variables keep their own names (the jump assigns them).
    let label_vars = label_vars(trace);
    let ops = std::mem::take(&mut trace.ops);
    let mut kept = Vec::with_capacity(ops.len());
    for mut op in ops {
        renamed.apply(&mut op);
        offsets.observe(&op, &label_vars);
        if let (Some(result), Some((var, _))) = (op.result, plus_constant(&op)) {
            let (base, offset) = offsets.base_of(result);
            if offset == 0 && !label_vars.contains(&result) {
                renamed.insert(result, Arg::Var(base));
                continue;
            }
            if base != var {
                op.kind = OpKind::IntBin(IntBinOp::Add);
                op.args = vec![Arg::Var(base), Arg::Int(offset)];
            }
        }
        kept.push(op);
    }
    trace.ops = kept;
}
