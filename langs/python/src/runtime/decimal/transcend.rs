//! Square roots (exact when the root is), and `exp`, `ln`, `log10` and powers, correctly
//! rounded (half to even) by computing in fixed point with an error bound and adding
//! digits until both ends of the interval round alike.

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use super::arith::{cmp_numbers, div, fit_payload, mul, propagate_nan};
use super::context::*;
use super::number::{digits, exact_or_sticky, pow10, power_of_ten, shift_left, Dec, Kind};

/// `a.sqrt()`.
pub fn sqrt(env: &mut Env, a: &Dec) -> Dec {
    if let Some(nan) = propagate_nan(env, &[a]) {
        return fit_payload(env, nan);
    }
    let ideal = a.exp.div_euclid(2);
    if a.is_zero() {
        return env.finalize(Dec::finite(a.sign, BigUint::zero(), ideal));
    }
    if a.sign {
        return env.invalid(INVALID_OPERATION);
    }
    if a.is_inf() {
        return a.clone();
    }
    let (mut coeff, mut exp) = (a.coeff.clone(), a.exp);
    if exp % 2 != 0 {
        coeff *= 10u32;
        exp -= 1;
    }
    let shift = (env.prec + 1 - (digits(&coeff) + 1) / 2).max(0);
    let square = shift_left(&coeff, 2 * shift);
    let root = square.sqrt();
    let exact = &root * &root == square;
    let (root, exp) = exact_or_sticky(root, exp / 2 - shift, exact, ideal);
    let mut half_even = env.with(env.prec, Rounding::HalfEven);
    let result = half_even.finalize(Dec::finite(false, root, exp));
    env.status |= half_even.status;
    result
}

/// `10**w` as a signed integer.
fn scale(w: i64) -> BigInt {
    BigInt::from(pow10(w as u64))
}

/// A finite decimal in fixed point with `w` fractional digits (truncated).
fn to_fixed(d: &Dec, w: i64) -> BigInt {
    let shift = d.exp + w;
    let magnitude = if shift >= 0 {
        shift_left(&d.coeff, shift)
    } else if -shift > d.digits() + 1 {
        BigUint::zero()
    } else {
        &d.coeff / pow10((-shift) as u64)
    };
    BigInt::from_biguint(if d.sign { Sign::Minus } else { Sign::Plus }, magnitude)
}

/// `exp(x / 10**w) * 10**w`, and the digits of its relative error bound (in units of
/// the last digit).
fn exp_fixed(x: &BigInt, w: i64) -> (BigInt, i64) {
    let one = scale(w);
    // Halve the argument until it is below 10**-3, then square the sum back.
    let mut halvings = 0u32;
    let limit = &one / 1000;
    let mut r = x.clone();
    while r.abs() > limit {
        r /= 2;
        halvings += 1;
    }
    let guard = digits(&BigUint::from(2u32).pow(halvings)) + 3;
    let w2 = w + guard;
    let one2 = scale(w2);
    let r = (x * scale(guard)) >> halvings as usize;
    let mut term = one2.clone();
    let mut sum = one2.clone();
    let mut n = 1u32;
    while !term.is_zero() {
        term = &term * &r / (&one2 * n);
        sum += &term;
        n += 1;
    }
    for _ in 0..halvings {
        sum = &sum * &sum / &one2;
    }
    (sum / scale(guard), 2)
}

/// `ln(m / 10**w) * 10**w` for `m / 10**w` at least 1, and the digits of its error bound
/// (in units of the last digit).
fn ln_fixed(m: &BigUint, w: i64) -> (BigInt, i64) {
    let guard = 8;
    let w2 = w + guard;
    let one = pow10(w2 as u64);
    let mut m = shift_left(m, guard);
    // Square roots until the argument is within 10**-3 of 1.
    let limit = &one + &one / 1000u32;
    let mut roots = 0u32;
    while m > limit {
        m = (&m * &one).sqrt();
        roots += 1;
    }
    // ln(m) = 2 atanh((m - 1) / (m + 1)).
    let one_signed = BigInt::from(one.clone());
    let m = BigInt::from(m);
    let z = (&m - &one_signed) * &one_signed / (&m + &one_signed);
    let z2 = &z * &z / &one_signed;
    let mut power = z.clone();
    let mut sum = z;
    let mut k = 3u32;
    while !power.is_zero() {
        power = &power * &z2 / &one_signed;
        sum += &power / k;
        k += 2;
    }
    let total = (sum * 2) << roots as usize;
    (total / scale(guard), 2)
}

