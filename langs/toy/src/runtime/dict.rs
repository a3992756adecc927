//! Dicts (`DictObj`) on the GC's insertion-ordered hash table. Keys are any values and
//! compare as `==` does: numbers by value (`1` and `1.0` are one key), strings by content,
//! everything else by identity; [`key_hash`] agrees with that equality.

use jitgen_core::gc::{Gc, GcTable, GcVec};

use crate::runtime::builtins::Builtin;
use crate::runtime::format::{to_repr, type_name};
use crate::runtime::objects::{ArrayObj, DictObj, FloatObj, Frame, IntObj, StrObj, Value};
use crate::runtime::values::{runtime_error, values_equal, ToyResult, TWO_POW_63};

/// A key's hash: equal keys (by `==`) hash alike.
fn key_hash(key: Value) -> u64 {
    const MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;
    if let Some(i) = key.downcast::<IntObj>() {
        return (i.value as u64).wrapping_mul(MULTIPLIER);
    }
    if let Some(f) = key.downcast::<FloatObj>() {
        let x = f.value;
        // An integral float is the same key as the int.
        if x.fract() == 0.0 && (-TWO_POW_63..TWO_POW_63).contains(&x) {
            return (x as i64 as u64).wrapping_mul(MULTIPLIER);
        }
        return x.to_bits().wrapping_mul(MULTIPLIER);
    }
    if let Some(s) = key.downcast::<StrObj>() {
        // FNV-1a.
        return s.as_str().bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        });
    }
    (key.addr() as u64 >> 3).wrapping_mul(MULTIPLIER)
}

/// The entry slot of `key`, if present.
fn find(dict: Gc<DictObj>, key: Value) -> Option<usize> {
    let found: Result<_, ()> = dict
        .table
        .find_with(key_hash(key), |k| Ok(k == key || values_equal(k, key)));
    found.ok().flatten()
}

/// The error of a missing key.
fn missing_key(key: Value) -> Gc<crate::runtime::objects::ErrorObj> {
    runtime_error(format!("key not found: {}", to_repr(key)))
}

/// `dict[key]`.
#[jitgen_core::dont_look_inside]
pub fn dict_get(dict: Gc<DictObj>, key: Value) -> ToyResult<Value> {
    match find(dict, key) {
        Some(slot) => Ok(dict.table.entry_at(slot).map_or(key, |(_, v)| v)),
        None => Err(missing_key(key)),
    }
}

/// `dict[key] = value`.
#[jitgen_core::dont_look_inside]
pub fn dict_set(dict: Gc<DictObj>, key: Value, value: Value) {
    match find(dict, key) {
        Some(slot) => dict.table.set_value_at(slot, value),
        None => dict.table.insert_new(key_hash(key), key, value),
    }
}

/// `key in dict`.
#[jitgen_core::dont_look_inside]
pub fn dict_contains(dict: Gc<DictObj>, key: Value) -> bool {
    find(dict, key).is_some()
}

/// Pops `count` key/value pairs (keys and values alternating, in push order) into a new
/// dict; a later duplicate key overwrites the earlier value.
#[jitgen_core::dont_look_inside]
pub fn make_dict(frame: Gc<Frame>, count: usize) -> Value {
    let dict = Gc::new(DictObj {
        table: GcTable::new(),
    });
    let base = frame.sp.get() - 2 * count;
    for i in 0..count {
        let key = frame.slots.get(base + 2 * i);
        dict_set(dict, key, frame.slots.get(base + 2 * i + 1));
    }
    frame.sp.set(base);
    dict.erase()
}

/// The dict argument of `builtin`, else its error.
fn expect_dict(builtin: Builtin, value: Value) -> ToyResult<Gc<DictObj>> {
    value.downcast::<DictObj>().ok_or_else(|| {
        runtime_error(format!(
            "{}() expects a dict, got {}",
            builtin.name(),
            type_name(value)
        ))
    })
}

/// The keys (`want_keys`) or values of a dict as a new array, in insertion order.
fn entries(builtin: Builtin, value: Value, want_keys: bool) -> ToyResult<Value> {
    let dict = expect_dict(builtin, value)?;
    let items = GcVec::with_capacity(dict.table.len());
    for slot in 0..dict.table.entry_slots() {
        if let Some((k, v)) = dict.table.entry_at(slot) {
            items.push(if want_keys { k } else { v });
        }
    }
    Ok(Gc::new(ArrayObj { items }).erase())
}

/// `keys(d)`.
pub fn keys(builtin: Builtin, dict: Value) -> ToyResult<Value> {
    entries(builtin, dict, true)
}

/// `values(d)`.
pub fn values(builtin: Builtin, dict: Value) -> ToyResult<Value> {
    entries(builtin, dict, false)
}

/// `get(d, key, default)`.
pub fn get_or(builtin: Builtin, dict: Value, key: Value, default: Value) -> ToyResult<Value> {
    let dict = expect_dict(builtin, dict)?;
    Ok(find(dict, key)
        .and_then(|slot| dict.table.entry_at(slot))
        .map_or(default, |(_, v)| v))
}

/// `remove(d, key)`: deletes the entry, returns its value.
pub fn remove(builtin: Builtin, dict: Value, key: Value) -> ToyResult<Value> {
    let dict = expect_dict(builtin, dict)?;
    match find(dict, key) {
        Some(slot) => Ok(dict.table.remove_at(slot).1),
        None => Err(missing_key(key)),
    }
}
