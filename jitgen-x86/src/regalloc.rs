//! Register allocation: longevity-based greedy forward allocation (as in RPython's x86
//! backend). [`Longevity`] knows every use of every variable (its operands, the variables a
//! guard's resume data reads, the jump's arguments); [`Regs`] tracks where each variable is
//! now: in a register, in its stack slot, or both. A register is freed at its variable's
//! last use; when every register is taken, the variable whose next use is farthest away is
//! spilled to its slot. The code emission itself is `asm`'s.

use jitgen_core::jitcode::Kind;
use jitgen_core::trace::{Arg, TraceLoop};

/// General-purpose registers the allocator hands out (iced register numbers are looked up
/// in `asm`): rax, rcx, rdx, rbx, rsi, rdi, r8, r9, r12, r13, r14, r15. `rbp` is the frame
/// pointer, `r10`/`r11` are scratch.
pub(crate) const NUM_GPRS: usize = 12;
/// XMM registers the allocator hands out: xmm0..xmm14 (xmm15 is scratch).
pub(crate) const NUM_XMMS: usize = 15;
/// The allocatable GPRs that survive calls (rbx, r12..r15), tried first.
const CALLEE_SAVED: [u8; 5] = [3, 8, 9, 10, 11];
/// The allocatable GPRs a call clobbers.
pub(crate) const CALLER_SAVED: [u8; 7] = [0, 1, 2, 4, 5, 6, 7];

/// A register of either class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reg {
    /// General-purpose register (index into the allocatable list).
    Gpr(u8),
    /// XMM register.
    Xmm(u8),
}

/// Where a value is: a register or a frame slot at `rbp + offset`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Loc {
    /// In a register.
    Reg(Reg),
    /// In the frame, at this offset from `rbp`.
    Slot(i32),
}

/// When each variable is used.
pub(crate) struct Longevity {
    /// The op indices that read each variable, ascending.
    uses: Vec<Vec<usize>>,
}

impl Longevity {
    /// The uses of every variable of `trace`.
    pub(crate) fn new(trace: &TraceLoop) -> Longevity {
        let mut uses = vec![Vec::new(); trace.kinds.len()];
        for (pos, op) in trace.ops.iter().enumerate() {
            let mut read = |arg: &Arg| {
                if let Arg::Var(v) = arg {
                    let list: &mut Vec<usize> = &mut uses[*v as usize];
                    if list.last() != Some(&pos) {
                        list.push(pos);
                    }
                }
            };
            op.args.iter().for_each(&mut read);
            for var in resume_vars(op) {
                read(&Arg::Var(var));
            }
        }
        // A peeled loop's final jump goes back to its label: what is defined before the
        // label and read after it lives until that jump.
        if let Some(label) = trace.label() {
            let jump = trace.ops.len() - 1;
            let mut defined_before = vec![false; trace.kinds.len()];
            for &input in &trace.inputs {
                defined_before[input as usize] = true;
            }
            for op in &trace.ops[..label] {
                if let Some(v) = op.result {
                    defined_before[v as usize] = true;
                }
            }
            for (var, list) in uses.iter_mut().enumerate() {
                let read_after = list.last().is_some_and(|&last| last >= label);
                if defined_before[var] && read_after && list.last() != Some(&jump) {
                    list.push(jump);
                }
            }
        }
        Longevity { uses }
    }

    /// The last op reading `var`, if any.
    pub(crate) fn last_use(&self, var: u32) -> Option<usize> {
        self.uses[var as usize].last().copied()
    }

    /// The first op after `pos` reading `var` (`usize::MAX` if none).
    pub(crate) fn next_use(&self, var: u32, pos: usize) -> usize {
        let list = &self.uses[var as usize];
        let i = list.partition_point(|&p| p <= pos);
        list.get(i).copied().unwrap_or(usize::MAX)
    }

    /// How many ops read `var`.
    pub(crate) fn use_count(&self, var: u32) -> usize {
        self.uses[var as usize].len()
    }

    /// Whether `var` is read by nothing after `pos`.
    pub(crate) fn dead_after(&self, var: u32, pos: usize) -> bool {
        self.last_use(var).is_none_or(|last| last <= pos)
    }
}

