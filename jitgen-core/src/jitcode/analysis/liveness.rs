//! Register liveness at guard points.

use petgraph::Direction;

use crate::jitcode::analysis::cfg::Cfg;
use crate::jitcode::insn::{ErrorPath, Insn};
use crate::jitcode::{AnyReg, JitCode, Kind, NumRegs};

/// A set of registers of one jitcode, as a bit set (int registers first, then refs, then
/// floats).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiveSet {
    bits: Box<[u64]>,
}

fn bit(num: &NumRegs, reg: AnyReg) -> usize {
    match reg.kind {
        Kind::Int => reg.index as usize,
        Kind::Ref => num.int as usize + reg.index as usize,
        Kind::Float => num.int as usize + num.reference as usize + reg.index as usize,
    }
}

impl LiveSet {
    fn empty(num: &NumRegs) -> LiveSet {
        LiveSet {
            bits: vec![0; num.total().div_ceil(64)].into_boxed_slice(),
        }
    }

    fn insert(&mut self, num: &NumRegs, reg: AnyReg) {
        let b = bit(num, reg);
        self.bits[b / 64] |= 1 << (b % 64);
    }

    fn remove(&mut self, num: &NumRegs, reg: AnyReg) {
        let b = bit(num, reg);
        self.bits[b / 64] &= !(1 << (b % 64));
    }

    /// Adds `other`'s registers; whether anything changed.
    fn union_with(&mut self, other: &LiveSet) -> bool {
        let mut changed = false;
        for (a, b) in self.bits.iter_mut().zip(other.bits.iter()) {
            let new = *a | *b;
            changed |= new != *a;
            *a = new;
        }
        changed
    }

    /// Whether `reg` is in the set (`num` is the jitcode's register counts).
    pub fn contains(&self, num: &NumRegs, reg: AnyReg) -> bool {
        let b = bit(num, reg);
        self.bits[b / 64] & (1 << (b % 64)) != 0
    }

    /// The registers in the set, ints first, then refs, then floats.
    pub fn regs(&self, num: &NumRegs) -> Vec<AnyReg> {
        let mut out = Vec::new();
        for (kind, base, count) in [
            (Kind::Int, 0, num.int),
            (Kind::Ref, num.int as usize, num.reference),
            (
                Kind::Float,
                num.int as usize + num.reference as usize,
                num.float,
            ),
        ] {
            for index in 0..count {
                let b = base + index as usize;
                if self.bits[b / 64] & (1 << (b % 64)) != 0 {
                    out.push(AnyReg { kind, index });
                }
            }
        }
        out
    }
}

/// The registers live on entry to each guard point of a jitcode (branches, calls, guarded
/// operations, promotes, merge points): what resuming there needs.
pub struct Liveness {
    /// Per guard point: its live registers, listed (the tracer reads them at every guard).
    at: Vec<Option<Box<[AnyReg]>>>,
}

/// The register an instruction writes on every path out of it within the function (a call
/// with an error handler and a checked operation leave their destination unwritten on the
/// handler / overflow path, so they kill nothing).
fn unconditional_def(insn: &Insn) -> Option<AnyReg> {
    match insn {
        Insn::CallJitCode {
            error: ErrorPath::Catch(..),
            ..
        }
        | Insn::CallResidual {
            error: ErrorPath::Catch(..),
            ..
        }
        | Insn::IntOvf { .. } => None,
        _ => insn.def(),
    }
}

fn step_back(num: &NumRegs, live: &mut LiveSet, insn: &Insn) {
    if let Some(def) = unconditional_def(insn) {
        live.remove(num, def);
    }
    for reg in insn.uses().iter() {
        live.insert(num, reg);
    }
}

impl Liveness {
    /// Computes liveness for `code` (`cfg` is its CFG).
    pub fn compute(code: &JitCode, cfg: &Cfg) -> Liveness {
        let num = code.num_regs;
        let graph = &cfg.graph;
        let mut live_in: Vec<LiveSet> =
            graph.node_indices().map(|_| LiveSet::empty(&num)).collect();
        let mut changed = true;
        while changed {
            changed = false;
            for node in graph.node_indices().rev() {
                let mut live = LiveSet::empty(&num);
                for succ in graph.neighbors_directed(node, Direction::Outgoing) {
                    live.union_with(&live_in[succ.index()]);
                }
                let block = graph[node];
                for pc in (block.start..block.end).rev() {
                    step_back(&num, &mut live, &code.insns[pc]);
                }
                changed |= live_in[node.index()].union_with(&live);
            }
        }
        let mut at = vec![None; code.insns.len()];
        for node in graph.node_indices() {
            let mut live = LiveSet::empty(&num);
            for succ in graph.neighbors_directed(node, Direction::Outgoing) {
                live.union_with(&live_in[succ.index()]);
            }
            let block = graph[node];
            for pc in (block.start..block.end).rev() {
                let insn = &code.insns[pc];
                step_back(&num, &mut live, insn);
                if insn.is_guard_point() {
                    at[pc] = Some(live.regs(&num).into_boxed_slice());
                }
            }
        }
        Liveness { at }
    }

    /// The registers live on entry to the guard point `pc` (`None` if `pc` is not one).
    pub fn live_regs(&self, pc: usize) -> Option<&[AnyReg]> {
        self.at.get(pc).and_then(Option::as_deref)
    }
}
