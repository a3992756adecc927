//! The program text as it is generated: one statement per line, blocks indented, so that a
//! line is a unit the reducer can remove.

/// Source text under construction.
#[derive(Default)]
pub struct Code {
    text: String,
    indent: usize,
}

impl Code {
    /// One line at the current indentation.
    pub fn line(&mut self, line: &str) {
        for _ in 0..self.indent {
            self.text.push_str("    ");
        }
        self.text.push_str(line);
        self.text.push('\n');
    }

    /// `header {`, indenting what follows.
    pub fn open(&mut self, header: &str) {
        self.line(&format!("{header} {{"));
        self.indent += 1;
    }

    /// `} header {`: the next part of an `if` or `try` statement.
    pub fn reopen(&mut self, header: &str) {
        self.indent -= 1;
        self.line(&format!("}} {header} {{"));
        self.indent += 1;
    }

    /// The `}` of the innermost open block.
    pub fn close(&mut self) {
        self.indent -= 1;
        self.line("}");
    }

    /// The text.
    pub fn finish(self) -> String {
        self.text
    }
}
