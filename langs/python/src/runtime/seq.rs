//! Sequences: indexing and slicing lists, tuples, strs and ranges with CPython's index
//! rules and errors; `+` and `*` of sequences; item assignment and deletion of lists.

use jitgen_core::gc::{Gc, GcVec};

use crate::bytecode::BinaryKind;
use crate::runtime::call::Args;
use crate::runtime::numbers::{as_index, as_num, Num};
use crate::runtime::objects::*;
use crate::runtime::values::*;

/// The number of values of a range.
pub fn range_len(range: Gc<RangeObj>) -> i64 {
    let (start, stop, step) = (range.start as i128, range.stop as i128, range.step as i128);
    let len = if step > 0 && start < stop {
        (stop - start + step - 1) / step
    } else if step < 0 && start > stop {
        (start - stop - step - 1) / -step
    } else {
        0
    };
    len as i64
}

/// Whether a range holds `value`.
pub fn range_contains(range: Gc<RangeObj>, value: i64) -> bool {
    let (start, stop, step) = (range.start, range.stop, range.step);
    let inside = if step > 0 {
        start <= value && value < stop
    } else {
        stop < value && value <= start
    };
    inside && (value as i128 - start as i128) % step as i128 == 0
}

/// `range.index(x)` (or `range.count(x)` when `!index`): computed for ints and bools,
/// searched by `==` for other values.
pub fn range_search(index: bool, range: Gc<RangeObj>, args: &Args) -> PyResult<Value> {
    let name = if index { "range.index" } else { "range.count" };
    crate::runtime::builtins::arity(name, args, 1, 1)?;
    let x = args.get(0);
    let found = match as_num(x) {
        Some(Num::Int(i)) => Some(
            range_contains(range, i)
                .then(|| ((i as i128 - range.start as i128) / range.step as i128) as i64),
        ),
        Some(Num::Big(_)) => Some(None),
        _ => None,
    };
    if let Some(position) = found {
        return match (position, index) {
            (Some(at), true) => Ok(new_int(at)),
            (None, true) => value_error(format!(
                "{} is not in range",
                crate::runtime::text::to_repr(x)?
            )),
            (position, false) => Ok(new_int(i64::from(position.is_some()))),
        };
    }
    let mut count = 0;
    for i in 0..range_len(range) {
        let item = new_int(range.start + i * range.step);
        if crate::runtime::ops::values_equal(item, x)? {
            if index {
                return Ok(new_int(i));
            }
            count += 1;
        }
    }
    match index {
        true => value_error("sequence.index(x): x not in sequence".into()),
        false => Ok(new_int(count)),
    }
}

/// `slice.indices(length)`: the slice's start, stop and step applied to `length` items.
pub fn slice_indices_of(slice: Gc<SliceObj>, args: &Args) -> PyResult<Value> {
    crate::runtime::builtins::arity("slice.indices", args, 1, 1)?;
    let length = crate::runtime::builtins::int_arg(args.get(0), "")?;
    if length < 0 {
        return value_error("length should not be negative".into());
    }
    let (start, stop, step, _) = slice_indices(slice, length as usize)?;
    let parts = GcVec::with_capacity(3);
    parts.push(new_int(start));
    parts.push(new_int(stop));
    // A step too big for an i64 (taken as i64::MAX above) is given back as it was.
    parts.push(match as_num(slice.step) {
        Some(Num::Big(_)) => slice.step,
        _ => new_int(step),
    });
    Ok(new_tuple(parts))
}

/// An index as an `i64` (ints, bools, derived ints; `__index__` not yet), or the
/// `TypeError`.
pub fn index_value(index: Value, what: &str) -> PyResult<i64> {
    match as_index(index) {
        Some(Num::Int(i)) => Ok(i),
        Some(Num::Big(_)) => Err(exception(
            TypeId::IndexError,
            "cannot fit 'int' into an index-sized integer",
        )),
        _ => type_error(format!(
            "{what} indices must be integers or slices, not {}",
            type_name(index)
        )),
    }
}

/// A normalized index into a sequence of `len` items.
pub fn normalize(i: i64, len: usize, what: &str) -> PyResult<usize> {
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        return index_error(&format!("{what} index out of range"));
    }
    Ok(j as usize)
}

