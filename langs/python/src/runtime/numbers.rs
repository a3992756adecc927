//! `int` and `float` arithmetic with CPython's results: `i64` fast paths with overflow
//! checks falling back to big integers, Python's floor division and modulo signs, and
//! CPython's error messages.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::bytecode::{BinaryKind, CompareKind};
use crate::runtime::objects::*;
use crate::runtime::values::*;

/// A number taken out of its box.
#[derive(Clone, Debug)]
pub enum Num {
    /// An int that fits an `i64` (bools included).
    Int(i64),
    /// A big int.
    Big(BigInt),
    /// A float.
    Float(f64),
}

/// The number in `value`, if it is an int, bool or float.
pub fn as_num(value: Value) -> Option<Num> {
    if let Some(i) = value.downcast::<IntObj>() {
        return Some(Num::Int(i.value));
    }
    if let Some(f) = value.downcast::<FloatObj>() {
        return Some(Num::Float(f.value));
    }
    if let Some(b) = value.downcast::<BoolObj>() {
        return Some(Num::Int(i64::from(b.value)));
    }
    if let Some(b) = value.downcast::<BigIntObj>() {
        return Some(Num::Big(b.value.0.clone()));
    }
    None
}

/// A number argument of a built-in function (not an operator, which tries special
/// methods first): an int's, a bool's or a float's, or that of an instance of a class
/// derived from `int` or `float`, as CPython's C functions read them.
pub fn as_number(value: Value) -> Option<Num> {
    as_num(crate::runtime::derived::builtin_value(value))
}

/// The integer an index or count argument gives: an int's or a bool's, or that of an
/// instance of a class derived from `int` (CPython's `PyNumber_Index` takes it as it is);
/// `None` for anything else (floats too).
pub fn as_index(value: Value) -> Option<Num> {
    match as_number(value)? {
        Num::Float(_) => None,
        integer => Some(integer),
    }
}

/// The integer in `value` (ints and bools), as a big integer.
pub fn as_bigint(value: Value) -> Option<BigInt> {
    match as_num(value)? {
        Num::Int(i) => Some(BigInt::from(i)),
        Num::Big(b) => Some(b),
        Num::Float(_) => None,
    }
}

/// The float value of a number (big ints rounded; too big ones are an OverflowError).
/// `x.as_integer_ratio()`: the lowest-terms fraction equal to a number, denominator
/// positive (an int is over 1); infinities and NaN have none.
pub fn integer_ratio(num: &Num) -> PyResult<(BigInt, BigInt)> {
    let x = match num {
        Num::Int(i) => return Ok((BigInt::from(*i), BigInt::from(1))),
        Num::Big(b) => return Ok((b.clone(), BigInt::from(1))),
        Num::Float(x) => *x,
    };
    if x.is_nan() {
        return value_error("cannot convert NaN to integer ratio".into());
    }
    if x.is_infinite() {
        return Err(exception(
            TypeId::OverflowError,
            "cannot convert Infinity to integer ratio",
        ));
    }
    // x is mantissa * 2**exponent exactly; halve the mantissa while the power is negative.
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1 << 52) - 1);
    let (mut mantissa, mut exponent) = match biased {
        0 => (fraction, -1074),
        _ => (fraction | 1 << 52, biased - 1075),
    };
    if mantissa == 0 {
        return Ok((BigInt::from(0), BigInt::from(1)));
    }
    let shift = i64::from(mantissa.trailing_zeros()).min((-exponent).max(0));
    mantissa >>= shift;
    exponent += shift;
    let numerator = BigInt::from(mantissa) << exponent.max(0) as usize;
    let numerator = if x < 0.0 { -numerator } else { numerator };
    Ok((numerator, BigInt::from(1) << (-exponent).max(0) as usize))
}

pub fn to_f64(num: &Num) -> PyResult<f64> {
    match num {
        Num::Int(i) => Ok(*i as f64),
        Num::Float(f) => Ok(*f),
        Num::Big(b) => match b.to_f64() {
            Some(f) if f.is_finite() => Ok(f),
            _ => Err(exception(
                TypeId::OverflowError,
                "int too large to convert to float",
            )),
        },
    }
}

fn int_result(value: Option<i64>, big: impl FnOnce() -> BigInt) -> Value {
    match value {
        Some(v) => new_int(v),
        None => new_bigint(big()),
    }
}

