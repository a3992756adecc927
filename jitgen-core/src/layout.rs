//! Object layout descriptors: what the layout attribute (`#[jitgen_core::layout]`) tells the
//! JIT about a GC struct -- field offsets, value kinds and mutability.
//!
//! The descriptors are plain constants computed by rustc (`core::mem::offset_of!`), so the JIT
//! never guesses a layout: a field read in a trace is a load at a known offset of a known kind.

/// A stable 64-bit id for a field or method name (FNV-1a), usable as a const generic argument.
///
/// The layout attribute checks at compile time that no two fields of one struct share an id.
pub const fn field_id(name: &str) -> u64 {
    let bytes = name.as_bytes();
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}

/// How the JIT sees a value stored in a field or array item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ValueKind {
    /// A machine integer of `bytes` bytes (1, 2, 4 or 8).
    Int {
        /// Width in bytes.
        bytes: u8,
        /// Whether loads sign-extend.
        signed: bool,
    },
    /// A `bool`, one byte holding 0 or 1.
    Bool,
    /// An `f64`.
    Float,
    /// A GC reference (`Gc<T>`, `Option<Gc<T>>`, `GcRef`): traced by the collector.
    Ref,
    /// Data the JIT cannot read directly (e.g. a `Box<str>`); only residual calls touch it.
    Opaque,
}

/// Whether a field can change after its object was allocated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mutability {
    /// Never written after allocation: reads from a constant object fold in traces.
    Immutable,
    /// A cell-like [`Mut`](crate::gc::Mut) field: every write is a visible `set`.
    Mutable,
    /// A [`QuasiImmut`](crate::gc::QuasiImmut) field: reads fold, writes invalidate the
    /// compiled code that folded them.
    QuasiImmutable,
}

/// The descriptor of one field of a layout struct.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FieldDescr {
    /// The field's name as written in the struct.
    pub name: &'static str,
    /// Byte offset from the start of the object (the address a `Gc` points to).
    pub offset: usize,
    /// Size of the field in bytes.
    pub size: usize,
    /// How the JIT reads and writes it.
    pub kind: ValueKind,
    /// Whether it may change after allocation.
    pub mutability: Mutability,
}

/// Implemented for every type that can be the type of a field in a layout struct.
///
/// # Safety
/// `KIND` must describe the in-memory representation of `Self` exactly.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a field of a layout struct",
    note = "fields must be plain data (integers, f64, bool), GC references (Gc<T>, Option<Gc<T>>, GcRef), or Mut<T>/QuasiImmut<T> of those; mark other data `#[opaque]`"
)]
pub unsafe trait FieldType {
    /// The kind of the value stored.
    const KIND: ValueKind;
    /// Whether the field may change after allocation.
    const MUTABILITY: Mutability;
}

macro_rules! int_field_types {
    ($($t:ty => $signed:expr),* $(,)?) => {$(
        unsafe impl FieldType for $t {
            const KIND: ValueKind = ValueKind::Int { bytes: core::mem::size_of::<$t>() as u8, signed: $signed };
            const MUTABILITY: Mutability = Mutability::Immutable;
        }
    )*};
}
int_field_types!(i8 => true, i16 => true, i32 => true, i64 => true, isize => true,
                 u8 => false, u16 => false, u32 => false, u64 => false, usize => false);

unsafe impl FieldType for bool {
    const KIND: ValueKind = ValueKind::Bool;
    const MUTABILITY: Mutability = Mutability::Immutable;
}
unsafe impl FieldType for f64 {
    const KIND: ValueKind = ValueKind::Float;
    const MUTABILITY: Mutability = Mutability::Immutable;
}

/// Implemented by the layout attribute for each field of a layout struct, keyed by the
/// field's [`field_id`]. The staging macro resolves `x.f` through it.
///
/// # Safety
/// `DESCR` must describe the field exactly (offset, size and kind).
pub unsafe trait HasField<const ID: u64> {
    /// The field's declared type.
    type Type;
    /// The field's descriptor.
    const DESCR: FieldDescr;
}
