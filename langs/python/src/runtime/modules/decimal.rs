//! The `decimal` module: its classes are Python code (`decimal.py`, run in the module's
//! namespace when it is imported) whose methods call the native functions here, which
//! read the operands (a `Decimal` keeps its value in `_v`: a tuple of kind, sign,
//! coefficient and exponent) and the context, run the arithmetic of
//! `crate::runtime::decimal`, record the conditions in the context's flags and raise the
//! trapped ones as CPython's `_decimal` does (`[<class 'decimal.DivisionByZero'>]`).

use jitgen_core::gc::{Gc, GcVec};
use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::runtime::builtins::Builtin;
use crate::runtime::call::{call_simple, Args};
use crate::runtime::decimal::arith::{self, cmp_numbers};
use crate::runtime::decimal::context::*;
use crate::runtime::decimal::number::{pow10, Dec, Kind};
use crate::runtime::decimal::{format, text, transcend};
use crate::runtime::dict::dict_get_str;
use crate::runtime::numbers::{as_bigint, as_num, Num};
use crate::runtime::objects::*;
use crate::runtime::values::*;

/// The native functions the classes of `decimal.py` call.
pub const FUNCTIONS: &[Builtin] = &[
    Builtin::DecimalNew,
    Builtin::DecimalUnary,
    Builtin::DecimalBinary,
    Builtin::DecimalFma,
    Builtin::DecimalInfo,
    Builtin::DecimalCompare,
];

/// The module's Python code (run in its namespace when it is imported).
pub const SOURCE: &str = include_str!("decimal.py");

/// The name messages give a class of the module: CPython's are C types, named with
/// their module (`'decimal.Decimal'`); `None` for other classes.
pub fn c_type_name(cls: Gc<TypeObj>) -> Option<String> {
    let module = cls.module.downcast::<StrObj>()?;
    let name = cls.name.as_str();
    (module.as_str() == "decimal" && !name.starts_with('_') && name != "DecimalTuple")
        .then(|| format!("decimal.{name}"))
}

/// The namespace of the imported `decimal` module.
fn namespace() -> PyResult<Gc<DictObj>> {
    dict_get_str(ctx().modules, "decimal")
        .and_then(|m| m.downcast::<ModuleObj>())
        .map(|m| m.dict)
        .ok_or_else(|| exception(TypeId::RuntimeError, "the decimal module is not imported"))
}

/// A name of the module's namespace.
fn global(name: &str) -> PyResult<Value> {
    dict_get_str(namespace()?, name)
        .ok_or_else(|| exception(TypeId::RuntimeError, &format!("decimal.{name} is missing")))
}

/// The `Decimal` class.
fn decimal_class() -> PyResult<Gc<TypeObj>> {
    global("Decimal")?
        .downcast::<TypeObj>()
        .ok_or_else(|| exception(TypeId::TypeError, "decimal.Decimal is not a class"))
}

/// The `Decimal` class among the bases of `cls`, if it is one (the classes of the module
/// are found by name and module, without a lookup in its namespace).
fn decimal_base(cls: Gc<TypeObj>) -> Option<Gc<TypeObj>> {
    let is_decimal = |c: Gc<TypeObj>| {
        c.name.as_str() == "Decimal"
            && c.module
                .downcast::<StrObj>()
                .is_some_and(|m| m.as_str() == "decimal")
    };
    if is_decimal(cls) {
        return Some(cls);
    }
    let mro = cls.mro.get()?;
    (0..mro.items.len())
        .filter_map(|i| mro.items.get(i).downcast::<TypeObj>())
        .find(|&c| is_decimal(c))
}

/// The value of a `Decimal` instance (in its slot `_v`: a tuple of kind, sign,
/// coefficient and exponent).
fn read(value: Value) -> Option<Dec> {
    let instance = value.downcast::<InstanceObj>()?;
    decimal_base(instance.cls)?;
    let tuple = instance.slots?.get(0).downcast::<TupleObj>()?;
    let kind = match as_num(tuple.items.get(0))? {
        Num::Int(0) => Kind::Finite,
        Num::Int(1) => Kind::Inf,
        Num::Int(2) => Kind::NaN,
        _ => Kind::SNaN,
    };
    let sign = matches!(as_num(tuple.items.get(1))?, Num::Int(1));
    let coeff = as_bigint(tuple.items.get(2))?.magnitude().clone();
    let exp = match as_num(tuple.items.get(3))? {
        Num::Int(e) => e,
        _ => return None,
    };
    Some(Dec {
        sign,
        coeff,
        exp,
        kind,
    })
}