/// The start, stop and step of a slice applied to `len` items (CPython's
/// `PySlice_AdjustIndices`), and the number of items it selects.
pub fn slice_indices(slice: Gc<SliceObj>, len: usize) -> PyResult<(i64, i64, i64, usize)> {
    let part = |value: Value| -> PyResult<Option<i64>> {
        if is_none(value) {
            return Ok(None);
        }
        match as_index(value) {
            Some(Num::Int(i)) => Ok(Some(i)),
            Some(Num::Big(b)) => Ok(Some(if b.sign() == num_bigint::Sign::Minus {
                i64::MIN
            } else {
                i64::MAX
            })),
            _ => type_error(
                "slice indices must be integers or None or have an __index__ method".into(),
            ),
        }
    };
    let step = part(slice.step)?.unwrap_or(1);
    if step == 0 {
        return value_error("slice step cannot be zero".into());
    }
    let len = len as i64;
    let clamp = |value: Option<i64>, default: i64| -> i64 {
        match value {
            None => default,
            Some(v) if v < 0 => {
                let v = v.saturating_add(len);
                if v < 0 {
                    if step < 0 {
                        -1
                    } else {
                        0
                    }
                } else {
                    v
                }
            }
            Some(v) if v >= len => {
                if step < 0 {
                    len - 1
                } else {
                    len
                }
            }
            Some(v) => v,
        }
    };
    let (start, stop) = if step > 0 {
        (clamp(part(slice.start)?, 0), clamp(part(slice.stop)?, len))
    } else {
        (
            clamp(part(slice.start)?, len - 1),
            clamp(part(slice.stop)?, -1),
        )
    };
    let count = if step > 0 && start < stop {
        (stop - start - 1) / step + 1
    } else if step < 0 && stop < start {
        (start - stop - 1) / -step + 1
    } else {
        0
    };
    Ok((start, stop, step, count as usize))
}

/// `container[index]` for lists, tuples, strs and ranges (`None` for other types).
pub fn get_item(container: Value, index: Value) -> PyResult<Option<Value>> {
    let slice = index.downcast::<SliceObj>();
    if let Some(list) = container.downcast::<ListObj>() {
        let items = list.items;
        if let Some(slice) = slice {
            let (start, _, step, count) = slice_indices(slice, items.len())?;
            let out = GcVec::with_capacity(count);
            for k in 0..count {
                out.push(items.get((start + k as i64 * step) as usize));
            }
            return Ok(Some(new_list(out)));
        }
        let i = normalize(index_value(index, "list")?, items.len(), "list")?;
        return Ok(Some(items.get(i)));
    }
    if let Some(tuple) = container.downcast::<TupleObj>() {
        let items = tuple.items;
        if let Some(slice) = slice {
            let (start, _, step, count) = slice_indices(slice, items.len())?;
            let out = GcVec::with_capacity(count);
            for k in 0..count {
                out.push(items.get((start + k as i64 * step) as usize));
            }
            return Ok(Some(new_tuple(out)));
        }
        let i = normalize(index_value(index, "tuple")?, items.len(), "tuple")?;
        return Ok(Some(items.get(i)));
    }
    if let Some(s) = container.downcast::<StrObj>() {
        let chars: Vec<char> = s.as_str().chars().collect();
        if let Some(slice) = slice {
            let (start, _, step, count) = slice_indices(slice, chars.len())?;
            let text: String = (0..count)
                .map(|k| chars[(start + k as i64 * step) as usize])
                .collect();
            return Ok(Some(new_str(&text)));
        }
        let i = normalize(index_value(index, "string")?, chars.len(), "string")?;
        return Ok(Some(new_str(&chars[i].to_string())));
    }
    if let Some(range) = container.downcast::<RangeObj>() {
        let len = range_len(range) as usize;
        if let Some(slice) = slice {
            let (start, stop, step, _) = slice_indices(slice, len)?;
            let at = |k: i64| range.start + k * range.step;
            return Ok(Some(
                Gc::new(RangeObj {
                    start: at(start),
                    stop: at(stop),
                    step: range.step * step,
                })
                .erase(),
            ));
        }
        let i = normalize(index_value(index, "range object")?, len, "range object")?;
        return Ok(Some(new_int(range.start + i as i64 * range.step)));
    }
    Ok(None)
}

