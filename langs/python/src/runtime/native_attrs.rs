//! The attributes of native callables (`BuiltinObj`), as CPython's
//! `builtin_function_or_method`, method descriptors and slot wrappers have them:
//! `__name__`, `__qualname__` (`list.append` for a method of a built-in type),
//! `__module__` (`builtins` or the module of a function, `None` for a bound method) and
//! `__self__` (the module of a function, the receiver of a bound method); their reprs,
//! equality and hash (the same method of the same receiver); and the check that a method
//! taken from its class gets an instance of it.

use jitgen_core::gc::Gc;

use crate::runtime::builtins::{builtin_name, is_method, Builtin};
use crate::runtime::call::Args;
use crate::runtime::dict::dict_get_str;
use crate::runtime::exceptions::is_subclass;
use crate::runtime::objects::*;
use crate::runtime::slots::{is_plain_method, slot_of_type};
use crate::runtime::values::*;

/// The name of a native callable (a not-yet-implemented built-in holds its own).
fn native_name(builtin: Gc<BuiltinObj>) -> String {
    match builtin.receiver.and_then(|r| r.downcast::<StrObj>()) {
        Some(name) if builtin.id == Builtin::Unsupported as i64 => name.as_str().to_string(),
        _ => builtin_name(builtin.id).to_string(),
    }
}

/// The receiver of a bound built-in method (not a function's module).
fn bound_receiver(builtin: Gc<BuiltinObj>) -> Option<Value> {
    builtin
        .receiver
        .filter(|r| !r.is::<ModuleObj>() && builtin.id != Builtin::Unsupported as i64)
}

/// The name of the built-in class method `builtin` was taken from (`list` for
/// `list.append`); `None` for a function.
fn owner_type_name(builtin: Gc<BuiltinObj>) -> Option<&'static str> {
    if !is_method(builtin.id) {
        return None;
    }
    let owner = builtin.owner?;
    Some(BUILTIN_TYPES.get(builtin_type_index(owner)?)?.1)
}

/// The index of a built-in class in `BUILTIN_TYPES`.
fn builtin_type_index(cls: Gc<TypeObj>) -> Option<usize> {
    let types = ctx().types;
    (0..types.len()).find(|&t| types.get(t).erase() == cls.erase())
}

/// Whether a native callable is a special method of a built-in type (a slot wrapper).
fn is_slot(builtin: Gc<BuiltinObj>) -> bool {
    let name = builtin_name(builtin.id);
    builtin
        .owner
        .and_then(builtin_type_index)
        .is_some_and(|index| {
            let type_id = BUILTIN_TYPES[index].0;
            slot_of_type(type_id, name)
                .is_some_and(|slot| slot as i64 == builtin.id && !is_plain_method(type_id, slot))
        })
}

/// The qualified name of a method, bound or not: `list.append`, named after the class of
/// the receiver as CPython does (`bool.bit_length` for `True.bit_length`; the class itself
/// when bound to a class); `None` for a function.
fn method_qualname(builtin: Gc<BuiltinObj>) -> Option<String> {
    let name = native_name(builtin);
    match bound_receiver(builtin) {
        Some(receiver) => {
            let cls = receiver
                .downcast::<TypeObj>()
                .unwrap_or_else(|| type_of(receiver));
            Some(format!("{}.{name}", cls.qualname.as_str()))
        }
        None => owner_type_name(builtin).map(|owner| format!("{owner}.{name}")),
    }
}

/// The module a native function belongs to: its module object, else `builtins`.
fn module_of(builtin: Gc<BuiltinObj>) -> Option<Value> {
    match builtin.receiver.and_then(|r| r.downcast::<ModuleObj>()) {
        Some(module) => Some(module.erase()),
        None => dict_get_str(ctx().modules, "builtins"),
    }
}

