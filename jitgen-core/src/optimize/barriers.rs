//! Write barriers, placed after the passes (which may move allocations): a `write_barrier o`
//! goes right before every store of a reference (not a null constant) into `o`, unless `o`
//! was made in the trace since the last op that may collect (a call, or another allocation),
//! or already had its barrier since then. A generational collector only needs to hear of
//! stores into objects that were there at its last collection; a fresh object is not one.
//! The barriers already in the trace are dropped first, so the step can run again.

use crate::layout::ValueKind;
use crate::trace::{Allocation, Arg, Op, OpKind, TraceLoop};

/// Places the barriers.
pub(super) fn run(trace: &mut TraceLoop) {
    // Objects needing no barrier until something may collect.
    let mut exempt: Vec<Arg> = Vec::new();
    let ops = std::mem::take(&mut trace.ops);
    let mut placed = Vec::with_capacity(ops.len());
    for op in ops {
        let stored = match &op.kind {
            OpKind::WriteBarrier => continue,
            OpKind::SetField(field) => Some(field.descr.kind),
            OpKind::SetArrayItem(descr, _) => Some(descr.item_kind),
            _ => None,
        };
        if Allocation::of(&op.kind).is_some() {
            exempt.clear();
            exempt.extend(op.result.map(Arg::Var));
        } else if matches!(
            op.kind,
            OpKind::Call(_) | OpKind::CallAssembler(_) | OpKind::Label
        ) {
            exempt.clear();
        }
        let value = op.args.last().copied();
        if stored == Some(ValueKind::Ref) && value != Some(Arg::Ref(None)) {
            let object = op.args[0];
            if !exempt.contains(&object) {
                exempt.push(object);
                placed.push(Op {
                    kind: OpKind::WriteBarrier,
                    args: vec![object],
                    result: None,
                    resume: None,
                });
            }
        }
        placed.push(op);
    }
    trace.ops = placed;
}
