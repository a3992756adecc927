//! bf: a Brainfuck interpreter built with jitgen, the smallest complete client of the
//! framework (`README.md` walks through it).
//!
//! [`program`] parses the source into ops with matched bracket targets and puts them on the
//! GC heap; [`interp`] is the dispatch loop, annotated for the JIT; [`run`] ties them together
//! for the `bf` command and for tests.

// Links the x86 backend: it registers itself as `--jit backend=x86` (the default here).
use jitgen_x86 as _;

pub mod interp;
pub mod program;
pub mod run;
