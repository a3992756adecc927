//! Random toy programs for differential testing of the JIT. [`program`] turns a seed into a
//! program that always terminates quickly and prints what it computes, written the way
//! ordinary programs are: hot, nested and sibling loops, branches that flip after many
//! iterations, polymorphic calls, globals rebound mid-loop, exceptions, recursion, objects,
//! arrays, dicts, floats and strings. [`reduce`] shrinks a program that shows a difference.

mod arith;
mod calls;
mod code;
mod cond;
mod env;
mod expr;
mod gen;
mod program;
mod reduce;
mod risky;
mod rng;
mod stmt;

pub use program::{program, Program};
pub use reduce::reduce;
pub use rng::Rng;
