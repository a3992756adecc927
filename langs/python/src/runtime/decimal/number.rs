//! A decimal number: sign, coefficient (a big natural number), exponent, or one of the
//! special values (infinities and quiet or signaling NaNs with a payload).

use num_bigint::BigUint;
use num_traits::{ToPrimitive, Zero};

/// Which kind of value a [`Dec`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A finite number `(-1)**sign * coeff * 10**exp`.
    Finite,
    /// An infinity.
    Inf,
    /// A quiet NaN (`coeff` is its payload).
    NaN,
    /// A signaling NaN (`coeff` is its payload).
    SNaN,
}

/// A decimal value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dec {
    /// Whether it is negative.
    pub sign: bool,
    /// The coefficient (a NaN's payload).
    pub coeff: BigUint,
    /// The exponent (0 for the special values).
    pub exp: i64,
    /// Finite, infinite or NaN.
    pub kind: Kind,
}

impl Dec {
    /// The finite number `(-1)**sign * coeff * 10**exp`.
    pub fn finite(sign: bool, coeff: BigUint, exp: i64) -> Dec {
        Dec {
            sign,
            coeff,
            exp,
            kind: Kind::Finite,
        }
    }

    /// A special value with no payload.
    pub fn special(sign: bool, kind: Kind) -> Dec {
        Dec {
            sign,
            coeff: BigUint::zero(),
            exp: 0,
            kind,
        }
    }

    /// A small integer.
    pub fn from_i64(value: i64) -> Dec {
        Dec::finite(value < 0, BigUint::from(value.unsigned_abs()), 0)
    }

    /// Whether it is finite.
    pub fn is_finite(&self) -> bool {
        self.kind == Kind::Finite
    }

    /// Whether it is a quiet or signaling NaN.
    pub fn is_nan(&self) -> bool {
        matches!(self.kind, Kind::NaN | Kind::SNaN)
    }

    /// Whether it is an infinity.
    pub fn is_inf(&self) -> bool {
        self.kind == Kind::Inf
    }

    /// Whether it is a finite zero.
    pub fn is_zero(&self) -> bool {
        self.is_finite() && self.coeff.is_zero()
    }

    /// The number of digits of the coefficient (1 for zero).
    pub fn digits(&self) -> i64 {
        digits(&self.coeff)
    }

    /// The exponent of the most significant digit (`adjusted()`).
    pub fn adjusted(&self) -> i64 {
        self.exp + self.digits() - 1
    }

    /// The value with the sign flipped.
    pub fn negated(&self) -> Dec {
        Dec {
            sign: !self.sign,
            ..self.clone()
        }
    }

    /// The value with a positive sign.
    pub fn abs(&self) -> Dec {
        Dec {
            sign: false,
            ..self.clone()
        }
    }
}

/// How many powers of ten [`with_pow10`] keeps.
const CACHED_POWERS: u64 = 512;

thread_local! {
    /// `10**0`, `10**1`, ... as far as they have been needed (plain numbers, not GC
    /// values).
    static POWERS: std::cell::RefCell<Vec<BigUint>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs `f` on `10**n` (kept for the small `n` most operations need).
pub fn with_pow10<T>(n: u64, f: impl FnOnce(&BigUint) -> T) -> T {
    if n >= CACHED_POWERS {
        return f(&BigUint::from(10u32).pow(n as u32));
    }
    POWERS.with(|powers| {
        let mut powers = powers.borrow_mut();
        if powers.is_empty() {
            powers.push(BigUint::from(1u32));
        }
        while powers.len() as u64 <= n {
            let next = powers.last().map(|p| p * 10u32).unwrap_or_default();
            powers.push(next);
        }
        f(&powers[n as usize])
    })
}

/// `10**n`.
pub fn pow10(n: u64) -> BigUint {
    if n < 20 {
        return BigUint::from(10u64.pow(n as u32));
    }
    with_pow10(n, BigUint::clone)
}

/// The number of decimal digits of `n` (1 for zero).
pub fn digits(n: &BigUint) -> i64 {
    if let Some(small) = n.to_u64() {
        return if small == 0 {
            1
        } else {
            small.ilog10() as i64 + 1
        };
    }
    // log10(2) just below its value, so that the estimate is at most the answer.
    let estimate = ((n.bits() - 1) as f64 * 0.301_029_995_663_981_1) as u64;
    let mut count = estimate as i64;
    while with_pow10(count as u64, |power| power <= n) {
        count += 1;
    }
    count.max(1)
}

/// `n * 10**shift`.
pub fn shift_left(n: &BigUint, shift: i64) -> BigUint {
    if shift <= 0 || n.is_zero() {
        return n.clone();
    }
    with_pow10(shift as u64, |power| n * power)
}

/// Whether `n` is a power of ten (its exponent), as `log10` tests.
pub fn power_of_ten(n: &BigUint) -> Option<i64> {
    let text = n.to_str_radix(10);
    let (first, rest) = text.split_at(1);
    (first == "1" && rest.bytes().all(|b| b == b'0')).then_some(rest.len() as i64)
}

/// The number of trailing zero digits of a nonzero `n`.
pub fn trailing_zeros(n: &BigUint) -> i64 {
    if n.is_zero() {
        return 0;
    }
    if let Some(mut small) = n.to_u64() {
        let mut count = 0;
        while small % 10 == 0 {
            small /= 10;
            count += 1;
        }
        return count;
    }
    let text = n.to_str_radix(10);
    (text.len() - text.trim_end_matches('0').len()) as i64
}

/// A coefficient `coeff` with exponent `exp` computed to more digits than the result keeps:
/// when `exact`, with trailing zeros stripped toward the exponent `ideal`; otherwise with a
/// sticky digit 1 appended (the digits cut off were not all zero), so rounding sees it.
pub fn exact_or_sticky(coeff: BigUint, exp: i64, exact: bool, ideal: i64) -> (BigUint, i64) {
    if !exact {
        return (coeff * 10u32 + 1u32, exp - 1);
    }
    let strip = trailing_zeros(&coeff).min(ideal - exp);
    if strip > 0 {
        (coeff / pow10(strip as u64), exp + strip)
    } else {
        (coeff, exp)
    }
}