/// A new instance of `cls` (a `Decimal` class) holding `d`.
fn make_in(cls: Gc<TypeObj>, d: &Dec) -> Value {
    let kind = match d.kind {
        Kind::Finite => 0,
        Kind::Inf => 1,
        Kind::NaN => 2,
        Kind::SNaN => 3,
    };
    let items = GcVec::new();
    items.push(new_int(kind));
    items.push(new_int(d.sign as i64));
    items.push(new_bigint(BigInt::from(d.coeff.clone())));
    items.push(new_int(d.exp));
    let tuple = new_tuple(items);
    let instance = InstanceObj::new(cls);
    if let Some(slots) = instance.slots {
        slots.set(0, tuple);
    }
    instance.erase()
}

/// The `Decimal` class results are made in: that of the first operand that is a
/// `Decimal`, else the module's.
fn result_class(operands: &[Value]) -> PyResult<Gc<TypeObj>> {
    let found = operands.iter().find_map(|v| {
        v.downcast::<InstanceObj>()
            .and_then(|instance| decimal_base(instance.cls))
    });
    match found {
        Some(cls) => Ok(cls),
        None => decimal_class(),
    }
}

/// The exact value of a `Decimal` or an int (`None` for other values).
fn convert(value: Value) -> Option<Dec> {
    if let Some(d) = read(value) {
        return Some(d);
    }
    match as_num(value)? {
        Num::Int(i) => Some(Dec::from_i64(i)),
        Num::Big(b) => Some(Dec::finite(b.is_negative(), b.magnitude().clone(), 0)),
        Num::Float(_) => None,
    }
}

/// The exact value of a float.
fn from_float(x: f64) -> Dec {
    if x.is_nan() {
        return Dec::special(x.is_sign_negative(), Kind::NaN);
    }
    if x.is_infinite() {
        return Dec::special(x < 0.0, Kind::Inf);
    }
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i64;
    let mut mantissa = bits & ((1 << 52) - 1);
    let mut exp2 = if exponent == 0 {
        -1074
    } else {
        mantissa |= 1 << 52;
        exponent - 1075
    };
    if mantissa == 0 {
        return Dec::finite(x.is_sign_negative(), BigUint::zero(), 0);
    }
    let zeros = mantissa.trailing_zeros() as i64;
    mantissa >>= zeros;
    exp2 += zeros;
    let (coeff, exp) = if exp2 >= 0 {
        (BigUint::from(mantissa) << exp2 as usize, 0)
    } else {
        (
            BigUint::from(mantissa) * BigUint::from(5u32).pow((-exp2) as u32),
            exp2,
        )
    };
    Dec::finite(x.is_sign_negative(), coeff, exp)
}

/// `TypeError: conversion from float to Decimal is not supported`.
fn unsupported<T>(value: Value) -> PyResult<T> {
    type_error(format!(
        "conversion from {} to Decimal is not supported",
        type_name(value)
    ))
}

/// The context argument, or the current context.
fn context_of(value: Value) -> PyResult<Value> {
    if !is_none(value) {
        return Ok(value);
    }
    match dict_get_str(namespace()?, "_current") {
        Some(current) if !is_none(current) => Ok(current),
        _ => call_simple(global("getcontext")?, &[]),
    }
}

/// The slots of a `Context` (its `__slots__` in `decimal.py`, sorted by name as classes
/// lay them out).
const EMAX: usize = 0;
const EMIN: usize = 1;
const FLAGS: usize = 2;
const TRAPS: usize = 3;
const CAPITALS: usize = 4;
const CLAMP: usize = 5;
const PREC: usize = 6;
const ROUNDING: usize = 7;

/// A slot of a context.
fn context_slot(context: Value, slot: usize) -> PyResult<Value> {
    let slots = context.downcast::<InstanceObj>().and_then(|i| i.slots);
    match slots {
        Some(slots) if slots.len() > ROUNDING && slots.get(slot) != ctx().unbound => {
            Ok(slots.get(slot))
        }
        _ => type_error("optional argument must be a context".into()),
    }
}

