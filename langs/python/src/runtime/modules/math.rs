//! The `math` module: constants, floating-point functions with CPython's error rules
//! (a NaN from a non-NaN argument is "math domain error", an overflow "math range
//! error"), exact integer functions on big integers, and correctly rounded `fsum`.

use jitgen_core::gc::{Gc, GcVec};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::bytecode::BinaryKind;
use crate::runtime::attr::lookup_in_mro;
use crate::runtime::builtins::int_from_float;
use crate::runtime::builtins::{keyword, Builtin};
use crate::runtime::call::{call_simple, Args};
use crate::runtime::dict::dict_set_str;
use crate::runtime::iter::collect;
use crate::runtime::numbers::{as_num, to_f64, Num};
use crate::runtime::objects::*;
use crate::runtime::ops;
use crate::runtime::values::*;

/// The functions of `math`.
pub const FUNCTIONS: &[Builtin] = &[
    Builtin::MathSqrt,
    Builtin::MathFloor,
    Builtin::MathCeil,
    Builtin::MathTrunc,
    Builtin::MathFabs,
    Builtin::MathExp,
    Builtin::MathExpm1,
    Builtin::MathLog,
    Builtin::MathLog2,
    Builtin::MathLog10,
    Builtin::MathLog1p,
    Builtin::MathPow,
    Builtin::MathSin,
    Builtin::MathCos,
    Builtin::MathTan,
    Builtin::MathAsin,
    Builtin::MathAcos,
    Builtin::MathAtan,
    Builtin::MathAtan2,
    Builtin::MathSinh,
    Builtin::MathCosh,
    Builtin::MathTanh,
    Builtin::MathHypot,
    Builtin::MathIsfinite,
    Builtin::MathIsinf,
    Builtin::MathIsnan,
    Builtin::MathIsclose,
    Builtin::MathGcd,
    Builtin::MathLcm,
    Builtin::MathFactorial,
    Builtin::MathCopysign,
    Builtin::MathFmod,
    Builtin::MathIsqrt,
    Builtin::MathDegrees,
    Builtin::MathRadians,
    Builtin::MathModf,
    Builtin::MathFrexp,
    Builtin::MathLdexp,
    Builtin::MathFsum,
    Builtin::MathProd,
    Builtin::MathComb,
    Builtin::MathPerm,
];

/// Adds the constants to `math`'s namespace.
pub fn fill(dict: Gc<DictObj>) {
    for (name, value) in [
        ("pi", std::f64::consts::PI),
        ("e", std::f64::consts::E),
        ("tau", std::f64::consts::TAU),
        ("inf", f64::INFINITY),
        ("nan", f64::NAN),
    ] {
        dict_set_str(dict, name, new_float(value));
    }
}

/// `ValueError: math domain error`.
fn domain_error<T>() -> PyResult<T> {
    value_error("math domain error".into())
}

/// `OverflowError: math range error`.
fn range_error<T>() -> PyResult<T> {
    Err(exception(TypeId::OverflowError, "math range error"))
}

/// Checks the number of positional arguments (and that there are no keywords), with
/// CPython's wording for one-argument and fixed-count functions.
fn expect_args(name: &str, args: &Args, count: usize) -> PyResult<()> {
    if args.nkw() > 0 {
        return type_error(format!("math.{name}() takes no keyword arguments"));
    }
    if args.npos == count {
        return Ok(());
    }
    type_error(if count == 1 {
        format!(
            "math.{name}() takes exactly one argument ({} given)",
            args.npos
        )
    } else {
        format!("{name} expected {count} arguments, got {}", args.npos)
    })
}

/// A real-number argument as a float (ints converted; objects through `__float__`).
fn real(value: Value) -> PyResult<f64> {
    if let Some(num) = as_num(value) {
        return to_f64(&num);
    }
    if let Some(instance) = value.downcast::<InstanceObj>() {
        if let Some(method) = lookup_in_mro(instance.cls, "__float__") {
            let result = call_simple(method, &[value])?;
            if let Some(Num::Float(f)) = as_num(result).filter(|_| result.is::<FloatObj>()) {
                return Ok(f);
            }
            return type_error(format!(
                "{}.__float__ returned non-float (type {})",
                type_name(value),
                type_name(result)
            ));
        }
    }
    type_error(format!("must be real number, not {}", type_name(value)))
}

