//! [`GcTable<K, V>`]: an insertion-ordered hash table on the GC heap.
//!
//! Entries are kept in insertion order in one buffer and found through a separate index of
//! buckets with open addressing (the layout CPython's dict uses), so iteration order is
//! insertion order and deletion leaves a hole that the next resize compacts away.

use core::marker::PhantomData;

use crate::gc::array::GcBuffer;
use crate::gc::cell::Mut;
use crate::gc::ptr::{Gc, GcRef};
use crate::gc::trace::{GcType, Trace, Tracer, TypeInfo};

/// Keys of a [`GcTable`] with a hash and an equality that cannot fail.
///
/// Clients whose equality can fail or run user code (Python's `__eq__`) use the hash-based
/// methods ([`GcTable::find_with`], [`GcTable::insert_new`]) instead.
pub trait TableKey: Copy {
    /// The key's hash.
    fn key_hash(&self) -> u64;
    /// Whether two keys are equal.
    fn key_eq(&self, other: &Self) -> bool;
}

impl TableKey for i64 {
    fn key_hash(&self) -> u64 {
        (*self as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }
    fn key_eq(&self, other: &Self) -> bool {
        self == other
    }
}

impl<T> TableKey for Gc<T> {
    /// Identity: objects never move, so the address is a stable hash.
    fn key_hash(&self) -> u64 {
        (self.addr() as u64 >> 3).wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }
    fn key_eq(&self, other: &Self) -> bool {
        Gc::ptr_eq(*self, *other)
    }
}

impl TableKey for GcRef {
    /// Identity, as for `Gc<T>`.
    fn key_hash(&self) -> u64 {
        (self.addr() as u64 >> 3).wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }
    fn key_eq(&self, other: &Self) -> bool {
        self == other
    }
}

/// Stored hash of a deleted entry; live entries store their hash with the top bit cleared.
const DELETED: u64 = u64::MAX;
const HASH_MASK: u64 = u64::MAX >> 1;
/// Bucket values: empty, or emptied by a deletion (lookups continue past it).
const EMPTY: i64 = -1;
const DUMMY: i64 = -2;
const MIN_BUCKETS: usize = 8;

#[repr(C)]
#[derive(Clone, Copy)]
struct Entry<K, V> {
    hash: u64,
    key: K,
    value: V,
}

/// An insertion-ordered hash table on the GC heap.
#[repr(C)]
pub struct GcTable<K, V> {
    /// Live entries.
    len: Mut<usize>,
    /// Entry slots used, deleted ones included.
    used: Mut<usize>,
    /// `i64` bucket array (a power of two long): entry index, `EMPTY` or `DUMMY`.
    buckets: Mut<Gc<GcBuffer>>,
    /// `Entry<K, V>` array; slots `0..used` are initialized.
    entries: Mut<Gc<GcBuffer>>,
    _entries: PhantomData<Entry<K, V>>,
}

impl<K: TableKey + Trace + 'static, V: Trace + Copy + 'static> GcTable<K, V> {
    /// An empty table.
    pub fn new() -> Gc<GcTable<K, V>> {
        let buckets = new_buckets(MIN_BUCKETS);
        let entries = GcBuffer::for_items::<Entry<K, V>>(MIN_BUCKETS * 2 / 3);
        Gc::new(GcTable {
            len: Mut::new(0),
            used: Mut::new(0),
            buckets: Mut::new(buckets),
            entries: Mut::new(entries),
            _entries: PhantomData,
        })
    }

    /// The value stored under `key`.
    pub fn get(&self, key: K) -> Option<V> {
        let found: Result<_, ()> = self.find_with(key.key_hash(), |k| Ok(k.key_eq(&key)));
        found.ok().flatten().map(|index| self.entry(index).value)
    }

    /// Whether `key` is present.
    pub fn contains_key(&self, key: K) -> bool {
        self.get(key).is_some()
    }

