//! Classes derived from the built-in value types (`class L(list)`, `class I(int)`): their
//! instances are `InstanceObj`s carrying the built-in value they are (`InstanceObj::value`),
//! so the class's own attributes and special methods win and the built-in type's methods
//! and operators, found after them in the MRO, work on that value. (The instances of
//! classes derived from `type`, metaclasses, are classes: `runtime::metaclasses`.) Which
//! built-in types may be bases, what their `__new__` and `__init__` do for a derived
//! class, and which of their methods a derived class sees.

use jitgen_core::gc::{Gc, GcVec};

use crate::runtime::builtins::construct;
use crate::runtime::call::Args;
use crate::runtime::exceptions::is_subclass;
use crate::runtime::methods::method_of_type;
use crate::runtime::objects::*;
use crate::runtime::values::*;

/// The built-in value types classes may derive from.
const DERIVABLE: &[TypeId] = &[
    TypeId::Type,
    TypeId::Int,
    TypeId::Float,
    TypeId::Str,
    TypeId::Bytes,
    TypeId::Tuple,
    TypeId::List,
    TypeId::Dict,
    TypeId::Set,
    TypeId::FrozenSet,
    TypeId::Deque,
];

/// The built-in types CPython lets classes derive from that jitpy does not yet.
const NOT_YET: &[TypeId] = &[
    TypeId::Complex,
    TypeId::ByteArray,
    TypeId::Property,
    TypeId::ClassMethod,
    TypeId::StaticMethod,
    TypeId::Module,
    TypeId::TextIOWrapper,
    TypeId::BufferedReader,
    TypeId::BufferedWriter,
    TypeId::BufferedRandom,
];

/// The built-in value type behind the instances of `cls` (`TypeObj::value_type`).
pub fn value_type_id(cls: Gc<TypeObj>) -> Option<TypeId> {
    let index = usize::try_from(cls.value_type).ok()?;
    BUILTIN_TYPES.get(index).map(|entry| entry.0)
}

/// The built-in value `value` is: a derived instance's, else `value` itself.
pub fn builtin_value(value: Value) -> Value {
    value
        .downcast::<InstanceObj>()
        .and_then(|instance| instance.value)
        .unwrap_or(value)
}

/// The `value_type` of a new class with these bases (checked types), with CPython's
/// errors for a base that cannot be derived from and for bases whose instances cannot be
/// one object.
pub fn value_type_of_bases(bases: Gc<TupleObj>) -> PyResult<i64> {
    let mut found: Option<i64> = None;
    let mut exception_base = false;
    for i in 0..bases.items.len() {
        let Some(base) = bases.items.get(i).downcast::<TypeObj>() else {
            continue;
        };
        if base.layout == Layout::Builtin as i64 {
            let id = value_type_id(base);
            if id.is_some_and(|id| NOT_YET.contains(&id)) {
                return unsupported(&format!(
                    "subclassing the built-in type '{}'",
                    base.name.as_str()
                ));
            }
            if !id.is_some_and(|id| DERIVABLE.contains(&id)) {
                return type_error(format!(
                    "type '{}' is not an acceptable base type",
                    base.name.as_str()
                ));
            }
        }
        exception_base |= is_subclass(base, builtin_type(TypeId::BaseException));
        if base.value_type < 0 {
            continue;
        }
        match found {
            Some(other) if other != base.value_type => {
                return type_error("multiple bases have instance lay-out conflict".into())
            }
            _ => found = Some(base.value_type),
        }
    }
    match found {
        Some(_) if exception_base => {
            type_error("multiple bases have instance lay-out conflict".into())
        }
        found => Ok(found.unwrap_or(-1)),
    }
}

/// The attribute `name` the built-in value type `base` gives its subclasses, as an unbound
/// method (`None` where CPython has it `None`: `list.__hash__`); `None` when it has no
/// such method of its own (`__str__` but of `str` and `bytes` is `object`'s, which calls
/// `repr`, a derived class's own `__repr__` too).
pub fn builtin_attr(base: Gc<TypeObj>, name: &str) -> Option<Value> {
    if base.layout != Layout::Builtin as i64 {
        return None;
    }
    let id = value_type_id(base)?;
    match name {
        "__str__" if !matches!(id, TypeId::Str | TypeId::Bytes) => return None,
        "__hash__"
            if matches!(
                id,
                TypeId::List | TypeId::Dict | TypeId::Set | TypeId::Deque
            ) =>
        {
            return Some(none())
        }
        _ => {}
    }
    let method = method_of_type(id, name)?;
    Some(
        Gc::new(BuiltinObj {
            id: method as i64,
            receiver: None,
            owner: Some(base),
        })
        .erase(),
    )
}

