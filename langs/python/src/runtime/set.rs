//! `set` and `frozenset` on CPython's set table: open addressing over a power-of-two
//! array, each probe looking at `LINEAR_PROBES` neighbours before jumping on with the
//! perturbed hash, deleted entries left as dummies, CPython's fill limit and growth, its
//! merge, intersection and difference strategies and its frozenset hash -- so a set
//! holding the same ints and strs iterates (and prints) in CPython's order.

use jitgen_core::gc::{Gc, GcArray, GcVec, Mut};

use crate::bytecode::{BinaryKind, CompareKind};
use crate::runtime::builtins::{arity, builtin_name, Builtin};
use crate::runtime::call::Args;
use crate::runtime::dict::{dict_get, entries as dict_entries, hash_value};
use crate::runtime::iter::{get_iter, next};
use crate::runtime::objects::*;
use crate::runtime::ops::values_equal;
use crate::runtime::text::to_repr;
use crate::runtime::values::*;

/// Neighbours a probe inspects before jumping.
const LINEAR_PROBES: usize = 9;
/// How fast the unused hash bits enter the probe sequence.
const PERTURB_SHIFT: u32 = 5;
/// The size of an empty set's table.
const MIN_SIZE: usize = 8;

/// An empty set (`frozen`: a frozenset).
pub fn new_set(frozen: bool) -> Gc<SetObj> {
    Gc::new(SetObj {
        frozen,
        keys: Mut::new(GcArray::new(MIN_SIZE, None)),
        hashes: Mut::new(GcArray::new(MIN_SIZE, 0)),
        fill: Mut::new(0),
        used: Mut::new(0),
        finger: Mut::new(0),
    })
}

/// The marker of a deleted entry (the unbound-variable singleton, never a program's value).
fn dummy() -> Value {
    ctx().unbound
}

/// The number of elements.
pub fn len(set: Gc<SetObj>) -> i64 {
    set.used.get()
}

/// The element at table slot `slot` with its hash, if the slot holds one.
pub fn entry_at(set: Gc<SetObj>, slot: usize) -> Option<(Value, i64)> {
    let key = set.keys.get().try_get(slot).flatten()?;
    (key != dummy()).then(|| (key, set.hashes.get().get(slot)))
}

/// The elements with their hashes, in table order (a snapshot of the current table).
pub fn entries(set: Gc<SetObj>) -> impl Iterator<Item = (Value, i64)> {
    let (keys, hashes, dummy) = (set.keys.get(), set.hashes.get(), dummy());
    (0..keys.len()).filter_map(move |slot| match keys.get(slot) {
        Some(key) if key != dummy => Some((key, hashes.get(slot))),
        _ => None,
    })
}

/// The hash of an element; a (mutable) set looked up as an element stands for the
/// frozenset of its elements, as CPython's `in`, `remove` and `discard` allow.
fn element_hash(key: Value) -> PyResult<(Value, i64)> {
    if let Some(set) = key.downcast::<SetObj>() {
        if !set.frozen {
            let frozen = copy(set, true)?;
            return Ok((frozen.erase(), hash(frozen)?));
        }
    }
    Ok((key, hash_value(key)?))
}

/// The slots CPython probes for `hash` in a table of `mask + 1` slots: from `hash & mask`
/// the slot and up to `LINEAR_PROBES` neighbours (when they fit before the end), then on
/// from `i * 5 + 1 + perturb`, `perturb` losing `PERTURB_SHIFT` bits each time. Endless:
/// the callers stop at an empty slot, which a table below its fill limit always has.
fn probe(hash: i64, mask: usize) -> impl Iterator<Item = usize> {
    let mut i = hash as usize & mask;
    let mut perturb = hash as u64;
    std::iter::from_fn(move || {
        let probes = if i + LINEAR_PROBES <= mask {
            LINEAR_PROBES
        } else {
            0
        };
        let run = i..=i + probes;
        perturb >>= PERTURB_SHIFT;
        i = (i
            .wrapping_mul(5)
            .wrapping_add(1)
            .wrapping_add(perturb as usize))
            & mask;
        Some(run)
    })
    .flatten()
}

