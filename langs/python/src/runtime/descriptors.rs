//! The descriptor protocol: what a class attribute becomes when read through an instance or
//! its class (`__get__`), and what setting or deleting it through an instance does
//! (`__set__`, `__delete__`); and the built-in descriptors: functions (bound into methods),
//! `property`, `classmethod`, `staticmethod` and the members `__slots__` makes.

use jitgen_core::gc::{Gc, Mut};

use crate::runtime::attr::{attribute_error, lookup_in_mro};
use crate::runtime::builtins::{arity, bind, Builtin};
use crate::runtime::call::{call_bound, call_simple, Args};
use crate::runtime::exceptions::is_subclass;
use crate::runtime::objects::*;
use crate::runtime::text::to_repr;
use crate::runtime::values::*;

/// The class attribute `attr` read through `instance`, or through the class `owner` itself
/// (`instance` `None`): functions bind to the instance, class methods to the class, static
/// methods unwrap, properties and slots read, objects with `__get__` are asked; anything
/// else is itself.
pub fn get(attr: Value, instance: Option<Value>, owner: Gc<TypeObj>) -> PyResult<Value> {
    if attr.is::<FunctionObj>() {
        return Ok(match instance {
            Some(receiver) => Gc::new(MethodObj {
                function: attr,
                receiver,
            })
            .erase(),
            None => attr,
        });
    }
    if let Some(method) = attr.downcast::<ClassMethodObj>() {
        // As CPython 3.11: a wrapped descriptor is read through the class (a function
        // binds to it, a property reads it).
        if has_get(method.function) {
            return get(method.function, Some(owner.erase()), type_of(owner.erase()));
        }
        return Ok(Gc::new(MethodObj {
            function: method.function,
            receiver: owner.erase(),
        })
        .erase());
    }
    if let Some(method) = attr.downcast::<StaticMethodObj>() {
        return Ok(method.function);
    }
    if let Some(builtin) = attr.downcast::<BuiltinObj>() {
        // A built-in class method binds to the class it is read through (`D.fromkeys`).
        if builtin.receiver.is_none() && crate::runtime::builtins::is_class_method(builtin.id) {
            return Ok(Gc::new(BuiltinObj {
                id: builtin.id,
                receiver: Some(owner.erase()),
                owner: builtin.owner,
            })
            .erase());
        }
        return Ok(match instance {
            Some(receiver) if is_unbound_method(builtin) => Gc::new(BuiltinObj {
                id: builtin.id,
                receiver: Some(receiver),
                owner: builtin.owner,
            })
            .erase(),
            _ => attr,
        });
    }
    if let Some(descriptor) = attr.downcast::<InstanceObj>() {
        return match lookup_in_mro(descriptor.cls, "__get__") {
            Some(get) => {
                let instance = instance.unwrap_or_else(none);
                call_special(get, attr, &[instance, owner.erase()])
            }
            None => Ok(attr),
        };
    }
    let Some(instance) = instance else {
        return Ok(attr);
    };
    if let Some(getset) = attr.downcast::<GetSetObj>() {
        return Ok(match instance.downcast::<InstanceObj>() {
            Some(object) if getset.name.as_str() == "__dict__" => object.dict.erase(),
            _ => none(),
        });
    }
    if let Some(property) = attr.downcast::<PropertyObj>() {
        if is_none(property.fget) {
            return Err(property_error(property, instance, "getter"));
        }
        return call_simple(property.fget, &[instance]);
    }
    if let Some(member) = attr.downcast::<MemberObj>() {
        let slots = slots_of(member, instance)?;
        let value = slots.get(member.index as usize);
        if value == ctx().unbound {
            return Err(attribute_error(instance, member.name.as_str()));
        }
        return Ok(value);
    }
    Ok(attr)
}

/// Whether `builtin` is a built-in method taken from its class (`object.__hash__`).
fn is_unbound_method(builtin: Gc<BuiltinObj>) -> bool {
    builtin.receiver.is_none() && crate::runtime::builtins::is_method(builtin.id)
}

/// Whether reading `attr` through an instance calls something (it has `__get__`).
pub fn has_get(attr: Value) -> bool {
    attr.is::<PropertyObj>()
        || attr.downcast::<BuiltinObj>().is_some_and(is_unbound_method)
        || attr.is::<MemberObj>()
        || attr.is::<GetSetObj>()
        || attr.is::<FunctionObj>()
        || attr.is::<ClassMethodObj>()
        || attr.is::<StaticMethodObj>()
        || attr
            .downcast::<InstanceObj>()
            .is_some_and(|d| lookup_in_mro(d.cls, "__get__").is_some())
}

/// Whether `attr` is a data descriptor (it has `__set__` or `__delete__`): then it goes
/// before the instance's own attributes.
pub fn is_data(attr: Value) -> bool {
    attr.is::<PropertyObj>()
        || attr.is::<MemberObj>()
        || attr.downcast::<InstanceObj>().is_some_and(|d| {
            lookup_in_mro(d.cls, "__set__").is_some()
                || lookup_in_mro(d.cls, "__delete__").is_some()
        })
}

