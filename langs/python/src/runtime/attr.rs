//! Attributes: lookup through the method resolution order, `obj.name` (the class's
//! `__getattribute__`/`__getattr__`, or object's: data descriptors, then the instance's
//! dict, then the other class attributes), setting and deleting them (`__setattr__`,
//! `__delattr__`, data descriptors), and `super()`.

use jitgen_core::gc::Gc;

use crate::runtime::builtins::{arity, method_of_value, Builtin};
use crate::runtime::call::Args;
use crate::runtime::derived;
use crate::runtime::descriptors::{self, call_special};
use crate::runtime::dict::{dict_get, dict_remove, dict_set};
use crate::runtime::exceptions::{exception_instance, is_subclass};
use crate::runtime::methods::method_of_type;
use crate::runtime::objects::*;
use crate::runtime::values::*;

/// The attribute `name` of class `cls` or its bases, in MRO order (a built-in value type
/// among them gives its methods, `runtime::derived`).
pub fn lookup_in_mro(cls: Gc<TypeObj>, name: &str) -> Option<Value> {
    let probe = new_str(name);
    lookup_value_in_mro(cls, probe)
}

fn lookup_value_in_mro(cls: Gc<TypeObj>, name: Value) -> Option<Value> {
    let mro = cls.mro.get()?;
    for i in 0..mro.items.len() {
        let base = mro.items.get(i).downcast::<TypeObj>()?;
        if let Ok(Some(found)) = dict_get(base.dict, name) {
            return Some(found);
        }
        if base.layout == Layout::Builtin as i64 {
            let text = name.downcast::<StrObj>()?;
            if let Some(found) = derived::builtin_attr(base, text.as_str()) {
                return Some(found);
            }
        }
    }
    None
}

/// The class defines or inherits `__getattribute__` (a [`hooks`] flag).
const GETATTRIBUTE: i64 = 1;
/// ... `__getattr__`.
const GETATTR: i64 = 2;
/// ... `__setattr__`.
const SETATTR: i64 = 4;
/// ... `__delattr__`.
const DELATTR: i64 = 8;
/// A class of its MRO holds a data descriptor (the instance dict is not enough to answer).
const DATA_DESCRIPTORS: i64 = 16;
/// The class defines or inherits a rich comparison (`__eq__`, `__lt__`, ...) other than
/// `object`'s.
const RICH_COMPARISON: i64 = 32;

/// The rich comparison methods.
const RICH_COMPARISONS: [&str; 6] = ["__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"];

/// Whether instances of `cls` compare by a method of their own (else as `object`'s: `==`
/// is identity and ordering is a `TypeError`).
pub fn compares_itself(cls: Gc<TypeObj>) -> bool {
    hooks(cls) & RICH_COMPARISON != 0
}

/// What attribute lookups on instances of `cls` must consult (the flags above), cached in
/// the class until a class attribute that could change them is set or deleted anywhere
/// ([`class_attribute_changes`]).
fn hooks(cls: Gc<TypeObj>) -> i64 {
    let epoch = ctx().class_epoch.get();
    let cached = cls.hooks.get();
    if cached >= 0 && cached >> 8 == epoch {
        return cached & 0xff;
    }
    let mut flags = 0;
    for (flag, name) in [
        (GETATTRIBUTE, "__getattribute__"),
        (GETATTR, "__getattr__"),
        (SETATTR, "__setattr__"),
        (DELATTR, "__delattr__"),
    ] {
        if lookup_in_mro(cls, name).is_some() {
            flags |= flag;
        }
    }
    let object = builtin_type(TypeId::Object);
    let own_comparison = RICH_COMPARISONS.iter().any(|name| {
        let method = lookup_in_mro(cls, name);
        method.is_some() && method != lookup_in_mro(object, name)
    });
    if own_comparison {
        flags |= RICH_COMPARISON;
    }
    if let Some(mro) = cls.mro.get() {
        let data = (0..mro.items.len())
            .filter_map(|i| mro.items.get(i).downcast::<TypeObj>())
            .any(|base| {
                crate::runtime::dict::entries(base.dict).any(|(_, _, v)| descriptors::is_data(v))
            });
        if data {
            flags |= DATA_DESCRIPTORS;
        }
    }
    cls.hooks.set(epoch << 8 | flags);
    flags
}

