//! Guards and the ops that leave the trace (`exit`, `finish`): a conditional jump to the
//! guard's exit stub, or a direct jump to it.

use super::*;

impl Compiler<'_> {
    /// Guards, `exit` and `finish`: the ops that may leave the trace.
    pub(super) fn guard(
        &mut self,
        pos: usize,
        kind: &OpKind,
        args: &[Arg],
        result: Option<u32>,
    ) -> R<()> {
        let a = |i: usize| args[i];
        match kind {
            OpKind::GuardTrue | OpKind::GuardFalse => {
                let want = matches!(kind, OpKind::GuardTrue);
                let fused = self.fused.take().filter(|f| a(0) == Arg::Var(f.var()));
                // A fused boolean's value when the guard fails.
                let known = fused.map(|f| (f.var(), !want as u64));
                match fused {
                    Some(Fused::Cc(_, cc)) => {
                        let fail = if want { cc.negate() } else { cc };
                        let stub = self.guard_exit(pos, known)?;
                        self.jcc(fail, stub)?;
                    }
                    Some(Fused::Class(_, object, ro, info_addr)) => {
                        if want {
                            // Past the guard, the object is not null.
                            self.nonnull.insert(object);
                        }
                        // Fails when (non-null and of the class) != want.
                        let stub = self.guard_exit(pos, known)?;
                        let mut pass = self.a.create_label();
                        self.a.test(ro, ro)?;
                        self.a.je(if want { stub } else { pass })?;
                        self.mov_imm(r11, info_addr)?;
                        self.a.cmp(qword_ptr(ro - 8), r11)?;
                        self.jcc(if want { Cc::Ne } else { Cc::E }, stub)?;
                        self.place(&mut pass)?;
                        self.a.zero_bytes()?;
                    }
                    None => {
                        self.test_zero(a(0))?;
                        let stub = self.guard_exit(pos, None)?;
                        self.jcc(if want { Cc::E } else { Cc::Ne }, stub)?;
                    }
                }
            }
            OpKind::GuardValue => {
                let cc = self.compare(a(0), a(1), Cc::E)?;
                let stub = self.guard_exit(pos, None)?;
                self.jcc(cc.negate(), stub)?;
            }
            OpKind::GuardNotInvalidated => {
                // Nothing to run while the code is valid: a 5-byte no-op, which invalidation
                // patches into a jump to the guard's exit.
                self.guard_exit(pos, None)?;
                let mut site = self.a.create_label();
                self.place(&mut site)?;
                self.a.db(&NOP5)?;
                self.invalidation_sites.push((site, pos));
            }
            OpKind::GuardNoOverflow | OpKind::GuardOverflow => {
                let stub = self.guard_exit(pos, None)?;
                let cc = self.ovf_cond;
                let no = matches!(kind, OpKind::GuardNoOverflow);
                self.jcc(if no { cc } else { cc.negate() }, stub)?;
            }
            OpKind::GuardNoError => {
                self.a.cmp(mem(ERROR_SLOT), 0)?;
                let stub = self.guard_exit(pos, None)?;
                self.jcc(Cc::Ne, stub)?;
            }
            OpKind::GuardError => {
                self.a.cmp(mem(ERROR_SLOT), 0)?;
                let stub = self.guard_exit(pos, None)?;
                self.jcc(Cc::E, stub)?;
                let rd = self.alloc_gpr(pos)?;
                self.a.mov(GPR64[rd as usize], mem(ERROR_SLOT))?;
                self.a.mov(mem(ERROR_SLOT), 0)?;
                self.define(result.unwrap(), Reg::Gpr(rd));
            }
            OpKind::Exit => {
                let stub = self.guard_exit(pos, None)?;
                self.a.jmp(stub)?;
            }
            OpKind::Finish { error } => {
                // The outcome's word in the exit buffer's first word; the exit kind says
                // which outcome (a `call_assembler` reads it without returning to Rust).
                self.load_word(r10, a(0))?;
                self.a.mov(r11, mem(EXIT_CELL))?;
                self.a.mov(r11, qword_ptr(r11))?;
                self.a.mov(qword_ptr(r11), r10)?;
                let kind = if *error {
                    ExitKind::FinishErr
                } else {
                    ExitKind::Finish
                };
                self.a.mov(rax, exit_code(kind, self.trace_no, pos))?;
                self.a.jmp(self.epilogue)?;
            }
            _ => unreachable!("not a guard"),
        }
        Ok(())
    }

    /// A guard's exit stub, recording the locations of its live variables now (`known`: a
    /// fused boolean not in any location, and its value when the guard fails): the label
    /// the guard's failing jumps go to.
    pub(super) fn guard_exit(&mut self, pos: usize, known: Option<(u32, u64)>) -> R<CodeLabel> {
        let saves = resume_vars(&self.trace.ops[pos])
            .into_iter()
            .map(|v| match known {
                Some((k, value)) if k == v => (v, Err(value)),
                _ => (v, Ok(self.loc(v))),
            })
            .collect();
        let label = self.a.create_label();
        self.stubs.push(Stub::Guard {
            label,
            bridge: self.a.create_label(),
            exit: self.a.create_label(),
            op: pos,
            saves,
        });
        Ok(label)
    }
}
