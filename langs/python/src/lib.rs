//! jitpy: Python 3.11 built with jitgen (design brief §8).
//!
//! Source text goes through the [`front`] end (ruff's parser, converted to jitpy's own
//! syntax tree; the symbol table; the compiler) into [`bytecode`]; the [`runtime`] loads
//! it onto jitgen's GC heap and runs it with an interpreter annotated for the JIT; [`run`]
//! ties these together for the `jitpy` command and for tests, [`repl`] is the interactive
//! prompt.

pub mod bytecode;
pub mod front;
pub mod repl;
pub mod run;
pub mod runtime;

// Links the x86 backend: it registers itself as `--jit backend=x86`.
use jitgen_x86 as _;
