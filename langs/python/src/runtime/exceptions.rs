//! Exceptions: making them, matching them against `except` clauses, recording the frames
//! they unwind through, and the CPython-shaped traceback of an uncaught one.

use std::collections::HashMap;

use jitgen_core::gc::{Gc, GcVec};

use crate::front::error::{render_location, ErrorKind, LineIndex};
use crate::front::CompileError;
use crate::runtime::call::Args;
use crate::runtime::objects::*;
use crate::runtime::text::to_str;
use crate::runtime::values::*;

/// A new instance of exception class `cls` with `args` (a tuple).
pub fn new_exception(cls: Gc<TypeObj>, args: Value) -> Gc<InstanceObj> {
    let instance = InstanceObj::new(cls);
    crate::runtime::dict::dict_set_str(instance.dict, "args", args);
    instance
}

/// Keeps an exception's constructor arguments: `args`, and an `OSError`'s attributes.
pub fn set_arguments(instance: Gc<InstanceObj>, args: Args) {
    let items = GcVec::new();
    for i in 0..args.npos {
        items.push(args.get(i));
    }
    if crate::runtime::oserror::is_os_error(instance.cls) {
        crate::runtime::oserror::init(instance, items);
    } else {
        crate::runtime::dict::dict_set_str(instance.dict, "args", new_tuple(items));
    }
}

/// `KeyError(key)`.
pub fn key_error(key: Value) -> Gc<InstanceObj> {
    let args = GcVec::new();
    args.push(key);
    new_exception(builtin_type(TypeId::KeyError), new_tuple(args))
}

/// The `SyntaxError` (or `IndentationError`) of a module that does not compile, with
/// CPython's attributes (`msg`, `filename`, `lineno`, `offset`, `text`, `end_lineno`,
/// `end_offset`; no offsets when the report shows no caret).
pub fn syntax_error(error: &CompileError, filename: &str, source: &str) -> Gc<InstanceObj> {
    let id = if error.kind == ErrorKind::Indentation {
        TypeId::IndentationError
    } else {
        TypeId::SyntaxError
    };
    let (line, col, width) = error.position(source);
    let text = LineIndex::new(source).line_text(source, line).to_string();
    let offset = |column: usize| {
        if error.caret {
            new_int(column as i64 + 1)
        } else {
            none()
        }
    };
    let details = [
        ("filename", new_str(filename)),
        ("lineno", new_int(line as i64)),
        ("offset", offset(col)),
        ("text", new_str(&format!("{text}\n"))),
        ("end_lineno", new_int(line as i64)),
        ("end_offset", offset(col + width)),
    ];
    let tuple = GcVec::new();
    for (_, value) in details {
        tuple.push(value);
    }
    let args = GcVec::new();
    args.push(new_str(&error.message));
    args.push(new_tuple(tuple));
    let instance = new_exception(builtin_type(id), new_tuple(args));
    crate::runtime::dict::dict_set_str(instance.dict, "msg", new_str(&error.message));
    for (name, value) in details {
        crate::runtime::dict::dict_set_str(instance.dict, name, value);
    }
    instance
}

/// A `SyntaxError` that names no place in the source, as CPython's `SyntaxError(message)`:
/// `msg` set, the location attributes None.
pub fn syntax_error_without_location(message: &str) -> Gc<InstanceObj> {
    let instance = exception(TypeId::SyntaxError, message);
    crate::runtime::dict::dict_set_str(instance.dict, "msg", new_str(message));
    for name in [
        "filename",
        "lineno",
        "offset",
        "text",
        "end_lineno",
        "end_offset",
    ] {
        crate::runtime::dict::dict_set_str(instance.dict, name, none());
    }
    instance
}

/// Where a `SyntaxError` instance says the error is.
struct SyntaxLocation {
    msg: String,
    filename: String,
    line: usize,
    text: String,
    /// 0-based column and width of the caret, if shown.
    caret: Option<(usize, usize)>,
}

/// The location attributes of a `SyntaxError` instance, if it has them.
fn syntax_location(exception: Gc<InstanceObj>) -> Option<SyntaxLocation> {
    if !is_subclass(exception.cls, builtin_type(TypeId::SyntaxError)) {
        return None;
    }
    let get = |name: &str| crate::runtime::dict::dict_get_str(exception.dict, name);
    let text_of = |name: &str| {
        get(name)
            .and_then(|v| v.downcast::<StrObj>())
            .map(|s| s.as_str().to_string())
    };
    let int_of = |name: &str| {
        get(name)
            .and_then(|v| v.downcast::<IntObj>())
            .map(|i| i.value)
    };
    let line = int_of("lineno")?;
    let caret = match (int_of("offset"), int_of("end_offset")) {
        (Some(start), Some(end)) if start >= 1 => {
            Some((start as usize - 1, (end - start).max(1) as usize))
        }
        _ => None,
    };
    Some(SyntaxLocation {
        msg: text_of("msg")?,
        filename: text_of("filename")?,
        line: usize::try_from(line).ok()?,
        text: text_of("text").unwrap_or_default(),
        caret,
    })
}

