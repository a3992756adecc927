//! The cold section: each guard's exit stub (its exit code, then a jump to the routine that
//! saves every register and spill slot, see `exit_save`), the panic exits and the shared
//! epilogue.

use jitgen_core::backend::HeldAt;

use super::*;
use crate::exit_save;

/// An out-of-line exit.
pub(super) enum Stub {
    /// A guard's exit: jump through the bridge slot, which goes on to the exit itself until
    /// a bridge is attached (and then straight into the bridge, which takes the guard's
    /// values where they are); the exit puts its code in `r11` and goes to the saving
    /// routine. `saves` are where the values its resume data read are (a constant for a
    /// fused boolean, whose value a failure implies).
    Guard {
        label: CodeLabel,
        /// The bridge slot.
        bridge: CodeLabel,
        /// The exit after the bridge slot's jump.
        exit: CodeLabel,
        op: usize,
        saves: Vec<(u32, Result<Loc, u64>)>,
    },
    /// The slow path of an inline allocation: with the caller-saved registers that hold
    /// variables saved around it, call the GC's `allocate_inline_slow(info, size)`, put the
    /// object in `dst`, and go `back`.
    AllocSlow {
        label: CodeLabel,
        back: CodeLabel,
        info: u64,
        size: u64,
        dst: AsmRegister64,
        gprs: Vec<AsmRegister64>,
        xmms: Vec<AsmRegisterXmm>,
    },
    /// The slow path of a `write_barrier` (taken when a heap checks barriers): with the
    /// caller-saved registers that hold variables saved around it, call the GC's
    /// `write_barrier_slow(object)` and go `back`.
    BarrierSlow {
        label: CodeLabel,
        back: CodeLabel,
        object: AsmRegister64,
        gprs: Vec<AsmRegister64>,
        xmms: Vec<AsmRegisterXmm>,
    },
    /// An index out of bounds: the index (a register or a constant) and the array.
    OutOfBounds {
        label: CodeLabel,
        op: usize,
        index: Result<AsmRegister64, i64>,
        array: AsmRegister64,
    },
}

/// [`GuardExit::held`] for the guard `op` of `trace`, whose values are at `saves` when it
/// fails.
pub(super) fn held_vars(
    trace: &TraceLoop,
    op: usize,
    saves: &[(u32, Result<Loc, u64>)],
) -> Rc<[HeldVar]> {
    let virtuals = trace.ops[op].resume.iter().flat_map(|r| &r.virtuals);
    let mut held: Vec<HeldVar> = saves
        .iter()
        .map(|&(var, loc)| HeldVar {
            var,
            kind: trace.kinds[var as usize],
            at: match loc {
                Ok(loc) => HeldAt::Word(exit_save::word_of(loc)),
                Err(value) => HeldAt::Const(value),
            },
        })
        .chain(virtuals.map(|v| HeldVar {
            var: v.var,
            kind: Kind::Ref,
            at: HeldAt::Virtual,
        }))
        .collect();
    // A saved variable comes first among equals, and is kept.
    held.sort_unstable_by_key(|h| (h.var, h.at == HeldAt::Virtual));
    held.dedup_by_key(|h| h.var);
    held.into()
}

