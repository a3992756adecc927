//! Rust types as the JIT sees them: which register kind holds them and how they convert to and
//! from machine words.

use crate::gc::{Gc, GcArray, GcImmutableArray, GcRef, GcType, Mut, QuasiImmut};
use crate::jitcode::insn::IntWidth;
use crate::jitcode::{Kind, Reg};
use crate::layout::FieldType;

/// A Rust type that fits one register.
///
/// # Safety
/// `to_word`/`from_word` must round-trip, and integer words must be the value sign-extended
/// (signed types) or zero-extended (unsigned types, `bool` as 0/1) to 64 bits; `KIND` and
/// `SCALAR` must agree. Reference types' words are object addresses (0 only for `None`).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot live in a jitcode register",
    label = "not a register type",
    note = "register types: integers, `bool`, `f64`, `Gc<T>`, `Option<Gc<T>>`, `GcRef`, and enums declared with `jit_enum!`",
    note = "move the code using this value into a `#[dont_look_inside]` helper"
)]
pub unsafe trait JitType: Copy + 'static {
    /// The register file holding values of this type.
    const KIND: Kind;
    /// Finer classification for casts and arithmetic.
    const SCALAR: ScalarKind;
    /// The value as a machine word.
    fn to_word(self) -> u64;
    /// The value back from a machine word.
    ///
    /// # Safety
    /// `word` must have been produced by `to_word` of this type (for references: the object
    /// must still be alive).
    unsafe fn from_word(word: u64) -> Self;
}

/// The shape of a register value, used to pick instructions for casts and operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalarKind {
    /// An integer of this width.
    Int(IntWidth),
    /// `bool`.
    Bool,
    /// `f64`.
    Float,
    /// A GC reference.
    Ref,
}

/// Integer types (not `bool`).
pub trait IntType: JitType {
    /// Width and signedness.
    const WIDTH: IntWidth;
}

/// Types that `as` can convert between (integers, `bool` as a source, `f64`).
pub trait Scalar: JitType {}

/// Types a `match` can switch on: integers, and fieldless enums declared with [`jit_enum!`]
/// (held as their discriminant).
///
/// [`jit_enum!`]: crate::jit_enum
pub trait SwitchValue: JitType {}

/// GC reference types (`Gc<T>`, `Option<Gc<T>>`, `GcRef`, `Option<GcRef>`).
pub trait RefType: JitType {}

macro_rules! int_types {
    ($($t:ty => $signed:expr),* $(,)?) => {$(
        unsafe impl JitType for $t {
            const KIND: Kind = Kind::Int;
            const SCALAR: ScalarKind = ScalarKind::Int(<$t as IntType>::WIDTH);
            #[inline]
            fn to_word(self) -> u64 {
                // Sign- or zero-extends, by the source type's signedness.
                self as i64 as u64
            }
            #[inline]
            unsafe fn from_word(word: u64) -> Self {
                word as $t
            }
        }
        impl IntType for $t {
            const WIDTH: IntWidth = IntWidth { bytes: core::mem::size_of::<$t>() as u8, signed: $signed };
        }
        impl Scalar for $t {}
        impl SwitchValue for $t {}
    )*};
}
int_types!(i8 => true, i16 => true, i32 => true, i64 => true, isize => true,
           u8 => false, u16 => false, u32 => false, u64 => false, usize => false);

/// Declares a fieldless enum with an integer `repr` JIT-visible: it implements
/// [`JitType`] (an integer register holding the discriminant) and [`SwitchValue`], so staged
/// code can pass it around and `match` on its variants. The given integer type must be the
/// enum's `#[repr]` (a mismatched size is a compile error).
///
/// ```
/// #[derive(Clone, Copy)]
/// #[repr(u8)]
/// pub enum Op { Add, Sub }
/// jitgen_core::jit_enum!(Op as u8);
/// ```
#[macro_export]
macro_rules! jit_enum {
    ($enum:ty as $repr:ty) => {
        // SAFETY: a word is only ever produced by `to_word`, i.e. a valid discriminant
        // widened as `$repr` is, so narrowing it back and transmuting yields that variant.
        unsafe impl $crate::jitcode::JitType for $enum {
            const KIND: $crate::jitcode::Kind = $crate::jitcode::Kind::Int;
            const SCALAR: $crate::jitcode::ScalarKind =
                $crate::jitcode::ScalarKind::Int(<$repr as $crate::jitcode::IntType>::WIDTH);
            #[inline]
            fn to_word(self) -> u64 {
                $crate::jitcode::JitType::to_word(self as $repr)
            }
            #[inline]
            unsafe fn from_word(word: u64) -> Self {
                ::core::mem::transmute::<$repr, $enum>(word as $repr)
            }
        }
        impl $crate::jitcode::SwitchValue for $enum {}
        impl $crate::jitcode::Compare for $enum {
            fn emit_cmp(
                b: &mut $crate::jitcode::Builder<'_>,
                op: $crate::jitcode::IntCmpOp,
                x: $crate::jitcode::Reg<Self>,
                y: $crate::jitcode::Reg<Self>,
            ) -> $crate::jitcode::Reg<bool> {
                b.compare_words(op, x.any(), y.any())
            }
        }
    };
}