/// Whether `cls` is `base` or inherits from it.
pub fn is_subclass(cls: Gc<TypeObj>, base: Gc<TypeObj>) -> bool {
    let Some(mro) = cls.mro.get() else {
        return Gc::ptr_eq(cls, base);
    };
    (0..mro.items.len()).any(|i| mro.items.get(i) == base.erase())
}

/// `value` as an exception object, if it is one.
pub fn exception_instance(value: Value) -> Option<Gc<InstanceObj>> {
    value
        .downcast::<InstanceObj>()
        .filter(|instance| is_subclass(instance.cls, builtin_type(TypeId::BaseException)))
}

/// Whether `value` is an exception class.
pub fn is_exception_class(value: Value) -> bool {
    value
        .downcast::<TypeObj>()
        .is_some_and(|cls| is_subclass(cls, builtin_type(TypeId::BaseException)))
}

/// `raise value`: an exception instance, or a class to instantiate without arguments.
pub fn to_exception(value: Value) -> PyResult<Gc<InstanceObj>> {
    if let Some(instance) = exception_instance(value) {
        return Ok(instance);
    }
    if is_exception_class(value) {
        let made = crate::runtime::call::call_simple(value, &[])?;
        if let Some(instance) = made.downcast::<InstanceObj>() {
            return Ok(instance);
        }
    }
    type_error("exceptions must derive from BaseException".into())
}

