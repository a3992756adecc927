//! The parameters of an operation (precision, rounding, exponent limits, clamping), the
//! conditions it raises (libmpdec's status bits, which the Python-facing module maps to
//! the signal classes), rounding a coefficient, and fitting a result to the context.

use num_bigint::BigUint;
use num_integer::Integer;
use num_traits::{ToPrimitive, Zero};

use super::number::{digits, pow10, Dec, Kind};

/// `Clamped`.
pub const CLAMPED: u32 = 1;
/// `ConversionSyntax` (an `InvalidOperation`).
pub const CONVERSION_SYNTAX: u32 = 2;
/// `DivisionByZero`.
pub const DIVISION_BY_ZERO: u32 = 4;
/// `DivisionImpossible` (an `InvalidOperation`).
pub const DIVISION_IMPOSSIBLE: u32 = 8;
/// `DivisionUndefined` (an `InvalidOperation`).
pub const DIVISION_UNDEFINED: u32 = 16;
/// `Inexact`.
pub const INEXACT: u32 = 64;
/// `InvalidContext` (an `InvalidOperation`).
pub const INVALID_CONTEXT: u32 = 128;
/// `InvalidOperation` itself.
pub const INVALID_OPERATION: u32 = 256;
/// `FloatOperation`.
pub const FLOAT_OPERATION: u32 = 1024;
/// `Overflow`.
pub const OVERFLOW: u32 = 2048;
/// `Rounded`.
pub const ROUNDED: u32 = 4096;
/// `Subnormal`.
pub const SUBNORMAL: u32 = 8192;
/// `Underflow`.
pub const UNDERFLOW: u32 = 16384;
/// Every condition that is an `InvalidOperation`.
pub const ANY_INVALID: u32 = CONVERSION_SYNTAX
    | DIVISION_IMPOSSIBLE
    | DIVISION_UNDEFINED
    | INVALID_CONTEXT
    | INVALID_OPERATION
    | 32
    | 512;

/// A rounding mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rounding {
    /// `ROUND_UP`: away from zero.
    Up,
    /// `ROUND_DOWN`: toward zero.
    Down,
    /// `ROUND_CEILING`: toward positive infinity.
    Ceiling,
    /// `ROUND_FLOOR`: toward negative infinity.
    Floor,
    /// `ROUND_HALF_UP`.
    HalfUp,
    /// `ROUND_HALF_DOWN`.
    HalfDown,
    /// `ROUND_HALF_EVEN`.
    HalfEven,
    /// `ROUND_05UP`: away from zero if the last digit kept is 0 or 5.
    ZeroFiveUp,
}

impl Rounding {
    /// The Python names, in `Rounding` order.
    pub const NAMES: [&'static str; 8] = [
        "ROUND_UP",
        "ROUND_DOWN",
        "ROUND_CEILING",
        "ROUND_FLOOR",
        "ROUND_HALF_UP",
        "ROUND_HALF_DOWN",
        "ROUND_HALF_EVEN",
        "ROUND_05UP",
    ];

    /// The mode of a Python name.
    pub fn from_name(name: &str) -> Option<Rounding> {
        use Rounding::*;
        let all = [
            Up, Down, Ceiling, Floor, HalfUp, HalfDown, HalfEven, ZeroFiveUp,
        ];
        Self::NAMES.iter().position(|&n| n == name).map(|i| all[i])
    }
}

/// What an operation works with, and the conditions it raised.
#[derive(Clone, Debug)]
pub struct Env {
    /// Significant digits.
    pub prec: i64,
    /// The rounding mode.
    pub rounding: Rounding,
    /// The smallest adjusted exponent of a normal number.
    pub emin: i64,
    /// The largest adjusted exponent.
    pub emax: i64,
    /// Whether exponents are limited to `emax - prec + 1` (IEEE formats).
    pub clamp: bool,
    /// The conditions raised so far.
    pub status: u32,
}

impl Env {
    /// The smallest exponent of a subnormal number.
    pub fn etiny(&self) -> i64 {
        self.emin - self.prec + 1
    }

    /// The largest exponent when clamping.
    pub fn etop(&self) -> i64 {
        self.emax - self.prec + 1
    }

    /// The same parameters with another precision and rounding, and no status.
    pub fn with(&self, prec: i64, rounding: Rounding) -> Env {
        Env {
            prec,
            rounding,
            status: 0,
            ..self.clone()
        }
    }

    /// Raises `InvalidOperation` (or one of its conditions): the result is a quiet NaN.
    pub fn invalid(&mut self, condition: u32) -> Dec {
        self.status |= condition;
        Dec::special(false, Kind::NaN)
    }

