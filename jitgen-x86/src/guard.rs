//! Guard exits on the Rust side: what an exit code says (which trace, which op, a guard
//! failure or a panic), and the [`DeadFrame`] built from the exit buffer.

use jitgen_core::backend::{DeadFrame, HeldAt};
use jitgen_core::blackhole::Value;
use jitgen_core::gc::GcRef;
use jitgen_core::jitcode::Kind;

use crate::asm::GuardExit;
use crate::exit_save;
use crate::helpers::div_panic_message;

/// Why compiled code returned to Rust.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ExitKind {
    /// A guard failed (its live values are in the buffer).
    Guard = 0,
    /// An array index was out of bounds (buffer: index, length).
    OutOfBounds = 1,
    /// A division panicked (buffer: the helper's panic code).
    Division = 2,
    /// A null reference was dereferenced.
    Null = 3,
    /// A `finish`: the function returned (buffer: the result word).
    Finish = 4,
    /// A `finish` with an error (buffer: the error object).
    FinishErr = 5,
}

/// Bits of an exit code for the op index (below them: none; above: the trace's number, then
/// the kind).
const OP_BITS: u32 = 24;

/// Where an exit code's kind starts (compiled code shifts the code right by this to test it).
pub(crate) const KIND_SHIFT: u32 = 56;

/// The exit code compiled code returns in `rax`: the kind, the trace's number on this thread
/// (its place in the backend's table of placed traces) and the op.
pub(crate) fn exit_code(kind: ExitKind, trace_no: u32, op: usize) -> i64 {
    debug_assert!(op < 1 << OP_BITS, "an op index fits an exit code");
    ((kind as i64) << KIND_SHIFT) | ((trace_no as i64) << OP_BITS) | op as i64
}

/// An exit code's kind, trace number and op index.
pub(crate) fn decode(code: u64) -> (ExitKind, u32, usize) {
    let kind = match code >> KIND_SHIFT {
        0 => ExitKind::Guard,
        1 => ExitKind::OutOfBounds,
        2 => ExitKind::Division,
        3 => ExitKind::Null,
        4 => ExitKind::Finish,
        _ => ExitKind::FinishErr,
    };
    let trace_no = ((code >> OP_BITS) & 0xffff_ffff) as u32;
    (kind, trace_no, (code & ((1 << OP_BITS) - 1)) as usize)
}

/// The value of a word of `kind`.
pub(crate) fn value_of(kind: Kind, word: u64) -> Value {
    match kind {
        Kind::Int => Value::Int(word as i64),
        Kind::Float => Value::Float(f64::from_bits(word)),
        // SAFETY: a non-zero reference word from compiled code is a live object's address
        // (the exit buffer is read before anything can allocate).
        Kind::Ref => Value::Ref((word != 0).then(|| unsafe { GcRef::from_addr(word as usize) })),
    }
}

/// The frame at the failing guard whose exit is `exit`: a view of the exit buffer `buf`, as
/// the saving routine filled it (`exit_save`).
///
/// # Safety
/// As [`DeadFrame::viewing`]: the frame is owned before compiled code runs again, the buffer
/// grows or anything collects.
pub(crate) unsafe fn dead_frame(exit: &GuardExit, buf: &[u64]) -> DeadFrame {
    debug_assert!(
        exit.held.iter().all(|h| match h.at {
            HeldAt::Word(n) => exit_save::saved(buf, n),
            _ => true,
        }),
        "jitgen-x86: an exit holds a slot below its frame"
    );
    // SAFETY: passed on to the caller.
    unsafe { DeadFrame::viewing(buf.as_ptr(), exit.held.clone(), buf[exit_save::ERROR_WORD]) }
}

/// Raises the panic of a panic exit, as the reference backend would have.
pub(crate) fn raise(kind: ExitKind, first: u64, second: u64) -> ! {
    match kind {
        ExitKind::OutOfBounds => panic!(
            "index out of bounds: the len is {second} but the index is {}",
            first as usize
        ),
        ExitKind::Division => panic!("{}", div_panic_message(first)),
        ExitKind::Null => panic!("jitgen: compiled loop: dereference of None"),
        ExitKind::Guard | ExitKind::Finish | ExitKind::FinishErr => {
            unreachable!("not a panic exit")
        }
    }
}
