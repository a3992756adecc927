//! The special methods of built-in types read as attributes (CPython's slot wrappers):
//! `int.__add__(1, 2)`, `(1).__add__(1.5)` (`NotImplemented`: an `int` adds only ints),
//! `"ab".__len__()`, `[1, 2].__getitem__(0)`. Each runs the operation of its receiver's
//! type on the operands that type handles, and answers `NotImplemented` for the others as
//! CPython does (sequences raise their own `TypeError`s instead). The in-place ones of
//! containers (`list.__iadd__`) change the receiver and return it; on an instance of a
//! class derived from the type they run on its built-in value (`runtime::derived`).

use jitgen_core::gc::Gc;

use crate::bytecode::{BinaryKind, CompareKind};
use crate::runtime::builtins::{builtin_name, Builtin};
use crate::runtime::call::{call_simple, Args};
use crate::runtime::derived;
use crate::runtime::objects::*;
use crate::runtime::ops;
use crate::runtime::text::{to_repr, to_str};
use crate::runtime::values::*;

use Builtin::*;

/// Arithmetic: normal and reflected.
const ARITHMETIC: &[Builtin] = &[
    SlotAdd,
    SlotRadd,
    SlotSub,
    SlotRsub,
    SlotMul,
    SlotRmul,
    SlotTruediv,
    SlotRtruediv,
    SlotFloordiv,
    SlotRfloordiv,
    SlotMod,
    SlotRmod,
    SlotPow,
    SlotRpow,
];
/// Shifts and bitwise operators: normal and reflected.
const BITWISE: &[Builtin] = &[
    SlotLshift,
    SlotRlshift,
    SlotRshift,
    SlotRrshift,
    SlotAnd,
    SlotRand,
    SlotOr,
    SlotRor,
    SlotXor,
    SlotRxor,
];
/// Rich comparisons.
const COMPARISONS: &[Builtin] = &[SlotLt, SlotLe, SlotEq, SlotNe, SlotGt, SlotGe];
/// `int` (and `bool`).
const INT: &[Builtin] = &[
    SlotNeg, SlotPos, SlotAbs, SlotInvert, SlotBool, SlotInt, SlotFloat, SlotIndex, SlotHash,
    SlotRepr, SlotStr,
];
/// `float`.
const FLOAT: &[Builtin] = &[
    SlotNeg, SlotPos, SlotAbs, SlotBool, SlotInt, SlotFloat, SlotHash, SlotRepr, SlotStr,
];
/// `str`.
const STR: &[Builtin] = &[
    SlotAdd,
    SlotMul,
    SlotRmul,
    SlotMod,
    SlotRmod,
    SlotLen,
    SlotGetitem,
    SlotContains,
    SlotIter,
    SlotHash,
    SlotRepr,
    SlotStr,
];
/// `bytes`: the same slots as `str`.
const BYTES: &[Builtin] = STR;
/// `list`.
const LIST: &[Builtin] = &[
    SlotIadd,
    SlotImul,
    SlotAdd,
    SlotMul,
    SlotRmul,
    SlotLen,
    SlotGetitem,
    SlotSetitem,
    SlotDelitem,
    SlotContains,
    SlotIter,
    SlotRepr,
    SlotStr,
];
/// `tuple`.
const TUPLE: &[Builtin] = &[
    SlotAdd,
    SlotMul,
    SlotRmul,
    SlotLen,
    SlotGetitem,
    SlotContains,
    SlotIter,
    SlotHash,
    SlotRepr,
    SlotStr,
];
/// `dict`.
const DICT: &[Builtin] = &[
    SlotIor,
    SlotOr,
    SlotRor,
    SlotEq,
    SlotNe,
    SlotLen,
    SlotGetitem,
    SlotSetitem,
    SlotDelitem,
    SlotContains,
    SlotIter,
    SlotRepr,
    SlotStr,
];
/// `collections.deque`: the same slots as `list`.
const DEQUE: &[Builtin] = LIST;
/// `set` and `frozenset` (which adds `__hash__`).
const SET: &[Builtin] = &[
    SlotSub,
    SlotRsub,
    SlotAnd,
    SlotRand,
    SlotOr,
    SlotRor,
    SlotXor,
    SlotRxor,
    SlotLen,
    SlotContains,
    SlotIter,
    SlotRepr,
    SlotStr,
];

