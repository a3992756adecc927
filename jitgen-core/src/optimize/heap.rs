//! Heap caching of fields, in one forward pass: after `getfield o.f` or `setfield o.f, v`, a
//! later `getfield o.f` gives the known value (the op is dropped, its variable renamed),
//! until something may write `f`: a `setfield` of `f` on another object (which may be the
//! same one under another name), or a call whose effects write `f` (undeclared effects write
//! everything). A `new` object's fields are known from its operands.

use std::collections::HashMap;

use super::rename;
use crate::jitcode::FieldRef;
use crate::trace::{Allocation, Arg, OpKind, TraceLoop};

/// A field of a layout struct, by owner and offset.
type FieldKey = (&'static str, usize);

fn field_key(field: &FieldRef) -> FieldKey {
    (field.owner, field.descr.offset)
}

/// The object operand as a map key (variables and constant references).
fn object_key(arg: Arg) -> Option<(bool, u64)> {
    match arg {
        Arg::Var(v) => Some((true, u64::from(v))),
        Arg::Ref(Some(r)) => Some((false, r.addr() as u64)),
        _ => None,
    }
}

/// Runs the pass.
pub(super) fn run(trace: &mut TraceLoop) {
    let mut known: HashMap<(FieldKey, (bool, u64)), Arg> = HashMap::new();
    let mut renamed: HashMap<u32, Arg> = HashMap::new();
    let ops = std::mem::take(&mut trace.ops);
    let mut kept = Vec::with_capacity(ops.len());
    for mut op in ops {
        rename(&mut op, &renamed);
        match &op.kind {
            OpKind::GetField(field) => {
                if let Some(object) = object_key(op.args[0]) {
                    let key = (field_key(field), object);
                    match (known.get(&key), op.result) {
                        (Some(value), Some(result)) => {
                            renamed.insert(result, *value);
                            continue;
                        }
                        (_, Some(result)) => {
                            known.insert(key, Arg::Var(result));
                        }
                        _ => {}
                    }
                }
            }
            OpKind::SetField(field) => {
                let field = field_key(field);
                let object = object_key(op.args[0]);
                // Two different constant objects are never the same object.
                let distinct = |other: &(bool, u64)| matches!((object, other), (Some((false, a)), (false, b)) if a != *b);
                known.retain(|(f, o), _| *f != field || distinct(o));
                if let Some(object) = object {
                    known.insert((field, object), op.args[1]);
                }
            }
            // A new object's fields are its operands.
            OpKind::New(_) => {
                let alloc = Allocation::of(&op.kind).expect("an allocation");
                if let Some(result) = op.result {
                    for (field, value) in alloc.fields().iter().zip(&op.args) {
                        known.insert((field_key(field), (true, u64::from(result))), *value);
                    }
                }
            }
            // The loop comes back here with whatever the previous iteration wrote; a
            // portal call may do anything.
            OpKind::Label | OpKind::CallAssembler(_) => known.clear(),
            OpKind::Call(descr) => {
                if descr.effects.writes_everything {
                    known.clear();
                } else {
                    for written in &descr.effects.writes_fields {
                        let field = field_key(written);
                        known.retain(|(f, _), _| *f != field);
                    }
                }
            }
            _ => {}
        }
        kept.push(op);
    }
    trace.ops = kept;
}
