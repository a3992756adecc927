//! Fixed-length GC arrays: [`GcArray<T>`] (mutable items) and [`GcImmutableArray<T>`] (items
//! never change, so reads from a constant array fold in traces -- an interpreter's bytecode),
//! and the untraced byte store [`GcBuffer`] that growable collections are built on.

use core::cell::Cell;
use core::marker::PhantomData;

use crate::gc::heap::{self, OutOfMemory};
use crate::gc::ptr::Gc;
use crate::gc::trace::{GcType, Trace, Tracer, TypeInfo};

/// Byte offset of the first item from the start of an array object (after its length word).
pub const ARRAY_ITEMS_OFFSET: usize = core::mem::size_of::<usize>();

/// Allocates an array object of `len` items of `T` and writes its length; items are written
/// by the caller before anything else can allocate.
fn allocate_array<T>(len: usize, info: &'static TypeInfo) -> Result<usize, OutOfMemory> {
    const {
        assert!(
            core::mem::align_of::<T>() <= 8,
            "GC array items are at most 8-byte aligned"
        )
    };
    let bytes = core::mem::size_of::<T>()
        .checked_mul(len)
        .and_then(|b| b.checked_add(ARRAY_ITEMS_OFFSET))
        .ok_or_else(|| OutOfMemory {
            requested: usize::MAX,
            limit: heap::config().limit,
        })?;
    let addr = heap::allocate(bytes, info)?;
    // SAFETY: fresh memory of at least `bytes` bytes.
    unsafe { *(addr as *mut usize) = len };
    Ok(addr)
}

macro_rules! fixed_array {
    ($(#[$doc:meta])* $name:ident, $item:ident, $type_name:literal) => {
        $(#[$doc])*
        #[repr(C)]
        pub struct $name<T> {
            len: usize,
            items: [$item<T>; 0],
        }

        impl<T: Trace + Copy + 'static> $name<T> {
            /// An array of `len` copies of `fill`.
            pub fn new(len: usize, fill: T) -> Gc<Self> {
                Self::try_new(len, fill).unwrap_or_else(|oom| heap::out_of_memory(oom))
            }

            /// An array of `len` copies of `fill`, or an out-of-memory error.
            pub fn try_new(len: usize, fill: T) -> Result<Gc<Self>, OutOfMemory> {
                let addr = allocate_array::<T>(len, Self::type_info())?;
                // SAFETY: the items area of the fresh object holds `len` items.
                unsafe {
                    let items = (addr + ARRAY_ITEMS_OFFSET) as *mut T;
                    for i in 0..len {
                        items.add(i).write(fill);
                    }
                    Ok(Gc::from_addr(addr))
                }
            }

            /// An array holding a copy of the items of `vec`. (Collect references into a
            /// `GcVec` first: a `Vec` of `Gc` is invisible to the collector.)
            pub fn from_gc_vec(vec: Gc<crate::gc::GcVec<T>>) -> Gc<Self> {
                let len = vec.len();
                let addr = allocate_array::<T>(len, Self::type_info()).unwrap_or_else(|oom| heap::out_of_memory(oom));
                // SAFETY: the items area of the fresh object holds `len` items; `vec` is
                // unchanged since it was measured (nothing ran in between).
                unsafe {
                    let items = (addr + ARRAY_ITEMS_OFFSET) as *mut T;
                    for i in 0..len {
                        items.add(i).write(vec.get(i));
                    }
                    Gc::from_addr(addr)
                }
            }

            /// An array holding a copy of `items` (plain data: see [`Self::from_gc_vec`]
            /// for references).
            pub fn from_slice(items: &[T]) -> Gc<Self> {
                Self::from_slices(&[items])
            }

            /// An array holding a copy of the items of `parts`, one after the other (plain
            /// data, like [`Self::from_slice`]): a concatenation without a temporary.
            pub fn from_slices(parts: &[&[T]]) -> Gc<Self> {
                let len = parts.iter().map(|part| part.len()).sum();
                let addr = allocate_array::<T>(len, Self::type_info())
                    .unwrap_or_else(|oom| heap::out_of_memory(oom));
                // SAFETY: the items area of the fresh object holds `len` items, the parts'
                // lengths summed.
                unsafe {
                    let mut at = (addr + ARRAY_ITEMS_OFFSET) as *mut T;
                    for part in parts {
                        core::ptr::copy_nonoverlapping(part.as_ptr(), at, part.len());
                        at = at.add(part.len());
                    }
                    Gc::from_addr(addr)
                }
            }
        }

        impl<T: Copy> $name<T> {
            /// The number of items.
            #[inline(always)]
            pub fn len(&self) -> usize {
                self.len
            }

            /// Whether the array has no items.
            #[inline(always)]
            pub fn is_empty(&self) -> bool {
                self.len == 0
            }

            #[inline(always)]
            fn item_ptr(&self, index: usize) -> *const $item<T> {
                // SAFETY: callers check `index < len`; items follow the length word.
                unsafe { self.items.as_ptr().add(index) }
            }

            /// The item at `index`; panics if `index >= len`, like slice indexing.
            #[inline(always)]
            pub fn get(&self, index: usize) -> T {
                assert!(index < self.len, "index out of bounds: the len is {} but the index is {}", self.len, index);
                // SAFETY: in bounds.
                unsafe { (*self.item_ptr(index)).get() }
            }

            /// The item at `index`, or `None` if out of bounds.
            #[inline(always)]
            pub fn try_get(&self, index: usize) -> Option<T> {
                // SAFETY: in bounds.
                (index < self.len).then(|| unsafe { (*self.item_ptr(index)).get() })
            }

            /// Copies the items into `out`.
            pub fn copy_to(&self, out: &mut [T]) {
                for (i, slot) in out.iter_mut().enumerate().take(self.len) {
                    *slot = self.get(i);
                }
            }
        }

        unsafe impl<T: Trace + Copy + 'static> Trace for $name<T> {
            const HAS_REFS: bool = T::HAS_REFS;

            fn trace(&self, tracer: &mut Tracer<'_>) {
                for i in 0..self.len {
                    self.get(i).trace(tracer);
                }
            }
        }

        unsafe impl<T: Trace + Copy + 'static> GcType for $name<T> {
            fn type_info() -> &'static TypeInfo {
                const { &TypeInfo::of::<$name<T>>($type_name, &[]) }
            }
        }
    };
}

