//! Decimal strings: parsing (CPython's syntax: surrounding whitespace, underscores
//! between digits, `Inf`, `NaN` and `sNaN` with payloads, any case) and the scientific
//! and engineering notations of `str()` and `to_eng_string()`.

use num_bigint::BigUint;
use num_traits::Zero;

use super::number::{Dec, Kind};

/// The value of a decimal string, or `None` for invalid syntax.
pub fn parse(text: &str) -> Option<Dec> {
    let text = text.trim_matches(|c: char| c.is_whitespace());
    let (sign, body) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let lower = body.to_ascii_lowercase();
    if lower == "inf" || lower == "infinity" {
        return Some(Dec::special(sign, Kind::Inf));
    }
    for (prefix, kind) in [("snan", Kind::SNaN), ("nan", Kind::NaN)] {
        if let Some(payload) = lower.strip_prefix(prefix) {
            let coeff = if payload.is_empty() {
                BigUint::zero()
            } else {
                digits_value(payload)?
            };
            return Some(Dec {
                sign,
                coeff,
                exp: 0,
                kind,
            });
        }
    }
    let (mantissa, exponent) = match lower.find('e') {
        Some(at) => (&lower[..at], Some(&lower[at + 1..])),
        None => (&lower[..], None),
    };
    let (int_part, frac_part) = match mantissa.find('.') {
        Some(at) => (&mantissa[..at], &mantissa[at + 1..]),
        None => (mantissa, ""),
    };
    if int_part.is_empty() && frac_part.is_empty() {
        return None;
    }
    let check = |part: &str| {
        part.is_empty()
            || (part.bytes().all(|b| b.is_ascii_digit() || b == b'_')
                && !part.starts_with('_')
                && !part.ends_with('_')
                && !part.contains("__"))
    };
    if !check(int_part) || !check(frac_part) {
        return None;
    }
    let all: String = int_part
        .chars()
        .chain(frac_part.chars())
        .filter(|&c| c != '_')
        .collect();
    let frac_len = frac_part.bytes().filter(|&b| b != b'_').count() as i64;
    let mut exp = -frac_len;
    if let Some(exponent) = exponent {
        let (negative, digits) = match exponent.as_bytes().first() {
            Some(b'-') => (true, &exponent[1..]),
            Some(b'+') => (false, &exponent[1..]),
            _ => (false, exponent),
        };
        if digits.is_empty() || !check(digits) {
            return None;
        }
        let digits: String = digits.chars().filter(|&c| c != '_').collect();
        let value: i64 = digits.parse().unwrap_or(i64::MAX / 4).min(i64::MAX / 4);
        exp += if negative { -value } else { value };
    }
    Some(Dec::finite(sign, digits_value(&all)?, exp))
}

/// The value of a string of ASCII digits (underscores allowed between them).
fn digits_value(text: &str) -> Option<BigUint> {
    let clean: String = text.chars().filter(|&c| c != '_').collect();
    if clean.is_empty() || !clean.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    BigUint::parse_bytes(clean.as_bytes(), 10)
}

/// `str(d)` (scientific notation, with `e` when not `capitals`), or with `engineering`
/// the notation of `to_eng_string()`.
pub fn to_string(d: &Dec, engineering: bool, capitals: bool) -> String {
    let sign = if d.sign { "-" } else { "" };
    let payload = |d: &Dec| {
        if d.coeff.is_zero() {
            String::new()
        } else {
            d.coeff.to_str_radix(10)
        }
    };
    match d.kind {
        Kind::Inf => return format!("{sign}Infinity"),
        Kind::NaN => return format!("{sign}NaN{}", payload(d)),
        Kind::SNaN => return format!("{sign}sNaN{}", payload(d)),
        Kind::Finite => {}
    }
    let digits = d.coeff.to_str_radix(10);
    let count = digits.len() as i64;
    let adjusted = d.exp + count - 1;
    if d.exp <= 0 && adjusted >= -6 {
        return format!("{sign}{}", point_at(&digits, count + d.exp));
    }
    let e = if capitals { 'E' } else { 'e' };
    let mut exponent = adjusted;
    let mantissa = if engineering && d.coeff.is_zero() {
        // The exponent goes up to a multiple of three: zeros after the point.
        match adjusted.rem_euclid(3) {
            0 => "0".to_string(),
            shift => {
                exponent += 3 - shift;
                format!("0.{}", "0".repeat((3 - shift) as usize))
            }
        }
    } else {
        let point = if engineering {
            1 + adjusted.rem_euclid(3)
        } else {
            1
        };
        exponent -= point - 1;
        let mut digits = digits;
        while (digits.len() as i64) < point {
            digits.push('0');
        }
        point_at(&digits, point)
    };
    if exponent == 0 {
        return format!("{sign}{mantissa}");
    }
    format!("{sign}{mantissa}{e}{exponent:+}")
}

/// `digits` with a decimal point after the first `at` of them (`at` may be zero or
/// negative: leading zeros).
fn point_at(digits: &str, at: i64) -> String {
    if at <= 0 {
        return format!("0.{}{digits}", "0".repeat((-at) as usize));
    }
    let at = at as usize;
    if at >= digits.len() {
        return digits.to_string();
    }
    format!("{}.{}", &digits[..at], &digits[at..])
}
