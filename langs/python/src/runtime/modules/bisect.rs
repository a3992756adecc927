//! The `bisect` module: binary search in a sorted sequence (`bisect_left`,
//! `bisect_right`), and insertion keeping it sorted (`insort_left`, `insort_right`), with
//! 3.11's `lo`/`hi`/`key` parameters and errors. Items are read with `seq[i]` and compared
//! with `<` only, the searched value on the left for `bisect_right` and on the right for
//! `bisect_left`, as CPython's `_bisect` does.

use jitgen_core::gc::Gc;

use crate::bytecode::CompareKind;
use crate::runtime::builtins::{bind, builtin_name, int_arg, Builtin};
use crate::runtime::call::{call_simple, Args};
use crate::runtime::derived::builtin_value;
use crate::runtime::dict::{dict_get_str, dict_set_str};
use crate::runtime::objects::*;
use crate::runtime::ops::{self, compare, is_true};
use crate::runtime::values::*;

/// The functions of `bisect` (`bisect` and `insort` are the `_right` ones under a second
/// name, as in CPython).
pub const FUNCTIONS: &[Builtin] = &[
    Builtin::BisectLeft,
    Builtin::BisectRight,
    Builtin::InsortLeft,
    Builtin::InsortRight,
];

/// Calls a function of `bisect`.
pub fn call(id: Builtin, args: Args) -> PyResult<Value> {
    let name = builtin_name(id as i64);
    let [seq, x, lo, hi, key] = bind(name, &args, ["a", "x", "lo", "hi", "key"], 4)?;
    let Some(seq) = seq else {
        return missing(name, "a", 1);
    };
    let Some(x) = x else {
        return missing(name, "x", 2);
    };
    let lo = match lo {
        Some(lo) => int_arg(lo, "")?,
        None => 0,
    };
    if lo < 0 {
        return value_error("lo must be non-negative".into());
    }
    // `hi` None, or -1, is the sequence's length.
    let hi = match hi {
        Some(hi) if !is_none(hi) => int_arg(hi, "")?,
        _ => -1,
    };
    let hi = if hi == -1 { ops::len(seq)? } else { hi };
    let key = key.filter(|&k| !is_none(k));
    let left = matches!(id, Builtin::BisectLeft | Builtin::InsortLeft);
    if matches!(id, Builtin::BisectLeft | Builtin::BisectRight) {
        return search(seq, x, lo, hi, key, left).map(new_int);
    }
    let target = match key {
        Some(key) => call_simple(key, &[x])?,
        None => x,
    };
    let index = search(seq, target, lo, hi, key, left)?;
    match builtin_value(seq).downcast::<ListObj>() {
        Some(list) if !seq.is::<InstanceObj>() => {
            let at = index.min(list.items.len() as i64);
            list.items.insert(at as usize, x);
        }
        _ => {
            let insert = crate::runtime::attr::get_attr(seq, StrObj::new("insert"))?;
            call_simple(insert, &[new_int(index), x])?;
        }
    }
    Ok(none())
}

/// The `TypeError` of a required argument not given.
fn missing(name: &str, parameter: &str, position: usize) -> PyResult<Value> {
    type_error(format!(
        "{name}() missing required argument '{parameter}' (pos {position})"
    ))
}

/// The index in `seq[lo:hi]` where `x` goes: before the items equal to it (`left`) or
/// after them, comparing `key(item)` when a key is given.
fn search(
    seq: Value,
    x: Value,
    mut lo: i64,
    mut hi: i64,
    key: Option<Value>,
    left: bool,
) -> PyResult<i64> {
    while lo < hi {
        let mid = ((lo as u64 + hi as u64) / 2) as i64;
        let mut item = item_at(seq, mid)?;
        if let Some(key) = key {
            item = call_simple(key, &[item])?;
        }
        let goes_right = if left {
            compare(CompareKind::Lt, item, x).and_then(is_true)?
        } else {
            !compare(CompareKind::Lt, x, item).and_then(is_true)?
        };
        if goes_right {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    Ok(lo)
}

/// `seq[index]` (a list's item directly).
fn item_at(seq: Value, index: i64) -> PyResult<Value> {
    let list: Option<Gc<ListObj>> = seq.downcast::<ListObj>();
    match list {
        Some(list) if (index as usize) < list.items.len() => Ok(list.items.get(index as usize)),
        _ => ops::get_item(seq, new_int(index)),
    }
}

/// Adds `bisect` and `insort`, the `_right` functions under second names.
pub fn fill(dict: Gc<DictObj>) {
    for (alias, name) in [("bisect", "bisect_right"), ("insort", "insort_right")] {
        if let Some(function) = dict_get_str(dict, name) {
            dict_set_str(dict, alias, function);
        }
    }
}