/// `a op b` for two numbers; `None` when the operator does not apply to them.
pub fn binary(kind: BinaryKind, a: &Num, b: &Num) -> PyResult<Option<Value>> {
    match (a, b) {
        (Num::Float(_), _) | (_, Num::Float(_)) => float_binary(kind, to_f64(a)?, to_f64(b)?),
        (Num::Int(x), Num::Int(y)) => small_binary(kind, *x, *y),
        _ => {
            let x = big(a);
            let y = big(b);
            big_binary(kind, &x, &y)
        }
    }
}

fn big(num: &Num) -> BigInt {
    match num {
        Num::Int(i) => BigInt::from(*i),
        Num::Big(b) => b.clone(),
        Num::Float(f) => BigInt::from(*f as i64),
    }
}

fn small_binary(kind: BinaryKind, x: i64, y: i64) -> PyResult<Option<Value>> {
    let (bx, by) = (|| BigInt::from(x), || BigInt::from(y));
    Ok(Some(match kind {
        BinaryKind::Add => int_result(x.checked_add(y), || bx() + by()),
        BinaryKind::Sub => int_result(x.checked_sub(y), || bx() - by()),
        BinaryKind::Mul => int_result(x.checked_mul(y), || bx() * by()),
        BinaryKind::FloorDiv => {
            if y == 0 {
                return Err(exception(
                    TypeId::ZeroDivisionError,
                    "integer division or modulo by zero",
                ));
            }
            if x == i64::MIN && y == -1 {
                new_bigint(-bx())
            } else {
                new_int(Integer::div_floor(&x, &y))
            }
        }
        BinaryKind::Mod => {
            if y == 0 {
                return Err(exception(
                    TypeId::ZeroDivisionError,
                    "integer modulo by zero",
                ));
            }
            if y == -1 {
                new_int(0)
            } else {
                new_int(x.mod_floor(&y))
            }
        }
        BinaryKind::TrueDiv => {
            if y == 0 {
                return Err(exception(TypeId::ZeroDivisionError, "division by zero"));
            }
            new_float(int_true_div(&bx(), &by())?)
        }
        BinaryKind::Pow => return int_pow(&bx(), &by()).map(Some),
        BinaryKind::LShift => {
            if y < 0 {
                return value_error("negative shift count".into());
            }
            if y < 63 && x.unsigned_abs() < (1u64 << (63 - y)) {
                new_int(x << y)
            } else {
                return big_binary(kind, &bx(), &by());
            }
        }
        BinaryKind::RShift => {
            if y < 0 {
                return value_error("negative shift count".into());
            }
            new_int(x >> y.min(63))
        }
        BinaryKind::And => new_int(x & y),
        BinaryKind::Or => new_int(x | y),
        BinaryKind::Xor => new_int(x ^ y),
        BinaryKind::MatMul => return Ok(None),
    }))
}

fn big_binary(kind: BinaryKind, x: &BigInt, y: &BigInt) -> PyResult<Option<Value>> {
    let zero_division = || {
        exception(
            TypeId::ZeroDivisionError,
            "integer division or modulo by zero",
        )
    };
    Ok(Some(match kind {
        BinaryKind::Add => new_bigint(x + y),
        BinaryKind::Sub => new_bigint(x - y),
        BinaryKind::Mul => new_bigint(x * y),
        BinaryKind::FloorDiv => {
            if y.is_zero() {
                return Err(zero_division());
            }
            new_bigint(x.div_floor(y))
        }
        BinaryKind::Mod => {
            if y.is_zero() {
                return Err(exception(
                    TypeId::ZeroDivisionError,
                    "integer modulo by zero",
                ));
            }
            new_bigint(x.mod_floor(y))
        }
        BinaryKind::TrueDiv => {
            if y.is_zero() {
                return Err(exception(TypeId::ZeroDivisionError, "division by zero"));
            }
            new_float(int_true_div(x, y)?)
        }
        BinaryKind::Pow => return int_pow(x, y).map(Some),
        BinaryKind::LShift | BinaryKind::RShift => {
            if y.is_negative() {
                return value_error("negative shift count".into());
            }
            let Some(shift) = y.to_usize().filter(|&s| s < 1 << 26) else {
                if kind == BinaryKind::RShift {
                    return Ok(Some(new_int(if x.is_negative() { -1 } else { 0 })));
                }
                return Err(exception(
                    TypeId::OverflowError,
                    "too many digits in integer",
                ));
            };
            if kind == BinaryKind::LShift {
                new_bigint(x << shift)
            } else {
                new_bigint(x >> shift)
            }
        }
        BinaryKind::And => new_bigint(x & y),
        BinaryKind::Or => new_bigint(x | y),
        BinaryKind::Xor => new_bigint(x ^ y),
        BinaryKind::MatMul => return Ok(None),
    }))
}

