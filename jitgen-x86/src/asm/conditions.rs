//! Conditions: x86 condition codes, booleans left in the flags for the next guard (fused),
//! and the ops whose value is a condition (integer and pointer comparisons, null and class
//! tests, boolean negation).

use super::*;

/// An x86 condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Cc {
    E,
    Ne,
    L,
    Le,
    G,
    Ge,
    B,
    Be,
    A,
    Ae,
    O,
    No,
}

impl Cc {
    pub(super) fn negate(self) -> Cc {
        match self {
            Cc::E => Cc::Ne,
            Cc::Ne => Cc::E,
            Cc::L => Cc::Ge,
            Cc::Ge => Cc::L,
            Cc::G => Cc::Le,
            Cc::Le => Cc::G,
            Cc::B => Cc::Ae,
            Cc::Ae => Cc::B,
            Cc::A => Cc::Be,
            Cc::Be => Cc::A,
            Cc::O => Cc::No,
            Cc::No => Cc::O,
        }
    }

    /// The condition with the operands swapped.
    pub(super) fn swap(self) -> Cc {
        match self {
            Cc::L => Cc::G,
            Cc::G => Cc::L,
            Cc::Le => Cc::Ge,
            Cc::Ge => Cc::Le,
            Cc::B => Cc::A,
            Cc::A => Cc::B,
            Cc::Be => Cc::Ae,
            Cc::Ae => Cc::Be,
            other => other,
        }
    }

    pub(super) fn of_cmp(op: IntCmpOp, signed: bool) -> Cc {
        match (op, signed) {
            (IntCmpOp::Eq, _) => Cc::E,
            (IntCmpOp::Ne, _) => Cc::Ne,
            (IntCmpOp::Lt, true) => Cc::L,
            (IntCmpOp::Le, true) => Cc::Le,
            (IntCmpOp::Gt, true) => Cc::G,
            (IntCmpOp::Ge, true) => Cc::Ge,
            (IntCmpOp::Lt, false) => Cc::B,
            (IntCmpOp::Le, false) => Cc::Be,
            (IntCmpOp::Gt, false) => Cc::A,
            (IntCmpOp::Ge, false) => Cc::Ae,
        }
    }
}

/// A boolean variable the next guard consumes without it being materialized.
#[derive(Clone, Copy)]
pub(super) enum Fused {
    /// The flags hold it: true when the condition holds.
    Cc(u32, Cc),
    /// `class_is(object variable, in this register, this type info)`.
    Class(u32, u32, AsmRegister64, i64),
}

impl Fused {
    pub(super) fn var(self) -> u32 {
        match self {
            Fused::Cc(v, _) | Fused::Class(v, _, _, _) => v,
        }
    }
}

