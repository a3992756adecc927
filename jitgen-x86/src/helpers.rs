//! `extern "C"` helpers that compiled code calls for operations with subtle semantics
//! (division with its panics, float remainder, float-to-int saturation, narrow or unsigned
//! overflow checks, forcing virtualizables). Each takes and returns words like the shims
//! (`ShimRet` in `rax:rdx`) and never unwinds: a would-be panic is reported in the error
//! word, and compiled code turns it into an exit that panics on the Rust side.

use jitgen_core::gc::GcRef;
use jitgen_core::jitcode::shim::ShimRet;
use jitgen_core::jitcode::{DivOp, IntWidth, OvfOp};

/// Encodes an operation and a width into one helper argument word.
pub(crate) fn spec(op: u64, width: IntWidth) -> u64 {
    op | (width.bytes as u64) << 8 | (width.signed as u64) << 16
}

fn width_of(spec: u64) -> IntWidth {
    IntWidth {
        bytes: (spec >> 8) as u8,
        signed: (spec >> 16) & 1 != 0,
    }
}

/// Division panic codes (the error word of [`divide`]).
pub(crate) const DIV_BY_ZERO: u64 = 1;
/// `%` by zero.
pub(crate) const REM_BY_ZERO: u64 = 2;
/// `MIN / -1`.
pub(crate) const DIV_OVERFLOW: u64 = 3;
/// `MIN % -1`.
pub(crate) const REM_OVERFLOW: u64 = 4;

/// The op code of a [`DivOp`] for [`spec`].
pub(crate) fn div_code(op: DivOp) -> u64 {
    match op {
        DivOp::Div => 0,
        DivOp::Rem => 1,
    }
}

/// The op code of an [`OvfOp`] for [`spec`].
pub(crate) fn ovf_code(op: OvfOp) -> u64 {
    match op {
        OvfOp::Add => 0,
        OvfOp::Sub => 1,
        OvfOp::Mul => 2,
    }
}

/// The message of a division panic code.
pub(crate) fn div_panic_message(code: u64) -> &'static str {
    match code {
        DIV_BY_ZERO => "attempt to divide by zero",
        REM_BY_ZERO => "attempt to calculate the remainder with a divisor of zero",
        DIV_OVERFLOW => "attempt to divide with overflow",
        _ => "attempt to calculate the remainder with overflow",
    }
}

/// `/` or `%` of width `spec` (as `jitcode::eval::divide`), the panic as an error code.
pub(crate) extern "C" fn divide(a: u64, b: u64, spec: u64) -> ShimRet {
    let rem = spec & 0xff == 1;
    let width = width_of(spec);
    let (a, b) = (a as i64, b as i64);
    let fail = |error| ShimRet { value: 0, error };
    if b == 0 {
        return fail(if rem { REM_BY_ZERO } else { DIV_BY_ZERO });
    }
    let value = if width.signed {
        let min = -(1i128 << (8 * width.bytes as u32 - 1));
        // Also `i64::MIN / -1` of a narrow type's out-of-range word: `eval::divide`'s
        // native `/` panics on it too, with the same message.
        if (a as i128 == min || a == i64::MIN) && b == -1 {
            return fail(if rem { REM_OVERFLOW } else { DIV_OVERFLOW });
        }
        if rem {
            a % b
        } else {
            a / b
        }
    } else {
        let (x, y) = (a as u64, b as u64);
        (if rem { x % y } else { x / y }) as i64
    };
    ShimRet {
        value: value as u64,
        error: 0,
    }
}

/// `checked_*` of width `spec` (as `jitcode::eval::checked`): the result (0 on overflow)
/// and 1 in the error word on overflow.
pub(crate) extern "C" fn checked(a: u64, b: u64, spec: u64) -> ShimRet {
    let width = width_of(spec);
    let (x, y) = (width.exact(a as i64), width.exact(b as i64));
    let exact = match spec & 0xff {
        0 => Some(x + y),
        1 => Some(x - y),
        _ => x.checked_mul(y),
    };
    match exact.filter(|v| width.holds(*v)) {
        Some(v) => ShimRet {
            value: v as i64 as u64,
            error: 0,
        },
        None => ShimRet { value: 0, error: 1 },
    }
}

/// `x % y` on floats.
pub(crate) extern "C" fn float_rem(x: u64, y: u64) -> ShimRet {
    ShimRet {
        value: (f64::from_bits(x) % f64::from_bits(y)).to_bits(),
        error: 0,
    }
}

/// `x as T` from `f64` for the integer type `spec` (saturating, NaN to 0).
pub(crate) extern "C" fn float_to_int(x: u64, spec: u64) -> ShimRet {
    let width = width_of(spec);
    let v = f64::from_bits(x);
    let value = if width.bytes >= 8 {
        if width.signed {
            v as i64
        } else {
            v as u64 as i64
        }
    } else {
        let bits = 8 * width.bytes as u32;
        if width.signed {
            let max = (1i64 << (bits - 1)) - 1;
            (v as i64).clamp(-max - 1, max)
        } else {
            (v as u64).min((1u64 << bits) - 1) as i64
        }
    };
    ShimRet {
        value: value as u64,
        error: 0,
    }
}

/// `x as f64` from a `u64`.
pub(crate) extern "C" fn u64_to_float(x: u64) -> ShimRet {
    ShimRet {
        value: (x as f64).to_bits(),
        error: 0,
    }
}

/// Forces the virtualizable at `object` (non-null) whose token is at `token_offset`, before a
/// residual call that may look at it.
pub(crate) extern "C" fn force(object: u64, token_offset: u64) -> ShimRet {
    let run = || {
        // SAFETY: compiled code passes a live non-null object of the descriptor's
        // virtualizable type, and that type's token offset.
        unsafe {
            jitgen_core::virtualizable::force_at(
                GcRef::from_addr(object as usize),
                token_offset as usize,
            )
        }
    };
    if let Err(payload) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        eprintln!("jitgen-x86: panic while forcing a virtualizable from compiled code: {message}");
        std::process::abort();
    }
    ShimRet { value: 0, error: 0 }
}
