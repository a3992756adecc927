//! Allocation removal: an object a trace allocates (a `new`, or a call whose
//! `CallDescr::allocates` is set) stays *virtual* — it is not made, its fields live in
//! variables — until it
//! escapes: passed to a call, stored into memory, passed to the next iteration, compared
//! by value. There the allocation is made, with the fields' current values. Reads and
//! writes of its argument fields use the variables, its class and non-nullness are known,
//! and a guard that fails with the object still virtual makes it then (resume data list it
//! as a [`VirtualObject`]).
//!
//! A virtual object may hold other virtual objects in its fields (or items); resume data list
//! them so that each comes after those it holds, and a write that would close a cycle makes
//! the stored object first.
//!
//! An array from `GcArray::new(len, fill)` with a small constant `len` is virtual the same
//! way: its items live in variables (its operands are the call's two, then the items),
//! reads and writes at constant indices use them, its length is known; an access at a
//! variable index makes it.

use foldhash::HashMap;
use std::rc::Rc;

use super::Renames;
use crate::trace::{Allocation, Arg, Op, OpKind, TraceLoop, VirtualObject};

/// The longest array kept virtual.
const MAX_VIRTUAL_ITEMS: i64 = 64;

/// A virtual object: its allocation, the fields' current values, and when it was created.
#[derive(Clone)]
struct Virtual {
    alloc: Allocation,
    fields: Vec<Arg>,
    created: usize,
}

/// The pass's state: the virtual objects by variable.
#[derive(Default)]
struct Virtuals {
    objects: HashMap<u32, Virtual>,
    created: usize,
}

impl Virtuals {
    fn get(&self, arg: Arg) -> Option<&Virtual> {
        match arg {
            Arg::Var(v) => self.objects.get(&v),
            _ => None,
        }
    }

    /// Makes `arg` (if virtual) a real object: appends its allocation (after those of the
    /// virtual objects it holds) to `out`, under its own variable.
    fn materialize(&mut self, arg: Arg, out: &mut Vec<Op>) {
        let Arg::Var(var) = arg else {
            return;
        };
        let Some(object) = self.objects.remove(&var) else {
            return;
        };
        for field in &object.fields {
            self.materialize(*field, out);
        }
        out.push(Op {
            kind: object.alloc.op_kind(),
            args: object.alloc.made_from(&object.fields).to_vec(),
            result: Some(var),
            resume: None,
        });
        out.extend(object.alloc.item_stores(Arg::Var(var), &object.fields));
    }

    /// The virtual array `array`'s operand holding item `index`, if both are known (a
    /// constant index within its length).
    fn item(&self, array: Arg, index: Arg) -> Option<usize> {
        let object = self.get(array)?;
        object.alloc.array()?;
        let Arg::Int(index) = index else {
            return None;
        };
        let len = object.fields.len() - 2;
        (0..len as i64)
            .contains(&index)
            .then_some(2 + index as usize)
    }

    /// The virtual objects `args` reach, for resume data: in creation order, except that
    /// each comes after the virtual objects its fields hold.
    fn reachable(&self, args: impl Iterator<Item = Arg>) -> Vec<VirtualObject> {
        let mut found: Vec<u32> = Vec::new();
        for arg in args {
            self.list(arg, &mut found);
        }
        found.sort_by_key(|var| self.objects[var].created);
        let mut listed: Vec<u32> = Vec::new();
        for var in found {
            self.list(Arg::Var(var), &mut listed);
        }
        listed
            .into_iter()
            .map(|var| {
                let object = &self.objects[&var];
                VirtualObject {
                    var,
                    alloc: object.alloc.clone(),
                    args: object.fields.clone(),
                }
            })
            .collect()
    }

    /// Appends `arg` (if virtual and not listed yet) to `listed`, after what it holds.
    fn list(&self, arg: Arg, listed: &mut Vec<u32>) {
        let (Arg::Var(var), Some(object)) = (arg, self.get(arg)) else {
            return;
        };
        if listed.contains(&var) {
            return;
        }
        for field in &object.fields {
            self.list(*field, listed);
        }
        listed.push(var);
    }

    /// Whether `from` is, or holds (through virtual objects' fields), the virtual object
    /// `to`.
    fn reaches(&self, from: Arg, to: Arg) -> bool {
        from == to
            || self
                .get(from)
                .is_some_and(|object| object.fields.iter().any(|f| self.reaches(*f, to)))
    }

