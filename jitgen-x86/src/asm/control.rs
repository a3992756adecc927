//! The trace's control flow: its entry (a loop's prologue or a bridge's frame extension), a
//! peeled loop's `label`, and the final `jump` (to the label, to the loop's start, or into
//! another loop).

use super::*;

impl Compiler<'_> {
    /// The trace's entry: the loop's prologue and input loads, or a bridge's frame extension
    /// and input loads. The loop's header (where its inputs are at its start).
    pub(super) fn entry(&mut self, target: &Target) -> R<Vec<Option<Loc>>> {
        match target {
            Target::Loop => {
                self.a.push(rbp)?;
                self.a.mov(rbp, rsp)?;
                for r in [rbx, r12, r13, r14, r15] {
                    self.a.push(r)?;
                }
                self.a.lea(rsp, mem(-self.frame_end))?;
                self.a.mov(mem(EXIT_CELL), rdi)?;
                self.a.mov(mem(ERROR_SLOT), 0)?;
                self.a.mov(r11, qword_ptr(rdi))?;
                let mut header = Vec::new();
                let inputs = self.trace.inputs.clone();
                for (i, &var) in inputs.iter().enumerate() {
                    let from = qword_ptr(r11 + 8 * i as i32);
                    if self.lon.use_count(var) == 0 {
                        header.push(None);
                        continue;
                    }
                    let float = self.regs.is_float(var);
                    let (reg, victim) = self.regs.choose(float, 0, &self.lon);
                    let loc = if victim.is_none() {
                        match reg {
                            Reg::Gpr(r) => self.a.mov(GPR64[r as usize], from)?,
                            Reg::Xmm(x) => self.a.movsd_2(XMM[x as usize], from)?,
                        }
                        self.define(var, reg);
                        Loc::Reg(reg)
                    } else {
                        let slot = self.slot(var);
                        self.a.mov(r10, from)?;
                        self.a.mov(mem(slot), r10)?;
                        self.regs.in_slot[var as usize] = true;
                        Loc::Slot(slot)
                    };
                    header.push(Some(loc));
                }
                Ok(header)
            }
            Target::Bridge {
                inputs,
                origin_locs,
                ..
            } => {
                self.a.lea(rsp, mem(-self.frame_end))?;
                self.a.mov(mem(ERROR_SLOT), 0)?;
                // Each input stays in the register the guard left it in; one in the origin's
                // frame (or a constant) goes to its own slot.
                let own = self.trace.inputs.clone();
                for (&var, &from) in own.iter().zip(inputs.iter()) {
                    if self.lon.use_count(var) == 0 {
                        continue;
                    }
                    let loc = origin_locs
                        .iter()
                        .find(|(v, _)| *v == from)
                        .map(|(_, loc)| *loc)
                        .unwrap_or_else(|| panic!("jitgen-x86: the guard does not save v{from}"));
                    match loc {
                        Ok(Loc::Reg(reg)) if self.regs.owner(reg).is_none() => {
                            self.define(var, reg);
                            continue;
                        }
                        Ok(Loc::Reg(Reg::Gpr(r))) => self.a.mov(r10, GPR64[r as usize])?,
                        Ok(Loc::Reg(Reg::Xmm(x))) => self.a.movq(r10, XMM[x as usize])?,
                        Ok(Loc::Slot(s)) => self.a.mov(r10, mem(s))?,
                        Err(value) => self.mov_imm(r10, value as i64)?,
                    }
                    let slot = self.slot(var);
                    self.a.mov(mem(slot), r10)?;
                    self.regs.in_slot[var as usize] = true;
                }
                Ok(Vec::new())
            }
        }
    }

    /// The `label` of a peeled loop: from here on, the variables live across it stay where
    /// they are now (the final jump puts them back there), the label's operands being
    /// reassigned by that jump (so their slots are stale from now on if they are in
    /// registers).
    pub(super) fn label(&mut self, pos: usize, operands: &[Arg]) -> R<()> {
        let mut state = Vec::new();
        let owners = self.regs.gpr.iter().chain(self.regs.xmm.iter()).flatten();
        let mut live: Vec<u32> = owners.copied().collect();
        live.extend((0..self.trace.kinds.len() as u32).filter(|&v| self.regs.in_slot[v as usize]));
        live.sort_unstable();
        live.dedup();
        for var in live {
            if self.lon.dead_after(var, pos) {
                continue;
            }
            let assigned = operands.contains(&Arg::Var(var));
            if assigned && self.regs.reg[var as usize].is_some() {
                self.regs.in_slot[var as usize] = false;
            }
            state.push((var, self.loc(var), assigned));
        }
        // Checked before the label, the operands' values change when the jump comes back.
        for operand in operands {
            if let Arg::Var(v) = operand {
                self.nonnull.remove(v);
            }
        }
        let mut label = self.a.create_label();
        self.place(&mut label)?;
        self.a.zero_bytes()?;
        self.count_run()?;
        self.peeled = Some(Peeled { label, live: state });
        Ok(())
    }

    /// Adds one to the run counter, if the code has one: at the start (each entry, the
    /// preamble's iteration) and at a peeled loop's label (each further iteration).
    pub(super) fn count_run(&mut self) -> R<()> {
        if let Some(counter) = self.counter {
            // No flags are live here, and r11 is scratch.
            self.mov_imm(r11, counter as i64)?;
            self.a.add(qword_ptr(r11), 1)?;
        }
        Ok(())
    }

    /// The final jump: the arguments to the loop's inputs' header locations (a parallel
    /// move), then to the loop's start.
    pub(super) fn jump(&mut self, args: &[Arg], target: &Target) -> R<()> {
        if let Some(peeled) = self.peeled.clone() {
            return self.jump_to_label(args, &peeled);
        }
        // The loop the jump goes to, unless it is this one.
        let far = match (self.jump_to, target) {
            (Some(other), _) => Some(other),
            (None, Target::Loop) => None,
            (None, Target::Bridge { main, .. }) => Some(*main),
        };
        let header = match far {
            Some(other) => other.header.clone(),
            None => self.header.clone(),
        };
        let mut moves: Vec<(Loc, Move)> = Vec::new();
        for (arg, dst) in args.iter().zip(header) {
            let Some(dst) = dst else { continue };
            let src = match arg {
                Arg::Var(v) => Move::From(self.loc(*v)),
                constant => Move::Const(const_word(*constant)),
            };
            if src != Move::From(dst) {
                moves.push((dst, src));
            }
        }
        self.parallel_move(moves)?;
        match far {
            None => self.a.jmp(self.start),
            Some(other) => {
                // Every loop's frame has the same fixed part: only its size differs.
                self.a.mov(mem(ERROR_SLOT), 0)?;
                self.a.lea(rsp, mem(-other.frame_end))?;
                self.mov_imm(r11, other.start as i64)?;
                self.a.jmp(r11)
            }
        }
    }

    /// The final jump of a peeled loop: the arguments to the label's operands, every other
    /// variable live across the label back where it was there.
    pub(super) fn jump_to_label(&mut self, args: &[Arg], peeled: &Peeled) -> R<()> {
        let state = &peeled.live;
        let Some(at) = self.trace.label() else {
            unreachable!("a peeled loop has a label")
        };
        let operands = self.trace.ops[at].args.clone();
        let mut moves: Vec<(Loc, Move)> = Vec::new();
        let mut push = |dst: Loc, src: Move| {
            // A repeated label operand: the last assignment wins.
            moves.retain(|(d, _)| *d != dst);
            if src != Move::From(dst) {
                moves.push((dst, src));
            }
        };
        for (operand, arg) in operands.iter().zip(args) {
            let Arg::Var(var) = operand else {
                unreachable!("a label's operands are variables")
            };
            let Some(&(_, dst, _)) = state.iter().find(|(v, _, _)| v == var) else {
                // Not read after the label: nothing to assign.
                continue;
            };
            let src = match arg {
                Arg::Var(v) => Move::From(self.loc(*v)),
                constant => Move::Const(const_word(*constant)),
            };
            push(dst, src);
        }
        for &(var, dst, assigned) in state {
            if !assigned {
                push(dst, Move::From(self.loc(var)));
            }
        }
        self.parallel_move(moves)?;
        self.a.jmp(peeled.label)
    }
}

/// A peeled loop's `label`, as its final jump needs it.
#[derive(Clone)]
pub(super) struct Peeled {
    /// Its code position.
    label: CodeLabel,
    /// Each variable live across it: its location there, and whether the jump assigns it.
    live: Vec<(u32, Loc, bool)>,
}
