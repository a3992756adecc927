//! Classes defined in Python: making one from its name, bases and the namespace its body
//! filled (C3 linearization, `__slots__` with private names mangled), then `__set_name__`
//! on its attributes and its parents' `__init_subclass__` with the class statement's
//! keywords.

use jitgen_core::gc::{Gc, GcVec, Mut};

use crate::front::mangle::mangle;
use crate::runtime::call::call_with_keywords;
use crate::runtime::descriptors;
use crate::runtime::dict::{dict_get, dict_get_str, dict_set, entries, new_dict};
use crate::runtime::exceptions::is_subclass;
use crate::runtime::iter::collect;
use crate::runtime::objects::*;
use crate::runtime::values::*;

/// Makes a class from its name, bases and the namespace its body filled, an instance of
/// `meta` or of a more derived metaclass of its bases ([`init_class`] finishes it). The
/// namespace's `__classcell__` (the body's `__class__` cell) gets the class.
pub fn new_class(
    name: Gc<StrObj>,
    bases: Gc<TupleObj>,
    namespace: Gc<DictObj>,
    meta: Gc<TypeObj>,
) -> PyResult<Gc<TypeObj>> {
    let bases = if bases.items.is_empty() {
        let list = GcVec::new();
        list.push(builtin_type(TypeId::Object).erase());
        new_tuple(list).downcast::<TupleObj>().expect("a tuple")
    } else {
        bases
    };
    for i in 0..bases.items.len() {
        let base = bases.items.get(i);
        if !base.is::<TypeObj>() {
            return type_error(format!("bases must be types, not {}", type_name(base)));
        }
    }
    let value_type = crate::runtime::derived::value_type_of_bases(bases)?;
    let meta = crate::runtime::metaclasses::winner(meta, bases)?;
    let qualname = dict_get_str(namespace, "__qualname__")
        .and_then(|q| q.downcast::<StrObj>())
        .unwrap_or(name);
    let module = dict_get_str(namespace, "__module__").unwrap_or_else(none);
    let dict = new_dict();
    for (_, key, value) in entries(namespace) {
        let key_text = key.downcast::<StrObj>();
        match key_text.as_ref().map(|k| k.as_str()) {
            Some("__qualname__" | "__classcell__") => continue,
            // Implicit class and static methods, as CPython makes them.
            Some("__init_subclass__" | "__class_getitem__") if value.is::<FunctionObj>() => {
                dict_set(
                    dict,
                    key,
                    Gc::new(ClassMethodObj { function: value }).erase(),
                )?;
            }
            Some("__new__") if value.is::<FunctionObj>() => {
                dict_set(
                    dict,
                    key,
                    Gc::new(StaticMethodObj { function: value }).erase(),
                )?;
            }
            _ => dict_set(dict, key, value)?,
        }
    }
    // As CPython: a class defining `__eq__` but not `__hash__` is unhashable.
    if dict_get_str(dict, "__eq__").is_some() && dict_get_str(dict, "__hash__").is_none() {
        dict_set(dict, new_str("__hash__"), none())?;
    }
    let (base_slots, base_has_dict) = slot_layout(bases)?;
    let slots = match dict_get_str(dict, "__slots__") {
        Some(slots) => Some(slot_names(slots)?),
        None => None,
    };
    let has_dict = match slots {
        Some(names) => base_has_dict || names_contain(names, "__dict__"),
        None => true,
    };
    // The slots that are members, their names mangled and sorted as CPython does (a GC
    // vector, so the collector sees them).
    let members = GcVec::new();
    if let Some(names) = slots {
        let mut texts: Vec<String> = (0..names.len())
            .filter_map(|i| names.get(i).downcast::<StrObj>())
            .filter(|slot| !matches!(slot.as_str(), "__dict__" | "__weakref__"))
            .map(|slot| mangle(Some(name.as_str()), slot.as_str()).into_owned())
            .collect();
        texts.sort();
        for text in texts {
            members.push(new_str(&text));
        }
    }
    crate::runtime::derived::check_slots(bases, members.len())?;
    let cls = Gc::new(TypeObj {
        name,
        qualname,
        module,
        bases,
        mro: Mut::new(None),
        dict,
        layout: Layout::Instance as i64,
        nslots: base_slots + members.len() as i64,
        has_dict,
        value_type,
        meta: (!Gc::ptr_eq(meta, builtin_type(TypeId::Type))).then_some(meta),
        hooks: Mut::new(-1),
    });
    if let Some(cell) =
        dict_get_str(namespace, "__classcell__").and_then(|c| c.downcast::<CellObj>())
    {
        cell.value.set(Some(cls.erase()));
    }
    for i in 0..members.len() {
        let member = members.get(i);
        let name = member.downcast::<StrObj>().expect("slot names are strs");
        if dict_get(dict, member)?.is_some() {
            return value_error(format!(
                "'{}' in __slots__ conflicts with class variable",
                name.as_str()
            ));
        }
        let descriptor = Gc::new(MemberObj {
            name,
            owner: cls,
            index: base_slots + i as i64,
        });
        dict_set(dict, member, descriptor.erase())?;
    }
    // The `__dict__` and `__weakref__` of its instances, where the class adds them.
    let wants_weakref = slots.is_none_or(|names| names_contain(names, "__weakref__"));
    let base_has_weakref = (0..bases.items.len())
        .filter_map(|i| bases.items.get(i).downcast::<TypeObj>())
        .any(|base| crate::runtime::attr::lookup_in_mro(base, "__weakref__").is_some());
    for (name, added) in [
        ("__dict__", has_dict && !base_has_dict),
        ("__weakref__", wants_weakref && !base_has_weakref),
    ] {
        if added && dict_get_str(dict, name).is_none() {
            let descriptor = Gc::new(GetSetObj {
                name: StrObj::new(name),
                owner: cls,
            });
            dict_set(dict, new_str(name), descriptor.erase())?;
        }
    }
    // As CPython, a class without a docstring has `__doc__` None (not its base's), last.
    if dict_get_str(dict, "__doc__").is_none() {
        dict_set(dict, new_str("__doc__"), none())?;
    }
    let mro = c3_mro(cls, bases)?;
    cls.mro.set(Some(mro));
    Ok(cls)
}

