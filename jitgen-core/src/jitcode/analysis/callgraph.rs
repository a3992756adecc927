//! The call graph across registered jitcodes: transitive effects and inlinability.

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use crate::jitcode::analysis::cfg::Cfg;
use crate::jitcode::descr::Effects;
use crate::jitcode::insn::Insn;
use crate::jitcode::registry::{JitCodeId, Registry};
use crate::jitcode::JitCode;

/// Calls between the jitcodes of a registry, with what each function may do transitively.
pub struct CallGraph {
    /// Node `n` is `JitCodeId(n)`; an edge is a `call_jitcode`.
    pub graph: DiGraph<JitCodeId, ()>,
    effects: Vec<Effects>,
    contains_loop: Vec<bool>,
    inlinable: Vec<bool>,
    scc: Vec<usize>,
    scc_sizes: Vec<usize>,
}

/// What `code` does by itself (its residual calls included, its jitcode calls not).
fn local_effects(code: &JitCode) -> Effects {
    let mut effects = Effects::none();
    for insn in &code.insns {
        match insn {
            Insn::GetField { field, .. } => {
                effects.reads_fields.insert(*field);
            }
            Insn::SetField { field, .. } => {
                effects.writes_fields.insert(*field);
            }
            Insn::GetArrayItem { descr, .. } => {
                effects.reads_arrays.insert(*descr);
            }
            Insn::SetArrayItem { descr, .. } => {
                effects.writes_arrays.insert(*descr);
            }
            Insn::CallResidual { descr, .. } => {
                effects.union_with(&code.call_descrs[*descr as usize].effects);
            }
            Insn::ReturnErr(_) => effects.can_raise = true,
            _ => {}
        }
    }
    effects
}

impl CallGraph {
    /// Builds (and so builds every jitcode of) `registry` and analyses it.
    pub fn build(registry: &Registry) -> CallGraph {
        let codes: Vec<_> = registry.ids().map(|id| registry.get(id)).collect();
        let mut graph = DiGraph::new();
        for id in registry.ids() {
            graph.add_node(id);
        }
        let mut contains_loop = Vec::with_capacity(codes.len());
        for (caller, code) in codes.iter().enumerate() {
            for insn in &code.insns {
                if let Insn::CallJitCode { callee, .. } = insn {
                    graph.update_edge(
                        NodeIndex::new(caller),
                        NodeIndex::new(callee.0 as usize),
                        (),
                    );
                }
            }
            contains_loop.push(Cfg::build(code).contains_loop());
        }
        let local: Vec<Effects> = codes.iter().map(|code| local_effects(code)).collect();
        let mut effects = vec![Effects::none(); codes.len()];
        let mut scc = vec![0; codes.len()];
        let mut scc_sizes = Vec::new();
        // Tarjan yields components callees-first, so successors are final when reached.
        for (index, component) in tarjan_scc(&graph).into_iter().enumerate() {
            let mut total = Effects::none();
            for node in &component {
                scc[node.index()] = index;
                total.union_with(&local[node.index()]);
            }
            for node in &component {
                for succ in graph.neighbors(*node) {
                    if !component.contains(&succ) {
                        total.union_with(&effects[succ.index()]);
                    }
                }
            }
            for node in &component {
                effects[node.index()] = total.clone();
            }
            scc_sizes.push(component.len());
        }
        let inlinable = registry
            .ids()
            .map(|id| !contains_loop[id.0 as usize] || registry.is_unroll_safe(id))
            .collect();
        CallGraph {
            graph,
            effects,
            contains_loop,
            inlinable,
            scc,
            scc_sizes,
        }
    }

    /// Everything `id` may do, through every call it makes.
    pub fn effects(&self, id: JitCodeId) -> &Effects {
        &self.effects[id.0 as usize]
    }

    /// Whether `id`'s own code contains a loop.
    pub fn contains_loop(&self, id: JitCodeId) -> bool {
        self.contains_loop[id.0 as usize]
    }

    /// Whether the tracer may inline `id` (no loop, or `#[unroll_safe]`); otherwise it is
    /// called residually.
    pub fn is_inlinable(&self, id: JitCodeId) -> bool {
        self.inlinable[id.0 as usize]
    }

    /// Whether `a` and `b` are in the same strongly connected component (mutually recursive).
    pub fn same_scc(&self, a: JitCodeId, b: JitCodeId) -> bool {
        self.scc[a.0 as usize] == self.scc[b.0 as usize]
    }

    /// Whether `id` can call itself, directly or through others.
    pub fn is_recursive(&self, id: JitCodeId) -> bool {
        let node = NodeIndex::new(id.0 as usize);
        self.scc_sizes[self.scc[id.0 as usize]] > 1 || self.graph.contains_edge(node, node)
    }
}
