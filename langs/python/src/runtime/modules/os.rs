//! The `os` module, as far as jitpy has it: the process id and making, listing and
//! removing files and directories.

use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::DirBuilderExt;

use jitgen_core::gc::GcVec;

use crate::runtime::builtins::{arity, builtin_name, int_arg, Builtin};
use crate::runtime::bytes::new_bytes;
use crate::runtime::call::Args;
use crate::runtime::files::path_of;
use crate::runtime::objects::*;
use crate::runtime::oserror::from_io_error;
use crate::runtime::values::*;

/// The functions of `os`.
pub const FUNCTIONS: &[Builtin] = &[
    Builtin::OsGetpid,
    Builtin::OsMkdir,
    Builtin::OsRmdir,
    Builtin::OsRemove,
    Builtin::OsUnlink,
    Builtin::OsListdir,
];

/// Calls a function of `os`.
pub fn call(id: Builtin, args: Args) -> PyResult<Value> {
    let name = builtin_name(id as i64);
    match id {
        Builtin::OsGetpid => {
            arity(name, &args, 0, 0)?;
            Ok(new_int(i64::from(std::process::id())))
        }
        Builtin::OsMkdir => {
            arity(name, &args, 1, 2)?;
            let mode = match args.npos {
                2 => u32::try_from(int_arg(args.get(1), "")?).unwrap_or(0o777),
                _ => 0o777,
            };
            let path = args.get(0);
            std::fs::DirBuilder::new()
                .mode(mode)
                .create(path_of(path)?)
                .map_err(|error| from_io_error(&error, Some(path)))?;
            Ok(none())
        }
        Builtin::OsRmdir | Builtin::OsRemove | Builtin::OsUnlink => {
            arity(name, &args, 1, 1)?;
            let path = args.get(0);
            let target = path_of(path)?;
            let result = if id == Builtin::OsRmdir {
                std::fs::remove_dir(target)
            } else {
                std::fs::remove_file(target)
            };
            result.map_err(|error| from_io_error(&error, Some(path)))?;
            Ok(none())
        }
        Builtin::OsListdir => {
            arity(name, &args, 0, 1)?;
            let path = if args.npos == 1 {
                args.get(0)
            } else {
                new_str(".")
            };
            let as_bytes = path.is::<BytesObj>();
            let entries = std::fs::read_dir(path_of(path)?)
                .map_err(|error| from_io_error(&error, Some(path)))?;
            let names = GcVec::new();
            for entry in entries {
                let entry = entry.map_err(|error| from_io_error(&error, Some(path)))?;
                let file_name = entry.file_name();
                let raw = file_name.as_bytes();
                names.push(if as_bytes {
                    new_bytes(raw)
                } else {
                    new_str(&String::from_utf8_lossy(raw))
                });
            }
            Ok(new_list(names))
        }
        _ => type_error("unknown function of os".into()),
    }
}
