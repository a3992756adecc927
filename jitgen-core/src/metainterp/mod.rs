//! The meta-interpreter: hot-loop detection, tracing, running compiled loops, and resuming in
//! the blackhole interpreter when a guard fails.

pub mod assembler;
pub(crate) mod counters;
pub(crate) mod spare;
pub mod tracer;
pub(crate) mod vable;
pub mod warmup;
