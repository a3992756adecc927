//! What `#[jitgen_core::layout]` generates: `#[repr(C)]`, field descriptors (offsets, sizes,
//! kinds, mutability), one stable `TypeInfo` per type, tracing through every field, and the
//! invalidating setters of quasi-immutable fields.

use core::mem::{align_of, offset_of, size_of};

use jitgen_core::gc::{self, Gc, GcRef, GcType, Mut, QuasiImmut};
use jitgen_core::layout::{field_id, FieldDescr, HasField, Mutability, ValueKind};

/// A leaf object.
#[jitgen_core::layout]
pub struct Leaf {
    value: i64,
}

/// One field of every kind the layout attribute handles.
#[jitgen_core::layout]
pub struct Everything {
    /// A documented byte.
    pub small: u8,
    #[immutable]
    pub count: i32,
    pub flag: bool,
    pub real: f64,
    pub leaf: Gc<Leaf>,
    pub maybe: Option<Gc<Leaf>>,
    pub any: GcRef,
    pub counter: Mut<i64>,
    #[quasi_immutable]
    pub version: QuasiImmut<u32>,
    #[opaque]
    pub name: Box<str>,
    pub r#type: u16,
}

/// A linked list node, to check that tracing follows references.
#[jitgen_core::layout]
struct Node {
    value: i64,
    next: Option<Gc<Node>>,
    #[opaque]
    label: Box<str>,
}

/// A struct asking for more alignment than its fields need.
#[jitgen_core::layout]
#[repr(C, align(32))]
struct Aligned {
    x: u8,
}

/// The descriptor of field `$name` of `$ty`, through `HasField`.
macro_rules! descr {
    ($ty:ty, $name:literal) => {
        <$ty as HasField<{ field_id($name) }>>::DESCR
    };
}

fn everything() -> Everything {
    let leaf = Gc::new(Leaf { value: 7 });
    Everything {
        small: 1,
        count: 2,
        flag: true,
        real: 1.5,
        leaf,
        maybe: None,
        any: leaf.erase(),
        counter: Mut::new(3),
        version: QuasiImmut::new(4),
        name: "everything".into(),
        r#type: 5,
    }
}