/// The slot holding an element equal to `key`, probing as CPython's `set_lookkey` (again
/// from the start if a comparison changed the table).
fn find(set: Gc<SetObj>, key: Value, hash: i64) -> PyResult<Option<usize>> {
    'restart: loop {
        let (keys, hashes) = (set.keys.get(), set.hashes.get());
        for slot in probe(hash, keys.len() - 1) {
            let Some(found) = keys.get(slot) else {
                return Ok(None);
            };
            if hashes.get(slot) == hash {
                if found == key || values_equal(found, key)? {
                    return Ok(Some(slot));
                }
                if !Gc::ptr_eq(set.keys.get(), keys) || keys.get(slot) != Some(found) {
                    continue 'restart;
                }
            }
        }
        unreachable!("a probe sequence is endless");
    }
}

/// Adds `key` (with its hash) unless an equal element is present, reusing the last
/// dummy slot on the probe path and growing the table past 60% fill.
fn add_entry(set: Gc<SetObj>, key: Value, hash: i64) -> PyResult<()> {
    'restart: loop {
        let (keys, hashes) = (set.keys.get(), set.hashes.get());
        let mask = keys.len() - 1;
        let mut free_slot = None;
        for slot in probe(hash, mask) {
            let Some(found) = keys.get(slot) else {
                set.used.set(set.used.get() + 1);
                if let Some(free) = free_slot {
                    keys.set(free, Some(key));
                    hashes.set(free, hash);
                    return Ok(());
                }
                keys.set(slot, Some(key));
                hashes.set(slot, hash);
                set.fill.set(set.fill.get() + 1);
                if (set.fill.get() as usize) * 5 >= mask * 3 {
                    resize(set, grown(set));
                }
                return Ok(());
            };
            let found_hash = hashes.get(slot);
            if found_hash == hash {
                if found == key || values_equal(found, key)? {
                    return Ok(());
                }
                if !Gc::ptr_eq(set.keys.get(), keys) || keys.get(slot) != Some(found) {
                    continue 'restart;
                }
            } else if found_hash == -1 {
                // CPython reuses the last dummy on the probe path.
                free_slot = Some(slot);
            }
        }
        unreachable!("a probe sequence is endless");
    }
}

/// The size a growing table asks for.
fn grown(set: Gc<SetObj>) -> usize {
    let used = set.used.get() as usize;
    if used > 50000 {
        used * 2
    } else {
        used * 4
    }
}

/// Stores an element in a table known to hold no equal one and no dummies.
fn insert_clean(keys: Gc<GcArray<Option<Value>>>, hashes: Gc<GcArray<i64>>, key: Value, hash: i64) {
    if let Some(slot) = probe(hash, keys.len() - 1).find(|&slot| keys.get(slot).is_none()) {
        keys.set(slot, Some(key));
        hashes.set(slot, hash);
    }
}

/// Rebuilds the table with the smallest power-of-two size above `min_used`, dropping
/// the dummies.
fn resize(set: Gc<SetObj>, min_used: usize) {
    let mut size = MIN_SIZE;
    while size <= min_used {
        size <<= 1;
    }
    let (old_keys, old_hashes) = (set.keys.get(), set.hashes.get());
    let keys = GcArray::new(size, None);
    let hashes = GcArray::new(size, 0);
    let dummy = dummy();
    for slot in 0..old_keys.len() {
        if let Some(key) = old_keys.get(slot) {
            if key != dummy {
                insert_clean(keys, hashes, key, old_hashes.get(slot));
            }
        }
    }
    set.keys.set(keys);
    set.hashes.set(hashes);
    set.fill.set(set.used.get());
}

/// Removes the element equal to `key`; whether there was one.
fn discard_entry(set: Gc<SetObj>, key: Value, hash: i64) -> PyResult<bool> {
    let Some(slot) = find(set, key, hash)? else {
        return Ok(false);
    };
    set.keys.get().set(slot, Some(dummy()));
    set.hashes.get().set(slot, -1);
    set.used.set(set.used.get() - 1);
    Ok(true)
}

/// `key in set`.
pub fn contains(set: Gc<SetObj>, key: Value) -> PyResult<bool> {
    let (key, hash) = element_hash(key)?;
    Ok(find(set, key, hash)?.is_some())
}

/// `set.add(key)`.
pub fn add(set: Gc<SetObj>, key: Value) -> PyResult<()> {
    let hash = hash_value(key)?;
    add_entry(set, key, hash)
}

/// `set.discard(key)`; whether it was there.
pub fn discard(set: Gc<SetObj>, key: Value) -> PyResult<bool> {
    let (probe, hash) = element_hash(key)?;
    discard_entry(set, probe, hash)
}

