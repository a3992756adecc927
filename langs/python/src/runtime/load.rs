//! Loading: the run's context (singletons, built-in types, the `builtins` namespace) and
//! compiled code objects onto the heap.

use std::collections::HashSet;

use jitgen_core::gc::{Gc, GcImmutableArray, GcTable, GcVec, Mut};

use crate::bytecode::{CodeKind, CodeUnit, Const};
use crate::runtime::builtins::fill_builtins;
use crate::runtime::dict::new_dict;
use crate::runtime::interned;
use crate::runtime::objects::*;
use crate::runtime::values::*;

/// The default recursion limit (`sys.getrecursionlimit()`).
pub const RECURSION_LIMIT: i64 = 1000;

/// Makes the context of a run and makes it current (`values::ctx`).
pub fn new_context() -> Gc<Ctx> {
    let singleton = |which: Singleton| {
        Gc::new(SingletonObj {
            which: which as i64,
        })
        .erase()
    };
    let none = singleton(Singleton::None);
    // The types are made before the context, so their tables cannot use `ctx()` yet.
    let empty_bases = Gc::new(TupleObj {
        items: GcImmutableArray::from_slice(&[]),
        cls: None,
    });
    let types = GcVec::new();
    for (id, name, base) in BUILTIN_TYPES {
        let is_instance = matches!(id, TypeId::Object) || (id as u8) >= TypeId::BaseException as u8;
        let bases = if id == TypeId::Object {
            empty_bases
        } else {
            Gc::new(TupleObj {
                items: GcImmutableArray::from_slice(&[types.get(base as usize)]),
                cls: None,
            })
        };
        let cls = Gc::new(TypeObj {
            name: StrObj::new(name),
            qualname: StrObj::new(name),
            module: new_str(builtin_type_module(id)),
            bases,
            mro: Mut::new(None),
            dict: Gc::new(DictObj {
                table: GcTable::new(),
            }),
            layout: if is_instance {
                Layout::Instance as i64
            } else {
                Layout::Builtin as i64
            },
            nslots: 0,
            // `object()` has no `__dict__`; exceptions have one.
            has_dict: is_instance && id != TypeId::Object,
            value_type: if is_instance { -1 } else { id as i64 },
            meta: None,
            hooks: Mut::new(-1),
        });
        // Single inheritance among the built-in types: the MRO is the base's, prefixed.
        let mro = GcVec::new();
        mro.push(cls.erase());
        if id != TypeId::Object {
            let base_mro = types
                .get(base as usize)
                .downcast::<TypeObj>()
                .and_then(|b| b.mro.get());
            if let Some(base_mro) = base_mro {
                for i in 0..base_mro.items.len() {
                    mro.push(base_mro.items.get(i));
                }
            }
        }
        cls.mro.set(Some(Gc::new(TupleObj {
            items: GcImmutableArray::from_gc_vec(mro),
            cls: None,
        })));
        types.push(cls.erase());
    }
    let type_list = GcVec::with_capacity(types.len());
    for i in 0..types.len() {
        type_list.push(types.get(i).downcast::<TypeObj>().expect("a type"));
    }
    let small_ints = GcVec::with_capacity((SMALL_INTS.end - SMALL_INTS.start) as usize);
    for value in SMALL_INTS {
        small_ints.push(Gc::new(IntObj { value }).erase());
    }
    let ctx = Gc::new(Ctx {
        none,
        true_value: Gc::new(BoolObj { value: true }).erase(),
        false_value: Gc::new(BoolObj { value: false }).erase(),
        ellipsis: singleton(Singleton::Ellipsis),
        not_implemented: singleton(Singleton::NotImplemented),
        unbound: singleton(Singleton::Unbound),
        types: GcImmutableArray::from_gc_vec(type_list),
        builtins: new_dict(),
        handled: Mut::new(None),
        depth: Mut::new(0),
        recursion_limit: Mut::new(RECURSION_LIMIT),
        class_epoch: Mut::new(0),
        modules: new_dict(),
        sys: new_dict(),
        small_ints: GcImmutableArray::from_gc_vec(small_ints),
        interned: new_dict(),
    });
    set_context(Some(ctx));
    fill_builtins(ctx.builtins, ctx.types);
    ctx
}

