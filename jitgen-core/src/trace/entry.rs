//! The descriptors of `call_assembler`: a portal's entry token, and the call that enters it.
//! They are data of the trace IR; running them (entering the entry's compiled code, or the
//! portal's runner without it) is `metainterp::assembler`'s.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use crate::blackhole::{Outcome, Value};
use crate::jitcode::registry::NativeResume;
use crate::jitcode::{CallDescr, Kind};

/// A portal's entry: the function (portal and greens at its first merge point) that
/// `call_assembler` ops enter, and its compiled code if it has some.
pub struct EntryToken {
    /// Runs the portal natively from a merge point.
    pub(crate) resume: NativeResume,
    /// The kind of the portal's result.
    pub(crate) result: Option<Kind>,
    /// The compiled code attached last (by the warm-up code, which alone knows its type).
    /// Detaching keeps it: code that was running when it was detached (invalidated
    /// meanwhile) still leaves through its exits, which this resolves. The warm-up code keeps
    /// every compiled loop alive.
    pub(crate) compiled: RefCell<Weak<dyn Any>>,
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
            compiled: RefCell::new(Weak::<()>::new()),
            native_entry: Cell::new(0),
            number,
        }
    }

    /// Where the address of the entry's machine code is (0 when it has none that compiled
    /// code may call directly): a backend's `call_assembler` reads it at every call, calls
    /// that code with the reds in the exit buffer, and hands any exit other than a
    /// `finish` to `metainterp::assembler::call_assembler_exited`.
    pub fn native_entry(&self) -> *const u64 {
        self.native_entry.as_ptr()
    }
}

/// What a `call_assembler` op calls: the residual call of the portal's runner it replaces,
/// and the callee's entry with where its reds come from.
pub struct AssemblerCall {
    /// The runner's call (its operands are the op's).
    pub call: Rc<CallDescr>,
    /// The callee's entry.
    pub token: Rc<EntryToken>,
    /// For each red of the entry, in order: the operand holding it.
    pub reds: Vec<usize>,
    /// Runs the call with its operands' values: the entry's compiled code if it has some,
    /// else the runner (the warm-up code's `metainterp::assembler::run`; a backend without
    /// machine code of its own calls it).
    pub run: fn(&AssemblerCall, &[Value]) -> Outcome,
}

impl std::fmt::Debug for AssemblerCall {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AssemblerCall")
            .field("call", &self.call)
            .field("token", &self.token)
            .field("reds", &self.reds)
            .finish()
    }
}

impl AssemblerCall {
    /// The name in trace text: the runner's, and the token's number.
    pub fn name(&self) -> String {
        format!("{}#{}", self.call.name, self.token.number)
    }
}