/// An integer argument (ints and bools only).
fn integer(value: Value) -> PyResult<BigInt> {
    match crate::runtime::numbers::as_index(value) {
        Some(Num::Int(i)) => Ok(BigInt::from(i)),
        Some(Num::Big(b)) => Ok(b),
        _ => type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(value)
        )),
    }
}

/// `f(x)` with CPython's checks: a NaN from a non-NaN argument is a domain error; an
/// infinity from a finite one a range error if `f` can overflow, else a domain error.
fn checked(x: f64, f: fn(f64) -> f64, can_overflow: bool) -> PyResult<Value> {
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return domain_error();
    }
    if r.is_infinite() && x.is_finite() {
        return if can_overflow {
            range_error()
        } else {
            domain_error()
        };
    }
    Ok(new_float(r))
}

/// Calls a function of `math`.
pub fn call(id: Builtin, args: Args) -> PyResult<Value> {
    let name = crate::runtime::builtins::builtin_name(id as i64);
    let unary = |f: fn(f64) -> f64, can_overflow: bool| -> PyResult<Value> {
        expect_args(name, &args, 1)?;
        checked(real(args.get(0))?, f, can_overflow)
    };
    match id {
        Builtin::MathSqrt => unary(f64::sqrt, false),
        Builtin::MathExp => unary(f64::exp, true),
        Builtin::MathExpm1 => unary(f64::exp_m1, true),
        Builtin::MathLog1p => unary(f64::ln_1p, false),
        Builtin::MathSin => unary(f64::sin, false),
        Builtin::MathCos => unary(f64::cos, false),
        Builtin::MathTan => unary(f64::tan, false),
        Builtin::MathAsin => unary(f64::asin, false),
        Builtin::MathAcos => unary(f64::acos, false),
        Builtin::MathAtan => unary(f64::atan, false),
        Builtin::MathSinh => unary(f64::sinh, true),
        Builtin::MathCosh => unary(f64::cosh, true),
        Builtin::MathTanh => unary(f64::tanh, false),
        Builtin::MathFabs => unary(f64::abs, false),
        Builtin::MathDegrees => unary(f64::to_degrees, true),
        Builtin::MathRadians => unary(f64::to_radians, false),
        Builtin::MathFloor | Builtin::MathCeil | Builtin::MathTrunc => {
            expect_args(name, &args, 1)?;
            round_to_int(id, args.get(0))
        }
        Builtin::MathLog => {
            if args.nkw() > 0 || args.npos == 0 || args.npos > 2 {
                return type_error("math.log requires 1 to 2 arguments".into());
            }
            let x = log_of(args.get(0), f64::ln)?;
            if args.npos == 1 {
                return Ok(new_float(x));
            }
            let base = log_of(args.get(1), f64::ln)?;
            if base == 0.0 {
                return Err(exception(
                    TypeId::ZeroDivisionError,
                    "float division by zero",
                ));
            }
            Ok(new_float(x / base))
        }
        Builtin::MathLog2 | Builtin::MathLog10 => {
            expect_args(name, &args, 1)?;
            let f = if id == Builtin::MathLog2 {
                f64::log2
            } else {
                f64::log10
            };
            Ok(new_float(log_of(args.get(0), f)?))
        }
        Builtin::MathPow => {
            expect_args(name, &args, 2)?;
            pow(real(args.get(0))?, real(args.get(1))?)
        }
        Builtin::MathAtan2 => {
            expect_args(name, &args, 2)?;
            Ok(new_float(real(args.get(0))?.atan2(real(args.get(1))?)))
        }
        Builtin::MathCopysign => {
            expect_args(name, &args, 2)?;
            Ok(new_float(real(args.get(0))?.copysign(real(args.get(1))?)))
        }
        Builtin::MathFmod => {
            expect_args(name, &args, 2)?;
            fmod(real(args.get(0))?, real(args.get(1))?)
        }
        Builtin::MathHypot => {
            if args.nkw() > 0 {
                return type_error("hypot() takes no keyword arguments".into());
            }
            let mut coordinates = Vec::with_capacity(args.npos);
            for i in 0..args.npos {
                coordinates.push(real(args.get(i))?);
            }
            Ok(new_float(hypot(&coordinates)))
        }
        Builtin::MathIsfinite | Builtin::MathIsinf | Builtin::MathIsnan => {
            expect_args(name, &args, 1)?;
            let x = real(args.get(0))?;
            Ok(new_bool(match id {
                Builtin::MathIsfinite => x.is_finite(),
                Builtin::MathIsinf => x.is_infinite(),
                _ => x.is_nan(),
            }))
        }
        Builtin::MathIsclose => isclose(&args),
        Builtin::MathGcd | Builtin::MathLcm => {
            if args.nkw() > 0 {
                return type_error(format!("math.{name}() takes no keyword arguments"));
            }
            let is_gcd = id == Builtin::MathGcd;
            let mut result = if is_gcd {
                BigInt::zero()
            } else {
                BigInt::one()
            };
            for i in 0..args.npos {
                let n = integer(args.get(i))?;
                result = if is_gcd {
                    result.gcd(&n)
                } else {
                    result.lcm(&n)
                };
            }
            Ok(new_bigint(result.abs()))
        }
        Builtin::MathFactorial => {
            expect_args(name, &args, 1)?;
            let n = integer(args.get(0))?;
            if n.is_negative() {
                return value_error("factorial() not defined for negative values".into());
            }
            let Some(n) = small(&n) else {
                return Err(exception(
                    TypeId::OverflowError,
                    "factorial() argument should not exceed 9223372036854775807",
                ));
            };
            Ok(new_bigint(falling_product(n, n)))
        }
        Builtin::MathIsqrt => {
            expect_args(name, &args, 1)?;
            let n = integer(args.get(0))?;
            if n.is_negative() {
                return value_error("isqrt() argument must be nonnegative".into());
            }
            Ok(new_bigint(n.sqrt()))
        }
        Builtin::MathModf => {
            expect_args(name, &args, 1)?;
            let x = real(args.get(0))?;
            let (fraction, whole) = if x.is_infinite() {
                (0.0f64.copysign(x), x)
            } else {
                (x.fract().copysign(x), x.trunc())
            };
            Ok(pair(new_float(fraction), new_float(whole)))
        }
        Builtin::MathFrexp => {
            expect_args(name, &args, 1)?;
            let (mantissa, exponent) = frexp(real(args.get(0))?);
            Ok(pair(new_float(mantissa), new_int(exponent)))
        }
        Builtin::MathLdexp => {
            expect_args(name, &args, 2)?;
            let x = real(args.get(0))?;
            let exponent = match as_num(args.get(1)) {
                Some(Num::Int(i)) => i,
                Some(Num::Big(b)) if b.is_negative() => i64::MIN,
                Some(Num::Big(_)) => i64::MAX,
                _ => return type_error("Expected an int as second argument to ldexp.".into()),
            };
            ldexp(x, exponent)
        }
        Builtin::MathFsum => {
            expect_args(name, &args, 1)?;
            let items = collect(args.get(0))?;
            let mut values = Vec::with_capacity(items.len());
            for i in 0..items.len() {
                values.push(real(items.get(i))?);
            }
            Ok(new_float(fsum(&values)?))
        }
        Builtin::MathProd => {
            if args.npos != 1 {
                return type_error(format!(
                    "prod() takes exactly 1 positional argument ({} given)",
                    args.npos
                ));
            }
            let mut total =
                keyword("prod", &args, &["start"], "start")?.unwrap_or_else(|| new_int(1));
            let items = collect(args.get(0))?;
            for i in 0..items.len() {
                total = ops::binary(BinaryKind::Mul, total, items.get(i), false)?;
            }
            Ok(total)
        }
        Builtin::MathComb => {
            expect_args(name, &args, 2)?;
            let (n, k) = (integer(args.get(0))?, integer(args.get(1))?);
            if n.is_negative() {
                return value_error("n must be a non-negative integer".into());
            }
            if k.is_negative() {
                return value_error("k must be a non-negative integer".into());
            }
            if k > n {
                return Ok(new_int(0));
            }
            let k = std::cmp::min(k.clone(), &n - &k);
            let (Some(n), Some(k)) = (small(&n), small(&k)) else {
                return Err(exception(
                    TypeId::OverflowError,
                    "min(n - k, k) must not exceed 9223372036854775807",
                ));
            };
            Ok(new_bigint(falling_product(n, k) / falling_product(k, k)))
        }
        Builtin::MathPerm => {
            if args.nkw() > 0 || args.npos == 0 || args.npos > 2 {
                return type_error(format!(
                    "perm expected at most 2 arguments, got {}",
                    args.npos
                ));
            }
            let n = integer(args.get(0))?;
            let k = match args.npos {
                2 if !is_none(args.get(1)) => Some(integer(args.get(1))?),
                _ => None,
            };
            if n.is_negative() {
                return value_error(match k {
                    Some(_) => "n must be a non-negative integer".into(),
                    None => "factorial() not defined for negative values".into(),
                });
            }
            let k = k.unwrap_or_else(|| n.clone());
            if k.is_negative() {
                return value_error("k must be a non-negative integer".into());
            }
            if k > n {
                return Ok(new_int(0));
            }
            let (Some(n), Some(k)) = (small(&n), small(&k)) else {
                return Err(exception(
                    TypeId::OverflowError,
                    "k must not exceed 9223372036854775807",
                ));
            };
            Ok(new_bigint(falling_product(n, k)))
        }
        _ => type_error("unknown function of math".into()),
    }
}