/// Notes that the attribute `name` of `cls` is about to be set to `value` (`None`:
/// deleted): when the old or new value is a data descriptor, or the name a hook or what
/// makes a class's instances data descriptors, every class's cached [`hooks`] are stale.
fn class_attribute_changes(cls: Gc<TypeObj>, name: Gc<StrObj>, value: Option<Value>) {
    let hook = matches!(
        name.as_str(),
        "__getattribute__"
            | "__getattr__"
            | "__setattr__"
            | "__delattr__"
            | "__set__"
            | "__delete__"
    ) || RICH_COMPARISONS.contains(&name.as_str());
    let old = dict_get(cls.dict, name.erase()).ok().flatten();
    if hook || value.is_some_and(descriptors::is_data) || old.is_some_and(descriptors::is_data) {
        let ctx = ctx();
        ctx.class_epoch.set(ctx.class_epoch.get() + 1);
    }
}

/// Whether `error` is an `AttributeError`.
pub fn is_attribute_error(error: Gc<InstanceObj>) -> bool {
    is_subclass(error.cls, builtin_type(TypeId::AttributeError))
}

/// `obj.name`.
pub fn get_attr(obj: Value, name: Gc<StrObj>) -> PyResult<Value> {
    let text = name.as_str();
    if let Some(instance) = obj.downcast::<InstanceObj>() {
        let cls = instance.cls;
        let flags = hooks(cls);
        let found = match flags & GETATTRIBUTE != 0 {
            true => call_hook(cls, "__getattribute__", obj, &[name.erase()]),
            false => object_get_attr(instance, name, flags),
        };
        return match found {
            Err(error) if is_attribute_error(error) && flags & GETATTR != 0 => {
                call_hook(cls, "__getattr__", obj, &[name.erase()])
            }
            other => other,
        };
    }
    if let Some(cls) = obj.downcast::<TypeObj>() {
        // The class's own namespace, not the `__dict__` it gives its instances.
        if text == "__dict__" {
            return Ok(crate::runtime::mappingproxy::new_proxy(cls.dict));
        }
        // The metaclass's attributes, bound to the class (`A.meta_method()`): its data
        // descriptors before the class's own attributes, the others after them.
        let meta_attr = cls
            .meta
            .and_then(|meta| Some((meta, lookup_value_in_mro(meta, name.erase())?)));
        if let Some((meta, attr)) = meta_attr.filter(|&(_, attr)| descriptors::is_data(attr)) {
            return descriptors::get(attr, Some(obj), meta);
        }
        if let Some(value) = lookup_value_in_mro(cls, name.erase()) {
            return descriptors::get(value, None, cls);
        }
        if let Some((meta, attr)) = meta_attr {
            return descriptors::get(attr, Some(obj), meta);
        }
        if let Some(method) = builtin_method_of_class(cls, text, None) {
            return Ok(method);
        }
        return match text {
            "__name__" => Ok(cls.name.erase()),
            "__qualname__" => Ok(cls.qualname.erase()),
            "__module__" => Ok(cls.module),
            "__bases__" => Ok(cls.bases.erase()),
            "__mro__" => Ok(cls.mro.get().map_or_else(none, |m| m.erase())),
            "__class__" => Ok(type_of(obj).erase()),
            _ => Err(exception(
                TypeId::AttributeError,
                &format!(
                    "type object '{}' has no attribute '{text}'",
                    cls.name.as_str()
                ),
            )),
        };
    }
    if let Some(sup) = obj.downcast::<SuperObj>() {
        return super_attr(sup, name);
    }
    if let Some(value) = crate::runtime::data_attrs::attribute(obj, text) {
        return Ok(value);
    }
    if let Some(module) = obj.downcast::<ModuleObj>() {
        if let Some(value) = dict_get(module.dict, name.erase())? {
            return Ok(value);
        }
        return match text {
            "__dict__" => Ok(module.dict.erase()),
            "__class__" => Ok(type_of(obj).erase()),
            _ => Err(crate::runtime::modules::missing_attribute(module, text)),
        };
    }
    if let Some(proxy) = obj.downcast::<MappingProxyObj>() {
        if let Some(value) = crate::runtime::mappingproxy::attribute(proxy, text) {
            return Ok(value);
        }
    }
    if let Some(builtin) = obj.downcast::<BuiltinObj>() {
        if let Some(value) = crate::runtime::native_attrs::attribute(builtin, text) {
            return Ok(value);
        }
    }
    if let Some(code) = obj.downcast::<CodeObj>() {
        if let Some(value) = crate::runtime::eval::code_attribute(code, text) {
            return Ok(value);
        }
    }
    if obj.is::<FunctionObj>() || obj.is::<MethodObj>() {
        if let Some(value) = crate::runtime::functions::attribute(obj, name)? {
            return Ok(value);
        }
    }
    if let Some(value) = descriptors::attribute(obj, text) {
        return Ok(value);
    }
    if let Some(tuple) = obj.downcast::<TupleObj>() {
        if let Some(value) = crate::runtime::structseq::attribute(tuple, text) {
            return Ok(value);
        }
    }
    if text == "__class__" {
        return Ok(type_of(obj).erase());
    }
    if let Some(method) = method_of_value(obj, text) {
        return Ok(method);
    }
    Err(attribute_error(obj, text))
}