/// `list[index] = value` (slices with step 1 replace a run).
pub fn list_set_item(list: Gc<ListObj>, index: Value, value: Value) -> PyResult<()> {
    let items = list.items;
    if let Some(slice) = index.downcast::<SliceObj>() {
        let (start, stop, step, count) = slice_indices(slice, items.len())?;
        let new_items = crate::runtime::iter::collect(value)?;
        if step != 1 {
            if new_items.len() != count {
                return value_error(format!(
                    "attempt to assign sequence of size {} to extended slice of size {count}",
                    new_items.len()
                ));
            }
            for k in 0..count {
                items.set((start + k as i64 * step) as usize, new_items.get(k));
            }
            return Ok(());
        }
        let stop = stop.max(start) as usize;
        let start = start as usize;
        for _ in start..stop {
            items.remove(start);
        }
        for k in 0..new_items.len() {
            items.insert(start + k, new_items.get(k));
        }
        return Ok(());
    }
    let i = index_value(index, "list")?;
    let j = if i < 0 { i + items.len() as i64 } else { i };
    if j < 0 || j >= items.len() as i64 {
        return index_error("list assignment index out of range");
    }
    items.set(j as usize, value);
    Ok(())
}

/// The positions `del seq[slice]` removes from a sequence of `len` items, highest first
/// (so removing them in order leaves the lower ones in place).
pub fn deleted_positions(slice: Gc<SliceObj>, len: usize) -> PyResult<Vec<usize>> {
    let (start, _, step, count) = slice_indices(slice, len)?;
    let mut positions: Vec<usize> = (0..count)
        .map(|k| (start + k as i64 * step) as usize)
        .collect();
    positions.sort_unstable_by(|a, b| b.cmp(a));
    Ok(positions)
}

/// `del list[index]`.
pub fn list_del_item(list: Gc<ListObj>, index: Value) -> PyResult<()> {
    let items = list.items;
    if let Some(slice) = index.downcast::<SliceObj>() {
        for at in deleted_positions(slice, items.len())? {
            items.remove(at);
        }
        return Ok(());
    }
    let i = index_value(index, "list")?;
    let j = if i < 0 { i + items.len() as i64 } else { i };
    if j < 0 || j >= items.len() as i64 {
        return index_error("list assignment index out of range");
    }
    items.remove(j as usize);
    Ok(())
}

