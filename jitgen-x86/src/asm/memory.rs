//! Memory: field and array item loads and stores (bounds-checked unless proven in bounds),
//! array lengths, inline allocation, and write barriers.

use super::*;

impl Compiler<'_> {
    /// Field and array item accesses, array lengths, inline allocations.
    pub(super) fn memory_op(
        &mut self,
        pos: usize,
        kind: &OpKind,
        args: &[Arg],
        result: Option<u32>,
    ) -> R<()> {
        let a = |i: usize| args[i];
        match kind {
            OpKind::GetField(field) => {
                let ro = self.object(a(0), r10, pos)?;
                let m = ro + field.descr.offset as i32;
                self.load_value(result.unwrap(), field.descr.kind, m, pos)?;
            }
            OpKind::SetField(field) => {
                let ro = self.object(a(0), r10, pos)?;
                let m = ro + field.descr.offset as i32;
                self.store_value(field.descr.kind, m, a(1), pos)?;
            }
            OpKind::ArrayLen => {
                let ro = self.object(a(0), r10, pos)?;
                let rd = self.alloc_gpr(pos)?;
                self.a.mov(GPR64[rd as usize], qword_ptr(ro))?;
                self.define(result.unwrap(), Reg::Gpr(rd));
            }
            OpKind::GetArrayItem(descr, check) => {
                let m = self.item(pos, a(0), a(1), descr.item_size, *check)?;
                self.load_value(result.unwrap(), descr.item_kind, m, pos)?;
            }
            OpKind::SetArrayItem(descr, check) => {
                let m = self.item(pos, a(0), a(1), descr.item_size, *check)?;
                self.store_value(descr.item_kind, m, a(2), pos)?;
            }
            OpKind::New(info) => self.new_object(pos, info, args, result.unwrap())?,
            _ => unreachable!("not a memory access"),
        }
        Ok(())
    }

    /// `write_barrier object`: an inline test of `gc::BARRIER_CHECKS` (nonzero while a heap
    /// checks barriers, in stress mode), and the call of the GC's hook out of line.
    pub(super) fn write_barrier(&mut self, pos: usize, object: Arg) -> R<()> {
        let ro = self.gpr_of(object, r10, pos)?;
        let (slow, mut back) = (self.a.create_label(), self.a.create_label());
        self.mov_imm(r11, &gc::BARRIER_CHECKS as *const _ as i64)?;
        self.a.cmp(dword_ptr(r11), 0)?;
        self.a.jne(slow)?;
        self.place(&mut back)?;
        self.a.zero_bytes()?;
        let gprs = CALLER_SAVED
            .iter()
            .filter(|&&r| self.regs.owner(Reg::Gpr(r)).is_some())
            .map(|&r| GPR64[r as usize])
            .collect();
        let xmms = (0..NUM_XMMS as u8)
            .filter(|&x| self.regs.owner(Reg::Xmm(x)).is_some())
            .map(|x| XMM[x as usize])
            .collect();
        self.stubs.push(Stub::BarrierSlow {
            label: slow,
            back,
            object: ro,
            gprs,
            xmms,
        });
        Ok(())
    }

    /// An object operand in a register (constants through `scratch`), checked non-null.
    pub(super) fn object(
        &mut self,
        arg: Arg,
        scratch: AsmRegister64,
        pos: usize,
    ) -> R<AsmRegister64> {
        let null = self.panic_label(false);
        match arg {
            Arg::Ref(Some(_)) => {}
            Arg::Ref(None) => self.a.jmp(null)?,
            Arg::Var(v) => {
                let r = self.gpr_of(arg, scratch, pos)?;
                if self.nonnull.insert(v) {
                    self.a.test(r, r)?;
                    self.a.je(null)?;
                }
                return Ok(r);
            }
            _ => unreachable!("an object operand is a reference"),
        }
        self.gpr_of(arg, scratch, pos)
    }

    /// Defines `var` as the value of `kind` at `m`.
    pub(super) fn load_value(
        &mut self,
        var: u32,
        kind: ValueKind,
        m: AsmMemoryOperand,
        pos: usize,
    ) -> R<()> {
        if kind == ValueKind::Float {
            let xd = self.alloc_xmm(pos)?;
            self.a.movsd_2(XMM[xd as usize], m)?;
            self.define(var, Reg::Xmm(xd));
            return Ok(());
        }
        let rd = self.alloc_gpr(pos)?;
        let (r64, r32) = (GPR64[rd as usize], GPR32[rd as usize]);
        match kind {
            ValueKind::Int { bytes, signed } => match (bytes, signed) {
                (1, true) => self.a.movsx(r64, byte_ptr(m))?,
                (1, false) => self.a.movzx(r32, byte_ptr(m))?,
                (2, true) => self.a.movsx(r64, word_ptr(m))?,
                (2, false) => self.a.movzx(r32, word_ptr(m))?,
                (4, true) => self.a.movsxd(r64, dword_ptr(m))?,
                (4, false) => self.a.mov(r32, dword_ptr(m))?,
                _ => self.a.mov(r64, qword_ptr(m))?,
            },
            ValueKind::Bool => {
                self.a.cmp(byte_ptr(m), 0)?;
                self.a.setne(GPR8[rd as usize])?;
                self.a.movzx(r32, GPR8[rd as usize])?;
            }
            ValueKind::Ref => self.a.mov(r64, qword_ptr(m))?,
            ValueKind::Float | ValueKind::Opaque => {
                unreachable!("the builder rejects opaque fields")
            }
        }
        self.define(var, Reg::Gpr(rd));
        Ok(())
    }

    /// Stores `value` of `kind` at `m` (`r11` is free for it).
    pub(super) fn store_value(
        &mut self,
        kind: ValueKind,
        m: AsmMemoryOperand,
        value: Arg,
        pos: usize,
    ) -> R<()> {
        if let (ValueKind::Float, Arg::Var(v)) = (kind, value) {
            if let Some(Reg::Xmm(x)) = self.regs.reg[v as usize] {
                return self.a.movsd_2(qword_ptr(m), XMM[x as usize]);
            }
        }
        let r = match value {
            Arg::Var(v) if !self.regs.is_float(v) => self.gpr_of(value, r11, pos)?,
            _ => {
                self.mov_src(r11, value)?;
                r11
            }
        };
        let i = GPR64.iter().position(|g| *g == r);
        let (w32, w16, w8) = match i {
            Some(i) => (GPR32[i], GPR16[i], GPR8[i]),
            None => (r11d, r11w, r11b),
        };
        match kind {
            ValueKind::Int { bytes: 1, .. } => self.a.mov(byte_ptr(m), w8),
            ValueKind::Int { bytes: 2, .. } => self.a.mov(word_ptr(m), w16),
            ValueKind::Int { bytes: 4, .. } => self.a.mov(dword_ptr(m), w32),
            ValueKind::Bool => {
                // `r` is an allocated register or r11 (the address may use r10).
                self.a.test(r, r)?;
                self.a.setne(r11b)?;
                self.a.mov(byte_ptr(m), r11b)
            }
            ValueKind::Opaque => unreachable!("the builder rejects opaque fields"),
            _ => self.a.mov(qword_ptr(m), r),
        }
    }

    /// The address of item `index` of `array`, bounds-checked unless `check` says the index
    /// was proven in bounds (an exit panics like `item_addr`).
    pub(super) fn item(
        &mut self,
        pos: usize,
        array: Arg,
        index: Arg,
        size: usize,
        check: IndexCheck,
    ) -> R<AsmMemoryOperand> {
        let ra = self.object(array, r10, pos)?;
        let label = self.a.create_label();
        let base = jitgen_core::gc::ARRAY_ITEMS_OFFSET as i32;
        let m = match index {
            Arg::Var(_) if check == IndexCheck::Proven => {
                let ri = self.gpr_of(index, r11, pos)?;
                ra + ri * size as u32 + base
            }
            Arg::Var(_) => {
                let ri = self.gpr_of(index, r11, pos)?;
                self.a.cmp(ri, qword_ptr(ra))?;
                self.a.jae(label)?;
                self.stubs.push(Stub::OutOfBounds {
                    label,
                    op: pos,
                    index: Ok(ri),
                    array: ra,
                });
                ra + ri * size as u32 + base
            }
            constant => {
                let i = const_word(constant) as i64;
                let m = match i32::try_from(i.checked_mul(size as i64).unwrap_or(-1)) {
                    Ok(offset) if i >= 0 && offset < i32::MAX - base => {
                        self.a.cmp(qword_ptr(ra), i as i32)?;
                        self.a.jbe(label)?;
                        ra + (offset + base)
                    }
                    _ => {
                        self.a.jmp(label)?;
                        ra + base
                    }
                };
                self.stubs.push(Stub::OutOfBounds {
                    label,
                    op: pos,
                    index: Err(i),
                    array: ra,
                });
                m
            }
        };
        Ok(m)
    }

    /// `new`: bump allocation from the GC's run for the type's size class (the slow path
    /// out of line), then the fields' stores.
    pub(super) fn new_object(
        &mut self,
        pos: usize,
        info: &'static TypeInfo,
        args: &[Arg],
        var: u32,
    ) -> R<()> {
        let plan = gc::inline_alloc(info).expect("`new` makes objects of a size class");
        let dst = self.bump_allocate(pos, info, info.size, plan, var)?;
        for (field, value) in info.fields.iter().zip(args) {
            self.store_value(field.kind, dst + field.offset as i32, *value, pos)?;
        }
        Ok(())
    }

    /// `GcArray::new(len, fill)` (a call whose descriptor allocates an array) inline, when
    /// `len` is a constant of at most [`MAX_INLINE_ITEMS`] and the array fits a size class:
    /// bump allocation as for `new`, then the length word and each item's store. `false`:
    /// not inline (the call is made).
    pub(super) fn new_array(
        &mut self,
        pos: usize,
        alloc: &AllocDescr,
        args: &[Arg],
        result: Option<u32>,
    ) -> R<bool> {
        let (Some(items), Arg::Int(len), Some(var)) = (&alloc.array, args[0], result) else {
            return Ok(false);
        };
        if !(0..=MAX_INLINE_ITEMS).contains(&len) {
            return Ok(false);
        }
        let size = gc::ARRAY_ITEMS_OFFSET + len as usize * items.item_size;
        let Some(plan) = gc::inline_alloc_sized(alloc.type_info, size) else {
            return Ok(false);
        };
        let dst = self.bump_allocate(pos, alloc.type_info, size, plan, var)?;
        self.a.mov(qword_ptr(dst), len as i32)?;
        for index in 0..len as usize {
            let at = gc::ARRAY_ITEMS_OFFSET + index * items.item_size;
            self.store_value(items.item_kind, dst + at as i32, args[1], pos)?;
        }
        Ok(true)
    }

    /// Allocates an object of `info`, `size` bytes long, by bumping the GC's run `plan`
    /// (the slow path out of line) into a register that becomes `var`'s: the object's
    /// address, its fields for the caller to write.
    fn bump_allocate(
        &mut self,
        pos: usize,
        info: &'static TypeInfo,
        size: usize,
        plan: gc::InlineAlloc,
        var: u32,
    ) -> R<AsmRegister64> {
        let info_addr = info as *const TypeInfo as u64;
        let rd = self.alloc_gpr(pos)?;
        let dst = GPR64[rd as usize];
        let (slow, mut back) = (self.a.create_label(), self.a.create_label());
        self.mov_imm(r11, plan.run as i64)?;
        self.a.mov(dst, qword_ptr(r11))?;
        self.a.lea(r10, qword_ptr(dst + plan.slot_size as i32))?;
        self.a.cmp(r10, qword_ptr(r11 + 8))?;
        self.a.ja(slow)?;
        self.a.mov(qword_ptr(r11), r10)?;
        self.mov_imm(r10, info_addr as i64)?;
        self.a.mov(qword_ptr(dst), r10)?;
        self.a.add(dst, gc::HEADER_SIZE as i32)?;
        self.place(&mut back)?;
        self.a.zero_bytes()?;
        let mut gprs = Vec::new();
        for &r in &CALLER_SAVED {
            if r != rd && self.regs.owner(Reg::Gpr(r)).is_some() {
                gprs.push(GPR64[r as usize]);
            }
        }
        let xmms = (0..NUM_XMMS as u8)
            .filter(|&x| self.regs.owner(Reg::Xmm(x)).is_some())
            .map(|x| XMM[x as usize])
            .collect();
        self.stubs.push(Stub::AllocSlow {
            label: slow,
            back,
            info: info_addr,
            size: size as u64,
            dst,
            gprs,
            xmms,
        });
        self.define(var, Reg::Gpr(rd));
        self.nonnull.insert(var);
        Ok(dst)
    }
}

/// The longest array `GcArray::new` makes inline (each item is one store).
const MAX_INLINE_ITEMS: i64 = 32;