/// The variables a guard's resume data reads (deduplicated, ascending), or a `finish`'s
/// operand: the values its exit saves, and so the only ones a bridge from it can take as
/// inputs.
pub(crate) fn resume_vars(op: &jitgen_core::trace::Op) -> Vec<u32> {
    if let jitgen_core::trace::OpKind::Finish { .. } = op.kind {
        // What a `finish` hands over: its operand.
        return op
            .args
            .iter()
            .filter_map(|a| match a {
                jitgen_core::trace::Arg::Var(v) => Some(*v),
                _ => None,
            })
            .collect();
    }
    op.resume
        .as_ref()
        .map_or_else(Vec::new, |resume| resume.vars())
}

/// The register state while a trace is compiled.
pub(crate) struct Regs {
    /// The variable in each GPR.
    pub(crate) gpr: [Option<u32>; NUM_GPRS],
    /// The variable in each XMM register.
    pub(crate) xmm: [Option<u32>; NUM_XMMS],
    /// The register each variable is in.
    pub(crate) reg: Vec<Option<Reg>>,
    /// Whether each variable's slot holds its value.
    pub(crate) in_slot: Vec<bool>,
    /// Registers the current op reads or writes: not to be taken from it.
    locked: Vec<Reg>,
    /// Each variable's kind.
    kinds: Vec<Kind>,
}

impl Regs {
    /// No variable anywhere yet.
    pub(crate) fn new(kinds: &[Kind]) -> Regs {
        Regs {
            gpr: [None; NUM_GPRS],
            xmm: [None; NUM_XMMS],
            reg: vec![None; kinds.len()],
            in_slot: vec![false; kinds.len()],
            locked: Vec::new(),
            kinds: kinds.to_vec(),
        }
    }

    /// The register class of a variable's kind.
    pub(crate) fn is_float(&self, var: u32) -> bool {
        self.kinds[var as usize] == Kind::Float
    }

    /// Puts `var` in `reg` (which must be free).
    pub(crate) fn assign(&mut self, var: u32, reg: Reg) {
        match reg {
            Reg::Gpr(r) => self.gpr[r as usize] = Some(var),
            Reg::Xmm(r) => self.xmm[r as usize] = Some(var),
        }
        self.reg[var as usize] = Some(reg);
    }

    /// Takes `var` out of its register (if any).
    pub(crate) fn release(&mut self, var: u32) {
        match self.reg[var as usize].take() {
            Some(Reg::Gpr(r)) => self.gpr[r as usize] = None,
            Some(Reg::Xmm(r)) => self.xmm[r as usize] = None,
            None => {}
        }
    }

    /// The variable in `reg`.
    pub(crate) fn owner(&self, reg: Reg) -> Option<u32> {
        match reg {
            Reg::Gpr(r) => self.gpr[r as usize],
            Reg::Xmm(r) => self.xmm[r as usize],
        }
    }

    /// Keeps `reg` for the current op.
    pub(crate) fn lock(&mut self, reg: Reg) {
        self.locked.push(reg);
    }

    /// The current op is done.
    pub(crate) fn unlock_all(&mut self) {
        self.locked.clear();
    }

    /// Whether `reg` is kept for the current op.
    pub(crate) fn is_locked(&self, reg: Reg) -> bool {
        self.locked.contains(&reg)
    }

    /// A free, unlocked register of the class (callee-saved GPRs first), or else the unlocked
    /// register whose variable is next used farthest from `pos` (to be spilled by the
    /// caller): `(register, its variable if it must be spilled)`.
    pub(crate) fn choose(
        &self,
        float: bool,
        pos: usize,
        longevity: &Longevity,
    ) -> (Reg, Option<u32>) {
        let candidates: Vec<Reg> = if float {
            (0..NUM_XMMS as u8).map(Reg::Xmm).collect()
        } else {
            CALLEE_SAVED
                .iter()
                .chain(CALLER_SAVED.iter())
                .map(|&r| Reg::Gpr(r))
                .collect()
        };
        let unlocked = candidates.into_iter().filter(|r| !self.is_locked(*r));
        let mut victim: Option<(usize, Reg, u32)> = None;
        for reg in unlocked {
            match self.owner(reg) {
                None => return (reg, None),
                Some(var) => {
                    let next = longevity.next_use(var, pos);
                    if victim.is_none_or(|(n, _, _)| next > n) {
                        victim = Some((next, reg, var));
                    }
                }
            }
        }
        let (_, reg, var) = victim.expect("jitgen-x86: every register is locked");
        (reg, Some(var))
    }
}
