//! The front end: source text to bytecode. [`parse`] (the only user of the parser crate)
//! builds jitpy's syntax tree ([`ast`]), [`future`] reads the `__future__` directives,
//! [`symtable`] places every name (private names mangled by [`mangle`]), [`compiler`]
//! (with [`fold`]) emits the code objects. Every problem is a [`CompileError`].

pub mod ast;
pub mod compiler;
pub mod error;
pub mod fold;
pub mod future;
pub mod mangle;
pub mod parse;
pub mod symtable;

use crate::bytecode::CodeUnit;
pub use error::CompileError;

/// What a source text is compiled as: `compile()`'s `mode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A module: statements (`'exec'`).
    Exec,
    /// One expression whose value the code returns (`'eval'`).
    Eval,
    /// An interactive input: module-level expression statements print their values
    /// (`'single'`).
    Single,
}

/// Compiles a module's source text to its top-level code object.
pub fn compile(source: &str) -> Result<CodeUnit, CompileError> {
    compile_as(source, Mode::Exec)
}

/// Compiles one input of the interactive prompt: like a module, but module-level
/// expression statements print their values.
pub fn compile_interactive(source: &str) -> Result<CodeUnit, CompileError> {
    compile_as(source, Mode::Single)
}

/// Compiles `source` as `mode` says.
pub fn compile_as(source: &str, mode: Mode) -> Result<CodeUnit, CompileError> {
    let module = match mode {
        Mode::Eval => vec![parse::parse_expression(source)?],
        Mode::Exec | Mode::Single => parse::parse_module(source)?,
    };
    let future = future::directives(&module)?;
    let table = symtable::build(&module)?;
    compiler::compile_module(&module, &table, future, source, mode)
}
