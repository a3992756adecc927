//! Struct sequences (`sys.version_info`): tuples of their own type (a subclass of
//! `tuple`) whose items are also attributes named by the type's `__match_args__`, printed
//! as `module.name(field=value, ...)`.

use jitgen_core::gc::{Gc, GcImmutableArray, GcVec, Mut};

use crate::runtime::dict::{dict_get_str, dict_set_str, new_dict};
use crate::runtime::objects::*;
use crate::runtime::text::to_repr;
use crate::runtime::values::*;

/// A struct sequence type `module.name` with these fields.
pub fn new_type(module: &str, name: &str, fields: &[&str]) -> Gc<TypeObj> {
    let dict = new_dict();
    let names = GcVec::with_capacity(fields.len());
    for field in fields {
        names.push(new_str(field));
    }
    dict_set_str(dict, "__module__", new_str(module));
    dict_set_str(dict, "__match_args__", new_tuple(names));
    for count in ["n_fields", "n_sequence_fields"] {
        dict_set_str(dict, count, new_int(fields.len() as i64));
    }
    dict_set_str(dict, "n_unnamed_fields", new_int(0));
    let tuple_type = builtin_type(TypeId::Tuple);
    let cls = Gc::new(TypeObj {
        name: StrObj::new(name),
        qualname: StrObj::new(name),
        module: new_str(module),
        bases: Gc::new(TupleObj {
            items: GcImmutableArray::from_slice(&[tuple_type.erase()]),
            cls: None,
        }),
        mro: Mut::new(None),
        dict,
        layout: Layout::Builtin as i64,
        nslots: 0,
        has_dict: false,
        value_type: -1,
        meta: None,
        hooks: Mut::new(-1),
    });
    let mro = [
        cls.erase(),
        tuple_type.erase(),
        builtin_type(TypeId::Object).erase(),
    ];
    cls.mro.set(Some(Gc::new(TupleObj {
        items: GcImmutableArray::from_slice(&mro),
        cls: None,
    })));
    cls
}

/// A struct sequence of type `cls` holding `items`.
pub fn new(cls: Gc<TypeObj>, items: Gc<GcVec<Value>>) -> Value {
    Gc::new(TupleObj {
        items: GcImmutableArray::from_gc_vec(items),
        cls: Some(cls),
    })
    .erase()
}

/// The field names of a struct sequence.
fn fields(tuple: Gc<TupleObj>) -> Option<Gc<TupleObj>> {
    dict_get_str(tuple.cls?.dict, "__match_args__")?.downcast::<TupleObj>()
}

/// The item named `name` of a struct sequence, or an attribute its type defines (its
/// methods are `tuple`'s, bound by the caller).
pub fn attribute(tuple: Gc<TupleObj>, name: &str) -> Option<Value> {
    let cls = tuple.cls?;
    let names = fields(tuple)?;
    for i in 0..names.items.len().min(tuple.items.len()) {
        if names.items.get(i).downcast::<StrObj>()?.as_str() == name {
            return Some(tuple.items.get(i));
        }
    }
    dict_get_str(cls.dict, name)
}

/// `repr()` of a struct sequence: `sys.version_info(major=3, ...)`.
pub fn repr(tuple: Gc<TupleObj>) -> PyResult<String> {
    let Some(cls) = tuple.cls else {
        return Ok(String::new());
    };
    let names = fields(tuple);
    let mut out = format!(
        "{}.{}(",
        crate::runtime::text::to_str(cls.module)?,
        cls.name.as_str()
    );
    for i in 0..tuple.items.len() {
        if i > 0 {
            out.push_str(", ");
        }
        let name = names
            .and_then(|n| n.items.try_get(i))
            .and_then(|n| n.downcast::<StrObj>());
        if let Some(name) = name {
            out.push_str(name.as_str());
            out.push('=');
        }
        out.push_str(&to_repr(tuple.items.get(i))?);
    }
    out.push(')');
    Ok(out)
}