/// Calls the hook `name` (a [`hooks`] flag said the class has it) on `obj`.
fn call_hook(cls: Gc<TypeObj>, name: &str, obj: Value, args: &[Value]) -> PyResult<Value> {
    match lookup_in_mro(cls, name) {
        Some(hook) => call_special(hook, obj, args),
        None => Err(attribute_error(obj, name)),
    }
}

/// `object.__getattribute__(instance, name)`: a data descriptor of the class, else the
/// instance's own attribute, else the class attribute (through its `__get__`), else the
/// attributes every instance has. `flags` are the class's [`hooks`]: without data
/// descriptors the instance dict goes first.
fn object_get_attr(instance: Gc<InstanceObj>, name: Gc<StrObj>, flags: i64) -> PyResult<Value> {
    let obj = instance.erase();
    let cls = instance.cls;
    let has_data = flags & DATA_DESCRIPTORS != 0;
    let mut class_attr = None;
    if has_data {
        class_attr = lookup_value_in_mro(cls, name.erase());
        if let Some(attr) = class_attr {
            if descriptors::is_data(attr) && descriptors::has_get(attr) {
                return descriptors::get(attr, Some(obj), cls);
            }
        }
    }
    if cls.has_dict {
        if let Some(value) = dict_get(instance.dict, name.erase())? {
            return Ok(value);
        }
    }
    if !has_data {
        class_attr = lookup_value_in_mro(cls, name.erase());
    }
    if let Some(attr) = class_attr {
        return descriptors::get(attr, Some(obj), cls);
    }
    match name.as_str() {
        "__class__" => Ok(cls.erase()),
        "__dict__" if cls.has_dict => Ok(instance.dict.erase()),
        "__context__" => Ok(instance.context.get().unwrap_or_else(none)),
        "__cause__" => Ok(instance.cause.get().unwrap_or_else(none)),
        "__traceback__" => Ok(instance.traceback.get().map_or_else(none, |t| t.erase())),
        other => builtin_method_of_class(cls, other, Some(obj))
            .or_else(|| {
                let value = instance.value?;
                crate::runtime::data_attrs::attribute(value, other)
            })
            .ok_or_else(|| attribute_error(obj, other)),
    }
}

