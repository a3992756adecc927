//! `complex`: the numbers, their arithmetic with CPython's algorithms (Smith's division,
//! repeated squaring for small integral powers, the polar form otherwise) and errors,
//! equality and hash, the constructor, and CPython's repr (`(1+2j)`, `2j`, `(-0-1j)`).

use jitgen_core::gc::Gc;

use crate::bytecode::BinaryKind;
use crate::runtime::format::float_repr;
use crate::runtime::numbers::{as_num, to_f64};
use crate::runtime::objects::*;
use crate::runtime::values::*;

/// A complex number's parts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Complex {
    /// The real part.
    pub re: f64,
    /// The imaginary part.
    pub im: f64,
}

impl Complex {
    fn mul(self, other: Complex) -> Complex {
        Complex {
            re: self.re * other.re - self.im * other.im,
            im: self.re * other.im + self.im * other.re,
        }
    }

    /// `self / other` by Smith's method (no needless overflow); `None` for a zero divisor.
    fn div(self, other: Complex) -> Option<Complex> {
        let (abs_re, abs_im) = (other.re.abs(), other.im.abs());
        if abs_re >= abs_im {
            if abs_re == 0.0 {
                return None;
            }
            let ratio = other.im / other.re;
            let denominator = other.re + other.im * ratio;
            Some(Complex {
                re: (self.re + self.im * ratio) / denominator,
                im: (self.im - self.re * ratio) / denominator,
            })
        } else if abs_im >= abs_re {
            let ratio = other.re / other.im;
            let denominator = other.re * ratio + other.im;
            Some(Complex {
                re: (self.re * ratio + self.im) / denominator,
                im: (self.im * ratio - self.re) / denominator,
            })
        } else {
            // A NaN in the divisor.
            Some(Complex {
                re: f64::NAN,
                im: f64::NAN,
            })
        }
    }

    /// `self ** n` for a natural `n`, by repeated squaring.
    fn pow_natural(self, n: u64) -> Complex {
        let mut result = Complex { re: 1.0, im: 0.0 };
        let mut base = self;
        let mut n = n;
        while n > 0 {
            if n & 1 == 1 {
                result = result.mul(base);
            }
            base = base.mul(base);
            n >>= 1;
        }
        result
    }
}

/// Boxes a complex number.
pub fn new_complex(value: Complex) -> Value {
    Gc::new(ComplexObj {
        re: value.re,
        im: value.im,
    })
    .erase()
}

/// The complex value of a complex, int, bool or float (`None` for other values); ints
/// too big for a float are an `OverflowError`.
pub fn as_complex(value: Value) -> PyResult<Option<Complex>> {
    if let Some(c) = value.downcast::<ComplexObj>() {
        return Ok(Some(Complex { re: c.re, im: c.im }));
    }
    match as_num(value) {
        Some(num) => Ok(Some(Complex {
            re: to_f64(&num)?,
            im: 0.0,
        })),
        None => Ok(None),
    }
}

/// `a op b` where one operand is complex; `None` when the operator does not apply.
pub fn binary(kind: BinaryKind, a: Value, b: Value) -> PyResult<Option<Value>> {
    let (Some(x), Some(y)) = (as_complex(a)?, as_complex(b)?) else {
        return Ok(None);
    };
    let result = match kind {
        BinaryKind::Add => Complex {
            re: x.re + y.re,
            im: x.im + y.im,
        },
        BinaryKind::Sub => Complex {
            re: x.re - y.re,
            im: x.im - y.im,
        },
        BinaryKind::Mul => x.mul(y),
        BinaryKind::TrueDiv => match x.div(y) {
            Some(quotient) => quotient,
            None => {
                return Err(exception(
                    TypeId::ZeroDivisionError,
                    "complex division by zero",
                ))
            }
        },
        BinaryKind::Pow => pow(x, y)?,
        _ => return Ok(None),
    };
    Ok(Some(new_complex(result)))
}

