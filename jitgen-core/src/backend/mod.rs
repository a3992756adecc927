//! Backends: what turns a trace into something that runs. The reference backend interprets
//! the trace IR; the x86-64 backend lives in the `jitgen-x86` crate.

pub mod reference;
