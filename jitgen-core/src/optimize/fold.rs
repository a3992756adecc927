//! Constant folding: the value of an op whose operands are all constants, when it has no
//! effect and its value cannot change — a pure operation (the reference backend's meaning),
//! a read of an immutable field of a constant object or of an item of a constant immutable
//! array, or a call of an `#[elidable]` function that cannot fail (made now: its result
//! depends only on its arguments). The tracer folds these while recording; here they fold once other passes
//! made their operands constants (entry conditions, guarded values).

use crate::blackhole::{call_residual, Outcome, Value};
use crate::gc::ARRAY_ITEMS_OFFSET;
use crate::jitcode::eval::load;
use crate::layout::Mutability;
use crate::trace::{Arg, Op, OpKind};

/// The value of `op` (whose operands are all constants), if it folds.
pub(super) fn constant_result(op: &Op) -> Option<Value> {
    let value = |i: usize| op.args[i].constant_value().expect("constants only");
    if let Some(value) = op.kind.pure_value(value) {
        return Some(value);
    }
    match (&op.kind, op.args.as_slice()) {
        (OpKind::GetField(field), [Arg::Ref(Some(object))])
            if field.descr.mutability == Mutability::Immutable =>
        {
            // SAFETY: the tracer took the descriptor from the object's layout type, and the
            // trace keeps the object alive.
            Some(unsafe { load(object.addr() + field.descr.offset, field.descr.kind) })
        }
        (OpKind::GetArrayItem(descr, _), [Arg::Ref(Some(array)), Arg::Int(index)])
            if descr.immutable_items =>
        {
            // SAFETY: an array object starts with its length word.
            let len = unsafe { *(array.addr() as *const usize) };
            let index = usize::try_from(*index).ok().filter(|i| *i < len)?;
            let item = array.addr() + ARRAY_ITEMS_OFFSET + index * descr.item_size;
            // SAFETY: an item in bounds of an array of this descriptor.
            Some(unsafe { load(item, descr.item_kind) })
        }
        (OpKind::Call(descr), args) if descr.elidable && !descr.returns_result => {
            let args: Vec<Value> = (0..args.len()).map(value).collect();
            match call_residual(descr, &args) {
                Outcome::Return(value) => Some(value),
                _ => None,
            }
        }
        _ => None,
    }
}
