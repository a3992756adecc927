//! jitgen's x86-64 backend.
//!
//! This crate will turn optimized traces into machine code with iced-x86 (design brief §7).
//! It is an empty skeleton until the tracing issue gives it traces to compile; it exists now so
//! that the workspace layout and the dependency direction (`jitgen-x86` -> `jitgen-core`, never
//! the other way) are fixed from the start.