/// An int slot of a context.
fn int_attr(context: Value, slot: usize) -> PyResult<i64> {
    match as_num(context_slot(context, slot)?) {
        Some(Num::Int(i)) => Ok(i),
        Some(Num::Big(b)) => Ok(if b.is_negative() {
            i64::MIN / 4
        } else {
            i64::MAX / 4
        }),
        _ => type_error("optional argument must be a context".into()),
    }
}

/// A rounding mode argument.
fn rounding_of(value: Value) -> PyResult<Rounding> {
    let name = value.downcast::<StrObj>().map(|s| s.as_str().to_string());
    match name.as_deref().and_then(Rounding::from_name) {
        Some(rounding) => Ok(rounding),
        None => type_error(
            "valid values for rounding are:\n  [ROUND_CEILING, ROUND_FLOOR, ROUND_UP, ROUND_DOWN,\n   ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_HALF_EVEN,\n   ROUND_05UP]".into(),
        ),
    }
}

/// The parameters of a context object.
fn env_of(context: Value) -> PyResult<Env> {
    Ok(Env {
        prec: int_attr(context, PREC)?,
        rounding: rounding_of(context_slot(context, ROUNDING)?)?,
        emin: int_attr(context, EMIN)?,
        emax: int_attr(context, EMAX)?,
        clamp: int_attr(context, CLAMP)? != 0,
        status: 0,
    })
}

/// The signal classes in the order CPython looks for the one to raise.
const SIGNAL_ORDER: [(&str, u32); 9] = [
    ("InvalidOperation", ANY_INVALID),
    ("FloatOperation", FLOAT_OPERATION),
    ("DivisionByZero", DIVISION_BY_ZERO),
    ("Overflow", OVERFLOW),
    ("Underflow", UNDERFLOW),
    ("Subnormal", SUBNORMAL),
    ("Inexact", INEXACT),
    ("Rounded", ROUNDED),
    ("Clamped", CLAMPED),
];

/// The conditions that are `InvalidOperation`s, as their exception lists name them.
const CONDITIONS: [(&str, u32); 5] = [
    ("InvalidOperation", INVALID_OPERATION | 32 | 512),
    ("ConversionSyntax", CONVERSION_SYNTAX),
    ("DivisionImpossible", DIVISION_IMPOSSIBLE),
    ("DivisionUndefined", DIVISION_UNDEFINED),
    ("InvalidContext", INVALID_CONTEXT),
];

/// Records `status` in the context's flags and raises the first trapped signal, with
/// the list of the trapped conditions as its argument.
fn signal(context: Value, status: u32) -> PyResult<()> {
    if status == 0 {
        return Ok(());
    }
    let flags = int_attr(context, FLAGS)? as u32;
    if let Some(slots) = context.downcast::<InstanceObj>().and_then(|i| i.slots) {
        slots.set(FLAGS, new_int((flags | status) as i64));
    }
    let trapped = status & int_attr(context, TRAPS)? as u32;
    if trapped == 0 {
        return Ok(());
    }
    let listed = GcVec::new();
    for (name, bits) in CONDITIONS.iter().chain(SIGNAL_ORDER[1..].iter()).copied() {
        if trapped & bits != 0 {
            listed.push(global(name)?);
        }
    }
    let raised = SIGNAL_ORDER
        .iter()
        .find(|(_, bits)| trapped & bits != 0)
        .map_or("InvalidOperation", |(name, _)| name);
    let cls = global(raised)?;
    let error = call_simple(cls, &[new_list(listed)])?;
    match error.downcast::<InstanceObj>() {
        Some(error) => Err(error),
        None => type_error("decimal signal is not an exception".into()),
    }
}

/// Runs `operation` in the context (the current one for `None`), records and raises its
/// conditions, and makes its result a `Decimal`.
fn with_context(
    cls: Gc<TypeObj>,
    context: Value,
    rounding: Value,
    operation: impl FnOnce(&mut Env) -> Dec,
) -> PyResult<Value> {
    let context = context_of(context)?;
    let mut env = env_of(context)?;
    if !is_none(rounding) {
        env.rounding = rounding_of(rounding)?;
    }
    let result = operation(&mut env);
    signal(context, env.status)?;
    Ok(make_in(cls, &result))
}

