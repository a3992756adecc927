//! Float ops: arithmetic, comparisons (false when unordered), sign masks, square roots and
//! conversions between integers and floats.

use super::*;

impl Compiler<'_> {
    /// Float arithmetic and comparisons, and conversions between integers and floats.
    pub(super) fn float_op(
        &mut self,
        pos: usize,
        kind: &OpKind,
        args: &[Arg],
        result: Option<u32>,
    ) -> R<()> {
        let a = |i: usize| args[i];
        match kind {
            OpKind::FloatBin(FloatBinOp::Rem) => {
                let f = helpers::float_rem as *const () as u64;
                self.helper(pos, f, &[CallArg::Arg(a(0)), CallArg::Arg(a(1))], result)?;
            }
            OpKind::FloatBin(o) => {
                let s = self.fsrc(a(1))?;
                let xi = self.dst_xmm(a(0), Some(a(1)), pos)?;
                let xd = XMM[xi as usize];
                macro_rules! emit {
                    ($m:ident) => {
                        match s {
                            FSrc::X(x) => self.a.$m(xd, x)?,
                            FSrc::M(m) => self.a.$m(xd, mem(m))?,
                        }
                    };
                }
                match o {
                    FloatBinOp::Add => emit!(addsd),
                    FloatBinOp::Sub => emit!(subsd),
                    FloatBinOp::Mul => emit!(mulsd),
                    FloatBinOp::Div => emit!(divsd),
                    FloatBinOp::Rem => unreachable!("a helper call"),
                }
                self.define(result.unwrap(), Reg::Xmm(xi));
            }
            OpKind::FloatCmp(o) => {
                // `ucomisd x, y` then "above" / "above or equal": false when unordered.
                let (x, y, cc) = match o {
                    FloatCmpOp::Lt => (a(1), a(0), Cc::A),
                    FloatCmpOp::Le => (a(1), a(0), Cc::Ae),
                    FloatCmpOp::Gt => (a(0), a(1), Cc::A),
                    FloatCmpOp::Ge => (a(0), a(1), Cc::Ae),
                    FloatCmpOp::Eq | FloatCmpOp::Ne => (a(0), a(1), Cc::E),
                };
                let xr = match x {
                    Arg::Var(v) => match self.load(v, pos)? {
                        Reg::Xmm(r) => XMM[r as usize],
                        Reg::Gpr(_) => unreachable!(),
                    },
                    _ => {
                        let t = self.alloc_xmm(pos)?;
                        self.mov_imm(r11, const_word(x) as i64)?;
                        self.a.movq(XMM[t as usize], r11)?;
                        XMM[t as usize]
                    }
                };
                match self.fsrc(y)? {
                    FSrc::X(yr) => self.a.ucomisd(xr, yr)?,
                    FSrc::M(m) => self.a.ucomisd(xr, mem(m))?,
                }
                let rd = self.alloc_gpr(pos)?;
                let b8 = GPR8[rd as usize];
                match o {
                    FloatCmpOp::Eq => {
                        self.a.sete(b8)?;
                        self.a.setnp(r11b)?;
                        self.a.and(b8, r11b)?;
                    }
                    FloatCmpOp::Ne => {
                        self.a.setne(b8)?;
                        self.a.setp(r11b)?;
                        self.a.or(b8, r11b)?;
                    }
                    _ => self.setcc(cc, b8)?,
                }
                self.a.movzx(GPR32[rd as usize], b8)?;
                self.define(result.unwrap(), Reg::Gpr(rd));
            }
            OpKind::FloatUn(o) => {
                let xd = self.dst_xmm(a(0), None, pos)?;
                let x = XMM[xd as usize];
                // The sign bit flipped or cleared through a mask.
                let mut masked = |mask: u64| -> R<()> {
                    self.mov_imm(r11, mask as i64)?;
                    self.a.movq(xmm15, r11)?;
                    Ok(())
                };
                match o {
                    FloatUnOp::Neg => {
                        masked(1 << 63)?;
                        self.a.xorpd(x, xmm15)?
                    }
                    FloatUnOp::Abs => {
                        masked(!(1 << 63))?;
                        self.a.andpd(x, xmm15)?
                    }
                    FloatUnOp::Sqrt => self.a.sqrtsd(x, x)?,
                }
                self.define(result.unwrap(), Reg::Xmm(xd));
            }
            OpKind::IntToFloat(width) => {
                if !width.signed {
                    // `x as u64 as f64` of the whole word (`eval::int_to_float`).
                    let f = helpers::u64_to_float as *const () as u64;
                    self.helper(pos, f, &[CallArg::Arg(a(0))], result)?;
                } else {
                    // `x as f64` of the signed word.
                    let s = self.src(a(0), r11)?;
                    let xd = self.alloc_xmm(pos)?;
                    let x = XMM[xd as usize];
                    self.a.xorpd(x, x)?;
                    match s {
                        Src::R(r) => self.a.cvtsi2sd(x, r)?,
                        Src::M(m) => self.a.cvtsi2sd(x, mem(m))?,
                        Src::I(i) => {
                            self.mov_imm(r11, i as i64)?;
                            self.a.cvtsi2sd(x, r11)?;
                        }
                    }
                    self.define(result.unwrap(), Reg::Xmm(xd));
                }
            }
            OpKind::FloatToInt(width) => {
                let spec = helpers::spec(0, *width);
                let f = helpers::float_to_int as *const () as u64;
                self.helper(pos, f, &[CallArg::Arg(a(0)), CallArg::Word(spec)], result)?;
            }
            _ => unreachable!("not a float op"),
        }
        Ok(())
    }
}
