//! How a value a peeled loop passes to its next iteration travels through the `label`
//! (`peel.rs`): as it is, or — a fresh object the loop made, still virtual at the `jump` — as
//! its fields' values, or a fresh array of constant length as its items' values, each of
//! those again as it is or unboxed, so a tree of objects made in every iteration (an
//! instance with its storage array and the boxed numbers in it) costs no allocation.

use foldhash::{HashMap, HashSet};

use crate::jitcode::{FieldRef, Kind};
use crate::metainterp::vable;
use crate::trace::{Allocation, Arg, IndexCheck, Op, OpKind, TraceLoop};

/// How deep unboxing goes (objects in objects).
const MAX_DEPTH: usize = 3;
/// The longest array unboxed.
const MAX_ITEMS: i64 = 16;

/// How a value travels through the label.
pub(super) enum Shape {
    /// As it is.
    Value,
    /// A fresh object (made by the op defining `var` in the loop's body), as its fields.
    Object {
        alloc: Allocation,
        var: u32,
        fields: Vec<(FieldRef, Shape)>,
    },
    /// A fresh `GcArray::new(len, fill)` (made by the op defining `var`), as its items.
    Array {
        alloc: Allocation,
        var: u32,
        len: i64,
        fill: Arg,
        items: Vec<Shape>,
    },
}

/// What the loop's body says about the objects it makes: the ops defining variables, and
/// the stores into fields and array items, in order.
pub(super) struct Made<'t> {
    defs: HashMap<u32, &'t Op>,
    stores: Vec<&'t Op>,
}

impl<'t> Made<'t> {
    /// Reads `body`.
    pub(super) fn new(body: &'t [Op]) -> Made<'t> {
        Made {
            defs: body
                .iter()
                .filter_map(|op| Some((op.result?, op)))
                .collect(),
            stores: body
                .iter()
                .filter(|op| matches!(op.kind, OpKind::SetField(_) | OpKind::SetArrayItem(..)))
                .collect(),
        }
    }

    /// The allocation that defines `arg`, if the body makes it.
    pub(super) fn allocation(&self, arg: Arg) -> Option<Allocation> {
        let Arg::Var(v) = arg else { return None };
        Allocation::of(&self.defs.get(&v)?.kind)
    }

    /// The shape of the object `arg` that the jump passes directly (`seen` holds it, and
    /// every object already unboxed or passed directly).
    pub(super) fn root_shape(&self, arg: Arg, seen: &mut HashSet<u32>) -> Shape {
        if let Arg::Var(var) = arg {
            seen.remove(&var);
        }
        self.shape(arg, seen, 0)
    }

    /// The shape of `arg` at the end of the body: unboxed when the body makes it (and it is
    /// not unboxed or passed elsewhere already: `seen`), within the depth and length limits.
    fn shape(&self, arg: Arg, seen: &mut HashSet<u32>, depth: usize) -> Shape {
        let (Arg::Var(var), true) = (arg, depth < MAX_DEPTH) else {
            return Shape::Value;
        };
        let Some(op) = self.defs.get(&var) else {
            return Shape::Value;
        };
        let Some(alloc) = Allocation::of(&op.kind) else {
            return Shape::Value;
        };
        if !seen.insert(var) {
            return Shape::Value;
        }
        if alloc.array().is_some() {
            return self.array_shape(alloc, var, &op.args, seen, depth);
        }
        let fields = alloc
            .fields()
            .into_iter()
            .zip(&op.args)
            .map(|(field, &initial)| {
                let value = self.last_store(var, |kind, args| {
                    matches!(kind, OpKind::SetField(f) if *f == field).then(|| args[1])
                });
                let value = value.unwrap_or(initial);
                (field, self.shape(value, seen, depth + 1))
            })
            .collect();
        Shape::Object { alloc, var, fields }
    }

    /// [`Self::shape`] of the array `GcArray::new(args[0], args[1])` defined as `var`: its
    /// items unboxed if its length is a small constant and every store into it has a
    /// constant index.
    fn array_shape(
        &self,
        alloc: Allocation,
        var: u32,
        args: &[Arg],
        seen: &mut HashSet<u32>,
        depth: usize,
    ) -> Shape {
        let (Arg::Int(len), fill) = (args[0], args[1]) else {
            return Shape::Value;
        };
        let stores_of =
            |op: &&&Op| matches!(op.kind, OpKind::SetArrayItem(..)) && op.args[0] == Arg::Var(var);
        let constant_indices = self
            .stores
            .iter()
            .filter(stores_of)
            .all(|op| op.args[1].is_const());
        if !(0..=MAX_ITEMS).contains(&len) || !fill.is_const() || !constant_indices {
            seen.remove(&var);
            return Shape::Value;
        }
        let items = (0..len)
            .map(|index| {
                let value = self.last_store(var, |kind, args| {
                    let at = matches!(kind, OpKind::SetArrayItem(..)) && args[1] == Arg::Int(index);
                    at.then(|| args[2])
                });
                self.shape(value.unwrap_or(fill), seen, depth + 1)
            })
            .collect();
        Shape::Array {
            alloc,
            var,
            len,
            fill,
            items,
        }
    }

    /// The value the last store into the object `var` that `matching` recognizes wrote.
    fn last_store(
        &self,
        var: u32,
        matching: impl Fn(&OpKind, &[Arg]) -> Option<Arg>,
    ) -> Option<Arg> {
        self.stores
            .iter()
            .rev()
            .filter(|op| op.args[0] == Arg::Var(var))
            .find_map(|op| matching(&op.kind, &op.args))
    }
}

impl Shape {
    /// The values that carry `value` of this shape: read out of it (`getfield`,
    /// `getarrayitem` with constant indices, which the virtuals pass resolves) into fresh
    /// variables of `trace`.
    pub(super) fn flatten(&self, trace: &mut TraceLoop, value: Arg, out: &mut Vec<Arg>) {
        match self {
            Shape::Value => out.push(value),
            Shape::Object { fields, .. } => {
                for (field, shape) in fields {
                    let var = trace.new_var(vable::kind_of(field.descr.kind));
                    trace.push_op(op(OpKind::GetField(*field), vec![value], Some(var)));
                    shape.flatten(trace, Arg::Var(var), out);
                }
            }
            Shape::Array {
                alloc, len, items, ..
            } => {
                let descr = *alloc.array().expect("an array");
                for (index, shape) in (0..*len).zip(items) {
                    let var = trace.new_var(vable::kind_of(descr.item_kind));
                    let read = OpKind::GetArrayItem(descr, IndexCheck::Checked);
                    trace.push_op(op(read, vec![value, Arg::Int(index)], Some(var)));
                    shape.flatten(trace, Arg::Var(var), out);
                }
            }
        }
    }

