//! Calls from compiled code into another portal call's compiled code (`call_assembler`).
//!
//! A trace that calls a function it does not inline (a portal call past the inlining limit,
//! or marked not to inline) records `call_assembler` instead of a call of the portal's
//! runner when the portal can be resumed natively (its `#[portal]` has a `NativeResume`) and
//! the callee's first merge point has only the call's operands as reds. The op names an
//! `EntryToken`: the callee's entry (its portal and greens), to which the warm-up code
//! attaches the entry's compiled code once there is some. Running the op
//! ([`call_assembler`], [`run`]) enters that code with the reds directly — no runner, no native
//! prologue, no lookup of the entry. An entry trace takes the reds alone (it reads the
//! virtualizable itself), so a backend with machine code runs it from the reds' words
//! (`LoopCode::run_words`) and a `finish` hands the outcome's words back without the
//! general path; any other exit goes on as usual (`LoopCode::after_exit`): a guard failure
//! resumes and, past the next merge point, the call goes on natively. A callee that is a
//! variable in the trace is promoted (`guard_value`) when it is one of the call's operands.
//! Without
//! compiled code (not hot yet, or invalidated), the op calls the runner like the residual
//! call it replaces, whose entry glue counts the entry towards compiling it.

use std::any::Any;
use std::rc::Rc;

use crate::blackhole::{call_residual, continue_natively, Outcome, Value};
use crate::jitcode::shim::ShimRet;
use crate::metainterp::warmup::{self, CompiledLoop};
use crate::trace::{AssemblerCall, EntryToken};

/// The most operands a `call_assembler` takes (the helper's fixed arity).
pub const MAX_OPERANDS: usize = 7;

/// Attaches the compiled code `compiled` to the entry `token` (`None`: it has none now:
/// compiled code calls it no more).
pub(crate) fn attach(token: &EntryToken, compiled: Option<&Rc<CompiledLoop>>) {
    if let Some(compiled) = compiled {
        let code: Rc<dyn Any> = compiled.clone();
        *token.compiled.borrow_mut() = Rc::downgrade(&code);
    }
    token
        .native_entry
        .set(compiled.and_then(|c| warmup::native_entry(c)).unwrap_or(0));
}

/// The compiled code attached to `token`, if it is alive.
pub(crate) fn attached(token: &EntryToken) -> Option<Rc<CompiledLoop>> {
    token
        .compiled
        .borrow()
        .upgrade()?
        .downcast::<CompiledLoop>()
        .ok()
}

/// Runs `call` with operands `args`: the entry's compiled code if it has some, else the
/// runner.
pub fn run(call: &AssemblerCall, args: &[Value]) -> Outcome {
    let mut reds = [Value::Void; MAX_OPERANDS];
    for (red, &i) in reds.iter_mut().zip(&call.reds) {
        *red = args[i];
    }
    match warmup::enter_compiled_entry(&call.token, &reds[..call.reds.len()]) {
        Some(outcome) => completed(call, outcome),
        None => call_residual(&call.call, args),
    }
}

/// What `call` returns once the entry's code ran to `outcome`: its result, or, where the
/// code left at a merge point, the function's rest run natively from there.
fn completed(call: &AssemblerCall, outcome: Outcome) -> Outcome {
    match outcome {
        Outcome::MergePoint(exit) => continue_natively(call.token.resume, exit, call.token.result),
        done => done,
    }
}

/// The helper compiled code calls for `call_assembler`: `call` with up to
/// [`MAX_OPERANDS`] operand words (the unused ones are 0); returns like a shim.
///
/// # Safety
/// `call` must point to a live `AssemblerCall` (its trace holds it) and the words be
/// operands of its call's kinds.
pub unsafe extern "C" fn call_assembler(
    call: *const AssemblerCall,
    a0: u64,
    a1: u64,
    a2: u64,
    a3: u64,
    a4: u64,
    a5: u64,
    a6: u64,
) -> ShimRet {
    let call = &*call;
    // On the native stack: the references stay visible to the collector throughout.
    let words = [a0, a1, a2, a3, a4, a5, a6];
    let mut args = [Value::Void; MAX_OPERANDS];
    for ((arg, kind), word) in args.iter_mut().zip(&call.call.arg_kinds).zip(words) {
        *arg = Value::from_word(*kind, word);
    }
    let outcome = run(call, &args[..call.call.arg_kinds.len()]);
    std::hint::black_box(&words);
    shim_ret(outcome)
}

/// The helper compiled code calls when the entry's machine code it called directly (see
/// `EntryToken::native_entry`) left through exit `exit`, not its `finish`: the call goes
/// on from there as [`AssemblerCall::run`] would; returns like a shim.
///
/// # Safety
/// `call` must point to a live `AssemblerCall` whose entry's code just left through `exit`.
pub unsafe extern "C" fn call_assembler_exited(call: *const AssemblerCall, exit: u64) -> ShimRet {
    let call = &*call;
    shim_ret(completed(call, warmup::after_entry_exit(&call.token, exit)))
}

/// The shim words of a call's outcome.
fn shim_ret(outcome: Outcome) -> ShimRet {
    match outcome {
        Outcome::Return(value) => ShimRet {
            value: value.word(),
            error: 0,
        },
        Outcome::Err(error) => ShimRet {
            value: 0,
            error: error.addr() as u64,
        },
        Outcome::MergePoint(_) => unreachable!("a call runs to its end"),
    }
}
