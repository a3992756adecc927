//! [`Value`]: a value of one of jitcode's register kinds, as the blackhole interpreter, the
//! tracer and the warm-up code pass values around.

use crate::gc::GcRef;
use crate::jitcode::{JitType, JitValue, Kind};

/// A value in a register, returned from jitcode, or passed to it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value {
    /// `()`.
    Void,
    /// An integer or `bool` (widened word).
    Int(i64),
    /// An `f64`.
    Float(f64),
    /// A reference (`None` is null).
    Ref(Option<GcRef>),
}

impl Value {
    /// The value of a Rust value of a register type.
    pub fn of<T: JitType>(value: T) -> Value {
        Value::from_word(T::KIND, value.to_word())
    }

    pub(crate) fn from_word(kind: Kind, word: u64) -> Value {
        match kind {
            Kind::Int => Value::Int(word as i64),
            Kind::Float => Value::Float(f64::from_bits(word)),
            // SAFETY: a reference word is 0 or the address of a live object.
            Kind::Ref => {
                Value::Ref((word != 0).then(|| unsafe { GcRef::from_addr(word as usize) }))
            }
        }
    }

    /// The value as a word (0 for `()`).
    pub fn word(self) -> u64 {
        match self {
            Value::Void => 0,
            Value::Int(v) => v as u64,
            Value::Float(v) => v.to_bits(),
            Value::Ref(r) => r.map_or(0, |r| r.addr() as u64),
        }
    }

    /// The value as the Rust type `T`.
    ///
    /// # Safety
    /// The value must have been produced for type `T` (a reference must be an object of the
    /// type `T` claims).
    pub unsafe fn get<T: JitValue>(self) -> T {
        T::from_value_word(self.word())
    }

    /// The integer, if this is one.
    pub fn as_int(self) -> Option<i64> {
        match self {
            Value::Int(v) => Some(v),
            _ => None,
        }
    }

    /// The float, if this is one.
    pub fn as_float(self) -> Option<f64> {
        match self {
            Value::Float(v) => Some(v),
            _ => None,
        }
    }

    /// The reference, if this is one.
    pub fn as_ref(self) -> Option<Option<GcRef>> {
        match self {
            Value::Ref(r) => Some(r),
            _ => None,
        }
    }
}
