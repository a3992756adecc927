//! toy: a small dynamically typed language, the test-bed and tutorial of jitgen.
//!
//! Source text is compiled by the [`frontend`] into [`bytecode`]; the [`runtime`] loads it
//! onto the jitgen GC heap and runs it with an interpreter annotated for the JIT; [`run`]
//! ties these together for the `toy` command and for tests ([`interrupt`]: the command's
//! Ctrl-C). `LANGUAGE.md` is the reference.

// Links the x86 backend: it registers itself as `--jit backend=x86` (the default here).
use jitgen_x86 as _;

pub mod bytecode;
pub mod frontend;
pub mod interrupt;
pub mod run;
pub mod runtime;
