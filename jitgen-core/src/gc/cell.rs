//! Cell-like fields for GC objects: [`Mut<T>`] and [`QuasiImmut<T>`].
//!
//! Because `Gc<T>` only gives `&T`, a field that changes after allocation is declared with one
//! of these types; every write goes through `set`, which is where the JIT records a store and
//! where a field that may hold references calls the write barrier ([`write_barrier`], with
//! the field's address: it identifies the owning object, or a heap card, without knowing the
//! object's type).

use core::cell::Cell;

use crate::gc::barrier::write_barrier;
use crate::gc::trace::{Trace, Tracer};
use crate::layout::{FieldType, Mutability};
use crate::quasi_immutable;

/// A mutable field of a GC object.
#[repr(transparent)]
pub struct Mut<T>(Cell<T>);

impl<T: Copy> Mut<T> {
    /// A field holding `value`.
    #[inline(always)]
    pub const fn new(value: T) -> Mut<T> {
        Mut(Cell::new(value))
    }

    /// Reads the field.
    #[inline(always)]
    pub fn get(&self) -> T {
        self.0.get()
    }
}

impl<T: Trace + Copy> Mut<T> {
    /// Writes the field (through the write barrier if `T` may hold references).
    #[inline(always)]
    pub fn set(&self, value: T) {
        self.barrier();
        self.0.set(value)
    }

    /// Writes the field and returns the old value.
    #[inline(always)]
    pub fn replace(&self, value: T) -> T {
        self.barrier();
        self.0.replace(value)
    }

    #[inline(always)]
    fn barrier(&self) {
        if T::HAS_REFS {
            write_barrier(self as *const Self as usize);
        }
    }
}

impl<T: Copy + core::fmt::Debug> core::fmt::Debug for Mut<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        self.get().fmt(f)
    }
}

unsafe impl<T: Trace + Copy> Trace for Mut<T> {
    const HAS_REFS: bool = T::HAS_REFS;

    #[inline]
    fn trace(&self, tracer: &mut Tracer<'_>) {
        self.get().trace(tracer)
    }
}

unsafe impl<T: FieldType> FieldType for Mut<T> {
    const KIND: crate::layout::ValueKind = T::KIND;
    const MUTABILITY: Mutability = Mutability::Mutable;
}

/// A field that is read often and written rarely (a class's version tag, a global's cell).
///
/// Compiled code treats its value as a constant; [`QuasiImmut::set`] invalidates every piece of
/// compiled code that relied on the old value (see [`crate::quasi_immutable`]).
#[repr(transparent)]
pub struct QuasiImmut<T>(Cell<T>);

impl<T: Copy> QuasiImmut<T> {
    /// A field holding `value`.
    #[inline(always)]
    pub const fn new(value: T) -> QuasiImmut<T> {
        QuasiImmut(Cell::new(value))
    }

    /// Reads the field.
    #[inline(always)]
    pub fn get(&self) -> T {
        self.0.get()
    }
}

impl<T: Trace + Copy> QuasiImmut<T> {
    /// Writes the field (through the write barrier if `T` may hold references) and
    /// invalidates compiled code that folded its old value.
    #[inline]
    pub fn set(&self, value: T) {
        if T::HAS_REFS {
            write_barrier(self as *const Self as usize);
        }
        self.0.set(value);
        quasi_immutable::invalidate(self as *const Self as usize);
    }
}

impl<T: Copy + core::fmt::Debug> core::fmt::Debug for QuasiImmut<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        self.get().fmt(f)
    }
}

unsafe impl<T: Trace + Copy> Trace for QuasiImmut<T> {
    const HAS_REFS: bool = T::HAS_REFS;

    #[inline]
    fn trace(&self, tracer: &mut Tracer<'_>) {
        self.get().trace(tracer)
    }
}

unsafe impl<T: FieldType> FieldType for QuasiImmut<T> {
    const KIND: crate::layout::ValueKind = T::KIND;
    const MUTABILITY: Mutability = Mutability::QuasiImmutable;
}
