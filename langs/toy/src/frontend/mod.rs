//! The toy frontend: source text to a bytecode [`Program`].
//!
//! Lexing (`lexer`) is done on demand by the recursive-descent parser (`parser`), which
//! builds an AST (`ast`) and checks the context rules; the compiler (`compiler`) resolves
//! names and emits bytecode. Every problem is reported as a [`SyntaxError`].

mod ast;
mod compiler;
pub mod error;
mod lexer;
mod parser;

pub use error::SyntaxError;

use crate::bytecode::Program;

/// Compile a toy program.
///
/// # Errors
///
/// A [`SyntaxError`] for the first problem found: lexical and grammatical errors and context
/// rules (such as `break` outside a loop) are found in source order, then declaration errors
/// (a name declared twice in one scope) and bytecode limits.
pub fn compile(source: &str) -> Result<Program, SyntaxError> {
    let ast = parser::parse_program(source)?;
    compiler::compile_program(&ast)
}

#[cfg(test)]
mod tests;
