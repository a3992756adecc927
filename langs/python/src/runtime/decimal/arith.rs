//! The basic operations: NaN propagation, addition, multiplication, the divisions,
//! comparison, `max`/`min`, `quantize`, `to_integral_value`, `normalize`, `fma` and
//! `scaleb`, each raising the conditions the specification gives it.

use std::cmp::Ordering;

use num_bigint::BigUint;
use num_integer::Integer;
use num_traits::{ToPrimitive, Zero};

use super::context::*;
use super::number::{digits, exact_or_sticky, pow10, shift_left, trailing_zeros, Dec, Kind};

/// The NaN result of an operation on `operands` if one is a NaN: the first signaling
/// one made quiet (raising `InvalidOperation`), else the first quiet one.
pub fn propagate_nan(env: &mut Env, operands: &[&Dec]) -> Option<Dec> {
    if let Some(snan) = operands.iter().find(|d| d.kind == Kind::SNaN) {
        env.status |= INVALID_OPERATION;
        return Some(Dec {
            kind: Kind::NaN,
            ..(*snan).clone()
        });
    }
    operands
        .iter()
        .find(|d| d.kind == Kind::NaN)
        .map(|d| (*d).clone())
}

/// A NaN's payload cut to fit the precision (a longer one is dropped).
pub fn fit_payload(env: &Env, mut d: Dec) -> Dec {
    if d.is_nan() && digits(&d.coeff) > env.prec - env.clamp as i64 {
        d.coeff = BigUint::zero();
    }
    d
}

/// `a + b` before rounding (exact, but for an operand too small to matter, which
/// becomes a sticky digit).
fn add_exact(env: &Env, a: &Dec, b: &Dec) -> Dec {
    let (hi, lo) = if a.adjusted() >= b.adjusted() {
        (a, b)
    } else {
        (b, a)
    };
    let sticky;
    let lo = if !lo.coeff.is_zero()
        && !hi.coeff.is_zero()
        && lo.adjusted() < hi.adjusted() - env.prec - 2
        && lo.adjusted() < hi.exp - 1
    {
        sticky = Dec::finite(
            lo.sign,
            BigUint::from(1u32),
            hi.exp.min(hi.adjusted() - env.prec - 2) - 1,
        );
        &sticky
    } else {
        lo
    };
    let exp = hi.exp.min(lo.exp);
    let x = shift_left(&hi.coeff, hi.exp - exp);
    let y = shift_left(&lo.coeff, lo.exp - exp);
    if hi.sign == lo.sign {
        return Dec::finite(hi.sign, x + y, exp);
    }
    match x.cmp(&y) {
        Ordering::Greater => Dec::finite(hi.sign, x - y, exp),
        Ordering::Less => Dec::finite(lo.sign, y - x, exp),
        Ordering::Equal => Dec::finite(env.rounding == Rounding::Floor, BigUint::zero(), exp),
    }
}

/// `a + b`.
pub fn add(env: &mut Env, a: &Dec, b: &Dec) -> Dec {
    if let Some(nan) = propagate_nan(env, &[a, b]) {
        return fit_payload(env, nan);
    }
    if a.is_inf() || b.is_inf() {
        if a.is_inf() && b.is_inf() && a.sign != b.sign {
            return env.invalid(INVALID_OPERATION);
        }
        return if a.is_inf() { a.clone() } else { b.clone() };
    }
    let mut sum = add_exact(env, a, b);
    if sum.coeff.is_zero() && a.sign && b.sign {
        sum.sign = true;
    }
    env.finalize(sum)
}

/// `a - b`.
pub fn sub(env: &mut Env, a: &Dec, b: &Dec) -> Dec {
    if b.is_nan() {
        return add(env, a, b);
    }
    add(env, a, &b.negated())
}

/// `a * b`.
pub fn mul(env: &mut Env, a: &Dec, b: &Dec) -> Dec {
    if let Some(nan) = propagate_nan(env, &[a, b]) {
        return fit_payload(env, nan);
    }
    let sign = a.sign != b.sign;
    if a.is_inf() || b.is_inf() {
        if a.is_zero() || b.is_zero() {
            return env.invalid(INVALID_OPERATION);
        }
        return Dec::special(sign, Kind::Inf);
    }
    let product = Dec::finite(sign, &a.coeff * &b.coeff, a.exp + b.exp);
    env.finalize(product)
}