/// A method a class has from the built-in classes of its MRO, bound to `instance` when
/// read through one (`c.__setattr__`), else unbound (`str.upper`, `Exception.__init__`,
/// `C.__setattr__`); the class method `__init_subclass__` is bound to the class, the
/// static method `__new__` to nothing.
fn builtin_method_of_class(cls: Gc<TypeObj>, name: &str, instance: Option<Value>) -> Option<Value> {
    let object = builtin_type(TypeId::Object);
    let (id, owner) = if name == "__init__" {
        (Builtin::BaseInit, object)
    } else if name == "__new__" {
        (Builtin::ObjectNew, object)
    } else {
        let types = ctx().types;
        let mro = cls.mro.get()?;
        (0..mro.items.len()).find_map(|i| {
            let base = mro.items.get(i);
            let index = (0..types.len()).find(|&t| types.get(t).erase() == base)?;
            Some((
                method_of_type(BUILTIN_TYPES[index].0, name)?,
                types.get(index),
            ))
        })?
    };
    let receiver = match id {
        Builtin::ObjectInitSubclass => Some(cls.erase()),
        Builtin::ObjectNew => None,
        _ => instance,
    };
    Some(
        Gc::new(BuiltinObj {
            id: id as i64,
            receiver,
            owner: Some(owner),
        })
        .erase(),
    )
}

/// The `AttributeError` of a missing attribute.
pub fn attribute_error(obj: Value, name: &str) -> Gc<InstanceObj> {
    exception(
        TypeId::AttributeError,
        &format!("'{}' object has no attribute '{name}'", type_name(obj)),
    )
}

/// `super().name`: the first class after `start` in the receiver's MRO that has it, read
/// through its `__get__` (with the receiver, or its class alone when the receiver is a
/// class); then `object`'s methods, bound to the receiver.
fn super_attr(sup: Gc<SuperObj>, name: Gc<StrObj>) -> PyResult<Value> {
    // A class below `start` is a class method's receiver; any other object (a class
    // too, in a metaclass's method) is an instance.
    let (receiver_class, instance) = match sup.receiver.downcast::<TypeObj>() {
        Some(cls) if is_subclass(cls, sup.start) => (cls, None),
        _ => (type_of(sup.receiver), Some(sup.receiver)),
    };
    if let Some(mro) = receiver_class.mro.get() {
        let mut after = false;
        for i in 0..mro.items.len() {
            let base = mro.items.get(i);
            if after {
                if let Some(cls) = base.downcast::<TypeObj>() {
                    let found = match dict_get(cls.dict, name.erase())? {
                        Some(found) => Some(found),
                        None => derived::builtin_attr(cls, name.as_str()),
                    };
                    if let Some(found) = found {
                        return descriptors::get(found, instance, receiver_class);
                    }
                }
            }
            if base == sup.start.erase() {
                after = true;
            }
        }
    }
    let object_method = match name.as_str() {
        "__init__" => Some(Builtin::BaseInit),
        "__new__" => {
            // A static method: `super().__new__(cls)` passes the class itself.
            return Ok(Gc::new(BuiltinObj {
                id: Builtin::ObjectNew as i64,
                receiver: None,
                owner: Some(builtin_type(TypeId::Object)),
            })
            .erase());
        }
        other => method_of_type(TypeId::Object, other),
    };
    if let Some(id) = object_method {
        return Ok(Gc::new(BuiltinObj {
            id: id as i64,
            receiver: Some(sup.receiver),
            owner: Some(builtin_type(TypeId::Object)),
        })
        .erase());
    }
    Err(exception(
        TypeId::AttributeError,
        &format!("'super' object has no attribute '{}'", name.as_str()),
    ))
}