/// A 2-tuple.
fn pair(a: Value, b: Value) -> Value {
    let items = GcVec::with_capacity(2);
    items.push(a);
    items.push(b);
    new_tuple(items)
}

/// A non-negative int up to `i64::MAX` (the arguments `falling_product` takes).
fn small(n: &BigInt) -> Option<u64> {
    n.to_u64().filter(|&n| n <= i64::MAX as u64)
}

/// `n * (n - 1) * ... * (n - k + 1)` (the empty product is 1), `k <= n <= i64::MAX`.
fn falling_product(n: u64, k: u64) -> BigInt {
    let mut product = BigInt::one();
    let mut small: u64 = 1;
    for factor in (n - k + 1..=n).rev() {
        // Multiply machine words together while they fit, then fold into the big one.
        match small.checked_mul(factor) {
            Some(p) => small = p,
            None => {
                product *= small;
                small = factor;
            }
        }
    }
    product * small
}

/// `floor`, `ceil` or `trunc` of a number: ints unchanged, floats to the int nearby;
/// other objects through `__floor__` / `__ceil__` / `__trunc__`.
fn round_to_int(id: Builtin, value: Value) -> PyResult<Value> {
    match as_num(value) {
        Some(Num::Int(i)) => return Ok(new_int(i)),
        Some(Num::Big(b)) => return Ok(new_bigint(b)),
        Some(Num::Float(x)) => {
            let round = match id {
                Builtin::MathFloor => f64::floor,
                Builtin::MathCeil => f64::ceil,
                _ => f64::trunc,
            };
            return int_from_float(x, round);
        }
        None => {}
    }
    let special = match id {
        Builtin::MathFloor => "__floor__",
        Builtin::MathCeil => "__ceil__",
        _ => "__trunc__",
    };
    if let Some(instance) = value.downcast::<InstanceObj>() {
        if let Some(method) = lookup_in_mro(instance.cls, special) {
            return call_simple(method, &[value]);
        }
    }
    if id == Builtin::MathTrunc {
        return type_error(format!(
            "type {} doesn't define __trunc__ method",
            type_name(value)
        ));
    }
    // `floor`/`ceil` fall back to the float value.
    let x = real(value)?;
    round_to_int(id, new_float(x))
}

