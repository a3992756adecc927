//! The codewriter analyses over jitcode (design brief §3), built on petgraph:
//!
//! - [`Cfg`]: the basic blocks of one jitcode and their edges; back edges give
//!   [`Cfg::contains_loop`];
//! - [`Liveness`]: which registers are live at every point where the tracer can place a guard
//!   (so resume data saves exactly those);
//! - [`CallGraph`]: calls between registered jitcodes, with strongly connected components, giving
//!   each function's transitive [`Effects`](crate::jitcode::Effects) and whether it is
//!   inlinable (no loop, or `#[unroll_safe]`).

mod callgraph;
mod cfg;
mod liveness;

pub use callgraph::CallGraph;
pub use cfg::{Block, Cfg};
pub use liveness::{LiveSet, Liveness};
