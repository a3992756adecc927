//! Descriptors carried by instructions: fields (with their owner), arrays, residual calls and
//! their effects.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use crate::jitcode::Kind;
use crate::layout::{FieldDescr, HasField, ValueKind};

/// A field of a layout struct: its descriptor plus the struct's name (descriptors alone do not
/// say which struct they belong to, and effects are tracked per struct field).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FieldRef {
    /// The struct's name (last path segment of its Rust type name).
    pub owner: &'static str,
    /// The field's descriptor.
    pub descr: FieldDescr,
}

impl FieldRef {
    /// The field with id `ID` of the layout struct `S`.
    pub fn of<const ID: u64, S: HasField<ID>>() -> FieldRef {
        FieldRef::new::<S>(S::DESCR)
    }

    /// The field `descr` of the struct `S`, for a descriptor already obtained from
    /// `<S as HasField<ID>>::DESCR` (as the code generated for declared effects does).
    pub fn new<S: ?Sized>(descr: FieldDescr) -> FieldRef {
        FieldRef {
            owner: short_type_name(std::any::type_name::<S>()),
            descr,
        }
    }

    fn key(&self) -> (&'static str, &'static str, usize) {
        (self.owner, self.descr.name, self.descr.offset)
    }
}

impl PartialOrd for FieldRef {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for FieldRef {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

/// How the JIT reads and writes the items of a GC array (`GcArray<T>` or
/// `GcImmutableArray<T>`): length word at offset 0, items from `ARRAY_ITEMS_OFFSET`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ArrayDescr {
    /// The array type's name, e.g. `GcArray<i64>`.
    pub name: &'static str,
    /// Size of one item in bytes.
    pub item_size: usize,
    /// How items are read and written.
    pub item_kind: ValueKind,
    /// Whether the items never change (`GcImmutableArray`): reads from a constant array fold.
    pub immutable_items: bool,
}

impl ArrayDescr {
    /// The descriptor of the array type `A`.
    pub fn of<A: crate::jitcode::types::ArrayType>() -> ArrayDescr {
        ArrayDescr {
            name: short_type_name(std::any::type_name::<A>()),
            item_size: core::mem::size_of::<A::Item>(),
            item_kind: <A::Item as crate::layout::FieldType>::KIND,
            immutable_items: A::IMMUTABLE_ITEMS,
        }
    }
}

impl PartialOrd for ArrayDescr {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ArrayDescr {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.name, self.item_size).cmp(&(other.name, other.item_size))
    }
}

/// What a function may do to the heap, as far as the optimizer cares.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Effects {
    /// Fields it may read.
    pub reads_fields: BTreeSet<FieldRef>,
    /// Fields it may write.
    pub writes_fields: BTreeSet<FieldRef>,
    /// Arrays whose items it may read.
    pub reads_arrays: BTreeSet<ArrayDescr>,
    /// Arrays whose items it may write.
    pub writes_arrays: BTreeSet<ArrayDescr>,
    /// Whether it may return an error.
    pub can_raise: bool,
    /// Whether it may read and write anything (an undeclared residual call).
    pub writes_everything: bool,
}

impl Effects {
    /// Whether the callee may read or write a field of the struct named `owner`.
    pub fn may_access(&self, owner: &str) -> bool {
        self.writes_everything
            || self
                .reads_fields
                .iter()
                .chain(&self.writes_fields)
                .any(|field| field.owner == owner)
    }

    /// No effects at all (a pure function that cannot fail).
    pub fn none() -> Effects {
        Effects::default()
    }

    /// The default for a residual call without declared effects: reads and writes
    /// everything, can raise.
    pub fn everything() -> Effects {
        Effects {
            can_raise: true,
            writes_everything: true,
            ..Effects::default()
        }
    }

    /// The effects declared by `#[dont_look_inside(effects(reads(..), writes(..)))]`: exactly
    /// these fields, and failure unless `cannot_raise` was given.
    pub fn declared(reads: &[FieldRef], writes: &[FieldRef], can_raise: bool) -> Effects {
        Effects {
            reads_fields: reads.iter().copied().collect(),
            writes_fields: writes.iter().copied().collect(),
            can_raise,
            ..Effects::default()
        }
    }

    /// Adds `other`'s effects to these.
    pub fn union_with(&mut self, other: &Effects) {
        self.reads_fields.extend(other.reads_fields.iter().copied());
        self.writes_fields
            .extend(other.writes_fields.iter().copied());
        self.reads_arrays.extend(other.reads_arrays.iter().copied());
        self.writes_arrays
            .extend(other.writes_arrays.iter().copied());
        self.can_raise |= other.can_raise;
        self.writes_everything |= other.writes_everything;
    }

    /// Whether a read of `field` may be affected (or performed).
    pub fn may_read_field(&self, field: &FieldRef) -> bool {
        self.writes_everything || self.reads_fields.contains(field)
    }

    /// Whether `field` may be written.
    pub fn may_write_field(&self, field: &FieldRef) -> bool {
        self.writes_everything || self.writes_fields.contains(field)
    }

    /// Whether items of `array` may be written.
    pub fn may_write_array(&self, array: &ArrayDescr) -> bool {
        self.writes_everything || self.writes_arrays.contains(array)
    }
}

