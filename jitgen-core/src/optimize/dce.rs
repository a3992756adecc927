//! Dead code elimination: one backward pass dropping pure operations whose result no later
//! op, resume data or `jump` uses.

use foldhash::HashSet;

use super::pure_op;
use crate::trace::{Arg, TraceLoop};

/// Runs the pass.
pub(super) fn run(trace: &mut TraceLoop) {
    let mut used: HashSet<u32> = HashSet::default();
    let mut keep = vec![true; trace.ops.len()];
    for (index, op) in trace.ops.iter().enumerate().rev() {
        if let (true, Some(result)) = (pure_op(&op.kind).is_some(), op.result) {
            if !used.contains(&result) {
                keep[index] = false;
                continue;
            }
        }
        let mut mark = |arg: &Arg| {
            if let Arg::Var(v) = arg {
                used.insert(*v);
            }
        };
        op.args.iter().for_each(&mut mark);
        if let Some(resume) = &op.resume {
            resume.args().for_each(|a| mark(&a));
        }
    }
    let mut index = 0;
    trace.ops.retain(|_| {
        index += 1;
        keep[index - 1]
    });
}