/// Finishes a new class once its `__class__` cell holds it: `__set_name__` on its
/// attributes, then its parents' `__init_subclass__` with the class statement's
/// `keywords`.
pub fn init_class(cls: Gc<TypeObj>, keywords: Option<Gc<DictObj>>) -> PyResult<()> {
    set_names(cls)?;
    init_subclass(cls, keywords)
}

/// The slots the instances of a class with these bases hold before its own, and whether
/// they have a `__dict__`: one base's slots at most (the others' must be its ancestors').
fn slot_layout(bases: Gc<TupleObj>) -> PyResult<(i64, bool)> {
    let classes: Vec<Gc<TypeObj>> = (0..bases.items.len())
        .filter_map(|i| bases.items.get(i).downcast::<TypeObj>())
        .collect();
    let widest = classes.iter().copied().max_by_key(|c| c.nslots);
    let nslots = widest.map_or(0, |w| w.nslots);
    if let Some(widest) = widest {
        if classes
            .iter()
            .any(|&c| c.nslots > 0 && !is_subclass(widest, c))
        {
            return type_error("multiple bases have instance lay-out conflict".into());
        }
    }
    Ok((nslots, classes.iter().any(|c| c.has_dict)))
}

/// The names `__slots__` lists (strs): one str, or an iterable of strs.
pub fn slot_names(slots: Value) -> PyResult<Gc<GcVec<Value>>> {
    if slots.is::<StrObj>() {
        let names = GcVec::new();
        names.push(slots);
        return Ok(names);
    }
    let names = collect(slots)?;
    for i in 0..names.len() {
        let item = names.get(i);
        if !item.is::<StrObj>() {
            return type_error(format!(
                "__slots__ items must be strings, not '{}'",
                type_name(item)
            ));
        }
    }
    Ok(names)
}

/// Whether the names [`slot_names`] gave include `name`.
pub fn names_contain(names: Gc<GcVec<Value>>, name: &str) -> bool {
    (0..names.len()).any(|i| is_name(names.get(i), name))
}

/// Whether `value` is the str `text`.
fn is_name(value: Value, text: &str) -> bool {
    value
        .downcast::<StrObj>()
        .is_some_and(|s| s.as_str() == text)
}

/// Calls `__set_name__(cls, name)` on each attribute whose type has it, in definition
/// order; an error is wrapped in a `RuntimeError` naming the attribute, as CPython 3.11
/// does.
fn set_names(cls: Gc<TypeObj>) -> PyResult<()> {
    // A snapshot (keys and values in turn, in a GC vector the collector sees):
    // `__set_name__` may change the class's attributes.
    let attributes = GcVec::new();
    for (_, key, value) in entries(cls.dict) {
        attributes.push(key);
        attributes.push(value);
    }
    for pair in 0..attributes.len() / 2 {
        let (key, value) = (attributes.get(2 * pair), attributes.get(2 * pair + 1));
        if let Some(property) = value.downcast::<PropertyObj>() {
            property.name.set(key);
            continue;
        }
        let Some(instance) = value.downcast::<InstanceObj>() else {
            continue;
        };
        let Some(hook) = crate::runtime::attr::lookup_in_mro(instance.cls, "__set_name__") else {
            continue;
        };
        if let Err(error) = descriptors::call_special(hook, value, &[cls.erase(), key]) {
            let message = format!(
                "Error calling __set_name__ on '{}' instance {} in '{}'",
                instance.cls.name.as_str(),
                crate::runtime::text::to_repr(key)?,
                cls.name.as_str()
            );
            let wrapped = exception(TypeId::RuntimeError, &message);
            wrapped.cause.set(Some(error.erase()));
            wrapped.context.set(Some(error.erase()));
            return Err(wrapped);
        }
    }
    Ok(())
}

/// `super(cls, cls).__init_subclass__(**keywords)`: the nearest base's hook, else
/// `object`'s, which takes no keywords.
fn init_subclass(cls: Gc<TypeObj>, keywords: Option<Gc<DictObj>>) -> PyResult<()> {
    let mro = cls.mro.get().expect("the class's MRO is set");
    for i in 1..mro.items.len() {
        let Some(base) = mro.items.get(i).downcast::<TypeObj>() else {
            continue;
        };
        if let Some(hook) = dict_get_str(base.dict, "__init_subclass__") {
            let bound = descriptors::get(hook, None, cls)?;
            return call_with_keywords(bound, &[], keywords).map(drop);
        }
    }
    match keywords {
        Some(keywords) if !keywords.table.is_empty() => type_error(format!(
            "{}.__init_subclass__() takes no keyword arguments",
            cls.name.as_str()
        )),
        _ => Ok(()),
    }
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
