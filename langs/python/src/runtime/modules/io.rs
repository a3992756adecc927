//! The `io` module: `open` and the types of the file objects it makes, with
//! `UnsupportedOperation` (the files themselves are `crate::runtime::files`).

use jitgen_core::gc::Gc;

use crate::runtime::dict::{dict_get_str, dict_set_str};
use crate::runtime::objects::*;
use crate::runtime::values::*;

/// Fills `io`'s namespace: `open` (the built-in) and the file types.
pub fn fill(dict: Gc<DictObj>) {
    if let Some(open) = dict_get_str(ctx().builtins, "open") {
        dict_set_str(dict, "open", open);
    }
    for id in [
        TypeId::TextIOWrapper,
        TypeId::BufferedReader,
        TypeId::BufferedWriter,
        TypeId::BufferedRandom,
        TypeId::UnsupportedOperation,
    ] {
        dict_set_str(dict, BUILTIN_TYPES[id as usize].1, builtin_type(id).erase());
    }
}
