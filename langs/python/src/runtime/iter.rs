//! Iteration: `iter()` of the built-in containers (and of instances through `__iter__`),
//! `next()` (the end is `None` here, `StopIteration` at the language level), and draining
//! an iterable into a GC vector.

use jitgen_core::gc::{Gc, GcVec, Mut};

use crate::runtime::attr::lookup_in_mro;
use crate::runtime::call::{call_simple, call_value, Args};
use crate::runtime::descriptors::call_special;
use crate::runtime::exceptions::is_subclass;
use crate::runtime::generators::{resume, Resumed};
use crate::runtime::objects::*;
use crate::runtime::ops::is_true;
use crate::runtime::values::*;

fn new_iter(kind: IterKind, source: Value, index: i64, stop: i64, step: i64) -> Value {
    Gc::new(IterObj {
        kind: kind as i64,
        source,
        index: Mut::new(index),
        stop,
        step,
    })
    .erase()
}

/// `iter(value)`.
pub fn get_iter(value: Value) -> PyResult<Value> {
    if let Some(dict) = crate::runtime::mappingproxy::target(value) {
        return get_iter(dict.erase());
    }
    if value.is::<IterObj>() || value.is::<GeneratorObj>() {
        return Ok(value);
    }
    if let Some(file) = value.downcast::<FileObj>() {
        return crate::runtime::files::iterate(file);
    }
    if value.is::<ListObj>() {
        return Ok(new_iter(IterKind::List, value, 0, 0, 0));
    }
    if value.is::<TupleObj>() {
        return Ok(new_iter(IterKind::Tuple, value, 0, 0, 0));
    }
    if value.is::<StrObj>() {
        return Ok(new_iter(IterKind::Str, value, 0, 0, 0));
    }
    if let Some(range) = value.downcast::<RangeObj>() {
        return Ok(new_iter(
            IterKind::Range,
            value,
            range.start,
            range.stop,
            range.step,
        ));
    }
    if let Some(dict) = value.downcast::<DictObj>() {
        return Ok(new_iter(
            IterKind::DictKeys,
            value,
            0,
            dict.table.len() as i64,
            0,
        ));
    }
    if let Some(d) = value.downcast::<DequeObj>() {
        return Ok(deque_iter(d, false));
    }
    if let Some(set) = value.downcast::<SetObj>() {
        return Ok(new_iter(
            IterKind::Set,
            value,
            0,
            crate::runtime::set::len(set),
            0,
        ));
    }
    if crate::runtime::bytes::is_bytes_like(value) {
        return Ok(new_iter(IterKind::Bytes, value, 0, 0, 0));
    }
    if let Some(view) = value.downcast::<DictViewObj>() {
        let kind = match view.kind {
            k if k == IterKind::DictValues as i64 => IterKind::DictValues,
            k if k == IterKind::DictItems as i64 => IterKind::DictItems,
            _ => IterKind::DictKeys,
        };
        let len = view.dict.table.len() as i64;
        return Ok(new_iter(kind, view.dict.erase(), 0, len, 0));
    }
    // An instance's class's `__iter__`, or a class's metaclass's.
    let class = value.downcast::<InstanceObj>().map(|instance| instance.cls);
    let iter_method = match class {
        Some(cls) => lookup_in_mro(cls, "__iter__"),
        None => value
            .downcast::<TypeObj>()
            .and_then(|cls| crate::runtime::metaclasses::hook(cls, "__iter__")),
    };
    // `__iter__ = None` says the instances are not iterable.
    if iter_method.is_some_and(is_none) {
        return type_error(format!("'{}' object is not iterable", type_name(value)));
    }
    if let Some(method) = iter_method {
        let iterator = call_special(method, value, &[])?;
        let has_next = iterator
            .downcast::<InstanceObj>()
            .is_some_and(|i| lookup_in_mro(i.cls, "__next__").is_some());
        if !has_next && !iterator.is::<IterObj>() && !iterator.is::<GeneratorObj>() {
            return type_error(format!(
                "iter() returned non-iterator of type '{}'",
                type_name(iterator)
            ));
        }
        return Ok(iterator);
    }
    if class.is_some_and(|cls| lookup_in_mro(cls, "__getitem__").is_some()) {
        return Ok(new_iter(IterKind::Sequence, value, 0, 0, 0));
    }
    type_error(format!("'{}' object is not iterable", type_name(value)))
}

