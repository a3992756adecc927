//! The regular-expression engine of the `re` module, written for jitpy: pattern syntax
//! to a tree ([`parse`]), the tree to a program ([`compile`]), and a backtracking
//! matcher over code points ([`matcher`]), with the character tests in [`chars`] and
//! replacement templates in [`template`].

pub mod chars;
pub mod compile;
pub mod matcher;
pub mod parse;
pub mod template;

pub use compile::Program;

/// `re.IGNORECASE`.
pub const FLAG_IGNORECASE: i64 = 2;
/// `re.LOCALE`.
pub const FLAG_LOCALE: i64 = 4;
/// `re.MULTILINE`.
pub const FLAG_MULTILINE: i64 = 8;
/// `re.DOTALL`.
pub const FLAG_DOTALL: i64 = 16;
/// `re.UNICODE`.
pub const FLAG_UNICODE: i64 = 32;
/// `re.VERBOSE`.
pub const FLAG_VERBOSE: i64 = 64;
/// `re.DEBUG`.
pub const FLAG_DEBUG: i64 = 128;
/// `re.ASCII`.
pub const FLAG_ASCII: i64 = 256;

/// A pattern that does not compile: `re.error`'s message and position, or (`overflow`)
/// an `OverflowError`.
#[derive(Debug)]
pub struct Error {
    pub msg: String,
    pub pos: Option<usize>,
    pub overflow: bool,
}

/// A compiled pattern with what the `Pattern` object shows of it.
pub struct Regex {
    pub program: Program,
    /// The flags, with the inline global ones (and UNICODE for str patterns).
    pub flags: i64,
    /// The named groups and their numbers, in order of definition.
    pub names: Vec<(String, usize)>,
}

/// Compiles a pattern of code points (`is_text`: a str pattern).
pub fn compile(src: &[u32], flags: i64, is_text: bool) -> Result<Regex, Error> {
    let parsed = parse::parse(src, flags, is_text)?;
    let program = compile::compile(&parsed.node, parsed.groups)?;
    Ok(Regex {
        program,
        flags: parsed.flags,
        names: parsed.names,
    })
}
