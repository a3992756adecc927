//! `collections.deque` (a type of `_collections`): a ring buffer -- an array whose length
//! is a power of two, the items from `head` on, wrapping around -- so appending and
//! popping at either end is O(1); the array doubles when full. Its methods, indexing,
//! iteration (an iterator fails once the deque's length changed: `state` counts those
//! changes), comparisons, `+`/`*`, repr and `maxlen` behave as CPython's, with its errors.

use jitgen_core::gc::{Gc, GcArray, GcVec, Mut};

use crate::bytecode::BinaryKind;
use crate::runtime::builtins::{arity, bind, builtin_name, Builtin};
use crate::runtime::call::{call_simple, Args};
use crate::runtime::derived::builtin_value;
use crate::runtime::iter::{get_iter, next};
use crate::runtime::numbers::{as_index, Num};
use crate::runtime::objects::*;
use crate::runtime::ops::values_equal;
use crate::runtime::values::*;

use Builtin::*;

/// The methods of `deque`.
pub const METHODS: &[Builtin] = &[
    DequeAppend,
    DequeAppendleft,
    DequePop,
    DequePopleft,
    DequeExtend,
    DequeExtendleft,
    DequeRotate,
    DequeClear,
    DequeCopy,
    DequeDunderCopy,
    DequeCount,
    DequeIndex,
    DequeInsert,
    DequeRemove,
    DequeReverse,
    DequeReversed,
];

/// The smallest buffer.
const MIN_CAPACITY: usize = 8;

/// A new empty deque holding at most `maxlen` items (-1: no bound).
pub fn new_deque(maxlen: i64) -> Gc<DequeObj> {
    Gc::new(DequeObj {
        buffer: Mut::new(GcArray::new(MIN_CAPACITY, none())),
        head: Mut::new(0),
        len: Mut::new(0),
        maxlen: Mut::new(maxlen),
        state: Mut::new(0),
    })
}

/// The number of items.
pub fn len(d: Gc<DequeObj>) -> i64 {
    d.len.get()
}

/// The buffer slot of item `i` (`0 <= i < len`).
fn slot(d: Gc<DequeObj>, i: i64) -> usize {
    (d.head.get() + i) as usize & (d.buffer.get().len() - 1)
}

/// Item `i` (`0 <= i < len`).
fn get(d: Gc<DequeObj>, i: i64) -> Value {
    d.buffer.get().get(slot(d, i))
}

/// The items, in order, as a new vector.
fn items(d: Gc<DequeObj>) -> Gc<GcVec<Value>> {
    let out = GcVec::with_capacity(len(d) as usize);
    for i in 0..len(d) {
        out.push(get(d, i));
    }
    out
}

/// Makes the deque hold `values` (a change of length for its iterators).
fn refill(d: Gc<DequeObj>, values: Gc<GcVec<Value>>) {
    let capacity = values.len().next_power_of_two().max(MIN_CAPACITY);
    let buffer = GcArray::new(capacity, none());
    for i in 0..values.len() {
        buffer.set(i, values.get(i));
    }
    d.buffer.set(buffer);
    d.head.set(0);
    d.len.set(values.len() as i64);
    d.state.set(d.state.get() + 1);
}

/// Doubles the buffer of a full deque.
fn grow(d: Gc<DequeObj>) {
    let n = len(d);
    let buffer = GcArray::new(2 * d.buffer.get().len(), none());
    for i in 0..n {
        buffer.set(i as usize, get(d, i));
    }
    d.buffer.set(buffer);
    d.head.set(0);
}

/// `d.append(x)`: at the right end, dropping the leftmost item of a full bounded deque.
fn push_back(d: Gc<DequeObj>, x: Value) {
    let maxlen = d.maxlen.get();
    if maxlen == 0 {
        return;
    }
    if len(d) == maxlen {
        pop_front(d);
    }
    if len(d) as usize == d.buffer.get().len() {
        grow(d);
    }
    let n = len(d);
    d.len.set(n + 1);
    d.buffer.get().set(slot(d, n), x);
    d.state.set(d.state.get() + 1);
}