/// `base ** exponent`: repeated squaring for integral exponents up to 100 in size, the
/// polar form otherwise.
pub fn pow(base: Complex, exponent: Complex) -> PyResult<Complex> {
    let zero_power = || {
        Err(exception(
            TypeId::ZeroDivisionError,
            "0.0 to a negative or complex power",
        ))
    };
    let result =
        if exponent.im == 0.0 && exponent.re == exponent.re.floor() && exponent.re.abs() <= 100.0 {
            let n = exponent.re as i64;
            let power = base.pow_natural(n.unsigned_abs());
            if n >= 0 {
                power
            } else {
                match (Complex { re: 1.0, im: 0.0 }).div(power) {
                    Some(inverse) => inverse,
                    None => return zero_power(),
                }
            }
        } else if exponent.re == 0.0 && exponent.im == 0.0 {
            Complex { re: 1.0, im: 0.0 }
        } else if base.re == 0.0 && base.im == 0.0 {
            if exponent.im != 0.0 || exponent.re < 0.0 {
                return zero_power();
            }
            Complex { re: 0.0, im: 0.0 }
        } else {
            let magnitude = base.re.hypot(base.im);
            let angle = base.im.atan2(base.re);
            let mut length = magnitude.powf(exponent.re);
            let mut phase = angle * exponent.re;
            if exponent.im != 0.0 {
                length /= (angle * exponent.im).exp();
                phase += exponent.im * magnitude.ln();
            }
            Complex {
                re: length * phase.cos(),
                im: length * phase.sin(),
            }
        };
    if !(result.re.is_finite() && result.im.is_finite())
        && base.re.is_finite()
        && base.im.is_finite()
        && exponent.re.is_finite()
        && exponent.im.is_finite()
    {
        return Err(exception(TypeId::OverflowError, "complex exponentiation"));
    }
    Ok(result)
}

/// `-z`, `+z` (`which` 0 or 1, as `ops::unary`); `~z` is a `TypeError`.
pub fn unary(which: usize, z: Gc<ComplexObj>) -> PyResult<Value> {
    match which {
        0 => Ok(new_complex(Complex {
            re: -z.re,
            im: -z.im,
        })),
        1 => Ok(new_complex(Complex { re: z.re, im: z.im })),
        _ => type_error("bad operand type for unary ~: 'complex'".into()),
    }
}

/// `a == b` with a complex operand; `None` when the other is not a number.
pub fn equal(a: Value, b: Value) -> PyResult<Option<bool>> {
    let (Some(x), Some(y)) = (as_complex(a)?, as_complex(b)?) else {
        return Ok(None);
    };
    Ok(Some(x == y))
}

/// `abs(z)`.
pub fn abs(z: Gc<ComplexObj>) -> PyResult<Value> {
    let result = z.re.hypot(z.im);
    if result.is_infinite() && z.re.is_finite() && z.im.is_finite() {
        return Err(exception(TypeId::OverflowError, "absolute value too large"));
    }
    Ok(new_float(result))
}

/// `hash(z)` from the hashes of its parts, as CPython combines them.
pub fn hash(z: Gc<ComplexObj>, float_hash: impl Fn(f64) -> i64) -> i64 {
    let combined = (float_hash(z.re) as u64)
        .wrapping_add((float_hash(z.im) as u64).wrapping_mul(1_000_003)) as i64;
    if combined == -1 {
        -2
    } else {
        combined
    }
}

/// One part of the repr: the float's repr without a trailing `.0`.
fn part(x: f64) -> String {
    let text = float_repr(x);
    match text.strip_suffix(".0") {
        Some(short) => short.to_string(),
        None => text,
    }
}

/// `repr(z)`: `2j` when the real part is +0, else `(re±imj)`.
pub fn repr(z: Gc<ComplexObj>) -> String {
    repr_parts(z.re, z.im)
}

/// `repr(complex(re, im))`.
pub fn repr_parts(re: f64, im: f64) -> String {
    if re == 0.0 && re.is_sign_positive() {
        return format!("{}j", part(im));
    }
    let imag = part(im);
    let sign = if imag.starts_with('-') { "" } else { "+" };
    format!("({}{sign}{imag}j)", part(re))
}

