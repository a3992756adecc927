//! Operators on values: truth, equality, arithmetic, comparison, `in`, unary operators and
//! subscripts, for the built-in types and through special methods (`__add__`/`__radd__`,
//! `__eq__`, `__lt__`, `__len__`, `__getitem__`, ...) of classes defined in Python.

use jitgen_core::gc::{Gc, GcVec};

use crate::bytecode::{BinaryKind, CompareKind};
use crate::runtime::attr::{compares_itself, lookup_in_mro};
use crate::runtime::bytes;
use crate::runtime::complex;
use crate::runtime::derived;
use crate::runtime::descriptors::call_special;
use crate::runtime::dict::{dict_get, dict_remove, dict_set};
use crate::runtime::mappingproxy;
use crate::runtime::modules::deque;
use crate::runtime::numbers::{self, as_num, Num};
use crate::runtime::objects::*;
use crate::runtime::seq;
use crate::runtime::set;
use crate::runtime::values::*;

/// Calls the special method `name` of an instance's class (or of a class's metaclass,
/// `len(C)`), if it has one.
pub fn special(value: Value, name: &str, args: &[Value]) -> PyResult<Option<Value>> {
    let method = match (value.downcast::<InstanceObj>(), value.downcast::<TypeObj>()) {
        (Some(instance), _) => lookup_in_mro(instance.cls, name),
        (None, Some(cls)) => crate::runtime::metaclasses::hook(cls, name),
        (None, None) => None,
    };
    match method {
        Some(method) => call_special(method, value, args).map(Some),
        None => Ok(None),
    }
}

/// Whether the right operand's reflected method `reflected` goes first, as CPython orders
/// them: `b`'s class is a proper subclass of `a`'s, and (for arithmetic, `overridden`) it
/// defines `reflected` differently from `a`'s class.
fn reflected_first(a: Value, b: Value, reflected: &str, overridden: bool) -> bool {
    let (Some(x), Some(y)) = (a.downcast::<InstanceObj>(), b.downcast::<InstanceObj>()) else {
        return false;
    };
    if Gc::ptr_eq(x.cls, y.cls) || !crate::runtime::exceptions::is_subclass(y.cls, x.cls) {
        return false;
    }
    match lookup_in_mro(y.cls, reflected) {
        None => false,
        Some(method) => !overridden || lookup_in_mro(x.cls, reflected) != Some(method),
    }
}

/// Whether `a` and `b` are instances of the same class (then no reflected method is tried for
/// an arithmetic operator).
fn same_class(a: Value, b: Value) -> bool {
    match (a.downcast::<InstanceObj>(), b.downcast::<InstanceObj>()) {
        (Some(x), Some(y)) => Gc::ptr_eq(x.cls, y.cls),
        _ => false,
    }
}

/// `bool(value)`.
pub fn is_true(value: Value) -> PyResult<bool> {
    let ctx = ctx();
    if value == ctx.true_value {
        return Ok(true);
    }
    if value == ctx.false_value || value == ctx.none {
        return Ok(false);
    }
    if let Some(num) = as_num(value) {
        return Ok(numbers::is_nonzero(&num));
    }
    if let Some(z) = value.downcast::<ComplexObj>() {
        return Ok(z.re != 0.0 || z.im != 0.0);
    }
    if let Some(s) = value.downcast::<StrObj>() {
        return Ok(s.chars > 0);
    }
    if let Some(list) = value.downcast::<ListObj>() {
        return Ok(!list.items.is_empty());
    }
    if let Some(tuple) = value.downcast::<TupleObj>() {
        return Ok(!tuple.items.is_empty());
    }
    if let Some(dict) = value.downcast::<DictObj>() {
        return Ok(!dict.table.is_empty());
    }
    if let Some(set) = value.downcast::<SetObj>() {
        return Ok(set::len(set) > 0);
    }
    if let Some(d) = value.downcast::<DequeObj>() {
        return Ok(deque::len(d) > 0);
    }
    if let Some(n) = bytes::len(value) {
        return Ok(n > 0);
    }
    if let Some(range) = value.downcast::<RangeObj>() {
        return Ok(seq::range_len(range) > 0);
    }
    if value.is::<InstanceObj>() {
        if let Some(result) = special(value, "__bool__", &[])? {
            return match result.downcast::<BoolObj>() {
                Some(b) => Ok(b.value),
                None => type_error(format!(
                    "__bool__ should return bool, returned {}",
                    type_name(result)
                )),
            };
        }
        if let Some(result) = special(value, "__len__", &[])? {
            return Ok(len_result(result)? > 0);
        }
    }
    Ok(true)
}

