//! `extern "C"` helpers that compiled code calls for operations with subtle semantics
//! (division with its panics, float remainder, float-to-int saturation, narrow or unsigned
//! overflow checks, forcing virtualizables). Each takes and returns words like the shims
//! (`ShimRet` in `rax:rdx`) and never unwinds: a would-be panic is reported in the error
//! word, and compiled code turns it into an exit that panics on the Rust side.

use jitgen_core::gc::GcRef;
use jitgen_core::jitcode::eval::{self, DivideError};
use jitgen_core::jitcode::shim::ShimRet;
use jitgen_core::jitcode::{DivOp, FloatBinOp, IntWidth, OvfOp};

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

/// The op code of a [`DivOp`] for [`spec`].
pub(crate) fn div_code(op: DivOp) -> u64 {
    match op {
        DivOp::Div => 0,
        DivOp::Rem => 1,
    }
}

/// The [`DivOp`] of an op code of [`spec`].
fn div_op(spec: u64) -> DivOp {
    match spec & 0xff {
        0 => DivOp::Div,
        _ => DivOp::Rem,
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

/// The error word of a failed [`divide`] of `spec`: the operation's code and which panic
/// (never 0).
fn divide_error_code(spec: u64, error: DivideError) -> u64 {
    let which = match error {
        DivideError::ByZero => 1,
        DivideError::Overflow => 2,
    };
    (spec & 0xff) << 8 | which
}

/// The native panic message of a failed [`divide`], from its error word.
pub(crate) fn div_panic_message(code: u64) -> &'static str {
    let error = match code & 0xff {
        1 => DivideError::ByZero,
        _ => DivideError::Overflow,
    };
    error.message(div_op(code >> 8))
}

/// `/` or `%` of width `spec` (`eval::try_divide`), a would-be panic in the error word.
pub(crate) extern "C" fn divide(a: u64, b: u64, spec: u64) -> ShimRet {
    match eval::try_divide(div_op(spec), width_of(spec), a as i64, b as i64) {
        Ok(value) => ShimRet {
            value: value as u64,
            error: 0,
        },
        Err(error) => ShimRet {
            value: 0,
            error: divide_error_code(spec, error),
        },
    }
}

/// `checked_*` of width `spec` (`eval::checked`): the result (0 on overflow) and 1 in the
/// error word on overflow.
pub(crate) extern "C" fn checked(a: u64, b: u64, spec: u64) -> ShimRet {
    let op = match spec & 0xff {
        0 => OvfOp::Add,
        1 => OvfOp::Sub,
        _ => OvfOp::Mul,
    };
    match eval::checked(op, width_of(spec), a as i64, b as i64) {
        Some(v) => ShimRet {
            value: v as u64,
            error: 0,
        },
        None => ShimRet { value: 0, error: 1 },
    }
}

/// `x % y` on floats (`eval::float_bin`).
pub(crate) extern "C" fn float_rem(x: u64, y: u64) -> ShimRet {
    let value = eval::float_bin(FloatBinOp::Rem, f64::from_bits(x), f64::from_bits(y));
    ShimRet {
        value: value.to_bits(),
        error: 0,
    }
}

/// `x as T` from `f64` for the integer type `spec` (`eval::float_to_int`).
pub(crate) extern "C" fn float_to_int(x: u64, spec: u64) -> ShimRet {
    ShimRet {
        value: eval::float_to_int(width_of(spec), f64::from_bits(x)) as u64,
        error: 0,
    }
}

/// `x as f64` from a `u64` (`eval::int_to_float`).
pub(crate) extern "C" fn u64_to_float(x: u64) -> ShimRet {
    let width = IntWidth {
        bytes: 8,
        signed: false,
    };
    ShimRet {
        value: eval::int_to_float(width, x as i64).to_bits(),
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