impl std::fmt::Display for Effects {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.writes_everything {
            return f.write_str("{everything}");
        }
        let mut parts = Vec::new();
        let fields = |set: &BTreeSet<FieldRef>| {
            set.iter()
                .map(|r| format!("{}.{}", r.owner, r.descr.name))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let arrays = |set: &BTreeSet<ArrayDescr>| {
            set.iter()
                .map(|a| format!("{}[*]", a.name))
                .collect::<Vec<_>>()
                .join(" ")
        };
        if !self.reads_fields.is_empty() || !self.reads_arrays.is_empty() {
            let list = [fields(&self.reads_fields), arrays(&self.reads_arrays)];
            parts.push(format!("reads {}", join_nonempty(&list)));
        }
        if !self.writes_fields.is_empty() || !self.writes_arrays.is_empty() {
            let list = [fields(&self.writes_fields), arrays(&self.writes_arrays)];
            parts.push(format!("writes {}", join_nonempty(&list)));
        }
        if self.can_raise {
            parts.push("can_raise".to_string());
        }
        write!(f, "{{{}}}", parts.join("; "))
    }
}

fn join_nonempty(parts: &[String]) -> String {
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A residual call: how to reach a Rust function from jitcode or machine code.
///
/// The shim has the C signature `extern "C" fn(u64, ...) -> ShimRet` with one word per
/// argument (integers widened, `f64` as its bits, references as addresses) and always returns
/// two words: the result and an error word (0 = `Ok`).
#[derive(Clone, Debug, PartialEq)]
pub struct CallDescr {
    /// The callee's name, for logs and the text form.
    pub name: &'static str,
    /// Address of the `extern "C"` shim.
    pub shim: usize,
    /// The kinds of the arguments.
    pub arg_kinds: Vec<Kind>,
    /// The kind of the result (`None` for `()`).
    pub result: Option<Kind>,
    /// Whether the callee returns `Result<_, E>` (the error word may be non-zero).
    pub returns_result: bool,
    /// What the callee may do to the heap.
    pub effects: Effects,
    /// The virtualizable arguments the callee may look at: forced before the call.
    pub forces: Vec<ForcedArg>,
    /// Whether the callee is `#[elidable]`: with constant arguments, tracing folds the call.
    pub elidable: bool,
    /// For an allocation (`Gc::new(S { .. })` in staged code): what it creates. The
    /// optimizer may then leave the object virtual and make the call only where the object
    /// escapes (or when a guard fails).
    pub allocates: Option<AllocDescr>,
}

/// What an allocating residual call creates: a fresh object of `type_info` whose fields
/// `fields` hold the call's arguments, in order (its other fields are constants the callee
/// writes). Calling it again with the fields' current values makes an equal object. Or, with
/// `array`, `GcArray::new(len, fill)`: an array of `len` copies of `fill` (no fields).
#[derive(Clone, Debug)]
pub struct AllocDescr {
    /// The object's type.
    pub type_info: &'static crate::gc::TypeInfo,
    /// The fields the arguments initialize.
    pub fields: Vec<FieldRef>,
    /// For `GcArray::new`: the array's items.
    pub array: Option<ArrayDescr>,
}

impl PartialEq for AllocDescr {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.type_info, other.type_info)
            && self.fields == other.fields
            && self.array == other.array
    }
}

/// A virtualizable argument of a residual call that must be forced before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ForcedArg {
    /// The argument's position.
    pub arg: usize,
    /// Where the object's `VableToken` is.
    pub token_offset: usize,
}

/// Appends the last segment of the path `segment` (keeping a leading `::`, as in
/// `GcArray<GcRef>::new`).
fn push_short(out: &mut String, segment: &str) {
    if segment.starts_with("::") {
        out.push_str("::");
    }
    out.push_str(segment.rsplit("::").next().unwrap_or(""));
}

/// The last path segment of a type name, keeping generic arguments short too:
/// `a::b::Frame` -> `Frame`, `x::GcArray<y::Value>` -> `GcArray<Value>`.
pub(crate) fn short_type_name(full: &'static str) -> &'static str {
    if !full.contains('<') {
        return full.rsplit("::").next().unwrap_or(full);
    }
    // Generic names are shortened once per distinct type and kept for the process lifetime.
    thread_local! {
        static CACHE: std::cell::RefCell<std::collections::HashMap<&'static str, &'static str>> =
            Default::default();
    }
    CACHE.with(|cache| {
        *cache.borrow_mut().entry(full).or_insert_with(|| {
            let mut out = String::new();
            let mut segment = String::new();
            for c in full.chars() {
                if c.is_alphanumeric() || c == '_' || c == ':' {
                    segment.push(c);
                } else {
                    push_short(&mut out, &segment);
                    segment.clear();
                    out.push(c);
                }
            }
            push_short(&mut out, &segment);
            Box::leak(out.into_boxed_str())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names() {
        assert_eq!(short_type_name("a::b::Frame"), "Frame");
        assert_eq!(
            short_type_name("jitgen_core::gc::GcArray<core::option::Option<x::GcRef>>"),
            "GcArray<Option<GcRef>>"
        );
        assert_eq!(short_type_name("i64"), "i64");
    }

    #[test]
    fn effects_union_and_display() {
        let mut a = Effects::none();
        assert_eq!(a.to_string(), "{}");
        a.can_raise = true;
        let mut b = Effects::none();
        b.union_with(&a);
        assert!(b.can_raise);
        b.union_with(&Effects::everything());
        assert_eq!(b.to_string(), "{everything}");
    }
}
