//! Calls out of compiled code: residual calls (with the caller-saved registers saved around
//! them), helper calls for ops with subtle semantics, and `call_assembler` into other compiled
//! code.

use super::*;

impl Compiler<'_> {
    /// Calls `target` (SysV, one word per argument, `ShimRet` in `rax:rdx`), forcing
    /// `forces` (argument index, token offset) first. Values still needed after the call are
    /// saved from caller-saved registers to their slots first; the arguments are then moved
    /// into place from wherever they are. The result is in `rax:rdx`; no caller-saved
    /// register holds a variable afterwards.
    pub(super) fn call(
        &mut self,
        pos: usize,
        target: u64,
        args: &[CallArg],
        forces: &[(usize, usize)],
    ) -> R<()> {
        let caller_saved = Self::caller_saved();
        for &reg in &caller_saved {
            if let Some(var) = self.regs.owner(reg) {
                let is_arg = args
                    .iter()
                    .any(|a| matches!(a, CallArg::Arg(Arg::Var(v)) if *v == var));
                // With forces, helper calls clobber the registers before the arguments load.
                if !self.lon.dead_after(var, pos) || (is_arg && !forces.is_empty()) {
                    self.store(var)?;
                }
            }
        }
        if !forces.is_empty() {
            self.release_all(&caller_saved);
        }
        self.force_args(args, forces)?;
        let on_stack = args.len().saturating_sub(ARG_GPRS.len());
        if on_stack % 2 == 1 {
            self.a.sub(rsp, 8)?;
        }
        for arg in args[ARG_GPRS.len().min(args.len())..].iter().rev() {
            match arg {
                CallArg::Arg(arg) => self.load_word(r11, *arg)?,
                CallArg::Word(w) => self.mov_imm(r11, *w as i64)?,
            }
            self.a.push(r11)?;
        }
        let mut moves = Vec::new();
        for (i, arg) in args.iter().enumerate().take(ARG_GPRS.len()) {
            let dst = Loc::Reg(Reg::Gpr(ARG_GPRS[i]));
            let src = match arg {
                CallArg::Arg(Arg::Var(v)) => Move::From(self.loc(*v)),
                CallArg::Arg(constant) => Move::Const(const_word(*constant)),
                CallArg::Word(w) => Move::Const(*w),
            };
            if src != Move::From(dst) {
                moves.push((dst, src));
            }
        }
        self.parallel_move(moves)?;
        self.release_all(&caller_saved);
        self.mov_imm(rax, target as i64)?;
        self.a.call(rax)?;
        if on_stack > 0 {
            self.a.add(rsp, (on_stack.div_ceil(2) * 16) as i32)?;
        }
        Ok(())
    }

    /// The caller-saved registers, general-purpose and XMM.
    pub(super) fn caller_saved() -> Vec<Reg> {
        CALLER_SAVED
            .iter()
            .map(|&r| Reg::Gpr(r))
            .chain((0..NUM_XMMS as u8).map(Reg::Xmm))
            .collect()
    }

    /// Forces the virtualizable arguments `forces` (`(argument, token offset)`) of a call
    /// with arguments `args`, before it: clobbers the caller-saved registers. An argument
    /// that is null, or that no compiled code holds (its `VableToken` is 0), is not passed
    /// to the helper.
    pub(super) fn force_args(&mut self, args: &[CallArg], forces: &[(usize, usize)]) -> R<()> {
        for &(index, token_offset) in forces {
            let CallArg::Arg(arg) = args[index] else {
                continue;
            };
            let mut skip = self.a.create_label();
            self.load_word(rdi, arg)?;
            self.a.test(rdi, rdi)?;
            self.a.je(skip)?;
            // Only an object some compiled code holds needs forcing: the token says.
            let token = i32::try_from(token_offset).expect("a token within its object");
            self.a.cmp(qword_ptr(rdi + token), 0)?;
            self.a.je(skip)?;
            self.mov_imm(rsi, token_offset as i64)?;
            self.mov_imm(rax, helpers::force as *const () as i64)?;
            self.a.call(rax)?;
            self.place(&mut skip)?;
            self.a.zero_bytes()?;
        }
        Ok(())
    }

    /// Takes every variable out of `regs` (their values are dead or in their slots).
    pub(super) fn release_all(&mut self, regs: &[Reg]) {
        for &reg in regs {
            if let Some(var) = self.regs.owner(reg) {
                self.regs.release(var);
            }
        }
    }

    /// `dst = the word of arg`, from wherever it is (after a call's spills).
    pub(super) fn load_word(&mut self, dst: AsmRegister64, arg: Arg) -> R<()> {
        match arg {
            Arg::Var(v) => match self.loc(v) {
                Loc::Reg(Reg::Gpr(r)) => self.a.mov(dst, GPR64[r as usize]),
                Loc::Reg(Reg::Xmm(x)) => self.a.movq(dst, XMM[x as usize]),
                Loc::Slot(s) => self.a.mov(dst, mem(s)),
            },
            _ => self.mov_imm(dst, const_word(arg) as i64),
        }
    }

    /// Defines `var` as the word a call returned in `rax`.
    pub(super) fn define_rax(&mut self, var: u32, pos: usize) -> R<()> {
        if self.regs.is_float(var) {
            let xd = self.alloc_xmm(pos)?;
            self.a.movq(XMM[xd as usize], rax)?;
            self.define(var, Reg::Xmm(xd));
        } else {
            self.regs.lock(Reg::Gpr(0));
            self.define(var, Reg::Gpr(0));
        }
        Ok(())
    }

    /// The helper call of an op: result in `rax`, `rdx` its error word.
    pub(super) fn helper(
        &mut self,
        pos: usize,
        f: u64,
        args: &[CallArg],
        result: Option<u32>,
    ) -> R<()> {
        self.call(pos, f, args, &[])?;
        if let Some(var) = result {
            self.define_rax(var, pos)?;
        }
        Ok(())
    }

    /// `call_assembler`: the helper, with the call and the operands as words (unused ones
    /// 0), forcing what the runner's call forces.
    pub(super) fn call_assembler(
        &mut self,
        pos: usize,
        call: &AssemblerCall,
        args: &[Arg],
        result: Option<u32>,
    ) -> R<()> {
        let mut call_args = vec![CallArg::Word(call as *const AssemblerCall as u64)];
        call_args.extend(args.iter().map(|a| CallArg::Arg(*a)));
        call_args.resize(1 + assembler::MAX_OPERANDS, CallArg::Word(0));
        let forces: Vec<(usize, usize)> = call
            .call
            .forces
            .iter()
            .map(|f| (f.arg + 1, f.token_offset))
            .collect();
        // Every value in a caller-saved register goes to its slot (the arguments too) and
        // the registers are free: both paths below clobber them before their last use.
        let caller_saved = Self::caller_saved();
        for &reg in &caller_saved {
            if let Some(var) = self.regs.owner(reg) {
                let is_arg = args.contains(&Arg::Var(var));
                if !self.lon.dead_after(var, pos) || is_arg {
                    self.store(var)?;
                }
            }
        }
        self.release_all(&caller_saved);
        self.force_args(&call_args, &forces)?;
        let mut helper_path = self.a.create_label();
        let mut done = self.a.create_label();
        // The entry's machine code, if it has some compiled code may call: called with the
        // reds in the exit buffer, as the runner's entry glue would run it.
        self.mov_imm(rax, call.token.native_entry() as i64)?;
        self.a.mov(rax, qword_ptr(rax))?;
        self.a.test(rax, rax)?;
        self.a.je(helper_path)?;
        self.a.mov(r11, mem(EXIT_CELL))?;
        self.a.mov(r11, qword_ptr(r11))?;
        for (i, &operand) in call.reds.iter().enumerate() {
            self.load_word(r10, args[operand])?;
            self.a.mov(qword_ptr(r11 + 8 * i as i32), r10)?;
        }
        self.a.mov(rdi, mem(EXIT_CELL))?;
        self.a.call(rax)?;
        // `rax`: the exit code. A `finish` left its outcome in the buffer's first word (the
        // buffer may have moved meanwhile: read through the cell again).
        let mut not_finish = self.a.create_label();
        let mut other_exit = self.a.create_label();
        self.a.mov(rdx, rax)?;
        self.a.shr(rdx, KIND_SHIFT)?;
        self.a.mov(r11, mem(EXIT_CELL))?;
        self.a.mov(r11, qword_ptr(r11))?;
        self.a.cmp(rdx, ExitKind::Finish as i32)?;
        self.a.jne(not_finish)?;
        self.a.mov(rax, qword_ptr(r11))?;
        self.a.xor(edx, edx)?;
        self.a.jmp(done)?;
        self.place(&mut not_finish)?;
        self.a.cmp(rdx, ExitKind::FinishErr as i32)?;
        self.a.jne(other_exit)?;
        self.a.mov(rdx, qword_ptr(r11))?;
        self.a.xor(eax, eax)?;
        self.a.jmp(done)?;
        // Any other exit: the call goes on in Rust from there.
        self.place(&mut other_exit)?;
        self.a.mov(rsi, rax)?;
        self.mov_imm(rdi, call as *const AssemblerCall as i64)?;
        self.mov_imm(rax, assembler::call_assembler_exited as *const () as i64)?;
        self.a.call(rax)?;
        self.a.jmp(done)?;
        // No such code: the helper (the entry's code through the general path, or the
        // runner).
        self.place(&mut helper_path)?;
        let helper = assembler::call_assembler as *const () as u64;
        self.call(pos, helper, &call_args, &[])?;
        self.place(&mut done)?;
        self.a.mov(mem(ERROR_SLOT), rdx)?;
        if let Some(var) = result {
            self.define_rax(var, pos)?;
        }
        Ok(())
    }

    pub(super) fn residual_call(
        &mut self,
        pos: usize,
        descr: &CallDescr,
        args: &[Arg],
        result: Option<u32>,
    ) -> R<()> {
        if let Some(alloc) = &descr.allocates {
            if self.new_array(pos, alloc, args, result)? {
                return Ok(());
            }
        }
        let call_args: Vec<CallArg> = args.iter().map(|a| CallArg::Arg(*a)).collect();
        let forces: Vec<(usize, usize)> = descr
            .forces
            .iter()
            .map(|f| (f.arg, f.token_offset))
            .collect();
        self.call(pos, descr.shim as u64, &call_args, &forces)?;
        self.a.mov(mem(ERROR_SLOT), rdx)?;
        if let Some(var) = result {
            self.define_rax(var, pos)?;
        }
        Ok(())
    }
}