/// Rounds a fixed-point value (`w` fractional digits) to `prec` digits, half to even.
fn round_fixed(v: &BigInt, w: i64, prec: i64) -> Dec {
    let d = Dec::finite(v.is_negative(), v.magnitude().clone(), -w);
    let count = d.digits();
    if count <= prec {
        return d;
    }
    let (coeff, _) = round_shift(&d.coeff, (count - prec) as u64, d.sign, Rounding::HalfEven);
    let mut exp = d.exp + count - prec;
    let mut coeff = coeff;
    if digits(&coeff) > prec {
        coeff /= 10u32;
        exp += 1;
    }
    Dec::finite(d.sign, coeff, exp)
}

/// The correctly rounded (half to even) result of a fixed-point computation
/// `compute(w)` that returns a value with `w` fractional digits and the digits of its
/// error bound (in units of the last digit, relative to a value of magnitude one); `w`
/// grows until the rounding is certain.
fn correctly_rounded(env: &mut Env, start: i64, compute: impl Fn(i64) -> (BigInt, i64)) -> Dec {
    let mut extra = start.max(10);
    for attempt in 0.. {
        let w = env.prec + extra;
        let (value, error) = compute(w);
        // The error is relative: as many more digits as the value has integer digits.
        let integer_digits = (digits(value.magnitude()) - w).max(0);
        let bound = BigInt::from(pow10((error + integer_digits) as u64));
        let (low, high) = (&value - &bound, &value + &bound);
        let settled = low.sign() == high.sign()
            && !low.is_zero()
            && round_fixed(&low, w, env.prec) == round_fixed(&high, w, env.prec);
        if settled || attempt > 8 {
            let sticky = Dec::finite(
                value.is_negative(),
                value.magnitude() * 10u32 + 1u32,
                -w - 1,
            );
            let mut half_even = env.with(env.prec, Rounding::HalfEven);
            let result = half_even.finalize(sticky);
            env.status |= half_even.status;
            return result;
        }
        extra *= 2;
    }
    unreachable!()
}

/// An estimate of `log10(|d|)` for a finite nonzero `d`.
fn log10_estimate(d: &Dec) -> f64 {
    let text = d.coeff.to_str_radix(10);
    let lead: f64 = format!("0.{}", &text[..text.len().min(17)])
        .parse()
        .unwrap_or(0.1);
    lead.log10() + (d.exp + text.len() as i64) as f64
}

/// The value of `d` as a float (for estimates).
fn estimate(d: &Dec) -> f64 {
    let value = 10f64.powf(log10_estimate(d));
    if d.sign {
        -value
    } else {
        value
    }
}

/// The result of an overflow (`huge`) or underflow, rounded by `rounding`.
fn out_of_range(env: &mut Env, huge: bool, sign: bool, rounding: Rounding) -> Dec {
    let exp = if huge { env.emax + 1 } else { env.etiny() - 2 };
    let mut rounded = env.with(env.prec, rounding);
    let result = rounded.finalize(Dec::finite(sign, BigUint::one(), exp));
    env.status |= rounded.status | INEXACT | ROUNDED;
    result
}

/// `a.exp()`.
pub fn exp(env: &mut Env, a: &Dec) -> Dec {
    if let Some(nan) = propagate_nan(env, &[a]) {
        return fit_payload(env, nan);
    }
    if a.is_inf() {
        return if a.sign {
            Dec::finite(false, BigUint::zero(), 0)
        } else {
            a.clone()
        };
    }
    if a.is_zero() {
        return Dec::from_i64(1);
    }
    let x = if a.adjusted() > 10 {
        estimate(&Dec::finite(a.sign, BigUint::one(), 11))
    } else {
        estimate(a)
    };
    let ln10 = std::f64::consts::LN_10;
    if x > (env.emax + 1) as f64 * ln10 + 1.0 {
        return out_of_range(env, true, false, Rounding::HalfEven);
    }
    if x < (env.etiny() - 2) as f64 * ln10 - 1.0 {
        return out_of_range(env, false, false, Rounding::HalfEven);
    }
    let small = if x < 0.0 { (-x / ln10) as i64 + 2 } else { 0 };
    let a = a.clone();
    correctly_rounded(env, 10 + small, move |w| exp_fixed(&to_fixed(&a, w), w))
}

