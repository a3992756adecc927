//! The meaning of jitcode's operators on concrete values, shared by every executor: the
//! blackhole interpreter, the tracer (which computes while it records, and folds constants)
//! and the reference backend (which runs traces). One definition, so they cannot disagree.

use crate::gc::{GcRef, TypeInfo, ARRAY_ITEMS_OFFSET};
use crate::jitcode::insn::{
    DivOp, FloatBinOp, FloatCmpOp, FloatUnOp, IntBinOp, IntCmpOp, IntWidth, OvfOp, ShiftOp,
};
use crate::jitcode::Kind;
use crate::jitcode::Value;
use crate::layout::ValueKind;

/// Wrapping 64-bit arithmetic and bitwise operations.
pub(crate) fn int_bin(op: IntBinOp, x: i64, y: i64) -> i64 {
    match op {
        IntBinOp::Add => x.wrapping_add(y),
        IntBinOp::Sub => x.wrapping_sub(y),
        IntBinOp::Mul => x.wrapping_mul(y),
        IntBinOp::And => x & y,
        IntBinOp::Or => x | y,
        IntBinOp::Xor => x ^ y,
    }
}

/// `!x` (bitwise) or `-x` (wrapping), re-wrapped to `width`.
pub(crate) fn int_un(not: bool, width: IntWidth, x: i64) -> i64 {
    let v = if not { !x } else { x.wrapping_neg() };
    width.wrap(v)
}

/// Float arithmetic.
pub fn float_bin(op: FloatBinOp, x: f64, y: f64) -> f64 {
    match op {
        FloatBinOp::Add => x + y,
        FloatBinOp::Sub => x - y,
        FloatBinOp::Mul => x * y,
        FloatBinOp::Div => x / y,
        FloatBinOp::Rem => x % y,
    }
}

/// Float comparison.
pub(crate) fn float_cmp(op: FloatCmpOp, x: f64, y: f64) -> bool {
    match op {
        FloatCmpOp::Eq => x == y,
        FloatCmpOp::Ne => x != y,
        FloatCmpOp::Lt => x < y,
        FloatCmpOp::Le => x <= y,
        FloatCmpOp::Gt => x > y,
        FloatCmpOp::Ge => x >= y,
    }
}

/// Unary float operation.
pub(crate) fn float_un(op: FloatUnOp, x: f64) -> f64 {
    match op {
        FloatUnOp::Neg => -x,
        FloatUnOp::Abs => x.abs(),
        FloatUnOp::Sqrt => x.sqrt(),
    }
}

/// `x as f64` from an integer of type `width`.
pub fn int_to_float(width: IntWidth, x: i64) -> f64 {
    if width.signed {
        x as f64
    } else {
        x as u64 as f64
    }
}

/// Reads a value of `kind` at `addr`.
///
/// # Safety
/// `addr` must point to a live field or item of that kind.
pub(crate) unsafe fn load(addr: usize, kind: ValueKind) -> Value {
    match kind {
        ValueKind::Int { bytes, signed } => {
            let v = match (bytes, signed) {
                (1, true) => *(addr as *const i8) as i64,
                (2, true) => *(addr as *const i16) as i64,
                (4, true) => *(addr as *const i32) as i64,
                (1, false) => *(addr as *const u8) as i64,
                (2, false) => *(addr as *const u16) as i64,
                (4, false) => *(addr as *const u32) as i64,
                _ => *(addr as *const i64),
            };
            Value::Int(v)
        }
        ValueKind::Bool => Value::Int((*(addr as *const u8) != 0) as i64),
        ValueKind::Float => Value::Float(*(addr as *const f64)),
        ValueKind::Ref => Value::from_word(Kind::Ref, *(addr as *const usize) as u64),
        ValueKind::Opaque => unreachable!("the builder rejects opaque fields"),
    }
}

/// Writes `value` of `kind` at `addr`.
///
/// # Safety
/// `addr` must point to a live, writable field or item of that kind.
pub(crate) unsafe fn store(addr: usize, kind: ValueKind, value: Value) {
    // SAFETY: passed on to the caller.
    unsafe { store_word(addr, kind, value.word()) }
}

/// [`store`] into a field or item of the heap object at `object`, through the write barrier
/// when the value is a reference: every store outside compiled code but the initialization
/// of a fresh object (the blackhole interpreter's, a guard's pending stores, the
/// virtualizable write-back).
///
/// # Safety
/// As [`store`].
pub(crate) unsafe fn store_into(object: usize, addr: usize, kind: ValueKind, value: Value) {
    // SAFETY: passed on to the caller.
    unsafe { store_word_into(object, addr, kind, value.word()) }
}

/// [`store_into`] of a value given as its word.
///
/// # Safety
/// As [`store`].
pub(crate) unsafe fn store_word_into(object: usize, addr: usize, kind: ValueKind, word: u64) {
    if kind == ValueKind::Ref {
        crate::gc::write_barrier(object);
    }
    // SAFETY: passed on to the caller.
    unsafe { store_word(addr, kind, word) }
}

/// [`store`] of a value given as its word.
///
/// # Safety
/// As [`store`].
pub(crate) unsafe fn store_word(addr: usize, kind: ValueKind, word: u64) {
    match kind {
        ValueKind::Int { bytes, .. } => match bytes {
            1 => *(addr as *mut u8) = word as u8,
            2 => *(addr as *mut u16) = word as u16,
            4 => *(addr as *mut u32) = word as u32,
            _ => *(addr as *mut u64) = word,
        },
        ValueKind::Bool => *(addr as *mut u8) = (word != 0) as u8,
        ValueKind::Float | ValueKind::Ref => *(addr as *mut u64) = word,
        ValueKind::Opaque => unreachable!("the builder rejects opaque fields"),
    }
}

