//! Arithmetic, bitwise and comparison operators, with Python's numeric semantics: ints are
//! i64 and overflow is an error, `/` and `%` on ints floor, mixing int and float gives
//! float, bit operations take ints only (`>>` is arithmetic).

use jitgen_core::gc::Gc;

use crate::runtime::format::type_name;
use crate::runtime::objects::{Ctx, FloatObj, IntObj, StrObj, Value};
use crate::runtime::values::{
    new_bool, new_float, new_int, number, operand_error, runtime_error, ToyResult,
};

/// A binary arithmetic operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum ArithOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `%`
    Mod,
}

jitgen_core::jit_enum!(ArithOp as u8);

impl ArithOp {
    fn symbol(self) -> &'static str {
        match self {
            ArithOp::Add => "+",
            ArithOp::Sub => "-",
            ArithOp::Mul => "*",
            ArithOp::Div => "/",
            ArithOp::Mod => "%",
        }
    }
}

/// A binary bitwise operator (on ints only).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum BitOp {
    /// `&`
    And,
    /// `|`
    Or,
    /// `^`
    Xor,
    /// `<<`
    Shl,
    /// `>>`
    Shr,
}

jitgen_core::jit_enum!(BitOp as u8);

impl BitOp {
    fn symbol(self) -> &'static str {
        match self {
            BitOp::And => "&",
            BitOp::Or => "|",
            BitOp::Xor => "^",
            BitOp::Shl => "<<",
            BitOp::Shr => ">>",
        }
    }
}

/// A comparison operator (equality is `values_equal`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum CmpOp {
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

jitgen_core::jit_enum!(CmpOp as u8);

impl CmpOp {
    fn symbol(self) -> &'static str {
        match self {
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }

    fn holds<T: PartialOrd>(self, a: T, b: T) -> bool {
        match self {
            CmpOp::Lt => a < b,
            CmpOp::Le => a <= b,
            CmpOp::Gt => a > b,
            CmpOp::Ge => a >= b,
        }
    }
}

fn overflow() -> Gc<crate::runtime::objects::ErrorObj> {
    runtime_error("integer overflow".into())
}

fn division_by_zero() -> Gc<crate::runtime::objects::ErrorObj> {
    runtime_error("division by zero".into())
}

/// Integer arithmetic: overflow and division by zero are errors; `/` and `%` floor.
#[jitgen_core::look_inside]
pub fn int_arith(op: ArithOp, a: i64, b: i64) -> ToyResult<i64> {
    match op {
        ArithOp::Add => match a.checked_add(b) {
            Some(v) => Ok(v),
            None => Err(overflow()),
        },
        ArithOp::Sub => match a.checked_sub(b) {
            Some(v) => Ok(v),
            None => Err(overflow()),
        },
        ArithOp::Mul => match a.checked_mul(b) {
            Some(v) => Ok(v),
            None => Err(overflow()),
        },
        ArithOp::Div => {
            if b == 0 {
                return Err(division_by_zero());
            }
            if b == -1 {
                // `a / -1` is `-a`, which overflows exactly for `i64::MIN`.
                return match 0i64.checked_sub(a) {
                    Some(v) => Ok(v),
                    None => Err(overflow()),
                };
            }
            let q = a / b;
            // The signs first: for operands of one sign (the usual case) the remainder's
            // test is never reached, so a trace has one guard that holds, not a guard that
            // fails whenever the division is exact.
            if ((a < 0) != (b < 0)) && (a % b != 0) {
                Ok(q - 1)
            } else {
                Ok(q)
            }
        }
        ArithOp::Mod => {
            if b == 0 {
                return Err(division_by_zero());
            }
            if b == -1 {
                // Every integer is a multiple of -1 (and `i64::MIN % -1` would overflow).
                return Ok(0i64);
            }
            let r = a % b;
            // The signs first (see `Div`).
            if ((r < 0) != (b < 0)) && r != 0 {
                Ok(r + b)
            } else {
                Ok(r)
            }
        }
    }
}

/// Integer bit operations: a negative shift count is an error, and so is a left shift that
/// overflows 64 bits; a right shift by 64 or more gives 0 or -1.
#[jitgen_core::look_inside]
pub fn int_bitwise(op: BitOp, a: i64, b: i64) -> ToyResult<i64> {
    match op {
        BitOp::And => Ok(a & b),
        BitOp::Or => Ok(a | b),
        BitOp::Xor => Ok(a ^ b),
        BitOp::Shl => {
            if b < 0 {
                return Err(negative_shift());
            }
            if b >= 64 {
                if a == 0 {
                    return Ok(0i64);
                }
                return Err(overflow());
            }
            let r = a << b;
            if r >> b != a {
                return Err(overflow());
            }
            Ok(r)
        }
        BitOp::Shr => {
            if b < 0 {
                return Err(negative_shift());
            }
            if b >= 64 {
                if a < 0 {
                    return Ok(-1i64);
                }
                return Ok(0i64);
            }
            Ok(a >> b)
        }
    }
}

fn negative_shift() -> Gc<crate::runtime::objects::ErrorObj> {
    runtime_error("negative shift count".into())
}

/// `a OP b` for the bit operators: ints only.
#[jitgen_core::look_inside]
pub fn bitwise(op: BitOp, a: Value, b: Value) -> ToyResult<Value> {
    if let Some(x) = a.downcast::<IntObj>() {
        if let Some(y) = b.downcast::<IntObj>() {
            return Ok(new_int(int_bitwise(op, x.value, y.value)?));
        }
    }
    Err(bitwise_error(op, a, b))
}

/// The error of a bit operator on operands that are not two ints.
#[jitgen_core::dont_look_inside]
fn bitwise_error(op: BitOp, a: Value, b: Value) -> Gc<crate::runtime::objects::ErrorObj> {
    operand_error(op.symbol(), a, b)
}

