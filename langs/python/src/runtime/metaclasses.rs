//! Metaclasses: the class of a class (`TypeObj::meta`, `type` when unset). Which
//! metaclass a class statement uses (its `metaclass=` keyword, else the most derived of
//! its bases' metaclasses, with CPython's conflict error), `__prepare__`, calling the
//! metaclass with the name, bases and namespace, and `type.__new__`/`type(name, bases,
//! namespace)`.

use jitgen_core::gc::Gc;

use crate::runtime::call::{call_with_keywords, Args};
use crate::runtime::classes::{init_class, new_class};
use crate::runtime::dict::{dict_remove, new_dict};
use crate::runtime::exceptions::is_subclass;
use crate::runtime::objects::*;
use crate::runtime::values::*;

/// The metaclass a class with these bases gets when `meta` is asked for: the most derived
/// of `meta` and the bases' metaclasses, or CPython's conflict `TypeError`.
pub fn winner(meta: Gc<TypeObj>, bases: Gc<TupleObj>) -> PyResult<Gc<TypeObj>> {
    let mut winner = meta;
    for i in 0..bases.items.len() {
        let base_meta = type_of(bases.items.get(i));
        if is_subclass(winner, base_meta) {
            continue;
        }
        if is_subclass(base_meta, winner) {
            winner = base_meta;
            continue;
        }
        return type_error(
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) \
             subclass of the metaclasses of all its bases"
                .into(),
        );
    }
    Ok(winner)
}

/// A class statement's metaclass: its `metaclass=` keyword (taken out of `keywords`),
/// else `type`; a class is refined by the bases' metaclasses ([`winner`]), any other
/// callable is used as it is.
pub fn of_statement(bases: Gc<TupleObj>, keywords: Option<Gc<DictObj>>) -> PyResult<Value> {
    let explicit = match keywords {
        Some(keywords) => dict_remove(keywords, new_str("metaclass"))?,
        None => None,
    };
    let meta = explicit.unwrap_or_else(|| builtin_type(TypeId::Type).erase());
    match meta.downcast::<TypeObj>() {
        Some(cls) => Ok(winner(cls, bases)?.erase()),
        None => Ok(meta),
    }
}

/// The namespace a class body fills: `meta.__prepare__(name, bases, **keywords)` when the
/// metaclass defines one (it must give a dict), else a new dict.
pub fn prepare(
    meta: Value,
    name: Gc<StrObj>,
    bases: Gc<TupleObj>,
    keywords: Option<Gc<DictObj>>,
) -> PyResult<Gc<DictObj>> {
    let hook = match meta.downcast::<TypeObj>() {
        Some(cls) => crate::runtime::attr::lookup_in_mro(cls, "__prepare__")
            .map(|hook| crate::runtime::descriptors::get(hook, None, cls))
            .transpose()?,
        None => None,
    };
    let Some(hook) = hook else {
        return Ok(new_dict());
    };
    let namespace = call_with_keywords(hook, &[name.erase(), bases.erase()], keywords)?;
    match namespace.downcast::<DictObj>() {
        Some(dict) => Ok(dict),
        None => unsupported(&format!(
            "a __prepare__ namespace of type '{}'",
            type_name(namespace)
        )),
    }
}

/// Makes the class of a class statement: `meta(name, bases, namespace, **keywords)`
/// (`type` itself directly).
pub fn make(
    meta: Value,
    name: Gc<StrObj>,
    bases: Gc<TupleObj>,
    namespace: Gc<DictObj>,
    keywords: Option<Gc<DictObj>>,
) -> PyResult<Value> {
    if meta == builtin_type(TypeId::Type).erase() {
        let class = new_class(name, bases, namespace, builtin_type(TypeId::Type))?;
        init_class(class, keywords)?;
        return Ok(class.erase());
    }
    call_with_keywords(
        meta,
        &[name.erase(), bases.erase(), namespace.erase()],
        keywords,
    )
}

/// `type.__new__(meta, name, bases, namespace, **keywords)` (and `type(name, bases,
/// namespace)`): a new class whose metaclass is `meta` or a more derived one, its
/// keywords passed to `__init_subclass__`.
pub fn type_new(meta: Gc<TypeObj>, args: Args) -> PyResult<Value> {
    if args.npos != 3 {
        return type_error("type() takes 1 or 3 arguments".into());
    }
    let name = args.get(0);
    let Some(name) = name.downcast::<StrObj>() else {
        return type_error(format!(
            "type.__new__() argument 1 must be str, not {}",
            type_name(name)
        ));
    };
    let bases = args.get(1);
    let Some(bases) = bases.downcast::<TupleObj>() else {
        return type_error(format!(
            "type.__new__() argument 2 must be tuple, not {}",
            type_name(bases)
        ));
    };
    let namespace = args.get(2);
    let Some(namespace) = namespace.downcast::<DictObj>() else {
        return type_error(format!(
            "type.__new__() argument 3 must be dict, not {}",
            type_name(namespace)
        ));
    };
    let keywords = match args.kwnames {
        Some(_) => {
            let keywords = new_dict();
            args.store_keywords(keywords)?;
            Some(keywords)
        }
        None => None,
    };
    let class = new_class(name, bases, namespace, meta)?;
    init_class(class, keywords)?;
    Ok(class.erase())
}

/// `type.__init__(cls, ...)`: checks the count of its arguments (1 or 3).
pub fn type_init(args: &Args) -> PyResult<()> {
    match args.npos {
        1 | 3 => Ok(()),
        _ => type_error("type.__init__() takes 1 or 3 arguments".into()),
    }
}

/// The special method `name` the metaclass of `cls` defines in Python (`__call__`,
/// `__repr__`, `__instancecheck__`, ...), if it is not `type`.
pub fn hook(cls: Gc<TypeObj>, name: &str) -> Option<Value> {
    let meta = cls.meta?;
    crate::runtime::attr::lookup_in_mro(meta, name).filter(|method| !method.is::<BuiltinObj>())
}
