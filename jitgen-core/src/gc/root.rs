//! [`Root<T>`]: a handle that keeps an object alive from outside the GC heap;
//! [`RootedSlots`]: a block of reference slots on the malloc heap that keeps its objects alive.

use core::cell::Cell;
use core::marker::PhantomData;

use crate::gc::heap;
use crate::gc::ptr::{Gc, GcRef};
use crate::gc::trace::GcType;

/// Keeps its object alive while the handle exists, wherever the handle itself is stored (a
/// `Vec`, a `HashMap`, a struct on the malloc heap). It is the only sanctioned way to hold a
/// reference outside the stack and the GC heap.
pub struct Root<T: GcType> {
    index: usize,
    _marker: PhantomData<Gc<T>>,
}

impl<T: GcType> Root<T> {
    /// Roots `object`.
    pub fn new(object: Gc<T>) -> Root<T> {
        Root {
            index: heap::register_root(object.addr()),
            _marker: PhantomData,
        }
    }

    /// The rooted object.
    #[inline]
    pub fn get(&self) -> Gc<T> {
        // SAFETY: the root table keeps the object alive, and it was a `T` when rooted.
        unsafe { Gc::from_addr(heap::root_get(self.index)) }
    }

    /// Makes the handle root another object instead.
    pub fn set(&self, object: Gc<T>) {
        heap::root_set(self.index, object.addr())
    }
}

impl<T: GcType> Clone for Root<T> {
    fn clone(&self) -> Self {
        Root::new(self.get())
    }
}

impl<T: GcType> Drop for Root<T> {
    fn drop(&mut self) {
        heap::unregister_root(self.index)
    }
}

impl<T: GcType> core::fmt::Debug for Root<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "Root({:?})", self.get())
    }
}

/// A fixed number of nullable reference slots on the malloc heap, each keeping its object
/// alive (registered with the collector as one range, so creating a block allocates nothing on
/// the GC heap): the blackhole interpreter's reference registers.
pub struct RootedSlots {
    slots: Box<[Cell<usize>]>,
    index: usize,
}

impl RootedSlots {
    /// `len` slots, all `None`.
    pub fn new(len: usize) -> RootedSlots {
        let slots: Box<[Cell<usize>]> = (0..len).map(|_| Cell::new(0)).collect();
        // The boxed slice never moves, whatever happens to the handle.
        let index = heap::register_root_range(slots.as_ptr() as usize, len);
        RootedSlots { slots, index }
    }

    /// No slots (registers nothing).
    pub fn empty() -> RootedSlots {
        RootedSlots {
            slots: Box::new([]),
            index: usize::MAX,
        }
    }

    /// Slot `i`.
    #[inline]
    pub fn get(&self, i: usize) -> Option<GcRef> {
        let addr = self.slots[i].get();
        // SAFETY: a non-zero slot holds an object the collector keeps alive.
        (addr != 0).then(|| unsafe { GcRef::from_addr(addr) })
    }

    /// Sets slot `i`.
    #[inline]
    pub fn set(&self, i: usize, value: Option<GcRef>) {
        self.slots[i].set(value.map_or(0, |r| r.addr()));
    }

    /// The number of slots.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether there are no slots.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }
}

impl Drop for RootedSlots {
    fn drop(&mut self) {
        if self.index != usize::MAX {
            heap::unregister_root_range(self.index)
        }
    }
}

impl core::fmt::Debug for RootedSlots {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_list()
            .entries((0..self.len()).map(|i| self.get(i)))
            .finish()
    }
}