/// `~a`: the bitwise complement of an int.
#[jitgen_core::look_inside]
pub fn invert(a: Value) -> ToyResult<Value> {
    if let Some(i) = a.downcast::<IntObj>() {
        return Ok(new_int(!i.value));
    }
    Err(invert_error(a))
}

/// The error of `~a` on a value that is not an int.
#[jitgen_core::dont_look_inside]
fn invert_error(a: Value) -> Gc<crate::runtime::objects::ErrorObj> {
    runtime_error(format!("unsupported operand type for ~: {}", type_name(a)))
}

/// Float arithmetic: division by zero is an error; `%` takes the divisor's sign.
#[jitgen_core::look_inside]
pub fn float_arith(op: ArithOp, a: f64, b: f64) -> ToyResult<f64> {
    Ok(match op {
        ArithOp::Add => a + b,
        ArithOp::Sub => a - b,
        ArithOp::Mul => a * b,
        ArithOp::Div => {
            if b == 0.0 {
                return Err(division_by_zero());
            }
            a / b
        }
        ArithOp::Mod => {
            if b == 0.0 {
                return Err(division_by_zero());
            }
            let r = a % b;
            if r != 0.0 && ((r < 0.0) != (b < 0.0)) {
                r + b
            } else if r == 0.0 {
                0.0f64.copysign(b)
            } else {
                r
            }
        }
    })
}

/// `a OP b` on any two values.
#[jitgen_core::look_inside]
pub fn arith(op: ArithOp, a: Value, b: Value) -> ToyResult<Value> {
    if let Some(x) = a.downcast::<IntObj>() {
        if let Some(y) = b.downcast::<IntObj>() {
            return Ok(new_int(int_arith(op, x.value, y.value)?));
        }
        if let Some(y) = b.downcast::<FloatObj>() {
            return Ok(new_float(float_arith(op, x.value as f64, y.value)?));
        }
    }
    if let Some(x) = a.downcast::<FloatObj>() {
        if let Some(y) = b.downcast::<FloatObj>() {
            return Ok(new_float(float_arith(op, x.value, y.value)?));
        }
        if let Some(y) = b.downcast::<IntObj>() {
            return Ok(new_float(float_arith(op, x.value, y.value as f64)?));
        }
    }
    arith_slow(op, a, b)
}

/// The cases of [`arith`] that are not numbers: string `+`, and errors.
#[jitgen_core::dont_look_inside]
fn arith_slow(op: ArithOp, a: Value, b: Value) -> ToyResult<Value> {
    if op == ArithOp::Add {
        if let (Some(x), Some(y)) = (a.downcast::<StrObj>(), b.downcast::<StrObj>()) {
            return Ok(StrObj::concat(&x, &y).erase());
        }
    }
    Err(operand_error(op.symbol(), a, b))
}

/// `a OP b` on two integers (staged, so a constant `op` folds to one comparison).
#[jitgen_core::look_inside]
fn int_compare(op: CmpOp, a: i64, b: i64) -> bool {
    match op {
        CmpOp::Lt => a < b,
        CmpOp::Le => a <= b,
        CmpOp::Gt => a > b,
        CmpOp::Ge => a >= b,
    }
}

/// `a OP b` on two floats (staged, so a constant `op` folds to one comparison).
#[jitgen_core::look_inside]
fn float_compare(op: CmpOp, a: f64, b: f64) -> bool {
    match op {
        CmpOp::Lt => a < b,
        CmpOp::Le => a <= b,
        CmpOp::Gt => a > b,
        CmpOp::Ge => a >= b,
    }
}

/// `a OP b` for `<`, `<=`, `>`, `>=`: on two numbers or two strings.
#[jitgen_core::look_inside]
pub fn compare(ctx: Gc<Ctx>, op: CmpOp, a: Value, b: Value) -> ToyResult<Value> {
    if let Some(x) = a.downcast::<IntObj>() {
        if let Some(y) = b.downcast::<IntObj>() {
            return Ok(new_bool(ctx, int_compare(op, x.value, y.value)));
        }
    }
    if let Some(x) = a.downcast::<FloatObj>() {
        if let Some(y) = b.downcast::<FloatObj>() {
            return Ok(new_bool(ctx, float_compare(op, x.value, y.value)));
        }
    }
    Ok(new_bool(ctx, compare_slow(op, a, b)?))
}

#[jitgen_core::dont_look_inside]
fn compare_slow(op: CmpOp, a: Value, b: Value) -> ToyResult<bool> {
    if let (Some(x), Some(y)) = (number(a), number(b)) {
        return Ok(op.holds(x, y));
    }
    if let (Some(x), Some(y)) = (a.downcast::<StrObj>(), b.downcast::<StrObj>()) {
        return Ok(op.holds(x.as_str(), y.as_str()));
    }
    Err(operand_error(op.symbol(), a, b))
}

/// `-a`.
#[jitgen_core::look_inside]
pub fn negate(a: Value) -> ToyResult<Value> {
    if let Some(i) = a.downcast::<IntObj>() {
        // `0 - x` overflows exactly when `-x` does (for `i64::MIN`).
        return match 0i64.checked_sub(i.value) {
            Some(v) => Ok(new_int(v)),
            None => Err(overflow()),
        };
    }
    if let Some(f) = a.downcast::<FloatObj>() {
        return Ok(new_float(-f.value));
    }
    Err(negate_error(a))
}

/// The error of `-a` on a value that is not a number.
#[jitgen_core::dont_look_inside]
fn negate_error(a: Value) -> Gc<crate::runtime::objects::ErrorObj> {
    runtime_error(format!("unsupported operand type for -: {}", type_name(a)))
}
