//! `float.hex()` and `float.fromhex()`: floats in hexadecimal, `[-]0xh.hhhhhhhhhhhhhp±e`,
//! read back correctly rounded (half to even) with CPython's errors.

use num_bigint::BigInt;

use crate::runtime::objects::*;
use crate::runtime::values::*;

/// `x.hex()`: the leading digit 1 (0 for subnormals and zero), 13 hex digits of fraction
/// (`0.0` for zero) and the binary exponent.
pub fn float_hex(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x.is_infinite() {
        return format!("{sign}inf");
    }
    if x == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1 << 52) - 1);
    let (leading, exponent) = match biased {
        0 => (0, -1022),
        _ => (1, biased - 1023),
    };
    let exponent_sign = if exponent < 0 { '-' } else { '+' };
    format!(
        "{sign}0x{leading}.{fraction:013x}p{exponent_sign}{}",
        exponent.abs()
    )
}

/// `float.fromhex(text)`: an optional sign, then `inf`, `infinity`, `nan`, or hex digits
/// with an optional point (after an optional `0x`) and an optional binary exponent
/// (`p±d`), with ASCII whitespace around.
pub fn float_fromhex(value: Value) -> PyResult<f64> {
    let Some(text) = value.downcast::<StrObj>() else {
        return type_error("bad argument type for built-in operation".into());
    };
    let invalid = || value_error("invalid hexadecimal floating-point string".into());
    let text = text
        .as_str()
        .trim_matches(|c: char| c.is_ascii_whitespace());
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let signed = |x: f64| if negative { -x } else { x };
    match body.to_ascii_lowercase().as_str() {
        "inf" | "infinity" => return Ok(signed(f64::INFINITY)),
        "nan" => return Ok(f64::NAN),
        _ => {}
    }
    let body = match body.get(..2) {
        Some(prefix) if prefix.eq_ignore_ascii_case("0x") => &body[2..],
        _ => body,
    };
    let (digits, exponent) = match body.find(['p', 'P']) {
        Some(at) => (&body[..at], Some(&body[at + 1..])),
        None => (body, None),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.len() + fraction.len() == 0
        || !whole
            .bytes()
            .chain(fraction.bytes())
            .all(|b| b.is_ascii_hexdigit())
    {
        return invalid();
    }
    // A decimal exponent too long for an i64 saturates: the value is then 0 or too large.
    let exponent = match exponent {
        None => 0,
        Some(e) => {
            let unsigned = e.strip_prefix(['+', '-']).unwrap_or(e);
            if unsigned.is_empty() || !unsigned.bytes().all(|b| b.is_ascii_digit()) {
                return invalid();
            }
            let magnitude = unsigned
                .parse::<i64>()
                .unwrap_or(i64::MAX / 2)
                .min(i64::MAX / 2);
            if e.starts_with('-') {
                -magnitude
            } else {
                magnitude
            }
        }
    };
    let mantissa =
        BigInt::parse_bytes(format!("{whole}{fraction}").as_bytes(), 16).unwrap_or_default();
    let power = exponent - 4 * fraction.len() as i64;
    let too_large = || {
        Err(exception(
            TypeId::OverflowError,
            "hexadecimal value too large to represent as a float",
        ))
    };
    let top = mantissa.bits() as i64 + power;
    if mantissa.bits() == 0 || top < -1100 {
        return Ok(signed(0.0));
    }
    if top > 1025 {
        return too_large();
    }
    // mantissa * 2**power, correctly rounded as the quotient of two ints.
    let one = BigInt::from(1);
    let rounded = match power >= 0 {
        true => crate::runtime::numbers::int_true_div(&(mantissa << power as usize), &one),
        false => crate::runtime::numbers::int_true_div(&mantissa, &(one << (-power) as usize)),
    };
    match rounded {
        Ok(x) => Ok(signed(x)),
        Err(_) => too_large(),
    }
}
