//! The `operator` module: the function forms of the operators are native functions over
//! the interpreter's own operations (`crate::runtime::ops`), so user classes' special
//! methods (reflected ones, in-place ones with their fallback) are dispatched exactly as
//! for the operators; `itemgetter`, `attrgetter`, `methodcaller` and the dunder aliases
//! are Python code (`operator.py`).

use crate::bytecode::{BinaryKind, CompareKind};
use crate::runtime::builtins::Builtin;
use crate::runtime::call::Args;
use crate::runtime::iter::{get_iter, next};
use crate::runtime::numbers::{as_index, as_num, Num};
use crate::runtime::objects::*;
use crate::runtime::ops;
use crate::runtime::values::*;

/// The native functions of `operator`.
pub const FUNCTIONS: &[Builtin] = &[
    Builtin::OpAdd,
    Builtin::OpSub,
    Builtin::OpMul,
    Builtin::OpTruediv,
    Builtin::OpFloordiv,
    Builtin::OpMod,
    Builtin::OpPow,
    Builtin::OpMatmul,
    Builtin::OpLshift,
    Builtin::OpRshift,
    Builtin::OpAnd,
    Builtin::OpOr,
    Builtin::OpXor,
    Builtin::OpIadd,
    Builtin::OpIsub,
    Builtin::OpImul,
    Builtin::OpItruediv,
    Builtin::OpIfloordiv,
    Builtin::OpImod,
    Builtin::OpIpow,
    Builtin::OpImatmul,
    Builtin::OpIlshift,
    Builtin::OpIrshift,
    Builtin::OpIand,
    Builtin::OpIor,
    Builtin::OpIxor,
    Builtin::OpLt,
    Builtin::OpLe,
    Builtin::OpEq,
    Builtin::OpNe,
    Builtin::OpGt,
    Builtin::OpGe,
    Builtin::OpNeg,
    Builtin::OpPos,
    Builtin::OpInvert,
    Builtin::OpInv,
    Builtin::OpAbs,
    Builtin::OpNot,
    Builtin::OpTruth,
    Builtin::OpIndex,
    Builtin::OpIs,
    Builtin::OpIsNot,
    Builtin::OpContains,
    Builtin::OpGetitem,
    Builtin::OpSetitem,
    Builtin::OpDelitem,
    Builtin::OpConcat,
    Builtin::OpIconcat,
    Builtin::OpCountOf,
    Builtin::OpIndexOf,
    Builtin::OpLengthHint,
];

/// The module's Python code.
pub const SOURCE: &str = include_str!("operator.py");

/// The file name of that code's frames (which tracebacks leave out).
pub const FILENAME: &str = "<operator>";

/// Checks the arguments of a function taking `count` positional ones, with the messages
/// of CPython's `_operator` (one argument: `_operator.neg() takes exactly one argument`).
fn expect(name: &str, args: &Args, count: usize) -> PyResult<()> {
    if args.nkw() > 0 {
        return type_error(format!("_operator.{name}() takes no keyword arguments"));
    }
    if args.npos == count {
        return Ok(());
    }
    type_error(if count == 1 {
        format!(
            "_operator.{name}() takes exactly one argument ({} given)",
            args.npos
        )
    } else {
        format!("{name} expected {count} arguments, got {}", args.npos)
    })
}