/// `a / b`.
pub fn div(env: &mut Env, a: &Dec, b: &Dec) -> Dec {
    if let Some(nan) = propagate_nan(env, &[a, b]) {
        return fit_payload(env, nan);
    }
    let sign = a.sign != b.sign;
    if a.is_inf() {
        if b.is_inf() {
            return env.invalid(INVALID_OPERATION);
        }
        return Dec::special(sign, Kind::Inf);
    }
    if b.is_inf() {
        env.status |= CLAMPED;
        return Dec::finite(sign, BigUint::zero(), env.etiny());
    }
    if b.coeff.is_zero() {
        if a.coeff.is_zero() {
            return env.invalid(DIVISION_UNDEFINED);
        }
        env.status |= DIVISION_BY_ZERO;
        return Dec::special(sign, Kind::Inf);
    }
    let ideal = a.exp - b.exp;
    if a.coeff.is_zero() {
        return env.finalize(Dec::finite(sign, BigUint::zero(), ideal));
    }
    let shift = (env.prec + 1 + b.digits() - a.digits()).max(0);
    let (q, r) = shift_left(&a.coeff, shift).div_rem(&b.coeff);
    let (q, exp) = exact_or_sticky(q, ideal - shift, r.is_zero(), ideal);
    env.finalize(Dec::finite(sign, q, exp))
}

/// The integral quotient and the remainder of `a / b` (both finite, `b` nonzero), or
/// `None` when the quotient has more digits than the precision.
fn divmod_finite(env: &Env, a: &Dec, b: &Dec) -> Option<(Dec, Dec)> {
    let sign = a.sign != b.sign;
    let exp = a.exp.min(b.exp);
    if a.coeff.is_zero() || a.adjusted() < b.adjusted() {
        let remainder = Dec::finite(a.sign, shift_left(&a.coeff, a.exp - exp), exp);
        return Some((Dec::finite(sign, BigUint::zero(), 0), remainder));
    }
    if a.adjusted() - b.adjusted() > env.prec {
        return None;
    }
    let x = shift_left(&a.coeff, a.exp - exp);
    let y = shift_left(&b.coeff, b.exp - exp);
    let (q, r) = x.div_rem(&y);
    if digits(&q) > env.prec {
        return None;
    }
    Some((Dec::finite(sign, q, 0), Dec::finite(a.sign, r, exp)))
}

/// The NaN or infinite results of `a // b` and `a % b` (`None` for two finite numbers
/// and a nonzero `b`).
fn divmod_special(env: &mut Env, a: &Dec, b: &Dec) -> Option<(Dec, Dec)> {
    if let Some(nan) = propagate_nan(env, &[a, b]) {
        let nan = fit_payload(env, nan);
        return Some((nan.clone(), nan));
    }
    let sign = a.sign != b.sign;
    if a.is_inf() {
        if b.is_inf() {
            let nan = env.invalid(INVALID_OPERATION);
            return Some((nan.clone(), nan));
        }
        let nan = env.invalid(INVALID_OPERATION);
        return Some((Dec::special(sign, Kind::Inf), nan));
    }
    if b.is_inf() {
        return Some((Dec::finite(sign, BigUint::zero(), 0), a.clone()));
    }
    if b.coeff.is_zero() {
        if a.coeff.is_zero() {
            let nan = env.invalid(DIVISION_UNDEFINED);
            return Some((nan.clone(), nan));
        }
        env.status |= DIVISION_BY_ZERO;
        let nan = env.invalid(INVALID_OPERATION);
        return Some((Dec::special(sign, Kind::Inf), nan));
    }
    None
}

/// `a // b`: the integral part of the quotient, truncated toward zero.
pub fn div_int(env: &mut Env, a: &Dec, b: &Dec) -> Dec {
    if a.is_finite() && b.is_finite() && b.coeff.is_zero() {
        if a.coeff.is_zero() {
            return env.invalid(DIVISION_UNDEFINED);
        }
        env.status |= DIVISION_BY_ZERO;
        return Dec::special(a.sign != b.sign, Kind::Inf);
    }
    if let Some((q, _)) = divmod_special(env, a, b) {
        if a.is_inf() && !b.is_nan() && !b.is_inf() {
            // Infinity // x is an infinity, without InvalidOperation.
            env.status &= !INVALID_OPERATION;
        }
        return q;
    }
    match divmod_finite(env, a, b) {
        Some((q, _)) => env.finalize(q),
        None => env.invalid(DIVISION_IMPOSSIBLE),
    }
}

/// `a % b`: the remainder of the truncated division, with the sign of `a`.
pub fn rem(env: &mut Env, a: &Dec, b: &Dec) -> Dec {
    if a.is_finite() && b.is_finite() && b.coeff.is_zero() {
        return env.invalid(if a.coeff.is_zero() {
            DIVISION_UNDEFINED
        } else {
            INVALID_OPERATION
        });
    }
    if let Some((_, r)) = divmod_special(env, a, b) {
        return if r.is_finite() { env.finalize(r) } else { r };
    }
    match divmod_finite(env, a, b) {
        Some((_, r)) => env.finalize(r),
        None => env.invalid(DIVISION_IMPOSSIBLE),
    }
}