/// Read-only access to an immutable item.
#[repr(transparent)]
struct Frozen<T>(T);

impl<T: Copy> Frozen<T> {
    #[inline(always)]
    fn get(&self) -> T {
        self.0
    }
}

fixed_array!(
    /// A fixed-length array on the GC heap whose items can be read and written.
    GcArray, Cell, "GcArray"
);

fixed_array!(
    /// A fixed-length array on the GC heap whose items never change after allocation: the JIT
    /// folds reads from a constant one (RPython's `_immutable_fields_ = ['items[*]']`).
    GcImmutableArray, Frozen, "GcImmutableArray"
);

impl<T: Copy> GcImmutableArray<T> {
    /// The items (they never change, so they may be borrowed while the array is).
    #[inline(always)]
    pub fn as_slice(&self) -> &[T] {
        // SAFETY: `len` items follow the length word, `Frozen<T>` is a transparent `T`, and
        // nothing writes them after allocation.
        unsafe { core::slice::from_raw_parts(self.items.as_ptr().cast::<T>(), self.len) }
    }
}

impl<T: Trace + Copy> GcArray<T> {
    /// Writes the item at `index` (through the write barrier if `T` may hold references);
    /// panics if `index >= len`, like slice indexing.
    #[inline(always)]
    pub fn set(&self, index: usize, value: T) {
        assert!(
            index < self.len,
            "index out of bounds: the len is {} but the index is {}",
            self.len,
            index
        );
        if T::HAS_REFS {
            crate::gc::write_barrier(self as *const Self as usize);
        }
        // SAFETY: in bounds.
        unsafe { (*self.item_ptr(index)).set(value) }
    }
}

/// Untraced bytes on the GC heap: the backing store of [`GcVec`](crate::gc::GcVec) and
/// [`GcTable`](crate::gc::GcTable), which trace the part of it they know to be initialized.
#[repr(C)]
pub struct GcBuffer {
    bytes: usize,
    data: [u8; 0],
    _not_sync: PhantomData<Cell<u8>>,
}

// The collection a buffer belongs to traces what the buffer holds.
unsafe impl Trace for GcBuffer {
    const HAS_REFS: bool = false;
}

unsafe impl GcType for GcBuffer {
    fn type_info() -> &'static TypeInfo {
        static INFO: TypeInfo = TypeInfo::of::<GcBuffer>("GcBuffer", &[]);
        &INFO
    }
}

impl GcBuffer {
    /// A buffer with room for `count` values of `T` (contents uninitialized).
    pub(crate) fn for_items<T>(count: usize) -> Gc<GcBuffer> {
        let addr = allocate_array::<T>(count, Self::type_info())
            .unwrap_or_else(|oom| heap::out_of_memory(oom));
        // SAFETY: `allocate_array` wrote the count into the first word; store bytes instead.
        unsafe {
            *(addr as *mut usize) = count * core::mem::size_of::<T>();
            Gc::from_addr(addr)
        }
    }

    /// How many values of `T` fit.
    #[inline(always)]
    pub(crate) fn capacity<T>(&self) -> usize {
        self.bytes / core::mem::size_of::<T>()
    }

    /// Pointer to the first value of `T` (for bulk copies; valid even at capacity 0).
    #[inline(always)]
    pub(crate) fn base<T>(&self) -> *mut T {
        self.data.as_ptr() as *mut T
    }

    /// Pointer to the `index`-th value of `T`.
    #[inline(always)]
    pub(crate) fn slot<T>(&self, index: usize) -> *mut T {
        debug_assert!(index < self.capacity::<T>());
        // SAFETY: callers stay within capacity.
        unsafe { (self.data.as_ptr() as *mut T).add(index) }
    }
}
