//! Dicts on the GC's insertion-ordered table: Python's hashing (numbers equal across int,
//! bool and float hash alike, strs and bytes by CPython's siphash, tuples by their items, other objects by
//! identity) and `==` between keys.

use jitgen_core::gc::{Gc, GcTable};
use num_bigint::BigInt;
use num_traits::ToPrimitive;

use crate::runtime::numbers::{as_num, Num};
use crate::runtime::objects::*;
use crate::runtime::ops::values_equal;
use crate::runtime::values::*;

/// CPython's modulus of numeric hashes (2**61 - 1).
const MODULUS: u64 = (1 << 61) - 1;

/// `a | b` of two dicts (a new dict: `a`'s entries updated by `b`'s) and `a |= b` (`a`
/// updated by a dict or by pairs); `None` for other operands.
pub fn binary(
    kind: crate::bytecode::BinaryKind,
    a: Value,
    b: Value,
    inplace: bool,
) -> PyResult<Option<Value>> {
    use crate::runtime::methods::update_from;
    let Some(dict) = a.downcast::<DictObj>() else {
        return Ok(None);
    };
    if kind != crate::bytecode::BinaryKind::Or {
        return Ok(None);
    }
    if inplace {
        update_from(dict, b)?;
        return Ok(Some(a));
    }
    if !b.is::<DictObj>() {
        return Ok(None);
    }
    let merged = new_dict();
    update_from(merged, a)?;
    update_from(merged, b)?;
    Ok(Some(merged.erase()))
}

/// An empty dict.
pub fn new_dict() -> Gc<DictObj> {
    Gc::new(DictObj {
        table: GcTable::new(),
    })
}

/// `hash(key)` as CPython computes it for numbers, strs (`siphash`) and tuples; objects of
/// classes defined in Python by their `__hash__`, else by identity. Unhashable values
/// (lists, dicts, instances whose `__hash__` is `None`) raise `TypeError`.
pub fn hash_value(key: Value) -> PyResult<i64> {
    // Strs first: names and most keys are strs, and their hashes are kept.
    if let Some(s) = key.downcast::<StrObj>() {
        return Ok(s.hash());
    }
    if let Some(num) = as_num(key) {
        return Ok(hash_num(&num));
    }
    if let Some(z) = key.downcast::<ComplexObj>() {
        return Ok(crate::runtime::complex::hash(z, |x| {
            hash_num(&Num::Float(x))
        }));
    }
    if let Some(tuple) = key.downcast::<TupleObj>() {
        // CPython's xxHash-based tuple hash.
        const P1: u64 = 11400714785074694791;
        const P2: u64 = 14029467366897019727;
        const P5: u64 = 2870177450012600261;
        let mut acc = P5;
        for i in 0..tuple.items.len() {
            let lane = hash_value(tuple.items.get(i))? as u64;
            acc = acc.wrapping_add(lane.wrapping_mul(P2));
            acc = acc.rotate_left(31);
            acc = acc.wrapping_mul(P1);
        }
        acc = acc.wrapping_add((tuple.items.len() as u64) ^ (P5 ^ 3527539));
        return Ok(fix_minus_one(acc as i64));
    }
    if let Some(set) = key.downcast::<SetObj>() {
        return crate::runtime::set::hash(set);
    }
    if let Some(b) = key.downcast::<BytesObj>() {
        return Ok(crate::runtime::siphash::hash_bytes(b.data.as_slice()));
    }
    if key.is::<ListObj>()
        || key.is::<DequeObj>()
        || key.is::<DictObj>()
        || key.is::<ByteArrayObj>()
        || key.is::<SliceObj>()
    {
        return type_error(format!("unhashable type: '{}'", type_name(key)));
    }
    if let Some(native) = key.downcast::<BuiltinObj>() {
        return Ok(crate::runtime::native_attrs::native_hash(native));
    }
    if let Some(instance) = key.downcast::<InstanceObj>() {
        match crate::runtime::attr::lookup_in_mro(instance.cls, "__hash__") {
            Some(hash) if is_none(hash) => {
                return type_error(format!("unhashable type: '{}'", type_name(key)));
            }
            Some(hash) => {
                let result = crate::runtime::descriptors::call_special(hash, key, &[])?;
                // As CPython: an int that fits a word is the hash itself (-1 made -2),
                // a bigger one is hashed.
                return match as_num(result) {
                    Some(Num::Int(i)) => Ok(fix_minus_one(i)),
                    Some(big @ Num::Big(_)) => Ok(hash_num(&big)),
                    _ => type_error("__hash__ method should return an integer".into()),
                };
            }
            None => {}
        }
    }
    Ok(identity_hash(key))
}

