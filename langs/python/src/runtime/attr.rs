//! Attributes and classes: lookup through the method resolution order, binding functions
//! to instances, `super()`, setting and deleting attributes, and building a class from its
//! body's namespace (C3 linearization).

use jitgen_core::gc::{Gc, GcVec, Mut};

use crate::runtime::builtins::{method_of_value, Builtin};
use crate::runtime::dict::{dict_get, dict_get_str, dict_remove, dict_set, entries, new_dict};
use crate::runtime::exceptions::exception_instance;
use crate::runtime::methods::method_of_type;
use crate::runtime::objects::*;
use crate::runtime::values::*;

/// The attribute `name` of class `cls` or its bases, in MRO order.
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
    }
    None
}

/// `obj.name`.
pub fn get_attr(obj: Value, name: Gc<StrObj>) -> PyResult<Value> {
    let text = name.as_str();
    if let Some(instance) = obj.downcast::<InstanceObj>() {
        if let Some(value) = dict_get(instance.dict, name.erase())? {
            return Ok(value);
        }
        if let Some(value) = lookup_value_in_mro(instance.cls, name.erase()) {
            return Ok(bind(value, obj));
        }
        if text == "__class__" {
            return Ok(instance.cls.erase());
        }
        if text == "__dict__" {
            return Ok(instance.dict.erase());
        }
        if text == "__context__" {
            return Ok(instance.context.get().unwrap_or_else(none));
        }
        if text == "__cause__" {
            return Ok(instance.cause.get().unwrap_or_else(none));
        }
        if text == "__traceback__" {
            return Ok(instance.traceback.get().map_or_else(none, |t| t.erase()));
        }
        return Err(attribute_error(obj, text));
    }
    if let Some(cls) = obj.downcast::<TypeObj>() {
        if let Some(value) = lookup_value_in_mro(cls, name.erase()) {
            return Ok(value);
        }
        if let Some(method) = builtin_method_of_class(cls, text) {
            return Ok(method);
        }
        return match text {
            "__name__" => Ok(cls.name.erase()),
            "__qualname__" => Ok(cls.qualname.erase()),
            "__module__" => Ok(cls.module),
            "__bases__" => Ok(cls.bases.erase()),
            "__mro__" => Ok(cls.mro.get().map_or_else(none, |m| m.erase())),
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
    if let Some(function) = obj.downcast::<FunctionObj>() {
        match text {
            "__name__" => return Ok(function.name.get()),
            "__qualname__" => return Ok(function.qualname),
            _ => {}
        }
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

/// A method of a built-in class, unbound (`str.upper`, `Exception.__init__`).
fn builtin_method_of_class(cls: Gc<TypeObj>, name: &str) -> Option<Value> {
    let id = if name == "__init__" {
        Builtin::BaseInit
    } else if name == "__new__" {
        Builtin::ObjectNew
    } else {
        let types = ctx().types;
        let index = (0..types.len()).find(|&i| Gc::ptr_eq(types.get(i), cls))?;
        method_of_type(BUILTIN_TYPES[index].0, name)?
    };
    Some(
        Gc::new(BuiltinObj {
            id: id as i64,
            receiver: None,
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

/// A class attribute as seen through an instance: functions become bound methods.
fn bind(value: Value, receiver: Value) -> Value {
    if value.is::<FunctionObj>() {
        return Gc::new(MethodObj {
            function: value,
            receiver,
        })
        .erase();
    }
    value
}

/// `super().name`: the first class after `start` in the receiver's MRO that has it.
fn super_attr(sup: Gc<SuperObj>, name: Gc<StrObj>) -> PyResult<Value> {
    let receiver_class = match sup.receiver.downcast::<TypeObj>() {
        Some(cls) => cls,
        None => type_of(sup.receiver),
    };
    if let Some(mro) = receiver_class.mro.get() {
        let mut after = false;
        for i in 0..mro.items.len() {
            let base = mro.items.get(i);
            if after {
                if let Some(cls) = base.downcast::<TypeObj>() {
                    if let Some(found) = dict_get(cls.dict, name.erase())? {
                        if sup.receiver.is::<TypeObj>() {
                            return Ok(found);
                        }
                        return Ok(bind(found, sup.receiver));
                    }
                }
            }
            if base == sup.start.erase() {
                after = true;
            }
        }
    }
    if name.as_str() == "__init__" {
        let init = Builtin::BaseInit as i64;
        return Ok(Gc::new(BuiltinObj {
            id: init,
            receiver: Some(sup.receiver),
        })
        .erase());
    }
    if name.as_str() == "__new__" {
        // A static method: `super().__new__(cls)` passes the class itself.
        return Ok(Gc::new(BuiltinObj {
            id: Builtin::ObjectNew as i64,
            receiver: None,
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
        if let Some(result) = set_exception_link(instance, name.as_str(), value) {
            return result;
        }
        return dict_set(instance.dict, name.erase(), value);
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
        return dict_set(cls.dict, name.erase(), value);
    }
    if let Some(function) = obj.downcast::<FunctionObj>() {
        if name.as_str() == "__name__" {
            function.name.set(value);
            return Ok(());
        }
        return unsupported("attributes on functions");
    }
    Err(attribute_error(obj, name.as_str()))
}

/// `del obj.name`.
pub fn del_attr(obj: Value, name: Gc<StrObj>) -> PyResult<()> {
    if let Some(module) = obj.downcast::<ModuleObj>() {
        return match dict_remove(module.dict, name.erase())? {
            Some(_) => Ok(()),
            None => Err(attribute_error(obj, name.as_str())),
        };
    }
    let dict = match (obj.downcast::<InstanceObj>(), obj.downcast::<TypeObj>()) {
        (Some(instance), _) => instance.dict,
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
    match dict_remove(dict, name.erase())? {
        Some(_) => Ok(()),
        None => Err(attribute_error(obj, name.as_str())),
    }
}

/// Makes a class from its name, bases and the namespace its body filled.
pub fn new_class(
    name: Gc<StrObj>,
    bases: Gc<TupleObj>,
    namespace: Gc<DictObj>,
) -> PyResult<Gc<TypeObj>> {
    let bases = if bases.items.is_empty() {
        let list = GcVec::new();
        list.push(builtin_type(TypeId::Object).erase());
        crate::runtime::values::new_tuple(list)
            .downcast::<TupleObj>()
            .expect("a tuple")
    } else {
        bases
    };
    for i in 0..bases.items.len() {
        let base = bases.items.get(i);
        let Some(base_class) = base.downcast::<TypeObj>() else {
            return type_error(format!("bases must be types, not {}", type_name(base)));
        };
        if base_class.layout == Layout::Builtin as i64 {
            return unsupported(&format!(
                "subclassing the built-in type '{}'",
                base_class.name.as_str()
            ));
        }
    }
    let qualname = dict_get_str(namespace, "__qualname__")
        .and_then(|q| q.downcast::<StrObj>())
        .unwrap_or(name);
    let module = dict_get_str(namespace, "__module__").unwrap_or_else(none);
    let dict = new_dict();
    for (_, key, value) in entries(namespace) {
        if key
            .downcast::<StrObj>()
            .is_some_and(|k| k.as_str() == "__qualname__")
        {
            continue;
        }
        dict_set(dict, key, value)?;
    }
    let cls = Gc::new(TypeObj {
        name,
        qualname,
        module,
        bases,
        mro: Mut::new(None),
        dict,
        layout: Layout::Instance as i64,
    });
    let mro = c3_mro(cls, bases)?;
    cls.mro.set(Some(mro));
    Ok(cls)
}

/// C3 linearization: the class, then a merge of its bases' MROs and the bases.
fn c3_mro(cls: Gc<TypeObj>, bases: Gc<TupleObj>) -> PyResult<Gc<TupleObj>> {
    // Sequences to merge, each a GC vector consumed from the front (`starts`).
    let sequences: Gc<GcVec<Gc<GcVec<Value>>>> = GcVec::new();
    for i in 0..bases.items.len() {
        let base = bases
            .items
            .get(i)
            .downcast::<TypeObj>()
            .expect("checked base");
        let seq = GcVec::new();
        if let Some(mro) = base.mro.get() {
            for j in 0..mro.items.len() {
                seq.push(mro.items.get(j));
            }
        }
        sequences.push(seq);
    }
    let base_list = GcVec::new();
    for i in 0..bases.items.len() {
        base_list.push(bases.items.get(i));
    }
    sequences.push(base_list);
    let mut starts = vec![0usize; sequences.len()];
    let result = GcVec::new();
    result.push(cls.erase());
    loop {
        let live: Vec<usize> = (0..sequences.len())
            .filter(|&s| starts[s] < sequences.get(s).len())
            .collect();
        if live.is_empty() {
            break;
        }
        let in_tail = |candidate: Value, starts: &[usize]| {
            (0..sequences.len()).any(|s| {
                let seq = sequences.get(s);
                ((starts[s] + 1)..seq.len()).any(|k| seq.get(k) == candidate)
            })
        };
        let next = live
            .iter()
            .map(|&s| sequences.get(s).get(starts[s]))
            .find(|&candidate| !in_tail(candidate, &starts));
        let Some(next) = next else {
            let names: Vec<String> = (0..bases.items.len())
                .filter_map(|i| bases.items.get(i).downcast::<TypeObj>())
                .map(|b| b.name.as_str().to_string())
                .collect();
            return type_error(format!(
                "Cannot create a consistent method resolution order (MRO) for bases {}",
                names.join(", ")
            ));
        };
        result.push(next);
        for (s, start) in starts.iter_mut().enumerate() {
            let seq = sequences.get(s);
            if *start < seq.len() && seq.get(*start) == next {
                *start += 1;
            }
        }
    }
    Ok(crate::runtime::values::new_tuple(result)
        .downcast::<TupleObj>()
        .expect("a tuple"))
}