/// `reversed(value)` of a list, a dict or a dict view: lazy, reading the container at each
/// step as CPython's (`None` for other values).
pub fn reversed_iter(value: Value) -> Option<Value> {
    if let Some(d) = value.downcast::<DequeObj>() {
        return Some(deque_iter(d, true));
    }
    if let Some(list) = value.downcast::<ListObj>() {
        let last = list.items.len() as i64 - 1;
        return Some(new_iter(IterKind::ReversedList, value, last, 0, 0));
    }
    let (dict, kind) = match (value.downcast::<DictObj>(), value.downcast::<DictViewObj>()) {
        (Some(dict), _) => (dict, IterKind::DictKeys),
        (_, Some(view)) if view.kind == IterKind::DictValues as i64 => {
            (view.dict, IterKind::DictValues)
        }
        (_, Some(view)) if view.kind == IterKind::DictItems as i64 => {
            (view.dict, IterKind::DictItems)
        }
        (_, Some(view)) => (view.dict, IterKind::DictKeys),
        _ => return None,
    };
    // A dict iterator with step -1 walks the entry slots from the last.
    let last = dict.table.entry_slots() as i64 - 1;
    Some(new_iter(
        kind,
        dict.erase(),
        last,
        dict.table.len() as i64,
        -1,
    ))
}

/// An iterator over a deque's items (`reversed`: from the right end) that fails once the
/// deque's length changed: its `stop` is the deque's `state` and its `step` the deque's
/// length when it was made.
pub fn deque_iter(d: Gc<DequeObj>, reversed: bool) -> Value {
    let kind = if reversed {
        IterKind::DequeReversed
    } else {
        IterKind::Deque
    };
    new_iter(kind, d.erase(), 0, d.state.get(), d.len.get())
}

/// `enumerate(iterable, start)`: lazy, as CPython's (each item is taken when asked for).
pub fn enumerate_iter(iterable: Value, start: i64) -> PyResult<Value> {
    Ok(new_iter(
        IterKind::Enumerate,
        get_iter(iterable)?,
        start,
        0,
        0,
    ))
}

/// `zip(*iterables, strict=strict)`, lazy; strict, iterables of unequal lengths are a
/// `ValueError`.
pub fn zip_iter(iterables: impl Iterator<Item = Value>, strict: bool) -> PyResult<Value> {
    let iterators = GcVec::new();
    for iterable in iterables {
        iterators.push(get_iter(iterable)?);
    }
    // A zip iterator's `stop` is 1 when it is strict.
    Ok(new_iter(
        IterKind::Zip,
        new_tuple(iterators),
        0,
        i64::from(strict),
        0,
    ))
}

/// The `ValueError` of a strict zip whose argument `i` (from 0) ended early (`shorter`) or
/// went on after the first ended.
fn zip_length_error(i: usize, shorter: bool) -> Gc<InstanceObj> {
    let others = match i {
        1 => " 1".to_string(),
        _ => format!("s 1-{i}"),
    };
    let what = if shorter { "shorter" } else { "longer" };
    exception(
        TypeId::ValueError,
        &format!("zip() argument {} is {what} than argument{others}", i + 1),
    )
}

/// `map(function, *iterables)`, lazy.
pub fn map_iter(function: Value, iterables: impl Iterator<Item = Value>) -> PyResult<Value> {
    let parts = GcVec::new();
    parts.push(function);
    for iterable in iterables {
        parts.push(get_iter(iterable)?);
    }
    Ok(new_iter(IterKind::Map, new_tuple(parts), 0, 0, 0))
}

/// `filter(function, iterable)`, lazy.
pub fn filter_iter(function: Value, iterable: Value) -> PyResult<Value> {
    let parts = GcVec::with_capacity(2);
    parts.push(function);
    parts.push(get_iter(iterable)?);
    Ok(new_iter(IterKind::Filter, new_tuple(parts), 0, 0, 0))
}

/// The next item of an `enumerate`, `zip`, `map` or `filter` iterator (`kind`).
fn next_of_adapter(it: Gc<IterObj>, kind: IterKind) -> PyResult<Option<Value>> {
    if kind == IterKind::Enumerate {
        let Some(item) = next(it.source)? else {
            return Ok(None);
        };
        let index = it.index.get();
        it.index.set(index.saturating_add(1));
        let pair = GcVec::with_capacity(2);
        pair.push(new_int(index));
        pair.push(item);
        return Ok(Some(new_tuple(pair)));
    }
    let parts = it
        .source
        .downcast::<TupleObj>()
        .expect("an adapter's tuple")
        .items;
    match kind {
        IterKind::Zip => {
            if parts.is_empty() {
                return Ok(None);
            }
            let row = GcVec::with_capacity(parts.len());
            for i in 0..parts.len() {
                match next(parts.get(i))? {
                    Some(item) => row.push(item),
                    None if it.stop == 0 => return Ok(None),
                    None if i > 0 => return Err(zip_length_error(i, true)),
                    None => {
                        for j in 1..parts.len() {
                            if next(parts.get(j))?.is_some() {
                                return Err(zip_length_error(j, false));
                            }
                        }
                        return Ok(None);
                    }
                }
            }
            Ok(Some(new_tuple(row)))
        }
        IterKind::Map => {
            let row = jitgen_core::gc::GcArray::new(parts.len(), none());
            for i in 1..parts.len() {
                match next(parts.get(i))? {
                    Some(item) => row.set(i, item),
                    None => return Ok(None),
                }
            }
            let args = Args {
                array: row,
                start: 1,
                npos: parts.len() - 1,
                kwnames: None,
            };
            call_value(parts.get(0), args).map(Some)
        }
        _ => {
            let (function, iterator) = (parts.get(0), parts.get(1));
            while let Some(item) = next(iterator)? {
                let keep = match is_none(function) {
                    true => is_true(item)?,
                    false => is_true(call_simple(function, &[item])?)?,
                };
                if keep {
                    return Ok(Some(item));
                }
            }
            Ok(None)
        }
    }
}