/// Loads a compiled code object (and the ones nested in its constants) compiled from
/// the file `filename`.
pub fn load_code(unit: &CodeUnit, filename: &str) -> Gc<CodeObj> {
    load_code_in(unit, StrObj::new(filename), &interned::identifiers(unit))
}

fn load_code_in(
    unit: &CodeUnit,
    filename: Gc<StrObj>,
    identifiers: &HashSet<String>,
) -> Gc<CodeObj> {
    let consts = GcVec::with_capacity(unit.consts.len());
    for constant in &unit.consts {
        consts.push(load_const(constant, filename, identifiers));
    }
    let strs = |names: &[String]| {
        let out = GcVec::with_capacity(names.len());
        for name in names {
            out.push(intern(name));
        }
        GcImmutableArray::from_gc_vec(out)
    };
    let mut all_names = unit.varnames.clone();
    all_names.extend(unit.cellvars.iter().cloned());
    all_names.extend(unit.freevars.iter().cloned());
    let positions: Vec<u64> = unit
        .positions
        .iter()
        .map(|&(line, col)| u64::from(line) << 32 | u64::from(col))
        .collect();
    let cell_params: Vec<i64> = unit
        .cell_params
        .iter()
        .flat_map(|&(c, p)| [i64::from(c), i64::from(p)])
        .collect();
    let table: Vec<u32> = unit
        .exception_table
        .iter()
        .flat_map(|e| [e.start, e.end, e.handler, e.depth])
        .collect();
    Gc::new(CodeObj {
        name: StrObj::new(&unit.name),
        qualname: StrObj::new(&unit.qualname),
        kind: match unit.kind {
            CodeKind::Module => 0,
            CodeKind::Class => 1,
            CodeKind::Function => 2,
        },
        argcount: i64::from(unit.argcount),
        posonlyargcount: i64::from(unit.posonlyargcount),
        kwonlyargcount: i64::from(unit.kwonlyargcount),
        has_varargs: unit.has_varargs,
        has_varkw: unit.has_varkw,
        nlocals: unit.varnames.len() as i64,
        ncells: unit.cellvars.len() as i64,
        nfree: unit.freevars.len() as i64,
        max_stack: i64::from(unit.max_stack),
        ops: GcImmutableArray::from_slice(&unit.code),
        positions: GcImmutableArray::from_slice(&positions),
        consts: GcImmutableArray::from_gc_vec(consts),
        names: strs(&unit.names),
        varnames: strs(&all_names),
        cell_params: GcImmutableArray::from_slice(&cell_params),
        exception_table: GcImmutableArray::from_slice(&table),
        first_line: i64::from(unit.first_line),
        filename,
        is_generator: unit.is_generator,
        doc: unit.doc.as_deref().map_or_else(none, new_str),
    })
}

fn load_const(constant: &Const, filename: Gc<StrObj>, identifiers: &HashSet<String>) -> Value {
    match constant {
        Const::None => none(),
        Const::Bool(b) => new_bool(*b),
        Const::Int(i) => new_int(*i),
        Const::BigInt(b) => new_bigint(b.clone()),
        Const::Float(f) => new_float(*f),
        Const::Imaginary(f) => {
            crate::runtime::complex::new_complex(crate::runtime::complex::Complex {
                re: 0.0,
                im: *f,
            })
        }
        // Identifier-like constants are interned, as CPython's compiler does.
        Const::Str(s) if identifiers.contains(s) => intern(s),
        Const::Str(s) => new_str(s),
        Const::Ellipsis => ctx().ellipsis,
        Const::Tuple(items) => {
            let out = GcVec::with_capacity(items.len());
            for item in items {
                out.push(load_const(item, filename, identifiers));
            }
            new_tuple(out)
        }
        Const::FrozenSet(items) => {
            let values = GcVec::with_capacity(items.len());
            for item in items {
                values.push(load_const(item, filename, identifiers));
            }
            // CPython's constant merging rebuilds the set once; interning its strs
            // rebuilds it again when one of them had been interned before.
            let interned = items.iter().any(|item| {
                matches!(item, Const::Str(text) if interned::interned_before(text, identifiers))
            });
            crate::runtime::set::constant_frozenset(values, if interned { 2 } else { 1 }).erase()
        }
        Const::Bytes(data) => crate::runtime::bytes::new_bytes(data),
        Const::Code(unit) => load_code_in(unit, filename, identifiers).erase(),
    }
}