    /// Makes the value again from the values `carried` (in [`Self::flatten`]'s order), in
    /// `trace`: the same allocations, still virtual.
    pub(super) fn rebuild(
        &self,
        trace: &mut TraceLoop,
        carried: &mut impl Iterator<Item = Arg>,
    ) -> Arg {
        match self {
            Shape::Value => carried.next().expect("a carried value"),
            Shape::Object { alloc, fields, .. } => {
                let args = fields
                    .iter()
                    .map(|(_, shape)| shape.rebuild(trace, carried))
                    .collect();
                let var = trace.new_var(Kind::Ref);
                trace.push_op(op(alloc.op_kind(), args, Some(var)));
                Arg::Var(var)
            }
            Shape::Array {
                alloc,
                len,
                fill,
                items,
                ..
            } => {
                let values: Vec<Arg> = items.iter().map(|s| s.rebuild(trace, carried)).collect();
                let var = trace.new_var(Kind::Ref);
                trace.push_op(op(alloc.op_kind(), vec![Arg::Int(*len), *fill], Some(var)));
                let descr = *alloc.array().expect("an array");
                for (index, value) in values.into_iter().enumerate() {
                    let store = OpKind::SetArrayItem(descr, IndexCheck::Checked);
                    let args = vec![Arg::Var(var), Arg::Int(index as i64), value];
                    trace.push_op(op(store, args, None));
                }
                Arg::Var(var)
            }
        }
    }

    /// The body's variables of the objects unboxed (this one's and those inside it).
    pub(super) fn vars(&self, out: &mut Vec<u32>) {
        match self {
            Shape::Value => {}
            Shape::Object { var, fields, .. } => {
                out.push(*var);
                fields.iter().for_each(|(_, shape)| shape.vars(out));
            }
            Shape::Array { var, items, .. } => {
                out.push(*var);
                items.iter().for_each(|shape| shape.vars(out));
            }
        }
    }
}

/// An op without resume data.
pub(super) fn op(kind: OpKind, args: Vec<Arg>, result: Option<u32>) -> Op {
    Op {
        kind,
        args,
        result,
        resume: None,
    }
}
