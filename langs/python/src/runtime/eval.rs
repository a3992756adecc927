//! `eval()`, `exec()` and `compile()`: source text compiled as the module runner
//! compiles a program ([`crate::front::compile_as`], [`load_code`]) and run in a frame
//! with the given namespaces ([`run_frame`]), by default the caller's (the interpreter's
//! `Call` hands its frame over, as for `globals()`); the attributes of code objects.

use jitgen_core::gc::Gc;

use crate::front::{compile_as, Mode};
use crate::runtime::builtins::{arity, builtin_name, int_arg, Builtin};
use crate::runtime::call::{run_frame, Args};
use crate::runtime::dict::{dict_get_str, dict_set_str};
use crate::runtime::exceptions::syntax_error_without_location;
use crate::runtime::introspect::locals_of;
use crate::runtime::load::load_code;
use crate::runtime::modules::compile_error;
use crate::runtime::objects::*;
use crate::runtime::values::*;

/// The file name of code compiled from a string by `eval` and `exec`.
const STRING_FILENAME: &str = "<string>";

/// Whether built-in `id` is `eval` or `exec` (they default to the caller's namespaces).
pub fn is_eval_or_exec(id: i64) -> bool {
    id == Builtin::Eval as i64 || id == Builtin::Exec as i64
}

/// `eval(source[, globals[, locals]])` or `exec(...)` (`id`), called from `caller` when
/// the call site knows it: compiles a string (or takes a code object) and runs it.
/// `eval` returns the expression's value, `exec` None.
pub fn run_source(id: Builtin, args: Args, caller: Option<Gc<Frame>>) -> PyResult<Value> {
    let name = builtin_name(id as i64);
    arity(name, &args, 1, 3)?;
    let given = |i: usize| {
        (i < args.npos)
            .then(|| args.get(i))
            .filter(|&v| !is_none(v))
    };
    let globals = match given(1) {
        Some(value) => Some(value.downcast::<DictObj>().ok_or_else(|| {
            let message = if id == Builtin::Eval {
                "globals must be a dict".to_string()
            } else {
                format!("exec() globals must be a dict, not {}", type_name(value))
            };
            exception(TypeId::TypeError, &message)
        })?),
        None => None,
    };
    let locals = match given(2) {
        Some(value) => Some(
            value
                .downcast::<DictObj>()
                .ok_or_else(|| exception(TypeId::TypeError, "locals must be a mapping"))?,
        ),
        None => None,
    };
    let (globals, locals) = match (globals, locals, caller) {
        (Some(globals), locals, _) => (globals, locals.unwrap_or(globals)),
        (None, locals, Some(frame)) => (frame.globals, locals.unwrap_or_else(|| locals_of(frame))),
        (None, _, None) => {
            return unsupported(&format!(
                "calling {name}() without globals other than directly"
            ))
        }
    };
    if dict_get_str(globals, "__builtins__").is_none() {
        dict_set_str(globals, "__builtins__", ctx().builtins.erase());
    }
    let source = args.get(0);
    let code = match source.downcast::<CodeObj>() {
        Some(code) => code,
        None => {
            let Some(text) = source_text(source) else {
                return type_error(format!(
                    "{name}() arg 1 must be a string, bytes or code object"
                ));
            };
            let (text, mode) = if id == Builtin::Eval {
                (text.trim_start_matches([' ', '\t']), Mode::Eval)
            } else {
                (text.as_str(), Mode::Exec)
            };
            compile_code(text, STRING_FILENAME, mode)?
        }
    };
    let namespace = (!Gc::ptr_eq(locals, globals)).then_some(locals);
    let ctx = ctx();
    let result = run_frame(code, Frame::new(code, ctx, globals, namespace), ctx)?;
    Ok(if id == Builtin::Eval { result } else { none() })
}

/// `compile(source, filename, mode[, flags[, dont_inherit[, optimize]]])`: a code object
/// `eval` and `exec` run (no flags; `dont_inherit` is moot, as jitpy's code inherits no
/// `__future__` features; no optimization levels above 0).
pub fn compile(args: Args) -> PyResult<Value> {
    arity("compile", &args, 3, 6)?;
    if args.npos > 3 && int_arg(args.get(3), "")? != 0 {
        return unsupported("compile() flags");
    }
    if args.npos > 5 && int_arg(args.get(5), "")? > 0 {
        return unsupported("compile() optimization levels");
    }
    let Some(source) = source_text(args.get(0)) else {
        return type_error("compile() arg 1 must be a string, bytes or AST object".into());
    };
    let Some(filename) = args.get(1).downcast::<StrObj>() else {
        return type_error(format!(
            "compile() argument 'filename' must be str, not {}",
            type_name(args.get(1))
        ));
    };
    let mode = match args
        .get(2)
        .downcast::<StrObj>()
        .as_deref()
        .map(StrObj::as_str)
    {
        Some("exec") => Mode::Exec,
        Some("eval") => Mode::Eval,
        Some("single") => Mode::Single,
        _ => {
            return Err(exception(
                TypeId::ValueError,
                "compile() mode must be 'exec', 'eval' or 'single'",
            ))
        }
    };
    Ok(compile_code(&source, filename.as_str(), mode)?.erase())
}

/// The attributes of a code object: `co_name`, `co_qualname`, `co_filename`,
/// `co_firstlineno`.
pub fn code_attribute(code: Gc<CodeObj>, name: &str) -> Option<Value> {
    Some(match name {
        "co_name" => code.name.erase(),
        "co_qualname" => code.qualname.erase(),
        "co_filename" => code.filename.erase(),
        "co_firstlineno" => new_int(code.first_line),
        _ => return None,
    })
}

/// The text of a `str` source, or of a `bytes` one (UTF-8).
fn source_text(source: Value) -> Option<String> {
    if let Some(text) = source.downcast::<StrObj>() {
        return Some(text.as_str().to_string());
    }
    let bytes = source.downcast::<BytesObj>()?;
    Some(String::from_utf8_lossy(bytes.data.as_slice()).into_owned())
}

/// Compiles `source` (named `filename`) as `mode` to a code object; a `SyntaxError` if
/// it does not compile.
fn compile_code(source: &str, filename: &str, mode: Mode) -> PyResult<Gc<CodeObj>> {
    if source.contains('\0') {
        return Err(syntax_error_without_location(
            "source code string cannot contain null bytes",
        ));
    }
    let unit = compile_as(source, mode).map_err(|error| compile_error(&error, filename, source))?;
    Ok(load_code(&unit, filename))
}
