//! The runtime side of the `match` statement (PEP 634), as CPython 3.11's `ceval.c` does
//! it: which subjects mapping and sequence patterns accept, the values of a mapping
//! pattern's keys, and the attributes a class pattern matches its sub-patterns against.

use jitgen_core::gc::{Gc, GcVec};

use crate::runtime::attr::{get_attr, is_attribute_error};
use crate::runtime::dict::{dict_get, dict_set, new_dict};
use crate::runtime::exceptions::is_subclass;
use crate::runtime::objects::*;
use crate::runtime::text::to_repr;
use crate::runtime::values::*;

/// Whether a mapping pattern accepts the subject: a `dict` (a derived one too).
pub fn is_mapping(subject: Value) -> bool {
    crate::runtime::derived::builtin_value(subject).is::<DictObj>()
}

/// Whether a sequence pattern accepts the subject: a `list`, `tuple` or `range` (or a
/// struct sequence, a tuple subclass); never a `str`, `bytes` or `bytearray`.
pub fn is_sequence(subject: Value) -> bool {
    let cls = type_of(subject);
    [TypeId::List, TypeId::Tuple, TypeId::Range]
        .into_iter()
        .any(|id| is_subclass(cls, builtin_type(id)))
}

/// Records `key` in `seen`; whether it was there already.
fn seen_before(seen: Gc<DictObj>, key: Value) -> PyResult<bool> {
    if dict_get(seen, key)?.is_some() {
        return Ok(true);
    }
    dict_set(seen, key, none())?;
    Ok(false)
}

/// The values of `keys` (a tuple) in the mapping `subject` (a dict, or a derived one's
/// value: jitpy has no other mappings), as a tuple, or `None` when a key is missing. A
/// key given twice is a `ValueError`.
pub fn match_keys(subject: Value, keys: Value) -> PyResult<Value> {
    let dict = crate::runtime::derived::builtin_value(subject).downcast::<DictObj>();
    let (Some(dict), Some(keys)) = (dict, keys.downcast::<TupleObj>()) else {
        return Ok(none());
    };
    let values = GcVec::new();
    let seen = new_dict();
    for i in 0..keys.items.len() {
        let key = keys.items.get(i);
        if seen_before(seen, key)? {
            return value_error(format!(
                "mapping pattern checks duplicate key ({})",
                to_repr(key)?
            ));
        }
        match dict_get(dict, key)? {
            Some(value) => values.push(value),
            None => return Ok(none()),
        }
    }
    Ok(new_tuple(values))
}

/// The built-in types whose class patterns match a positional sub-pattern against the
/// subject itself (CPython's `_Py_TPFLAGS_MATCH_SELF`).
const MATCH_SELF: [TypeId; 11] = [
    TypeId::Bool,
    TypeId::ByteArray,
    TypeId::Bytes,
    TypeId::Dict,
    TypeId::Float,
    TypeId::FrozenSet,
    TypeId::Int,
    TypeId::List,
    TypeId::Set,
    TypeId::Str,
    TypeId::Tuple,
];

/// The attribute `name` of a class pattern's subject, `None` if it has none. An attribute
/// named twice (positionally through `__match_args__`, or by keyword) is a `TypeError`.
fn class_attribute(
    subject: Value,
    cls: Gc<TypeObj>,
    name: Value,
    seen: Gc<DictObj>,
) -> PyResult<Option<Value>> {
    if seen_before(seen, name)? {
        return type_error(format!(
            "{}() got multiple sub-patterns for attribute {}",
            cls.name.as_str(),
            to_repr(name)?
        ));
    }
    let Some(text) = name.downcast::<StrObj>() else {
        return Ok(None);
    };
    match get_attr(subject, text) {
        Ok(value) => Ok(Some(value)),
        Err(error) if is_attribute_error(error) => Ok(None),
        Err(error) => Err(error),
    }
}

/// A class pattern `cls(p1, ..., pn, a1=q1, ...)`: if `subject` is an instance of `cls`,
/// the tuple of the values its `positional` sub-patterns match (the attributes named by
/// `cls.__match_args__`, or the subject itself for the built-in types of
/// [`MATCH_SELF`]) followed by the attributes `names` (a tuple); `None` if it is not an
/// instance or lacks one of the attributes.
pub fn match_class(subject: Value, cls: Value, positional: usize, names: Value) -> PyResult<Value> {
    let Some(cls) = cls.downcast::<TypeObj>() else {
        return type_error("called match pattern must be a type".into());
    };
    if !is_subclass(type_of(subject), cls) {
        return Ok(none());
    }
    let attrs = GcVec::new();
    let seen = new_dict();
    if positional > 0 {
        let (match_args, match_self) = match get_attr(cls.erase(), StrObj::new("__match_args__")) {
            Ok(args) => match args.downcast::<TupleObj>().filter(|t| t.cls.is_none()) {
                Some(tuple) => (Some(tuple.items), false),
                None => {
                    return type_error(format!(
                        "{}.__match_args__ must be a tuple (got {})",
                        cls.name.as_str(),
                        type_name(args)
                    ))
                }
            },
            Err(error) if is_attribute_error(error) => {
                let match_self = MATCH_SELF
                    .into_iter()
                    .any(|id| is_subclass(cls, builtin_type(id)));
                (None, match_self)
            }
            Err(error) => return Err(error),
        };
        let allowed = match (match_self, match_args) {
            (true, _) => 1,
            (false, Some(args)) => args.len(),
            (false, None) => 0,
        };
        if allowed < positional {
            let plural = if allowed == 1 { "" } else { "s" };
            return type_error(format!(
                "{}() accepts {allowed} positional sub-pattern{plural} ({positional} given)",
                cls.name.as_str()
            ));
        }
        if match_self {
            attrs.push(subject);
        } else if let Some(args) = match_args {
            for i in 0..positional {
                let name = args.get(i);
                if !name.is::<StrObj>() {
                    return type_error(format!(
                        "__match_args__ elements must be strings (got {})",
                        type_name(name)
                    ));
                }
                match class_attribute(subject, cls, name, seen)? {
                    Some(value) => attrs.push(value),
                    None => return Ok(none()),
                }
            }
        }
    }
    if let Some(names) = names.downcast::<TupleObj>() {
        for i in 0..names.items.len() {
            match class_attribute(subject, cls, names.items.get(i), seen)? {
                Some(value) => attrs.push(value),
                None => return Ok(none()),
            }
        }
    }
    Ok(new_tuple(attrs))
}