/// A new object of `info` (a [`TypeInfo::jit_allocatable`] type) whose fields, in the order
/// of `info.fields`, hold `values`: what the trace op `new` makes.
pub fn new_object(info: &'static TypeInfo, values: &[Value]) -> GcRef {
    debug_assert!(info.jit_allocatable() && values.len() == info.fields.len());
    let addr = crate::gc::allocate_object(info);
    for (field, value) in info.fields.iter().zip(values) {
        // SAFETY: a fresh object of `info`; the field descriptors are its layout.
        unsafe { store(addr + field.offset, field.kind, *value) };
    }
    // SAFETY: `addr` is the object just made, fully initialized.
    unsafe { GcRef::from_addr(addr) }
}

/// The address of item `index` of the array at `array`, checked like native indexing.
pub(crate) fn item_addr(array: usize, index: i64, item_size: usize) -> usize {
    // SAFETY: an array object starts with its length word.
    let len = unsafe { *(array as *const usize) };
    let index = index as u64 as usize;
    if index >= len {
        panic!("index out of bounds: the len is {len} but the index is {index}");
    }
    array + ARRAY_ITEMS_OFFSET + index * item_size
}

/// An integer comparison, signed or unsigned.
pub(crate) fn int_compare(op: IntCmpOp, signed: bool, a: i64, b: i64) -> bool {
    let ord = if signed {
        a.cmp(&b)
    } else {
        (a as u64).cmp(&(b as u64))
    };
    match op {
        IntCmpOp::Eq => ord.is_eq(),
        IntCmpOp::Ne => ord.is_ne(),
        IntCmpOp::Lt => ord.is_lt(),
        IntCmpOp::Le => ord.is_le(),
        IntCmpOp::Gt => ord.is_gt(),
        IntCmpOp::Ge => ord.is_ge(),
    }
}

/// A shift by `amount` modulo the width, like Rust's wrapping shifts.
pub(crate) fn shift(op: ShiftOp, width: IntWidth, a: i64, amount: i64) -> i64 {
    let bits = 8 * width.bytes as u32;
    let n = (amount as u32) & (bits - 1);
    match op {
        ShiftOp::Shl => width.wrap(a.wrapping_shl(n)),
        ShiftOp::Shr if width.signed => a >> n,
        // Unsigned values are zero-extended, so a logical shift of the word is exact.
        ShiftOp::Shr => ((a as u64) >> n) as i64,
    }
}

/// `checked_*`: the exact result if it fits `width`.
pub fn checked(op: OvfOp, width: IntWidth, a: i64, b: i64) -> Option<i64> {
    let (x, y) = (width.exact(a), width.exact(b));
    let exact = match op {
        OvfOp::Add => x + y,
        OvfOp::Sub => x - y,
        OvfOp::Mul => x.checked_mul(y)?,
    };
    width.holds(exact).then_some(exact as i64)
}

/// Why `/` or `%` has no result (where native code panics).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DivideError {
    /// The divisor is zero.
    ByZero,
    /// `MIN / -1` (or `MIN % -1`) of a signed type.
    Overflow,
}

impl DivideError {
    /// The native panic message for `op`.
    pub fn message(self, op: DivOp) -> &'static str {
        match (self, op) {
            (DivideError::ByZero, DivOp::Div) => "attempt to divide by zero",
            (DivideError::ByZero, DivOp::Rem) => {
                "attempt to calculate the remainder with a divisor of zero"
            }
            (DivideError::Overflow, DivOp::Div) => "attempt to divide with overflow",
            (DivideError::Overflow, DivOp::Rem) => {
                "attempt to calculate the remainder with overflow"
            }
        }
    }
}

/// `/` or `%` of integers of type `width` (as words), or why native code would panic.
pub fn try_divide(op: DivOp, width: IntWidth, a: i64, b: i64) -> Result<i64, DivideError> {
    if b == 0 {
        return Err(DivideError::ByZero);
    }
    if width.signed {
        let min = -(1i128 << (8 * width.bytes as u32 - 1));
        if a as i128 == min && b == -1 {
            return Err(DivideError::Overflow);
        }
        // (A word outside a narrow type's range can still be `i64::MIN`.)
        match op {
            DivOp::Div => a.checked_div(b),
            DivOp::Rem => a.checked_rem(b),
        }
        .ok_or(DivideError::Overflow)
    } else {
        let (x, y) = (a as u64, b as u64);
        Ok((match op {
            DivOp::Div => x / y,
            DivOp::Rem => x % y,
        }) as i64)
    }
}

/// `/` or `%`, panicking with the native message on a zero divisor or `MIN / -1`.
pub(crate) fn divide(op: DivOp, width: IntWidth, a: i64, b: i64) -> i64 {
    try_divide(op, width, a, b).unwrap_or_else(|e| panic!("{}", e.message(op)))
}

/// `x as T` from `f64` (saturating, NaN to 0).
pub fn float_to_int(width: IntWidth, v: f64) -> i64 {
    if width.bytes >= 8 {
        return if width.signed {
            v as i64
        } else {
            v as u64 as i64
        };
    }
    let bits = 8 * width.bytes as u32;
    if width.signed {
        let max = (1i64 << (bits - 1)) - 1;
        (v as i64).clamp(-max - 1, max)
    } else {
        (v as u64).min((1u64 << bits) - 1) as i64
    }
}
