//! A class's namespace as a read-only mapping (`C.__dict__`, `vars(C)`): CPython's
//! `mappingproxy`, which reads through to the class's dict (items, `in`, `len`, iteration
//! in definition order, `==`, `keys`/`values`/`items`/`get`/`copy`) and refuses writes.

use jitgen_core::gc::Gc;

use crate::runtime::builtins::method_of_value;
use crate::runtime::objects::*;

/// A read-only view of `dict`.
pub fn new_proxy(dict: Gc<DictObj>) -> Value {
    Gc::new(MappingProxyObj { mapping: dict }).erase()
}

/// The dict a mapping proxy shows; `None` if `value` is not one.
pub fn target(value: Value) -> Option<Gc<DictObj>> {
    value
        .downcast::<MappingProxyObj>()
        .map(|proxy| proxy.mapping)
}

/// The methods of a mapping proxy: its dict's reading methods, bound to the dict.
pub fn attribute(proxy: Gc<MappingProxyObj>, name: &str) -> Option<Value> {
    matches!(name, "keys" | "values" | "items" | "get" | "copy")
        .then(|| method_of_value(proxy.mapping.erase(), name))
        .flatten()
}