/// The binary operator of a function form, and whether it is the in-place one.
fn binary_kind(id: Builtin) -> Option<(BinaryKind, bool)> {
    use Builtin::*;
    Some(match id {
        OpAdd => (BinaryKind::Add, false),
        OpSub => (BinaryKind::Sub, false),
        OpMul => (BinaryKind::Mul, false),
        OpTruediv => (BinaryKind::TrueDiv, false),
        OpFloordiv => (BinaryKind::FloorDiv, false),
        OpMod => (BinaryKind::Mod, false),
        OpPow => (BinaryKind::Pow, false),
        OpMatmul => (BinaryKind::MatMul, false),
        OpLshift => (BinaryKind::LShift, false),
        OpRshift => (BinaryKind::RShift, false),
        OpAnd => (BinaryKind::And, false),
        OpOr => (BinaryKind::Or, false),
        OpXor => (BinaryKind::Xor, false),
        OpIadd => (BinaryKind::Add, true),
        OpIsub => (BinaryKind::Sub, true),
        OpImul => (BinaryKind::Mul, true),
        OpItruediv => (BinaryKind::TrueDiv, true),
        OpIfloordiv => (BinaryKind::FloorDiv, true),
        OpImod => (BinaryKind::Mod, true),
        OpIpow => (BinaryKind::Pow, true),
        OpImatmul => (BinaryKind::MatMul, true),
        OpIlshift => (BinaryKind::LShift, true),
        OpIrshift => (BinaryKind::RShift, true),
        OpIand => (BinaryKind::And, true),
        OpIor => (BinaryKind::Or, true),
        OpIxor => (BinaryKind::Xor, true),
        _ => return None,
    })
}

/// The comparison of a function form.
fn compare_kind(id: Builtin) -> Option<CompareKind> {
    Some(match id {
        Builtin::OpLt => CompareKind::Lt,
        Builtin::OpLe => CompareKind::Le,
        Builtin::OpEq => CompareKind::Eq,
        Builtin::OpNe => CompareKind::Ne,
        Builtin::OpGt => CompareKind::Gt,
        Builtin::OpGe => CompareKind::Ge,
        _ => return None,
    })
}

/// Calls one of the native functions of `operator`.
pub fn call(id: Builtin, args: Args) -> PyResult<Value> {
    let name = crate::runtime::builtins::builtin_name(id as i64);
    if let Some((kind, inplace)) = binary_kind(id) {
        expect(name, &args, 2)?;
        return ops::binary(kind, args.get(0), args.get(1), inplace);
    }
    if let Some(kind) = compare_kind(id) {
        expect(name, &args, 2)?;
        return ops::compare(kind, args.get(0), args.get(1));
    }
    match id {
        Builtin::OpNeg | Builtin::OpPos | Builtin::OpInvert | Builtin::OpInv => {
            expect(name, &args, 1)?;
            let which = match id {
                Builtin::OpNeg => 0,
                Builtin::OpPos => 1,
                _ => 2,
            };
            ops::unary(which, args.get(0))
        }
        Builtin::OpAbs => {
            expect(name, &args, 1)?;
            crate::runtime::slots::call_native(Builtin::Abs, &[args.get(0)])
        }
        Builtin::OpNot | Builtin::OpTruth => {
            expect(name, &args, 1)?;
            let truth = ops::is_true(args.get(0))?;
            Ok(new_bool(truth == (id == Builtin::OpTruth)))
        }
        Builtin::OpIndex => {
            expect(name, &args, 1)?;
            index(args.get(0))
        }
        Builtin::OpIs | Builtin::OpIsNot => {
            expect(name, &args, 2)?;
            let same = args.get(0) == args.get(1);
            Ok(new_bool(same == (id == Builtin::OpIs)))
        }
        Builtin::OpContains => {
            expect(name, &args, 2)?;
            Ok(new_bool(ops::contains(args.get(0), args.get(1))?))
        }
        Builtin::OpGetitem => {
            expect(name, &args, 2)?;
            ops::get_item(args.get(0), args.get(1))
        }
        Builtin::OpSetitem => {
            expect(name, &args, 3)?;
            ops::set_item(args.get(0), args.get(1), args.get(2))?;
            Ok(none())
        }
        Builtin::OpDelitem => {
            expect(name, &args, 2)?;
            ops::del_item(args.get(0), args.get(1))?;
            Ok(none())
        }
        Builtin::OpConcat | Builtin::OpIconcat => {
            expect(name, &args, 2)?;
            let (a, b) = (args.get(0), args.get(1));
            for value in [a, b] {
                if !is_sequence(value) {
                    return type_error(format!(
                        "'{}' object can't be concatenated",
                        type_name(value)
                    ));
                }
            }
            ops::binary(BinaryKind::Add, a, b, id == Builtin::OpIconcat)
        }
        Builtin::OpCountOf | Builtin::OpIndexOf => {
            expect(name, &args, 2)?;
            search(id == Builtin::OpIndexOf, args.get(0), args.get(1))
        }
        Builtin::OpLengthHint => {
            crate::runtime::builtins::arity(name, &args, 1, 2)?;
            let default = if args.npos == 2 {
                args.get(1)
            } else {
                new_int(0)
            };
            length_hint(args.get(0), default)
        }
        _ => type_error(format!("unknown operator function {name}")),
    }
}

