//! Integer arithmetic: binary ops, shifts, negation, narrowing casts, division (by a constant
//! through a magic multiplication), and the ops with an overflow check.

use super::*;

impl Compiler<'_> {
    /// Truncates `r` to `width` and extends it back (`IntWidth::wrap`).
    pub(super) fn wrap(&mut self, r: u8, width: IntWidth) -> R<()> {
        let r = r as usize;
        match (width.bytes, width.signed) {
            (8, _) => Ok(()),
            (4, true) => self.a.movsxd(GPR64[r], GPR32[r]),
            (4, false) => self.a.mov(GPR32[r], GPR32[r]),
            (2, true) => self.a.movsx(GPR64[r], GPR16[r]),
            (2, false) => self.a.movzx(GPR64[r], GPR16[r]),
            (_, true) => self.a.movsx(GPR64[r], GPR8[r]),
            (_, false) => self.a.movzx(GPR64[r], GPR8[r]),
        }
    }

    /// `op dst, src` for a two-address integer instruction.
    pub(super) fn int_op(&mut self, op: IntBinOp, dst: AsmRegister64, src: Src) -> R<()> {
        macro_rules! emit {
            ($m:ident) => {
                match src {
                    Src::R(r) => self.a.$m(dst, r),
                    Src::M(m) => self.a.$m(dst, mem(m)),
                    Src::I(i) => self.a.$m(dst, i),
                }
            };
        }
        match op {
            IntBinOp::Add => emit!(add),
            IntBinOp::Sub => emit!(sub),
            IntBinOp::And => emit!(and),
            IntBinOp::Or => emit!(or),
            IntBinOp::Xor => emit!(xor),
            IntBinOp::Mul => match src {
                Src::R(r) => self.a.imul_2(dst, r),
                Src::M(m) => self.a.imul_2(dst, mem(m)),
                Src::I(i) => self.a.imul_3(dst, dst, i),
            },
        }
    }

    /// Integer arithmetic: binary ops, shifts, negation and complement, casts, division, ops with an overflow check.
    pub(super) fn int_arith(
        &mut self,
        pos: usize,
        kind: &OpKind,
        args: &[Arg],
        result: Option<u32>,
    ) -> R<()> {
        let a = |i: usize| args[i];
        match kind {
            OpKind::IntBin(o) => {
                let s = self.src(a(1), r10)?;
                let rd = self.dst_gpr(a(0), Some(a(1)), pos)?;
                self.int_op(*o, GPR64[rd as usize], s)?;
                self.define(result.unwrap(), Reg::Gpr(rd));
            }
            OpKind::Shift { op: o, width } => {
                let bits = 8 * width.bytes as u32;
                let rd = match a(1) {
                    Arg::Var(_) => {
                        if let Some(var) = self.regs.owner(Reg::Gpr(RCX)) {
                            self.spill(var)?;
                        }
                        self.regs.lock(Reg::Gpr(RCX));
                        self.mov_src(rcx, a(1))?;
                        if bits < 64 {
                            self.a.and(ecx, (bits - 1) as i32)?;
                        }
                        let rd = self.dst_gpr(a(0), Some(a(1)), pos)?;
                        let r = GPR64[rd as usize];
                        match (o, width.signed) {
                            (ShiftOp::Shl, _) => self.a.shl(r, cl)?,
                            (ShiftOp::Shr, true) => self.a.sar(r, cl)?,
                            (ShiftOp::Shr, false) => self.a.shr(r, cl)?,
                        }
                        rd
                    }
                    amount => {
                        let n = (const_word(amount) as u32 & (bits - 1)) as i32;
                        let rd = self.dst_gpr(a(0), None, pos)?;
                        let r = GPR64[rd as usize];
                        match (o, width.signed) {
                            (ShiftOp::Shl, _) => self.a.shl(r, n)?,
                            (ShiftOp::Shr, true) => self.a.sar(r, n)?,
                            (ShiftOp::Shr, false) => self.a.shr(r, n)?,
                        }
                        rd
                    }
                };
                if *o == ShiftOp::Shl {
                    self.wrap(rd, *width)?;
                }
                self.define(result.unwrap(), Reg::Gpr(rd));
            }
            OpKind::IntUn { not, width } => {
                let rd = self.dst_gpr(a(0), None, pos)?;
                if *not {
                    self.a.not(GPR64[rd as usize])?;
                } else {
                    self.a.neg(GPR64[rd as usize])?;
                }
                self.wrap(rd, *width)?;
                self.define(result.unwrap(), Reg::Gpr(rd));
            }
            OpKind::IntCast(width) => {
                let rd = self.dst_gpr(a(0), None, pos)?;
                self.wrap(rd, *width)?;
                self.define(result.unwrap(), Reg::Gpr(rd));
            }
            OpKind::IntDiv { op: o, width } if matches!(a(1), Arg::Int(d) if d != 0 && d != -1) => {
                // A divisor that can neither be zero nor overflow: inline, in rax:rdx.
                let Arg::Int(divisor) = a(1) else {
                    unreachable!()
                };
                for r in [0, 2] {
                    self.regs.lock(Reg::Gpr(r));
                    if let Some(var) = self.regs.owner(Reg::Gpr(r)) {
                        if !self.lon.dead_after(var, pos) {
                            self.store(var)?;
                        }
                    }
                }
                self.mov_src(rax, a(0))?;
                self.release_all(&[Reg::Gpr(0), Reg::Gpr(2)]);
                if *width == IntWidth::I64 && divisor >= 2 {
                    // Multiply by the divisor's magic number instead of `idiv` (tens of
                    // cycles): the quotient ends in rdx, the remainder in rax.
                    let (magic, shift) = magic_signed(divisor);
                    self.a.mov(r10, rax)?;
                    self.a.mov(r11, magic)?;
                    self.a.imul(r11)?;
                    if magic < 0 {
                        self.a.add(rdx, r10)?;
                    }
                    if shift > 0 {
                        self.a.sar(rdx, shift as u32)?;
                    }
                    self.a.mov(r11, r10)?;
                    self.a.shr(r11, 63u32)?;
                    self.a.add(rdx, r11)?;
                    let quotient = matches!(o, jitgen_core::jitcode::DivOp::Div);
                    if !quotient {
                        self.mov_imm(r11, divisor)?;
                        self.a.imul_2(r11, rdx)?;
                        self.a.mov(rax, r10)?;
                        self.a.sub(rax, r11)?;
                    }
                    self.define(result.unwrap(), Reg::Gpr(if quotient { 2 } else { 0 }));
                    return Ok(());
                }
                self.mov_imm(r11, divisor)?;
                if width.signed {
                    self.a.cqo()?;
                    self.a.idiv(r11)?;
                } else {
                    self.a.xor(edx, edx)?;
                    self.a.div(r11)?;
                }
                let quotient = matches!(o, jitgen_core::jitcode::DivOp::Div);
                self.define(result.unwrap(), Reg::Gpr(if quotient { 0 } else { 2 }));
            }
            OpKind::IntDiv { op: o, width } => {
                let spec = helpers::spec(helpers::div_code(*o), *width);
                let f = helpers::divide as *const () as u64;
                let call_args = [CallArg::Arg(a(0)), CallArg::Arg(a(1)), CallArg::Word(spec)];
                self.helper(pos, f, &call_args, result)?;
                let panic = self.panic_label(true);
                self.a.test(rdx, rdx)?;
                self.a.jne(panic)?;
            }
            OpKind::IntOvf { op: o, width } => {
                if *width == IntWidth::I64 {
                    let s = self.src(a(1), r10)?;
                    let rd = self.dst_gpr(a(0), Some(a(1)), pos)?;
                    let r = GPR64[rd as usize];
                    let bin = match o {
                        OvfOp::Add => IntBinOp::Add,
                        OvfOp::Sub => IntBinOp::Sub,
                        OvfOp::Mul => IntBinOp::Mul,
                    };
                    self.int_op(bin, r, s)?;
                    // The result is 0 on overflow (as the reference backend's); moves keep
                    // the flags for the overflow guard.
                    self.a.mov(r11d, 0u32)?;
                    self.a.cmovo(r, r11)?;
                    self.ovf_cond = Cc::O;
                    self.define(result.unwrap(), Reg::Gpr(rd));
                } else {
                    let spec = helpers::spec(helpers::ovf_code(*o), *width);
                    let f = helpers::checked as *const () as u64;
                    let call_args = [CallArg::Arg(a(0)), CallArg::Arg(a(1)), CallArg::Word(spec)];
                    self.helper(pos, f, &call_args, result)?;
                    self.a.test(rdx, rdx)?;
                    self.ovf_cond = Cc::Ne;
                }
            }
            _ => unreachable!("not integer arithmetic"),
        }
        Ok(())
    }
}

