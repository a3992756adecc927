//! The `time` module: the wall clock, the monotonic and performance counters, the
//! process's CPU time (seconds as floats, or nanoseconds as ints) and `sleep`.

use crate::runtime::builtins::{arity, Builtin};
use crate::runtime::call::Args;
use crate::runtime::numbers::{as_num, to_f64};
use crate::runtime::objects::*;
use crate::runtime::values::*;

/// The functions of `time`.
pub const FUNCTIONS: &[Builtin] = &[
    Builtin::TimeTime,
    Builtin::TimeTimeNs,
    Builtin::TimePerfCounter,
    Builtin::TimePerfCounterNs,
    Builtin::TimeMonotonic,
    Builtin::TimeMonotonicNs,
    Builtin::TimeProcessTime,
    Builtin::TimeProcessTimeNs,
    Builtin::TimeSleep,
];

/// Nanoseconds on `clock` (a `libc::CLOCK_*`).
fn clock_ns(clock: libc::clockid_t) -> i64 {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid timespec to write; the clocks used exist on Linux.
    unsafe { libc::clock_gettime(clock, &mut now) };
    now.tv_sec * 1_000_000_000 + now.tv_nsec
}

/// Calls a function of `time`.
pub fn call(id: Builtin, args: Args) -> PyResult<Value> {
    let name = crate::runtime::builtins::builtin_name(id as i64);
    if id == Builtin::TimeSleep {
        arity(name, &args, 1, 1)?;
        return sleep(args.get(0));
    }
    arity(name, &args, 0, 0)?;
    let (clock, nanoseconds) = match id {
        Builtin::TimeTime => (libc::CLOCK_REALTIME, false),
        Builtin::TimeTimeNs => (libc::CLOCK_REALTIME, true),
        Builtin::TimePerfCounter | Builtin::TimeMonotonic => (libc::CLOCK_MONOTONIC, false),
        Builtin::TimePerfCounterNs | Builtin::TimeMonotonicNs => (libc::CLOCK_MONOTONIC, true),
        Builtin::TimeProcessTime => (libc::CLOCK_PROCESS_CPUTIME_ID, false),
        Builtin::TimeProcessTimeNs => (libc::CLOCK_PROCESS_CPUTIME_ID, true),
        _ => return type_error("unknown function of time".into()),
    };
    let ns = clock_ns(clock);
    Ok(if nanoseconds {
        new_int(ns)
    } else {
        new_float(ns as f64 / 1e9)
    })
}

/// `time.sleep(seconds)`.
fn sleep(seconds: Value) -> PyResult<Value> {
    let Some(num) = as_num(seconds) else {
        return type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(seconds)
        ));
    };
    let seconds = to_f64(&num)?;
    if seconds.is_nan() {
        return value_error("Invalid value NaN (not a number)".into());
    }
    if seconds < 0.0 {
        return value_error("sleep length must be non-negative".into());
    }
    match std::time::Duration::try_from_secs_f64(seconds) {
        Ok(duration) => std::thread::sleep(duration),
        Err(_) => {
            return Err(exception(
                TypeId::OverflowError,
                "timestamp too large to convert to C _PyTime_t",
            ))
        }
    }
    Ok(none())
}
