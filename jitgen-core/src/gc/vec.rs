//! [`GcVec<T>`]: a growable vector on the GC heap.

use core::marker::PhantomData;

use crate::gc::array::GcBuffer;
use crate::gc::cell::Mut;
use crate::gc::ptr::Gc;
use crate::gc::trace::{GcType, Trace, Tracer, TypeInfo};
use crate::layout::{field_id, FieldDescr, FieldType, HasField, Mutability};

/// A growable vector on the GC heap. Only the first `len` slots of its buffer are initialized
/// and traced, so popped items are not kept alive. The JIT sees `len`, `get` and `set` as field
/// reads, a bounds guard and an item access on the buffer (its `len` and `buffer` fields are
/// layout fields; see `jitcode::dispatch`).
#[repr(C)]
pub struct GcVec<T> {
    len: Mut<usize>,
    buffer: Mut<Gc<GcBuffer>>,
    _items: PhantomData<T>,
}

impl<T: Trace + Copy + 'static> GcVec<T> {
    /// An empty vector.
    pub fn new() -> Gc<GcVec<T>> {
        Self::with_capacity(0)
    }

    /// An empty vector with room for `capacity` items.
    pub fn with_capacity(capacity: usize) -> Gc<GcVec<T>> {
        const {
            assert!(
                core::mem::size_of::<T>() > 0,
                "GcVec items must not be zero-sized"
            )
        };
        let buffer = GcBuffer::for_items::<T>(capacity);
        Gc::new(GcVec {
            len: Mut::new(0),
            buffer: Mut::new(buffer),
            _items: PhantomData,
        })
    }

    /// A vector holding a copy of `items`.
    pub fn from_slice(items: &[T]) -> Gc<GcVec<T>> {
        let vec = Self::with_capacity(items.len());
        for &item in items {
            vec.push(item);
        }
        vec
    }

    /// Appends `value`, growing the buffer if needed.
    pub fn push(&self, value: T) {
        let len = self.len.get();
        if len == self.capacity() {
            self.grow(len + 1);
        }
        self.barrier();
        // SAFETY: `len < capacity`.
        unsafe { self.buffer.get().slot::<T>(len).write(value) };
        self.len.set(len + 1);
    }

    /// Inserts `value` at `index`, shifting later items; panics if `index > len`.
    pub fn insert(&self, index: usize, value: T) {
        let len = self.len.get();
        assert!(
            index <= len,
            "insertion index (is {index}) should be <= len (is {len})"
        );
        if len == self.capacity() {
            self.grow(len + 1);
        }
        let buffer = self.buffer.get();
        self.barrier();
        // SAFETY: `len < capacity`; the moved range is initialized.
        unsafe {
            core::ptr::copy(
                buffer.base::<T>().add(index),
                buffer.base::<T>().add(index + 1),
                len - index,
            );
            buffer.slot::<T>(index).write(value);
        }
        self.len.set(len + 1);
    }

    /// Makes room for at least `needed` items.
    fn grow(&self, needed: usize) {
        let capacity = needed.max(self.capacity() * 2).max(4);
        // `self` is on the stack (through the caller's `Gc`), so the old buffer survives a
        // collection triggered here.
        let new_buffer = GcBuffer::for_items::<T>(capacity);
        let old_buffer = self.buffer.get();
        // SAFETY: both buffers hold at least `len` items.
        unsafe {
            core::ptr::copy_nonoverlapping(
                old_buffer.base::<T>(),
                new_buffer.base::<T>(),
                self.len.get(),
            );
        }
        self.buffer.set(new_buffer);
    }

    /// The write barrier, before a store of items (their buffer is untraced: the vector
    /// traces them).
    #[inline(always)]
    fn barrier(&self) {
        if T::HAS_REFS {
            crate::gc::write_barrier(self as *const Self as usize);
        }
    }

    /// Writes the item at `index`; panics if `index >= len`.
    #[inline(always)]
    pub fn set(&self, index: usize, value: T) {
        let len = self.len.get();
        if index >= len {
            index_out_of_bounds(len, index);
        }
        self.barrier();
        // SAFETY: in bounds.
        unsafe { self.buffer.get().slot::<T>(index).write(value) }
    }

    /// Removes and returns the item at `index`, shifting later items; panics if out of bounds.
    pub fn remove(&self, index: usize) -> T {
        let value = self.get(index);
        let len = self.len.get();
        let buffer = self.buffer.get();
        self.barrier();
        // SAFETY: the moved range is initialized and inside the buffer.
        unsafe {
            core::ptr::copy(
                buffer.base::<T>().add(index + 1),
                buffer.base::<T>().add(index),
                len - index - 1,
            )
        };
        self.len.set(len - 1);
        value
    }
}