    /// Stores `value` under `key`; returns the previous value.
    pub fn insert(&self, key: K, value: V) -> Option<V> {
        let hash = key.key_hash();
        let found: Result<_, ()> = self.find_with(hash, |k| Ok(k.key_eq(&key)));
        match found.ok().flatten() {
            Some(index) => {
                let old = self.entry(index).value;
                self.set_value_at(index, value);
                Some(old)
            }
            None => {
                self.insert_new(hash, key, value);
                None
            }
        }
    }

    /// Removes `key`; returns its value.
    pub fn remove(&self, key: K) -> Option<V> {
        let found: Result<_, ()> = self.find_with(key.key_hash(), |k| Ok(k.key_eq(&key)));
        found.ok().flatten().map(|index| self.remove_at(index).1)
    }

    /// Adds an entry for a key known to be absent, with its precomputed hash.
    pub fn insert_new(&self, hash: u64, key: K, value: V) {
        let hash = hash & HASH_MASK;
        let mut used = self.used.get();
        if used == self.entries.get().capacity::<Entry<K, V>>() {
            self.resize();
            used = self.used.get();
        }
        self.barrier();
        // SAFETY: `used < capacity`.
        unsafe {
            self.entries
                .get()
                .slot::<Entry<K, V>>(used)
                .write(Entry { hash, key, value })
        };
        let buckets = self.buckets.get();
        let slot = self.probe(hash, |b| b < 0);
        // SAFETY: `probe` returns an index inside the bucket array.
        unsafe { buckets.slot::<i64>(slot).write(used as i64) };
        self.used.set(used + 1);
        self.len.set(self.len.get() + 1);
    }

    /// The write barrier, before a store into the entries (their buffer is untraced: the
    /// table traces them).
    #[inline(always)]
    fn barrier(&self) {
        if K::HAS_REFS || V::HAS_REFS {
            crate::gc::write_barrier(self as *const Self as usize);
        }
    }

    /// Replaces the value in entry slot `index` (which must hold a live entry).
    pub fn set_value_at(&self, index: usize, value: V) {
        let mut entry = self.entry(index);
        assert!(
            entry.hash != DELETED,
            "set_value_at on a deleted table entry"
        );
        entry.value = value;
        self.barrier();
        // SAFETY: `index < used` (checked by `entry`).
        unsafe { self.entries.get().slot::<Entry<K, V>>(index).write(entry) };
    }

    /// Rebuilds the buckets and compacts the entries, sized for the live entries.
    fn resize(&self) {
        let len = self.len.get();
        let mut bucket_count = MIN_BUCKETS;
        while bucket_count * 2 < (len + 1) * 3 {
            bucket_count *= 2;
        }
        let entries = GcBuffer::for_items::<Entry<K, V>>(bucket_count * 2 / 3);
        let buckets = new_buckets(bucket_count);
        let old = self.entries.get();
        let mut kept = 0;
        for index in 0..self.used.get() {
            // SAFETY: slots below `used` are initialized.
            let entry = unsafe { old.slot::<Entry<K, V>>(index).read() };
            if entry.hash != DELETED {
                // SAFETY: `kept < len <= new capacity`.
                unsafe { entries.slot::<Entry<K, V>>(kept).write(entry) };
                kept += 1;
            }
        }
        self.entries.set(entries);
        self.buckets.set(buckets);
        self.used.set(kept);
        for index in 0..kept {
            // SAFETY: just written.
            let hash = unsafe { entries.slot::<Entry<K, V>>(index).read().hash };
            let slot = self.probe(hash, |b| b == EMPTY);
            // SAFETY: inside the bucket array.
            unsafe { buckets.slot::<i64>(slot).write(index as i64) };
        }
    }
}

impl<K: Copy, V: Copy> GcTable<K, V> {
    /// The number of entries.
    pub fn len(&self) -> usize {
        self.len.get()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.len.get() == 0
    }

    fn entry(&self, index: usize) -> Entry<K, V> {
        assert!(index < self.used.get(), "table entry index out of range");
        // SAFETY: slots below `used` are initialized.
        unsafe { self.entries.get().slot::<Entry<K, V>>(index).read() }
    }

