//! Precise tracing of heap objects: the [`Trace`] trait and the [`GcType`] type descriptor.

use crate::gc::heap::Marker;
use crate::layout::FieldDescr;

/// Passed to [`Trace::trace`]; records the GC references an object holds.
pub struct Tracer<'a> {
    pub(crate) sink: Sink<'a>,
}

/// Where a [`Tracer`] sends the references it is given.
pub(crate) enum Sink<'a> {
    /// Marks them (a collection).
    Mark(&'a mut Marker),
    /// Records their addresses (the write-barrier check, `gc::barrier`).
    Record(&'a mut Vec<usize>),
}

impl Tracer<'_> {
    /// Marks the object at `addr` (the address a `Gc` points to) as reachable.
    #[inline]
    pub fn mark(&mut self, addr: *const u8) {
        match &mut self.sink {
            Sink::Mark(marker) => marker.mark_exact(addr as usize),
            Sink::Record(refs) => refs.push(addr as usize),
        }
    }
}

/// Implemented by every type that can live inside a GC object: it reports the GC references
/// the value holds. The layout attribute derives it; leaf data implements it as a no-op.
///
/// # Safety
/// `trace` must mark every `Gc` reachable from `self` without going through another GC
/// object; a missed reference is a use-after-free.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be stored in a GC object",
    note = "GC objects may hold plain data, Gc<T>, Option<Gc<T>>, GcRef, Mut<T>, QuasiImmut<T>, Weak<T> and the GC collections (GcArray, GcVec, GcTable); a Vec or HashMap of Gc on the malloc heap is invisible to the collector"
)]
pub unsafe trait Trace {
    /// Whether a value of this type may hold GC references. `false` promises that
    /// [`Trace::trace`] marks nothing: the collector then keeps objects of the type on pages
    /// of their own and never reads them while marking (Boehm's "atomic" objects).
    const HAS_REFS: bool = true;

    /// Marks the GC references held by `self`.
    #[inline]
    fn trace(&self, _tracer: &mut Tracer<'_>) {}
}

macro_rules! leaf_trace {
    ($($t:ty),* $(,)?) => {$( unsafe impl Trace for $t { const HAS_REFS: bool = false; } )*};
}
leaf_trace!(
    i8,
    i16,
    i32,
    i64,
    isize,
    u8,
    u16,
    u32,
    u64,
    usize,
    f32,
    f64,
    bool,
    char,
    (),
    String,
    Box<str>,
    Box<[u8]>
);

/// Runtime description of a GC type: stored in the header of every object of that type, so
/// the collector can trace and drop it, and so compiled code can check an object's type with
/// one compare (a class guard compares the header word with the address of this descriptor).
#[derive(Debug)]
pub struct TypeInfo {
    /// The Rust type's name, for logs.
    pub name: &'static str,
    /// Size of a fixed-size object; for arrays, the size of the header part before the items.
    pub size: usize,
    /// Marks the references held by the object at the given address.
    pub trace: unsafe fn(*const u8, &mut Tracer<'_>),
    /// Whether the object may hold GC references ([`Trace::HAS_REFS`]): objects without are
    /// never traced.
    pub has_refs: bool,
    /// Runs the object's destructor when it is freed, if it has one.
    pub drop: Option<unsafe fn(*mut u8)>,
    /// The fields' descriptors (empty for framework types without a layout attribute).
    pub fields: &'static [FieldDescr],
}

impl TypeInfo {
    /// Whether compiled code may allocate an object of this type itself and initialize it
    /// field by field (a `new` op): it has no destructor, every byte that matters is in a
    /// field the JIT can write (a layout struct without `#[opaque]` fields), and it fits a
    /// size class.
    pub fn jit_allocatable(&self) -> bool {
        self.drop.is_none()
            && (self.size == 0 || !self.fields.is_empty())
            && self
                .fields
                .iter()
                .all(|f| f.kind != crate::layout::ValueKind::Opaque)
            && crate::gc::inline_alloc(self).is_some()
    }

    /// The descriptor of the fixed-size type `T`.
    pub const fn of<T: Trace>(name: &'static str, fields: &'static [FieldDescr]) -> TypeInfo {
        TypeInfo {
            name,
            size: core::mem::size_of::<T>(),
            trace: trace_erased::<T>,
            has_refs: T::HAS_REFS,
            drop: if core::mem::needs_drop::<T>() {
                Some(drop_erased::<T>)
            } else {
                None
            },
            fields,
        }
    }
}

unsafe fn trace_erased<T: Trace>(addr: *const u8, tracer: &mut Tracer<'_>) {
    (*(addr as *const T)).trace(tracer)
}

unsafe fn drop_erased<T>(addr: *mut u8) {
    core::ptr::drop_in_place(addr as *mut T)
}

/// A type whose values can be allocated on the GC heap (`Gc::new`).
///
/// Implemented by the layout attribute (and by the framework's arrays and tables). Types with a
/// `Drop` impl are dropped when freed; such a destructor must not dereference `Gc` fields,
/// whose objects may already be gone.
///
/// # Safety
/// `type_info` must describe `Self`, and, for class guards to be sound, return the same
/// address on every call.
pub unsafe trait GcType: Trace + 'static {
    /// The descriptor stored in the header of every object of this type.
    fn type_info() -> &'static TypeInfo;
}