/// The magic number and shift that turn a signed 64-bit division by `divisor` (at least 2)
/// into a multiplication (Hacker's Delight, 10-1): `q = mulhs(n, magic)`, plus `n` if `magic`
/// is negative, shifted right arithmetically by `shift`, plus 1 if `n` is negative.
pub(super) fn magic_signed(divisor: i64) -> (i64, u8) {
    debug_assert!(divisor >= 2);
    const TWO63: u64 = 1 << 63;
    let ad = divisor as u64;
    let anc = TWO63 - 1 - TWO63 % ad;
    let (mut q1, mut r1) = (TWO63 / anc, TWO63 % anc);
    let (mut q2, mut r2) = (TWO63 / ad, TWO63 % ad);
    let mut p = 63u32;
    loop {
        p += 1;
        q1 = q1.wrapping_mul(2);
        r1 = r1.wrapping_mul(2);
        if r1 >= anc {
            q1 = q1.wrapping_add(1);
            r1 = r1.wrapping_sub(anc);
        }
        q2 = q2.wrapping_mul(2);
        r2 = r2.wrapping_mul(2);
        if r2 >= ad {
            q2 = q2.wrapping_add(1);
            r2 = r2.wrapping_sub(ad);
        }
        let delta = ad - r2;
        if !(q1 < delta || (q1 == delta && r1 == 0)) {
            break;
        }
    }
    (q2.wrapping_add(1) as i64, (p - 64) as u8)
}