/// `instance.name = value` (`value` `None`: `del instance.name`) through the data
/// descriptor `attr` of its class; `None` when `attr` is no data descriptor.
pub fn set(attr: Value, instance: Value, value: Option<Value>) -> Option<PyResult<()>> {
    if let Some(property) = attr.downcast::<PropertyObj>() {
        let (accessor, what) = match value {
            Some(_) => (property.fset, "setter"),
            None => (property.fdel, "deleter"),
        };
        if is_none(accessor) {
            return Some(Err(property_error(property, instance, what)));
        }
        let result = match value {
            Some(value) => call_simple(accessor, &[instance, value]),
            None => call_simple(accessor, &[instance]),
        };
        return Some(result.map(drop));
    }
    if let Some(member) = attr.downcast::<MemberObj>() {
        return Some(set_member(member, instance, value));
    }
    let descriptor = attr.downcast::<InstanceObj>()?;
    if !is_data(attr) {
        return None;
    }
    let special = if value.is_some() {
        "__set__"
    } else {
        "__delete__"
    };
    let Some(method) = lookup_in_mro(descriptor.cls, special) else {
        return Some(Err(exception(TypeId::AttributeError, special)));
    };
    let result = match value {
        Some(value) => call_special(method, attr, &[instance, value]),
        None => call_special(method, attr, &[instance]),
    };
    Some(result.map(drop))
}

/// Writes (`Some`) or clears (`None`) the slot `member` of `instance`.
fn set_member(member: Gc<MemberObj>, instance: Value, value: Option<Value>) -> PyResult<()> {
    let slots = slots_of(member, instance)?;
    let index = member.index as usize;
    match value {
        Some(value) => slots.set(index, value),
        None if slots.get(index) == ctx().unbound => {
            return Err(exception(TypeId::AttributeError, member.name.as_str()));
        }
        None => slots.set(index, ctx().unbound),
    }
    Ok(())
}

/// The slots of `instance`, which must be an instance of the member's class.
fn slots_of(
    member: Gc<MemberObj>,
    instance: Value,
) -> PyResult<Gc<jitgen_core::gc::GcArray<Value>>> {
    match instance.downcast::<InstanceObj>() {
        Some(object) if is_subclass(object.cls, member.owner) => Ok(object
            .slots
            .expect("a subclass of a slotted class has slots")),
        _ => type_error(format!(
            "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
            member.name.as_str(),
            member.owner.name.as_str(),
            type_name(instance)
        )),
    }
}

/// Calls `method`, a special method found on `receiver`'s class, on `receiver`: a
/// function gets the receiver first, other descriptors are bound first (`__get__`).
pub fn call_special(method: Value, receiver: Value, args: &[Value]) -> PyResult<Value> {
    if method.is::<FunctionObj>() {
        return call_bound(method, receiver, args);
    }
    let bound = get(method, Some(receiver), type_of(receiver))?;
    call_simple(bound, args)
}

/// `property 'x' of 'C' object has no setter`, as CPython 3.11 words it.
fn property_error(property: Gc<PropertyObj>, instance: Value, what: &str) -> Gc<InstanceObj> {
    let qualname = type_of(instance).qualname.as_str().to_string();
    let owner = to_repr(new_str(&qualname)).unwrap_or(qualname);
    let name = property.name.get();
    let message = match to_repr(name) {
        Ok(name) if !is_none(property.name.get()) => {
            format!("property {name} of {owner} object has no {what}")
        }
        _ => format!("property of {owner} object has no {what}"),
    };
    exception(TypeId::AttributeError, &message)
}

/// `property(fget=None, fset=None, fdel=None, doc=None)`.
pub fn new_property(args: Args) -> PyResult<Value> {
    let [fget, fset, fdel, doc] = bind("property", &args, ["fget", "fset", "fdel", "doc"], 4)?;
    let given = |value: Option<Value>| value.unwrap_or_else(none);
    Ok(make_property(given(fget), given(fset), given(fdel), given(doc), none())?.erase())
}

/// A property; a `None` docstring is the getter's `__doc__` (if it has one).
fn make_property(
    fget: Value,
    fset: Value,
    fdel: Value,
    doc: Value,
    name: Value,
) -> PyResult<Gc<PropertyObj>> {
    let getter_doc = is_none(doc) && !is_none(fget);
    let doc = match getter_doc {
        true => match crate::runtime::attr::get_attr(fget, StrObj::new("__doc__")) {
            Err(error) if is_subclass(error.cls, builtin_type(TypeId::AttributeError)) => doc,
            other => other?,
        },
        false => doc,
    };
    Ok(Gc::new(PropertyObj {
        fget,
        fset,
        fdel,
        doc,
        getter_doc,
        name: Mut::new(name),
    }))
}