impl Compiler<'_> {
    pub(super) fn jcc(&mut self, cc: Cc, label: CodeLabel) -> R<()> {
        match cc {
            Cc::E => self.a.je(label),
            Cc::Ne => self.a.jne(label),
            Cc::L => self.a.jl(label),
            Cc::Le => self.a.jle(label),
            Cc::G => self.a.jg(label),
            Cc::Ge => self.a.jge(label),
            Cc::B => self.a.jb(label),
            Cc::Be => self.a.jbe(label),
            Cc::A => self.a.ja(label),
            Cc::Ae => self.a.jae(label),
            Cc::O => self.a.jo(label),
            Cc::No => self.a.jno(label),
        }
    }

    pub(super) fn setcc(&mut self, cc: Cc, r: AsmRegister8) -> R<()> {
        match cc {
            Cc::E => self.a.sete(r),
            Cc::Ne => self.a.setne(r),
            Cc::L => self.a.setl(r),
            Cc::Le => self.a.setle(r),
            Cc::G => self.a.setg(r),
            Cc::Ge => self.a.setge(r),
            Cc::B => self.a.setb(r),
            Cc::Be => self.a.setbe(r),
            Cc::A => self.a.seta(r),
            Cc::Ae => self.a.setae(r),
            Cc::O => self.a.seto(r),
            Cc::No => self.a.setno(r),
        }
    }

    /// Defines `var` as the boolean of `cc` (flags set by the last instruction).
    pub(super) fn define_cc(&mut self, var: u32, cc: Cc, pos: usize) -> R<()> {
        let rd = self.alloc_gpr(pos)?;
        self.setcc(cc, GPR8[rd as usize])?;
        self.a.movzx(GPR32[rd as usize], GPR8[rd as usize])?;
        self.define(var, Reg::Gpr(rd));
        Ok(())
    }

    /// Whether the boolean `var` defined at `pos` can be left for the next op (past any
    /// `debug_merge_point`, which emits nothing), a guard on it and its only reader (its
    /// resume data may read it: a failure tells its value).
    pub(super) fn fusable(&self, var: u32, pos: usize) -> bool {
        let mut later = self.trace.ops[pos + 1..].iter();
        let next = later.find(|n| !matches!(n.kind, OpKind::DebugMergePoint(_)));
        next.is_some_and(|n| {
            matches!(n.kind, OpKind::GuardTrue | OpKind::GuardFalse) && n.args[0] == Arg::Var(var)
        }) && self.lon.use_count(var) == 1
    }

    /// Defines `var` as the boolean of `cc`, or leaves the flags for the next guard.
    pub(super) fn define_or_fuse(&mut self, var: u32, cc: Cc, pos: usize) -> R<()> {
        if self.fusable(var, pos) {
            self.fused = Some(Fused::Cc(var, cc));
            Ok(())
        } else {
            self.define_cc(var, cc, pos)
        }
    }

    /// `cmp a, b` on words: the condition to use is `cc` (swapped if the operands were).
    pub(super) fn compare(&mut self, a: Arg, b: Arg, cc: Cc) -> R<Cc> {
        let (a, b, cc) = if a.is_const() && !b.is_const() {
            (b, a, cc.swap())
        } else {
            (a, b, cc)
        };
        let sa = self.src(a, r11)?;
        let sa = match sa {
            Src::R(r) => r,
            Src::M(m) => {
                // Compare the slot directly against a register or immediate operand.
                let sb = self.src(b, r10)?;
                match sb {
                    Src::R(r) => self.a.cmp(mem(m), r)?,
                    Src::I(i) => self.a.cmp(mem(m), i)?,
                    Src::M(m2) => {
                        self.a.mov(r11, mem(m))?;
                        self.a.cmp(r11, mem(m2))?;
                    }
                }
                return Ok(cc);
            }
            Src::I(i) => {
                self.mov_imm(r11, i as i64)?;
                r11
            }
        };
        match self.src(b, r10)? {
            Src::R(r) => self.a.cmp(sa, r)?,
            Src::M(m) => self.a.cmp(sa, mem(m))?,
            Src::I(0) => self.a.test(sa, sa)?,
            Src::I(i) => self.a.cmp(sa, i)?,
        }
        Ok(cc)
    }

    /// Sets ZF if the word of `arg` is zero.
    pub(super) fn test_zero(&mut self, arg: Arg) -> R<()> {
        match self.src(arg, r11)? {
            Src::R(r) => self.a.test(r, r),
            Src::M(m) => self.a.cmp(mem(m), 0),
            Src::I(i) => {
                self.mov_imm(r11, i as i64)?;
                self.a.test(r11, r11)
            }
        }
    }

    /// An op whose value is a condition: an integer or pointer comparison, a test for null, a class test, a boolean negation.
    pub(super) fn condition(
        &mut self,
        pos: usize,
        kind: &OpKind,
        args: &[Arg],
        result: Option<u32>,
    ) -> R<()> {
        let a = |i: usize| args[i];
        match kind {
            OpKind::IntCmp { op: o, signed } => {
                let cc = self.compare(a(0), a(1), Cc::of_cmp(*o, *signed))?;
                self.define_or_fuse(result.unwrap(), cc, pos)?;
            }
            OpKind::BoolNot => {
                self.test_zero(a(0))?;
                self.define_or_fuse(result.unwrap(), Cc::E, pos)?;
            }
            OpKind::PtrEq { negate } => {
                let cc = self.compare(a(0), a(1), if *negate { Cc::Ne } else { Cc::E })?;
                self.define_or_fuse(result.unwrap(), cc, pos)?;
            }
            OpKind::IsNull => {
                self.test_zero(a(0))?;
                self.define_or_fuse(result.unwrap(), Cc::E, pos)?;
            }
            OpKind::ClassIs(info) => {
                let var = result.unwrap();
                let info_addr = *info as *const _ as usize as i64;
                match a(0) {
                    Arg::Var(object) if self.fusable(var, pos) => {
                        let ro = self.gpr_of(a(0), r10, pos)?;
                        self.fused = Some(Fused::Class(var, object, ro, info_addr));
                    }
                    Arg::Var(_) => {
                        let ro = self.gpr_of(a(0), r10, pos)?;
                        let rd = self.alloc_gpr(pos)?;
                        let mut done = self.a.create_label();
                        self.a.xor(GPR32[rd as usize], GPR32[rd as usize])?;
                        self.a.test(ro, ro)?;
                        self.a.je(done)?;
                        self.mov_imm(r11, info_addr)?;
                        self.a.cmp(qword_ptr(ro - 8), r11)?;
                        self.a.sete(GPR8[rd as usize])?;
                        self.place(&mut done)?;
                        self.a.zero_bytes()?;
                        self.define(var, Reg::Gpr(rd));
                    }
                    constant => {
                        let is = match constant {
                            Arg::Ref(Some(r)) => std::ptr::eq(r.type_info(), *info),
                            _ => false,
                        };
                        let rd = self.alloc_gpr(pos)?;
                        self.a.mov(GPR64[rd as usize], is as i64)?;
                        self.define(var, Reg::Gpr(rd));
                    }
                }
            }
            _ => unreachable!("not a condition"),
        }
        Ok(())
    }
}