/// Checks what `__len__` returned.
fn len_result(result: Value) -> PyResult<i64> {
    match as_num(result) {
        Some(Num::Int(n)) if n >= 0 => Ok(n),
        Some(Num::Int(_)) => value_error("__len__() should return >= 0".into()),
        _ => type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(result)
        )),
    }
}

/// `len(value)`.
pub fn len(value: Value) -> PyResult<i64> {
    if let Some(dict) = mappingproxy::target(value) {
        return len(dict.erase());
    }
    if let Some(s) = value.downcast::<StrObj>() {
        return Ok(s.chars);
    }
    if let Some(list) = value.downcast::<ListObj>() {
        return Ok(list.items.len() as i64);
    }
    if let Some(tuple) = value.downcast::<TupleObj>() {
        return Ok(tuple.items.len() as i64);
    }
    if let Some(dict) = value.downcast::<DictObj>() {
        return Ok(dict.table.len() as i64);
    }
    if let Some(view) = value.downcast::<DictViewObj>() {
        return Ok(view.dict.table.len() as i64);
    }
    if let Some(set) = value.downcast::<SetObj>() {
        return Ok(set::len(set));
    }
    if let Some(d) = value.downcast::<DequeObj>() {
        return Ok(deque::len(d));
    }
    if let Some(n) = bytes::len(value) {
        return Ok(n);
    }
    if let Some(range) = value.downcast::<RangeObj>() {
        return Ok(seq::range_len(range));
    }
    if let Some(result) = special(value, "__len__", &[])? {
        return len_result(result);
    }
    type_error(format!(
        "object of type '{}' has no len()",
        type_name(value)
    ))
}

/// `a == b` as a Rust bool.
pub fn values_equal(a: Value, b: Value) -> PyResult<bool> {
    if a == b {
        return Ok(true);
    }
    // Two strs (dict keys, attribute names) or two small ints: no special method can run.
    if let (Some(x), Some(y)) = (a.downcast::<StrObj>(), b.downcast::<StrObj>()) {
        return Ok(x.as_str() == y.as_str());
    }
    if let (Some(x), Some(y)) = (a.downcast::<IntObj>(), b.downcast::<IntObj>()) {
        return Ok(x.value == y.value);
    }
    let result = compare(CompareKind::Eq, a, b)?;
    is_true(result)
}

/// A slice as the tuple `(start, stop, step)` it compares as.
fn slice_as_tuple(value: Value) -> Option<Value> {
    let slice = value.downcast::<SliceObj>()?;
    let parts = GcVec::with_capacity(3);
    for part in [slice.start, slice.stop, slice.step] {
        parts.push(part);
    }
    Some(new_tuple(parts))
}

