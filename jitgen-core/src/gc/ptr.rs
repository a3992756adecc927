//! GC references: the typed [`Gc<T>`] and the untyped [`GcRef`].

use core::fmt;
use core::marker::PhantomData;
use core::ptr::NonNull;

use crate::gc::heap;
use crate::gc::trace::{GcType, Trace, Tracer, TypeInfo};
use crate::layout::{FieldType, Mutability, ValueKind};

/// A reference to an object of type `T` on the GC heap.
///
/// `Gc` is `Copy`, non-null, and dereferences to `&T` only -- never `&mut T`: mutable state
/// lives in cell-like fields ([`Mut`](crate::gc::Mut)), so every write is a visible operation.
/// It is `!Send`: each thread has its own heap.
///
/// **Invariant:** a `Gc` lives only on the native stack (or in registers), inside a GC object,
/// or in a [`Root`](crate::gc::Root). The collector finds the first kind by scanning the stack
/// conservatively, the second by tracing, the third through the root table; a `Gc` kept
/// anywhere else (a `Vec` or `HashMap` on the malloc heap, a `static`) is invisible to it.
#[repr(transparent)]
pub struct Gc<T: ?Sized> {
    ptr: NonNull<T>,
    // `NonNull` is already `!Send`/`!Sync`; the marker documents that `Gc` owns nothing.
    _marker: PhantomData<*const T>,
}

impl<T: ?Sized> Clone for Gc<T> {
    #[inline(always)]
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: ?Sized> Copy for Gc<T> {}

impl<T: GcType> Gc<T> {
    /// Allocates `value` on the current thread's GC heap.
    ///
    /// May run a collection first. Exits the process with a clear message if the heap limit
    /// is exceeded even after collecting; use [`Gc::try_new`] to handle that case.
    #[inline]
    pub fn new(value: T) -> Gc<T> {
        match Self::try_new(value) {
            Ok(gc) => gc,
            Err(oom) => heap::out_of_memory(oom),
        }
    }

    /// Allocates `value`, or reports that the heap limit would be exceeded.
    #[inline]
    pub fn try_new(value: T) -> Result<Gc<T>, heap::OutOfMemory> {
        const {
            assert!(
                core::mem::align_of::<T>() <= 8,
                "GC objects are 8-byte aligned"
            )
        };
        let addr = heap::allocate(core::mem::size_of::<T>(), T::type_info())?;
        // SAFETY: `allocate` returned fresh, writable memory of the right size and alignment,
        // and no collection can happen before the value is written.
        unsafe {
            core::ptr::write(addr as *mut T, value);
            Ok(Gc::from_addr(addr))
        }
    }
}

impl<T: ?Sized> Gc<T> {
    /// The object's address, as compiled code sees it.
    #[inline(always)]
    pub fn addr(self) -> usize {
        self.ptr.as_ptr() as *const u8 as usize
    }

    /// Whether two references point to the same object.
    #[inline(always)]
    pub fn ptr_eq(a: Gc<T>, b: Gc<T>) -> bool {
        a.addr() == b.addr()
    }
}

impl<T> Gc<T> {
    /// Rebuilds a `Gc` from an object address.
    ///
    /// # Safety
    /// `addr` must be the address of a live object of type `T` on this thread's heap.
    #[inline(always)]
    pub unsafe fn from_addr(addr: usize) -> Gc<T> {
        Gc {
            ptr: NonNull::new_unchecked(addr as *mut T),
            _marker: PhantomData,
        }
    }

