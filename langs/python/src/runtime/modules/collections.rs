//! The `collections` and `_collections` modules: `_collections` holds the native type
//! `deque` (`super::deque`) and, in Python code built into the binary
//! (`_collections.py`), `defaultdict` (a class derived from `dict` whose `__missing__`
//! calls its factory); `collections.py` re-exports them and adds `namedtuple`,
//! `OrderedDict`, `Counter` and `ChainMap`.

use jitgen_core::gc::Gc;

use crate::runtime::dict::dict_set_str;
use crate::runtime::objects::*;
use crate::runtime::values::{builtin_type, TypeId};

/// Puts `deque` in `_collections`.
pub fn fill(dict: Gc<DictObj>) {
    dict_set_str(dict, "deque", builtin_type(TypeId::Deque).erase());
}

/// The code of `_collections`.
pub const UNDERSCORE_SOURCE: &str = include_str!("_collections.py");

/// The code of `collections`.
pub const SOURCE: &str = include_str!("collections.py");