/// Calls one of the native functions.
pub fn call(id: Builtin, args: Args) -> PyResult<Value> {
    let arg = |i: usize| {
        if i < args.npos {
            args.get(i)
        } else {
            none()
        }
    };
    let code = match as_num(arg(0)) {
        Some(Num::Int(code)) => code,
        _ => -1,
    };
    match id {
        Builtin::DecimalNew => construct(arg(0), arg(1), arg(2), code_of(arg(3))),
        Builtin::DecimalUnary => unary(code, arg(1), arg(2), arg(3), code_of(arg(4)) != 0),
        Builtin::DecimalBinary => {
            binary(code, arg(1), arg(2), arg(3), arg(4), code_of(arg(5)) != 0)
        }
        Builtin::DecimalFma => {
            let operands = [arg(0), arg(1), arg(2)];
            let mut values = Vec::new();
            for operand in operands {
                match convert(operand) {
                    Some(d) => values.push(d),
                    None => return unsupported(operand),
                }
            }
            let cls = result_class(&operands)?;
            with_context(cls, arg(3), none(), |env| {
                arith::fma(env, &values[0], &values[1], &values[2])
            })
        }
        Builtin::DecimalInfo => info(code, arg(1), arg(2)),
        Builtin::DecimalCompare => compare(code, arg(1), arg(2)),
        _ => type_error("unknown decimal function".into()),
    }
}

/// A small int argument (0 when it is not one).
fn code_of(value: Value) -> i64 {
    match as_num(value) {
        Some(Num::Int(i)) => i,
        _ => 0,
    }
}

/// `Decimal(value, context)` (`mode` 0), `Decimal.from_float` (1),
/// `Context.create_decimal` (2) and `Context.create_decimal_from_float` (3).
fn construct(cls: Value, value: Value, context: Value, mode: i64) -> PyResult<Value> {
    let cls = cls
        .downcast::<TypeObj>()
        .ok_or_else(|| exception(TypeId::TypeError, "not a class"))?;
    let from_float_method = mode == 1 || mode == 3;
    let mut status = 0;
    let exact = if let Some(d) = read(value) {
        d
    } else if let Some(s) = value.downcast::<StrObj>() {
        if from_float_method {
            return type_error(format!(
                "argument must be int or float, not {}",
                type_name(value)
            ));
        }
        match text::parse(s.as_str()) {
            Some(d) => d,
            None => {
                status |= CONVERSION_SYNTAX;
                Dec::special(false, Kind::NaN)
            }
        }
    } else if let Some(num) = as_num(value) {
        match num {
            Num::Float(x) => {
                if !from_float_method {
                    status |= FLOAT_OPERATION;
                }
                from_float(x)
            }
            _ => convert(value).unwrap_or_else(|| Dec::from_i64(0)),
        }
    } else if value.is::<TupleObj>() || value.is::<ListObj>() {
        from_tuple(value)?
    } else {
        return unsupported(value);
    };
    let rounded = mode >= 2;
    if status == 0 && !rounded {
        return Ok(make_in(cls, &exact));
    }
    let context = context_of(context)?;
    let mut env = env_of(context)?;
    env.status = status;
    let result = if rounded {
        if exact.is_nan() {
            arith::fit_payload(&env, exact)
        } else {
            env.finalize(exact)
        }
    } else {
        exact
    };
    signal(context, env.status)?;
    Ok(make_in(cls, &result))
}