/// `divmod(a, b)`.
pub fn divmod(env: &mut Env, a: &Dec, b: &Dec) -> (Dec, Dec) {
    if let Some((q, r)) = divmod_special(env, a, b) {
        let r = if r.is_finite() { env.finalize(r) } else { r };
        return (q, r);
    }
    match divmod_finite(env, a, b) {
        Some((q, r)) => {
            let q = env.finalize(q);
            (q, env.finalize(r))
        }
        None => {
            let nan = env.invalid(DIVISION_IMPOSSIBLE);
            (nan.clone(), nan)
        }
    }
}

/// `a.remainder_near(b)`: the remainder of the division rounded to the nearest integer
/// (half to even).
pub fn remainder_near(env: &mut Env, a: &Dec, b: &Dec) -> Dec {
    if !(a.is_finite() && b.is_finite() && !b.coeff.is_zero()) {
        return rem(env, a, b);
    }
    let Some((q, r)) = divmod_finite(env, a, b) else {
        return env.invalid(DIVISION_IMPOSSIBLE);
    };
    let exp = r.exp;
    let divisor = shift_left(&b.coeff, b.exp - exp);
    let twice = &r.coeff * 2u32;
    let odd = q.coeff.is_odd();
    if twice > divisor || (twice == divisor && odd) {
        if digits(&(&q.coeff + 1u32)) > env.prec {
            return env.invalid(DIVISION_IMPOSSIBLE);
        }
        return env.finalize(Dec::finite(!r.sign, divisor - r.coeff, exp));
    }
    env.finalize(r)
}

/// Compares two numbers that are not NaNs.
pub fn cmp_numbers(a: &Dec, b: &Dec) -> Ordering {
    let rank = |d: &Dec| -> i8 {
        match (d.is_inf(), d.sign) {
            (true, true) => -2,
            (true, false) => 2,
            _ if d.coeff.is_zero() => 0,
            (false, true) => -1,
            (false, false) => 1,
        }
    };
    let (ra, rb) = (rank(a), rank(b));
    if ra != rb || ra.abs() != 1 {
        return ra.cmp(&rb);
    }
    let magnitude = match a.adjusted().cmp(&b.adjusted()) {
        Ordering::Equal => {
            let exp = a.exp.min(b.exp);
            shift_left(&a.coeff, a.exp - exp).cmp(&shift_left(&b.coeff, b.exp - exp))
        }
        other => other,
    };
    if a.sign {
        magnitude.reverse()
    } else {
        magnitude
    }
}

/// `a.compare(b)`: -1, 0 or 1 as a decimal, or a NaN.
pub fn compare(env: &mut Env, a: &Dec, b: &Dec) -> Dec {
    if let Some(nan) = propagate_nan(env, &[a, b]) {
        return fit_payload(env, nan);
    }
    Dec::from_i64(cmp_numbers(a, b) as i64)
}

/// `a.max(b)` (`min` with `want_max` false): a quiet NaN loses to a number.
pub fn max_min(env: &mut Env, a: &Dec, b: &Dec, want_max: bool, magnitude: bool) -> Dec {
    if a.kind == Kind::SNaN || b.kind == Kind::SNaN || (a.is_nan() && b.is_nan()) {
        let nan = propagate_nan(env, &[a, b]).unwrap_or_else(|| a.clone());
        return fit_payload(env, nan);
    }
    if a.is_nan() {
        return env.finalize(b.clone());
    }
    if b.is_nan() {
        return env.finalize(a.clone());
    }
    let mut order = if magnitude {
        cmp_numbers(&a.abs(), &b.abs())
    } else {
        Ordering::Equal
    };
    if order == Ordering::Equal {
        order = cmp_numbers(a, b);
    }
    if order == Ordering::Equal {
        // Equal values: by sign, then by exponent.
        order = match (a.sign, b.sign) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (sign, _) => {
                let by_exp = a.exp.cmp(&b.exp);
                if sign {
                    by_exp.reverse()
                } else {
                    by_exp
                }
            }
        };
    }
    let pick_a = (order != Ordering::Less) == want_max;
    env.finalize(if pick_a { a.clone() } else { b.clone() })
}

/// `a` with exponent `exp`, rounded by `rounding`, and whether that was inexact.
pub fn rescale(a: &Dec, exp: i64, rounding: Rounding) -> (Dec, bool) {
    if exp >= a.exp {
        let shift = (exp - a.exp) as u64;
        let (coeff, inexact) = round_shift(&a.coeff, shift, a.sign, rounding);
        (Dec::finite(a.sign, coeff, exp), inexact)
    } else {
        (
            Dec::finite(a.sign, shift_left(&a.coeff, a.exp - exp), exp),
            false,
        )
    }
}