/// How many items a built-in list, tuple, str or range iterator has left (their
/// `__length_hint__`); `None` for other values.
pub fn remaining(iterator: Value) -> Option<i64> {
    let it = iterator.downcast::<IterObj>()?;
    let index = it.index.get();
    let kind = it.kind;
    if kind == IterKind::List as i64 {
        let list = it.source.downcast::<ListObj>()?;
        return Some((list.items.len() as i64 - index).max(0));
    }
    if kind == IterKind::Tuple as i64 {
        let tuple = it.source.downcast::<TupleObj>()?;
        return Some((tuple.items.len() as i64 - index).max(0));
    }
    if kind == IterKind::Str as i64 {
        let text = it.source.downcast::<StrObj>()?;
        return Some(text.as_str().get(index as usize..)?.chars().count() as i64);
    }
    if kind == IterKind::Range as i64 {
        let (left, step) = (it.stop - index, it.step);
        let count = match step {
            s if s > 0 && left > 0 => (left - 1) / s + 1,
            s if s < 0 && left < 0 => (left + 1) / s + 1,
            _ => 0,
        };
        return Some(count);
    }
    None
}

/// The next item of an iterator, `None` at its end.
pub fn next(iterator: Value) -> PyResult<Option<Value>> {
    let Some(it) = iterator.downcast::<IterObj>() else {
        if let Some(file) = iterator.downcast::<FileObj>() {
            return crate::runtime::files::next_line(file);
        }
        if let Some(generator) = iterator.downcast::<GeneratorObj>() {
            return match resume(generator, none(), false)? {
                Resumed::Yielded(value) => Ok(Some(value)),
                Resumed::Returned(_) => Ok(None),
            };
        }
        return next_of_instance(iterator);
    };
    let index = it.index.get();
    let kind = it.kind;
    if kind == IterKind::Range as i64 {
        let more = if it.step > 0 {
            index < it.stop
        } else {
            index > it.stop
        };
        if !more {
            return Ok(None);
        }
        it.index.set(index.saturating_add(it.step));
        return Ok(Some(new_int(index)));
    }
    if kind == IterKind::List as i64 {
        let list = it
            .source
            .downcast::<ListObj>()
            .expect("a list iterator's list");
        return Ok(list
            .items
            .try_get(index as usize)
            .inspect(|_| it.index.set(index + 1)));
    }
    if kind == IterKind::Deque as i64 || kind == IterKind::DequeReversed as i64 {
        return crate::runtime::modules::deque::iter_next(
            it,
            kind == IterKind::DequeReversed as i64,
        );
    }
    if kind == IterKind::ReversedList as i64 {
        let list = it
            .source
            .downcast::<ListObj>()
            .expect("a reversed list iterator's list");
        // An index past a list that shrank ends the iteration.
        let item = usize::try_from(index)
            .ok()
            .and_then(|i| list.items.try_get(i));
        it.index.set(if item.is_some() { index - 1 } else { -1 });
        return Ok(item);
    }
    if kind == IterKind::Tuple as i64 {
        let tuple = it
            .source
            .downcast::<TupleObj>()
            .expect("a tuple iterator's tuple");
        return Ok(tuple
            .items
            .try_get(index as usize)
            .inspect(|_| it.index.set(index + 1)));
    }
    if kind == IterKind::Str as i64 {
        let s = it
            .source
            .downcast::<StrObj>()
            .expect("a str iterator's str");
        let text = s.as_str();
        let Some(c) = text
            .get(index as usize..)
            .and_then(|rest| rest.chars().next())
        else {
            return Ok(None);
        };
        it.index.set(index + c.len_utf8() as i64);
        return Ok(Some(new_str(c.encode_utf8(&mut [0; 4]))));
    }
    if kind == IterKind::Set as i64 {
        return next_of_set(it);
    }
    if kind == IterKind::Sequence as i64 {
        if index < 0 {
            return Ok(None);
        }
        return match crate::runtime::ops::get_item(it.source, new_int(index)) {
            Ok(item) => {
                it.index.set(index + 1);
                Ok(Some(item))
            }
            Err(error)
                if is_subclass(error.cls, builtin_type(TypeId::IndexError))
                    || is_subclass(error.cls, builtin_type(TypeId::StopIteration)) =>
            {
                it.index.set(-1);
                Ok(None)
            }
            Err(error) => Err(error),
        };
    }
    for adapter in [
        IterKind::Enumerate,
        IterKind::Zip,
        IterKind::Map,
        IterKind::Filter,
    ] {
        if kind == adapter as i64 {
            return next_of_adapter(it, adapter);
        }
    }
    if kind == IterKind::Bytes as i64 {
        let byte = match it.source.downcast::<BytesObj>() {
            Some(b) => b.data.try_get(index as usize),
            None => it
                .source
                .downcast::<ByteArrayObj>()
                .and_then(|a| a.data.try_get(index as usize)),
        };
        return Ok(byte.map(|b| {
            it.index.set(index + 1);
            new_int(i64::from(b))
        }));
    }
    let dict = it
        .source
        .downcast::<DictObj>()
        .expect("a dict iterator's dict");
    let table = dict.table;
    // As CPython's: a dict whose size changed since the iterator was made raises, and keeps
    // raising (index -2 from then on).
    if index == -2 || table.len() as i64 != it.stop {
        it.index.set(-2);
        return Err(exception(
            TypeId::RuntimeError,
            "dictionary changed size during iteration",
        ));
    }
    // Forwards, or backwards (step -1, from `reversed()`; index -1 when done).
    let mut slot = index;
    while slot >= 0 && (slot as usize) < table.entry_slots() {
        if let Some((key, value)) = table.entry_at(slot as usize) {
            it.index.set(if it.step < 0 { slot - 1 } else { slot + 1 });
            return Ok(Some(match kind {
                k if k == IterKind::DictValues as i64 => value,
                k if k == IterKind::DictItems as i64 => {
                    let pair = GcVec::with_capacity(2);
                    pair.push(key);
                    pair.push(value);
                    new_tuple(pair)
                }
                _ => key,
            }));
        }
        slot += if it.step < 0 { -1 } else { 1 };
    }
    it.index.set(slot);
    Ok(None)
}