/// The special method `name` of built-in type `type_id`, if it has it as a slot wrapper.
pub fn slot_of_type(type_id: TypeId, name: &str) -> Option<Builtin> {
    if !name.starts_with("__") {
        // Every slot is a dunder: ordinary method names skip the search.
        return None;
    }
    let tables: &[&[Builtin]] = match type_id {
        TypeId::Int | TypeId::Bool => &[ARITHMETIC, BITWISE, COMPARISONS, INT],
        TypeId::Float => &[ARITHMETIC, COMPARISONS, FLOAT],
        TypeId::Str => &[COMPARISONS, STR],
        TypeId::Bytes => &[COMPARISONS, BYTES],
        TypeId::List => &[COMPARISONS, LIST],
        TypeId::Deque => &[COMPARISONS, DEQUE],
        TypeId::Tuple => &[COMPARISONS, TUPLE],
        TypeId::Dict => &[DICT],
        TypeId::Set => &[COMPARISONS, SET, &[SlotIor, SlotIand, SlotIsub, SlotIxor]],
        TypeId::FrozenSet => &[COMPARISONS, SET, &[SlotHash]],
        TypeId::Iterator | TypeId::Generator => &[&[SlotIter, SlotNext]],
        _ => return None,
    };
    tables
        .iter()
        .flat_map(|table| table.iter().copied())
        .find(|&slot| builtin_name(slot as i64) == name)
}

/// Whether CPython defines special method `slot` of `type_id` as a plain method rather
/// than a slot wrapper (`<method '__getitem__' of 'list' objects>`).
pub fn is_plain_method(type_id: TypeId, slot: Builtin) -> bool {
    matches!(
        (type_id, slot),
        (TypeId::List | TypeId::Dict, SlotGetitem)
            | (TypeId::Dict | TypeId::Set | TypeId::FrozenSet, SlotContains)
    )
}

/// The families of operands the slots tell apart.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Family {
    Int,
    Float,
    Str,
    Bytes,
    List,
    Tuple,
    Dict,
    Set,
    Deque,
    Other,
}

fn family(value: Value) -> Family {
    let value = derived::builtin_value(value);
    if value.is::<InstanceObj>() || value.is::<TypeObj>() {
        return Family::Other;
    }
    match builtin_type_id(value) {
        TypeId::Int | TypeId::Bool => Family::Int,
        TypeId::Float => Family::Float,
        TypeId::Str => Family::Str,
        TypeId::Bytes | TypeId::ByteArray => Family::Bytes,
        TypeId::List => Family::List,
        TypeId::Tuple => Family::Tuple,
        TypeId::Dict => Family::Dict,
        TypeId::Set | TypeId::FrozenSet => Family::Set,
        TypeId::Deque => Family::Deque,
        _ => Family::Other,
    }
}

/// Whether the type of `receiver` handles `other` as the other operand of its arithmetic
/// and comparisons (an `int` only ints, a `float` ints and floats, a container its kind).
fn handles(receiver: Value, other: Value) -> bool {
    match (family(receiver), family(other)) {
        (Family::Float, Family::Int) => true,
        (Family::Other, _) => false,
        (mine, theirs) => mine == theirs,
    }
}

/// The operator of an in-place slot (`list.__iadd__`).
fn inplace_kind(id: Builtin) -> Option<BinaryKind> {
    Some(match id {
        SlotIadd => BinaryKind::Add,
        SlotImul => BinaryKind::Mul,
        SlotIor => BinaryKind::Or,
        SlotIand => BinaryKind::And,
        SlotIsub => BinaryKind::Sub,
        SlotIxor => BinaryKind::Xor,
        _ => return None,
    })
}

