//! `globals()`, `locals()`, `vars()` and `dir()`: the namespaces of the calling frame
//! (the interpreter's `Call` hands its frame to the ones that need it, and to
//! [`crate::runtime::eval`]'s `eval` and `exec`) and the attribute
//! names of modules, classes and instances.

use jitgen_core::gc::{Gc, GcVec};

use crate::runtime::builtins::{arity, builtin_name, Builtin};
use crate::runtime::call::Args;
use crate::runtime::dict::{dict_get_str, dict_set, entries, new_dict};
use crate::runtime::objects::*;
use crate::runtime::values::*;

/// What `dir()` lists for every object: the attributes of CPython 3.11's `object`.
const OBJECT_ATTRIBUTES: &[&str] = &[
    "__class__",
    "__delattr__",
    "__dir__",
    "__doc__",
    "__eq__",
    "__format__",
    "__ge__",
    "__getattribute__",
    "__getstate__",
    "__gt__",
    "__hash__",
    "__init__",
    "__init_subclass__",
    "__le__",
    "__lt__",
    "__ne__",
    "__new__",
    "__reduce__",
    "__reduce_ex__",
    "__repr__",
    "__setattr__",
    "__sizeof__",
    "__str__",
    "__subclasshook__",
];

/// What a class defined in Python adds to `dir()` beyond its namespace.
const CLASS_ATTRIBUTES: &[&str] = &["__dict__", "__doc__", "__module__", "__weakref__"];

/// Whether built-in `id` reads the calling frame when called with these arguments.
pub fn uses_frame(id: i64, args: &Args) -> bool {
    if crate::runtime::eval::is_eval_or_exec(id) {
        return true;
    }
    let globals = id == Builtin::Globals as i64 || id == Builtin::Locals as i64;
    let no_object = (id == Builtin::Vars as i64 || id == Builtin::Dir as i64) && args.npos == 0;
    globals || no_object
}

/// Calls `globals`, `locals`, `vars` or `dir` from `frame`.
pub fn call_in_frame(id: i64, frame: Gc<Frame>, args: Args) -> PyResult<Value> {
    if crate::runtime::eval::is_eval_or_exec(id) {
        let builtin = if id == Builtin::Eval as i64 {
            Builtin::Eval
        } else {
            Builtin::Exec
        };
        return crate::runtime::eval::run_source(builtin, args, Some(frame));
    }
    let name = builtin_name(id);
    arity(name, &args, 0, 0)?;
    if id == Builtin::Globals as i64 {
        return Ok(frame.globals.erase());
    }
    let locals = locals_of(frame);
    if id == Builtin::Dir as i64 {
        let names = GcVec::new();
        for (_, key, _) in entries(locals) {
            names.push(key);
        }
        return sorted(names);
    }
    Ok(locals.erase())
}

/// `locals()` of a frame: the module's globals, a class body's namespace, or a new dict
/// of a function's bound variables (locals, then cells and free variables).
pub fn locals_of(frame: Gc<Frame>) -> Gc<DictObj> {
    if let Some(namespace) = frame.namespace {
        return namespace;
    }
    let code = frame.code;
    if code.kind == 0 {
        return frame.globals;
    }
    let dict = new_dict();
    let unbound = ctx().unbound;
    let nlocals = code.nlocals as usize;
    let total = nlocals + (code.ncells + code.nfree) as usize;
    for slot in 0..total {
        let value = frame.local(slot);
        let value = if slot < nlocals {
            Some(value)
        } else {
            value.downcast::<CellObj>().and_then(|c| c.value.get())
        };
        if let Some(value) = value.filter(|&v| v != unbound) {
            // Names are strs, so storing cannot fail.
            let _ = dict_set(dict, code.varnames.get(slot), value);
        }
    }
    dict
}

/// Calls `vars(obj)` or `dir(obj)`, or any of the four where no frame is at hand.
pub fn call(id: Builtin, args: Args) -> PyResult<Value> {
    let name = builtin_name(id as i64);
    arity(name, &args, 0, 1)?;
    if args.npos == 0 {
        return unsupported(&format!("calling {name}() other than directly"));
    }
    let obj = args.get(0);
    if id == Builtin::Vars {
        return crate::runtime::attr::get_attr(obj, StrObj::new("__dict__"))
            .or_else(|_| type_error("vars() argument must have __dict__ attribute".into()));
    }
    dir_of(obj)
}

/// `dir(obj)` of a module, or of a class defined in Python or its instance.
fn dir_of(obj: Value) -> PyResult<Value> {
    let names = GcVec::new();
    if let Some(module) = obj.downcast::<ModuleObj>() {
        for (_, key, _) in entries(module.dict) {
            names.push(key);
        }
        return sorted(names);
    }
    let (cls, instance_dict) = match (obj.downcast::<InstanceObj>(), obj.downcast::<TypeObj>()) {
        (Some(instance), _) => (instance.cls, instance.cls.has_dict.then_some(instance.dict)),
        (None, Some(cls)) => (cls, None),
        _ => return unsupported(&format!("dir() of a '{}' object", type_name(obj))),
    };
    let object = builtin_type(TypeId::Object);
    let Some(mro) = cls.mro.get() else {
        return unsupported("dir() of a class without an MRO");
    };
    let set = crate::runtime::set::new_set(false);
    for i in 0..mro.items.len() {
        let Some(base) = mro.items.get(i).downcast::<TypeObj>() else {
            continue;
        };
        if Gc::ptr_eq(base, object) {
            continue;
        }
        let builtin = base
            .module
            .downcast::<StrObj>()
            .is_some_and(|m| m.as_str() == "builtins");
        if base.layout == Layout::Builtin as i64 || builtin {
            return unsupported(&format!("dir() of a subclass of '{}'", base.name.as_str()));
        }
        for (_, key, _) in entries(base.dict) {
            crate::runtime::set::add(set, key)?;
        }
        // `__dict__` and `__weakref__` unless `__slots__` leaves them out.
        let slots = match dict_get_str(base.dict, "__slots__") {
            Some(slots) => Some(crate::runtime::classes::slot_names(slots)?),
            None => None,
        };
        for name in CLASS_ATTRIBUTES {
            let kept = match slots {
                Some(slots) if matches!(*name, "__dict__" | "__weakref__") => {
                    crate::runtime::classes::names_contain(slots, name)
                }
                _ => true,
            };
            if kept {
                crate::runtime::set::add(set, new_str(name))?;
            }
        }
    }
    if let Some(dict) = instance_dict {
        for (_, key, _) in entries(dict) {
            crate::runtime::set::add(set, key)?;
        }
    }
    for name in OBJECT_ATTRIBUTES {
        crate::runtime::set::add(set, new_str(name))?;
    }
    for (key, _) in crate::runtime::set::entries(set) {
        names.push(key);
    }
    sorted(names)
}

/// A sorted list of names.
fn sorted(names: Gc<GcVec<Value>>) -> PyResult<Value> {
    crate::runtime::methods::sort_items(names, None, false)?;
    Ok(new_list(names))
}