/// A logarithm (`f` is `ln`, `log2` or `log10`) of an int of any size or a float;
/// non-positive arguments are a domain error.
fn log_of(value: Value, f: fn(f64) -> f64) -> PyResult<f64> {
    if let Some(Num::Big(b)) = as_num(value) {
        if !b.is_positive() {
            return domain_error();
        }
        if let Some(x) = b.to_f64().filter(|x| x.is_finite()) {
            return Ok(f(x));
        }
        // Too big for a float: log(m * 2**e) = log(m) + e * log(2), m in [0.5, 1) from
        // the top 53 bits.
        let excess = b.bits() - 53;
        let mantissa = (&b >> excess).to_f64().unwrap_or(f64::MAX) / 2f64.powi(53);
        return Ok(f(mantissa) + (excess + 53) as f64 * f(2.0));
    }
    let x = real(value)?;
    if x.is_nan() || x == f64::INFINITY {
        return Ok(x);
    }
    if x <= 0.0 {
        return domain_error();
    }
    Ok(f(x))
}

/// `math.pow(x, y)`: C99's special cases; errors for finite arguments only.
fn pow(x: f64, y: f64) -> PyResult<Value> {
    let r = x.powf(y);
    if x.is_finite() && y.is_finite() {
        if x == 0.0 && y < 0.0 {
            return domain_error();
        }
        if r.is_nan() {
            return domain_error();
        }
        if r.is_infinite() {
            return range_error();
        }
    }
    Ok(new_float(r))
}

