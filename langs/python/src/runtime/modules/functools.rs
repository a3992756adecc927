//! The `functools` module: `reduce` is native (any callable, through the interpreter's
//! calls); `partial`, `partialmethod`, `lru_cache`/`cache` (with `cache_info()`'s
//! `CacheInfo`), `update_wrapper`/`wraps`, `cmp_to_key`, `total_ordering`,
//! `cached_property` and `singledispatch` are Python code (`functools.py`).

use crate::runtime::builtins::Builtin;
use crate::runtime::call::{call_simple, Args};
use crate::runtime::exceptions::is_subclass;
use crate::runtime::iter::{get_iter, next};
use crate::runtime::objects::*;
use crate::runtime::values::*;

/// The native functions of `functools`.
pub const FUNCTIONS: &[Builtin] = &[Builtin::FunctoolsReduce];

/// The module's Python code.
pub const SOURCE: &str = include_str!("functools.py");

/// The file name of that code's frames (which tracebacks leave out).
pub const FILENAME: &str = "<functools>";

/// Calls one of the native functions of `functools`.
pub fn call(id: Builtin, args: Args) -> PyResult<Value> {
    match id {
        Builtin::FunctoolsReduce => reduce(&args),
        _ => type_error("unknown functools function".into()),
    }
}

/// `reduce(function, iterable[, initial])`: folds the items from the left.
fn reduce(args: &Args) -> PyResult<Value> {
    crate::runtime::builtins::arity("reduce", args, 2, 3)?;
    let function = args.get(0);
    let iterator = match get_iter(args.get(1)) {
        Ok(iterator) => iterator,
        Err(error) if is_subclass(error.cls, builtin_type(TypeId::TypeError)) => {
            return type_error("reduce() arg 2 must support iteration".into())
        }
        Err(error) => return Err(error),
    };
    let mut total = if args.npos == 3 {
        Some(args.get(2))
    } else {
        None
    };
    while let Some(item) = next(iterator)? {
        total = Some(match total {
            None => item,
            Some(total) => call_simple(function, &[total, item])?,
        });
    }
    match total {
        Some(total) => Ok(total),
        None => type_error("reduce() of empty iterable with no initial value".into()),
    }
}