#[cfg(test)]
mod tests {
    use super::magic_signed;

    /// The division the emitted code performs.
    fn divide_by_magic(n: i64, divisor: i64) -> i64 {
        let (magic, shift) = magic_signed(divisor);
        let mut q = ((i128::from(magic) * i128::from(n)) >> 64) as i64;
        if magic < 0 {
            q = q.wrapping_add(n);
        }
        q >>= shift;
        q + ((n as u64) >> 63) as i64
    }

    #[test]
    fn magic_division_is_division() {
        let mut divisors: Vec<i64> = (2..=2000).collect();
        divisors.extend([
            641,
            6_700_417,
            1 << 32,
            (1 << 40) + 3,
            1 << 62,
            i64::MAX - 1,
            i64::MAX,
        ]);
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut numerators = vec![0, 1, -1, 2, -2, 7, -7, i64::MAX, i64::MIN, i64::MIN + 1];
        for _ in 0..300 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            numerators.push(state as i64);
            numerators.push((state >> (state % 60)) as i64);
        }
        for &d in &divisors {
            for &n in &numerators {
                for n in [
                    n,
                    n.wrapping_add(1),
                    n.wrapping_sub(1),
                    d.wrapping_mul(n % 1000),
                ] {
                    assert_eq!(divide_by_magic(n, d), n / d, "{n} / {d}");
                }
            }
        }
    }
}
