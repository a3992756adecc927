//! The `gc` module over jitgen's collector, which traces the whole heap (there are no
//! reference counts and no generations): `collect()` runs a full collection and returns
//! how many objects it freed (CPython counts only the unreachable objects its cycle
//! collector found), calling `gc.callbacks` around it as CPython does; `disable()` and
//! `enable()` switch a flag that `isenabled()` reports, while collections still happen when
//! the heap needs them (CPython frees memory by reference counting with its collector off,
//! so memory stays bounded in both); the thresholds are kept and reported;
//! `get_count()` gives the objects allocated since the last collection, then zeros.

use std::cell::Cell;

use jitgen_core::gc::{Gc, GcVec};

use crate::runtime::builtins::{int_arg, Builtin};
use crate::runtime::call::{call_simple, Args};
use crate::runtime::dict::{dict_get_str, dict_set_str, new_dict};
use crate::runtime::objects::*;
use crate::runtime::values::*;

/// The functions of `gc`.
pub const FUNCTIONS: &[Builtin] = &[
    Builtin::GcCollect,
    Builtin::GcEnable,
    Builtin::GcDisable,
    Builtin::GcIsenabled,
    Builtin::GcGetCount,
    Builtin::GcGetThreshold,
    Builtin::GcSetThreshold,
    Builtin::GcFreeze,
    Builtin::GcUnfreeze,
    Builtin::GcGetFreezeCount,
];

thread_local! {
    /// Whether the program left automatic collection on (`isenabled()`).
    static ENABLED: Cell<bool> = const { Cell::new(true) };
    /// The thresholds `set_threshold` set (CPython 3.11's defaults at first).
    static THRESHOLDS: Cell<(i64, i64, i64)> = const { Cell::new((700, 10, 10)) };
    /// Objects allocated when the last collection ended (for `get_count()`).
    static ALLOCATED_AT_LAST: Cell<u64> = const { Cell::new(0) };
}

/// Adds the module's lists: `garbage` (the collector never leaves uncollectable objects)
/// and `callbacks`.
pub fn fill(dict: Gc<DictObj>) {
    dict_set_str(dict, "garbage", new_list(GcVec::new()));
    dict_set_str(dict, "callbacks", new_list(GcVec::new()));
}

/// Calls a function of `gc`.
pub fn call(id: Builtin, args: Args) -> PyResult<Value> {
    let name = crate::runtime::builtins::builtin_name(id as i64);
    match id {
        Builtin::GcCollect => collect(name, args),
        Builtin::GcSetThreshold => set_threshold(args),
        _ => {
            if args.nkw() > 0 {
                return type_error(format!("gc.{name}() takes no keyword arguments"));
            }
            if args.npos > 0 {
                return type_error(format!(
                    "gc.{name}() takes no arguments ({} given)",
                    args.npos
                ));
            }
            Ok(match id {
                Builtin::GcEnable | Builtin::GcDisable => {
                    ENABLED.set(id == Builtin::GcEnable);
                    none()
                }
                Builtin::GcIsenabled => new_bool(ENABLED.get()),
                Builtin::GcGetCount => {
                    let since =
                        jitgen_core::gc::stats().objects_allocated - ALLOCATED_AT_LAST.get();
                    ints(&[since as i64, 0, 0])
                }
                Builtin::GcGetThreshold => {
                    let (a, b, c) = THRESHOLDS.get();
                    ints(&[a, b, c])
                }
                Builtin::GcGetFreezeCount => new_int(0),
                // Every object is always examined: nothing to freeze.
                Builtin::GcFreeze | Builtin::GcUnfreeze => none(),
                _ => return type_error("unknown function of gc".into()),
            })
        }
    }
}

/// A tuple of ints.
fn ints(values: &[i64]) -> Value {
    let items = GcVec::new();
    for &v in values {
        items.push(new_int(v));
    }
    new_tuple(items)
}

/// `gc.collect(generation=2)`.
fn collect(name: &str, args: Args) -> PyResult<Value> {
    if args.nkw() > 0 {
        return type_error(format!("{name}() takes no keyword arguments"));
    }
    if args.npos > 1 {
        return type_error(format!(
            "{name}() takes at most 1 argument ({} given)",
            args.npos
        ));
    }
    let generation = match args.npos {
        0 => 2,
        _ => int_arg(args.get(0), "")?,
    };
    if !(0..=2).contains(&generation) {
        return value_error("invalid generation".into());
    }
    let info = |collected: i64| {
        let info = new_dict();
        dict_set_str(info, "generation", new_int(generation));
        dict_set_str(info, "collected", new_int(collected));
        dict_set_str(info, "uncollectable", new_int(0));
        info
    };
    run_callbacks("start", info(0))?;
    let freed_before = jitgen_core::gc::stats().objects_freed;
    jitgen_core::gc::collect();
    let stats = jitgen_core::gc::stats();
    ALLOCATED_AT_LAST.set(stats.objects_allocated);
    let freed = (stats.objects_freed - freed_before) as i64;
    run_callbacks("stop", info(freed))?;
    Ok(new_int(freed))
}

/// Calls each of `gc.callbacks` with `phase` and `info`.
fn run_callbacks(phase: &str, info: Gc<DictObj>) -> PyResult<()> {
    let Some(module) = dict_get_str(ctx().modules, "gc").and_then(|m| m.downcast::<ModuleObj>())
    else {
        return Ok(());
    };
    let Some(callbacks) =
        dict_get_str(module.dict, "callbacks").and_then(|c| c.downcast::<ListObj>())
    else {
        return Ok(());
    };
    let mut i = 0;
    while i < callbacks.items.len() {
        let callback = callbacks.items.get(i);
        call_simple(callback, &[new_str(phase), info.erase()])?;
        i += 1;
    }
    Ok(())
}

/// `gc.set_threshold(threshold0[, threshold1[, threshold2]])`.
fn set_threshold(args: Args) -> PyResult<Value> {
    if args.nkw() > 0 {
        return type_error("set_threshold() takes no keyword arguments".into());
    }
    if args.npos == 0 || args.npos > 3 {
        return type_error(format!(
            "set_threshold() takes {} ({} given)",
            if args.npos == 0 {
                "at least 1 argument"
            } else {
                "at most 3 arguments"
            },
            args.npos
        ));
    }
    let mut thresholds = THRESHOLDS.get();
    for i in 0..args.npos {
        let value = int_arg(args.get(i), "")?;
        match i {
            0 => thresholds.0 = value,
            1 => thresholds.1 = value,
            _ => thresholds.2 = value,
        }
    }
    THRESHOLDS.set(thresholds);
    Ok(none())
}