/// Built-in equality of two values, `None` when neither type knows the other.
fn builtin_equal(a: Value, b: Value) -> PyResult<Option<bool>> {
    if let Some(dict) = mappingproxy::target(a) {
        return builtin_equal(dict.erase(), b);
    }
    if let Some(dict) = mappingproxy::target(b) {
        return builtin_equal(a, dict.erase());
    }
    if let (Some(x), Some(y)) = (slice_as_tuple(a), slice_as_tuple(b)) {
        return builtin_equal(x, y);
    }
    if let (Some(x), Some(y)) = (deque::as_list(a), deque::as_list(b)) {
        return builtin_equal(x, y);
    }
    if let (Some(x), Some(y)) = (as_num(a), as_num(b)) {
        return Ok(Some(numbers::compare(CompareKind::Eq, &x, &y)));
    }
    if a.is::<ComplexObj>() || b.is::<ComplexObj>() {
        return complex::equal(a, b);
    }
    if let (Some(x), Some(y)) = (a.downcast::<StrObj>(), b.downcast::<StrObj>()) {
        return Ok(Some(x.as_str() == y.as_str()));
    }
    if let (Some(x), Some(y)) = (a.downcast::<BuiltinObj>(), b.downcast::<BuiltinObj>()) {
        return Ok(Some(crate::runtime::native_attrs::same_native(x, y)));
    }
    if let (Some(x), Some(y)) = (a.downcast::<TupleObj>(), b.downcast::<TupleObj>()) {
        return items_equal(
            x.items.len(),
            y.items.len(),
            |i| x.items.get(i),
            |i| y.items.get(i),
        )
        .map(Some);
    }
    if let (Some(x), Some(y)) = (a.downcast::<ListObj>(), b.downcast::<ListObj>()) {
        return items_equal(
            x.items.len(),
            y.items.len(),
            |i| x.items.get(i),
            |i| y.items.get(i),
        )
        .map(Some);
    }
    if let (Some(x), Some(y)) = (a.downcast::<DictObj>(), b.downcast::<DictObj>()) {
        if x.table.len() != y.table.len() {
            return Ok(Some(false));
        }
        for (_, key, value) in crate::runtime::dict::entries(x) {
            match dict_get(y, key)? {
                Some(other) if values_equal(value, other)? => {}
                _ => return Ok(Some(false)),
            }
        }
        return Ok(Some(true));
    }
    if let Some(equal) = set::compare(CompareKind::Eq, a, b)? {
        return Ok(Some(equal));
    }
    if let Some(equal) = bytes::compare(CompareKind::Eq, a, b) {
        return Ok(Some(equal));
    }
    if let (Some(x), Some(y)) = (a.downcast::<RangeObj>(), b.downcast::<RangeObj>()) {
        let (lx, ly) = (seq::range_len(x), seq::range_len(y));
        return Ok(Some(
            lx == ly && (lx == 0 || (x.start == y.start && (lx == 1 || x.step == y.step))),
        ));
    }
    Ok(None)
}