/// The operator of an arithmetic or bitwise slot, and whether it is the reflected one.
fn binary_kind(id: Builtin) -> Option<(BinaryKind, bool)> {
    Some(match id {
        SlotAdd => (BinaryKind::Add, false),
        SlotRadd => (BinaryKind::Add, true),
        SlotSub => (BinaryKind::Sub, false),
        SlotRsub => (BinaryKind::Sub, true),
        SlotMul => (BinaryKind::Mul, false),
        SlotRmul => (BinaryKind::Mul, true),
        SlotTruediv => (BinaryKind::TrueDiv, false),
        SlotRtruediv => (BinaryKind::TrueDiv, true),
        SlotFloordiv => (BinaryKind::FloorDiv, false),
        SlotRfloordiv => (BinaryKind::FloorDiv, true),
        SlotMod => (BinaryKind::Mod, false),
        SlotRmod => (BinaryKind::Mod, true),
        SlotPow => (BinaryKind::Pow, false),
        SlotRpow => (BinaryKind::Pow, true),
        SlotLshift => (BinaryKind::LShift, false),
        SlotRlshift => (BinaryKind::LShift, true),
        SlotRshift => (BinaryKind::RShift, false),
        SlotRrshift => (BinaryKind::RShift, true),
        SlotAnd => (BinaryKind::And, false),
        SlotRand => (BinaryKind::And, true),
        SlotOr => (BinaryKind::Or, false),
        SlotRor => (BinaryKind::Or, true),
        SlotXor => (BinaryKind::Xor, false),
        SlotRxor => (BinaryKind::Xor, true),
        _ => return None,
    })
}

fn compare_kind(id: Builtin) -> Option<CompareKind> {
    Some(match id {
        SlotLt => CompareKind::Lt,
        SlotLe => CompareKind::Le,
        SlotEq => CompareKind::Eq,
        SlotNe => CompareKind::Ne,
        SlotGt => CompareKind::Gt,
        SlotGe => CompareKind::Ge,
        _ => return None,
    })
}

/// How many arguments a slot takes after its receiver: (at least, at most).
fn arity(id: Builtin) -> (usize, usize) {
    match id {
        SlotPow | SlotRpow => (1, 2),
        SlotSetitem => (2, 2),
        _ if binary_kind(id).is_some() || compare_kind(id).is_some() => (1, 1),
        _ if inplace_kind(id).is_some() => (1, 1),
        SlotGetitem | SlotDelitem | SlotContains => (1, 1),
        _ => (0, 0),
    }
}

/// Checks a slot's arguments with CPython's messages (`expected 1 argument, got 0`).
fn check_arguments(id: Builtin, args: &Args) -> PyResult<()> {
    let name = builtin_name(id as i64);
    if args.nkw() > 0 {
        return type_error(format!("wrapper {name}() takes no keyword arguments"));
    }
    let (min, max) = arity(id);
    let given = args.npos;
    if given >= min && given <= max {
        return Ok(());
    }
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    type_error(match (min == max, given < min) {
        (true, _) => format!("expected {min} argument{}, got {given}", plural(min)),
        (false, true) => format!(
            "expected at least {min} argument{}, got {given}",
            plural(min)
        ),
        (false, false) => format!(
            "expected at most {max} argument{}, got {given}",
            plural(max)
        ),
    })
}

/// Calls a built-in function from a slot (`abs`, `pow` with a modulus, `next`) or
/// another module's native function (`operator.abs`).
pub fn call_native(id: Builtin, args: &[Value]) -> PyResult<Value> {
    let function = Gc::new(BuiltinObj {
        id: id as i64,
        receiver: None,
        owner: None,
    });
    call_simple(function.erase(), args)
}

/// `str`, `list` and `tuple` concatenate only their own kind and repeat by ints, raising
/// CPython's errors for other operands.
fn check_sequence_operand(receiver: Value, kind: BinaryKind, other: Value) -> PyResult<()> {
    match kind {
        BinaryKind::Add if family(other) != family(receiver) => type_error(format!(
            "can only concatenate {} (not \"{}\") to {}",
            type_name(receiver),
            type_name(other),
            type_name(receiver)
        )),
        BinaryKind::Mul if family(other) != Family::Int => type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(other)
        )),
        _ => Ok(()),
    }
}

/// An arithmetic or bitwise slot: `receiver op other` (`other op receiver` reflected), or
/// `NotImplemented` when the receiver's type does not handle `other`.
fn binary_slot(kind: BinaryKind, reflected: bool, receiver: Value, args: &Args) -> PyResult<Value> {
    let other = args.get(0);
    let not_implemented = Ok(ctx().not_implemented);
    match family(receiver) {
        // `str % anything` formats; `str.__rmod__` only takes a str template.
        Family::Str if kind == BinaryKind::Mod && reflected && family(other) != Family::Str => {
            return not_implemented
        }
        Family::Str | Family::List | Family::Tuple => {
            check_sequence_operand(receiver, kind, other)?
        }
        // `bytes` concatenates any bytes-like object and raises its own errors (its
        // `__rmod__` takes only a bytes template, as `handles` says below).
        Family::Bytes if kind != BinaryKind::Mod || !reflected => {}
        _ if !handles(receiver, other) => return not_implemented,
        _ => {}
    }
    let other = derived::builtin_value(other);
    let (a, b) = if reflected {
        (other, receiver)
    } else {
        (receiver, other)
    };
    if args.npos == 2 {
        return call_native(Builtin::Pow, &[a, b, args.get(1)]);
    }
    ops::binary(kind, a, b, false)
}