    /// The raw pointer to the object.
    #[inline(always)]
    pub fn as_ptr(self) -> *const T {
        self.ptr.as_ptr()
    }
}

impl<T: GcType> Gc<T> {
    /// Forgets the static type.
    #[inline(always)]
    pub fn erase(self) -> GcRef {
        GcRef {
            addr: self.ptr.cast(),
        }
    }
}

impl<T: ?Sized> core::ops::Deref for Gc<T> {
    type Target = T;
    #[inline(always)]
    fn deref(&self) -> &T {
        #[cfg(debug_assertions)]
        heap::debug_check_live(self.ptr.as_ptr() as *const u8 as usize);
        // SAFETY: a `Gc` that is reachable (stack, heap or root) points to a live object.
        unsafe { self.ptr.as_ref() }
    }
}

impl<T: ?Sized> fmt::Debug for Gc<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Gc({:#x})", self.addr())
    }
}

unsafe impl<T: ?Sized> Trace for Gc<T> {
    #[inline]
    fn trace(&self, tracer: &mut Tracer<'_>) {
        tracer.mark(self.ptr.as_ptr() as *const u8);
    }
}

unsafe impl<T: ?Sized> Trace for Option<Gc<T>> {
    #[inline]
    fn trace(&self, tracer: &mut Tracer<'_>) {
        if let Some(gc) = self {
            gc.trace(tracer);
        }
    }
}

unsafe impl<T: ?Sized> FieldType for Gc<T> {
    const KIND: ValueKind = ValueKind::Ref;
    const MUTABILITY: Mutability = Mutability::Immutable;
}

unsafe impl<T: ?Sized> FieldType for Option<Gc<T>> {
    const KIND: ValueKind = ValueKind::Ref;
    const MUTABILITY: Mutability = Mutability::Immutable;
}

/// An untyped GC reference: any object, whatever its Rust type.
///
/// The object's type is known at run time from its header ([`GcRef::type_info`]), so a
/// `GcRef` can be checked and converted back with [`GcRef::downcast`] -- in a trace that check
/// is a class guard. Dynamic languages use it as their "any value" type.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct GcRef {
    addr: NonNull<u8>,
}

impl GcRef {
    /// The object's address.
    #[inline(always)]
    pub fn addr(self) -> usize {
        self.addr.as_ptr() as usize
    }

    /// The type descriptor stored in the object's header.
    #[inline(always)]
    pub fn type_info(self) -> &'static TypeInfo {
        // SAFETY: every object starts with a header word holding its `TypeInfo` address.
        unsafe { heap::header_type_info(self.addr()) }
    }

    /// Whether the object is exactly of type `T`.
    #[inline(always)]
    pub fn is<T: GcType>(self) -> bool {
        core::ptr::eq(self.type_info(), T::type_info())
    }

    /// The object as a `Gc<T>`, if it is of type `T`.
    #[inline(always)]
    pub fn downcast<T: GcType>(self) -> Option<Gc<T>> {
        if self.is::<T>() {
            // SAFETY: the header says the object is a `T`.
            Some(unsafe { Gc::from_addr(self.addr()) })
        } else {
            None
        }
    }

    /// Rebuilds a reference from an object address.
    ///
    /// # Safety
    /// `addr` must be the address of a live object on this thread's heap.
    #[inline(always)]
    pub unsafe fn from_addr(addr: usize) -> GcRef {
        GcRef {
            addr: NonNull::new_unchecked(addr as *mut u8),
        }
    }
}

impl<T: GcType> From<Gc<T>> for GcRef {
    #[inline(always)]
    fn from(gc: Gc<T>) -> GcRef {
        gc.erase()
    }
}

impl fmt::Debug for GcRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GcRef({:#x}: {})", self.addr(), self.type_info().name)
    }
}

unsafe impl Trace for GcRef {
    #[inline]
    fn trace(&self, tracer: &mut Tracer<'_>) {
        tracer.mark(self.addr.as_ptr());
    }
}

unsafe impl Trace for Option<GcRef> {
    #[inline]
    fn trace(&self, tracer: &mut Tracer<'_>) {
        if let Some(r) = self {
            r.trace(tracer);
        }
    }
}

unsafe impl FieldType for GcRef {
    const KIND: ValueKind = ValueKind::Ref;
    const MUTABILITY: Mutability = Mutability::Immutable;
}

unsafe impl FieldType for Option<GcRef> {
    const KIND: ValueKind = ValueKind::Ref;
    const MUTABILITY: Mutability = Mutability::Immutable;
}
