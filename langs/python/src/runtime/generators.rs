//! Generators: calling a generator function makes a [`GeneratorObj`] around its frame;
//! resuming runs the frame from where it last yielded (`Frame::resume`) until the next
//! `yield` (the frame records where to continue) or its end. `send`, `throw` and `close`
//! are built on the one resume operation, as are iteration and `yield from`. Each
//! generator keeps the exception its code was handling, apart from its caller's.

use jitgen_core::gc::{Gc, GcVec, Mut};

use crate::runtime::builtins::{arity, Builtin};
use crate::runtime::call::{resume_frame, Args};
use crate::runtime::exceptions::{is_subclass, new_exception, to_exception};
use crate::runtime::objects::*;
use crate::runtime::values::*;

/// `Frame::resume` while an exception is thrown into the generator: the instruction it
/// resumes at (`ResumeYield`) raises it.
pub const THROWING: i64 = -2;

/// Where a generator is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum GenState {
    /// Made, not started.
    Created,
    /// Stopped at a `yield`.
    Suspended,
    /// Its code is running.
    Running,
    /// Returned or raised.
    Finished,
}

/// What resuming a generator ended with.
pub enum Resumed {
    /// It yielded this value.
    Yielded(Value),
    /// It returned this value (`StopIteration(value)` to the caller).
    Returned(Value),
}

/// A generator around `frame`, a frame of a generator function's code with its
/// arguments bound.
pub fn new_generator(frame: Gc<Frame>) -> Value {
    Gc::new(GeneratorObj {
        frame,
        state: Mut::new(GenState::Created as i64),
        handled: Mut::new(None),
    })
    .erase()
}

fn state(generator: Gc<GeneratorObj>) -> GenState {
    match generator.state.get() {
        s if s == GenState::Created as i64 => GenState::Created,
        s if s == GenState::Suspended as i64 => GenState::Suspended,
        s if s == GenState::Running as i64 => GenState::Running,
        _ => GenState::Finished,
    }
}

/// Runs the generator until it yields or ends: `sent` is the value of the `yield` it
/// stopped at, or, with `throw`, an exception raised there.
pub fn resume(generator: Gc<GeneratorObj>, sent: Value, throw: bool) -> PyResult<Resumed> {
    let frame = generator.frame;
    let pc = match state(generator) {
        GenState::Running => return value_error("generator already executing".into()),
        GenState::Finished if throw => return Err(to_exception(sent)?),
        GenState::Finished => return Ok(Resumed::Returned(none())),
        GenState::Created if throw => {
            generator.state.set(GenState::Finished as i64);
            return Err(to_exception(sent)?);
        }
        GenState::Created => {
            if !is_none(sent) {
                return type_error("can't send non-None value to a just-started generator".into());
            }
            0
        }
        GenState::Suspended => {
            let pc = frame.resume.get() as usize;
            frame.push(sent);
            pc
        }
    };
    frame.resume.set(if throw { THROWING } else { -1 });
    generator.state.set(GenState::Running as i64);
    let ctx = ctx();
    let callers_exception = ctx.handled.get();
    ctx.handled.set(generator.handled.get());
    let result = resume_frame(pc, frame.code, frame, ctx);
    generator.handled.set(ctx.handled.get());
    ctx.handled.set(callers_exception);
    match result {
        Ok(value) if frame.resume.get() >= 0 => {
            generator.state.set(GenState::Suspended as i64);
            Ok(Resumed::Yielded(value))
        }
        Ok(value) => {
            generator.state.set(GenState::Finished as i64);
            Ok(Resumed::Returned(value))
        }
        Err(error) => {
            generator.state.set(GenState::Finished as i64);
            if is_subclass(error.cls, builtin_type(TypeId::StopIteration)) {
                let replaced = exception(TypeId::RuntimeError, "generator raised StopIteration");
                replaced.cause.set(Some(error.erase()));
                return Err(replaced);
            }
            Err(error)
        }
    }
}

/// `StopIteration(value)` (no arguments for `None`).
pub fn stop_iteration(value: Value) -> Gc<InstanceObj> {
    let args = GcVec::new();
    if !is_none(value) {
        args.push(value);
    }
    let error = new_exception(builtin_type(TypeId::StopIteration), new_tuple(args));
    crate::runtime::dict::dict_set_str(error.dict, "value", value);
    error
}

/// The value a `StopIteration` carries: its `value`, else its first argument, else
/// `None`.
pub fn stop_value(error: Gc<InstanceObj>) -> Value {
    if let Some(value) = crate::runtime::dict::dict_get_str(error.dict, "value") {
        return value;
    }
    crate::runtime::dict::dict_get_str(error.dict, "args")
        .and_then(|args| args.downcast::<TupleObj>())
        .and_then(|args| args.items.try_get(0))
        .unwrap_or_else(none)
}

/// The value a generator's `send` or `throw` produced, or `StopIteration`.
fn yielded(resumed: Resumed) -> PyResult<Value> {
    match resumed {
        Resumed::Yielded(value) => Ok(value),
        Resumed::Returned(value) => Err(stop_iteration(value)),
    }
}

/// `generator.close()`: throws `GeneratorExit` in; yielding instead is a `RuntimeError`.
fn close(generator: Gc<GeneratorObj>) -> PyResult<Value> {
    if matches!(state(generator), GenState::Created | GenState::Finished) {
        generator.state.set(GenState::Finished as i64);
        return Ok(none());
    }
    let exit = builtin_type(TypeId::GeneratorExit).erase();
    match resume(generator, exit, true) {
        Ok(Resumed::Yielded(_)) => Err(exception(
            TypeId::RuntimeError,
            "generator ignored GeneratorExit",
        )),
        Ok(Resumed::Returned(_)) => Ok(none()),
        Err(error)
            if is_subclass(error.cls, builtin_type(TypeId::GeneratorExit))
                || is_subclass(error.cls, builtin_type(TypeId::StopIteration)) =>
        {
            Ok(none())
        }
        Err(error) => Err(error),
    }
}

/// Calls a method of a generator: `send`, `throw`, `close`.
pub fn call_method(id: Builtin, generator: Gc<GeneratorObj>, args: Args) -> PyResult<Value> {
    match id {
        Builtin::GenSend => {
            arity("send", &args, 1, 1)?;
            yielded(resume(generator, args.get(0), false)?)
        }
        Builtin::GenThrow => {
            arity("throw", &args, 1, 3)?;
            // `throw(type, value)` raises `type(value)`.
            let thrown = if args.npos >= 2 && !is_none(args.get(1)) {
                crate::runtime::call::call_simple(args.get(0), &[args.get(1)])?
            } else {
                args.get(0)
            };
            yielded(resume(generator, to_exception(thrown)?.erase(), true)?)
        }
        Builtin::GenClose => {
            arity("close", &args, 0, 0)?;
            close(generator)
        }
        _ => type_error("unknown method of a generator".into()),
    }
}