impl<T: Copy> GcVec<T> {
    /// The number of items.
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.len.get()
    }

    /// Whether the vector has no items.
    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.len.get() == 0
    }

    /// How many items fit before the buffer must grow.
    #[inline(always)]
    pub fn capacity(&self) -> usize {
        self.buffer.get().capacity::<T>()
    }

    /// The item at `index`; panics if `index >= len`, like slice indexing.
    #[inline(always)]
    pub fn get(&self, index: usize) -> T {
        let len = self.len.get();
        if index >= len {
            index_out_of_bounds(len, index);
        }
        // SAFETY: in bounds, hence initialized.
        unsafe { self.buffer.get().slot::<T>(index).read() }
    }

    /// The item at `index`, or `None` if out of bounds.
    #[inline(always)]
    pub fn try_get(&self, index: usize) -> Option<T> {
        // SAFETY: in bounds, hence initialized.
        (index < self.len.get()).then(|| unsafe { self.buffer.get().slot::<T>(index).read() })
    }

    /// Removes and returns the last item.
    pub fn pop(&self) -> Option<T> {
        let len = self.len.get();
        if len == 0 {
            return None;
        }
        let value = self.get(len - 1);
        self.len.set(len - 1);
        Some(value)
    }

    /// Shortens the vector to `len` items (no effect if it is not longer).
    pub fn truncate(&self, len: usize) {
        if len < self.len.get() {
            self.len.set(len);
        }
    }

    /// Removes every item.
    pub fn clear(&self) {
        self.len.set(0);
    }
}

/// Panics as slice indexing does for `index` in a vector of `len` items (the same message
/// natively and from jitcode).
#[cold]
#[inline(never)]
pub fn index_out_of_bounds(len: usize, index: usize) {
    panic!("index out of bounds: the len is {len} but the index is {index}");
}

// SAFETY: `GcVec` is `repr(C)`; the descriptors give its fields' offsets and kinds.
unsafe impl<T> HasField<{ field_id("len") }> for GcVec<T> {
    type Type = Mut<usize>;
    const DESCR: FieldDescr = FieldDescr {
        name: "len",
        offset: core::mem::offset_of!(GcVec<T>, len),
        size: core::mem::size_of::<Mut<usize>>(),
        kind: <Mut<usize> as FieldType>::KIND,
        mutability: Mutability::Mutable,
    };
}

// SAFETY: as above.
unsafe impl<T> HasField<{ field_id("buffer") }> for GcVec<T> {
    type Type = Mut<Gc<GcBuffer>>;
    const DESCR: FieldDescr = FieldDescr {
        name: "buffer",
        offset: core::mem::offset_of!(GcVec<T>, buffer),
        size: core::mem::size_of::<Mut<Gc<GcBuffer>>>(),
        kind: <Mut<Gc<GcBuffer>> as FieldType>::KIND,
        mutability: Mutability::Mutable,
    };
}

unsafe impl<T: Trace + Copy + 'static> Trace for GcVec<T> {
    fn trace(&self, tracer: &mut Tracer<'_>) {
        self.buffer.trace(tracer);
        for i in 0..self.len.get() {
            self.get(i).trace(tracer);
        }
    }
}

unsafe impl<T: Trace + Copy + 'static> GcType for GcVec<T> {
    fn type_info() -> &'static TypeInfo {
        const { &TypeInfo::of::<GcVec<T>>("GcVec", &[]) }
    }
}
