//! Frames: making one for a code object, and its value stack.

use jitgen_core::gc::{Gc, GcArray, Mut};
use jitgen_core::virtualizable::VableToken;

use crate::runtime::objects::*;

#[jitgen_core::look_inside]
impl Frame {
    /// A frame for `code`: locals unbound, room for cells and the deepest stack.
    #[jitgen_core::look_inside]
    pub fn new(
        code: Gc<CodeObj>,
        ctx: Gc<Ctx>,
        globals: Gc<DictObj>,
        namespace: Option<Gc<DictObj>>,
    ) -> Gc<Self> {
        let base = (code.nlocals + code.ncells + code.nfree) as usize;
        let slots = GcArray::new(base + code.max_stack as usize, ctx.unbound);
        Gc::new(Frame {
            code,
            slots,
            sp: Mut::new(base),
            globals,
            namespace,
            resume: Mut::new(-1),
            vable: VableToken::new(),
        })
    }

    /// Pushes a value.
    #[jitgen_core::look_inside]
    pub fn push(&self, value: Value) {
        let sp = self.sp.get();
        self.slots.set(sp, value);
        self.sp.set(sp + 1);
    }

    /// Pops the top value.
    #[jitgen_core::look_inside]
    pub fn pop(&self) -> Value {
        let sp = self.sp.get() - 1;
        self.sp.set(sp);
        self.slots.get(sp)
    }

    /// The value `depth` below the top (0 is the top).
    #[jitgen_core::look_inside]
    pub fn peek(&self, depth: usize) -> Value {
        self.slots.get(self.sp.get() - 1 - depth)
    }

    /// Replaces the value `depth` below the top (0 is the top).
    #[jitgen_core::look_inside]
    pub fn poke(&self, depth: usize, value: Value) {
        self.slots.set(self.sp.get() - 1 - depth, value)
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

    /// The stack index where the value stack starts.
    #[jitgen_core::look_inside]
    pub fn stack_base(&self) -> usize {
        (self.code.nlocals + self.code.ncells + self.code.nfree) as usize
    }
}
