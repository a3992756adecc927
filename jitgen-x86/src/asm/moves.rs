//! Moves between locations (registers, frame slots, constants), and parallel moves that
//! break cycles through scratch registers.

use super::*;

/// The source of a move.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(super) enum Move {
    From(Loc),
    Const(u64),
    /// `r11` (a word saved to break a cycle).
    ScratchGpr,
    /// `xmm15` (a float saved to break a cycle).
    ScratchXmm,
}

impl Compiler<'_> {
    /// Performs `moves` (destination, source) as if all at once, with `r11`/`xmm15` to break
    /// cycles and `r10` for memory-to-memory moves.
    pub(super) fn parallel_move(&mut self, mut pending: Vec<(Loc, Move)>) -> R<()> {
        while !pending.is_empty() {
            let ready = (0..pending.len()).find(|&i| {
                let dst = Move::From(pending[i].0);
                !pending
                    .iter()
                    .enumerate()
                    .any(|(j, (_, s))| j != i && *s == dst)
            });
            match ready {
                Some(i) => {
                    let (dst, src) = pending.remove(i);
                    self.emit_move(dst, src)?;
                }
                None => {
                    // Every destination is still to be read: save one to a scratch register.
                    let saved = pending[0].0;
                    let tmp = match saved {
                        Loc::Reg(Reg::Xmm(x)) => {
                            self.a.movapd(xmm15, XMM[x as usize])?;
                            Move::ScratchXmm
                        }
                        Loc::Reg(Reg::Gpr(r)) => {
                            self.a.mov(r11, GPR64[r as usize])?;
                            Move::ScratchGpr
                        }
                        Loc::Slot(s) => {
                            self.a.mov(r11, mem(s))?;
                            Move::ScratchGpr
                        }
                    };
                    for (_, src) in pending.iter_mut() {
                        if *src == Move::From(saved) {
                            *src = tmp;
                        }
                    }
                }
            }
        }
        Ok(())
    }

    pub(super) fn emit_move(&mut self, dst: Loc, src: Move) -> R<()> {
        match dst {
            Loc::Reg(Reg::Gpr(r)) => {
                let d = GPR64[r as usize];
                match src {
                    Move::From(Loc::Reg(Reg::Gpr(s))) => self.a.mov(d, GPR64[s as usize]),
                    Move::From(Loc::Reg(Reg::Xmm(x))) => self.a.movq(d, XMM[x as usize]),
                    Move::From(Loc::Slot(m)) => self.a.mov(d, mem(m)),
                    Move::Const(w) => self.mov_imm(d, w as i64),
                    Move::ScratchGpr => self.a.mov(d, r11),
                    Move::ScratchXmm => self.a.movq(d, xmm15),
                }
            }
            Loc::Reg(Reg::Xmm(x)) => {
                let d = XMM[x as usize];
                match src {
                    Move::From(Loc::Reg(Reg::Xmm(s))) => self.a.movapd(d, XMM[s as usize]),
                    Move::From(Loc::Reg(Reg::Gpr(s))) => self.a.movq(d, GPR64[s as usize]),
                    Move::From(Loc::Slot(m)) => self.a.movsd_2(d, mem(m)),
                    Move::Const(w) => {
                        self.mov_imm(r10, w as i64)?;
                        self.a.movq(d, r10)
                    }
                    Move::ScratchGpr => self.a.movq(d, r11),
                    Move::ScratchXmm => self.a.movapd(d, xmm15),
                }
            }
            Loc::Slot(m) => match src {
                Move::From(Loc::Reg(Reg::Gpr(s))) => self.a.mov(mem(m), GPR64[s as usize]),
                Move::From(Loc::Reg(Reg::Xmm(x))) => self.a.movsd_2(mem(m), XMM[x as usize]),
                Move::From(Loc::Slot(s)) => {
                    self.a.mov(r10, mem(s))?;
                    self.a.mov(mem(m), r10)
                }
                Move::Const(w) if fits_i32(w as i64) => self.a.mov(mem(m), w as i64 as i32),
                Move::Const(w) => {
                    self.mov_imm(r10, w as i64)?;
                    self.a.mov(mem(m), r10)
                }
                Move::ScratchGpr => self.a.mov(mem(m), r11),
                Move::ScratchXmm => self.a.movsd_2(mem(m), xmm15),
            },
        }
    }
}