/// Empties the set (back to the smallest table).
pub fn clear(set: Gc<SetObj>) {
    set.keys.set(GcArray::new(MIN_SIZE, None));
    set.hashes.set(GcArray::new(MIN_SIZE, 0));
    set.fill.set(0);
    set.used.set(0);
}

/// `set.pop()`: the first element at or after the finger, which moves past it.
pub fn pop(set: Gc<SetObj>) -> PyResult<Value> {
    if set.used.get() == 0 {
        return Err(exception(TypeId::KeyError, "pop from an empty set"));
    }
    let (keys, dummy) = (set.keys.get(), dummy());
    let mask = keys.len() - 1;
    let mut slot = set.finger.get() as usize & mask;
    loop {
        match keys.get(slot) {
            Some(key) if key != dummy => {
                keys.set(slot, Some(dummy));
                set.hashes.get().set(slot, -1);
                set.used.set(set.used.get() - 1);
                set.finger.set(slot as i64 + 1);
                return Ok(key);
            }
            _ => slot = (slot + 1) & mask,
        }
    }
}

/// Adds the elements of another set (CPython's `set_merge`: a presized table, copied
/// slot for slot when the sizes agree and the source has no dummies).
fn merge(set: Gc<SetObj>, other: Gc<SetObj>) -> PyResult<()> {
    let other_used = other.used.get() as usize;
    if Gc::ptr_eq(set, other) || other_used == 0 {
        return Ok(());
    }
    let mask = set.keys.get().len() - 1;
    if (set.fill.get() as usize + other_used) * 5 >= mask * 3 {
        resize(set, (set.used.get() as usize + other_used) * 2);
    }
    let (keys, hashes) = (set.keys.get(), set.hashes.get());
    let (other_keys, other_hashes) = (other.keys.get(), other.hashes.get());
    if set.fill.get() == 0 && keys.len() == other_keys.len() && other.fill.get() == other.used.get()
    {
        for slot in 0..keys.len() {
            keys.set(slot, other_keys.get(slot));
            hashes.set(slot, other_hashes.get(slot));
        }
        set.fill.set(other.fill.get());
        set.used.set(other.used.get());
        return Ok(());
    }
    if set.fill.get() == 0 {
        for (key, hash) in entries(other) {
            insert_clean(keys, hashes, key, hash);
        }
        set.fill.set(other_used as i64);
        set.used.set(other_used as i64);
        return Ok(());
    }
    for (key, hash) in entries(other) {
        add_entry(set, key, hash)?;
    }
    Ok(())
}

/// Adds the elements of any iterable (`set.update`, `set(iterable)`).
pub fn update(set: Gc<SetObj>, iterable: Value) -> PyResult<()> {
    if let Some(other) = iterable.downcast::<SetObj>() {
        return merge(set, other);
    }
    if let Some(dict) = iterable.downcast::<DictObj>() {
        let size = dict.table.len();
        let mask = set.keys.get().len() - 1;
        if (set.fill.get() as usize + size) * 5 >= mask * 3 {
            resize(set, (set.used.get() as usize + size) * 2);
        }
        for (_, key, _) in dict_entries(dict) {
            add(set, key)?;
        }
        return Ok(());
    }
    let iterator = get_iter(iterable)?;
    while let Some(item) = next(iterator)? {
        add(set, item)?;
    }
    Ok(())
}

/// A new set (or frozenset) of the elements of an iterable.
pub fn from_iterable(iterable: Value, frozen: bool) -> PyResult<Gc<SetObj>> {
    let set = new_set(frozen);
    update(set, iterable)?;
    Ok(set)
}

/// A copy of a set as a set or a frozenset.
pub fn copy(set: Gc<SetObj>, frozen: bool) -> PyResult<Gc<SetObj>> {
    let result = new_set(frozen);
    merge(result, set)?;
    Ok(result)
}

/// `set | other` (a set of `set`'s kind).
pub fn union(set: Gc<SetObj>, other: Value) -> PyResult<Gc<SetObj>> {
    let result = copy(set, set.frozen)?;
    update(result, other)?;
    Ok(result)
}

