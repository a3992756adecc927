//! The virtualizable frame in memory: reading its virtualizable fields and items when a
//! compiled loop is entered, writing them back when it is left (see
//! [`crate::trace::VableState`]).

use crate::blackhole::Value;
use crate::gc::GcRef;
use crate::jitcode::eval::{item_addr, load, store_word_into};
use crate::jitcode::{kind_of_value, Kind};
use crate::layout::ValueKind;
use crate::trace::{Arg, VableState};
use crate::virtualizable::VableLayout;

/// The register kind of a field or item of `kind` (never opaque: the builder rejects
/// those).
pub(crate) fn kind_of(kind: ValueKind) -> Kind {
    kind_of_value(kind).expect("a field the JIT can read")
}

/// The arrays of `object`'s virtualizable array fields.
fn arrays(layout: &VableLayout, object: GcRef) -> impl Iterator<Item = usize> + '_ {
    layout.arrays.iter().map(move |array| {
        // SAFETY: the layout describes `object`'s type; array fields hold non-null arrays.
        let value = unsafe { load(object.addr() + array.field.descr.offset, ValueKind::Ref) };
        match value {
            Value::Ref(Some(r)) => r.addr(),
            _ => panic!("jitgen: a virtualizable array field holds no array"),
        }
    })
}

/// The lengths of `object`'s virtualizable arrays (a compiled loop is specialized on them).
pub(crate) fn lengths(layout: &VableLayout, object: GcRef) -> Vec<usize> {
    // SAFETY: an array object starts with its length word.
    arrays(layout, object)
        .map(|a| unsafe { *(a as *const usize) })
        .collect()
}

/// Whether `object`'s virtualizable arrays have the lengths `lengths` (without collecting
/// them: this runs at every entry into compiled code).
pub(crate) fn lengths_are(layout: &VableLayout, object: GcRef, lengths: &[usize]) -> bool {
    // SAFETY: an array object starts with its length word.
    arrays(layout, object)
        .zip(lengths)
        .all(|(a, &len)| unsafe { *(a as *const usize) } == len)
}

/// Appends `object`'s virtualizable fields' values, then its arrays' items' values, to
/// `values`.
pub(crate) fn read_into(layout: &VableLayout, object: GcRef, values: &mut Vec<Value>) {
    values.extend(
        layout
            .fields
            .iter()
            // SAFETY: the layout describes `object`'s type.
            .map(|f| unsafe { load(object.addr() + f.descr.offset, f.descr.kind) }),
    );
    for (array, descr) in arrays(layout, object).zip(&layout.arrays) {
        // SAFETY: an array object starts with its length word.
        let len = unsafe { *(array as *const usize) };
        for index in 0..len {
            let addr = item_addr(array, index as i64, descr.items.item_size);
            // SAFETY: an item of this array, of the descriptor's kind.
            values.push(unsafe { load(addr, descr.items.item_kind) });
        }
    }
}

/// Writes the values `state` holds (each operand's value given by `word`, as a word) into its
/// object.
pub(crate) fn write_back(state: &VableState, word: impl Fn(Arg) -> u64) {
    let object = match Value::from_word(Kind::Ref, word(state.object)) {
        Value::Ref(Some(r)) => r,
        _ => panic!("jitgen: the virtualizable is None"),
    };
    let layout = state.layout;
    for (field, arg) in layout.fields.iter().zip(&state.fields) {
        // SAFETY: the layout describes `object`'s type; the field is a `Mut` cell.
        unsafe {
            store_word_into(
                object.addr(),
                object.addr() + field.descr.offset,
                field.descr.kind,
                word(*arg),
            )
        };
    }
    for ((array, descr), (_, items)) in arrays(layout, object)
        .zip(&layout.arrays)
        .zip(&state.arrays)
    {
        for (index, arg) in items.iter().enumerate() {
            let addr = item_addr(array, index as i64, descr.items.item_size);
            // SAFETY: an item of this array; array items are cells.
            unsafe { store_word_into(array, addr, descr.items.item_kind, word(*arg)) };
        }
    }
}