/// Whether a value supports indexing as a sequence does (CPython's `PySequence_Check`:
/// built-in sequences, and instances whose class has `__getitem__`; not dicts).
fn is_sequence(value: Value) -> bool {
    if value.is::<DictObj>() {
        return false;
    }
    match value.downcast::<InstanceObj>() {
        Some(instance) => {
            crate::runtime::attr::lookup_in_mro(instance.cls, "__getitem__").is_some()
        }
        None => {
            value.is::<ListObj>()
                || value.is::<TupleObj>()
                || value.is::<StrObj>()
                || value.is::<RangeObj>()
                || crate::runtime::bytes::is_bytes_like(value)
        }
    }
}

/// `operator.index(value)`: an int as it is, else its class's `__index__` (which must
/// return an int).
fn index(value: Value) -> PyResult<Value> {
    if let Some(num) = as_index(value) {
        return Ok(match num {
            Num::Int(i) => new_int(i),
            Num::Big(b) => new_bigint(b),
            Num::Float(_) => value,
        });
    }
    match ops::special(value, "__index__", &[])? {
        Some(result) if matches!(as_num(result), Some(Num::Int(_) | Num::Big(_))) => Ok(result),
        Some(result) => type_error(format!(
            "__index__ returned non-int (type {})",
            type_name(result)
        )),
        None => type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(value)
        )),
    }
}

/// `countOf(a, b)` (`index` false) or `indexOf(a, b)`: the items of `a` that are `b` or
/// equal to it.
fn search(index: bool, container: Value, wanted: Value) -> PyResult<Value> {
    let iterator = get_iter(container)?;
    let mut position = 0;
    while let Some(item) = next(iterator)? {
        if ops::values_equal(item, wanted)? {
            if index {
                return Ok(new_int(position));
            }
            position += 1;
        } else if index {
            position += 1;
        }
    }
    if index {
        return value_error("sequence.index(x): x not in sequence".into());
    }
    Ok(new_int(position))
}

/// `length_hint(value, default)`: `len(value)`, else its `__length_hint__()` (a built-in
/// iterator's items left), else `default`.
fn length_hint(value: Value, default: Value) -> PyResult<Value> {
    let Some(Num::Int(default)) = as_index(default) else {
        return type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(default)
        ));
    };
    match ops::len(value) {
        Ok(n) => return Ok(new_int(n)),
        Err(error)
            if !crate::runtime::exceptions::is_subclass(
                error.cls,
                builtin_type(TypeId::TypeError),
            ) =>
        {
            return Err(error)
        }
        Err(_) => {}
    }
    if let Some(left) = crate::runtime::iter::remaining(value) {
        return Ok(new_int(left));
    }
    let hint = match ops::special(value, "__length_hint__", &[]) {
        Ok(Some(hint)) => hint,
        Ok(None) => return Ok(new_int(default)),
        Err(error)
            if crate::runtime::exceptions::is_subclass(
                error.cls,
                builtin_type(TypeId::TypeError),
            ) =>
        {
            return Ok(new_int(default))
        }
        Err(error) => return Err(error),
    };
    if hint == ctx().not_implemented {
        return Ok(new_int(default));
    }
    match as_index(hint) {
        Some(Num::Int(n)) if n >= 0 => Ok(new_int(n)),
        Some(Num::Int(_)) => value_error("__length_hint__() should return >= 0".into()),
        _ => type_error(format!(
            "__length_hint__ must be an integer, not {}",
            type_name(hint)
        )),
    }
}
