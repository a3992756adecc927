//! The `OSError` family: the subclass an errno selects, the `errno`/`strerror`/
//! `filename`/`filename2` attributes the constructor sets, `str()` of one, and the error
//! an operating-system failure raises.

use jitgen_core::gc::{Gc, GcVec};

use crate::runtime::call::Args;
use crate::runtime::dict::{dict_get_str, dict_set_str};
use crate::runtime::exceptions::is_subclass;
use crate::runtime::objects::*;
use crate::runtime::text::{to_repr, to_str};
use crate::runtime::values::*;

/// The attributes of an `OSError`; the class holds them as `None`, an instance its own
/// once the constructor or a program sets them.
const ATTRIBUTES: [&str; 4] = ["errno", "strerror", "filename", "filename2"];

/// Gives the class `OSError` its attributes' defaults (`None`).
pub fn install_defaults(os_error: Gc<TypeObj>) {
    for name in ATTRIBUTES {
        dict_set_str(os_error.dict, name, none());
    }
}

/// Whether `cls` is `OSError` or a subclass of it.
pub fn is_os_error(cls: Gc<TypeObj>) -> bool {
    is_subclass(cls, builtin_type(TypeId::OSError))
}

/// The subclass of `OSError` that stands for `errno` (Linux's numbers), if any.
fn subclass_for_errno(errno: i64) -> Option<TypeId> {
    let code = i32::try_from(errno).ok()?;
    Some(match code {
        libc::EAGAIN | libc::EALREADY | libc::EINPROGRESS => TypeId::BlockingIOError,
        libc::ECHILD => TypeId::ChildProcessError,
        libc::EPIPE | libc::ESHUTDOWN => TypeId::BrokenPipeError,
        libc::ECONNABORTED => TypeId::ConnectionAbortedError,
        libc::ECONNREFUSED => TypeId::ConnectionRefusedError,
        libc::ECONNRESET => TypeId::ConnectionResetError,
        libc::EEXIST => TypeId::FileExistsError,
        libc::ENOENT => TypeId::FileNotFoundError,
        libc::EINTR => TypeId::InterruptedError,
        libc::EISDIR => TypeId::IsADirectoryError,
        libc::ENOTDIR => TypeId::NotADirectoryError,
        libc::EACCES | libc::EPERM => TypeId::PermissionError,
        libc::ESRCH => TypeId::ProcessLookupError,
        libc::ETIMEDOUT => TypeId::TimeoutError,
        _ => return None,
    })
}

/// Whether `count` arguments are the `(errno, strerror[, filename[, winerror[,
/// filename2]]])` form that sets the attributes.
fn has_errno_form(count: usize) -> bool {
    (2..=5).contains(&count)
}

/// The class `OSError(...)` makes: called on `OSError` itself with an errno that has a
/// subclass, that subclass (`OSError(2, 'x')` is a `FileNotFoundError`).
pub fn class_to_make(cls: Gc<TypeObj>, args: &Args) -> Gc<TypeObj> {
    if !Gc::ptr_eq(cls, builtin_type(TypeId::OSError)) || !has_errno_form(args.npos) {
        return cls;
    }
    match args
        .get(0)
        .downcast::<IntObj>()
        .and_then(|e| subclass_for_errno(e.value))
    {
        Some(id) => builtin_type(id),
        None => cls,
    }
}

/// Sets an `OSError`'s `args` and attributes from its constructor's arguments: with 2 to
/// 5 of them, `errno` and `strerror`, and with a filename (the 3rd) `filename`,
/// `filename2` (the 5th) and `args` only the first two; otherwise `args` all of them.
pub fn init(instance: Gc<InstanceObj>, args: Gc<GcVec<Value>>) {
    let count = args.len();
    if !has_errno_form(count) {
        dict_set_str(instance.dict, "args", new_tuple(args));
        return;
    }
    dict_set_str(instance.dict, "errno", args.get(0));
    dict_set_str(instance.dict, "strerror", args.get(1));
    if count < 3 || is_none(args.get(2)) {
        dict_set_str(instance.dict, "args", new_tuple(args));
        return;
    }
    let first_two = GcVec::with_capacity(2);
    first_two.push(args.get(0));
    first_two.push(args.get(1));
    dict_set_str(instance.dict, "args", new_tuple(first_two));
    dict_set_str(instance.dict, "filename", args.get(2));
    if count == 5 && !is_none(args.get(4)) {
        dict_set_str(instance.dict, "filename2", args.get(4));
    }
}

/// `str()` of an `OSError` with an errno and strerror: `[Errno N] message`, then
/// `: 'filename'` and ` -> 'filename2'` when it has them (`None` for one without, whose
/// str is the plain exception's).
pub fn os_error_str(exception: Gc<InstanceObj>) -> PyResult<Option<String>> {
    let own = |name: &str| dict_get_str(exception.dict, name).filter(|v| !is_none(*v));
    let (errno, strerror) = (
        dict_get_str(exception.dict, "errno"),
        dict_get_str(exception.dict, "strerror"),
    );
    let (Some(errno), Some(strerror)) = (errno, strerror) else {
        return Ok(None);
    };
    let mut text = format!("[Errno {}] {}", to_str(errno)?, to_str(strerror)?);
    if let Some(filename) = own("filename") {
        text.push_str(&format!(": {}", to_repr(filename)?));
        if let Some(filename2) = own("filename2") {
            text.push_str(&format!(" -> {}", to_repr(filename2)?));
        }
    }
    Ok(Some(text))
}

/// The operating system's description of `errno` (C's `strerror`).
fn strerror(errno: i32) -> String {
    let mut buffer = [0u8; 256];
    // SAFETY: the buffer is writable for its length; the XSI `strerror_r` writes a
    // NUL-terminated message into it.
    let status = unsafe { libc::strerror_r(errno, buffer.as_mut_ptr().cast(), buffer.len()) };
    let end = buffer.iter().position(|&b| b == 0).unwrap_or(buffer.len());
    if status != 0 || end == 0 {
        return format!("Unknown error {errno}");
    }
    String::from_utf8_lossy(&buffer[..end]).into_owned()
}

/// The `OSError` (of the errno's subclass) an operating-system failure raises, naming
/// `filename` when one is given.
pub fn from_io_error(error: &std::io::Error, filename: Option<Value>) -> Gc<InstanceObj> {
    let Some(errno) = error.raw_os_error() else {
        return exception(TypeId::OSError, &error.to_string());
    };
    let items = GcVec::new();
    items.push(new_int(i64::from(errno)));
    items.push(new_str(&strerror(errno)));
    if let Some(filename) = filename {
        items.push(filename);
    }
    let cls = subclass_for_errno(i64::from(errno)).unwrap_or(TypeId::OSError);
    let instance = InstanceObj::new(builtin_type(cls));
    init(instance, items);
    instance
}