/// Calls slot `id` on `receiver`; `None` if `id` is not a slot.
pub fn call_slot(id: Builtin, receiver: Value, args: Args) -> Option<PyResult<Value>> {
    if !is_slot(id) {
        return None;
    }
    Some(check_arguments(id, &args).and_then(|()| run_slot(id, receiver, args)))
}

/// Whether `id` is a slot: the slots are declared together, `SlotAdd` first and `SlotStr`
/// last.
fn is_slot(id: Builtin) -> bool {
    (SlotAdd as u16..=SlotStr as u16).contains(&(id as u16))
}

fn run_slot(id: Builtin, receiver: Value, args: Args) -> PyResult<Value> {
    // A derived instance's slots run on the built-in value it is, as do its operands.
    let (instance, receiver) = (receiver, derived::builtin_value(receiver));
    if let (SlotGetitem, Some(dict)) = (id, receiver.downcast::<DictObj>()) {
        return derived::dict_subscript(instance, dict, args.get(0));
    }
    if let (Some(d), Some((kind, _))) = (receiver.downcast::<DequeObj>(), binary_kind(id)) {
        // A derived deque's `+` and `*` copy it through its class, as CPython's.
        let result = crate::runtime::modules::deque::operate(kind, instance, d, args.get(0), false);
        return result.map(|r| r.unwrap_or(ctx().not_implemented));
    }
    if let Some((kind, reflected)) = binary_kind(id) {
        return binary_slot(kind, reflected, receiver, &args);
    }
    if let Some(kind) = inplace_kind(id) {
        // The container changes in place and is the result; a set takes only sets.
        let other = args.get(0);
        if family(receiver) == Family::Set && !handles(receiver, other) {
            return Ok(ctx().not_implemented);
        }
        ops::binary(kind, receiver, derived::builtin_value(other), true)?;
        return Ok(instance);
    }
    if let Some(kind) = compare_kind(id) {
        let other = args.get(0);
        if !handles(receiver, other) {
            return Ok(ctx().not_implemented);
        }
        return ops::compare(kind, receiver, derived::builtin_value(other));
    }
    match id {
        SlotNeg => ops::unary(0, receiver),
        SlotPos => ops::unary(1, receiver),
        SlotInvert => ops::unary(2, receiver),
        SlotAbs => call_native(Builtin::Abs, &[receiver]),
        SlotBool => Ok(new_bool(ops::is_true(receiver)?)),
        SlotInt | SlotIndex => call_simple(builtin_type(TypeId::Int).erase(), &[receiver]),
        SlotFloat => call_simple(builtin_type(TypeId::Float).erase(), &[receiver]),
        SlotHash => Ok(new_int(crate::runtime::dict::hash_value(receiver)?)),
        SlotLen => Ok(new_int(ops::len(receiver)?)),
        SlotGetitem => ops::get_item(receiver, args.get(0)),
        SlotSetitem => ops::set_item(receiver, args.get(0), args.get(1)).map(|()| none()),
        SlotDelitem => ops::del_item(receiver, args.get(0)).map(|()| none()),
        SlotContains => Ok(new_bool(ops::contains(receiver, args.get(0))?)),
        SlotIter => crate::runtime::iter::get_iter(receiver),
        SlotNext => call_native(Builtin::Next, &[receiver]),
        SlotRepr => {
            // A set's and a deque's reprs name their class (`S({1})`).
            if let Some(set) = receiver.downcast::<SetObj>() {
                return Ok(new_str(&crate::runtime::set::repr(set, type_of(instance))?));
            }
            if let Some(d) = receiver.downcast::<DequeObj>() {
                let text = crate::runtime::modules::deque::repr(d, type_of(instance))?;
                return Ok(new_str(&text));
            }
            Ok(new_str(&to_repr(receiver)?))
        }
        _ => Ok(new_str(&to_str(receiver)?)),
    }
}
