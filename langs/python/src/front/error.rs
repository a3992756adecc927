//! Compile-time errors (`SyntaxError`, `IndentationError`, and `NotImplementedError` for
//! constructs jitpy does not compile yet) and their CPython-shaped rendering:
//!
//! ```text
//!   File "x.py", line 3
//!     x = = 1
//!         ^
//! SyntaxError: invalid syntax
//! ```

use crate::front::ast::Span;

/// Which exception a compile-time error is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// `SyntaxError`.
    Syntax,
    /// `IndentationError` (a subclass of `SyntaxError`).
    Indentation,
    /// `NotImplementedError`: valid Python that jitpy does not support yet.
    NotImplemented,
}

impl ErrorKind {
    /// The exception's class name.
    pub fn class_name(self) -> &'static str {
        match self {
            ErrorKind::Syntax => "SyntaxError",
            ErrorKind::Indentation => "IndentationError",
            ErrorKind::NotImplemented => "NotImplementedError",
        }
    }
}

/// A compile-time error at a source range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    /// Which exception.
    pub kind: ErrorKind,
    /// The message, as CPython words it where jitpy knows the case.
    pub message: String,
    /// Whether the report shows a caret under the source line (CPython shows none for
    /// some indentation errors).
    pub caret: bool,
    /// Where: the caret starts at `span.start` and covers the range (at least one column).
    pub span: Span,
}

impl CompileError {
    /// A `SyntaxError`.
    pub fn syntax(message: impl Into<String>, span: Span) -> CompileError {
        CompileError {
            kind: ErrorKind::Syntax,
            message: message.into(),
            span,
            caret: true,
        }
    }

    /// A `NotImplementedError` naming a construct jitpy does not support yet.
    pub fn unsupported(construct: &str, span: Span) -> CompileError {
        CompileError {
            kind: ErrorKind::NotImplemented,
            message: format!("jitpy does not support {construct} yet"),
            span,
            caret: true,
        }
    }

    /// The same error reported without a caret.
    pub fn without_caret(self) -> CompileError {
        CompileError {
            caret: false,
            ..self
        }
    }

    /// The CPython-shaped report: file and line, the source line, a caret, the message.
    pub fn render(&self, filename: &str, source: &str) -> String {
        let (line, col, width) = self.position(source);
        let lines = LineIndex::new(source);
        let caret = self.caret.then_some((col, width));
        let mut text = render_location(filename, line, lines.line_text(source, line), caret);
        text.push_str(&format!("{}: {}\n", self.kind.class_name(), self.message));
        text
    }

    /// Line, column (0-based, in characters) and caret width of the error in `source`.
    pub fn position(&self, source: &str) -> (usize, usize, usize) {
        let lines = LineIndex::new(source);
        let (line, col) = lines.line_col(source, self.span.start as usize);
        let (end_line, end_col) = lines.line_col(source, self.span.end as usize);
        let width = if end_line == line && end_col > col {
            end_col - col
        } else {
            1
        };
        (line, col, width)
    }
}

/// The location part of a syntax error's report: `  File "x.py", line N`, the source line
/// (indentation stripped) and, given `(column, width)`, a caret under the column.
pub fn render_location(
    filename: &str,
    line: usize,
    line_text: &str,
    caret: Option<(usize, usize)>,
) -> String {
    let mut text = format!("  File \"{filename}\", line {line}\n");
    let trimmed = line_text.trim_start_matches([' ', '\t', '\x0c']);
    let indent = line_text.chars().count() - trimmed.chars().count();
    let shown = trimmed.trim_end();
    if shown.is_empty() {
        return text;
    }
    text.push_str(&format!("    {shown}\n"));
    if let Some((col, width)) = caret {
        let caret_start = col.saturating_sub(indent);
        let width = width.min(shown.chars().count().saturating_sub(caret_start).max(1));
        text.push_str(&format!(
            "    {}{}\n",
            " ".repeat(caret_start),
            "^".repeat(width)
        ));
    }
    text
}

/// Where each line of a source text starts, to turn byte offsets into lines and columns.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// The index of `source`'s lines.
    pub fn new(source: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(source.match_indices('\n').map(|(at, _)| at + 1));
        LineIndex { starts }
    }

    /// The 1-based line and 0-based column (in characters) of byte `offset`.
    pub fn line_col(&self, source: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(source.len());
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line - 1];
        let col = source.get(start..offset).map_or(0, |s| s.chars().count());
        (line, col)
    }

    /// The text of 1-based line `line`, without its line break.
    pub fn line_text<'s>(&self, source: &'s str, line: usize) -> &'s str {
        let Some(&start) = self.starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = self.starts.get(line).map_or(source.len(), |&next| next - 1);
        source.get(start..end).unwrap_or("").trim_end_matches('\r')
    }
}
