//! The control-flow graph of one jitcode.

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{depth_first_search, DfsEvent};

use crate::jitcode::JitCode;

/// A basic block: instructions `start..end`, entered only at `start`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block {
    /// First instruction.
    pub start: usize,
    /// One past the last instruction.
    pub end: usize,
}

/// The basic blocks of a jitcode (node 0 is the entry) and the jumps between them.
pub struct Cfg {
    /// Blocks as nodes, control transfers as edges.
    pub graph: DiGraph<Block, ()>,
    block_of: Vec<NodeIndex>,
}

impl Cfg {
    /// Builds the CFG of `code`.
    pub fn build(code: &JitCode) -> Cfg {
        let len = code.insns.len();
        let mut leader = vec![false; len + 1];
        leader[0] = true;
        for (pc, insn) in code.insns.iter().enumerate() {
            let targets = insn.targets();
            if !targets.is_empty() || !insn.falls_through() {
                leader[pc + 1] = true;
            }
            for target in targets {
                leader[target.pc()] = true;
            }
        }
        let mut graph = DiGraph::new();
        let mut block_of = Vec::with_capacity(len);
        let mut start = 0;
        for (pc, &is_leader) in leader.iter().enumerate().skip(1) {
            if is_leader {
                let node = graph.add_node(Block { start, end: pc });
                block_of.extend(std::iter::repeat_n(node, pc - start));
                start = pc;
            }
        }
        for node in graph.node_indices().collect::<Vec<_>>() {
            let Block { end, .. } = graph[node];
            let last = &code.insns[end - 1];
            if last.falls_through() && end < len {
                graph.update_edge(node, block_of[end], ());
            }
            for target in last.targets() {
                graph.update_edge(node, block_of[target.pc()], ());
            }
        }
        Cfg { graph, block_of }
    }

    /// The block holding instruction `pc`.
    pub fn block_of(&self, pc: usize) -> NodeIndex {
        self.block_of[pc]
    }

    /// Whether some jump goes back to a block that is still being executed (a loop).
    pub fn contains_loop(&self) -> bool {
        let mut found = false;
        if self.graph.node_count() > 0 {
            depth_first_search(&self.graph, Some(NodeIndex::new(0)), |event| {
                if let DfsEvent::BackEdge(..) = event {
                    found = true;
                }
            });
        }
        found
    }
}