/// Whether the exception matches an `except` clause's type (a class or a tuple of them).
pub fn matches(exception: Value, clause: Value) -> PyResult<bool> {
    if let Some(tuple) = clause.downcast::<TupleObj>() {
        for i in 0..tuple.items.len() {
            if matches(exception, tuple.items.get(i))? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if !is_exception_class(clause) {
        return type_error(
            "catching classes that do not inherit from BaseException is not allowed".into(),
        );
    }
    let cls = clause.downcast::<TypeObj>().expect("an exception class");
    Ok(is_subclass(type_of(exception), cls))
}

/// Notes that `exception` passed through `code` at `pc`. The first time, an exception
/// raised while another is handled gets that one as its context (`__context__`).
pub fn record_frame(exception: Gc<InstanceObj>, code: Gc<CodeObj>, pc: usize) {
    if exception.traceback.get().is_none() && exception.context.get().is_none() {
        if let Some(handled) = ctx().handled.get() {
            if handled != exception.erase() && !context_chain_contains(handled, exception.erase()) {
                exception.context.set(Some(handled));
            }
        }
    }
    // The Python code of a module CPython writes in C leaves no entries, as C functions.
    if crate::runtime::modules::is_builtin_source(code.filename.as_str()) {
        return;
    }
    let traceback = match exception.traceback.get() {
        Some(traceback) => traceback,
        None => {
            let traceback = Gc::new(TracebackObj {
                codes: GcVec::new(),
                pcs: GcVec::new(),
            });
            exception.traceback.set(Some(traceback));
            traceback
        }
    };
    traceback.codes.push(code);
    traceback.pcs.push(pc as i64);
}

/// Whether `target` is `exception` or in its chain of contexts (a cycle must not form).
fn context_chain_contains(exception: Value, target: Value) -> bool {
    let mut current = Some(exception);
    let mut steps = 0;
    while let Some(value) = current {
        if value == target {
            return true;
        }
        steps += 1;
        if steps > 1000 {
            return true;
        }
        current = value
            .downcast::<InstanceObj>()
            .and_then(|e| e.context.get());
    }
    false
}

/// `str(exception)`: its single argument's str, or the args tuple's; a `SyntaxError`
/// with a location is `msg (file, line N)`, an `OSError` with an errno `[Errno N] ...`.
pub fn exception_str(exception: Gc<InstanceObj>) -> PyResult<String> {
    if let Some(location) = syntax_location(exception) {
        let file = location
            .filename
            .rsplit('/')
            .next()
            .unwrap_or("")
            .to_string();
        return Ok(format!("{} ({file}, line {})", location.msg, location.line));
    }
    if crate::runtime::oserror::is_os_error(exception.cls) {
        if let Some(text) = crate::runtime::oserror::os_error_str(exception)? {
            return Ok(text);
        }
    }
    let Some(args) = crate::runtime::dict::dict_get_str(exception.dict, "args") else {
        return Ok(String::new());
    };
    match args.downcast::<TupleObj>() {
        Some(tuple) if tuple.items.is_empty() => Ok(String::new()),
        Some(tuple) if tuple.items.len() == 1 => {
            let arg = tuple.items.get(0);
            if is_subclass(exception.cls, builtin_type(TypeId::KeyError)) {
                return crate::runtime::text::to_repr(arg);
            }
            to_str(arg)
        }
        _ => to_str(args),
    }
}

/// The report of an uncaught exception, as CPython prints it: first its cause or context
/// (with the sentence that links them), then its traceback (most recent call last, with
/// source lines and repeated lines collapsed) and `Type: message`. `source` is the text
/// of the file `filename` (the program); other files' lines are read from disk.
pub fn render_uncaught(exception: Gc<InstanceObj>, filename: &str, source: &str) -> String {
    let mut sources = Sources::default();
    sources
        .files
        .insert(filename.to_string(), source.to_string());
    let mut seen = Vec::new();
    render_chain(exception, &mut sources, &mut seen)
}

/// The source texts of the files a traceback names, read once each.
#[derive(Default)]
struct Sources {
    files: HashMap<String, String>,
}

impl Sources {
    /// Line `line` of `filename`, trimmed (empty if the file cannot be read).
    fn line(&mut self, filename: &str, line: usize) -> String {
        let source = self.files.entry(filename.to_string()).or_insert_with(|| {
            if filename.starts_with('<') {
                String::new()
            } else {
                std::fs::read_to_string(filename).unwrap_or_default()
            }
        });
        LineIndex::new(source)
            .line_text(source, line)
            .trim()
            .to_string()
    }
}

fn render_chain(
    exception: Gc<InstanceObj>,
    sources: &mut Sources,
    seen: &mut Vec<usize>,
) -> String {
    seen.push(exception.addr());
    let mut text = String::new();
    let linked = match (exception.cause.get(), exception.context.get()) {
        (Some(cause), _) => Some((
            cause,
            "The above exception was the direct cause of the following exception:",
        )),
        (None, Some(context)) => Some((
            context,
            "During handling of the above exception, another exception occurred:",
        )),
        (None, None) => None,
    };
    if let Some((earlier, sentence)) = linked {
        if let Some(earlier) = earlier
            .downcast::<InstanceObj>()
            .filter(|e| !seen.contains(&e.addr()))
        {
            text.push_str(&render_chain(earlier, sources, seen));
            text.push_str(&format!("\n{sentence}\n\n"));
        }
    }
    text.push_str(&render_one(exception, sources));
    text
}

/// One exception's traceback and last line.
fn render_one(exception: Gc<InstanceObj>, sources: &mut Sources) -> String {
    let mut text = String::from("Traceback (most recent call last):\n");
    if let Some(traceback) = exception.traceback.get() {
        let mut previous: Option<String> = None;
        let mut repeats = 0;
        let flush = |text: &mut String, repeats: usize| {
            if repeats > 3 {
                text.push_str(&format!(
                    "  [Previous line repeated {} more time{}]\n",
                    repeats - 3,
                    if repeats - 3 == 1 { "" } else { "s" }
                ));
            }
        };
        for i in (0..traceback.codes.len()).rev() {
            let code = traceback.codes.get(i);
            let pc = traceback.pcs.get(i) as usize;
            let line = code.positions.try_get(pc).map_or(0, |p| p >> 32) as usize;
            let filename = code.filename.as_str();
            let mut entry = format!(
                "  File \"{filename}\", line {line}, in {}\n",
                code.name.as_str()
            );
            let source_line = sources.line(filename, line);
            if !source_line.is_empty() {
                entry.push_str(&format!("    {source_line}\n"));
            }
            if previous.as_deref() == Some(entry.as_str()) {
                repeats += 1;
                if repeats <= 3 {
                    text.push_str(&entry);
                }
                continue;
            }
            flush(&mut text, repeats);
            repeats = 1;
            text.push_str(&entry);
            previous = Some(entry);
        }
        flush(&mut text, repeats);
    }
    if let Some(location) = syntax_location(exception) {
        text.push_str(&render_location(
            &location.filename,
            location.line,
            location.text.trim_end_matches('\n'),
            location.caret,
        ));
        text.push_str(&format!(
            "{}: {}\n",
            exception.cls.name.as_str(),
            location.msg
        ));
        return text;
    }
    text.push_str(&exception_line(exception));
    text
}

/// The last line of a traceback: `Type: message`, or `Type` alone without a message.
pub fn exception_line(exception: Gc<InstanceObj>) -> String {
    let name = exception.cls.name.as_str().to_string();
    let name = match exception.cls.module.downcast::<StrObj>() {
        Some(module) if !matches!(module.as_str(), "builtins" | "__main__") => {
            format!("{}.{name}", module.as_str())
        }
        _ => name,
    };
    match exception_str(exception) {
        Ok(message) if message.is_empty() => format!("{name}\n"),
        Ok(message) => format!("{name}: {message}\n"),
        Err(_) => format!("{name}: <exception str() failed>\n"),
    }
}
