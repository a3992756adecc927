//! Common subexpression elimination over pure operations, in one forward pass: an op whose
//! kind and operands repeat an earlier pure op is dropped and its variable replaced by the
//! earlier one's everywhere after (operands, resume data, the final `jump`).

use std::collections::HashMap;

use super::{is_pure, rename};
use crate::trace::{Arg, Op, TraceLoop};

/// Runs the pass.
pub(super) fn run(trace: &mut TraceLoop) {
    let mut renamed: HashMap<u32, Arg> = HashMap::new();
    let mut seen: HashMap<String, u32> = HashMap::new();
    let ops = std::mem::take(&mut trace.ops);
    let mut kept = Vec::with_capacity(ops.len());
    for mut op in ops {
        rename(&mut op, &renamed);
        if let (true, Some(result)) = (is_pure(&op.kind), op.result) {
            let key = key(trace, &op);
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

/// What makes two pure ops equal: the op's text without its result.
fn key(trace: &TraceLoop, op: &Op) -> String {
    let mut bare = op.clone();
    bare.result = None;
    trace.op_text(&bare)
}