/// `math.fmod(x, y)`: the remainder with the sign of `x`.
fn fmod(x: f64, y: f64) -> PyResult<Value> {
    if y.is_infinite() && x.is_finite() {
        return Ok(new_float(x));
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return domain_error();
    }
    Ok(new_float(r))
}

/// The Euclidean norm, rounded as closely as CPython's: the coordinates scaled by a power
/// of two near the largest (exactly), their squares summed in double-double precision
/// (exact products by fused multiply-add), the square root corrected by one Newton step
/// on the residual, then scaled back.
fn hypot(coordinates: &[f64]) -> f64 {
    if coordinates.iter().any(|c| c.is_infinite()) {
        return f64::INFINITY;
    }
    if coordinates.iter().any(|c| c.is_nan()) {
        return f64::NAN;
    }
    let max = coordinates.iter().fold(0.0f64, |m, c| m.max(c.abs()));
    if max == 0.0 || coordinates.len() == 1 {
        return max;
    }
    let (_, exponent) = frexp(max);
    // Scaling by a power of two is exact; it keeps the squares in range.
    let scale = scale_by_power_of_two;
    let (mut high, mut low) = (0.0f64, 0.0f64);
    for &c in coordinates {
        let x = scale(c, -exponent);
        let square = x * x;
        let square_error = x.mul_add(x, -square);
        // high + low += square + square_error, the rounding error of the sum kept.
        let sum = high + square;
        let sum_error = if high.abs() >= square.abs() {
            (high - sum) + square
        } else {
            (square - sum) + high
        };
        high = sum;
        low += sum_error + square_error;
    }
    let total = high + low;
    let low = low - (total - high);
    let mut root = total.sqrt();
    // One Newton step on the residual total + low - root², computed exactly.
    let residual = (-root).mul_add(root, total) + low;
    root += residual / (2.0 * root);
    scale(root, exponent)
}

