//! The write barrier: [`write_barrier`], the one hook every store of a reference into a heap
//! object goes through, and the check (on in stress mode) that none bypasses it.
//!
//! The collector marks the whole heap, so it needs to hear of no store; a generational one
//! would need to hear of every store of a reference into an *older* object, one that was
//! already allocated at the last collection (stores into objects allocated since need
//! nothing: the optimizer's barrier pass relies on that). The hook is there now so that every
//! store path (the GC collections' methods, `Mut::set`, the blackhole interpreter, the
//! virtualizable write-back, a guard's pending stores, compiled code's `write_barrier` op)
//! already goes through it, and so that the check below proves it.
//!
//! **The check.** At the end of each collection, every surviving object that may hold
//! references is traced once more and the set of objects it references is remembered, with
//! a "barrier seen" bit cleared. The hook sets the bit of the object it is given (any
//! address inside it: the object's own or a field's). At the next collection, an object
//! remembered from the last one that still lives and now references an object it did not
//! reference then, without its bit set, took a store of a reference that bypassed the hook:
//! the collection panics, naming the object's type. The check is exact: no object is freed
//! between two collections, so a remembered address that is still allocated at the next one
//! is the same object (a slot freed and reused holds a young object, never remembered).
//! Shrinking stores (a popped item, a deleted table entry) add no reference and need no
//! barrier.
//!
//! One indirection is allowed: the items of a `GcVec` live in an untraced `GcBuffer`, and
//! compiled code stores into that buffer (its `write_barrier` op names the buffer, the object
//! stored into); a barrier on an untraced object covers the objects that reference it.

use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::atomic::{AtomicU32, Ordering};

use crate::gc::heap::header_type_info;
use crate::gc::trace::{Sink, Tracer};

/// How many threads' heaps check write barriers now. [`write_barrier`] and compiled code's
/// `write_barrier` op test this word and call [`write_barrier_slow`] only when it is nonzero,
/// so the hook costs one load and branch otherwise.
pub static BARRIER_CHECKS: AtomicU32 = AtomicU32::new(0);

/// The write barrier: to be called with the address of a heap object (or of a field or item
/// inside it) around every store of a reference into it, with no allocation between the
/// call and the store. Does nothing unless this thread's heap checks barriers (stress mode).
#[inline(always)]
pub fn write_barrier(addr: usize) {
    if BARRIER_CHECKS.load(Ordering::Relaxed) != 0 {
        write_barrier_slow(addr);
    }
}

/// The out-of-line part of [`write_barrier`] (compiled code calls it when
/// [`BARRIER_CHECKS`] is nonzero): notes the barrier for the check, if this thread's heap
/// checks barriers.
#[cold]
#[inline(never)]
pub extern "C" fn write_barrier_slow(addr: usize) {
    let _ = CHECK.try_with(|check| {
        if let Some(check) = check.borrow_mut().as_mut() {
            check.note(addr);
        }
    });
}

thread_local! {
    // The check's state, while this thread's heap checks barriers.
    static CHECK: RefCell<Option<BarrierCheck>> = const { RefCell::new(None) };
}

/// An object remembered at the last collection.
struct Remembered {
    /// The object's address.
    addr: usize,
    /// The end of its slot.
    end: usize,
    /// The objects it referenced, in the order its `Trace` impl gave them:
    /// `refs[start..start + len]` of [`BarrierCheck`].
    start: usize,
    len: usize,
    /// Whether a barrier named it since.
    seen: bool,
}

/// The check's state: the objects remembered at the last collection.
struct BarrierCheck {
    /// Sorted by address.
    objects: Vec<Remembered>,
    refs: Vec<usize>,
    /// Addresses given to the hook that are no remembered object (young objects, untraced
    /// buffers).
    other: HashSet<usize>,
    /// The storage of the previous `objects` and `refs`, reused.
    spare_objects: Vec<Remembered>,
    spare_refs: Vec<usize>,
}

impl BarrierCheck {
    fn new() -> BarrierCheck {
        BARRIER_CHECKS.fetch_add(1, Ordering::Relaxed);
        BarrierCheck {
            objects: Vec::new(),
            refs: Vec::new(),
            other: HashSet::new(),
            spare_objects: Vec::new(),
            spare_refs: Vec::new(),
        }
    }

    fn note(&mut self, addr: usize) {
        let i = self.objects.partition_point(|o| o.addr <= addr);
        match i.checked_sub(1).map(|i| &mut self.objects[i]) {
            Some(object) if addr < object.end => object.seen = true,
            _ => {
                self.other.insert(addr);
            }
        }
    }
}