unsafe impl JitType for bool {
    const KIND: Kind = Kind::Int;
    const SCALAR: ScalarKind = ScalarKind::Bool;
    #[inline]
    fn to_word(self) -> u64 {
        self as u64
    }
    #[inline]
    unsafe fn from_word(word: u64) -> Self {
        word != 0
    }
}
impl Scalar for bool {}

unsafe impl JitType for f64 {
    const KIND: Kind = Kind::Float;
    const SCALAR: ScalarKind = ScalarKind::Float;
    #[inline]
    fn to_word(self) -> u64 {
        self.to_bits()
    }
    #[inline]
    unsafe fn from_word(word: u64) -> Self {
        f64::from_bits(word)
    }
}
impl Scalar for f64 {}

unsafe impl<T: GcType> JitType for Gc<T> {
    const KIND: Kind = Kind::Ref;
    const SCALAR: ScalarKind = ScalarKind::Ref;
    #[inline]
    fn to_word(self) -> u64 {
        self.addr() as u64
    }
    #[inline]
    unsafe fn from_word(word: u64) -> Self {
        debug_assert!(word != 0, "a null word where a Gc<T> was expected");
        Gc::from_addr(word as usize)
    }
}
impl<T: GcType> RefType for Gc<T> {}

unsafe impl<T: GcType> JitType for Option<Gc<T>> {
    const KIND: Kind = Kind::Ref;
    const SCALAR: ScalarKind = ScalarKind::Ref;
    #[inline]
    fn to_word(self) -> u64 {
        self.map_or(0, |gc| gc.addr() as u64)
    }
    #[inline]
    unsafe fn from_word(word: u64) -> Self {
        (word != 0).then(|| Gc::from_addr(word as usize))
    }
}
impl<T: GcType> RefType for Option<Gc<T>> {}

unsafe impl JitType for GcRef {
    const KIND: Kind = Kind::Ref;
    const SCALAR: ScalarKind = ScalarKind::Ref;
    #[inline]
    fn to_word(self) -> u64 {
        self.addr() as u64
    }
    #[inline]
    unsafe fn from_word(word: u64) -> Self {
        debug_assert!(word != 0, "a null word where a GcRef was expected");
        GcRef::from_addr(word as usize)
    }
}
impl RefType for GcRef {}

unsafe impl JitType for Option<GcRef> {
    const KIND: Kind = Kind::Ref;
    const SCALAR: ScalarKind = ScalarKind::Ref;
    #[inline]
    fn to_word(self) -> u64 {
        self.map_or(0, |r| r.addr() as u64)
    }
    #[inline]
    unsafe fn from_word(word: u64) -> Self {
        (word != 0).then(|| GcRef::from_addr(word as usize))
    }
}
impl RefType for Option<GcRef> {}

/// Nullable reference types (`Option<Gc<T>>`, `Option<GcRef>`): what `Some(v)` binds.
pub trait OptionRef: RefType {
    /// The non-null reference type inside.
    type Inner: RefType;
}

impl<T: GcType> OptionRef for Option<Gc<T>> {
    type Inner = Gc<T>;
}

impl OptionRef for Option<GcRef> {
    type Inner = GcRef;
}

/// What a function can return by value: `()` or a [`JitType`].
pub trait JitValue: 'static {
    /// The register kind of the value (`None` for `()`).
    const KIND: Option<Kind>;
    /// What a call returning this type gives the builder: `()` or a `Reg<Self>`.
    type Out;
    /// Wraps the result register (if any) as [`Self::Out`].
    fn out(reg: Option<u16>) -> Self::Out;
    /// The value as a word (0 for `()`).
    fn value_word(self) -> u64;
    /// The value back from a word.
    ///
    /// # Safety
    /// As [`JitType::from_word`].
    unsafe fn from_value_word(word: u64) -> Self;
}

impl JitValue for () {
    const KIND: Option<Kind> = None;
    type Out = ();
    fn out(_: Option<u16>) {}
    fn value_word(self) -> u64 {
        0
    }
    unsafe fn from_value_word(_: u64) -> Self {}
}

