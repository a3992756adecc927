//! `from __future__ import feature`: compile-time directives, allowed only at the top of
//! the file (after its docstring). The features of Python 3.11 are accepted (they are all
//! mandatory by then but `annotations`, under which annotations are not evaluated); any
//! other is a `SyntaxError`, worded as CPython's.

use crate::front::ast::*;
use crate::front::error::CompileError;

/// The features the file asked for, and where its leading directives end.
#[derive(Clone, Copy, Debug, Default)]
pub struct Future {
    /// `from __future__ import annotations`: annotations are not evaluated.
    pub annotations: bool,
    /// The byte offset where the last leading `from __future__` import ends (one later in
    /// the file is misplaced).
    pub end: u32,
}

/// The features Python 3.11 knows.
const FEATURES: &[&str] = &[
    "nested_scopes",
    "generators",
    "division",
    "absolute_import",
    "with_statement",
    "print_function",
    "unicode_literals",
    "barry_as_FLUFL",
    "generator_stop",
    "annotations",
];

/// Whether an import statement's module is `__future__` (absolutely).
pub fn is_future(module: &str, level: u32) -> bool {
    module == "__future__" && level == 0
}

/// Reads the directives at the top of a module, checking their features.
pub fn directives(module: &[Stmt]) -> Result<Future, CompileError> {
    let mut future = Future::default();
    for (i, stmt) in module.iter().enumerate() {
        match &stmt.kind {
            StmtKind::Expr(Expr {
                kind: ExprKind::Constant(Constant::Str(_)),
                ..
            }) if i == 0 => {}
            StmtKind::ImportFrom {
                module: Some(name),
                names,
                level,
            } if is_future(name, *level) => {
                let at = Span {
                    start: stmt.span.start,
                    end: stmt.span.start,
                };
                for alias in names {
                    match alias.name.name.as_str() {
                        "annotations" => future.annotations = true,
                        "braces" => return Err(CompileError::syntax("not a chance", at)),
                        feature if FEATURES.contains(&feature) => {}
                        feature => {
                            return Err(CompileError::syntax(
                                format!("future feature {feature} is not defined"),
                                at,
                            ))
                        }
                    }
                }
                future.end = stmt.span.end;
            }
            _ => break,
        }
    }
    Ok(future)
}