/// The larger of `a` and `b`, then the other (`a` first when they are as large): a lookup of
/// each element of the smaller one in the larger is the cheaper way round.
fn larger_first(a: Gc<SetObj>, b: Gc<SetObj>) -> (Gc<SetObj>, Gc<SetObj>) {
    match len(b) > len(a) {
        true => (b, a),
        false => (a, b),
    }
}

/// `set & other`: the smaller set's elements found in the larger.
pub fn intersection(set: Gc<SetObj>, other: Value) -> PyResult<Gc<SetObj>> {
    if other == set.erase() {
        return copy(set, set.frozen);
    }
    let result = new_set(set.frozen);
    if let Some(other) = other.downcast::<SetObj>() {
        let (large, small) = larger_first(set, other);
        for (key, hash) in entries(small) {
            if find(large, key, hash)?.is_some() {
                add_entry(result, key, hash)?;
            }
        }
        return Ok(result);
    }
    let iterator = get_iter(other)?;
    while let Some(key) = next(iterator)? {
        let hash = hash_value(key)?;
        if find(set, key, hash)?.is_some() {
            add_entry(result, key, hash)?;
        }
    }
    Ok(result)
}

/// `set - other`: a filtered copy, or a copy with `other` removed when `set` is over four
/// times larger (or `other` is neither a set nor a dict).
pub fn difference(set: Gc<SetObj>, other: Value) -> PyResult<Gc<SetObj>> {
    let other_len = if let Some(o) = other.downcast::<SetObj>() {
        Some(len(o))
    } else {
        other.downcast::<DictObj>().map(|d| d.table.len() as i64)
    };
    let copy_then_remove = match other_len {
        _ if len(set) == 0 => return copy(set, set.frozen),
        Some(n) => len(set) >> 2 > n,
        None => true,
    };
    if copy_then_remove {
        let result = copy(set, set.frozen)?;
        difference_update(result, other)?;
        return Ok(result);
    }
    let result = new_set(set.frozen);
    for (key, hash) in entries(set) {
        let present = match other.downcast::<SetObj>() {
            Some(o) => find(o, key, hash)?.is_some(),
            None => match other.downcast::<DictObj>() {
                Some(d) => dict_get(d, key)?.is_some(),
                None => false,
            },
        };
        if !present {
            add_entry(result, key, hash)?;
        }
    }
    Ok(result)
}

/// `set -= other`; a table left over a quarter dummies is rebuilt.
pub fn difference_update(set: Gc<SetObj>, other: Value) -> PyResult<()> {
    if other == set.erase() {
        clear(set);
        return Ok(());
    }
    if let Some(o) = other.downcast::<SetObj>() {
        for (key, hash) in entries(o) {
            discard_entry(set, key, hash)?;
        }
    } else {
        let iterator = get_iter(other)?;
        while let Some(key) = next(iterator)? {
            discard(set, key)?;
        }
    }
    let mask = set.keys.get().len() - 1;
    if (set.fill.get() - set.used.get()) as usize > mask / 4 {
        resize(set, grown(set));
    }
    Ok(())
}

/// `set ^= other`.
pub fn symmetric_difference_update(set: Gc<SetObj>, other: Value) -> PyResult<()> {
    if other == set.erase() {
        clear(set);
        return Ok(());
    }
    let toggle = |key: Value, hash: i64| -> PyResult<()> {
        if !discard_entry(set, key, hash)? {
            add_entry(set, key, hash)?;
        }
        Ok(())
    };
    if let Some(dict) = other.downcast::<DictObj>() {
        for (_, key, _) in dict_entries(dict) {
            toggle(key, hash_value(key)?)?;
        }
        return Ok(());
    }
    let other = match other.downcast::<SetObj>() {
        Some(o) => o,
        None => from_iterable(other, false)?,
    };
    for (key, hash) in entries(other) {
        toggle(key, hash)?;
    }
    Ok(())
}

/// `set ^ other`: `other`'s elements toggled by `set`'s.
pub fn symmetric_difference(set: Gc<SetObj>, other: Value) -> PyResult<Gc<SetObj>> {
    let result = from_iterable(other, set.frozen)?;
    symmetric_difference_update(result, set.erase())?;
    Ok(result)
}

/// `set &= other`: the intersection takes the set's place.
pub fn intersection_update(set: Gc<SetObj>, other: Value) -> PyResult<()> {
    let result = intersection(set, other)?;
    set.keys.set(result.keys.get());
    set.hashes.set(result.hashes.get());
    set.fill.set(result.fill.get());
    set.used.set(result.used.get());
    Ok(())
}