/// `+` and `*` of strs, lists and tuples (`None` when they do not apply).
pub fn sequence_binary(
    kind: BinaryKind,
    a: Value,
    b: Value,
    inplace: bool,
) -> PyResult<Option<Value>> {
    match kind {
        BinaryKind::Add => {
            if let (Some(x), Some(y)) = (a.downcast::<StrObj>(), b.downcast::<StrObj>()) {
                return Ok(Some(new_str(&format!("{}{}", x.as_str(), y.as_str()))));
            }
            if let (Some(x), Some(y)) = (a.downcast::<ListObj>(), b.downcast::<ListObj>()) {
                if inplace {
                    let extra_len = y.items.len();
                    for i in 0..extra_len {
                        x.items.push(y.items.get(i));
                    }
                    return Ok(Some(a));
                }
                let out = GcVec::with_capacity(x.items.len() + y.items.len());
                for i in 0..x.items.len() {
                    out.push(x.items.get(i));
                }
                for i in 0..y.items.len() {
                    out.push(y.items.get(i));
                }
                return Ok(Some(new_list(out)));
            }
            if let (Some(x), true) = (a.downcast::<ListObj>(), inplace) {
                if b.is::<TupleObj>() || b.is::<RangeObj>() || b.is::<StrObj>() || b.is::<DictObj>()
                {
                    crate::runtime::iter::extend(x.items, b)?;
                    return Ok(Some(a));
                }
            }
            if let (Some(x), Some(y)) = (a.downcast::<TupleObj>(), b.downcast::<TupleObj>()) {
                let out = GcVec::with_capacity(x.items.len() + y.items.len());
                for i in 0..x.items.len() {
                    out.push(x.items.get(i));
                }
                for i in 0..y.items.len() {
                    out.push(y.items.get(i));
                }
                return Ok(Some(new_tuple(out)));
            }
            if a.is::<StrObj>() && !b.is::<StrObj>() && !b.is::<InstanceObj>() {
                return type_error(format!(
                    "can only concatenate str (not \"{}\") to str",
                    type_name(b)
                ));
            }
            if a.is::<ListObj>() && !b.is::<InstanceObj>() {
                return type_error(format!(
                    "can only concatenate list (not \"{}\") to list",
                    type_name(b)
                ));
            }
            if a.is::<TupleObj>() && !b.is::<InstanceObj>() {
                return type_error(format!(
                    "can only concatenate tuple (not \"{}\") to tuple",
                    type_name(b)
                ));
            }
            Ok(None)
        }
        BinaryKind::Mul => {
            let is_seq = |v: Value| v.is::<StrObj>() || v.is::<ListObj>() || v.is::<TupleObj>();
            let (seq, count) = match (as_num(a), as_num(b)) {
                (_, Some(Num::Int(n))) if is_seq(a) => (a, n),
                (Some(Num::Int(n)), _) if is_seq(b) => (b, n),
                (_, Some(Num::Big(_))) if is_seq(a) => {
                    return Err(exception(
                        TypeId::OverflowError,
                        "cannot fit 'int' into an index-sized integer",
                    ))
                }
                _ if is_seq(a) && !b.is::<InstanceObj>() => {
                    return type_error(format!(
                        "can't multiply sequence by non-int of type '{}'",
                        type_name(b)
                    ))
                }
                _ if is_seq(b) && !a.is::<InstanceObj>() => {
                    return type_error(format!(
                        "can't multiply sequence by non-int of type '{}'",
                        type_name(a)
                    ))
                }
                _ => return Ok(None),
            };
            let count = count.max(0) as usize;
            if let Some(s) = seq.downcast::<StrObj>() {
                check_result_size(s.as_str().len().saturating_mul(count))?;
                return Ok(Some(new_str(&s.as_str().repeat(count))));
            }
            let (items, tuple) = match (seq.downcast::<ListObj>(), seq.downcast::<TupleObj>()) {
                (Some(list), _) => (crate::runtime::iter::collect(list.erase())?, false),
                (_, Some(t)) => (crate::runtime::iter::collect(t.erase())?, true),
                _ => return Ok(None),
            };
            if items.len().saturating_mul(count) > 1 << 28 {
                return Err(exception(TypeId::MemoryError, ""));
            }
            let out = GcVec::with_capacity(items.len() * count);
            for _ in 0..count {
                for i in 0..items.len() {
                    out.push(items.get(i));
                }
            }
            if inplace {
                if let Some(list) = seq.downcast::<ListObj>() {
                    list.items.clear();
                    for i in 0..out.len() {
                        list.items.push(out.get(i));
                    }
                    return Ok(Some(seq));
                }
            }
            Ok(Some(if tuple { new_tuple(out) } else { new_list(out) }))
        }
        _ => Ok(None),
    }
}

/// The `start` and `end` arguments (from argument `first` on; `None` or missing: the whole)
/// of a search in a sequence of `len` elements, adjusted as CPython's `ADJUST_INDICES`: a
/// start past the end stays past it (`len + 1`), so the search finds nothing.
pub(crate) fn search_bounds(args: &Args, first: usize, len: usize) -> PyResult<(usize, usize)> {
    let bound = |i: usize, default: i64| -> PyResult<i64> {
        if args.npos <= i || is_none(args.get(i)) {
            return Ok(default);
        }
        match as_index(args.get(i)) {
            Some(Num::Int(v)) => Ok(v),
            _ => type_error(
                "slice indices must be integers or None or have an __index__ method".into(),
            ),
        }
    };
    // As CPython's ADJUST_INDICES: a start past the end stays past it (len + 1 here).
    let clamp = |v: i64, most: i64| -> usize {
        let v = if v < 0 { v + len as i64 } else { v };
        v.clamp(0, most) as usize
    };
    let start = bound(first, 0)?;
    let end = bound(first + 1, len as i64)?;
    Ok((clamp(start, len as i64 + 1), clamp(end, len as i64)))
}
