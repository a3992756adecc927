//! The pure methods of the primitive types (`x.floor()`, `a.max(b)`, `n.count_ones()`, ...):
//! staged code calls them as elidable residual calls, which write nothing (the optimizer's
//! heap knowledge survives them), fold when their arguments are constants and are shared when
//! repeated. Without this they were calls that may write everything.
//!
//! Each primitive type is its own method owner ([`MethodOwner`]); each pure method is a
//! [`StagedMethod`] of it, keyed by the method's fn item, which the registry declares
//! elidable. `f64`'s `sqrt` and `abs` are not here: they are instructions (see
//! [`dispatch`](super::dispatch)). Methods that may panic (`rem_euclid`, `div_euclid`) or that
//! the staging treats specially (`checked_*`, `wrapping_*`, ...) are not here either.

use std::any::TypeId;

use super::dispatch::{MethodOwner, StagedMethod};
use super::registry::Registry;
use crate::__private::type_id_of;

macro_rules! pure_methods {
    ($($owner:ident { $($name:ident),* $(,)? })*) => {
        $(
            impl MethodOwner for $owner {
                type Owner = $owner;
            }
            $(
                impl StagedMethod<{ crate::layout::field_id(stringify!($name)) }> for $owner {
                    fn key() -> TypeId {
                        type_id_of(&$owner::$name)
                    }
                    fn name() -> &'static str {
                        concat!(stringify!($owner), "::", stringify!($name))
                    }
                }
            )*
        )*

        /// The keys of every pure method.
        fn keys() -> Vec<TypeId> {
            vec![$($(type_id_of(&$owner::$name)),*),*]
        }
    };
}

pure_methods! {
    f64 {
        floor, ceil, round, trunc, fract, signum, recip, to_degrees, to_radians,
        exp, exp2, exp_m1, ln, ln_1p, log, log2, log10, cbrt, powi, powf, hypot,
        sin, cos, tan, asin, acos, atan, atan2, sinh, cosh, tanh, asinh, acosh, atanh,
        min, max, copysign, to_bits,
        is_nan, is_finite, is_infinite, is_normal, is_sign_negative, is_sign_positive,
    }
    i64 {
        abs, signum, is_positive, is_negative, min, max, pow,
        count_ones, count_zeros, leading_zeros, trailing_zeros, swap_bytes, reverse_bits,
        rotate_left, rotate_right,
    }
    i32 {
        abs, signum, is_positive, is_negative, min, max, pow,
        count_ones, count_zeros, leading_zeros, trailing_zeros,
    }
    u64 {
        min, max, pow, count_ones, count_zeros, leading_zeros, trailing_zeros, swap_bytes,
        reverse_bits, rotate_left, rotate_right, is_power_of_two,
    }
    u32 {
        min, max, pow, count_ones, count_zeros, leading_zeros, trailing_zeros,
        is_power_of_two,
    }
    u8 {
        min, max, count_ones, leading_zeros, trailing_zeros, is_ascii_digit,
        is_ascii_alphabetic, is_ascii_alphanumeric, is_ascii_whitespace, is_ascii_uppercase,
        is_ascii_lowercase, to_ascii_uppercase, to_ascii_lowercase,
    }
    usize {
        min, max, pow, count_ones, leading_zeros, trailing_zeros, is_power_of_two,
    }
}

/// Declares every pure method elidable in `registry`.
pub(crate) fn declare_elidable(registry: &Registry) {
    for key in keys() {
        registry.declare_elidable(key);
    }
}
