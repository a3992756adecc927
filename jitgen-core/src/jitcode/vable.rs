//! The descriptors of a driver's virtualizable that jitcode and traces carry: which red it
//! is and which of its fields compiled code keeps in registers (the runtime side, tokens and
//! forcing, is `crate::virtualizable`).

use std::any::TypeId;

use crate::jitcode::{ArrayDescr, FieldRef};

/// The `#[virtualizable]` fields of a virtualizable struct: what traces keep in variables
/// between the loop's entry and its exits.
#[derive(Debug)]
pub struct VableLayout {
    /// `Mut<T>` fields.
    pub fields: Vec<FieldRef>,
    /// Array fields whose items are kept in variables (the array object itself is fixed).
    pub arrays: Vec<VableArray>,
}

/// A driver's virtualizable: which red it is, and its fields kept in registers.
#[derive(Clone, Copy, Debug)]
pub struct VableSpec {
    /// Its index among the driver's reds.
    pub red: usize,
    /// Its struct's virtualizable fields.
    pub layout: &'static VableLayout,
}

/// An array field of a [`VableLayout`].
#[derive(Clone, Copy, Debug)]
pub struct VableArray {
    /// The (immutable) field holding the array.
    pub field: FieldRef,
    /// The array's items.
    pub items: ArrayDescr,
}

/// A virtualizable type, registered (through `inventory`) by the driver that lists it.
pub struct VirtualizableType {
    /// The `TypeId` of the reference type (`Gc<T>`).
    pub type_id: fn() -> TypeId,
    /// The struct's short name (as field references in effects name it).
    pub name: fn() -> &'static str,
    /// The token field's offset in the struct.
    pub token_offset: usize,
    /// The fields kept in registers.
    pub layout: fn() -> &'static VableLayout,
}

inventory::collect!(VirtualizableType);

/// The registered virtualizable type whose reference type is `type_id`.
pub fn lookup(type_id: TypeId) -> Option<&'static VirtualizableType> {
    inventory::iter::<VirtualizableType>().find(|v| (v.type_id)() == type_id)
}