/// `x / y` for ints: exact when both fit a double's mantissa, else through big integers.
/// `x / y` of two ints, correctly rounded; too large for a float is an `OverflowError`.
pub fn int_true_div(x: &BigInt, y: &BigInt) -> PyResult<f64> {
    let limit = BigInt::from(1u64 << 53);
    if x.abs() <= limit && y.abs() <= limit {
        return Ok(x.to_f64().unwrap_or(0.0) / y.to_f64().unwrap_or(1.0));
    }
    // The quotient scaled to 55 or 56 bits, rounded once (half to even, the remainder
    // breaking ties) to the bits a float keeps at its exponent (fewer when subnormal).
    let negative = x.is_negative() != y.is_negative();
    let (a, b) = (x.abs(), y.abs());
    let signed = |v: f64| if negative { -v } else { v };
    if a.is_zero() {
        return Ok(signed(0.0));
    }
    let shift = a.bits() as i64 - b.bits() as i64 - 55;
    let (num, den) = match shift > 0 {
        true => (a, b << shift as usize),
        false => (a << (-shift) as usize, b),
    };
    let (quotient, remainder) = num.div_rem(&den);
    let bits = quotient.bits() as i64;
    // The quotient is in [2**(exponent-1), 2**exponent).
    let exponent = bits + shift;
    let keep = (exponent + 1074).min(53);
    if keep < 0 {
        return Ok(signed(0.0));
    }
    let dropped = (bits - keep) as usize;
    let mut mantissa = (&quotient >> dropped).to_u64().unwrap_or(0);
    let rest = &quotient - (BigInt::from(mantissa) << dropped);
    let half = BigInt::from(1) << (dropped - 1);
    if rest > half || (rest == half && (!remainder.is_zero() || mantissa & 1 == 1)) {
        mantissa += 1;
    }
    // mantissa * 2**power is a float exactly; scale in steps that stay normal.
    let mut value = mantissa as f64;
    let mut power = shift + dropped as i64;
    while power != 0 {
        let step = power.clamp(-1000, 1000);
        value *= 2f64.powi(step as i32);
        power -= step;
    }
    if value.is_infinite() {
        return Err(exception(
            TypeId::OverflowError,
            "integer division result too large for a float",
        ));
    }
    Ok(signed(value))
}

fn int_pow(x: &BigInt, y: &BigInt) -> PyResult<Value> {
    if y.is_negative() {
        let (fx, fy) = (
            x.to_f64().unwrap_or(f64::INFINITY),
            y.to_f64().unwrap_or(f64::NEG_INFINITY),
        );
        if fx == 0.0 {
            return Err(exception(
                TypeId::ZeroDivisionError,
                "0.0 cannot be raised to a negative power",
            ));
        }
        return Ok(new_float(fx.powf(fy)));
    }
    let Some(exponent) = y.to_u32() else {
        if x.abs() <= BigInt::from(1) {
            let odd = y.is_odd();
            return Ok(new_bigint(if x.is_negative() && !odd {
                -x.clone()
            } else {
                x.clone()
            }));
        }
        return Err(exception(TypeId::MemoryError, ""));
    };
    if x.bits().saturating_mul(u64::from(exponent)) > 1 << 30 {
        return Err(exception(TypeId::MemoryError, ""));
    }
    Ok(new_bigint(num_traits::pow(x.clone(), exponent as usize)))
}

