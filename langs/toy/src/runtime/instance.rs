//! Instances and their maps (hidden classes): field reads and writes.

use jitgen_core::gc::{Gc, GcArray, GcTable, Mut};

use crate::runtime::objects::{ClassObj, Ctx, InstanceObj, Map, Symbol, Value};

#[jitgen_core::look_inside]
impl Map {
    /// A map with no fields.
    pub fn empty() -> Gc<Map> {
        Gc::new(Map {
            slots: GcTable::new(),
            transitions: GcTable::new(),
            size: 0,
        })
    }

    /// The storage slot of field `name`, or -1 if the map does not have it. Pure: maps
    /// never change.
    #[jitgen_core::elidable]
    #[jitgen_core::dont_look_inside]
    pub fn slot_of(&self, name: Gc<Symbol>) -> i64 {
        self.slots.get(name).unwrap_or(-1)
    }

    /// The map with the fields of this one plus `name` (in the next slot), made once and
    /// then found in the transition cache.
    #[jitgen_core::elidable]
    #[jitgen_core::dont_look_inside]
    pub fn with_field(&self, name: Gc<Symbol>) -> Gc<Map> {
        if let Some(next) = self.transitions.get(name) {
            return next;
        }
        let slots = GcTable::new();
        for i in 0..self.slots.entry_slots() {
            if let Some((field, slot)) = self.slots.entry_at(i) {
                slots.insert(field, slot);
            }
        }
        slots.insert(name, self.size);
        let next = Gc::new(Map {
            slots,
            transitions: GcTable::new(),
            size: self.size + 1,
        });
        self.transitions.insert(name, next);
        next
    }
}

#[jitgen_core::look_inside]
impl InstanceObj {
    /// A new instance of `class` without fields (with room for [`INITIAL_FIELDS`]).
    #[jitgen_core::look_inside]
    pub fn new(class: Gc<ClassObj>, ctx: Gc<Ctx>) -> Gc<Self> {
        let storage = GcArray::new(INITIAL_FIELDS, ctx.nil);
        Gc::new(InstanceObj {
            class,
            map: Mut::new(class.empty_map),
            storage: Mut::new(storage),
        })
    }

    /// The value of field `name`, if the instance has it.
    #[jitgen_core::look_inside]
    pub fn field(&self, name: Gc<Symbol>) -> Option<Value> {
        let map = jitgen_core::hints::promote(self.map.get());
        let slot = map.slot_of(name);
        if slot < 0 {
            return None;
        }
        Some(self.storage.get().get(slot as usize))
    }

    /// Sets field `name`, adding it if the instance does not have it yet.
    #[jitgen_core::look_inside]
    pub fn set_field(&self, name: Gc<Symbol>, value: Value, ctx: Gc<Ctx>) {
        let map = jitgen_core::hints::promote(self.map.get());
        let slot = map.slot_of(name);
        if slot < 0 {
            self.add_field(map, name, value, ctx);
        } else {
            self.storage.get().set(slot as usize, value);
        }
    }

    /// Moves the instance to the map with `name` added, growing its storage if needed. Seen
    /// by the JIT: with the map promoted, the next map and the slot are trace constants.
    #[jitgen_core::look_inside]
    fn add_field(&self, map: Gc<Map>, name: Gc<Symbol>, value: Value, ctx: Gc<Ctx>) {
        let next = map.with_field(name);
        let slot = map.size as usize;
        let storage = self.storage.get();
        if slot >= storage.len() {
            self.storage.set(grown(storage, ctx));
        }
        self.storage.get().set(slot, value);
        self.map.set(next);
    }
}

/// Fields an instance has room for before its storage grows.
const INITIAL_FIELDS: usize = 4;

/// A copy of `storage` with room for more fields (twice as many).
#[jitgen_core::dont_look_inside]
fn grown(storage: Gc<GcArray<Value>>, ctx: Gc<Ctx>) -> Gc<GcArray<Value>> {
    let grown = GcArray::new((storage.len() * 2).max(INITIAL_FIELDS), ctx.nil);
    for i in 0..storage.len() {
        grown.set(i, storage.get(i));
    }
    grown
}