/// `d.appendleft(x)`: at the left end, dropping the rightmost item of a full bounded deque.
fn push_front(d: Gc<DequeObj>, x: Value) {
    let maxlen = d.maxlen.get();
    if maxlen == 0 {
        return;
    }
    if len(d) == maxlen {
        pop_back(d);
    }
    if len(d) as usize == d.buffer.get().len() {
        grow(d);
    }
    let capacity = d.buffer.get().len() as i64;
    d.head.set((d.head.get() - 1).rem_euclid(capacity));
    d.len.set(len(d) + 1);
    d.buffer.get().set(slot(d, 0), x);
    d.state.set(d.state.get() + 1);
}

/// Removes and returns the rightmost item (`None` when empty).
fn pop_back(d: Gc<DequeObj>) -> Option<Value> {
    let n = len(d);
    if n == 0 {
        return None;
    }
    let at = slot(d, n - 1);
    let item = d.buffer.get().get(at);
    d.buffer.get().set(at, none());
    d.len.set(n - 1);
    d.state.set(d.state.get() + 1);
    Some(item)
}

/// Removes and returns the leftmost item (`None` when empty).
fn pop_front(d: Gc<DequeObj>) -> Option<Value> {
    let n = len(d);
    if n == 0 {
        return None;
    }
    let at = slot(d, 0);
    let item = d.buffer.get().get(at);
    d.buffer.get().set(at, none());
    d.head.set(((at + 1) & (d.buffer.get().len() - 1)) as i64);
    d.len.set(n - 1);
    d.state.set(d.state.get() + 1);
    Some(item)
}

/// Removes every item.
fn clear(d: Gc<DequeObj>) {
    d.buffer.set(GcArray::new(MIN_CAPACITY, none()));
    d.head.set(0);
    d.len.set(0);
    d.state.set(d.state.get() + 1);
}

/// `d.extend(iterable)` (or `extendleft`, at the left end): the deque's own items are
/// taken before any is added.
fn extend(d: Gc<DequeObj>, iterable: Value, left: bool) -> PyResult<()> {
    let add = |x| {
        if left {
            push_front(d, x)
        } else {
            push_back(d, x)
        }
    };
    if builtin_value(iterable) == d.erase() {
        let own = items(d);
        for i in 0..own.len() {
            add(own.get(i));
        }
        return Ok(());
    }
    let iterator = get_iter(iterable)?;
    while let Some(x) = next(iterator)? {
        add(x);
    }
    Ok(())
}

/// `d.rotate(n)`: n steps to the right (left when negative), moving the fewer items.
fn rotate(d: Gc<DequeObj>, mut n: i64) {
    let size = len(d);
    if size <= 1 {
        return;
    }
    let half = size >> 1;
    if n > half || n < -half {
        n = n.rem_euclid(size);
        if n > half {
            n -= size;
        }
    }
    d.state.set(d.state.get() + 1);
    let buffer = d.buffer.get();
    let capacity = buffer.len() as i64;
    if size == capacity {
        d.head.set((d.head.get() - n).rem_euclid(capacity));
        return;
    }
    while n > 0 {
        let last = slot(d, size - 1);
        let head = (d.head.get() - 1).rem_euclid(capacity);
        buffer.set(head as usize, buffer.get(last));
        buffer.set(last, none());
        d.head.set(head);
        n -= 1;
    }
    while n < 0 {
        let first = slot(d, 0);
        buffer.set(slot(d, size), buffer.get(first));
        buffer.set(first, none());
        d.head.set((first as i64 + 1) % capacity);
        n += 1;
    }
}

/// An int argument, or `TypeError(message)`.
fn int_value(value: Value, message: impl FnOnce() -> String) -> PyResult<i64> {
    match as_index(value) {
        Some(Num::Int(i)) => Ok(i),
        Some(Num::Big(_)) => Err(exception(
            TypeId::OverflowError,
            "Python int too large to convert to C ssize_t",
        )),
        _ => type_error(message()),
    }
}

/// The index of `index()`'s start or stop: negative counts from the end, clamped to the
/// items.
fn slice_bound(value: Value, size: i64) -> PyResult<i64> {
    let i = int_value(value, || {
        "slice indices must be integers or have an __index__ method".into()
    })?;
    Ok(if i < 0 {
        (i + size).max(0)
    } else {
        i.min(size)
    })
}