    /// The bucket index where a probe for `hash` stops, the first whose value satisfies
    /// `stop` (for inserting: the first free bucket).
    fn probe(&self, hash: u64, stop: impl Fn(i64) -> bool) -> usize {
        let buckets = self.buckets.get();
        let mask = buckets.capacity::<i64>() - 1;
        let mut perturb = hash;
        let mut slot = hash as usize & mask;
        loop {
            // SAFETY: `slot <= mask`.
            let bucket = unsafe { buckets.slot::<i64>(slot).read() };
            if stop(bucket) {
                return slot;
            }
            perturb >>= 5;
            slot = (slot * 5 + perturb as usize + 1) & mask;
        }
    }

    /// Finds the entry whose key has hash `hash` and satisfies `eq`; returns its index.
    /// `eq` may fail; it must not modify this table.
    pub fn find_with<E>(
        &self,
        hash: u64,
        mut eq: impl FnMut(K) -> Result<bool, E>,
    ) -> Result<Option<usize>, E> {
        let hash = hash & HASH_MASK;
        let buckets = self.buckets.get();
        let mask = buckets.capacity::<i64>() - 1;
        let mut perturb = hash;
        let mut slot = hash as usize & mask;
        loop {
            // SAFETY: `slot <= mask`.
            let bucket = unsafe { buckets.slot::<i64>(slot).read() };
            if bucket == EMPTY {
                return Ok(None);
            }
            if bucket >= 0 {
                let entry = self.entry(bucket as usize);
                if entry.hash == hash && eq(entry.key)? {
                    return Ok(Some(bucket as usize));
                }
            }
            perturb >>= 5;
            slot = (slot * 5 + perturb as usize + 1) & mask;
        }
    }

    /// Entry slots in use, deleted ones included: iterate `0..entry_slots()` with
    /// [`GcTable::entry_at`] to visit entries in insertion order.
    pub fn entry_slots(&self) -> usize {
        self.used.get()
    }

    /// The key and value in entry slot `index`, or `None` if that entry was deleted.
    pub fn entry_at(&self, index: usize) -> Option<(K, V)> {
        let entry = self.entry(index);
        (entry.hash != DELETED).then_some((entry.key, entry.value))
    }

    /// Deletes the live entry in slot `index`; returns its key and value.
    pub fn remove_at(&self, index: usize) -> (K, V) {
        let entry = self.entry(index);
        assert!(entry.hash != DELETED, "remove_at on a deleted table entry");
        let bucket = self.probe(entry.hash, |b| b == index as i64);
        // SAFETY: inside the bucket array; `index < used`.
        unsafe {
            self.buckets.get().slot::<i64>(bucket).write(DUMMY);
            (*self.entries.get().slot::<Entry<K, V>>(index)).hash = DELETED;
        }
        self.len.set(self.len.get() - 1);
        (entry.key, entry.value)
    }
}

fn new_buckets(count: usize) -> Gc<GcBuffer> {
    let buckets = GcBuffer::for_items::<i64>(count);
    for slot in 0..count {
        // SAFETY: inside the fresh buffer.
        unsafe { buckets.slot::<i64>(slot).write(EMPTY) };
    }
    buckets
}

unsafe impl<K: Trace + Copy + 'static, V: Trace + Copy + 'static> Trace for GcTable<K, V> {
    fn trace(&self, tracer: &mut Tracer<'_>) {
        self.buckets.trace(tracer);
        self.entries.trace(tracer);
        for index in 0..self.used.get() {
            let entry = self.entry(index);
            if entry.hash != DELETED {
                entry.key.trace(tracer);
                entry.value.trace(tracer);
            }
        }
    }
}

unsafe impl<K: Trace + Copy + 'static, V: Trace + Copy + 'static> GcType for GcTable<K, V> {
    fn type_info() -> &'static TypeInfo {
        const { &TypeInfo::of::<GcTable<K, V>>("GcTable", &[]) }
    }
}
