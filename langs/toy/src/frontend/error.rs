//! Syntax errors reported by the frontend.

use std::fmt;

/// A compile-time error: a malformed program, with the position it was detected at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in characters (not bytes).
    pub col: u32,
    /// What is wrong, e.g. "expected `;` after expression, found `}`".
    pub message: String,
}

impl SyntaxError {
    /// An error at `(line, col)`.
    pub fn new(line: u32, col: u32, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            line,
            col,
            message: message.into(),
        }
    }

    /// Render the error for a user: `FILE:LINE:COL: syntax error: MESSAGE`, then the source
    /// line, then a caret under the column. Tabs before the column are repeated in the caret
    /// line so that the caret lines up.
    pub fn render(&self, filename: &str, source: &str) -> String {
        format!(
            "{filename}:{}:{}: syntax error: {}\n{}",
            self.line,
            self.col,
            self.message,
            excerpt(source, self.line, self.col)
        )
    }
}

/// Source line `line` of `source`, then a caret under column `col` (both 1-based; tabs
/// before the column are repeated in the caret line so that the caret lines up). Shared by
/// syntax and runtime error messages.
pub fn excerpt(source: &str, line: u32, col: u32) -> String {
    let text = source
        .split('\n')
        .nth((line as usize).saturating_sub(1))
        .unwrap_or("");
    let text = text.strip_suffix('\r').unwrap_or(text);
    let indent: String = text
        .chars()
        .chain(std::iter::repeat(' '))
        .take((col as usize).saturating_sub(1))
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    format!("{text}\n{indent}^\n")
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: syntax error: {}",
            self.line, self.col, self.message
        )
    }
}

impl std::error::Error for SyntaxError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_points_at_column() {
        let src = "let x = 1;\nlet y = (2 + ;\n";
        let err = SyntaxError::new(2, 14, "expected expression, found `;`");
        assert_eq!(
            err.render("t.toy", src),
            "t.toy:2:14: syntax error: expected expression, found `;`\n\
             let y = (2 + ;\n             ^\n"
        );
    }

    #[test]
    fn render_handles_tabs_crlf_and_out_of_range() {
        let src = "x = 1;\r\n\tfoo bar;\r\n";
        let err = SyntaxError::new(2, 6, "m");
        assert_eq!(
            err.render("f", src),
            "f:2:6: syntax error: m\n\tfoo bar;\n\t    ^\n"
        );
        let err = SyntaxError::new(9, 3, "m");
        assert_eq!(err.render("f", src), "f:9:3: syntax error: m\n\n  ^\n");
        assert_eq!(err.to_string(), "9:3: syntax error: m");
    }
}