/// `ln(a) * 10**w` for a finite positive `a`, with its error bound's digits.
fn ln_of(a: &Dec, w: i64) -> (BigInt, i64) {
    let count = a.digits();
    // The coefficient as a number in [1, 10) with `w` fractional digits (truncated).
    let shift = w - count + 1;
    let scaled = if shift >= 0 {
        shift_left(&a.coeff, shift)
    } else {
        &a.coeff / pow10((-shift) as u64)
    };
    let (mantissa, error) = ln_fixed(&scaled, w);
    let power = a.exp + count - 1;
    if power == 0 {
        return (mantissa, error);
    }
    let (ln10, ln10_error) = ln_fixed(&pow10((w + 1) as u64), w);
    let error = error.max(ln10_error + digits(&BigUint::from(power.unsigned_abs())));
    (mantissa + ln10 * power, error + 1)
}

/// Whether `a` is a finite positive number, else the result of `ln`/`log10` on it.
fn log_special(env: &mut Env, a: &Dec) -> Option<Dec> {
    if let Some(nan) = propagate_nan(env, &[a]) {
        return Some(fit_payload(env, nan));
    }
    if a.is_zero() {
        return Some(Dec::special(true, Kind::Inf));
    }
    if a.sign {
        return Some(env.invalid(INVALID_OPERATION));
    }
    if a.is_inf() {
        return Some(a.clone());
    }
    None
}

/// `a.ln()`.
pub fn ln(env: &mut Env, a: &Dec) -> Dec {
    if let Some(special) = log_special(env, a) {
        return special;
    }
    if a.coeff == shift_left(&BigUint::one(), -a.exp) && a.exp <= 0 {
        return Dec::from_i64(0);
    }
    let near_one = (-log10_estimate(&near_one_gap(a))).max(0.0) as i64;
    let a = a.clone();
    correctly_rounded(env, 10 + near_one, move |w| ln_of(&a, w))
}

/// `|a - 1|` (for how many digits a logarithm near zero needs).
fn near_one_gap(a: &Dec) -> Dec {
    let exp = a.exp.min(0);
    let x = BigInt::from(shift_left(&a.coeff, a.exp - exp));
    let one = BigInt::from(shift_left(&BigUint::one(), -exp));
    let gap = (x - one).magnitude().clone();
    if gap.is_zero() {
        return Dec::from_i64(1);
    }
    Dec::finite(false, gap, exp)
}

/// `a.log10()`: exact for powers of ten.
pub fn log10(env: &mut Env, a: &Dec) -> Dec {
    if let Some(special) = log_special(env, a) {
        return special;
    }
    if let Some(zeros) = power_of_ten(&a.coeff) {
        return env.finalize(Dec::from_i64(a.exp + zeros));
    }
    let near_one = (-log10_estimate(&near_one_gap(a))).max(0.0) as i64;
    let a = a.clone();
    correctly_rounded(env, 10 + near_one, move |w| {
        let (ln_a, error) = ln_of(&a, w + 2);
        let (ln10, _) = ln_fixed(&pow10((w + 3) as u64), w + 2);
        (ln_a * scale(w) / ln10, error.max(2))
    })
}

/// The integer value of an integral finite `d`, if it is one.
fn integral(d: &Dec) -> Option<BigInt> {
    if !d.is_finite() {
        return None;
    }
    let value = if d.exp >= 0 {
        if d.exp > 20 && !d.coeff.is_zero() {
            return None;
        }
        shift_left(&d.coeff, d.exp)
    } else {
        let divisor = pow10((-d.exp) as u64);
        let (q, r) = d.coeff.div_rem(&divisor);
        if !r.is_zero() {
            return None;
        }
        q
    };
    Some(BigInt::from_biguint(
        if d.sign { Sign::Minus } else { Sign::Plus },
        value,
    ))
}

