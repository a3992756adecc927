//! Common subexpression elimination over pure operations, in one forward pass: an op whose
//! kind and operands repeat an earlier pure op is dropped and its variable replaced by the
//! earlier one's everywhere after (operands, resume data, the final `jump`).

use foldhash::HashMap;

use super::{arg_key, pure_op, rename, ArgKey, PureOp};
use crate::trace::{Arg, Op, TraceLoop};

/// Runs the pass.
pub(super) fn run(trace: &mut TraceLoop) {
    let mut renamed: HashMap<u32, Arg> = HashMap::default();
    let mut seen: HashMap<(PureOp, Vec<ArgKey>), u32> = HashMap::default();
    let ops = std::mem::take(&mut trace.ops);
    let mut kept = Vec::with_capacity(ops.len());
    for mut op in ops {
        rename(&mut op, &renamed);
        if let (Some(pure), Some(result)) = (pure_op(&op.kind), op.result) {
            let key = (pure, operands(&op));
            match seen.get(&key) {
                Some(&earlier) => {
                    renamed.insert(result, Arg::Var(earlier));
                    continue;
                }
                None => {
                    seen.insert(key, result);
                }
            }
        }
        kept.push(op);
    }
    trace.ops = kept;
}

/// An op's operands exactly.
fn operands(op: &Op) -> Vec<ArgKey> {
    op.args.iter().copied().map(arg_key).collect()
}