/// `error.__cause__ = value` or `error.__context__ = value` on an exception `instance`: `None`
/// or an exception, as CPython checks (a cause, even `None`, suppresses the context in
/// reports). `None` for any other attribute or object.
fn set_exception_link(instance: Gc<InstanceObj>, name: &str, value: Value) -> Option<PyResult<()>> {
    if !matches!(name, "__cause__" | "__context__")
        || exception_instance(instance.erase()).is_none()
    {
        return None;
    }
    if !is_none(value) && exception_instance(value).is_none() {
        let what = match name {
            "__cause__" => "exception cause must be None or derive from BaseException",
            _ => "exception context must be None or derive from BaseException",
        };
        return Some(type_error(what.into()));
    }
    match name {
        "__cause__" => instance.cause.set(Some(value)),
        _ => instance.context.set((!is_none(value)).then_some(value)),
    }
    Some(Ok(()))
}

/// `obj.name = value`.
pub fn set_attr(obj: Value, name: Gc<StrObj>, value: Value) -> PyResult<()> {
    if let Some(instance) = obj.downcast::<InstanceObj>() {
        let flags = hooks(instance.cls);
        return match flags & SETATTR != 0 {
            true => call_hook(instance.cls, "__setattr__", obj, &[name.erase(), value]).map(drop),
            false => object_set_attr(instance, name, Some(value), flags),
        };
    }
    if let Some(module) = obj.downcast::<ModuleObj>() {
        return dict_set(module.dict, name.erase(), value);
    }
    if let Some(cls) = obj.downcast::<TypeObj>() {
        if cls.layout == Layout::Builtin as i64
            || cls
                .module
                .downcast::<StrObj>()
                .is_some_and(|m| m.as_str() == "builtins")
        {
            return type_error(format!(
                "cannot set '{}' attribute of immutable type '{}'",
                name.as_str(),
                cls.name.as_str()
            ));
        }
        class_attribute_changes(cls, name, Some(value));
        return dict_set(cls.dict, name.erase(), value);
    }
    if obj.is::<FunctionObj>() {
        return crate::runtime::functions::set_attribute(obj, name, Some(value));
    }
    Err(attribute_error(obj, name.as_str()))
}

/// `object.__setattr__(instance, name, value)` (`value` `None`: `object.__delattr__`): a
/// data descriptor of the class, else the instance's dict (an `AttributeError` when its
/// class gives it none). `flags` are the class's [`hooks`].
fn object_set_attr(
    instance: Gc<InstanceObj>,
    name: Gc<StrObj>,
    value: Option<Value>,
    flags: i64,
) -> PyResult<()> {
    let obj = instance.erase();
    if let Some(value) = value {
        if let Some(result) = set_exception_link(instance, name.as_str(), value) {
            return result;
        }
    }
    if matches!(name.as_str(), "__class__" | "__dict__") {
        let verb = if value.is_some() {
            "assigning"
        } else {
            "deleting"
        };
        return unsupported(&format!("{verb} an instance's {}", name.as_str()));
    }
    if flags & DATA_DESCRIPTORS != 0 {
        if let Some(attr) = lookup_value_in_mro(instance.cls, name.erase()) {
            if let Some(result) = descriptors::set(attr, obj, value) {
                return result;
            }
        }
    }
    if !instance.cls.has_dict {
        return Err(attribute_error(obj, name.as_str()));
    }
    match value {
        Some(value) => dict_set(instance.dict, name.erase(), value),
        None => match dict_remove(instance.dict, name.erase())? {
            Some(_) => Ok(()),
            None => Err(attribute_error(obj, name.as_str())),
        },
    }
}