/// `complex(text)`: Unicode digits and spaces read as ASCII ones, underscores only between
/// digits.
fn from_text(text: &str) -> PyResult<Complex> {
    let ascii = crate::runtime::unicode::ascii_number_text(text);
    let bytes = ascii.as_bytes();
    let misplaced_underscore = (0..bytes.len()).any(|i| {
        bytes[i] == b'_'
            && !(i > 0
                && bytes[i - 1].is_ascii_digit()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
    });
    if misplaced_underscore {
        return value_error(format!(
            "could not convert string to complex: {}",
            crate::runtime::format::str_repr(text)
        ));
    }
    match parse_complex(&ascii.replace('_', "")) {
        Some(z) => Ok(z),
        None => value_error("complex() arg is a malformed string".into()),
    }
}

/// The complex number a str spells, as `complex("1+2j")` reads it: a real part, an
/// imaginary part (`j` alone is `1j`) or both, in optional parentheses, with whitespace
/// around.
fn parse_complex(text: &str) -> Option<Complex> {
    let mut text = text.trim();
    if let Some(inner) = text.strip_prefix('(') {
        text = inner.strip_suffix(')')?.trim();
    }
    let is_j = |rest: &str| rest.eq_ignore_ascii_case("j");
    // The first number, or a bare `j`, `+j`, `-j`.
    let first = float_prefix(text);
    let sign_of = |text: &str| if text.starts_with('-') { -1.0 } else { 1.0 };
    let Some(x) = crate::runtime::builtins::parse_float_text(&text[..first]) else {
        let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
        return is_j(unsigned).then_some(Complex {
            re: 0.0,
            im: sign_of(text),
        });
    };
    let rest = &text[first..];
    if rest.is_empty() {
        return Some(Complex { re: x, im: 0.0 });
    }
    if is_j(rest) {
        return Some(Complex { re: 0.0, im: x });
    }
    if !rest.starts_with(['+', '-']) {
        return None;
    }
    let second = float_prefix(rest);
    let y = match crate::runtime::builtins::parse_float_text(&rest[..second]) {
        Some(y) => y,
        // `1+j`, `1-j`.
        None if is_j(&rest[1..]) => {
            return Some(Complex {
                re: x,
                im: sign_of(rest),
            })
        }
        None => return None,
    };
    is_j(&rest[second..]).then_some(Complex { re: x, im: y })
}

/// The length of the float literal `text` starts with: a sign, then `inf`, `infinity`,
/// `nan`, or digits, underscores and a point with an exponent (checked by its parser).
fn float_prefix(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut i = usize::from(bytes.first().is_some_and(|b| matches!(b, b'+' | b'-')));
    for word in ["infinity", "inf", "nan"] {
        if text
            .get(i..i + word.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(word))
        {
            return i + word.len();
        }
    }
    while i < bytes.len() && (bytes[i].is_ascii_digit() || matches!(bytes[i], b'_' | b'.')) {
        i += 1;
    }
    if i < bytes.len() && matches!(bytes[i], b'e' | b'E') {
        let mut j = i + 1;
        if j < bytes.len() && matches!(bytes[j], b'+' | b'-') {
            j += 1;
        }
        if j < bytes.len() && bytes[j].is_ascii_digit() {
            while j < bytes.len() && (bytes[j].is_ascii_digit() || bytes[j] == b'_') {
                j += 1;
            }
            i = j;
        }
    }
    i
}

/// `complex(real=0, imag=0)`.
pub fn construct(real: Option<Value>, imag: Option<Value>) -> PyResult<Value> {
    // Each argument as a complex number, and whether it was one.
    let part_of = |value: Option<Value>, which: &str| -> PyResult<(Complex, bool)> {
        let Some(value) = value else {
            return Ok((Complex { re: 0.0, im: 0.0 }, false));
        };
        if let Some(text) = value.downcast::<StrObj>() {
            return match which {
                "second" => type_error("complex() second arg can't be a string".into()),
                _ => Ok((from_text(text.as_str())?, true)),
            };
        }
        match as_complex(value)? {
            Some(c) => Ok((c, value.is::<ComplexObj>())),
            None => type_error(format!(
                "complex() {which} argument must be a string or a number, not '{}'",
                type_name(value)
            )),
        }
    };
    if real.is_some_and(|r| r.is::<StrObj>()) && imag.is_some() {
        return type_error("complex() can't take second arg if first is a string".into());
    }
    let ((x, x_complex), (y, y_complex)) = (part_of(real, "first")?, part_of(imag, "second")?);
    // complex(x, y) is x + y*1j; the parts combine only where an argument is complex
    // (so the signs of zeros are kept).
    let mut re = x.re;
    let mut im = y.re;
    if y_complex {
        re -= y.im;
    }
    if x_complex && imag.is_some() {
        im += x.im;
    } else if x_complex {
        im = x.im;
    }
    Ok(new_complex(Complex { re, im }))
}