/// The elements of `other` as a set (itself if it is one).
fn as_set(other: Value) -> PyResult<Gc<SetObj>> {
    match other.downcast::<SetObj>() {
        Some(o) => Ok(o),
        None => from_iterable(other, false),
    }
}

/// `set <= other`.
pub fn is_subset(set: Gc<SetObj>, other: Value) -> PyResult<bool> {
    let other = as_set(other)?;
    if len(set) > len(other) {
        return Ok(false);
    }
    for (key, hash) in entries(set) {
        if find(other, key, hash)?.is_none() {
            return Ok(false);
        }
    }
    Ok(true)
}

/// `set >= other`.
pub fn is_superset(set: Gc<SetObj>, other: Value) -> PyResult<bool> {
    is_subset(as_set(other)?, set.erase())
}

/// `set.isdisjoint(other)`.
pub fn is_disjoint(set: Gc<SetObj>, other: Value) -> PyResult<bool> {
    if other == set.erase() {
        return Ok(len(set) == 0);
    }
    if let Some(o) = other.downcast::<SetObj>() {
        let (large, small) = larger_first(set, o);
        for (key, hash) in entries(small) {
            if find(large, key, hash)?.is_some() {
                return Ok(false);
            }
        }
        return Ok(true);
    }
    let iterator = get_iter(other)?;
    while let Some(key) = next(iterator)? {
        if find(set, key, hash_value(key)?)?.is_some() {
            return Ok(false);
        }
    }
    Ok(true)
}

/// `hash(frozenset)` as CPython computes it (a set is unhashable).
pub fn hash(set: Gc<SetObj>) -> PyResult<i64> {
    if !set.frozen {
        return type_error("unhashable type: 'set'".into());
    }
    let shuffle = |h: u64| ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167);
    let mut h = entries(set).fold(0u64, |acc, (_, hash)| acc ^ shuffle(hash as u64));
    h ^= (len(set) as u64 + 1).wrapping_mul(1927868237);
    h ^= (h >> 11) ^ (h >> 25);
    h = h.wrapping_mul(69069).wrapping_add(907133923);
    Ok(if h == u64::MAX { 590923713 } else { h as i64 })
}

/// `repr(set)` of a set or frozenset that is an instance of `cls`: `{1, 2}`, `set()`,
/// `frozenset({1, 2})`, `frozenset()`, and for derived classes `S({1, 2})`, `S()`.
pub fn repr(set: Gc<SetObj>, cls: Gc<TypeObj>) -> PyResult<String> {
    let name = cls.name.as_str();
    if len(set) == 0 {
        return Ok(format!("{name}()"));
    }
    let mut out = String::from("{");
    for (i, (key, _)) in entries(set).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&to_repr(key)?);
    }
    out.push('}');
    Ok(if Gc::ptr_eq(cls, builtin_type(TypeId::Set)) {
        out
    } else {
        format!("{name}({out})")
    })
}

/// `a op b` (`a op= b` when `inplace`) for `|`, `&`, `-`, `^` between sets, or with a
/// dict's keys or items view on either side; `None` otherwise. A set's in-place operators
/// change it; a frozenset's make a new one.
pub fn binary(kind: BinaryKind, a: Value, b: Value, inplace: bool) -> PyResult<Option<Value>> {
    let (Some(x), Some(_)) = (a.downcast::<SetObj>(), b.downcast::<SetObj>()) else {
        return view_binary(kind, a, b);
    };
    if inplace && !x.frozen {
        match kind {
            BinaryKind::Or => update(x, b)?,
            BinaryKind::And => intersection_update(x, b)?,
            BinaryKind::Sub => difference_update(x, b)?,
            BinaryKind::Xor => symmetric_difference_update(x, b)?,
            _ => return Ok(None),
        }
        return Ok(Some(a));
    }
    let result = match kind {
        BinaryKind::Or => union(x, b)?,
        BinaryKind::And => intersection(x, b)?,
        BinaryKind::Sub => difference(x, b)?,
        BinaryKind::Xor => symmetric_difference(x, b)?,
        _ => return Ok(None),
    };
    Ok(Some(result.erase()))
}

