//! Heap caching of fields and array items, in one forward pass: after `getfield o.f` or
//! `setfield o.f, v`, a later `getfield o.f` gives the known value (the op is dropped, its
//! variable renamed), until something may write `f`: a `setfield` of `f` on another object
//! (which may be the same one under another name), or a call whose effects write `f`
//! (undeclared effects write everything). A `new` object's fields are known from its
//! operands. Array items likewise, by array type, array and index (a constant, or a
//! variable as a base plus a constant offset: `offsets.rs`): a store may change every item of
//! its array type except those of the same array at other constant indices or at other
//! offsets from the same base, and those of surely different arrays; a call forgets them all
//! unless it allocates or is elidable (declared effects cannot name arrays).
//!
//! Stores of fields go too when they change nothing: a `setfield` of the value the field is
//! known to hold, and a `setfield` that a later one of the same field of the same object
//! overwrites before anything may read it (a read of that field of any object, or any op
//! that may read memory or leave the trace for good: a call, an allocation, the final jump).
//! Guards in between do not keep such a store: it becomes a pending store of each of them
//! (`ResumeData::pending`), done when the guard fails, unless a store of the same field to
//! an object that may be the same one came before the guard (then memory at the guard
//! depends on their order, and the store stays).

use std::rc::Rc;

use foldhash::HashMap;

use super::offsets::{self, Offsets};
use super::{arg_key, pure_op, Renames};
use crate::jitcode::FieldRef;
use crate::trace::{Allocation, Arg, Op, OpKind, PendingStore, TraceLoop};

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

/// An array item's index as a map key: a constant, or a variable as its base plus a
/// constant offset (see [`Offsets`]).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Index {
    Const(i64),
    Var(u32, i64),
}

impl Index {
    /// Whether the two indices surely differ: different constants, or different offsets
    /// from the same base.
    fn differs(self, other: Index) -> bool {
        match (self, other) {
            (Index::Const(x), Index::Const(y)) => x != y,
            (Index::Var(a, x), Index::Var(b, y)) => a == b && x != y,
            _ => false,
        }
    }
}

fn index_key(arg: Arg, offsets: &Offsets) -> Option<Index> {
    match arg {
        Arg::Int(i) => Some(Index::Const(i)),
        Arg::Var(v) => {
            let (base, offset) = offsets.base_of(v);
            Some(Index::Var(base, offset))
        }
        _ => None,
    }
}