/// A new instance of class `cls` (not a built-in type) as `object.__new__` or its built-in
/// base's `__new__` makes it from a call's arguments: an immutable value is built from
/// them, a container starts empty for `__init__` to fill.
pub fn new_instance(cls: Gc<TypeObj>, args: Args) -> PyResult<Gc<InstanceObj>> {
    let value = match value_type_id(cls) {
        None => None,
        Some(TypeId::List) => Some(new_list(GcVec::new())),
        Some(TypeId::Dict) => Some(crate::runtime::dict::new_dict().erase()),
        Some(TypeId::Set) => Some(crate::runtime::set::new_set(false).erase()),
        Some(TypeId::Deque) => Some(crate::runtime::modules::deque::new_deque(-1).erase()),
        Some(id) => Some(construct(builtin_type(id), args)?),
    };
    Ok(InstanceObj::with_value(cls, value))
}

/// `__init__` of a derived instance's built-in type: `list`, `dict`, `set` and `deque`
/// fill their value from the arguments (`list`, `set` and `deque` emptied first); `None`
/// for the others
/// (`object.__init__`).
pub fn init(instance: Gc<InstanceObj>, args: Args) -> Option<PyResult<()>> {
    let value = instance.value?;
    if let Some(list) = value.downcast::<ListObj>() {
        return Some(construct(builtin_type(TypeId::List), args).map(|made| {
            let items = made.downcast::<ListObj>().expect("a list").items;
            list.items.clear();
            for i in 0..items.len() {
                list.items.push(items.get(i));
            }
        }));
    }
    if let Some(dict) = value.downcast::<DictObj>() {
        return Some(crate::runtime::builtins::dict_init(dict, args));
    }
    if let Some(d) = value.downcast::<DequeObj>() {
        return Some(crate::runtime::modules::deque::init(d, args));
    }
    let set = value.downcast::<SetObj>()?;
    Some(construct(builtin_type(TypeId::Set), args).and_then(|made| {
        crate::runtime::set::clear(set);
        crate::runtime::set::update(set, made)
    }))
}

/// `d[key]` of a dict that is a derived instance: a missing key is the class's
/// `__missing__(key)` if it has one.
pub fn dict_subscript(receiver: Value, dict: Gc<DictObj>, key: Value) -> PyResult<Value> {
    if let Some(found) = crate::runtime::dict::dict_get(dict, key)? {
        return Ok(found);
    }
    let missing = receiver
        .downcast::<InstanceObj>()
        .and_then(|instance| crate::runtime::attr::lookup_in_mro(instance.cls, "__missing__"));
    match missing {
        Some(missing) => crate::runtime::descriptors::call_special(missing, receiver, &[key]),
        None => Err(crate::runtime::exceptions::key_error(key)),
    }
}

/// The dict whose entries CPython's dict merging reads directly from `value`: a dict's
/// own, or a derived instance's when its class keeps `dict.__iter__` (its other
/// overrides, `__getitem__` or `keys`, are not consulted).
pub fn merged_dict(value: Value) -> Option<Gc<DictObj>> {
    if let Some(instance) = value.downcast::<InstanceObj>() {
        let iter = crate::runtime::attr::lookup_in_mro(instance.cls, "__iter__");
        if !iter.is_some_and(|method| method.is::<BuiltinObj>()) {
            return None;
        }
    }
    builtin_value(value).downcast::<DictObj>()
}

/// A str argument of a built-in function: a str, or the str a derived instance is.
pub fn str_value(value: Value) -> Option<Gc<StrObj>> {
    builtin_value(value).downcast::<StrObj>()
}

/// CPython's error for a class naming slots in `__slots__` (`members` of them) when it
/// derives from a built-in type whose values vary in size (`int`, `bytes`, `tuple`,
/// `type`): the base that brings that type is named.
pub fn check_slots(bases: Gc<TupleObj>, members: usize) -> PyResult<()> {
    if members == 0 {
        return Ok(());
    }
    let varying = (0..bases.items.len())
        .filter_map(|i| bases.items.get(i).downcast::<TypeObj>())
        .find(|base| {
            value_type_id(*base).is_some_and(|id| {
                matches!(
                    id,
                    TypeId::Int | TypeId::Bytes | TypeId::Tuple | TypeId::Type
                )
            })
        });
    match varying {
        Some(base) => type_error(format!(
            "nonempty __slots__ not supported for subtype of '{}'",
            base.name.as_str()
        )),
        None => Ok(()),
    }
}

/// What a built-in class method called through derived class `cls` gives, from the
/// built-in `result` it computed: `cls()` filled item by item for `dict.fromkeys`
/// (through the class's `__setitem__`), else `cls(result)` (`int.from_bytes`).
pub fn from_class_method(cls: Gc<TypeObj>, result: Value) -> PyResult<Value> {
    let Some(dict) = result.downcast::<DictObj>() else {
        return crate::runtime::call::call_simple(cls.erase(), &[result]);
    };
    let made = crate::runtime::call::call_simple(cls.erase(), &[])?;
    for (_, key, value) in crate::runtime::dict::entries(dict) {
        crate::runtime::ops::set_item(made, key, value)?;
    }
    Ok(made)
}
