//! Common subexpression elimination over pure operations, in one forward pass: an op whose
//! kind and operands repeat an earlier pure op is dropped and its variable replaced by the
//! earlier one's everywhere after (operands, resume data, the final `jump`).

use std::collections::HashMap;

use super::{is_pure, rename};
use crate::trace::{Arg, Op, TraceLoop};

/// Runs the pass.
pub(super) fn run(trace: &mut TraceLoop) {
    let mut renamed: HashMap<u32, Arg> = HashMap::new();
    let mut seen: HashMap<(String, Vec<(u8, u64)>), u32> = HashMap::new();
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
/// The op's text without result and operands (the operation and its descriptor), and its
/// operands exactly (the text shows only a reference constant's type).
fn key(trace: &TraceLoop, op: &Op) -> (String, Vec<(u8, u64)>) {
    let bare = Op {
        kind: op.kind.clone(),
        args: Vec::new(),
        result: None,
        resume: None,
    };
    let operands = op
        .args
        .iter()
        .map(|arg| match *arg {
            Arg::Var(v) => (0, u64::from(v)),
            Arg::Int(v) => (1, v as u64),
            Arg::Float(v) => (2, v.to_bits()),
            Arg::Ref(r) => (3, r.map_or(0, |r| r.addr() as u64)),
        })
        .collect();
    (trace.op_text(&bare), operands)
}
