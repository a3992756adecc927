//! The attributes of functions (`__name__`, `__qualname__`, `__doc__`, `__defaults__`,
//! `__kwdefaults__`, `__module__`, `__globals__`, `__dict__` and whatever a program sets
//! on them) and of bound methods (`__self__`, `__func__`, and their function's).

use jitgen_core::gc::Gc;

use crate::runtime::attr::attribute_error;
use crate::runtime::dict::{dict_get, dict_get_str, dict_remove, dict_set, new_dict};
use crate::runtime::objects::*;
use crate::runtime::values::*;

/// The attribute `name` of a function or bound method; `None` if it has none of its own.
pub fn attribute(obj: Value, name: Gc<StrObj>) -> PyResult<Option<Value>> {
    if let Some(method) = obj.downcast::<MethodObj>() {
        return match name.as_str() {
            "__self__" => Ok(Some(method.receiver)),
            "__func__" => Ok(Some(method.function)),
            _ => attribute(method.function, name),
        };
    }
    let Some(function) = obj.downcast::<FunctionObj>() else {
        return Ok(None);
    };
    Ok(Some(match name.as_str() {
        "__name__" => function.name.get(),
        "__qualname__" => function.qualname.get(),
        "__doc__" => function.doc.get(),
        "__defaults__" => function.defaults.get().map_or_else(none, |d| d.erase()),
        "__kwdefaults__" => function.kwdefaults.get().map_or_else(none, |d| d.erase()),
        "__globals__" => function.globals.erase(),
        "__dict__" => dict_of(function).erase(),
        "__module__" => match function.module.get() {
            Some(module) => module,
            None => dict_get_str(function.globals, "__name__").unwrap_or_else(none),
        },
        _ => match function.dict.get() {
            Some(dict) => return dict_get(dict, name.erase()),
            None => return Ok(None),
        },
    }))
}

/// The function's `__dict__`, made on first use.
fn dict_of(function: Gc<FunctionObj>) -> Gc<DictObj> {
    match function.dict.get() {
        Some(dict) => dict,
        None => {
            let dict = new_dict();
            function.dict.set(Some(dict));
            dict
        }
    }
}

/// `function.name = value`, or `del function.name` (`value` `None`), with CPython's checks
/// of the special attributes.
pub fn set_attribute(obj: Value, name: Gc<StrObj>, value: Option<Value>) -> PyResult<()> {
    let Some(function) = obj.downcast::<FunctionObj>() else {
        return Err(attribute_error(obj, name.as_str()));
    };
    let text = name.as_str();
    match text {
        "__name__" | "__qualname__" => match value.filter(|v| v.is::<StrObj>()) {
            Some(value) if text == "__name__" => function.name.set(value),
            Some(value) => function.qualname.set(value),
            None => return type_error(format!("{text} must be set to a string object")),
        },
        "__doc__" => function.doc.set(value.unwrap_or_else(none)),
        "__module__" => function.module.set(Some(value.unwrap_or_else(none))),
        "__defaults__" => match value.filter(|v| !is_none(*v)) {
            None => function.defaults.set(None),
            Some(value) => match value.downcast::<TupleObj>() {
                Some(tuple) => function.defaults.set(Some(tuple)),
                None => return type_error("__defaults__ must be set to a tuple object".into()),
            },
        },
        "__kwdefaults__" => match value.filter(|v| !is_none(*v)) {
            None => function.kwdefaults.set(None),
            Some(value) => match value.downcast::<DictObj>() {
                Some(dict) => function.kwdefaults.set(Some(dict)),
                None => return type_error("__kwdefaults__ must be set to a dict object".into()),
            },
        },
        "__dict__" => match value {
            None => return type_error("cannot delete __dict__".into()),
            Some(value) => match value.downcast::<DictObj>() {
                Some(dict) => function.dict.set(Some(dict)),
                None => {
                    return type_error(format!(
                        "__dict__ must be set to a dictionary, not a '{}'",
                        type_name(value)
                    ))
                }
            },
        },
        "__globals__" => {
            return Err(exception(TypeId::AttributeError, "readonly attribute"));
        }
        _ => {
            let dict = dict_of(function);
            match value {
                Some(value) => dict_set(dict, name.erase(), value)?,
                None => {
                    if dict_remove(dict, name.erase())?.is_none() {
                        return Err(attribute_error(obj, text));
                    }
                }
            }
        }
    }
    Ok(())
}