/// `a.quantize(b)`: `a` with the exponent of `b`.
pub fn quantize(env: &mut Env, a: &Dec, b: &Dec) -> Dec {
    if let Some(nan) = propagate_nan(env, &[a, b]) {
        return fit_payload(env, nan);
    }
    if a.is_inf() || b.is_inf() {
        if a.is_inf() && b.is_inf() {
            return a.clone();
        }
        return env.invalid(INVALID_OPERATION);
    }
    if b.exp > env.emax || b.exp < env.etiny() {
        return env.invalid(INVALID_OPERATION);
    }
    if a.coeff.is_zero() {
        return Dec::finite(a.sign, BigUint::zero(), b.exp);
    }
    if a.adjusted() - b.exp >= env.prec {
        return env.invalid(INVALID_OPERATION);
    }
    let (result, inexact) = rescale(a, b.exp, env.rounding);
    if result.digits() > env.prec || (!result.coeff.is_zero() && result.adjusted() > env.emax) {
        return env.invalid(INVALID_OPERATION);
    }
    if result.exp > a.exp {
        env.status |= ROUNDED;
    }
    if inexact {
        env.status |= INEXACT;
    }
    if !result.coeff.is_zero() && result.adjusted() < env.emin {
        env.status |= SUBNORMAL;
    }
    if env.clamp && result.exp > env.etop() {
        return env.finalize(result);
    }
    result
}

/// `a.to_integral_value()` (with `exact`, `to_integral_exact`, which raises `Inexact`
/// and `Rounded`).
pub fn to_integral(env: &mut Env, a: &Dec, exact: bool) -> Dec {
    if let Some(nan) = propagate_nan(env, &[a]) {
        return nan;
    }
    if a.is_inf() || a.exp >= 0 {
        return a.clone();
    }
    let (result, inexact) = rescale(a, 0, env.rounding);
    if exact {
        env.status |= ROUNDED;
        if inexact {
            env.status |= INEXACT;
        }
    }
    result
}

/// `a.normalize()`: rounded to the context, trailing zeros stripped.
pub fn normalize(env: &mut Env, a: &Dec) -> Dec {
    if let Some(nan) = propagate_nan(env, &[a]) {
        return fit_payload(env, nan);
    }
    if a.is_inf() {
        return a.clone();
    }
    let mut d = env.finalize(a.clone());
    if !d.is_finite() {
        return d;
    }
    if d.coeff.is_zero() {
        d.exp = 0;
        return d;
    }
    let limit = if env.clamp { env.etop() } else { env.emax };
    let strip = trailing_zeros(&d.coeff).min(limit - d.exp).max(0);
    if strip > 0 {
        d.coeff /= pow10(strip as u64);
        d.exp += strip;
    }
    d
}

/// `a.fma(b, c)`: `a * b + c` with a single rounding.
pub fn fma(env: &mut Env, a: &Dec, b: &Dec, c: &Dec) -> Dec {
    if a.kind == Kind::SNaN || b.kind == Kind::SNaN || c.kind == Kind::SNaN {
        let nan = propagate_nan(env, &[a, b, c]).unwrap_or_else(|| a.clone());
        return fit_payload(env, nan);
    }
    let mut exact = Env {
        prec: i64::MAX / 4,
        emax: i64::MAX / 4,
        emin: i64::MIN / 4,
        clamp: false,
        ..env.clone()
    };
    let product = mul(&mut exact, a, b);
    env.status |= exact.status;
    if product.is_nan() && !a.is_nan() && !b.is_nan() {
        return product;
    }
    add(env, &product, c)
}

/// `a.scaleb(b)`: `a` with `b` (an integer) added to its exponent.
pub fn scaleb(env: &mut Env, a: &Dec, b: &Dec) -> Dec {
    if let Some(nan) = propagate_nan(env, &[a, b]) {
        return fit_payload(env, nan);
    }
    if b.is_inf() || b.exp != 0 {
        return env.invalid(INVALID_OPERATION);
    }
    let limit = 2 * (env.emax + env.prec);
    let shift = b.coeff.to_i64().filter(|&s| s <= limit);
    let Some(shift) = shift else {
        return env.invalid(INVALID_OPERATION);
    };
    if a.is_inf() {
        return a.clone();
    }
    let shift = if b.sign { -shift } else { shift };
    env.finalize(Dec::finite(a.sign, a.coeff.clone(), a.exp + shift))
}
