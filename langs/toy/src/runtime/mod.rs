//! The toy runtime: values on the jitgen GC heap and the interpreter that runs bytecode.
//!
//! - `objects`: the value types and the interpreter's own objects (code, frames, context);
//! - `values`, `arith`, `format`: what operations do to values;
//! - `builtins`: `print`, `len`, ...; `math` (staged math functions), `text` (string
//!   built-ins and `in`), `dict` (dicts);
//! - `load`: a compiled program onto the heap;
//! - `instance`: instances and their maps (hidden classes);
//! - `frame`, `interp`: frames and the dispatch loop, annotated for the JIT.

pub mod arith;
pub mod builtins;
pub mod dict;
pub mod format;
pub mod frame;
pub mod instance;
pub mod interp;
pub mod load;
pub mod math;
pub mod objects;
pub mod text;
pub mod values;
