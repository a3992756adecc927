//! Calls from compiled code into another portal call's compiled code (`call_assembler`).
//!
//! A trace that calls a function it does not inline (a portal call past the inlining limit,
//! or marked not to inline) records `call_assembler` instead of a call of the portal's
//! runner when the portal can be resumed natively (its `#[portal]` has a `NativeResume`) and
//! the callee's first merge point has only the call's operands as reds. The op names an
//! [`EntryToken`]: the callee's entry (its portal and greens), to which the warm-up code
//! attaches the entry's compiled code once there is some. Running the op
//! ([`call_assembler`]) enters that code with the reds directly — no runner, no native
//! prologue, no lookup of the entry. An entry trace takes the reds alone (it reads the
//! virtualizable itself), so a backend with machine code runs it from the reds' words
//! (`LoopCode::run_words`) and a `finish` hands the outcome's words back without the
//! general path; any other exit goes on as usual (`LoopCode::after_exit`): a guard failure
//! resumes and, past the next merge point, the call goes on natively. A callee that is a
//! variable in the trace is promoted (`guard_value`) when it is one of the call's operands.
//! Without
//! compiled code (not hot yet, or invalidated), the op calls the runner like the residual
//! call it replaces, whose entry glue counts the entry towards compiling it.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use crate::blackhole::{call_residual, continue_natively, Outcome, Value};
use crate::jitcode::registry::NativeResume;
use crate::jitcode::shim::ShimRet;
use crate::jitcode::{CallDescr, Kind};
use crate::metainterp::warmup::{self, CompiledLoop};

/// The most operands a `call_assembler` takes (the helper's fixed arity).
pub const MAX_OPERANDS: usize = 7;

/// A portal's entry: the function (portal and greens at its first merge point) that
/// `call_assembler` ops enter, and its compiled code if it has some.
pub struct EntryToken {
    /// Runs the portal natively from a merge point.
    pub(crate) resume: NativeResume,
    /// The kind of the portal's result.
    pub(crate) result: Option<Kind>,
    /// The compiled code attached last (set by the warm-up code). Detaching keeps it: code
    /// that was running when it was detached (invalidated meanwhile) still leaves through
    /// its exits, which this resolves. The warm-up code keeps every compiled loop alive.
    pub(crate) compiled: RefCell<Weak<CompiledLoop>>,
    /// The address of that code's machine code when compiled code may call it directly
    /// (its inputs the reds' words in the exit buffer, as `LoopCode::run_words` passes
    /// them), else 0. Compiled code reads it at every call (see [`EntryToken::native_entry`]).
    pub(crate) native_entry: Cell<u64>,
    /// Its number on this thread (from 1), naming it in trace text.
    pub number: u32,
}

impl std::fmt::Debug for EntryToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "EntryToken#{}", self.number)
    }
}

thread_local! {
    static TOKENS_MADE: Cell<u32> = const { Cell::new(0) };
}

impl EntryToken {
    /// A token for an entry of the portal resumed by `resume`, returning a `result`,
    /// without compiled code yet.
    pub(crate) fn new(resume: NativeResume, result: Option<Kind>) -> EntryToken {
        let number = TOKENS_MADE.with(|n| {
            n.set(n.get() + 1);
            n.get()
        });
        EntryToken {
            resume,
            result,
            compiled: RefCell::new(Weak::new()),
            native_entry: Cell::new(0),
            number,
        }
    }

    /// Where the address of the entry's machine code is (0 when it has none that compiled
    /// code may call directly): a backend's `call_assembler` reads it at every call, calls
    /// that code with the reds in the exit buffer, and hands any exit other than a
    /// `finish` to [`call_assembler_exited`].
    pub fn native_entry(&self) -> *const u64 {
        self.native_entry.as_ptr()
    }

    /// Attaches the entry's compiled code (`None`: it has none now: compiled code calls it
    /// no more).
    pub(crate) fn attach(&self, compiled: Option<&Rc<CompiledLoop>>) {
        if let Some(compiled) = compiled {
            *self.compiled.borrow_mut() = Rc::downgrade(compiled);
        }
        self.native_entry
            .set(compiled.and_then(|c| warmup::native_entry(c)).unwrap_or(0));
    }
}

/// What a `call_assembler` op calls: the residual call of the portal's runner it replaces,
/// and the callee's entry with where its reds come from.
#[derive(Debug)]
pub struct AssemblerCall {
    /// The runner's call (its operands are the op's).
    pub call: Rc<CallDescr>,
    /// The callee's entry.
    pub token: Rc<EntryToken>,
    /// For each red of the entry, in order: the operand holding it.
    pub reds: Vec<usize>,
}

impl AssemblerCall {
    /// The name in trace text: the runner's, and the token's number.
    pub fn name(&self) -> String {
        format!("{}#{}", self.call.name, self.token.number)
    }

    /// Runs the call with operands `args`: the entry's compiled code if it has some, else
    /// the runner.
    pub fn run(&self, args: &[Value]) -> Outcome {
        let mut reds = [Value::Void; MAX_OPERANDS];
        for (red, &i) in reds.iter_mut().zip(&self.reds) {
            *red = args[i];
        }
        match warmup::enter_compiled_entry(&self.token, &reds[..self.reds.len()]) {
            Some(outcome) => self.completed(outcome),
            None => call_residual(&self.call, args),
        }
    }

    /// What the call returns once the entry's code ran to `outcome`: its result, or, where
    /// the code left at a merge point, the function's rest run natively from there.
    fn completed(&self, outcome: Outcome) -> Outcome {
        match outcome {
            Outcome::MergePoint(exit) => {
                continue_natively(self.token.resume, exit, self.token.result)
            }
            done => done,
        }
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
    let outcome = call.run(&args[..call.call.arg_kinds.len()]);
    std::hint::black_box(&words);
    shim_ret(outcome)
}

/// The helper compiled code calls when the entry's machine code it called directly (see
/// [`EntryToken::native_entry`]) left through exit `exit`, not its `finish`: the call goes
/// on from there as [`AssemblerCall::run`] would; returns like a shim.
///
/// # Safety
/// `call` must point to a live `AssemblerCall` whose entry's code just left through `exit`.
pub unsafe extern "C" fn call_assembler_exited(call: *const AssemblerCall, exit: u64) -> ShimRet {
    let call = &*call;
    shim_ret(call.completed(warmup::after_entry_exit(&call.token, exit)))
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