impl<T: JitType> JitValue for T {
    const KIND: Option<Kind> = Some(T::KIND);
    type Out = Reg<T>;
    fn out(reg: Option<u16>) -> Reg<T> {
        Reg::new(reg.unwrap_or(0))
    }
    fn value_word(self) -> u64 {
        JitType::to_word(self)
    }
    unsafe fn from_value_word(word: u64) -> Self {
        JitType::from_word(word)
    }
}

/// What a staged or residual function returns: a [`JitValue`], or `Result<V, E>` whose error
/// `E` is a (non-null) GC reference.
pub trait JitReturn: 'static {
    /// The success value's type.
    type Value: JitValue;
    /// Whether this is a `Result`.
    const FALLIBLE: bool;
    /// `(value word, error word)`; the error word is 0 for success.
    fn into_words(self) -> (u64, u64);
    /// The value back from its words (`error` is 0 for success).
    ///
    /// # Safety
    /// The words must come from [`JitReturn::into_words`] of this type, or from jitcode
    /// staged from a function returning it.
    unsafe fn from_words(value: u64, error: u64) -> Self;
}

impl<T: JitValue> JitReturn for T {
    type Value = T;
    const FALLIBLE: bool = false;
    fn into_words(self) -> (u64, u64) {
        (self.value_word(), 0)
    }
    unsafe fn from_words(value: u64, _error: u64) -> Self {
        T::from_value_word(value)
    }
}

impl<T: JitValue, E: RefType> JitReturn for Result<T, E> {
    type Value = T;
    const FALLIBLE: bool = true;
    fn into_words(self) -> (u64, u64) {
        match self {
            Ok(value) => (value.value_word(), 0),
            Err(error) => (0, error.to_word()),
        }
    }
    unsafe fn from_words(value: u64, error: u64) -> Self {
        if error != 0 {
            Err(E::from_word(error))
        } else {
            Ok(T::from_value_word(value))
        }
    }
}

/// The type a field is read and written as: the field's type itself, or `T` for `Mut<T>` and
/// `QuasiImmut<T>`.
pub trait FieldValue {
    /// The register type of the field's value.
    type Value: JitType;
}

impl<T: JitType + FieldType> FieldValue for T {
    type Value = T;
}
impl<T: JitType> FieldValue for Mut<T> {
    type Value = T;
}
impl<T: JitType> FieldValue for QuasiImmut<T> {
    type Value = T;
}

/// The framework's fixed-length GC arrays.
pub trait ArrayType: GcType {
    /// The item type.
    type Item: JitType + FieldType;
    /// Whether items never change after allocation.
    const IMMUTABLE_ITEMS: bool;
}

impl<T: JitType + FieldType + crate::gc::Trace> ArrayType for GcArray<T> {
    type Item = T;
    const IMMUTABLE_ITEMS: bool = false;
}

impl<T: JitType + FieldType + crate::gc::Trace> ArrayType for GcImmutableArray<T> {
    type Item = T;
    const IMMUTABLE_ITEMS: bool = true;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_extend_by_signedness() {
        assert_eq!(JitType::to_word(-1i32), u64::MAX);
        assert_eq!(JitType::to_word(u32::MAX), 0xffff_ffff);
        assert_eq!(unsafe { <i32 as JitType>::from_word(u64::MAX) }, -1);
        assert_eq!(JitType::to_word(true), 1);
        assert_eq!(
            unsafe { <f64 as JitType>::from_word(JitType::to_word(1.5f64)) },
            1.5
        );
        assert_eq!(<Option<GcRef> as JitType>::to_word(None), 0);
    }

    #[derive(Clone, Copy, Debug, PartialEq)]
    #[repr(i64)]
    enum Signed {
        Low = -2,
        High = 7,
    }
    crate::jit_enum!(Signed as i64);

    #[test]
    fn enum_words_round_trip() {
        for v in [Signed::Low, Signed::High] {
            assert_eq!(unsafe { <Signed as JitType>::from_word(v.to_word()) }, v);
        }
        assert_eq!(Signed::Low.to_word(), u64::MAX - 1);
    }

    #[test]
    fn int_width_wrap_and_holds() {
        let w = IntWidth {
            bytes: 1,
            signed: true,
        };
        assert_eq!(w.wrap(200), -56);
        assert!(w.holds(-128) && !w.holds(128));
        let u = IntWidth {
            bytes: 4,
            signed: false,
        };
        assert_eq!(u.wrap(-1), 0xffff_ffff);
        assert!(IntWidth::U64.holds(u64::MAX as i128));
    }
}
