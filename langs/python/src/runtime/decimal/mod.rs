//! The arithmetic of the `decimal` module (the General Decimal Arithmetic specification
//! as CPython's `_decimal`/libmpdec implements it): [`number`] (the representation),
//! [`context`] (precision, rounding, exponent limits and the conditions an operation
//! raises), [`arith`] (the basic operations), [`transcend`] (square root, `exp`, `ln`,
//! `log10` and powers), [`text`] (string conversion) and [`format`] (`__format__`). The
//! Python-facing module is `crate::runtime::modules::decimal`.

pub mod arith;
pub mod context;
pub mod format;
pub mod number;
pub mod text;
pub mod transcend;
