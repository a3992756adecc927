//! Common subexpression elimination over pure operations, in one forward pass: an op whose
//! kind and operands repeat an earlier pure op is dropped and its variable replaced by the
//! earlier one's everywhere after (operands, resume data, the final `jump`).

use foldhash::HashMap;
use std::collections::hash_map::Entry;

use super::{arg_key, pure_op, ArgKey, PureOp, Renames};
use crate::trace::{Arg, Op, TraceLoop};

/// Runs the pass.
pub(super) fn run(trace: &mut TraceLoop) {
    let mut renamed = Renames::new(trace);
    let mut seen: HashMap<(PureOp, Operands), u32> = HashMap::default();
    let ops = std::mem::take(&mut trace.ops);
    let mut kept = Vec::with_capacity(ops.len());
    for mut op in ops {
        renamed.apply(&mut op);
        if let (Some(pure), Some(result)) = (pure_op(&op.kind), op.result) {
            match seen.entry((pure, operands(&op))) {
                Entry::Occupied(earlier) => {
                    renamed.insert(result, Arg::Var(*earlier.get()));
                    continue;
                }
                Entry::Vacant(slot) => {
                    slot.insert(result);
                }
            }
        }
        kept.push(op);
    }
    trace.ops = kept;
}

/// A pure op's one or two operands exactly (a missing second one as a key no operand has).
type Operands = (ArgKey, ArgKey);

/// The operands of `op`, a pure op.
fn operands(op: &Op) -> Operands {
    const NONE: ArgKey = (u8::MAX, 0);
    debug_assert!(op.args.len() <= 2, "pure ops take one or two operands");
    let key = |i: usize| op.args.get(i).copied().map_or(NONE, arg_key);
    (key(0), key(1))
}