/// `math.isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)`.
fn isclose(args: &Args) -> PyResult<Value> {
    if args.npos != 2 {
        return type_error(format!(
            "isclose() takes exactly 2 positional arguments ({} given)",
            args.npos
        ));
    }
    let allowed = ["rel_tol", "abs_tol"];
    let tolerance = |name: &str, default: f64| -> PyResult<f64> {
        match keyword("isclose", args, &allowed, name)? {
            Some(value) => real(value),
            None => Ok(default),
        }
    };
    let (rel_tol, abs_tol) = (tolerance("rel_tol", 1e-9)?, tolerance("abs_tol", 0.0)?);
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return value_error("tolerances must be non-negative".into());
    }
    let (a, b) = (real(args.get(0))?, real(args.get(1))?);
    if a == b {
        return Ok(new_bool(true));
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(new_bool(false));
    }
    let difference = (b - a).abs();
    Ok(new_bool(
        difference <= (rel_tol * b).abs()
            || difference <= (rel_tol * a).abs()
            || difference <= abs_tol,
    ))
}

/// `x = m * 2**e` with `0.5 <= |m| < 1` (zero, infinities and NaN: `(x, 0)`).
fn frexp(x: f64) -> (f64, i64) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    // Subnormals are scaled into the normal range first.
    let (x, bias) = if x.abs() < f64::MIN_POSITIVE {
        (x * 2f64.powi(54), -54)
    } else {
        (x, 0)
    };
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i64 - 1022;
    let mantissa = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (mantissa, exponent + bias)
}

/// `x * 2**e`, in steps of `2**±1000` (each exact) so that no power overflows on the way.
fn scale_by_power_of_two(x: f64, e: i64) -> f64 {
    let (mut x, mut e) = (x, e);
    while e > 1000 {
        x *= 2f64.powi(1000);
        e -= 1000;
    }
    while e < -1000 {
        x *= 2f64.powi(-1000);
        e += 1000;
    }
    x * 2f64.powi(e as i32)
}

/// `x * 2**exponent`, an overflow being a range error.
fn ldexp(x: f64, exponent: i64) -> PyResult<Value> {
    if x == 0.0 || !x.is_finite() {
        return Ok(new_float(x));
    }
    // Past these the result is certainly infinite or zero.
    let r = scale_by_power_of_two(x, exponent.clamp(-2200, 2200));
    if r.is_infinite() {
        return range_error();
    }
    Ok(new_float(r))
}

/// The correctly rounded sum of `values`: exact partial sums (each the rounding error
/// of the one above it), then one rounding, half to even.
fn fsum(values: &[f64]) -> PyResult<f64> {
    let mut partials: Vec<f64> = Vec::new();
    let mut special = 0.0f64;
    let mut inf_sum = 0.0f64;
    for &value in values {
        if !value.is_finite() {
            // Infinities and NaNs are summed apart: inf + -inf is an error, not NaN.
            if value.is_infinite() {
                inf_sum += value;
            }
            special += value;
            continue;
        }
        let mut x = value;
        let mut kept = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let high = x + y;
            let low = y - (high - x);
            if low != 0.0 {
                partials[kept] = low;
                kept += 1;
            }
            x = high;
        }
        if !x.is_finite() {
            return Err(exception(
                TypeId::OverflowError,
                "intermediate overflow in fsum",
            ));
        }
        partials.truncate(kept);
        partials.push(x);
    }
    if special != 0.0 || special.is_nan() {
        if inf_sum.is_nan() {
            return value_error("-inf + inf in fsum".into());
        }
        return Ok(special);
    }
    let Some(mut high) = partials.pop() else {
        return Ok(0.0);
    };
    let mut low = 0.0;
    while let Some(y) = partials.pop() {
        let x = high;
        high = x + y;
        low = y - (high - x);
        if low != 0.0 {
            break;
        }
    }
    // Half-way cases: the next partial says which way the exact sum lies.
    if let Some(&next) = partials.last() {
        if (low < 0.0 && next < 0.0) || (low > 0.0 && next > 0.0) {
            let doubled = low * 2.0;
            let candidate = high + doubled;
            if doubled == candidate - high {
                high = candidate;
            }
        }
    }
    Ok(high)
}