/// The value of a `(sign, digits, exponent)` tuple.
fn from_tuple(value: Value) -> PyResult<Dec> {
    let items = crate::runtime::iter::collect(value)?;
    if items.len() != 3 {
        return Err(exception(
            TypeId::ValueError,
            "argument must be a sequence of length 3",
        ));
    }
    let sign = match as_num(items.get(0)) {
        Some(Num::Int(s @ (0 | 1))) => s == 1,
        _ => {
            return Err(exception(
                TypeId::ValueError,
                "sign must be an integer with the value 0 or 1",
            ))
        }
    };
    let exponent = items.get(2);
    let kind = match exponent
        .downcast::<StrObj>()
        .map(|s| s.as_str().to_string())
    {
        Some(s) if s == "F" => Kind::Inf,
        Some(s) if s == "n" => Kind::NaN,
        Some(s) if s == "N" => Kind::SNaN,
        Some(_) => {
            return Err(exception(
                TypeId::ValueError,
                "string argument in the third position must be 'F', 'n' or 'N'",
            ))
        }
        None => Kind::Finite,
    };
    let exp = match (kind, as_num(exponent)) {
        (Kind::Finite, Some(Num::Int(e))) => e,
        (Kind::Finite, _) => {
            return Err(exception(TypeId::ValueError, "exponent must be an integer"))
        }
        _ => 0,
    };
    let digits = items.get(1);
    if !(digits.is::<TupleObj>() || digits.is::<ListObj>()) {
        return Err(exception(
            TypeId::ValueError,
            "coefficient must be a tuple of digits",
        ));
    }
    let digits = crate::runtime::iter::collect(digits)?;
    let mut coeff = BigUint::zero();
    for i in 0..digits.len() {
        match as_num(digits.get(i)) {
            Some(Num::Int(d @ 0..=9)) => coeff = coeff * 10u32 + d as u32,
            _ => {
                return Err(exception(
                    TypeId::ValueError,
                    "coefficient must be a tuple of digits",
                ))
            }
        }
    }
    if kind == Kind::Inf {
        coeff = BigUint::zero();
    }
    Ok(Dec {
        sign,
        coeff,
        exp,
        kind,
    })
}

/// The one-operand operations.
fn unary(code: i64, a: Value, context: Value, rounding: Value, strict: bool) -> PyResult<Value> {
    let Some(x) = convert(a) else {
        if strict {
            return unsupported(a);
        }
        return Ok(ctx().not_implemented);
    };
    let cls = result_class(&[a])?;
    match code {
        11 => return Ok(make_in(cls, &x.abs())),
        12 => return Ok(make_in(cls, &x.negated())),
        13 => return Ok(make_in(cls, &x)),
        _ => {}
    }
    with_context(cls, context, rounding, |env| match code {
        0..=2 => {
            if let Some(nan) = arith::propagate_nan(env, &[&x]) {
                return arith::fit_payload(env, nan);
            }
            let mut value = match code {
                1 => x.negated(),
                2 => x.abs(),
                _ => x.clone(),
            };
            if value.is_zero() && env.rounding != Rounding::Floor {
                value.sign = false;
            }
            env.finalize(value)
        }
        3 => transcend::sqrt(env, &x),
        4 => transcend::exp(env, &x),
        5 => transcend::ln(env, &x),
        6 => transcend::log10(env, &x),
        7 => arith::normalize(env, &x),
        8 => arith::to_integral(env, &x, false),
        _ => arith::to_integral(env, &x, true),
    })
}

/// The two-operand operations (`NotImplemented` for an operand of another type unless
/// `strict`, when it is a `TypeError`).
fn binary(
    code: i64,
    a: Value,
    b: Value,
    context: Value,
    rounding: Value,
    strict: bool,
) -> PyResult<Value> {
    let (x, y) = match (convert(a), convert(b)) {
        (Some(x), Some(y)) => (x, y),
        (x, _) => {
            if strict {
                return unsupported(if x.is_none() { a } else { b });
            }
            return Ok(ctx().not_implemented);
        }
    };
    let cls = result_class(&[a, b])?;
    if code == 16 {
        return Ok(make_in(cls, &Dec { sign: y.sign, ..x }));
    }
    if code == 13 {
        let context = context_of(context)?;
        let mut env = env_of(context)?;
        let (q, r) = arith::divmod(&mut env, &x, &y);
        signal(context, env.status)?;
        let items = GcVec::new();
        items.push(make_in(cls, &q));
        items.push(make_in(cls, &r));
        return Ok(new_tuple(items));
    }
    with_context(cls, context, rounding, |env| match code {
        0 => arith::add(env, &x, &y),
        1 => arith::sub(env, &x, &y),
        2 => arith::mul(env, &x, &y),
        3 => arith::div(env, &x, &y),
        4 => arith::div_int(env, &x, &y),
        5 => arith::rem(env, &x, &y),
        6 => transcend::pow(env, &x, &y),
        7 => arith::quantize(env, &x, &y),
        8 => arith::compare(env, &x, &y),
        9 => arith::max_min(env, &x, &y, true, false),
        10 => arith::max_min(env, &x, &y, false, false),
        11 => arith::scaleb(env, &x, &y),
        12 => arith::remainder_near(env, &x, &y),
        14 => arith::max_min(env, &x, &y, true, true),
        _ => arith::max_min(env, &x, &y, false, true),
    })
}

