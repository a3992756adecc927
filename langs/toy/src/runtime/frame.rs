//! Frames: creating one for a call, and its value stack and `try` handlers.

use jitgen_core::gc::{Gc, GcArray, GcVec, Mut};
use jitgen_core::virtualizable::VableToken;

use crate::runtime::objects::{Code, Ctx, Frame, Value};

#[jitgen_core::look_inside]
impl Frame {
    /// A frame for running `code`, locals set to `nil`.
    #[jitgen_core::look_inside]
    pub fn new(code: Gc<Code>, ctx: Gc<Ctx>) -> Gc<Self> {
        let size = (code.num_locals + code.max_stack) as usize;
        let slots = GcArray::new(size, ctx.nil);
        Gc::new(Frame {
            code,
            slots,
            sp: Mut::new(code.num_locals as usize),
            handlers: Mut::new(None),
            vable: VableToken::new(),
        })
    }

    /// Pushes a value on the stack.
    #[jitgen_core::look_inside]
    pub fn push(&self, value: Value) {
        let sp = self.sp.get();
        self.slots.set(sp, value);
        self.sp.set(sp + 1);
    }

    /// Pops the top value. Its slot is cleared (to `nil`): a popped value is neither kept
    /// alive by the frame nor, in compiled code, carried from one iteration to the next.
    #[jitgen_core::look_inside]
    pub fn pop(&self, ctx: Gc<Ctx>) -> Value {
        let sp = self.sp.get() - 1;
        self.sp.set(sp);
        let value = self.slots.get(sp);
        self.slots.set(sp, ctx.nil);
        value
    }

    /// Drops the values from stack slot `base` up (a call's callee and arguments), clearing
    /// their slots to `nil` as [`Frame::pop`] does.
    #[jitgen_core::look_inside]
    pub fn drop_to(&self, base: usize, ctx: Gc<Ctx>) {
        let mut slot = self.sp.get();
        while slot > base {
            slot -= 1;
            self.slots.set(slot, ctx.nil);
        }
        self.sp.set(base);
    }

    /// The value `depth` slots below the top (0 is the top).
    #[jitgen_core::look_inside]
    pub fn peek(&self, depth: usize) -> Value {
        self.slots.get(self.sp.get() - 1 - depth)
    }

    /// Local slot `index`.
    #[jitgen_core::look_inside]
    pub fn local(&self, index: usize) -> Value {
        self.slots.get(index)
    }

    /// Sets local slot `index`.
    #[jitgen_core::look_inside]
    pub fn set_local(&self, index: usize, value: Value) {
        self.slots.set(index, value)
    }

    /// Enters a `try` body whose handler is at `handler_pc`.
    #[jitgen_core::dont_look_inside]
    pub fn push_handler(&self, handler_pc: usize) {
        let handlers = match self.handlers.get() {
            Some(handlers) => handlers,
            None => {
                let handlers = GcVec::new();
                self.handlers.set(Some(handlers));
                handlers
            }
        };
        handlers.push(handler_pc as i64);
        handlers.push(self.sp.get() as i64);
    }

    /// Leaves the innermost `try` body normally.
    #[jitgen_core::dont_look_inside]
    pub fn pop_handler(&self) {
        if let Some(handlers) = self.handlers.get() {
            handlers.truncate(handlers.len().saturating_sub(2));
        }
    }

    /// Whether a `try` body is active (an error would be caught in this frame).
    #[jitgen_core::dont_look_inside]
    pub fn has_handler(&self) -> bool {
        self.handlers
            .get()
            .is_some_and(|handlers| handlers.len() >= 2)
    }

    /// Unwinds to the innermost handler (there must be one, see [`Frame::has_handler`]):
    /// cuts the stack back, pushes `error_value`, and returns the handler's pc.
    #[jitgen_core::dont_look_inside]
    pub fn unwind_to_handler(&self, error_value: Value) -> usize {
        let handlers = self
            .handlers
            .get()
            .expect("unwind_to_handler without a handler");
        let depth = handlers.pop().expect("a handler's stack depth") as usize;
        let handler_pc = handlers.pop().expect("a handler's pc") as usize;
        self.sp.set(depth);
        self.push(error_value);
        handler_pc
    }
}