#[test]
fn descriptors_match_the_rust_layout() {
    let int = |bytes, signed| ValueKind::Int { bytes, signed };
    let expected: [(FieldDescr, usize, usize, ValueKind, Mutability); 11] = [
        (
            descr!(Everything, "small"),
            offset_of!(Everything, small),
            1,
            int(1, false),
            Mutability::Immutable,
        ),
        (
            descr!(Everything, "count"),
            offset_of!(Everything, count),
            4,
            int(4, true),
            Mutability::Immutable,
        ),
        (
            descr!(Everything, "flag"),
            offset_of!(Everything, flag),
            1,
            ValueKind::Bool,
            Mutability::Immutable,
        ),
        (
            descr!(Everything, "real"),
            offset_of!(Everything, real),
            8,
            ValueKind::Float,
            Mutability::Immutable,
        ),
        (
            descr!(Everything, "leaf"),
            offset_of!(Everything, leaf),
            8,
            ValueKind::Ref,
            Mutability::Immutable,
        ),
        (
            descr!(Everything, "maybe"),
            offset_of!(Everything, maybe),
            8,
            ValueKind::Ref,
            Mutability::Immutable,
        ),
        (
            descr!(Everything, "any"),
            offset_of!(Everything, any),
            8,
            ValueKind::Ref,
            Mutability::Immutable,
        ),
        (
            descr!(Everything, "counter"),
            offset_of!(Everything, counter),
            8,
            int(8, true),
            Mutability::Mutable,
        ),
        (
            descr!(Everything, "version"),
            offset_of!(Everything, version),
            4,
            int(4, false),
            Mutability::QuasiImmutable,
        ),
        (
            descr!(Everything, "name"),
            offset_of!(Everything, name),
            size_of::<Box<str>>(),
            ValueKind::Opaque,
            Mutability::Immutable,
        ),
        (
            descr!(Everything, "type"),
            offset_of!(Everything, r#type),
            2,
            int(2, false),
            Mutability::Immutable,
        ),
    ];
    for (descr, offset, size, kind, mutability) in expected {
        assert_eq!(descr.offset, offset, "{}", descr.name);
        assert_eq!(descr.size, size, "{}", descr.name);
        assert_eq!(descr.kind, kind, "{}", descr.name);
        assert_eq!(descr.mutability, mutability, "{}", descr.name);
    }
}

#[test]
fn layout_is_repr_c() {
    // Declaration order: each field starts after the previous one.
    let offsets: Vec<usize> = Everything::type_info()
        .fields
        .iter()
        .map(|f| f.offset)
        .collect();
    assert!(offsets.windows(2).all(|w| w[0] < w[1]), "{offsets:?}");
    assert_eq!(align_of::<Aligned>(), 32);
    assert_eq!(descr!(Aligned, "x").offset, 0);
}

#[test]
fn has_field_type_is_the_declared_type() {
    fn same<T: 'static, U: 'static>() -> bool {
        core::any::TypeId::of::<T>() == core::any::TypeId::of::<U>()
    }
    assert!(same::<
        <Everything as HasField<{ field_id("counter") }>>::Type,
        Mut<i64>,
    >());
    assert!(same::<
        <Everything as HasField<{ field_id("maybe") }>>::Type,
        Option<Gc<Leaf>>,
    >());
}

#[test]
fn type_info_lists_fields_in_declaration_order() {
    let info = Everything::type_info();
    assert_eq!(info.name, "Everything");
    assert_eq!(info.size, size_of::<Everything>());
    let names: Vec<&str> = info.fields.iter().map(|f| f.name).collect();
    assert_eq!(
        names,
        [
            "small", "count", "flag", "real", "leaf", "maybe", "any", "counter", "version", "name",
            "type"
        ]
    );
    assert_eq!(info.fields[7], descr!(Everything, "counter"));
    assert_eq!(Leaf::type_info().fields, [descr!(Leaf, "value")]);
}

#[test]
fn type_info_address_is_stable_and_unique() {
    assert!(core::ptr::eq(
        Everything::type_info(),
        Everything::type_info()
    ));
    assert!(core::ptr::eq(Leaf::type_info(), Leaf::type_info()));
    assert!(!core::ptr::eq(Leaf::type_info(), Node::type_info()));
    let leaf = Gc::new(Leaf { value: 1 });
    assert!(core::ptr::eq(leaf.erase().type_info(), Leaf::type_info()));
}

#[test]
fn type_info_drops_only_what_needs_dropping() {
    assert!(Leaf::type_info().drop.is_none());
    assert!(Node::type_info().drop.is_some());
}

#[test]
fn fields_keep_their_values() {
    let e = Gc::new(everything());
    assert_eq!(
        (e.small, e.count, e.flag, e.real, e.r#type),
        (1, 2, true, 1.5, 5)
    );
    assert_eq!(e.leaf.value, 7);
    assert!(e.maybe.is_none());
    assert!(e.any.is::<Leaf>());
    assert_eq!(&*e.name, "everything");
    e.counter.set(e.counter.get() + 1);
    assert_eq!(e.counter.get(), 4);
}

#[test]
fn quasi_immutable_setter_writes_the_field() {
    let e = Gc::new(everything());
    assert_eq!(e.version.get(), 4);
    e.set_version(9);
    assert_eq!(e.version.get(), 9);
}

/// Builds a list of `n` nodes and returns only its head, so that the other nodes are
/// reachable only through `next` fields.
#[inline(never)]
fn build_list(n: i64) -> Gc<Node> {
    let mut head = None;
    for value in 0..n {
        head = Some(Gc::new(Node {
            value,
            next: head,
            label: format!("node {value}").into(),
        }));
    }
    head.expect("n > 0")
}

#[test]
fn tracing_follows_every_reference() {
    let head = build_list(500);
    let freed_before = gc::stats().objects_freed;
    gc::collect();
    gc::collect();
    assert_eq!(
        gc::stats().objects_freed,
        freed_before,
        "a reachable node was freed"
    );
    let (mut sum, mut len, mut node) = (0, 0, Some(head));
    while let Some(n) = node {
        assert_eq!(&*n.label, format!("node {}", n.value));
        sum += n.value;
        len += 1;
        node = n.next;
    }
    assert_eq!((len, sum), (500, (0..500).sum::<i64>()));
}
