//! Making and inspecting values: boxing numbers and strings, truthiness, equality, and the
//! runtime errors every operation can raise.

use jitgen_core::gc::{Gc, GcVec};

use crate::runtime::format::type_name;
use crate::runtime::objects::{
    ArrayObj, BoolObj, Ctx, DictObj, ErrorObj, FloatObj, IntObj, NilObj, StrObj, Value,
};

/// Result of a toy operation: a value, or an error in flight.
pub type ToyResult<T> = Result<T, Gc<ErrorObj>>;

/// Boxes an integer.
#[jitgen_core::look_inside]
pub fn new_int(value: i64) -> Value {
    Gc::new(IntObj { value }).erase()
}

/// Boxes a float.
#[jitgen_core::look_inside]
pub fn new_float(value: f64) -> Value {
    Gc::new(FloatObj { value }).erase()
}

/// Makes a string value.
#[jitgen_core::dont_look_inside]
pub fn new_str(text: &str) -> Value {
    StrObj::new(text).erase()
}

/// The `true` or `false` singleton. (There is one context per run: promoting it makes the
/// singletons trace constants, so a test of the result folds.)
#[jitgen_core::look_inside]
pub fn new_bool(ctx: Gc<Ctx>, value: bool) -> Value {
    let ctx = jitgen_core::hints::promote(ctx);
    if value {
        ctx.true_value
    } else {
        ctx.false_value
    }
}

/// A runtime error with `message` (what `catch` receives).
#[jitgen_core::dont_look_inside]
pub fn runtime_error(message: String) -> Gc<ErrorObj> {
    let value = new_str(&message);
    Gc::new(ErrorObj {
        value,
        runtime: true,
        trace_codes: GcVec::new(),
        trace_pcs: GcVec::new(),
    })
}

/// An error carrying a thrown value.
#[jitgen_core::dont_look_inside]
pub fn thrown_error(value: Value) -> Gc<ErrorObj> {
    Gc::new(ErrorObj {
        value,
        runtime: false,
        trace_codes: GcVec::new(),
        trace_pcs: GcVec::new(),
    })
}

/// The error for an operator applied to operands of unsupported types.
#[jitgen_core::dont_look_inside]
pub fn operand_error(operator: &str, a: Value, b: Value) -> Gc<ErrorObj> {
    runtime_error(format!(
        "unsupported operand types for {operator}: {} and {}",
        type_name(a),
        type_name(b)
    ))
}

/// Whether a value counts as true: everything but `nil`, `false`, `0`, `0.0`, `""`, `[]`,
/// `{}`.
#[jitgen_core::look_inside]
pub fn is_truthy(value: Value) -> bool {
    if let Some(b) = value.downcast::<BoolObj>() {
        b.value
    } else if let Some(i) = value.downcast::<IntObj>() {
        i.value != 0
    } else if value.is::<NilObj>() {
        false
    } else if let Some(f) = value.downcast::<FloatObj>() {
        f.value != 0.0
    } else if let Some(s) = value.downcast::<StrObj>() {
        !str_is_empty(s)
    } else if let Some(a) = value.downcast::<ArrayObj>() {
        !array_is_empty(a)
    } else if let Some(d) = value.downcast::<DictObj>() {
        !dict_is_empty(d)
    } else {
        true
    }
}

/// Whether a string is empty (its text is opaque to the JIT).
#[jitgen_core::dont_look_inside]
fn str_is_empty(s: Gc<StrObj>) -> bool {
    s.as_str().is_empty()
}

/// Whether an array has no items.
#[jitgen_core::dont_look_inside]
fn array_is_empty(a: Gc<ArrayObj>) -> bool {
    a.items.is_empty()
}

/// Whether a dict has no entries.
#[jitgen_core::dont_look_inside]
fn dict_is_empty(d: Gc<DictObj>) -> bool {
    d.table.is_empty()
}

/// `a == b`: numbers by value, strings by content, bools and nil by value, everything else
/// by identity; values of different kinds are unequal.
#[jitgen_core::look_inside]
pub fn values_equal(a: Value, b: Value) -> bool {
    if a == b {
        // Identity implies equality except for nan.
        if let Some(f) = a.downcast::<FloatObj>() {
            return !f.value.is_nan();
        }
        return true;
    }
    if let Some(x) = a.downcast::<IntObj>() {
        if let Some(y) = b.downcast::<IntObj>() {
            return x.value == y.value;
        }
    }
    // Nil equals only nil: the common `x == nil` of an object needs no call.
    if a.is::<NilObj>() || b.is::<NilObj>() {
        return a.is::<NilObj>() && b.is::<NilObj>();
    }
    values_equal_slow(a, b)
}

/// The cases of [`values_equal`] other than identical values, two ints and nil.
#[jitgen_core::dont_look_inside]
fn values_equal_slow(a: Value, b: Value) -> bool {
    // Strings first: dict lookups compare string keys most.
    if let (Some(x), Some(y)) = (a.downcast::<StrObj>(), b.downcast::<StrObj>()) {
        return x.bytes.as_slice() == y.bytes.as_slice();
    }
    match (number(a), number(b)) {
        (Some(x), Some(y)) => x == y,
        _ => match (a.downcast::<BoolObj>(), b.downcast::<BoolObj>()) {
            (Some(x), Some(y)) => x.value == y.value,
            _ => a.is::<NilObj>() && b.is::<NilObj>(),
        },
    }
}

/// A number as a float, if `value` is an int or a float (for the slow paths, which are
/// not looked inside).
#[jitgen_core::dont_look_inside]
pub fn number(value: Value) -> Option<f64> {
    if let Some(i) = value.downcast::<IntObj>() {
        Some(i.value as f64)
    } else {
        value.downcast::<FloatObj>().map(|f| f.value)
    }
}

/// i64's range is `[-2^63, 2^63)`: `2^63` itself does not fit.
pub(crate) const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;

/// `x` truncated toward zero: an error for nan, the infinities and values outside i64.
/// (Floats this large are integers, so testing `x` tests its truncation.)
// Comparisons, not `contains`: the JIT sees them as two float compares.
#[allow(clippy::manual_range_contains)]
#[jitgen_core::look_inside]
pub fn float_to_int(x: f64) -> ToyResult<i64> {
    if x >= -TWO_POW_63 && x < TWO_POW_63 {
        return Ok(x as i64);
    }
    Err(float_to_int_error(x))
}

/// The error of converting nan, an infinity or a float outside i64 to an int.
#[jitgen_core::dont_look_inside]
fn float_to_int_error(x: f64) -> Gc<ErrorObj> {
    if x.is_finite() {
        runtime_error("integer overflow".into())
    } else {
        runtime_error(format!(
            "cannot convert {} to int",
            crate::runtime::format::float_repr(x)
        ))
    }
}