/// The position of item `index` (negative from the end), checked.
fn position(d: Gc<DequeObj>, index: Value) -> PyResult<i64> {
    let i = int_value(index, || {
        format!("sequence index must be integer, not '{}'", type_name(index))
    })?;
    let i = if i < 0 { i + len(d) } else { i };
    if i < 0 || i >= len(d) {
        return index_error("deque index out of range");
    }
    Ok(i)
}

/// `d[index]`.
pub fn get_item(d: Gc<DequeObj>, index: Value) -> PyResult<Value> {
    Ok(get(d, position(d, index)?))
}

/// `d[index] = value`.
pub fn set_item(d: Gc<DequeObj>, index: Value, value: Value) -> PyResult<()> {
    let i = position(d, index)?;
    d.buffer.get().set(slot(d, i), value);
    Ok(())
}

/// `del d[index]`.
pub fn del_item(d: Gc<DequeObj>, index: Value) -> PyResult<()> {
    let i = position(d, index)?;
    let values = items(d);
    values.remove(i as usize);
    refill(d, values);
    Ok(())
}

/// The `RuntimeError` of a deque whose length changed while it was searched or iterated.
fn mutated() -> Gc<InstanceObj> {
    exception(TypeId::RuntimeError, "deque mutated during iteration")
}