/// An array item: the array type, the array, the index.
type ItemKey = (&'static str, (bool, u64), Index);

/// Whether two objects (as keys) are surely different: distinct constants.
fn distinct(a: (bool, u64), b: (bool, u64)) -> bool {
    matches!((a, b), ((false, x), (false, y)) if x != y)
}

/// A read of the location `key` into `result`: `true` if its value is known (the read goes,
/// its result renamed to the value), else it becomes known as `result`.
fn read<K: std::hash::Hash + Eq>(
    known: &mut HashMap<K, Arg>,
    key: K,
    result: Option<u32>,
    renamed: &mut Renames,
) -> bool {
    let Some(result) = result else {
        return false;
    };
    match known.get(&key) {
        Some(value) => {
            renamed.insert(result, *value);
            true
        }
        None => {
            known.insert(key, Arg::Var(result));
            false
        }
    }
}

/// A store no op has read yet: where it is among the kept ops, what the field held before it
/// (`None`: unknown), the guards since (whose failures must do it if it goes), and whether a
/// store of the same field to an object that may be the same one came after it (then it may
/// not pass another guard).
struct Pending {
    at: usize,
    before: Option<Arg>,
    guards: Vec<usize>,
    aliased: bool,
}

/// Whether `op` leaves unread stores unread: it reads no mutable memory (fields are handled
/// by the pass itself) and cannot leave the trace (an overflow-checked operation sets the
/// condition its guard tests, nothing else; a division by a constant other than 0 and -1
/// cannot panic).
fn reads_nothing(op: &Op) -> bool {
    let kind = &op.kind;
    pure_op(kind).is_some()
        || matches!(
            kind,
            OpKind::GetField(_)
                | OpKind::SetField(_)
                | OpKind::SameAs
                | OpKind::DebugMergePoint(_)
                | OpKind::IntOvf { .. }
        )
        || matches!((kind, op.args.get(1)), (OpKind::IntDiv { .. }, Some(Arg::Int(d))) if *d != 0 && *d != -1)
}

/// Whether `op` is a guard that reads no memory: its failure may do the stores a later
/// store overwrites (the guards after a call read the call's error, and the call has ended
/// the unread stores anyway).
fn guard_reading_nothing(op: &Op) -> bool {
    op.resume.is_some()
        && matches!(
            op.kind,
            OpKind::GuardTrue
                | OpKind::GuardFalse
                | OpKind::GuardValue
                | OpKind::GuardNoOverflow
                | OpKind::GuardOverflow
                | OpKind::GuardNotInvalidated
        )
}

/// Adds the store `store` (a `setfield` the pass removes) to the resume data of each guard of
/// `kept` at `guards`.
fn delay_store(kept: &mut [Option<Op>], store: &Op, guards: &[usize]) {
    let OpKind::SetField(field) = store.kind else {
        unreachable!("a pending store is a setfield")
    };
    for &at in guards {
        let guard = kept[at].as_mut().expect("the pass keeps every guard");
        let resume = guard.resume.as_mut().expect("a guard's resume data");
        Rc::make_mut(resume).pending.push(PendingStore {
            field,
            object: store.args[0],
            value: store.args[1],
        });
    }
}

/// Runs the pass.
pub(super) fn run(trace: &mut TraceLoop) {
    let mut known: HashMap<(FieldKey, (bool, u64)), Arg> = HashMap::default();
    let mut pending: HashMap<(FieldKey, (bool, u64)), Pending> = HashMap::default();
    let mut items: HashMap<ItemKey, Arg> = HashMap::default();
    let mut renamed = Renames::new(trace);
    let mut offsets = Offsets::default();
    let label_vars = offsets::label_vars(trace);
    let ops = std::mem::take(&mut trace.ops);
    let mut kept: Vec<Option<Op>> = Vec::with_capacity(ops.len());
    for mut op in ops {
        renamed.apply(&mut op);
        offsets.observe(&op, &label_vars);
        if guard_reading_nothing(&op) {
            let guard = kept.len();
            pending.retain(|_, unread| !unread.aliased);
            for unread in pending.values_mut() {
                unread.guards.push(guard);
            }
        } else if !reads_nothing(&op) {
            pending.clear();
        }
        match &op.kind {
            OpKind::GetField(field) => {
                // It may read any object's field: that field's unread stores are read.
                let read_field = field_key(field);
                pending.retain(|(f, _), _| *f != read_field);
                if let Some(object) = object_key(op.args[0]) {
                    let key = (field_key(field), object);
                    if read(&mut known, key, op.result, &mut renamed) {
                        continue;
                    }
                }
            }
            OpKind::SetField(field) => {
                let field = field_key(field);
                let object = object_key(op.args[0]);
                if let Some(object) = object {
                    let key = (field, object);
                    // An unread store of the same field of the same object is overwritten:
                    // it goes, and the field holds what it held before it.
                    if let Some(overwritten) = pending.remove(&key) {
                        let store = kept[overwritten.at].take().expect("a kept store");
                        delay_store(&mut kept, &store, &overwritten.guards);
                        match overwritten.before {
                            Some(value) => known.insert(key, value),
                            None => known.remove(&key),
                        };
                    }
                    // A store of what the field holds already changes nothing.
                    let value = op.args[1];
                    if known
                        .get(&key)
                        .is_some_and(|v| arg_key(*v) == arg_key(value))
                    {
                        continue;
                    }
                }
                let before = object.and_then(|o| known.get(&(field, o)).copied());
                // Two different constant objects are never the same object.
                let other = |o: &(bool, u64)| object.is_some_and(|x| distinct(x, *o));
                known.retain(|(f, o), _| *f != field || other(o));
                // Another object's field may be this one: what it held before its own
                // unread store is no longer known.
                for ((f, o), unread) in pending.iter_mut() {
                    if *f == field && Some(*o) != object && !other(o) {
                        unread.before = None;
                        unread.aliased = true;
                    }
                }
                if let Some(object) = object {
                    known.insert((field, object), op.args[1]);
                    pending.insert(
                        (field, object),
                        Pending {
                            at: kept.len(),
                            before,
                            guards: Vec::new(),
                            aliased: false,
                        },
                    );
                }
            }
            OpKind::GetArrayItem(descr, _) => {
                if let (Some(array), Some(index)) =
                    (object_key(op.args[0]), index_key(op.args[1], &offsets))
                {
                    let key = (descr.name, array, index);
                    if read(&mut items, key, op.result, &mut renamed) {
                        continue;
                    }
                }
            }
            OpKind::SetArrayItem(descr, _) => {
                let array = object_key(op.args[0]);
                let index = index_key(op.args[1], &offsets);
                // Another item of the same array at a surely different index, or of a surely
                // different array, keeps its value.
                let unaffected = |(name, a, i): &ItemKey| {
                    *name != descr.name
                        || array.is_some_and(|x| distinct(x, *a))
                        || (array == Some(*a) && index.is_some_and(|x| x.differs(*i)))
                };
                items.retain(|key, _| unaffected(key));
                if let (Some(array), Some(index)) = (array, index) {
                    items.insert((descr.name, array, index), op.args[2]);
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
            OpKind::Label | OpKind::CallAssembler(_) => {
                known.clear();
                items.clear();
            }
            OpKind::Call(descr) => {
                if descr.effects.writes_everything {
                    known.clear();
                    items.clear();
                } else {
                    for written in &descr.effects.writes_fields {
                        let field = field_key(written);
                        known.retain(|(f, _), _| *f != field);
                    }
                    // Declared effects cannot name arrays: only calls known to write no
                    // memory (allocations, elidable functions) keep array items.
                    if descr.allocates.is_none() && !descr.elidable {
                        items.clear();
                    }
                }
            }
            _ => {}
        }
        kept.push(Some(op));
    }
    trace.ops = kept.into_iter().flatten().collect();
}
