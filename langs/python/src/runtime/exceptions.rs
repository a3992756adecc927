//! Exceptions: making them, matching them against `except` clauses, recording the frames
//! they unwind through, and the CPython-shaped traceback of an uncaught one.

use jitgen_core::gc::{Gc, GcVec};

use crate::front::error::LineIndex;
use crate::runtime::objects::*;
use crate::runtime::text::to_str;
use crate::runtime::values::*;

/// A new instance of exception class `cls` with `args` (a tuple).
pub fn new_exception(cls: Gc<TypeObj>, args: Value) -> Gc<InstanceObj> {
    let instance = InstanceObj::new(cls);
    crate::runtime::dict::dict_set_str(instance.dict, "args", args);
    instance
}

/// `KeyError(key)`.
pub fn key_error(key: Value) -> Gc<InstanceObj> {
    let args = GcVec::new();
    args.push(key);
    new_exception(builtin_type(TypeId::KeyError), new_tuple(args))
}

/// Whether `cls` is `base` or inherits from it.
pub fn is_subclass(cls: Gc<TypeObj>, base: Gc<TypeObj>) -> bool {
    let Some(mro) = cls.mro.get() else {
        return Gc::ptr_eq(cls, base);
    };
    (0..mro.items.len()).any(|i| mro.items.get(i) == base.erase())
}

/// Whether `value` is an exception class.
pub fn is_exception_class(value: Value) -> bool {
    value
        .downcast::<TypeObj>()
        .is_some_and(|cls| is_subclass(cls, builtin_type(TypeId::BaseException)))
}

/// `raise value`: an exception instance, or a class to instantiate without arguments.
pub fn to_exception(value: Value) -> PyResult<Gc<InstanceObj>> {
    if let Some(instance) = value.downcast::<InstanceObj>() {
        if is_subclass(instance.cls, builtin_type(TypeId::BaseException)) {
            return Ok(instance);
        }
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

/// `str(exception)`: its single argument's str, or the args tuple's.
pub fn exception_str(exception: Gc<InstanceObj>) -> PyResult<String> {
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
/// source lines and repeated lines collapsed) and `Type: message`.
pub fn render_uncaught(exception: Gc<InstanceObj>, filename: &str, source: &str) -> String {
    let mut seen = Vec::new();
    render_chain(exception, filename, source, &mut seen)
}

fn render_chain(
    exception: Gc<InstanceObj>,
    filename: &str,
    source: &str,
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
            text.push_str(&render_chain(earlier, filename, source, seen));
            text.push_str(&format!("\n{sentence}\n\n"));
        }
    }
    text.push_str(&render_one(exception, filename, source));
    text
}

/// One exception's traceback and last line.
fn render_one(exception: Gc<InstanceObj>, filename: &str, source: &str) -> String {
    let mut text = String::from("Traceback (most recent call last):\n");
    let lines = LineIndex::new(source);
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
            let mut entry = format!(
                "  File \"{filename}\", line {line}, in {}\n",
                code.name.as_str()
            );
            let source_line = lines.line_text(source, line).trim();
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