/// `a cmp b` between two sets (subset order), a dict's keys or items view comparing as
/// the set of its elements; `None` when they are not both set-like.
pub fn compare(kind: CompareKind, a: Value, b: Value) -> PyResult<Option<bool>> {
    let set_like = |v: Value| v.is::<SetObj>() || set_like_view(v).is_some();
    if !(set_like(a) && set_like(b)) {
        return Ok(None);
    }
    let (x, y) = (as_set(a)?, as_set(b)?);
    let b = y.erase();
    let (lx, ly) = (len(x), len(y));
    Ok(Some(match kind {
        CompareKind::Eq => lx == ly && is_subset(x, b)?,
        CompareKind::Ne => !(lx == ly && is_subset(x, b)?),
        CompareKind::Le => is_subset(x, b)?,
        CompareKind::Lt => lx < ly && is_subset(x, b)?,
        CompareKind::Ge => is_superset(x, b)?,
        CompareKind::Gt => lx > ly && is_superset(x, b)?,
    }))
}

/// A dict's keys or items view (the set-like ones).
fn set_like_view(value: Value) -> Option<Gc<DictViewObj>> {
    value
        .downcast::<DictViewObj>()
        .filter(|view| view.kind != IterKind::DictValues as i64)
}

/// `|`, `&`, `-`, `^` with a dict's keys or items view on either side, as CPython's
/// `dictviews_*`: a new set of the left operand's elements updated with the right's (the
/// intersection by its own rules).
fn view_binary(kind: BinaryKind, a: Value, b: Value) -> PyResult<Option<Value>> {
    if set_like_view(a).is_none() && set_like_view(b).is_none() {
        return Ok(None);
    }
    let left = || match a.downcast::<DictViewObj>() {
        // A keys view is made a set from its dict (presized as CPython does).
        Some(view) if view.kind == IterKind::DictKeys as i64 => {
            from_iterable(view.dict.erase(), false)
        }
        _ => from_iterable(a, false),
    };
    let result = match kind {
        BinaryKind::And => view_intersection(a, b)?,
        BinaryKind::Or => {
            let result = left()?;
            update(result, b)?;
            result
        }
        BinaryKind::Sub => {
            let result = left()?;
            difference_update(result, b)?;
            result
        }
        BinaryKind::Xor => {
            let result = left()?;
            symmetric_difference_update(result, b)?;
            result
        }
        _ => return Ok(None),
    };
    Ok(Some(result.erase()))
}

/// `view & other` (either order) as CPython's `_PyDictView_Intersect`: a larger set
/// intersects the view; otherwise the other operand's elements (the smaller view's, for
/// two views) that the view holds, in that order.
fn view_intersection(a: Value, b: Value) -> PyResult<Gc<SetObj>> {
    let (mut view, mut other) = if set_like_view(a).is_some() {
        (a, b)
    } else {
        (b, a)
    };
    let view_len = crate::runtime::ops::len(view)?;
    if let Some(set) = other.downcast::<SetObj>().filter(|s| !s.frozen) {
        if view_len <= len(set) {
            return intersection(set, view);
        }
    }
    if set_like_view(other).is_some() && crate::runtime::ops::len(other)? > view_len {
        std::mem::swap(&mut view, &mut other);
    }
    let result = new_set(false);
    let iterator = get_iter(other)?;
    while let Some(key) = next(iterator)? {
        if crate::runtime::ops::contains(view, key)? {
            add(result, key)?;
        }
    }
    Ok(result)
}

/// A frozenset constant as CPython's compiler makes it: the items added in order, then
/// the set rebuilt `rebuilds` times from its own iteration order. (Constants are
/// hashable: adding one cannot fail.)
pub fn constant_frozenset(items: Gc<GcVec<Value>>, rebuilds: usize) -> Gc<SetObj> {
    let mut set = new_set(true);
    for i in 0..items.len() {
        let _ = add(set, items.get(i));
    }
    for _ in 0..rebuilds {
        let rebuilt = new_set(true);
        for (item, _) in entries(set) {
            let _ = add(rebuilt, item);
        }
        set = rebuilt;
    }
    set
}

/// The methods of `set`; a frozenset has those that do not change it.
pub const SET_METHODS: &[Builtin] = &[
    Builtin::SetAdd,
    Builtin::SetRemove,
    Builtin::SetDiscard,
    Builtin::SetPop,
    Builtin::SetClear,
    Builtin::SetUpdate,
    Builtin::SetIntersectionUpdate,
    Builtin::SetDifferenceUpdate,
    Builtin::SetSymmetricDifferenceUpdate,
    Builtin::SetCopy,
    Builtin::SetUnion,
    Builtin::SetIntersection,
    Builtin::SetDifference,
    Builtin::SetSymmetricDifference,
    Builtin::SetIsdisjoint,
    Builtin::SetIssubset,
    Builtin::SetIssuperset,
];