/// The next element of a set iterator: the next occupied slot; a set whose size changed
/// since the iterator was made raises `RuntimeError` (index -2 from then on; -1: done).
fn next_of_set(it: Gc<IterObj>) -> PyResult<Option<Value>> {
    use crate::runtime::set;
    let source = it
        .source
        .downcast::<SetObj>()
        .expect("a set iterator's set");
    let index = it.index.get();
    if index == -1 {
        return Ok(None);
    }
    if index == -2 || set::len(source) != it.stop {
        it.index.set(-2);
        return Err(exception(
            TypeId::RuntimeError,
            "Set changed size during iteration",
        ));
    }
    let slots = source.keys.get().len();
    let mut slot = index as usize;
    while slot < slots {
        if let Some((key, _)) = set::entry_at(source, slot) {
            it.index.set(slot as i64 + 1);
            return Ok(Some(key));
        }
        slot += 1;
    }
    it.index.set(-1);
    Ok(None)
}

/// `next()` of an instance: its `__next__`, with `StopIteration` as the end.
fn next_of_instance(iterator: Value) -> PyResult<Option<Value>> {
    let method = iterator
        .downcast::<InstanceObj>()
        .and_then(|i| lookup_in_mro(i.cls, "__next__"));
    let Some(method) = method else {
        return type_error(format!(
            "'{}' object is not an iterator",
            type_name(iterator)
        ));
    };
    match call_special(method, iterator, &[]) {
        Ok(value) => Ok(Some(value)),
        Err(error) if is_subclass(error.cls, builtin_type(TypeId::StopIteration)) => Ok(None),
        Err(error) => Err(error),
    }
}

/// All the items of an iterable.
pub fn collect(iterable: Value) -> PyResult<Gc<GcVec<Value>>> {
    let items = GcVec::new();
    extend(items, iterable)?;
    Ok(items)
}

/// Appends all the items of an iterable.
pub fn extend(items: Gc<GcVec<Value>>, iterable: Value) -> PyResult<()> {
    if let Some(list) = iterable.downcast::<ListObj>() {
        let len = list.items.len();
        for i in 0..len {
            items.push(list.items.get(i));
        }
        return Ok(());
    }
    if let Some(tuple) = iterable.downcast::<TupleObj>() {
        for i in 0..tuple.items.len() {
            items.push(tuple.items.get(i));
        }
        return Ok(());
    }
    let iterator = get_iter(iterable)?;
    while let Some(item) = next(iterator)? {
        items.push(item);
    }
    Ok(())
}
