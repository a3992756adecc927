//! [`Root<T>`]: a handle that keeps an object alive from outside the GC heap.

use core::marker::PhantomData;

use crate::gc::heap;
use crate::gc::ptr::Gc;
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