impl Drop for BarrierCheck {
    fn drop(&mut self) {
        BARRIER_CHECKS.fetch_sub(1, Ordering::Relaxed);
    }
}

/// Turns the check on or off for this thread (on: it starts with the next collection).
pub(crate) fn set_checking(on: bool) {
    let _ = CHECK.try_with(|check| {
        let mut check = check.borrow_mut();
        match (on, check.is_some()) {
            (true, false) => *check = Some(BarrierCheck::new()),
            (false, true) => *check = None,
            _ => {}
        }
    });
}

/// Whether this thread's heap checks barriers.
pub(crate) fn checking() -> bool {
    CHECK.try_with(|c| c.borrow().is_some()).unwrap_or(false)
}

/// Called at the end of a collection with `each_object`, which calls its argument with the
/// address and slot end of every live object that may hold references, in address order:
/// checks each object remembered from the last collection, then remembers the survivors.
/// Returns a description of the first missed barrier found.
///
/// # Safety
/// The objects `each_object` gives must be live and initialized, and so must every object
/// they reference.
pub(crate) unsafe fn check_and_remember(
    each_object: impl FnOnce(&mut dyn FnMut(usize, usize)),
) -> Option<String> {
    CHECK
        .try_with(|check| {
            let mut check = check.borrow_mut();
            let check = check.as_mut()?;
            let old_objects = std::mem::take(&mut check.objects);
            let old_refs = std::mem::take(&mut check.refs);
            let (mut objects, mut refs) = (
                std::mem::take(&mut check.spare_objects),
                std::mem::take(&mut check.spare_refs),
            );
            objects.clear();
            refs.clear();
            let mut old = old_objects.iter().peekable();
            let mut missed = None;
            each_object(&mut |addr, end| {
                let start = refs.len();
                let mut tracer = Tracer {
                    sink: Sink::Record(&mut refs),
                };
                // SAFETY: a live, initialized object (the caller's promise).
                unsafe { (header_type_info(addr).trace)(addr as *const u8, &mut tracer) };
                while old.next_if(|o| o.addr < addr).is_some() {}
                if let Some(o) = old.next_if(|o| o.addr == addr) {
                    let was = &old_refs[o.start..o.start + o.len];
                    // The same references in the same order (the common case) add nothing.
                    if !o.seen && missed.is_none() && was != &refs[start..] {
                        missed = new_reference(was, &refs[start..], &check.other)
                            .map(|r| describe(addr, r));
                    }
                }
                objects.push(Remembered {
                    addr,
                    end,
                    start,
                    len: refs.len() - start,
                    seen: false,
                });
            });
            check.objects = objects;
            check.refs = refs;
            check.spare_objects = old_objects;
            check.spare_refs = old_refs;
            check.other.clear();
            missed
        })
        .ok()
        .flatten()
}

/// A reference in `now` that is not in `was` and that no barrier on an untraced object in
/// `now` covers.
fn new_reference(was: &[usize], now: &[usize], other: &HashSet<usize>) -> Option<usize> {
    let mut was = was.to_vec();
    was.sort_unstable();
    let added = now.iter().copied().find(|r| was.binary_search(r).is_err());
    let covered = || {
        now.iter().any(|&r| {
            // SAFETY: `r` is a live object (see `check_and_remember`).
            other.contains(&r) && !unsafe { header_type_info(r) }.has_refs
        })
    };
    added.filter(|_| !covered())
}

/// The panic message for the object at `addr`, which now references `added` without a
/// barrier.
fn describe(addr: usize, added: usize) -> String {
    // SAFETY: both are live objects (see `check_and_remember`).
    let (object, referent) = unsafe { (header_type_info(addr), header_type_info(added)) };
    let fields: Vec<&str> = object.fields.iter().map(|f| f.name).collect();
    format!(
        "missed write barrier: a {} object at {addr:#x} (fields: [{}]) that survived the last \
         collection now references a {} at {added:#x} it did not reference then, and no \
         store into it since went through gc::write_barrier. Suspect a store that bypasses the \
         hook: a raw pointer write into the object, a GcArray/GcVec/GcTable method, the \
         blackhole interpreter's setfield/setarrayitem, the virtualizable write-back, a \
         guard's pending stores, or compiled code missing its write_barrier op",
        object.name,
        fields.join(", "),
        referent.name,
    )
}

#[cfg(test)]
mod tests {
    use crate::gc::{
        self, Gc, GcArray, GcRef, GcTable, GcType, GcVec, Mut, QuasiImmut, Trace, Tracer, TypeInfo,
        ARRAY_ITEMS_OFFSET,
    };
    use crate::layout::{field_id, HasField};