impl Compiler<'_> {
    /// Saves `gprs` and `xmms` before a call from a stub, keeping `rsp` 16-aligned: the
    /// bytes reserved below the pushed registers, for [`Self::restore_after_call`].
    fn save_around_call(&mut self, gprs: &[AsmRegister64], xmms: &[AsmRegisterXmm]) -> R<i32> {
        for &r in gprs {
            self.a.push(r)?;
        }
        let below = 8 * (xmms.len() + (gprs.len() + xmms.len()) % 2) as i32;
        if below > 0 {
            self.a.sub(rsp, below)?;
        }
        for (i, &x) in xmms.iter().enumerate() {
            self.a.movsd_2(qword_ptr(rsp + 8 * i as i32), x)?;
        }
        Ok(below)
    }

    /// Restores what [`Self::save_around_call`] saved.
    fn restore_after_call(
        &mut self,
        gprs: &[AsmRegister64],
        xmms: &[AsmRegisterXmm],
        below: i32,
    ) -> R<()> {
        for (i, &x) in xmms.iter().enumerate() {
            self.a.movsd_2(x, qword_ptr(rsp + 8 * i as i32))?;
        }
        if below > 0 {
            self.a.add(rsp, below)?;
        }
        for &r in gprs.iter().rev() {
            self.a.pop(r)?;
        }
        Ok(())
    }

    /// The out-of-line code: guard exits, panic exits, the epilogue.
    pub(super) fn emit_stubs(&mut self) -> R<()> {
        let mut stubs = std::mem::take(&mut self.stubs);
        // A guard's exit code carries its number among the trace's guard exits.
        let mut guard_no = 0;
        let mut save_exit = self.a.create_label();
        for stub in &mut stubs {
            match stub {
                Stub::Guard {
                    label,
                    bridge,
                    exit,
                    ..
                } => {
                    self.place(label)?;
                    self.a.jmp(qword_ptr(*bridge))?;
                    self.place(exit)?;
                    let code = exit_code(ExitKind::Guard, self.trace_no, guard_no);
                    self.a.mov(r11, code)?;
                    guard_no += 1;
                    self.a.jmp(save_exit)?;
                    self.place(bridge)?;
                    self.a.dq(&[0])?;
                }
                Stub::AllocSlow {
                    label,
                    back,
                    info,
                    size,
                    dst,
                    gprs,
                    xmms,
                } => {
                    self.place(label)?;
                    let below = self.save_around_call(gprs, xmms)?;
                    self.mov_imm(rdi, *info as i64)?;
                    self.mov_imm(rsi, *size as i64)?;
                    self.mov_imm(rax, gc::allocate_inline_slow as *const () as i64)?;
                    self.a.call(rax)?;
                    self.a.mov(*dst, rax)?;
                    self.restore_after_call(gprs, xmms, below)?;
                    self.a.jmp(*back)?;
                }
                Stub::BarrierSlow {
                    label,
                    back,
                    object,
                    gprs,
                    xmms,
                } => {
                    self.place(label)?;
                    let below = self.save_around_call(gprs, xmms)?;
                    if *object != rdi {
                        self.a.mov(rdi, *object)?;
                    }
                    self.mov_imm(rax, gc::write_barrier_slow as *const () as i64)?;
                    self.a.call(rax)?;
                    self.restore_after_call(gprs, xmms, below)?;
                    self.a.jmp(*back)?;
                }
                Stub::OutOfBounds {
                    label,
                    op,
                    index,
                    array,
                } => {
                    self.place(label)?;
                    self.a.mov(r11, qword_ptr(*array))?;
                    match index {
                        Ok(r) => self.a.mov(r10, *r)?,
                        Err(i) => self.mov_imm(r10, *i)?,
                    }
                    self.a.mov(rax, mem(EXIT_CELL))?;
                    self.a.mov(rax, qword_ptr(rax))?;
                    self.a.mov(qword_ptr(rax), r10)?;
                    self.a.mov(qword_ptr(rax + 8), r11)?;
                    self.a
                        .mov(rax, exit_code(ExitKind::OutOfBounds, self.trace_no, *op))?;
                    self.a.jmp(self.epilogue)?;
                }
            }
        }
        if guard_no > 0 {
            // The trace's way to the saving routine (out of a rel32's reach), telling it how
            // many spill slots the exits read.
            let saves = stubs.iter().flat_map(|stub| match stub {
                Stub::Guard { saves, .. } => saves.as_slice(),
                _ => &[],
            });
            let locs = saves.filter_map(|(_, loc)| loc.as_ref().ok());
            let slots = exit_save::slots_read(locs);
            self.place(&mut save_exit)?;
            self.a
                .push(i32::try_from(slots).expect("a frame of fewer than 2^31 slots"))?;
            self.mov_imm(r10, exit_save::routine() as i64)?;
            self.a.jmp(r10)?;
        }
        self.stubs = stubs;
        if let Some(mut label) = self.div_panic {
            self.place(&mut label)?;
            self.a.mov(r11, mem(EXIT_CELL))?;
            self.a.mov(r11, qword_ptr(r11))?;
            self.a.mov(qword_ptr(r11), rdx)?;
            self.a
                .mov(rax, exit_code(ExitKind::Division, self.trace_no, 0))?;
            self.a.jmp(self.epilogue)?;
        }
        if let Some(mut label) = self.null_panic {
            self.place(&mut label)?;
            self.a
                .mov(rax, exit_code(ExitKind::Null, self.trace_no, 0))?;
            self.a.jmp(self.epilogue)?;
        }
        let mut epilogue = self.epilogue;
        self.place(&mut epilogue)?;
        self.epilogue = epilogue;
        self.a.lea(rsp, mem(-40))?;
        for r in [r15, r14, r13, r12, rbx, rbp] {
            self.a.pop(r)?;
        }
        self.a.ret()
    }
}