    /// Fits a finite exact result to the context: rounds it to the precision, and
    /// handles overflow, subnormal results and clamping (libmpdec's finalize).
    pub fn finalize(&mut self, mut d: Dec) -> Dec {
        if !d.is_finite() {
            return d;
        }
        let adjusted = d.adjusted();
        if adjusted > self.emax {
            if d.coeff.is_zero() {
                d.exp = if self.clamp { self.etop() } else { self.emax };
                self.status |= CLAMPED;
                return d;
            }
            return self.overflow(d.sign);
        }
        if self.clamp && d.exp > self.etop() {
            let shift = d.exp - self.etop();
            d.coeff *= pow10(shift as u64);
            d.exp -= shift;
            self.status |= CLAMPED;
            if !d.coeff.is_zero() && adjusted < self.emin {
                self.status |= SUBNORMAL;
            }
            return d;
        }
        if adjusted < self.emin {
            let etiny = self.etiny();
            if d.coeff.is_zero() {
                if d.exp < etiny {
                    d.exp = etiny;
                    self.status |= CLAMPED;
                }
                return d;
            }
            self.status |= SUBNORMAL;
            if d.exp < etiny {
                let (coeff, inexact) =
                    round_shift(&d.coeff, (etiny - d.exp) as u64, d.sign, self.rounding);
                d.coeff = coeff;
                d.exp = etiny;
                self.status |= ROUNDED;
                if inexact {
                    self.status |= INEXACT | UNDERFLOW;
                    if d.coeff.is_zero() {
                        self.status |= CLAMPED;
                    }
                }
                if d.digits() > self.prec {
                    // Rounding carried up to a normal number.
                    d.coeff /= 10u32;
                    d.exp += 1;
                }
            }
            return d;
        }
        let count = d.digits();
        if count > self.prec {
            let (mut coeff, inexact) =
                round_shift(&d.coeff, (count - self.prec) as u64, d.sign, self.rounding);
            d.exp += count - self.prec;
            if digits(&coeff) > self.prec {
                coeff /= 10u32;
                d.exp += 1;
            }
            d.coeff = coeff;
            self.status |= ROUNDED;
            if inexact {
                self.status |= INEXACT;
            }
            if d.adjusted() > self.emax {
                return self.overflow(d.sign);
            }
        }
        d
    }

    /// The result of an overflow: an infinity or the largest finite number, by the
    /// rounding mode.
    fn overflow(&mut self, sign: bool) -> Dec {
        self.status |= OVERFLOW | INEXACT | ROUNDED;
        let infinite = match self.rounding {
            Rounding::HalfUp | Rounding::HalfEven | Rounding::HalfDown | Rounding::Up => true,
            Rounding::Down | Rounding::ZeroFiveUp => false,
            Rounding::Ceiling => !sign,
            Rounding::Floor => sign,
        };
        if infinite {
            return Dec::special(sign, Kind::Inf);
        }
        Dec::finite(sign, pow10(self.prec as u64) - 1u32, self.etop())
    }
}

/// `coeff / 10**shift` rounded by `mode` (for a number of sign `sign`), and whether
/// anything nonzero was dropped.
pub fn round_shift(coeff: &BigUint, shift: u64, sign: bool, mode: Rounding) -> (BigUint, bool) {
    if shift == 0 {
        return (coeff.clone(), false);
    }
    if let (Some(c), true) = (coeff.to_u64(), shift < 20) {
        let divisor = 10u64.pow(shift as u32);
        let (q, r) = (c / divisor, c % divisor);
        let up = round_up(q % 10, r == 0, r.cmp(&(divisor - r)), sign, mode);
        return (BigUint::from(q + up as u64), r != 0);
    }
    let divisor = pow10(shift);
    if (coeff.bits() as f64) < (shift as f64 - 1.0) * 3.3 {
        // Everything is dropped and the rest is below a half.
        let exact = coeff.is_zero();
        let up = round_up(0, exact, std::cmp::Ordering::Less, sign, mode);
        return (BigUint::from(up as u32), !exact);
    }
    let (q, r) = coeff.div_rem(&divisor);
    let half = (&r << 1u32).cmp(&divisor);
    let last = (&q % 10u32).to_u64().unwrap_or(0);
    let up = round_up(last, r.is_zero(), half, sign, mode);
    (if up { q + 1u32 } else { q }, !r.is_zero())
}

/// Whether to round the kept digits (the last one `last`) away from zero, given whether
/// the dropped part is zero and how twice it compares with one unit.
fn round_up(last: u64, exact: bool, half: std::cmp::Ordering, sign: bool, mode: Rounding) -> bool {
    use std::cmp::Ordering::*;
    if exact {
        return false;
    }
    match mode {
        Rounding::Down => false,
        Rounding::Up => true,
        Rounding::Ceiling => !sign,
        Rounding::Floor => sign,
        Rounding::HalfUp => half != Less,
        Rounding::HalfDown => half == Greater,
        Rounding::HalfEven => half == Greater || (half == Equal && last % 2 == 1),
        Rounding::ZeroFiveUp => last == 0 || last == 5,
    }
}