/// The attribute `name` of a native callable; `None` if it has no such attribute.
pub fn attribute(builtin: Gc<BuiltinObj>, name: &str) -> Option<Value> {
    let method = method_qualname(builtin);
    let bound = bound_receiver(builtin);
    match name {
        "__name__" => Some(new_str(&native_name(builtin))),
        "__qualname__" => Some(new_str(&method.unwrap_or_else(|| native_name(builtin)))),
        "__module__" => match (method, bound) {
            (Some(_), Some(_)) => Some(none()),
            (Some(_), None) => None,
            _ => {
                let module = module_of(builtin)?.downcast::<ModuleObj>()?;
                dict_get_str(module.dict, "__name__")
            }
        },
        "__self__" => match method {
            Some(_) => bound,
            None => module_of(builtin),
        },
        _ => None,
    }
}

/// `a == b` for native callables: the same one, bound to the same receiver (`l.append ==
/// l.append`).
pub fn same_native(a: Gc<BuiltinObj>, b: Gc<BuiltinObj>) -> bool {
    a.id == b.id && a.receiver == b.receiver
}

/// `hash()` of a native callable, equal for [`same_native`] ones.
pub fn native_hash(builtin: Gc<BuiltinObj>) -> i64 {
    let receiver = builtin
        .receiver
        .map_or(0, crate::runtime::dict::identity_hash);
    receiver ^ builtin.id
}

/// `repr()` of a native callable: `<built-in function len>`, `<method 'append' of 'list'
/// objects>` and `<slot wrapper '__add__' of 'int' objects>` (taken from its class),
/// `<built-in method append of list object at 0x...>`, `<method-wrapper '__add__' of int
/// object at 0x...>`.
pub fn native_repr(builtin: Gc<BuiltinObj>) -> String {
    let name = native_name(builtin);
    let slot = is_slot(builtin);
    // A type of a module CPython writes in C is named with its module (`collections.deque`).
    let owner = owner_type_name(builtin).map(|name| {
        builtin
            .owner
            .and_then(crate::runtime::modules::c_type_name)
            .unwrap_or_else(|| name.to_string())
    });
    match (owner, bound_receiver(builtin)) {
        (_, Some(receiver)) if slot => format!(
            "<method-wrapper '{name}' of {} object at {:#x}>",
            type_name(receiver),
            receiver.addr()
        ),
        (_, Some(receiver)) => format!(
            "<built-in method {name} of {} object at {:#x}>",
            type_name(receiver),
            receiver.addr()
        ),
        (Some(owner), None) if slot => format!("<slot wrapper '{name}' of '{owner}' objects>"),
        (Some(owner), None) => format!("<method '{name}' of '{owner}' objects>"),
        (None, None) => format!("<built-in function {name}>"),
    }
}

/// Checks the receiver of a method taken from its class (the first of `args`): there is
/// one, an instance of the class, else CPython's `TypeError`.
pub fn check_unbound_receiver(builtin: Gc<BuiltinObj>, args: &Args) -> PyResult<()> {
    let name = native_name(builtin);
    let owner = owner_type_name(builtin);
    let slot = is_slot(builtin);
    if args.npos == 0 {
        return type_error(match owner {
            Some(owner) if slot => {
                format!("descriptor '{name}' of '{owner}' object needs an argument")
            }
            Some(owner) => format!("unbound method {owner}.{name}() needs an argument"),
            None => format!("unbound method {name}() needs an argument"),
        });
    }
    let receiver = args.get(0);
    match (owner, builtin.owner) {
        (Some(owner), Some(cls)) if !is_subclass(type_of(receiver), cls) => {
            type_error(match slot {
                true => format!(
                    "descriptor '{name}' requires a '{owner}' object but received a '{}'",
                    type_name(receiver)
                ),
                false => format!(
                    "descriptor '{name}' for '{owner}' objects doesn't apply to a '{}' object",
                    type_name(receiver)
                ),
            })
        }
        _ => Ok(()),
    }
}