/// `del obj.name`.
pub fn del_attr(obj: Value, name: Gc<StrObj>) -> PyResult<()> {
    if let Some(instance) = obj.downcast::<InstanceObj>() {
        let flags = hooks(instance.cls);
        return match flags & DELATTR != 0 {
            true => call_hook(instance.cls, "__delattr__", obj, &[name.erase()]).map(drop),
            false => object_set_attr(instance, name, None, flags),
        };
    }
    if obj.is::<FunctionObj>() {
        return crate::runtime::functions::set_attribute(obj, name, None);
    }
    let dict = match (obj.downcast::<ModuleObj>(), obj.downcast::<TypeObj>()) {
        (Some(module), _) => module.dict,
        (_, Some(cls))
            if cls
                .module
                .downcast::<StrObj>()
                .is_some_and(|m| m.as_str() != "builtins") =>
        {
            cls.dict
        }
        _ => return Err(attribute_error(obj, name.as_str())),
    };
    if let Some(cls) = obj.downcast::<TypeObj>() {
        class_attribute_changes(cls, name, None);
    }
    match dict_remove(dict, name.erase())? {
        Some(_) => Ok(()),
        None => Err(attribute_error(obj, name.as_str())),
    }
}

/// Calls one of `object`'s methods on `receiver`: the attribute methods
/// (`object.__getattribute__(self, name)`, `super().__setattr__(name, value)`, ...),
/// `__hash__` (identity), `__eq__` (identity, else `NotImplemented`), `__repr__`, `__str__`
/// (the repr), or `object.__init_subclass__` on a class.
pub fn call_object_method(id: Builtin, receiver: Value, args: Args) -> PyResult<Value> {
    let fname = crate::runtime::builtins::builtin_name(id as i64);
    if id == Builtin::ObjectInitSubclass {
        let name = match receiver.downcast::<TypeObj>() {
            Some(cls) => cls.name.as_str().to_string(),
            None => "object".into(),
        };
        if args.nkw() > 0 {
            return type_error(format!(
                "{name}.__init_subclass__() takes no keyword arguments"
            ));
        }
        if args.npos > 0 {
            return type_error(format!(
                "{name}.__init_subclass__() takes no arguments ({} given)",
                args.npos
            ));
        }
        return Ok(none());
    }
    match id {
        Builtin::ObjectHash => {
            arity(fname, &args, 0, 0)?;
            return Ok(new_int(crate::runtime::dict::identity_hash(receiver)));
        }
        Builtin::ObjectEq => {
            // `NotImplemented` unless the very same object.
            arity(fname, &args, 1, 1)?;
            return Ok(match args.get(0) == receiver {
                true => new_bool(true),
                false => ctx().not_implemented,
            });
        }
        Builtin::ObjectRepr => {
            arity(fname, &args, 0, 0)?;
            return Ok(new_str(&crate::runtime::text::object_repr(receiver)));
        }
        Builtin::ObjectStr => {
            arity(fname, &args, 0, 0)?;
            return Ok(new_str(&crate::runtime::text::to_repr(receiver)?));
        }
        _ => {}
    }
    let count = match id {
        Builtin::ObjectSetattr => 2,
        _ => 1,
    };
    arity(fname, &args, count, count)?;
    let attr = args.get(0);
    let Some(name) = attr.downcast::<StrObj>() else {
        return type_error(format!(
            "attribute name must be string, not '{}'",
            type_name(attr)
        ));
    };
    let Some(instance) = receiver.downcast::<InstanceObj>() else {
        // Built-in values: their attributes are their own.
        return match id {
            Builtin::ObjectGetattribute => get_attr(receiver, name),
            Builtin::ObjectSetattr => set_attr(receiver, name, args.get(1)).map(|()| none()),
            _ => del_attr(receiver, name).map(|()| none()),
        };
    };
    let flags = hooks(instance.cls);
    match id {
        Builtin::ObjectGetattribute => object_get_attr(instance, name, flags),
        Builtin::ObjectSetattr => {
            object_set_attr(instance, name, Some(args.get(1)), flags).map(|()| none())
        }
        _ => object_set_attr(instance, name, None, flags).map(|()| none()),
    }
}
