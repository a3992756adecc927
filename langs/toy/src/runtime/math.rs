//! The math built-ins (`sqrt`, `sin`, ..., `floor`, `abs`, `min`, `max`), staged so a trace
//! holds the argument checks and one pure call per function: the float kernels are
//! elidable (folded on constants, shared between equal calls) and never write memory;
//! `sqrt` is an instruction of its own.
//!
//! Errors are Python's: a nan from a number that is not nan is "math domain error", an
//! infinity from finite numbers "math range error" (or a domain error where the function has
//! a pole, like `log(0)`).

use jitgen_core::gc::Gc;

use crate::runtime::arith::{compare, negate, CmpOp};
use crate::runtime::builtins::{builtin_arity, builtin_arity_error, Builtin};
use crate::runtime::format::type_name;
use crate::runtime::objects::{Ctx, ErrorObj, FloatObj, IntObj, Value};
use crate::runtime::values::{
    float_to_int, is_truthy, new_float, new_int, runtime_error, ToyResult,
};

const ABS: i64 = Builtin::Abs as i64;
const MIN: i64 = Builtin::Min as i64;
const MAX: i64 = Builtin::Max as i64;
const FLOOR: i64 = Builtin::Floor as i64;
const CEIL: i64 = Builtin::Ceil as i64;
const SQRT: i64 = Builtin::Sqrt as i64;

/// Math built-in `id` with `argc` arguments, the first two being `x` and `y` (`nil` when
/// absent).
#[jitgen_core::look_inside]
pub fn call_math(ctx: Gc<Ctx>, id: i64, argc: usize, x: Value, y: Value) -> ToyResult<Value> {
    if argc as i64 != builtin_arity(id) {
        return Err(builtin_arity_error(id, argc));
    }
    if id == ABS {
        return abs(x);
    }
    if id == MIN {
        return pick(ctx, CmpOp::Lt, x, y);
    }
    if id == MAX {
        return pick(ctx, CmpOp::Gt, x, y);
    }
    if id == FLOOR || id == CEIL {
        return round(id, x);
    }
    let a = float_arg(id, x)?;
    if id == SQRT {
        // `f64::sqrt` is an instruction in traces (pure, not a call).
        return Ok(new_float(checked(id, a, a, a.sqrt())?));
    }
    if argc == 1 {
        return Ok(new_float(checked(id, a, a, unary(id, a))?));
    }
    let b = float_arg(id, y)?;
    Ok(new_float(checked(id, a, b, binary(id, a, b))?))
}

/// A number argument as a float.
#[jitgen_core::look_inside]
fn float_arg(id: i64, value: Value) -> ToyResult<f64> {
    if let Some(f) = value.downcast::<FloatObj>() {
        return Ok(f.value);
    }
    if let Some(i) = value.downcast::<IntObj>() {
        return Ok(i.value as f64);
    }
    Err(not_a_number(id, value))
}

/// The error of a math function applied to something that is not a number.
#[jitgen_core::dont_look_inside]
fn not_a_number(id: i64, value: Value) -> Gc<ErrorObj> {
    runtime_error(format!(
        "{}() expects a number, got {}",
        Builtin::from_id(id).map_or("?", Builtin::name),
        type_name(value)
    ))
}

/// The result `r` of function `id` on `a` (and `b`), or its error.
// `r == r` and `r - r` test finiteness with two float instructions (`is_finite()` would be
// a call).
#[allow(clippy::eq_op)]
#[jitgen_core::look_inside]
fn checked(id: i64, a: f64, b: f64, r: f64) -> ToyResult<f64> {
    // Finite (not nan, and `r - r` is nan for the infinities): the common case.
    if r == r && r - r == 0.0 {
        return Ok(r);
    }
    special_result(id, a, b, r)
}

/// [`checked`] for a nan or infinite result.
#[jitgen_core::dont_look_inside]
fn special_result(id: i64, a: f64, b: f64, r: f64) -> ToyResult<f64> {
    let domain = || runtime_error("math domain error".into());
    if r.is_nan() {
        return if a.is_nan() || b.is_nan() {
            Ok(r)
        } else {
            Err(domain())
        };
    }
    if !(a.is_finite() && b.is_finite()) {
        return Ok(r);
    }
    // An infinity from finite arguments: a pole, or an overflow.
    match Builtin::from_id(id) {
        Some(Builtin::Log) => Err(domain()),
        Some(Builtin::Pow) if a == 0.0 => Err(domain()),
        _ => Err(runtime_error("math range error".into())),
    }
}

/// A one-argument float function.
#[jitgen_core::elidable]
#[jitgen_core::dont_look_inside]
fn unary(id: i64, x: f64) -> f64 {
    match Builtin::from_id(id) {
        Some(Builtin::Sin) => x.sin(),
        Some(Builtin::Cos) => x.cos(),
        Some(Builtin::Tan) => x.tan(),
        Some(Builtin::Asin) => x.asin(),
        Some(Builtin::Acos) => x.acos(),
        Some(Builtin::Atan) => x.atan(),
        Some(Builtin::Exp) => x.exp(),
        Some(Builtin::Log) => x.ln(),
        Some(Builtin::Floor) => x.floor(),
        Some(Builtin::Ceil) => x.ceil(),
        _ => f64::NAN,
    }
}

/// A two-argument float function.
#[jitgen_core::elidable]
#[jitgen_core::dont_look_inside]
fn binary(id: i64, x: f64, y: f64) -> f64 {
    match Builtin::from_id(id) {
        Some(Builtin::Atan2) => x.atan2(y),
        Some(Builtin::Pow) => x.powf(y),
        Some(Builtin::Hypot) => x.hypot(y),
        _ => f64::NAN,
    }
}

/// `floor(x)` / `ceil(x)`: ints stay, floats are rounded to an int.
#[jitgen_core::look_inside]
fn round(id: i64, x: Value) -> ToyResult<Value> {
    if x.is::<IntObj>() {
        return Ok(x);
    }
    let f = float_arg(id, x)?;
    Ok(new_int(float_to_int(unary(id, f))?))
}

/// `abs(x)`.
#[jitgen_core::look_inside]
fn abs(x: Value) -> ToyResult<Value> {
    if let Some(i) = x.downcast::<IntObj>() {
        if i.value < 0 {
            return negate(x);
        }
        return Ok(x);
    }
    if let Some(f) = x.downcast::<FloatObj>() {
        // `0.0 - x` rather than `-x`, so `abs(-0.0)` is `0.0`.
        if f.value <= 0.0 {
            return Ok(new_float(0.0 - f.value));
        }
        return Ok(x);
    }
    Err(not_a_number(ABS, x))
}

/// `min(a, b)` (`op` is `<`) or `max(a, b)` (`op` is `>`): `b` if `b op a`, else `a`, as
/// Python picks.
#[jitgen_core::look_inside]
fn pick(ctx: Gc<Ctx>, op: CmpOp, a: Value, b: Value) -> ToyResult<Value> {
    if is_truthy(compare(ctx, op, b, a)?) {
        return Ok(b);
    }
    Ok(a)
}
