//! Which strs CPython 3.11 holds interned when it makes a module's code object -- what
//! decides how many times a constant frozenset (a set display of constants) is rebuilt,
//! and so in which order its elements iterate. A str made only of ASCII letters, digits
//! and `_` is interned then if CPython interned an equal one at startup (the names of
//! the modules and types it loads then, `cpython_interned.txt`, measured with
//! `sys.intern` on fresh copies; for one-character strs, by the order of set displays)
//! or if it is an identifier of the module itself (the parser interns those first).

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::bytecode::{CodeUnit, Const};

/// The strs CPython 3.11 has interned once it has started (as `python3 FILE` runs).
fn startup_interned() -> &'static HashSet<&'static str> {
    static TABLE: OnceLock<HashSet<&'static str>> = OnceLock::new();
    TABLE.get_or_init(|| include_str!("cpython_interned.txt").lines().collect())
}

/// Every identifier of a module: names, variables and code object names of all its code.
pub fn identifiers(unit: &CodeUnit) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut stack = vec![unit];
    while let Some(unit) = stack.pop() {
        out.insert(unit.name.clone());
        for names in [&unit.names, &unit.varnames, &unit.cellvars, &unit.freevars] {
            out.extend(names.iter().cloned());
        }
        for constant in &unit.consts {
            if let Const::Code(code) = constant {
                stack.push(code);
            }
        }
    }
    out
}

/// Whether CPython has an equal str interned before the module's constants are (so
/// interning the module's own copy replaces it).
pub fn interned_before(text: &str, identifiers: &HashSet<String>) -> bool {
    !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && (startup_interned().contains(text) || identifiers.contains(text))
}
