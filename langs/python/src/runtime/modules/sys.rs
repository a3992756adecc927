//! The `sys` module: the program's arguments, the module search path and cache, the
//! standard streams, `exit`, the recursion limit and facts about the implementation.

use jitgen_core::gc::{Gc, GcVec};

use crate::runtime::builtins::{arity, int_arg, Builtin};
use crate::runtime::call::Args;
use crate::runtime::classes::new_class;
use crate::runtime::dict::{dict_set_str, new_dict};
use crate::runtime::exceptions::new_exception;
use crate::runtime::objects::*;
use crate::runtime::stdio::{new_stream, Stream};
use crate::runtime::values::*;

/// The functions of `sys`.
pub const FUNCTIONS: &[Builtin] = &[
    Builtin::SysExit,
    Builtin::SysGetrecursionlimit,
    Builtin::SysSetrecursionlimit,
];

/// The Python version jitpy implements.
const VERSION: (i64, i64, i64) = (3, 11, 0);

/// Fills `sys`'s namespace: `argv`, `path` (`path0` first), `modules`, the streams and
/// the implementation's facts.
pub fn fill(dict: Gc<DictObj>, argv: &[String], path0: &str, xoptions: &[String]) {
    let strs = |items: &[&str]| {
        let list = GcVec::new();
        for item in items {
            list.push(new_str(item));
        }
        new_list(list)
    };
    let args: Vec<&str> = argv.iter().map(String::as_str).collect();
    dict_set_str(dict, "argv", strs(&args));
    dict_set_str(dict, "path", strs(&[path0]));
    dict_set_str(dict, "modules", ctx().modules.erase());
    dict_set_str(dict, "maxsize", new_int(i64::MAX));
    // `-X name` is `True`, `-X name=value` the str `value`.
    let options = new_dict();
    for option in xoptions {
        match option.split_once('=') {
            Some((name, value)) => dict_set_str(options, name, new_str(value)),
            None => dict_set_str(options, option, new_bool(true)),
        }
    }
    dict_set_str(dict, "_xoptions", options.erase());
    let (major, minor, micro) = VERSION;
    dict_set_str(
        dict,
        "version",
        new_str(&format!("{major}.{minor}.{micro} (jitpy)")),
    );
    let version_info = crate::runtime::structseq::new_type(
        "sys",
        "version_info",
        &["major", "minor", "micro", "releaselevel", "serial"],
    );
    dict_set_str(
        dict,
        "version_info",
        crate::runtime::structseq::new(version_info, version_parts()),
    );
    dict_set_str(
        dict,
        "hexversion",
        new_int(major << 24 | minor << 16 | micro << 8 | 0xf0),
    );
    dict_set_str(dict, "platform", new_str(std::env::consts::OS));
    let byteorder = if cfg!(target_endian = "little") {
        "little"
    } else {
        "big"
    };
    dict_set_str(dict, "byteorder", new_str(byteorder));
    dict_set_str(dict, "implementation", implementation());
    for (name, stream) in [
        ("stdout", Stream::Stdout),
        ("stderr", Stream::Stderr),
        ("__stdout__", Stream::Stdout),
        ("__stderr__", Stream::Stderr),
    ] {
        dict_set_str(dict, name, new_stream(stream));
    }
}

/// `major, minor, micro, 'final', 0` of [`VERSION`]: the items of `sys.version_info` and
/// `sys.implementation.version`.
fn version_parts() -> Gc<GcVec<Value>> {
    let (major, minor, micro) = VERSION;
    let parts = GcVec::new();
    for part in [
        new_int(major),
        new_int(minor),
        new_int(micro),
        new_str("final"),
        new_int(0),
    ] {
        parts.push(part);
    }
    parts
}

/// `sys.implementation`: a namespace with `name` `'jitpy'`, `version` and `cache_tag`.
fn implementation() -> Value {
    let namespace = new_dict();
    dict_set_str(namespace, "__module__", new_str("types"));
    let class = new_class(
        StrObj::new("SimpleNamespace"),
        empty_tuple(),
        namespace,
        builtin_type(TypeId::Type),
    )
    .expect("a class with no bases");
    let instance = InstanceObj::new(class);
    dict_set_str(instance.dict, "name", new_str("jitpy"));
    dict_set_str(instance.dict, "version", new_tuple(version_parts()));
    dict_set_str(instance.dict, "cache_tag", none());
    instance.erase()
}

fn empty_tuple() -> Gc<TupleObj> {
    new_tuple(GcVec::new())
        .downcast::<TupleObj>()
        .expect("a tuple")
}

/// Calls a function of `sys`.
pub fn call(id: Builtin, args: Args) -> PyResult<Value> {
    let ctx = ctx();
    match id {
        Builtin::SysExit => {
            arity("exit", &args, 0, 1)?;
            let code = GcVec::new();
            if args.npos == 1 {
                code.push(args.get(0));
            }
            Err(new_exception(
                builtin_type(TypeId::SystemExit),
                new_tuple(code),
            ))
        }
        Builtin::SysGetrecursionlimit => {
            no_arguments("getrecursionlimit", &args)?;
            Ok(new_int(ctx.recursion_limit.get()))
        }
        Builtin::SysSetrecursionlimit => {
            arity("setrecursionlimit", &args, 1, 1)?;
            let limit = int_arg(args.get(0), "")?;
            if limit < 1 {
                return value_error("recursion limit must be greater or equal than 1".into());
            }
            // CPython's depth counts this native call too.
            let depth = ctx.depth.get() + 1;
            if limit <= depth {
                return Err(exception(
                    TypeId::RecursionError,
                    &format!("cannot set the recursion limit to {limit} at the recursion depth {depth}: the limit is too low"),
                ));
            }
            ctx.recursion_limit.set(limit);
            Ok(none())
        }
        _ => type_error("unknown function of sys".into()),
    }
}

/// Checks that a `sys` function got no arguments, worded as CPython's.
fn no_arguments(name: &str, args: &Args) -> PyResult<()> {
    if args.npos + args.nkw() > 0 {
        return type_error(format!(
            "sys.{name}() takes no arguments ({} given)",
            args.npos + args.nkw()
        ));
    }
    Ok(())
}
