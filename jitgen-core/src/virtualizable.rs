//! Virtualizables: interpreter frames whose fields compiled code keeps in registers.
//!
//! A driver lists its virtualizable reds (`#[jit_driver(virtualizables(frame))]`); each must
//! be a `Gc<T>` of a layout struct with a [`VableToken`] field (the layout attribute then
//! implements [`Virtualizable`]), and the driver registers the type ([`VirtualizableType`]).
//!
//! The token says whether compiled code currently holds the frame: null when the object's
//! fields are up to date, else the holder (the compiled code's frame) whose registers hold
//! the real values. Before anything outside compiled code looks at such a frame, it must be
//! **forced**: the holder writes the fields back and releases the token ([`force`]). The
//! codewriter marks every residual call that receives a virtualizable and may access its
//! fields (by its effects: undeclared effects access everything), and the blackhole
//! interpreter (later, compiled code too) forces those arguments before the call. Code that
//! reaches a frame another way (a traceback walking frames, `sys._getframe`) calls [`force`]
//! itself. The backend installs the hook that does the writing back ([`set_force_hook`]);
//! until compiled code exists, no token is ever held.

use core::cell::Cell;
use std::any::TypeId;

use crate::gc::{Gc, GcRef, GcType, Trace, Tracer};
use crate::jitcode::descr::short_type_name;

use crate::jitcode::{ArrayDescr, ArrayType};

pub use crate::jitcode::vable::{lookup, VirtualizableType};
pub use crate::jitcode::{VableArray, VableLayout, VableSpec};
use crate::layout::{FieldDescr, FieldType, Mutability, ValueKind};

/// The token field of a virtualizable struct (see the [module docs](self)): one word, 0
/// while no compiled code holds the object (compiled code tests that word before calling
/// out to force the object).
#[repr(transparent)]
#[derive(Default)]
pub struct VableToken(Cell<usize>);

impl VableToken {
    /// A token saying that no compiled code holds the object.
    pub const fn new() -> VableToken {
        VableToken(Cell::new(0))
    }

    /// Whether compiled code holds the object (its fields may be stale).
    pub fn is_held(&self) -> bool {
        self.0.get() != 0
    }

    /// The holder (an address meaningful to the backend), 0 if none.
    pub fn holder(&self) -> usize {
        self.0.get()
    }

    /// Records that `holder` (non-zero) holds the object's fields (for the backend).
    pub fn hold(&self, holder: usize) {
        debug_assert!(holder != 0, "a holder is a non-zero address");
        self.0.set(holder);
    }

    /// Records that the object's fields are up to date again.
    pub fn release(&self) {
        self.0.set(0);
    }
}

impl core::fmt::Debug for VableToken {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "VableToken({:#x})", self.holder())
    }
}

// SAFETY: the token holds no GC reference.
unsafe impl Trace for VableToken {
    const HAS_REFS: bool = false;

    #[inline]
    fn trace(&self, _: &mut Tracer<'_>) {}
}

// SAFETY: a `Cell<usize>` is one machine word.
unsafe impl FieldType for VableToken {
    const KIND: ValueKind = ValueKind::Int {
        bytes: 8,
        signed: false,
    };
    const MUTABILITY: Mutability = Mutability::Mutable;
}

/// A layout struct with a [`VableToken`] field (implemented by the layout attribute).
///
/// # Safety
/// `TOKEN` must describe the struct's `VableToken` field.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not virtualizable",
    label = "a driver's virtualizable must be `Gc<T>` of a layout struct with a `VableToken` field",
    note = "add a field `vable: jitgen_core::virtualizable::VableToken` to the `#[layout]` struct"
)]
pub unsafe trait Virtualizable: GcType {
    /// The token field's descriptor.
    const TOKEN: FieldDescr;
    /// The token.
    fn vable_token(&self) -> &VableToken;
    /// The fields compiled code keeps in registers.
    fn vable_layout() -> &'static VableLayout;
}

/// The type of a `#[virtualizable]` array field: a `Gc` of a framework array.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a `#[virtualizable]` array field",
    label = "expected `Gc<GcArray<T>>`",
    note = "`#[virtualizable]` applies to `Mut<T>` fields and to `Gc<GcArray<T>>` fields"
)]
pub trait VableArrayField {
    /// The items' descriptor.
    fn items() -> ArrayDescr;
}

impl<A: ArrayType> VableArrayField for Gc<A> {
    fn items() -> ArrayDescr {
        ArrayDescr::of::<A>()
    }
}

/// A reference to a virtualizable: what a driver's virtualizable red must be.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a virtualizable",
    label = "not `Gc<T>` of a layout struct with a `VableToken` field",
    note = "add a field `vable: jitgen_core::virtualizable::VableToken` to the frame's `#[layout]` struct"
)]
pub trait VirtualizableRef {
    /// The struct.
    type Target: Virtualizable;
}

impl<T: Virtualizable> VirtualizableRef for Gc<T> {
    type Target = T;
}

impl VirtualizableType {
    /// The entry for the reference type `R` (for the driver macro).
    pub const fn of<R: VirtualizableRef + 'static>() -> VirtualizableType {
        VirtualizableType {
            type_id: TypeId::of::<R>,
            name: short_name::<R::Target>,
            token_offset: <R::Target as Virtualizable>::TOKEN.offset,
            layout: <R::Target as Virtualizable>::vable_layout,
        }
    }
}

fn short_name<T>() -> &'static str {
    short_type_name(std::any::type_name::<T>())
}

/// Writes a held virtualizable's fields back: called with the object and its token's holder;
/// must leave the token released.
pub type ForceHook = fn(object: GcRef, holder: usize);

thread_local! {
    static FORCE_HOOK: Cell<Option<ForceHook>> = const { Cell::new(None) };
}

/// Installs (or removes) this thread's force hook (the backend's; tests use their own).
pub fn set_force_hook(hook: Option<ForceHook>) {
    FORCE_HOOK.with(|h| h.set(hook));
}

/// Makes `object`'s fields up to date if compiled code holds it.
pub fn force<T: Virtualizable>(object: Gc<T>) {
    force_token(object.erase(), object.vable_token());
}

/// [`force`] on an object known by address, with its token at `token_offset`.
///
/// # Safety
/// `object` must be a live virtualizable whose token is at `token_offset`.
pub unsafe fn force_at(object: GcRef, token_offset: usize) {
    let token = &*((object.addr() + token_offset) as *const VableToken);
    force_token(object, token);
}

fn force_token(object: GcRef, token: &VableToken) {
    if !token.is_held() {
        return;
    }
    let holder = token.holder();
    match FORCE_HOOK.with(Cell::get) {
        Some(hook) => hook(object, holder),
        None => {
            panic!("jitgen: a virtualizable is held ({holder:#x}) but no force hook is installed")
        }
    }
    assert!(
        !token.is_held(),
        "jitgen: the force hook left the virtualizable held"
    );
}
