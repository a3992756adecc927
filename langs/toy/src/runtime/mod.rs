//! The toy runtime: values on the jitgen GC heap and the interpreter that runs bytecode.
//!
//! - `objects`: the value types and the interpreter's own objects (code, frames, context);
//! - `values`, `arith`, `format`: what operations do to values;
//! - `builtins`: `print`, `len`, ...;
//! - `load`: a compiled program onto the heap;
//! - `instance`: instances and their maps (hidden classes);
//! - `frame`, `interp`: frames and the dispatch loop, annotated for the JIT.

pub mod arith;
pub mod builtins;
pub mod format;
pub mod frame;
pub mod instance;
pub mod interp;
pub mod load;
pub mod objects;
pub mod values;