/// `object.__hash__(value)`: a hash of its identity.
pub fn identity_hash(value: Value) -> i64 {
    (value.addr() >> 4) as i64
}

fn fix_minus_one(h: i64) -> i64 {
    if h == -1 {
        -2
    } else {
        h
    }
}

fn hash_num(num: &Num) -> i64 {
    match num {
        Num::Int(i) => {
            let h = (i.unsigned_abs() % MODULUS) as i64;
            fix_minus_one(if *i < 0 { -h } else { h })
        }
        Num::Big(b) => {
            let m = BigInt::from(MODULUS);
            let h = (b.magnitude() % m.magnitude()).to_i64().unwrap_or(0);
            fix_minus_one(if b.sign() == num_bigint::Sign::Minus {
                -h
            } else {
                h
            })
        }
        Num::Float(f) => hash_float(*f),
    }
}

/// CPython's `_Py_HashDouble` (NaNs hash by identity there; here all alike).
fn hash_float(x: f64) -> i64 {
    if x.is_nan() {
        return 0;
    }
    if x.is_infinite() {
        return if x > 0.0 { 314159 } else { -314159 };
    }
    let (mut m, mut e) = frexp(x.abs());
    let mut h: u64 = 0;
    while m != 0.0 {
        h = ((h << 28) & MODULUS) | h >> (61 - 28);
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        h += y;
        if h >= MODULUS {
            h -= MODULUS;
        }
    }
    let e = if e >= 0 {
        e % 61
    } else {
        61 - 1 - ((-1 - e) % 61)
    };
    h = ((h << e) & MODULUS) | h >> (61 - e);
    let h = if x < 0.0 { -(h as i64) } else { h as i64 };
    fix_minus_one(h)
}

fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 {
        return (0.0, 0);
    }
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    if exponent == 0 {
        let (m, e) = frexp(x * 2f64.powi(54));
        return (m, e - 54);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exponent - 1022)
}

/// The entry slot of `key`.
fn find(dict: Gc<DictObj>, key: Value, hash: i64) -> PyResult<Option<usize>> {
    dict.table.find_with(hash as u64, |k| {
        if k == key {
            Ok(true)
        } else {
            values_equal(k, key)
        }
    })
}

/// `dict[key]`, `None` if absent.
pub fn dict_get(dict: Gc<DictObj>, key: Value) -> PyResult<Option<Value>> {
    let hash = hash_value(key)?;
    Ok(find(dict, key, hash)?
        .and_then(|slot| dict.table.entry_at(slot))
        .map(|(_, v)| v))
}

/// `dict[key] = value`.
pub fn dict_set(dict: Gc<DictObj>, key: Value, value: Value) -> PyResult<()> {
    let hash = hash_value(key)?;
    match find(dict, key, hash)? {
        Some(slot) => dict.table.set_value_at(slot, value),
        None => dict.table.insert_new(hash as u64, key, value),
    }
    Ok(())
}

/// `del dict[key]`; whether it was present.
pub fn dict_remove(dict: Gc<DictObj>, key: Value) -> PyResult<Option<Value>> {
    let hash = hash_value(key)?;
    Ok(find(dict, key, hash)?.map(|slot| dict.table.remove_at(slot).1))
}

/// The value under a str key given as Rust text (attribute and global lookups).
pub fn dict_get_str(dict: Gc<DictObj>, key: &str) -> Option<Value> {
    let probe = new_str(key);
    dict_get(dict, probe).ok().flatten()
}

/// Stores under a str key given as Rust text.
pub fn dict_set_str(dict: Gc<DictObj>, key: &str, value: Value) {
    // Str keys hash and compare without raising.
    let _ = dict_set(dict, new_str(key), value);
}

/// The live entries of a dict, in order: `(slot, key, value)`.
pub fn entries(dict: Gc<DictObj>) -> impl Iterator<Item = (usize, Value, Value)> {
    let table = dict.table;
    (0..table.entry_slots()).filter_map(move |slot| table.entry_at(slot).map(|(k, v)| (slot, k, v)))
}