/// `a ** b`.
pub fn pow(env: &mut Env, a: &Dec, b: &Dec) -> Dec {
    if let Some(nan) = propagate_nan(env, &[a, b]) {
        return fit_payload(env, nan);
    }
    let n = integral(b);
    let odd = n.as_ref().is_some_and(|n| n.is_odd());
    let negative = a.sign && odd;
    if b.is_zero() {
        if a.is_zero() {
            return env.invalid(INVALID_OPERATION);
        }
        return Dec::from_i64(1);
    }
    if a.sign && !a.is_zero() && n.is_none() {
        return env.invalid(INVALID_OPERATION);
    }
    if a.is_zero() || a.is_inf() {
        let big = a.is_inf() != b.sign;
        if big {
            return Dec::special(negative, Kind::Inf);
        }
        return Dec::finite(negative, BigUint::zero(), 0);
    }
    if b.is_inf() {
        let magnitude_above_one = cmp_numbers(&a.abs(), &Dec::from_i64(1));
        return match (magnitude_above_one, b.sign) {
            (std::cmp::Ordering::Equal, _) => {
                let one = Dec::finite(false, pow10((env.prec - 1) as u64), 1 - env.prec);
                env.status |= INEXACT | ROUNDED;
                one
            }
            (std::cmp::Ordering::Greater, false) | (std::cmp::Ordering::Less, true) => {
                Dec::special(false, Kind::Inf)
            }
            _ => Dec::finite(false, BigUint::zero(), 0),
        };
    }
    // The size of the result decides overflow and underflow early.
    let size = log10_estimate(a) * estimate(b);
    if size > (env.emax + 2) as f64 {
        return out_of_range(env, true, negative, env.rounding);
    }
    if size < (env.etiny() - 3) as f64 {
        let rounding = if n.is_some() {
            Rounding::HalfEven
        } else {
            env.rounding
        };
        return out_of_range(env, false, negative, rounding);
    }
    // As libmpdec: an integral power by repeated squaring (a negative one of the
    // reciprocal), each step rounded half to even to a few more digits than the
    // precision; any other as exp(b * ln(a)) with more digits still; then rounded to
    // the context.
    let mut result = if let Some(n) = n.as_ref().and_then(|n| n.to_i64()) {
        let mut work = env.with(env.prec + b.digits() + b.exp + 2, Rounding::HalfEven);
        work.clamp = false;
        let base = if n < 0 {
            work.prec += 1;
            div(&mut work, &Dec::from_i64(1), a)
        } else {
            a.clone()
        };
        let mut result = Dec::from_i64(1);
        let magnitude = n.unsigned_abs();
        for bit in (0..64 - magnitude.leading_zeros()).rev() {
            result = mul(&mut work, &result, &result);
            if magnitude >> bit & 1 == 1 {
                result = mul(&mut work, &result, &base);
            }
            if !result.is_finite() || (result.coeff.is_zero() && work.status & CLAMPED != 0) {
                break;
            }
        }
        env.status |= work.status;
        result.sign = negative;
        result
    } else {
        let mut work = Env {
            prec: a.digits().max(env.prec) + 4 + 19,
            rounding: Rounding::HalfEven,
            emin: -999_999_999_999_999_999,
            emax: 999_999_999_999_999_999,
            clamp: false,
            status: 0,
        };
        let logarithm = ln(&mut work, a);
        let product = mul(&mut work, &logarithm, b);
        let mut result = exp(&mut work, &product);
        env.status |= (work.status & !(INEXACT | ROUNDED)) | INEXACT | ROUNDED;
        if cmp_numbers(&result, &Dec::from_i64(1)) == std::cmp::Ordering::Equal {
            result = Dec::finite(false, pow10((env.prec - 1) as u64), 1 - env.prec);
        }
        result
    };
    if result.is_inf() {
        // An overflow: rounded to the context by its rounding mode.
        result = Dec::finite(result.sign, BigUint::one(), env.emax + 1);
    }
    env.finalize(result)
}
