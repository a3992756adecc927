//! jitpy: a Python 3 implementation built with jitgen (design brief §8).
//!
//! Not started yet: this crate holds the place the design gives it in the workspace. Its
//! front end (ruff_python_parser), compiler, bytecode, object model and CLI come with the
//! jitpy issues, built on the runtime that `jitgen-core` provides.