/// `classmethod(f)` (`class_method`) or `staticmethod(f)`.
pub fn new_method_wrapper(args: Args, class_method: bool) -> PyResult<Value> {
    let name = if class_method {
        "classmethod"
    } else {
        "staticmethod"
    };
    if args.nkw() > 0 {
        return type_error(format!("{name}() takes no keyword arguments"));
    }
    if args.npos != 1 {
        return type_error(format!("{name} expected 1 argument, got {}", args.npos));
    }
    let function = args.get(0);
    Ok(match class_method {
        true => Gc::new(ClassMethodObj { function }).erase(),
        false => Gc::new(StaticMethodObj { function }).erase(),
    })
}

/// The attributes of the built-in descriptors (`fget`, `__doc__`, `__func__`, `__name__`).
pub fn attribute(descriptor: Value, name: &str) -> Option<Value> {
    if let Some(property) = descriptor.downcast::<PropertyObj>() {
        return match name {
            "fget" => Some(property.fget),
            "fset" => Some(property.fset),
            "fdel" => Some(property.fdel),
            "__doc__" => Some(property.doc),
            _ => None,
        };
    }
    if let Some(member) = descriptor.downcast::<MemberObj>() {
        return match name {
            "__name__" => Some(member.name.erase()),
            "__objclass__" => Some(member.owner.erase()),
            _ => None,
        };
    }
    if let Some(getset) = descriptor.downcast::<GetSetObj>() {
        return match name {
            "__name__" => Some(getset.name.erase()),
            "__objclass__" => Some(getset.owner.erase()),
            _ => None,
        };
    }
    let function = match (
        descriptor.downcast::<ClassMethodObj>(),
        descriptor.downcast::<StaticMethodObj>(),
    ) {
        (Some(method), _) => method.function,
        (_, Some(method)) => method.function,
        _ => return None,
    };
    (name == "__func__").then_some(function)
}

/// The methods of the built-in descriptors.
pub const PROPERTY_METHODS: &[Builtin] = &[
    Builtin::DescrGet,
    Builtin::DescrSet,
    Builtin::DescrDelete,
    Builtin::PropertyGetter,
    Builtin::PropertySetter,
    Builtin::PropertyDeleter,
];

/// The methods of slot members.
pub const MEMBER_METHODS: &[Builtin] =
    &[Builtin::DescrGet, Builtin::DescrSet, Builtin::DescrDelete];

/// Calls a method of a descriptor: `__get__(instance, owner=None)`, `__set__`,
/// `__delete__`, and a property's `getter`/`setter`/`deleter` (a copy with that accessor
/// replaced).
pub fn call_method(id: Builtin, descriptor: Value, args: Args) -> PyResult<Value> {
    match id {
        Builtin::DescrGet => {
            arity("__get__", &args, 1, 2)?;
            let instance = args.get(0);
            let owner = match args.npos {
                2 if !is_none(args.get(1)) => args.get(1).downcast::<TypeObj>(),
                _ => None,
            };
            if is_none(instance) && owner.is_none() {
                return type_error("__get__(None, None) is invalid".into());
            }
            let owner = owner.unwrap_or_else(|| type_of(instance));
            get(descriptor, (!is_none(instance)).then_some(instance), owner)
        }
        Builtin::DescrSet | Builtin::DescrDelete => {
            let setting = id == Builtin::DescrSet;
            let name = if setting { "__set__" } else { "__delete__" };
            arity(name, &args, 1 + setting as usize, 1 + setting as usize)?;
            let value = setting.then(|| args.get(1));
            match set(descriptor, args.get(0), value) {
                Some(result) => result.map(|()| none()),
                None => type_error(format!(
                    "'{name}' is not a method of '{}'",
                    type_name(descriptor)
                )),
            }
        }
        Builtin::PropertyGetter | Builtin::PropertySetter | Builtin::PropertyDeleter => {
            let Some(property) = descriptor.downcast::<PropertyObj>() else {
                return type_error("a property method needs a property".into());
            };
            arity(
                crate::runtime::builtins::builtin_name(id as i64),
                &args,
                1,
                1,
            )?;
            let function = args.get(0);
            let pick = |which: Builtin, old: Value| if id == which { function } else { old };
            let fget = pick(Builtin::PropertyGetter, property.fget);
            // A docstring taken from the old getter is taken from the new one.
            let doc = match property.getter_doc {
                true => none(),
                false => property.doc,
            };
            Ok(make_property(
                fget,
                pick(Builtin::PropertySetter, property.fset),
                pick(Builtin::PropertyDeleter, property.fdel),
                doc,
                property.name.get(),
            )?
            .erase())
        }
        _ => type_error(format!(
            "'{}' is not a method of '{}'",
            crate::runtime::builtins::builtin_name(id as i64),
            type_name(descriptor)
        )),
    }
}
