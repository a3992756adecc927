//! [`Weak<T>`] references and finalizers.

use core::marker::PhantomData;
use std::cell::RefCell;

use crate::gc::heap;
use crate::gc::ptr::Gc;
use crate::gc::trace::{GcType, Trace};

/// The weak slots of this thread: object addresses, 0 once cleared or unused. Kept apart from
/// the heap so that a `Weak` dropped while the collector sweeps its owner can free its slot.
#[derive(Default)]
struct WeakTable {
    slots: Vec<usize>,
    free: Vec<usize>,
}

thread_local! {
    static WEAKS: RefCell<WeakTable> = RefCell::new(WeakTable::default());
}

/// Clears every weak slot whose object `is_marked` says is unreachable. Called by the collector
/// between marking and sweeping.
pub(crate) fn clear_unmarked(is_marked: impl Fn(usize) -> bool) {
    WEAKS.with(|table| {
        for slot in &mut table.borrow_mut().slots {
            if *slot != 0 && !is_marked(*slot) {
                *slot = 0;
            }
        }
    })
}

/// A reference that does not keep its object alive: after a collection that found the object
/// unreachable, [`Weak::get`] returns `None`. May be stored anywhere, GC objects included.
pub struct Weak<T: GcType> {
    index: usize,
    _marker: PhantomData<Gc<T>>,
}

impl<T: GcType> Weak<T> {
    /// A weak reference to `object`.
    pub fn new(object: Gc<T>) -> Weak<T> {
        let index = WEAKS.with(|table| {
            let mut table = table.borrow_mut();
            match table.free.pop() {
                Some(index) => {
                    table.slots[index] = object.addr();
                    index
                }
                None => {
                    table.slots.push(object.addr());
                    table.slots.len() - 1
                }
            }
        });
        Weak {
            index,
            _marker: PhantomData,
        }
    }

    /// The object, if it is still alive.
    pub fn get(&self) -> Option<Gc<T>> {
        match WEAKS.with(|table| table.borrow().slots[self.index]) {
            0 => None,
            // SAFETY: the collector clears the slot before freeing the object.
            addr => Some(unsafe { Gc::from_addr(addr) }),
        }
    }
}

impl<T: GcType> Drop for Weak<T> {
    fn drop(&mut self) {
        let _ = WEAKS.try_with(|table| {
            let mut table = table.borrow_mut();
            table.slots[self.index] = 0;
            table.free.push(self.index);
        });
    }
}

// A weak reference is not traced: that is the point.
unsafe impl<T: GcType> Trace for Weak<T> {
    const HAS_REFS: bool = false;
}

/// Calls `callback(object)` once, after the first collection that finds `object` unreachable.
///
/// The object (and everything it references) stays alive until the callback has run; the
/// callback may store it somewhere reachable again (resurrection), in which case it lives on
/// with no finalizer. Weak references to it are cleared before the callback runs. Callbacks
/// run on the allocating thread after the collection, and may allocate.
pub fn register_finalizer<T: GcType>(object: Gc<T>, callback: fn(Gc<T>)) {
    unsafe fn trampoline<T: GcType>(object: usize, callback: usize) {
        let callback = core::mem::transmute::<usize, fn(Gc<T>)>(callback);
        callback(Gc::from_addr(object))
    }
    heap::register_finalizer(object.addr(), callback as usize, trampoline::<T>)
}
