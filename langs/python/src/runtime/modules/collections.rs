//! The `collections` and `_collections` modules, Python code built into the binary:
//! `_collections.py` has `deque` (a ring buffer over a list whose length is a power of
//! two: O(1) at both ends) and `defaultdict` (a class derived from `dict` whose
//! `__missing__` calls its factory); `collections.py` re-exports them and adds
//! `namedtuple`, `OrderedDict`, `Counter` and `ChainMap`.

use jitgen_core::gc::Gc;

use crate::runtime::objects::*;

/// The code of `_collections`.
pub const UNDERSCORE_SOURCE: &str = include_str!("_collections.py");

/// The code of `collections`.
pub const SOURCE: &str = include_str!("collections.py");

/// The name messages give `deque`, `defaultdict` and `OrderedDict`, C types in CPython:
/// `'collections.deque'`; `None` for other classes.
pub fn c_type_name(cls: Gc<TypeObj>) -> Option<String> {
    let module = cls.module.downcast::<StrObj>()?;
    let name = cls.name.as_str();
    (module.as_str() == "collections" && matches!(name, "deque" | "defaultdict" | "OrderedDict"))
        .then(|| format!("collections.{name}"))
}
