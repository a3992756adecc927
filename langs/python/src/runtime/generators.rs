//! Generators: calling a generator function makes a [`GeneratorObj`] around its frame;
//! resuming runs the frame from where it last yielded (`Frame::resume`) until the next
//! `yield` (the frame records where to continue) or its end. `send`, `throw` and `close`
//! are built on the one resume operation, as are iteration and `yield from`. Each
//! generator keeps the exception its code was handling, apart from its caller's.

use jitgen_core::gc::{Gc, GcVec, Mut};

use crate::bytecode::{argument, opcode, Op};
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
        GenState::Suspended if throw => match delegate_of(frame) {
            // Suspended in `yield from`: the exception goes to the inner iterator first.
            Some((delegate, end)) => match throw_into(generator, delegate, sent) {
                Ok(Resumed::Yielded(value)) => return Ok(Resumed::Yielded(value)),
                Ok(Resumed::Returned(result)) => {
                    // The `yield from` is done: its value is the inner iterator's result.
                    frame.pop();
                    frame.push(result);
                    return run(generator, end, false);
                }
                Err(error) => {
                    frame.push(error.erase());
                    frame.resume.get() as usize
                }
            },
            None => {
                frame.push(sent);
                frame.resume.get() as usize
            }
        },
        GenState::Suspended => {
            frame.push(sent);
            frame.resume.get() as usize
        }
    };
    run(generator, pc, throw)
}

/// The iterator a frame suspended in `yield from` delegates to, and the pc after the
/// `yield from` (the frame resumes at `ResumeYield`, followed by the jump back to the
/// `Send` whose target is that pc).
fn delegate_of(frame: Gc<Frame>) -> Option<(Value, usize)> {
    let code = frame.code;
    let after = code.ops.try_get(frame.resume.get() as usize + 1)?;
    if opcode(after) != Op::Jump {
        return None;
    }
    let send = code.ops.try_get(argument(after) as usize)?;
    (opcode(send) == Op::Send).then(|| (frame.peek(0), argument(send) as usize))
}

/// Throws `error` into the inner iterator of `generator`'s `yield from`: a generator's
/// `throw` (the outer one running meanwhile), or else the exception itself.
fn throw_into(generator: Gc<GeneratorObj>, delegate: Value, error: Value) -> PyResult<Resumed> {
    let Some(inner) = delegate.downcast::<GeneratorObj>() else {
        return Err(to_exception(error)?);
    };
    generator.state.set(GenState::Running as i64);
    let outcome = resume(inner, error, true);
    generator.state.set(GenState::Suspended as i64);
    outcome
}

/// Runs the generator's frame from `pc` (raising the exception on its stack there when
/// `throw`), with its own handled exception, and notes how it stopped.
fn run(generator: Gc<GeneratorObj>, pc: usize, throw: bool) -> PyResult<Resumed> {
    let frame = generator.frame;
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