/// The rich comparisons (`op`: `==`, `!=`, `<`, `<=`, `>`, `>=`), with ints and floats
/// (exactly; an ordering with a float raises `FloatOperation`).
fn compare(op: i64, a: Value, b: Value) -> PyResult<Value> {
    let Some(x) = read(a) else {
        return Ok(ctx().not_implemented);
    };
    let mut status = 0;
    let y = match convert(b) {
        Some(y) => y,
        None => match as_num(b) {
            Some(Num::Float(f)) => {
                if op >= 2 {
                    status |= FLOAT_OPERATION;
                }
                from_float(f)
            }
            _ => return Ok(ctx().not_implemented),
        },
    };
    let nan = x.is_nan() || y.is_nan();
    if nan && (op >= 2 || x.kind == Kind::SNaN || y.kind == Kind::SNaN) {
        status |= INVALID_OPERATION;
    }
    if status != 0 {
        signal(context_of(none())?, status)?;
    }
    if nan {
        return Ok(new_bool(op == 1));
    }
    let order = cmp_numbers(&x, &y);
    use std::cmp::Ordering::*;
    Ok(new_bool(match op {
        0 => order == Equal,
        1 => order != Equal,
        2 => order == Less,
        3 => order != Greater,
        4 => order == Greater,
        _ => order != Less,
    }))
}

/// The integer value of a finite `d`, truncated.
fn truncated(d: &Dec) -> BigInt {
    let magnitude = if d.exp >= 0 {
        &d.coeff * pow10(d.exp as u64)
    } else if -d.exp > d.digits() {
        BigUint::zero()
    } else {
        &d.coeff / pow10((-d.exp) as u64)
    };
    BigInt::from_biguint(if d.sign { Sign::Minus } else { Sign::Plus }, magnitude)
}

/// The errors of converting a NaN or an infinity to an integer (`what`: "integer",
/// "integer ratio").
fn not_integral<T>(d: &Dec, what: &str) -> PyResult<T> {
    if d.is_nan() {
        Err(exception(
            TypeId::ValueError,
            &format!("cannot convert NaN to {what}"),
        ))
    } else {
        Err(exception(
            TypeId::OverflowError,
            &format!("cannot convert Infinity to {what}"),
        ))
    }
}

/// CPython's hash of a decimal (consistent with ints and floats); `None` for a quiet
/// NaN (hashed by identity).
fn hash(d: &Dec) -> PyResult<Value> {
    const MODULUS: u64 = (1 << 61) - 1;
    match d.kind {
        Kind::SNaN => return type_error("Cannot hash a signaling NaN value".into()),
        Kind::NaN => return Ok(none()),
        Kind::Inf => return Ok(new_int(if d.sign { -314159 } else { 314159 })),
        Kind::Finite => {}
    }
    let modulus = BigUint::from(MODULUS);
    let ten = BigUint::from(10u32);
    let power = if d.exp >= 0 {
        ten.modpow(&BigUint::from(d.exp as u64), &modulus)
    } else {
        // 10**-1 modulo the prime is 10**(p - 2).
        let inverse = ten.modpow(&BigUint::from(MODULUS - 2), &modulus);
        inverse.modpow(&BigUint::from(d.exp.unsigned_abs()), &modulus)
    };
    let value = ((&d.coeff % &modulus) * power % &modulus)
        .to_i64()
        .unwrap_or(0);
    let value = if d.sign { -value } else { value };
    Ok(new_int(if value == -1 { -2 } else { value }))
}