    /// An object with a mutable and a quasi-immutable reference field.
    struct Holder {
        next: Mut<Option<GcRef>>,
        quasi: QuasiImmut<Option<GcRef>>,
    }

    unsafe impl Trace for Holder {
        fn trace(&self, tracer: &mut Tracer<'_>) {
            self.next.trace(tracer);
            self.quasi.trace(tracer);
        }
    }

    unsafe impl GcType for Holder {
        fn type_info() -> &'static TypeInfo {
            static INFO: TypeInfo = TypeInfo::of::<Holder>("Holder", &[]);
            &INFO
        }
    }

    /// A fresh object: young when stored, since stress mode collects before each allocation.
    fn young() -> GcRef {
        GcArray::new(1, 0i64).erase()
    }

    /// Runs `f` in stress mode, the check on, and turns stress mode off again.
    fn stressed<R>(f: impl FnOnce() -> R) -> R {
        gc::set_stress(true);
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
        gc::set_stress(false);
        result.unwrap_or_else(|e| std::panic::resume_unwind(e))
    }

    #[test]
    fn stores_through_every_api_pass_the_check() {
        stressed(|| {
            let holder = Gc::new(Holder {
                next: Mut::new(None),
                quasi: QuasiImmut::new(None),
            });
            let array = GcArray::<Option<GcRef>>::new(4, None);
            let vec = GcVec::<GcRef>::new();
            let table = GcTable::<i64, GcRef>::new();
            gc::collect();
            for i in 0..40 {
                holder.next.set(Some(young()));
                holder.next.replace(Some(young()));
                holder.quasi.set(Some(young()));
                array.set(i % 4, Some(young()));
                vec.push(young());
                vec.set(0, young());
                vec.insert(0, young());
                table.insert(i as i64 % 7, young());
                let live = (0..table.entry_slots()).find(|&j| table.entry_at(j).is_some());
                table.set_value_at(live.expect("a live entry"), young());
                if i % 3 == 0 {
                    vec.remove(0);
                    vec.pop();
                    table.remove(i as i64 % 7);
                }
            }
            gc::collect();
            assert_eq!(vec.len(), 40 + 40 - 2 * 14);
        });
    }

    #[test]
    fn a_store_that_bypasses_the_hook_is_caught() {
        let message = stressed(|| {
            let array = GcArray::<Option<GcRef>>::new(1, None);
            gc::collect();
            let item = young();
            // SAFETY: the array's one item, written without the barrier on purpose.
            unsafe { *((array.addr() + ARRAY_ITEMS_OFFSET) as *mut Option<GcRef>) = Some(item) };
            let caught = std::panic::catch_unwind(gc::collect).expect_err("the check panics");
            assert_eq!(array.get(0), Some(item));
            caught.downcast::<String>().expect("a formatted message")
        });
        assert!(
            message.contains("missed write barrier: a GcArray object"),
            "{message}"
        );
        assert!(message.contains("references a GcArray"), "{message}");
    }

    #[test]
    fn a_bypassing_store_into_a_young_object_or_a_shrinking_one_passes() {
        stressed(|| {
            let vec = GcVec::<GcRef>::new();
            vec.push(young());
            vec.push(young());
            gc::collect();
            // Removing references needs no barrier.
            vec.pop();
            gc::collect();
            // Nor does a store into an object allocated since the last collection.
            let array = GcArray::<Option<GcRef>>::new(1, None);
            let item = vec.get(0);
            // SAFETY: the fresh array's one item.
            unsafe { *((array.addr() + ARRAY_ITEMS_OFFSET) as *mut Option<GcRef>) = Some(item) };
            gc::collect();
            assert_eq!(array.get(0), Some(item));
        });
    }

    #[test]
    fn a_barrier_on_a_vectors_buffer_covers_the_vector() {
        stressed(|| {
            let vec = GcVec::<GcRef>::new();
            vec.push(young());
            gc::collect();
            let item = young();
            // As compiled code stores an item: into the buffer, the barrier naming it.
            let offset = <GcVec<GcRef> as HasField<{ field_id("buffer") }>>::DESCR.offset;
            // SAFETY: the vector's buffer field.
            let buffer = unsafe { *((vec.addr() + offset) as *const usize) };
            super::write_barrier(buffer);
            // SAFETY: the vector's first item, in its buffer.
            unsafe { *((buffer + ARRAY_ITEMS_OFFSET) as *mut GcRef) = item };
            gc::collect();
            assert_eq!(vec.get(0), item);
        });
    }
}