/// The methods of `frozenset` (the tail of [`SET_METHODS`]).
pub fn frozenset_methods() -> &'static [Builtin] {
    &SET_METHODS[9..]
}

/// Calls set method `id` on `set`, with CPython's argument errors.
pub fn call_method(id: Builtin, set: Gc<SetObj>, args: Args) -> PyResult<Value> {
    let kind = if set.frozen { "frozenset" } else { "set" };
    let name = format!("{kind}.{}", builtin_name(id as i64));
    if set.frozen && !frozenset_methods().contains(&id) {
        return type_error(format!(
            "'{}' is not a method of 'frozenset'",
            builtin_name(id as i64)
        ));
    }
    // The methods taking any number of others (read from `args`, which holds them).
    let others = |args: &Args| -> PyResult<std::ops::Range<usize>> {
        if args.nkw() > 0 {
            return type_error(format!("{name}() takes no keyword arguments"));
        }
        Ok(0..args.npos)
    };
    let result = match id {
        Builtin::SetAdd => {
            arity(&name, &args, 1, 1)?;
            add(set, args.get(0))?;
            none()
        }
        Builtin::SetRemove => {
            arity(&name, &args, 1, 1)?;
            if !discard(set, args.get(0))? {
                return Err(crate::runtime::exceptions::key_error(args.get(0)));
            }
            none()
        }
        Builtin::SetDiscard => {
            arity(&name, &args, 1, 1)?;
            discard(set, args.get(0))?;
            none()
        }
        Builtin::SetPop => {
            arity(&name, &args, 0, 0)?;
            pop(set)?
        }
        Builtin::SetClear => {
            arity(&name, &args, 0, 0)?;
            clear(set);
            none()
        }
        Builtin::SetCopy => {
            arity(&name, &args, 0, 0)?;
            if set.frozen {
                set.erase()
            } else {
                copy(set, false)?.erase()
            }
        }
        Builtin::SetIsdisjoint | Builtin::SetIssubset | Builtin::SetIssuperset => {
            arity(&name, &args, 1, 1)?;
            let other = args.get(0);
            new_bool(match id {
                Builtin::SetIsdisjoint => is_disjoint(set, other)?,
                Builtin::SetIssubset => is_subset(set, other)?,
                _ => is_superset(set, other)?,
            })
        }
        Builtin::SetSymmetricDifference => {
            arity(&name, &args, 1, 1)?;
            symmetric_difference(set, args.get(0))?.erase()
        }
        Builtin::SetSymmetricDifferenceUpdate => {
            arity(&name, &args, 1, 1)?;
            symmetric_difference_update(set, args.get(0))?;
            none()
        }
        Builtin::SetUpdate | Builtin::SetDifferenceUpdate | Builtin::SetIntersectionUpdate => {
            for i in others(&args)? {
                let other = args.get(i);
                match id {
                    Builtin::SetUpdate => update(set, other)?,
                    Builtin::SetDifferenceUpdate => difference_update(set, other)?,
                    _ => intersection_update(set, other)?,
                }
            }
            none()
        }
        Builtin::SetUnion => {
            let result = copy(set, set.frozen)?;
            for i in others(&args)? {
                let other = args.get(i);
                if other != set.erase() {
                    update(result, other)?;
                }
            }
            result.erase()
        }
        Builtin::SetIntersection => {
            let range = others(&args)?;
            if range.is_empty() {
                return Ok(copy(set, set.frozen)?.erase());
            }
            let mut result = set;
            for i in range {
                result = intersection(result, args.get(i))?;
            }
            result.erase()
        }
        Builtin::SetDifference => {
            let range = others(&args)?;
            if range.is_empty() {
                return Ok(copy(set, set.frozen)?.erase());
            }
            let result = difference(set, args.get(0))?;
            for i in range.skip(1) {
                difference_update(result, args.get(i))?;
            }
            result.erase()
        }
        _ => return type_error(format!("'{name}' is not a method of '{kind}'")),
    };
    Ok(result)
}