fn float_binary(kind: BinaryKind, x: f64, y: f64) -> PyResult<Option<Value>> {
    Ok(Some(new_float(match kind {
        BinaryKind::Add => x + y,
        BinaryKind::Sub => x - y,
        BinaryKind::Mul => x * y,
        BinaryKind::TrueDiv => {
            if y == 0.0 {
                return Err(exception(
                    TypeId::ZeroDivisionError,
                    "float division by zero",
                ));
            }
            x / y
        }
        BinaryKind::FloorDiv => {
            if y == 0.0 {
                return Err(exception(
                    TypeId::ZeroDivisionError,
                    "float floor division by zero",
                ));
            }
            float_divmod(x, y).0
        }
        BinaryKind::Mod => {
            if y == 0.0 {
                return Err(exception(TypeId::ZeroDivisionError, "float modulo"));
            }
            float_divmod(x, y).1
        }
        BinaryKind::Pow => return float_pow(x, y).map(Some),
        _ => return Ok(None),
    })))
}

/// CPython's `divmod` of floats: the floored quotient and a remainder with the divisor's sign.
pub fn float_divmod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(x / y)
    };
    (floordiv, m)
}

fn float_pow(x: f64, y: f64) -> PyResult<Value> {
    if x == 0.0 && y < 0.0 {
        return Err(exception(
            TypeId::ZeroDivisionError,
            "0.0 cannot be raised to a negative power",
        ));
    }
    if x < 0.0 && y.fract() != 0.0 && y.is_finite() {
        // A negative base to a fractional power is complex.
        use crate::runtime::complex::{new_complex, pow, Complex};
        let power = pow(Complex { re: x, im: 0.0 }, Complex { re: y, im: 0.0 })?;
        return Ok(new_complex(power));
    }
    let result = x.powf(y);
    if result.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(exception(
            TypeId::OverflowError,
            "(34, 'Numerical result out of range')",
        ));
    }
    Ok(new_float(result))
}

/// Compares two numbers exactly (ints against floats too).
pub fn compare(kind: CompareKind, a: &Num, b: &Num) -> bool {
    use std::cmp::Ordering;
    let ordering = match (a, b) {
        (Num::Int(x), Num::Int(y)) => Some(x.cmp(y)),
        (Num::Float(x), Num::Float(y)) => x.partial_cmp(y),
        (Num::Float(x), other) => compare_float_int(*x, &big(other)),
        (other, Num::Float(y)) => compare_float_int(*y, &big(other)).map(Ordering::reverse),
        _ => Some(big(a).cmp(&big(b))),
    };
    match ordering {
        None => kind == CompareKind::Ne,
        Some(order) => match kind {
            CompareKind::Lt => order == Ordering::Less,
            CompareKind::Le => order != Ordering::Greater,
            CompareKind::Eq => order == Ordering::Equal,
            CompareKind::Ne => order != Ordering::Equal,
            CompareKind::Gt => order == Ordering::Greater,
            CompareKind::Ge => order != Ordering::Less,
        },
    }
}

/// `x <=> i` exactly (`None` for NaN).
fn compare_float_int(x: f64, i: &BigInt) -> Option<std::cmp::Ordering> {
    use std::cmp::Ordering;
    if x.is_nan() {
        return None;
    }
    if x.is_infinite() {
        return Some(if x > 0.0 {
            Ordering::Greater
        } else {
            Ordering::Less
        });
    }
    let floor = x.floor();
    let whole = BigInt::from(floor as i128);
    let whole = if floor.abs() < 1e38 {
        whole
    } else {
        float_to_bigint(floor)
    };
    match whole.cmp(i) {
        Ordering::Equal if x > floor => Some(Ordering::Greater),
        other => Some(other),
    }
}

/// The integer value of a finite, integral float.
pub fn float_to_bigint(x: f64) -> BigInt {
    if x.abs() < 9.0e18 {
        return BigInt::from(x as i64);
    }
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i64 - 1075;
    let mantissa = (bits & ((1 << 52) - 1)) | (1 << 52);
    let magnitude = BigInt::from(mantissa) << exponent.max(0) as usize;
    if x < 0.0 {
        -magnitude
    } else {
        magnitude
    }
}

/// `-x` for a number.
pub fn negate(num: &Num) -> Value {
    match num {
        Num::Int(i) => int_result(i.checked_neg(), || -BigInt::from(*i)),
        Num::Big(b) => new_bigint(-b),
        Num::Float(f) => new_float(-f),
    }
}

/// Whether a number is non-zero.
pub fn is_nonzero(num: &Num) -> bool {
    match num {
        Num::Int(i) => *i != 0,
        Num::Big(b) => !b.is_zero(),
        Num::Float(f) => *f != 0.0,
    }
}