fn items_equal(
    la: usize,
    lb: usize,
    a: impl Fn(usize) -> Value,
    b: impl Fn(usize) -> Value,
) -> PyResult<bool> {
    if la != lb {
        return Ok(false);
    }
    for i in 0..la {
        if !values_equal(a(i), b(i))? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The special method of a comparison and of its reflection.
fn compare_methods(kind: CompareKind) -> (&'static str, &'static str) {
    match kind {
        CompareKind::Lt => ("__lt__", "__gt__"),
        CompareKind::Le => ("__le__", "__ge__"),
        CompareKind::Eq => ("__eq__", "__eq__"),
        CompareKind::Ne => ("__ne__", "__ne__"),
        CompareKind::Gt => ("__gt__", "__lt__"),
        CompareKind::Ge => ("__ge__", "__le__"),
    }
}

/// `a cmp b`.
pub fn compare(kind: CompareKind, a: Value, b: Value) -> PyResult<Value> {
    // Two small ints (bools among them), the common case, before any other test.
    if let (Some(x), Some(y)) = (a.downcast::<IntObj>(), b.downcast::<IntObj>()) {
        return Ok(new_bool(ordering_holds(kind, x.value.cmp(&y.value))));
    }
    // ... and two floats (NaN compares unordered: only `!=` holds).
    if let (Some(x), Some(y)) = (a.downcast::<FloatObj>(), b.downcast::<FloatObj>()) {
        let holds = match x.value.partial_cmp(&y.value) {
            Some(ordering) => ordering_holds(kind, ordering),
            None => kind == CompareKind::Ne,
        };
        return Ok(new_bool(holds));
    }
    let not_implemented = ctx().not_implemented;
    // Instances compare by their special methods unless their classes have only
    // `object`'s (which the built-in comparison below does as they would).
    let by_method = |v: Value| {
        v.downcast::<InstanceObj>()
            .is_some_and(|i| compares_itself(i.cls))
    };
    if by_method(a) || by_method(b) {
        let (method, reflected) = compare_methods(kind);
        let first = reflected_first(a, b, reflected, false);
        if first {
            if let Some(result) = special(b, reflected, &[a])? {
                if result != not_implemented {
                    return Ok(result);
                }
            }
        }
        if let Some(result) = special(a, method, &[b])? {
            if result != not_implemented {
                return Ok(result);
            }
        }
        if !first {
            if let Some(result) = special(b, reflected, &[a])? {
                if result != not_implemented {
                    return Ok(result);
                }
            }
        }
        if kind == CompareKind::Ne {
            if let Some(result) = special(a, "__eq__", &[b])? {
                if result != not_implemented {
                    return Ok(new_bool(!is_true(result)?));
                }
            }
        }
    }
    // The built-in comparison, of the values of derived instances too (a built-in type
    // compares instances of its subclasses, `2.5 > I(3)`).
    let (x, y) = (derived::builtin_value(a), derived::builtin_value(b));
    match kind {
        CompareKind::Eq | CompareKind::Ne => {
            let equal = match builtin_equal(x, y)? {
                Some(equal) => equal,
                None => a == b,
            };
            Ok(new_bool(equal == (kind == CompareKind::Eq)))
        }
        _ => order(kind, x, y, (a, b)).map(new_bool),
    }
}

/// `<`, `<=`, `>`, `>=` on built-in types; `shown` are the operands its error names.
fn order(kind: CompareKind, a: Value, b: Value, shown: (Value, Value)) -> PyResult<bool> {
    if let (Some(x), Some(y)) = (slice_as_tuple(a), slice_as_tuple(b)) {
        return order(kind, x, y, shown);
    }
    if let (Some(x), Some(y)) = (deque::as_list(a), deque::as_list(b)) {
        return order(kind, x, y, shown);
    }
    if let (Some(x), Some(y)) = (as_num(a), as_num(b)) {
        return Ok(numbers::compare(kind, &x, &y));
    }
    if let (Some(x), Some(y)) = (a.downcast::<StrObj>(), b.downcast::<StrObj>()) {
        return Ok(ordering_holds(kind, x.as_str().cmp(y.as_str())));
    }
    if let Some(holds) = set::compare(kind, a, b)? {
        return Ok(holds);
    }
    if let Some(holds) = bytes::compare(kind, a, b) {
        return Ok(holds);
    }
    let sequences = match (
        a.downcast::<ListObj>(),
        b.downcast::<ListObj>(),
        a.downcast::<TupleObj>(),
        b.downcast::<TupleObj>(),
    ) {
        (Some(x), Some(y), _, _) => Some((GcSeq::List(x), GcSeq::List(y))),
        (_, _, Some(x), Some(y)) => Some((GcSeq::Tuple(x), GcSeq::Tuple(y))),
        _ => None,
    };
    if let Some((x, y)) = sequences {
        let (lx, ly) = (x.len(), y.len());
        for i in 0..lx.min(ly) {
            let (u, v) = (x.get(i), y.get(i));
            if !values_equal(u, v)? {
                return is_true(compare(kind, u, v)?);
            }
        }
        return Ok(ordering_holds(kind, lx.cmp(&ly)));
    }
    type_error(format!(
        "'{}' not supported between instances of '{}' and '{}'",
        kind.symbol(),
        type_name(shown.0),
        type_name(shown.1)
    ))
}

/// A list or a tuple, for comparisons.
enum GcSeq {
    List(Gc<ListObj>),
    Tuple(Gc<TupleObj>),
}

impl GcSeq {
    fn len(&self) -> usize {
        match self {
            GcSeq::List(l) => l.items.len(),
            GcSeq::Tuple(t) => t.items.len(),
        }
    }
    fn get(&self, i: usize) -> Value {
        match self {
            GcSeq::List(l) => l.items.get(i),
            GcSeq::Tuple(t) => t.items.get(i),
        }
    }
}

fn ordering_holds(kind: CompareKind, ordering: std::cmp::Ordering) -> bool {
    use std::cmp::Ordering::*;
    match kind {
        CompareKind::Lt => ordering == Less,
        CompareKind::Le => ordering != Greater,
        CompareKind::Eq => ordering == Equal,
        CompareKind::Ne => ordering != Equal,
        CompareKind::Gt => ordering == Greater,
        CompareKind::Ge => ordering != Less,
    }
}

/// The special methods of a binary operator: normal, reflected, in-place.
fn binary_methods(kind: BinaryKind) -> (&'static str, &'static str, &'static str) {
    match kind {
        BinaryKind::Add => ("__add__", "__radd__", "__iadd__"),
        BinaryKind::Sub => ("__sub__", "__rsub__", "__isub__"),
        BinaryKind::Mul => ("__mul__", "__rmul__", "__imul__"),
        BinaryKind::TrueDiv => ("__truediv__", "__rtruediv__", "__itruediv__"),
        BinaryKind::FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
        BinaryKind::Mod => ("__mod__", "__rmod__", "__imod__"),
        BinaryKind::Pow => ("__pow__", "__rpow__", "__ipow__"),
        BinaryKind::LShift => ("__lshift__", "__rlshift__", "__ilshift__"),
        BinaryKind::RShift => ("__rshift__", "__rrshift__", "__irshift__"),
        BinaryKind::And => ("__and__", "__rand__", "__iand__"),
        BinaryKind::Or => ("__or__", "__ror__", "__ior__"),
        BinaryKind::Xor => ("__xor__", "__rxor__", "__ixor__"),
        BinaryKind::MatMul => ("__matmul__", "__rmatmul__", "__imatmul__"),
    }
}

/// `a op b` (`a op= b` when `inplace`).
pub fn binary(kind: BinaryKind, a: Value, b: Value, inplace: bool) -> PyResult<Value> {
    // `+`, `-` and `*` of two small ints that do not overflow, the common case, before any
    // other test.
    if let (Some(x), Some(y)) = (a.downcast::<IntObj>(), b.downcast::<IntObj>()) {
        let result = match kind {
            BinaryKind::Add => x.value.checked_add(y.value),
            BinaryKind::Sub => x.value.checked_sub(y.value),
            BinaryKind::Mul => x.value.checked_mul(y.value),
            _ => None,
        };
        if let Some(value) = result {
            return Ok(new_int(value));
        }
    }
    // ... and of two floats, `/` too when the divisor is not zero.
    if let (Some(x), Some(y)) = (a.downcast::<FloatObj>(), b.downcast::<FloatObj>()) {
        let result = match kind {
            BinaryKind::Add => Some(x.value + y.value),
            BinaryKind::Sub => Some(x.value - y.value),
            BinaryKind::Mul => Some(x.value * y.value),
            BinaryKind::TrueDiv if y.value != 0.0 => Some(x.value / y.value),
            _ => None,
        };
        if let Some(value) = result {
            return Ok(new_float(value));
        }
    }
    // `&`, `|` and `^` of two bools are bools.
    let context = ctx();
    let is_bool = |v: Value| v == context.true_value || v == context.false_value;
    if matches!(kind, BinaryKind::And | BinaryKind::Or | BinaryKind::Xor)
        && is_bool(a)
        && is_bool(b)
    {
        let (x, y) = (a == context.true_value, b == context.true_value);
        return Ok(new_bool(match kind {
            BinaryKind::And => x & y,
            BinaryKind::Or => x | y,
            _ => x ^ y,
        }));
    }
    if let (Some(x), Some(y)) = (as_num(a), as_num(b)) {
        if let Some(result) = numbers::binary(kind, &x, &y)? {
            return Ok(result);
        }
    }
    if a.is::<ComplexObj>() || b.is::<ComplexObj>() {
        if let Some(result) = complex::binary(kind, a, b)? {
            return Ok(result);
        }
    }
    if let Some(result) = bytes::binary(kind, a, b, inplace)? {
        return Ok(result);
    }
    if let Some(result) = deque::binary(kind, a, b, inplace)? {
        return Ok(result);
    }
    if let Some(result) = seq::sequence_binary(kind, a, b, inplace)? {
        return Ok(result);
    }
    if let Some(result) = set::binary(kind, a, b, inplace)? {
        return Ok(result);
    }
    if let Some(result) = crate::runtime::dict::binary(kind, a, b, inplace)? {
        return Ok(result);
    }
    if a.is::<InstanceObj>() || b.is::<InstanceObj>() {
        let not_implemented = ctx().not_implemented;
        let (method, reflected, in_place) = binary_methods(kind);
        if inplace {
            if let Some(result) = special(a, in_place, &[b])? {
                if result != not_implemented {
                    return Ok(result);
                }
            }
        }
        // The right operand's reflected method: first if its class is a subclass that
        // overrides it, never for two instances of one class.
        let first = reflected_first(a, b, reflected, true);
        let reflected_too = !first && !same_class(a, b);
        if first {
            if let Some(result) = special(b, reflected, &[a])? {
                if result != not_implemented {
                    return Ok(result);
                }
            }
        }
        if let Some(result) = special(a, method, &[b])? {
            if result != not_implemented {
                return Ok(result);
            }
        }
        if reflected_too {
            if let Some(result) = special(b, reflected, &[a])? {
                if result != not_implemented {
                    return Ok(result);
                }
            }
        }
        // A built-in sequence on the left concatenates the value of an instance derived
        // from its type (`[0] + L([1])`) and repeats by a derived int (`"a" * I(2)`),
        // which have no reflected method for it.
        let value = derived::builtin_value(b);
        let taken = match kind {
            BinaryKind::Add => {
                builtin_type_id(a) == builtin_type_id(value)
                    || (bytes::is_bytes_like(a) && bytes::is_bytes_like(value))
            }
            BinaryKind::Mul => numbers::as_index(value).is_some(),
            _ => false,
        };
        if value != b && !a.is::<InstanceObj>() && taken {
            if let Some(result) = seq::sequence_binary(kind, a, value, inplace)? {
                return Ok(result);
            }
            if let Some(result) = bytes::binary(kind, a, value, inplace)? {
                return Ok(result);
            }
        }
    }
    if let (BinaryKind::Mod, Some(template)) = (kind, a.downcast::<StrObj>()) {
        return Ok(new_str(&crate::runtime::percent::percent_format(
            template.as_str(),
            b,
            false,
        )?));
    }
    // A sequence on the left names what it cannot concatenate (`"a" + X()`).
    if kind == BinaryKind::Add
        && !inplace
        && (a.is::<StrObj>() || a.is::<ListObj>() || a.is::<TupleObj>())
    {
        return type_error(format!(
            "can only concatenate {0} (not \"{1}\") to {0}",
            type_name(a),
            type_name(b)
        ));
    }
    let symbol = kind.symbol();
    let symbol = if inplace && kind != BinaryKind::Pow {
        format!("{symbol}=")
    } else if inplace {
        "**=".into()
    } else {
        symbol.to_string()
    };
    type_error(format!(
        "unsupported operand type(s) for {symbol}: '{}' and '{}'",
        type_name(a),
        type_name(b)
    ))
}

/// Unary `-` (0), `+` (1) and `~` (2).
pub fn unary(which: usize, value: Value) -> PyResult<Value> {
    if let Some(num) = as_num(value) {
        return match (which, &num) {
            (0, _) => Ok(numbers::negate(&num)),
            (1, Num::Float(f)) => Ok(new_float(*f)),
            (1, Num::Int(i)) => Ok(new_int(*i)),
            (1, Num::Big(_)) => Ok(value),
            (_, Num::Int(i)) => Ok(new_int(!i)),
            (_, Num::Big(b)) => Ok(new_bigint(-b - 1)),
            (_, Num::Float(_)) => type_error("bad operand type for unary ~: 'float'".into()),
        };
    }
    if let Some(z) = value.downcast::<ComplexObj>() {
        return complex::unary(which, z);
    }
    let (method, symbol) = match which {
        0 => ("__neg__", "-"),
        1 => ("__pos__", "+"),
        _ => ("__invert__", "~"),
    };
    if let Some(result) = special(value, method, &[])? {
        return Ok(result);
    }
    type_error(format!(
        "bad operand type for unary {symbol}: '{}'",
        type_name(value)
    ))
}

/// `item in container`.
pub fn contains(container: Value, item: Value) -> PyResult<bool> {
    if let Some(dict) = mappingproxy::target(container) {
        return contains(dict.erase(), item);
    }
    if let Some(s) = container.downcast::<StrObj>() {
        let Some(needle) = derived::builtin_value(item).downcast::<StrObj>() else {
            return type_error(format!(
                "'in <string>' requires string as left operand, not {}",
                type_name(item)
            ));
        };
        return Ok(s.as_str().contains(needle.as_str()));
    }
    if let Some(dict) = container.downcast::<DictObj>() {
        return Ok(dict_get(dict, item)?.is_some());
    }
    if let Some(s) = container.downcast::<SetObj>() {
        return set::contains(s, item);
    }
    if let Some(d) = container.downcast::<DequeObj>() {
        return deque::contains(d, item);
    }
    if let Some(found) = bytes::contains(container, item)? {
        return Ok(found);
    }
    if let Some(view) = container.downcast::<DictViewObj>() {
        if view.kind == IterKind::DictKeys as i64 {
            return Ok(dict_get(view.dict, item)?.is_some());
        }
    }
    if let Some(range) = container.downcast::<RangeObj>() {
        if let Some(Num::Int(i)) = as_num(item) {
            return Ok(seq::range_contains(range, i));
        }
    }
    if let Some(result) = special(container, "__contains__", &[item])? {
        return is_true(result);
    }
    let iterator = match crate::runtime::iter::get_iter(container) {
        Ok(iterator) => iterator,
        Err(error)
            if crate::runtime::exceptions::is_subclass(
                error.cls,
                builtin_type(TypeId::TypeError),
            ) =>
        {
            return type_error(format!(
                "argument of type '{}' is not iterable",
                type_name(container)
            ));
        }
        Err(error) => return Err(error),
    };
    while let Some(candidate) = crate::runtime::iter::next(iterator)? {
        if values_equal(candidate, item)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `container[index]`.
pub fn get_item(container: Value, index: Value) -> PyResult<Value> {
    if let Some(dict) = mappingproxy::target(container) {
        return get_item(dict.erase(), index);
    }
    if let Some(dict) = container.downcast::<DictObj>() {
        return match dict_get(dict, index)? {
            Some(value) => Ok(value),
            None => Err(crate::runtime::exceptions::key_error(index)),
        };
    }
    if let Some(result) = seq::get_item(container, index)? {
        return Ok(result);
    }
    if let Some(result) = bytes::get_item(container, index)? {
        return Ok(result);
    }
    if let Some(m) = container.downcast::<MatchObj>() {
        return crate::runtime::modules::re::match_getitem(m, index);
    }
    if let Some(d) = container.downcast::<DequeObj>() {
        return deque::get_item(d, index);
    }
    if let Some(result) = special(container, "__getitem__", &[index])? {
        return Ok(result);
    }
    if let Some(cls) = container.downcast::<TypeObj>() {
        // `C[item]`: the class method `__class_getitem__`.
        if let Some(hook) = lookup_in_mro(cls, "__class_getitem__") {
            let bound = crate::runtime::descriptors::get(hook, None, cls)?;
            return crate::runtime::call::call_simple(bound, &[index]);
        }
        return type_error(format!("type '{}' is not subscriptable", cls.name.as_str()));
    }
    type_error(format!(
        "'{}' object is not subscriptable",
        type_name(container)
    ))
}

/// `container[index] = value`.
pub fn set_item(container: Value, index: Value, value: Value) -> PyResult<()> {
    if let Some(dict) = container.downcast::<DictObj>() {
        return dict_set(dict, index, value);
    }
    if let Some(list) = container.downcast::<ListObj>() {
        return seq::list_set_item(list, index, value);
    }
    if let Some(array) = container.downcast::<ByteArrayObj>() {
        return bytes::set_item(array, index, value);
    }
    if let Some(d) = container.downcast::<DequeObj>() {
        return deque::set_item(d, index, value);
    }
    if special(container, "__setitem__", &[index, value])?.is_some() {
        return Ok(());
    }
    type_error(format!(
        "'{}' object does not support item assignment",
        type_name(container)
    ))
}

/// `del container[index]`.
pub fn del_item(container: Value, index: Value) -> PyResult<()> {
    if let Some(dict) = container.downcast::<DictObj>() {
        return match dict_remove(dict, index)? {
            Some(_) => Ok(()),
            None => Err(crate::runtime::exceptions::key_error(index)),
        };
    }
    if let Some(list) = container.downcast::<ListObj>() {
        return seq::list_del_item(list, index);
    }
    if let Some(array) = container.downcast::<ByteArrayObj>() {
        return bytes::del_item(array, index);
    }
    if let Some(d) = container.downcast::<DequeObj>() {
        return deque::del_item(d, index);
    }
    if special(container, "__delitem__", &[index])?.is_some() {
        return Ok(());
    }
    let verb = match container.is::<MappingProxyObj>() {
        true => "does not",
        false => "doesn't",
    };
    type_error(format!(
        "'{}' object {verb} support item deletion",
        type_name(container)
    ))
}