/// The index of the first item equal to `x` in `start..stop`, `None` if there is none.
fn find(d: Gc<DequeObj>, x: Value, start: i64, stop: i64) -> PyResult<Option<i64>> {
    let state = d.state.get();
    for i in start..stop.min(len(d)) {
        let equal = values_equal(get(d, i), x)?;
        if d.state.get() != state {
            return Err(mutated());
        }
        if equal {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

/// `x in d`.
pub fn contains(d: Gc<DequeObj>, x: Value) -> PyResult<bool> {
    Ok(find(d, x, 0, len(d))?.is_some())
}

/// A copy of `instance` (a deque, or an instance of a class derived from `deque`, made by
/// calling its class with the items and the bound, as CPython's `deque.copy`).
fn copy(instance: Value, d: Gc<DequeObj>) -> PyResult<Value> {
    if instance.is::<InstanceObj>() {
        let cls = type_of(instance).erase();
        return match d.maxlen.get() {
            -1 => call_simple(cls, &[instance]),
            maxlen => call_simple(cls, &[instance, new_int(maxlen)]),
        };
    }
    let made = new_deque(d.maxlen.get());
    refill(made, items(d));
    Ok(made.erase())
}

/// `deque(iterable=(), maxlen=None)`'s `__init__`: sets the bound, empties the deque and
/// adds the items.
pub fn init(d: Gc<DequeObj>, args: Args) -> PyResult<()> {
    if args.npos > 2 {
        return type_error(format!(
            "deque() takes at most 2 arguments ({} given)",
            args.npos
        ));
    }
    let [iterable, maxlen] = bind("deque", &args, ["iterable", "maxlen"], 2)?;
    let maxlen = match maxlen {
        Some(m) if !is_none(m) => {
            let m = int_value(m, || "an integer is required".into())?;
            if m < 0 {
                return value_error("maxlen must be non-negative".into());
            }
            m
        }
        _ => -1,
    };
    d.maxlen.set(maxlen);
    if len(d) > 0 {
        clear(d);
    }
    match iterable {
        Some(iterable) => extend(d, iterable, false),
        None => Ok(()),
    }
}

/// `deque(...)`: a new deque.
pub fn construct(args: Args) -> PyResult<Value> {
    let d = new_deque(-1);
    init(d, args)?;
    Ok(d.erase())
}

/// The `maxlen` attribute (`None` for an unbounded deque).
pub fn maxlen(d: Gc<DequeObj>) -> Value {
    match d.maxlen.get() {
        -1 => none(),
        m => new_int(m),
    }
}

/// `repr(d)` with the name of its class `cls` (`deque([1, 2], maxlen=3)`; `[...]`
/// inside itself).
pub fn repr(d: Gc<DequeObj>, cls: Gc<TypeObj>) -> PyResult<String> {
    crate::runtime::text::guarded(d.erase(), || {
        let shown = crate::runtime::text::to_repr(new_list(items(d)))?;
        let name = cls.name.as_str();
        Ok(match d.maxlen.get() {
            -1 => format!("{name}({shown})"),
            m => format!("{name}({shown}, maxlen={m})"),
        })
    })
}

/// The items of a deque as a new list (`None` for other values): two deques compare as
/// the lists of their items.
pub fn as_list(value: Value) -> Option<Value> {
    value.downcast::<DequeObj>().map(|d| new_list(items(d)))
}

/// `a + b`, `a * n`, `n * a` and their in-place forms, when `a` (or `n * a`'s `a`) is a
/// deque; `None` for other operands (an instance's reflected method may take them).
pub fn binary(kind: BinaryKind, a: Value, b: Value, inplace: bool) -> PyResult<Option<Value>> {
    match (a.downcast::<DequeObj>(), b.downcast::<DequeObj>()) {
        (Some(d), _) => operate(kind, a, d, b, inplace),
        (None, Some(d)) if kind == BinaryKind::Mul && !inplace => operate(kind, b, d, a, false),
        _ => Ok(None),
    }
}

/// `instance + other`, `instance * other` or their in-place forms, where `instance` is
/// the deque `d` or an instance of a class derived from `deque` (a new result is a copy
/// of it, `copy`: of its class); `None` for operands it does not take.
pub fn operate(
    kind: BinaryKind,
    instance: Value,
    d: Gc<DequeObj>,
    other: Value,
    inplace: bool,
) -> PyResult<Option<Value>> {
    // The result: the deque itself when in place, else a copy, and the deque it is.
    let target = || -> PyResult<(Value, Gc<DequeObj>)> {
        if inplace {
            return Ok((instance, d));
        }
        let made = copy(instance, d)?;
        match builtin_value(made).downcast::<DequeObj>() {
            Some(copied) => Ok((made, copied)),
            None => type_error(format!(
                "{}() must return a deque, not {}",
                type_name(instance),
                type_name(made)
            )),
        }
    };
    match kind {
        BinaryKind::Add => {
            if !inplace && builtin_value(other).downcast::<DequeObj>().is_none() {
                if other.is::<InstanceObj>() {
                    return Ok(None);
                }
                return type_error(format!(
                    "can only concatenate deque (not \"{}\") to deque",
                    type_name(other)
                ));
            }
            let (result, target) = target()?;
            extend(target, other, false)?;
            Ok(Some(result))
        }
        BinaryKind::Mul => {
            let n = match as_index(builtin_value(other)) {
                Some(Num::Int(n)) => n,
                _ if other.is::<InstanceObj>() => return Ok(None),
                _ => {
                    return type_error(format!(
                        "can't multiply sequence by non-int of type '{}'",
                        type_name(other)
                    ))
                }
            };
            let (result, target) = target()?;
            repeat(target, n);
            Ok(Some(result))
        }
        _ => Ok(None),
    }
}

/// `d *= n`: the items `n` times (the bound keeping the last ones).
fn repeat(d: Gc<DequeObj>, n: i64) {
    if n <= 0 {
        clear(d);
        return;
    }
    let once = items(d);
    for _ in 1..n {
        for i in 0..once.len() {
            push_back(d, once.get(i));
        }
    }
}

/// The next item of a deque iterator (`reversed`: from the right end). The iterator's
/// `stop` is the deque's `state` and `step` its length when the iterator was made;
/// `index` counts the items given.
pub fn iter_next(it: Gc<IterObj>, reversed: bool) -> PyResult<Option<Value>> {
    let d = it
        .source
        .downcast::<DequeObj>()
        .expect("a deque iterator's deque");
    if d.state.get() != it.stop {
        return Err(mutated());
    }
    let given = it.index.get();
    if given >= it.step {
        return Ok(None);
    }
    it.index.set(given + 1);
    Ok(Some(get(
        d,
        if reversed { it.step - 1 - given } else { given },
    )))
}

/// Calls method `id` of a deque (`instance` is the receiver as given: `d` itself, or an
/// instance of a class derived from `deque`).
pub fn call_method(id: Builtin, instance: Value, d: Gc<DequeObj>, args: Args) -> PyResult<Value> {
    let name = builtin_name(id as i64);
    let one = |args: &Args| arity(&format!("deque.{name}"), args, 1, 1).map(|()| args.get(0));
    let none_args = |args: &Args| arity(&format!("deque.{name}"), args, 0, 0);
    match id {
        DequeAppend | DequeAppendleft => {
            let x = one(&args)?;
            if id == DequeAppend {
                push_back(d, x);
            } else {
                push_front(d, x);
            }
            Ok(none())
        }
        DequePop | DequePopleft => {
            none_args(&args)?;
            let item = if id == DequePop {
                pop_back(d)
            } else {
                pop_front(d)
            };
            item.ok_or_else(|| exception(TypeId::IndexError, "pop from an empty deque"))
        }
        DequeExtend | DequeExtendleft => {
            extend(d, one(&args)?, id == DequeExtendleft)?;
            Ok(none())
        }
        DequeRotate => {
            arity("rotate", &args, 0, 1)?;
            let n = match args.npos {
                0 => 1,
                _ => int_value(args.get(0), || {
                    format!(
                        "'{}' object cannot be interpreted as an integer",
                        type_name(args.get(0))
                    )
                })?,
            };
            rotate(d, n);
            Ok(none())
        }
        DequeClear => {
            none_args(&args)?;
            clear(d);
            Ok(none())
        }
        DequeCopy | DequeDunderCopy => {
            none_args(&args)?;
            copy(instance, d)
        }
        DequeCount => {
            let x = one(&args)?;
            let state = d.state.get();
            let mut count = 0;
            for i in 0..len(d) {
                let equal = values_equal(get(d, i), x)?;
                if d.state.get() != state {
                    return Err(mutated());
                }
                count += equal as i64;
            }
            Ok(new_int(count))
        }
        DequeIndex => {
            arity("index", &args, 1, 3)?;
            let size = len(d);
            let start = match args.npos {
                1 => 0,
                _ => slice_bound(args.get(1), size)?,
            };
            let stop = match args.npos {
                3 => slice_bound(args.get(2), size)?,
                _ => size,
            };
            let x = args.get(0);
            match find(d, x, start, stop)? {
                Some(i) => Ok(new_int(i)),
                None => value_error(format!(
                    "{} is not in deque",
                    crate::runtime::text::to_repr(x)?
                )),
            }
        }
        DequeInsert => {
            arity("insert", &args, 2, 2)?;
            if len(d) == d.maxlen.get() {
                return index_error("deque already at its maximum size");
            }
            let index = args.get(0);
            let i = int_value(index, || {
                format!(
                    "'{}' object cannot be interpreted as an integer",
                    type_name(index)
                )
            })?;
            let x = args.get(1);
            let size = len(d);
            if i >= size {
                push_back(d, x);
            } else if i <= -size || i == 0 {
                push_front(d, x);
            } else {
                let at = if i < 0 { i + size } else { i };
                let values = items(d);
                values.insert(at as usize, x);
                refill(d, values);
            }
            Ok(none())
        }
        DequeRemove => {
            let x = one(&args)?;
            let state = d.state.get();
            for i in 0..len(d) {
                let equal = values_equal(get(d, i), x)?;
                if d.state.get() != state {
                    return index_error("deque mutated during remove().");
                }
                if equal {
                    let values = items(d);
                    values.remove(i as usize);
                    refill(d, values);
                    return Ok(none());
                }
            }
            value_error(format!(
                "{} is not in deque",
                crate::runtime::text::to_repr(x)?
            ))
        }
        DequeReverse => {
            none_args(&args)?;
            let values = items(d);
            let n = values.len();
            for i in 0..n / 2 {
                let (a, b) = (values.get(i), values.get(n - 1 - i));
                values.set(i, b);
                values.set(n - 1 - i, a);
            }
            let state = d.state.get();
            refill(d, values);
            d.state.set(state);
            Ok(none())
        }
        DequeReversed => {
            none_args(&args)?;
            Ok(crate::runtime::iter::deque_iter(d, true))
        }
        _ => type_error(format!("'{name}' is not a deque method")),
    }
}
