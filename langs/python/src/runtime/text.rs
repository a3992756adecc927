//! `str()` and `repr()` of every value (containers recursively, with `[...]` for a
//! container inside itself; instances through their `__str__`/`__repr__`).

use std::cell::RefCell;

use jitgen_core::gc::Gc;

use crate::runtime::attr::lookup_in_mro;
use crate::runtime::dict::entries;
use crate::runtime::format::{float_repr, str_repr};
use crate::runtime::objects::*;
use crate::runtime::values::*;

thread_local! {
    /// Addresses of the containers being printed (to print `[...]` for a cycle).
    static IN_PROGRESS: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

/// `str(value)`.
pub fn to_str(value: Value) -> PyResult<String> {
    if let Some(dict) = crate::runtime::mappingproxy::target(value) {
        return to_str(dict.erase());
    }
    if let Some(s) = value.downcast::<StrObj>() {
        return Ok(s.as_str().to_string());
    }
    if let Some(instance) = value.downcast::<InstanceObj>() {
        if let Some(method) = lookup_in_mro(instance.cls, "__str__") {
            return call_text_method(method, value, "__str__");
        }
        if lookup_in_mro(instance.cls, "__repr__").is_none()
            && crate::runtime::exceptions::is_subclass(
                instance.cls,
                builtin_type(TypeId::BaseException),
            )
        {
            return crate::runtime::exceptions::exception_str(instance);
        }
    }
    to_repr(value)
}

/// Calls a user `__str__`/`__repr__`, which must return a str.
fn call_text_method(method: Value, receiver: Value, name: &str) -> PyResult<String> {
    let result = crate::runtime::descriptors::call_special(method, receiver, &[])?;
    match result.downcast::<StrObj>() {
        Some(s) => Ok(s.as_str().to_string()),
        None => type_error(format!(
            "{name} returned non-string (type {})",
            type_name(result)
        )),
    }
}

/// `repr(value)`.
pub fn to_repr(value: Value) -> PyResult<String> {
    if let Some(dict) = crate::runtime::mappingproxy::target(value) {
        return Ok(format!("mappingproxy({})", to_repr(dict.erase())?));
    }
    if let Some(i) = value.downcast::<IntObj>() {
        return Ok(i.value.to_string());
    }
    if let Some(b) = value.downcast::<BigIntObj>() {
        return Ok(b.value.to_string());
    }
    if let Some(f) = value.downcast::<FloatObj>() {
        return Ok(float_repr(f.value));
    }
    if let Some(z) = value.downcast::<ComplexObj>() {
        return Ok(crate::runtime::complex::repr(z));
    }
    if let Some(b) = value.downcast::<BoolObj>() {
        return Ok(if b.value { "True" } else { "False" }.into());
    }
    if let Some(s) = value.downcast::<StrObj>() {
        return Ok(str_repr(s.as_str()));
    }
    if let Some(singleton) = value.downcast::<SingletonObj>() {
        return Ok(match singleton.which {
            w if w == Singleton::Ellipsis as i64 => "Ellipsis",
            w if w == Singleton::NotImplemented as i64 => "NotImplemented",
            _ => "None",
        }
        .into());
    }
    if value.is::<ListObj>()
        || value.is::<TupleObj>()
        || value.is::<DictObj>()
        || value.is::<DictViewObj>()
    {
        return container_repr(value);
    }
    if let Some(set) = value.downcast::<SetObj>() {
        return crate::runtime::set::repr(set, type_of(value));
    }
    if let Some(d) = value.downcast::<DequeObj>() {
        return crate::runtime::modules::deque::repr(d, type_of(value));
    }
    if let Some(text) = crate::runtime::bytes::repr(value) {
        return Ok(text);
    }
    if let Some(range) = value.downcast::<RangeObj>() {
        return Ok(if range.step == 1 {
            format!("range({}, {})", range.start, range.stop)
        } else {
            format!("range({}, {}, {})", range.start, range.stop, range.step)
        });
    }
    if let Some(slice) = value.downcast::<SliceObj>() {
        return Ok(format!(
            "slice({}, {}, {})",
            to_repr(slice.start)?,
            to_repr(slice.stop)?,
            to_repr(slice.step)?
        ));
    }
    if let Some(function) = value.downcast::<FunctionObj>() {
        return Ok(format!(
            "<function {} at {:#x}>",
            to_str(function.qualname.get())?,
            value.addr()
        ));
    }
    if let Some(method) = value.downcast::<MethodObj>() {
        let function = method
            .function
            .downcast::<FunctionObj>()
            .map(|f| f.qualname.get());
        let name = match function {
            Some(name) => to_str(name)?,
            None => "?".into(),
        };
        return Ok(format!(
            "<bound method {name} of {}>",
            to_repr(method.receiver)?
        ));
    }
    if let Some(getset) = value.downcast::<GetSetObj>() {
        return Ok(format!(
            "<attribute '{}' of '{}' objects>",
            getset.name.as_str(),
            getset.owner.name.as_str()
        ));
    }
    if let Some(member) = value.downcast::<MemberObj>() {
        return Ok(format!(
            "<member '{}' of '{}' objects>",
            member.name.as_str(),
            member.owner.name.as_str()
        ));
    }
    if let Some(method) = value.downcast::<ClassMethodObj>() {
        return Ok(format!("<classmethod({})>", to_repr(method.function)?));
    }
    if let Some(method) = value.downcast::<StaticMethodObj>() {
        return Ok(format!("<staticmethod({})>", to_repr(method.function)?));
    }
    if let Some(builtin) = value.downcast::<BuiltinObj>() {
        return Ok(crate::runtime::native_attrs::native_repr(builtin));
    }
    if let Some(generator) = value.downcast::<GeneratorObj>() {
        return Ok(format!(
            "<generator object {} at {:#x}>",
            generator.frame.code.qualname.as_str(),
            value.addr()
        ));
    }
    if let Some(module) = value.downcast::<ModuleObj>() {
        return crate::runtime::modules::module_repr(module);
    }
    if let Some(stream) = value.downcast::<StreamObj>() {
        return Ok(format!(
            "<_io.TextIOWrapper name='{}' mode='w' encoding='utf-8'>",
            crate::runtime::stdio::Stream::of(stream).name()
        ));
    }
    if let Some(file) = value.downcast::<FileObj>() {
        return crate::runtime::files::repr(file);
    }
    if let Some(pattern) = value.downcast::<PatternObj>() {
        return crate::runtime::modules::re::pattern_repr(pattern);
    }
    if let Some(m) = value.downcast::<MatchObj>() {
        return crate::runtime::modules::re::match_repr(m);
    }
    if let Some(cls) = value.downcast::<TypeObj>() {
        if let Some(method) = crate::runtime::metaclasses::hook(cls, "__repr__") {
            return call_text_method(method, value, "__repr__");
        }
        let module = match cls.module.downcast::<StrObj>() {
            Some(m) if m.as_str() != "builtins" => format!("{}.", m.as_str()),
            _ => String::new(),
        };
        return Ok(format!("<class '{module}{}'>", cls.qualname.as_str()));
    }
    if let Some(instance) = value.downcast::<InstanceObj>() {
        if let Some(method) = lookup_in_mro(instance.cls, "__repr__") {
            return call_text_method(method, value, "__repr__");
        }
        if crate::runtime::exceptions::is_subclass(
            instance.cls,
            builtin_type(TypeId::BaseException),
        ) {
            let args = crate::runtime::dict::dict_get_str(instance.dict, "args");
            let args_text = match args.and_then(|a| a.downcast::<TupleObj>()) {
                Some(tuple) if tuple.items.len() == 1 => {
                    format!("({})", to_repr(tuple.items.get(0))?)
                }
                Some(tuple) => to_repr(tuple.erase())?,
                None => "()".into(),
            };
            return Ok(format!("{}{args_text}", instance.cls.name.as_str()));
        }
    }
    Ok(object_repr(value))
}

/// `object.__repr__(value)`: `<module.Class object at 0x...>` (built-in classes without
/// their module).
pub fn object_repr(value: Value) -> String {
    let cls = type_of(value);
    let module = match cls.module.downcast::<StrObj>() {
        Some(m) if m.as_str() != "builtins" => format!("{}.", m.as_str()),
        _ => String::new(),
    };
    format!(
        "<{module}{} object at {:#x}>",
        cls.qualname.as_str(),
        value.addr()
    )
}

/// The repr of a list, tuple, dict or dict view, guarding against cycles.
fn container_repr(value: Value) -> PyResult<String> {
    guarded(value, || container_repr_inner(value))
}

/// The repr of a container that `inner` makes, or `[...]` (`{...}` for a dict) when the
/// container is being shown already, inside itself.
pub fn guarded(value: Value, inner: impl FnOnce() -> PyResult<String>) -> PyResult<String> {
    let addr = value.addr();
    if IN_PROGRESS.with(|p| p.borrow().contains(&addr)) {
        return Ok(if value.is::<DictObj>() {
            "{...}"
        } else {
            "[...]"
        }
        .into());
    }
    IN_PROGRESS.with(|p| p.borrow_mut().push(addr));
    let result = inner();
    IN_PROGRESS.with(|p| p.borrow_mut().retain(|&a| a != addr));
    result
}

fn container_repr_inner(value: Value) -> PyResult<String> {
    let items =
        |open: &str, close: &str, get: &dyn Fn(usize) -> Value, len: usize| -> PyResult<String> {
            let mut out = String::from(open);
            for i in 0..len {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&to_repr(get(i))?);
            }
            out.push_str(close);
            Ok(out)
        };
    if let Some(list) = value.downcast::<ListObj>() {
        let v = list.items;
        return items("[", "]", &|i| v.get(i), v.len());
    }
    if let Some(tuple) = value.downcast::<TupleObj>() {
        if tuple.cls.is_some() {
            return crate::runtime::structseq::repr(tuple);
        }
        let v = tuple.items;
        if v.len() == 1 {
            return Ok(format!("({},)", to_repr(v.get(0))?));
        }
        return items("(", ")", &|i| v.get(i), v.len());
    }
    if let Some(dict) = value.downcast::<DictObj>() {
        return dict_repr(dict);
    }
    if let Some(view) = value.downcast::<DictViewObj>() {
        let name = type_name(value);
        let mut out = format!("{name}([");
        let mut first = true;
        for (_, key, item) in entries(view.dict) {
            if !first {
                out.push_str(", ");
            }
            first = false;
            let text = match view.kind {
                k if k == IterKind::DictKeys as i64 => to_repr(key)?,
                k if k == IterKind::DictValues as i64 => to_repr(item)?,
                _ => format!("({}, {})", to_repr(key)?, to_repr(item)?),
            };
            out.push_str(&text);
        }
        out.push_str("])");
        return Ok(out);
    }
    Ok(String::new())
}

fn dict_repr(dict: Gc<DictObj>) -> PyResult<String> {
    let mut out = String::from("{");
    let mut first = true;
    for (_, key, value) in entries(dict) {
        if !first {
            out.push_str(", ");
        }
        first = false;
        out.push_str(&to_repr(key)?);
        out.push_str(": ");
        out.push_str(&to_repr(value)?);
    }
    out.push('}');
    Ok(out)
}