/// The queries that do not make a `Decimal` (and `round(d, n)`).
fn info(code: i64, a: Value, arg: Value) -> PyResult<Value> {
    let Some(d) = read(a) else {
        return type_error("descriptor requires a 'decimal.Decimal' object".into());
    };
    match code {
        0 | 2 => {
            let context = context_of(arg)?;
            let capitals = int_attr(context, CAPITALS)? != 0;
            Ok(new_str(&text::to_string(&d, code == 2, capitals)))
        }
        3 => {
            let Some(spec) = arg.downcast::<StrObj>() else {
                return type_error(format!(
                    "format() argument must be str, not {}",
                    type_name(arg)
                ));
            };
            let context = context_of(none())?;
            let env = env_of(context)?;
            let capitals = int_attr(context, CAPITALS)? != 0;
            match format::format(&d, spec.as_str(), env.rounding, capitals) {
                Some(text) => Ok(new_str(&text)),
                None => Err(exception(TypeId::ValueError, "invalid format string")),
            }
        }
        4 => hash(&d),
        5 => Ok(new_int(if d.is_finite() { d.adjusted() } else { 0 })),
        6 => {
            let digits = GcVec::new();
            if d.kind != Kind::Inf {
                for b in d.coeff.to_str_radix(10).bytes() {
                    if !(d.is_nan() && d.coeff.is_zero()) {
                        digits.push(new_int((b - b'0') as i64));
                    }
                }
            } else {
                digits.push(new_int(0));
            }
            let exponent = match d.kind {
                Kind::Finite => new_int(d.exp),
                Kind::Inf => new_str("F"),
                Kind::NaN => new_str("n"),
                Kind::SNaN => new_str("N"),
            };
            let items = GcVec::new();
            items.push(new_int(d.sign as i64));
            items.push(new_tuple(digits));
            items.push(exponent);
            Ok(new_tuple(items))
        }
        7 => {
            if !d.is_finite() {
                return not_integral(&d, "integer");
            }
            Ok(new_bigint(truncated(&d)))
        }
        8 => {
            if d.kind == Kind::SNaN {
                return Err(exception(
                    TypeId::ValueError,
                    "cannot convert signaling NaN to float",
                ));
            }
            let value = if d.is_nan() {
                if d.sign {
                    -f64::NAN
                } else {
                    f64::NAN
                }
            } else {
                text::to_string(&d, false, true)
                    .parse::<f64>()
                    .unwrap_or(f64::NAN)
            };
            Ok(new_float(value))
        }
        9 => {
            if !d.is_finite() {
                return not_integral(&d, "integer ratio");
            }
            let sign = if d.sign { Sign::Minus } else { Sign::Plus };
            if d.exp >= 0 {
                let items = GcVec::new();
                items.push(new_bigint(truncated(&d)));
                items.push(new_int(1));
                return Ok(new_tuple(items));
            }
            let denominator = pow10(d.exp.unsigned_abs());
            let divisor = d.coeff.gcd(&denominator);
            let divisor = if divisor.is_zero() {
                BigUint::one()
            } else {
                divisor
            };
            let items = GcVec::new();
            items.push(new_bigint(BigInt::from_biguint(sign, &d.coeff / &divisor)));
            items.push(new_bigint(BigInt::from(&denominator / &divisor)));
            Ok(new_tuple(items))
        }
        10 => Ok(new_bool(!d.is_zero())),
        11 => {
            if !d.is_finite() {
                return not_integral(&d, "integer");
            }
            let (rounded, _) = arith::rescale(&d, 0.max(d.exp), Rounding::HalfEven);
            Ok(new_bigint(truncated(&rounded)))
        }
        12 => {
            let Some(Num::Int(places)) = as_num(arg) else {
                return type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    type_name(arg)
                ));
            };
            let target = Dec::finite(false, BigUint::one(), -places);
            with_context(result_class(&[a])?, none(), none(), |env| {
                arith::quantize(env, &d, &target)
            })
        }
        13 => Ok(new_bool(d.is_nan())),
        14 => Ok(new_bool(d.kind == Kind::SNaN)),
        15 => Ok(new_bool(d.kind == Kind::NaN)),
        16 => Ok(new_bool(d.is_zero())),
        17 => Ok(new_bool(d.sign)),
        18 => Ok(new_bool(d.is_finite())),
        19 => Ok(new_bool(d.is_inf())),
        _ => {
            let env = env_of(context_of(arg)?)?;
            let normal = d.is_finite() && !d.coeff.is_zero() && d.adjusted() >= env.emin;
            let subnormal = d.is_finite() && !d.coeff.is_zero() && d.adjusted() < env.emin;
            Ok(new_bool(if code == 20 { normal } else { subnormal }))
        }
    }
}