    /// Stores `value` into operand `index` of the virtual object `object`: `false` if the
    /// object is not virtual any more (the store must happen for real). A value that holds
    /// the object is made first (no cycle among virtual objects).
    fn store(&mut self, object: Arg, index: usize, value: Arg, out: &mut Vec<Op>) -> bool {
        if self.reaches(value, object) {
            self.materialize(value, out);
        }
        let Arg::Var(var) = object else {
            return false;
        };
        match self.objects.get_mut(&var) {
            Some(object) => {
                object.fields[index] = value;
                true
            }
            None => false,
        }
    }
}

/// Runs the pass.
pub(super) fn run(trace: &mut TraceLoop) {
    let mut virtuals = Virtuals::default();
    let mut replaced = Renames::new(trace);
    let ops = std::mem::take(&mut trace.ops);
    let mut kept = Vec::with_capacity(ops.len());
    for mut op in ops {
        replaced.apply(&mut op);
        if let Some(known) = on_virtual(&mut virtuals, &op, &mut kept) {
            if let (Some(result), Some(value)) = (op.result, known) {
                replaced.insert(result, value);
            }
            continue;
        }
        if virtuals.objects.is_empty() {
            kept.push(op);
            continue;
        }
        // Any other use makes the object real first.
        for i in 0..op.args.len() {
            virtuals.materialize(op.args[i], &mut kept);
        }
        if let Some(resume) = &op.resume {
            let reached = virtuals.reachable(resume.args());
            if !reached.is_empty() {
                // New virtual objects never hold those an earlier run listed (those have
                // no variable in the trace): they are made first.
                let mut resume = (**resume).clone();
                resume.virtuals.splice(0..0, reached);
                op.resume = Some(Rc::new(resume));
            }
        }
        kept.push(op);
    }
    trace.ops = kept;
}

/// Handles `op` if it creates a virtual object or only reads or writes one: `Some` with
/// the op's known result (if it has one), the op being dropped. `None`: keep the op.
fn on_virtual(virtuals: &mut Virtuals, op: &Op, out: &mut Vec<Op>) -> Option<Option<Arg>> {
    match &op.kind {
        OpKind::New(_) | OpKind::Call(_) => {
            let alloc = Allocation::of(&op.kind)?;
            let mut fields = op.args.clone();
            if alloc.array().is_some() {
                // A short array of a known length: one operand per item too.
                let len = match op.args[0] {
                    Arg::Int(len) if (0..=MAX_VIRTUAL_ITEMS).contains(&len) => len,
                    _ => return None,
                };
                fields.extend(std::iter::repeat_n(op.args[1], len as usize));
            }
            let created = virtuals.created;
            virtuals.created += 1;
            let object = Virtual {
                alloc,
                fields,
                created,
            };
            virtuals.objects.insert(op.result?, object);
            Some(None)
        }
        OpKind::GetField(field) => {
            let object = virtuals.get(op.args[0])?;
            let index = object.alloc.operand_of(field)?;
            Some(Some(object.fields[index]))
        }
        OpKind::WriteBarrier => {
            // Nothing has seen a virtual object: no collector needs to hear of its stores.
            virtuals.get(op.args[0])?;
            Some(None)
        }
        OpKind::SetField(field) => {
            let object = virtuals.get(op.args[0])?;
            let index = object.alloc.operand_of(field)?;
            virtuals
                .store(op.args[0], index, op.args[1], out)
                .then_some(None)
        }
        OpKind::GetArrayItem(..) => {
            let index = virtuals.item(op.args[0], op.args[1])?;
            Some(Some(virtuals.get(op.args[0])?.fields[index]))
        }
        OpKind::SetArrayItem(..) => {
            let index = virtuals.item(op.args[0], op.args[1])?;
            virtuals
                .store(op.args[0], index, op.args[2], out)
                .then_some(None)
        }
        OpKind::ArrayLen => {
            let object = virtuals.get(op.args[0])?;
            object.alloc.array()?;
            Some(Some(Arg::Int(object.fields.len() as i64 - 2)))
        }
        OpKind::ClassIs(info) => {
            let object = virtuals.get(op.args[0])?;
            Some(Some(Arg::Int(
                std::ptr::eq(object.alloc.type_info(), *info) as i64,
            )))
        }
        OpKind::IsNull => {
            virtuals.get(op.args[0])?;
            Some(Some(Arg::Int(0)))
        }
        OpKind::PtrEq { negate } => {
            let (a, b) = (op.args[0], op.args[1]);
            if virtuals.get(a).is_none() && virtuals.get(b).is_none() {
                return None;
            }
            // A virtual object is only ever equal to itself: nothing else has seen it.
            Some(Some(Arg::Int(((a == b) != *negate) as i64)))
        }
        _ => None,
    }
}
