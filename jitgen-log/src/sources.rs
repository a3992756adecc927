//! The program's source files a log carries (`jit-log-source`, written by the client), and
//! the source line an interpreter location points to.
//!
//! A location points into the source when it ends with `(line L)`, `(line L:C)`, or
//! `(FILE line L[:C])` for a program of several files; without a file it is the first file
//! the log names (the main program).

use crate::parser::{all_sections, Section};

/// One source file: its name as the client gave it, and its lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// The name (a path).
    pub name: String,
    /// Its lines, the first being line 1.
    pub lines: Vec<String>,
}

/// The source files of a log.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sources {
    /// In the order the log gives them.
    pub files: Vec<SourceFile>,
}

/// A source position a location points to: the file (as a location names it, if it does),
/// line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Position<'a> {
    /// The file the location names, if any.
    pub file: Option<&'a str>,
    /// The line (from 1).
    pub line: usize,
    /// The column (from 1), if given.
    pub col: Option<usize>,
}

/// The source position at the end of `location`, if it has one.
pub fn position(location: &str) -> Option<Position<'_>> {
    let inside = location.strip_suffix(')')?;
    let open = inside.rfind('(')?;
    let inside = &inside[open + 1..];
    let (file, at) = match inside.strip_prefix("line ") {
        Some(at) => (None, at),
        None => {
            let (file, at) = inside.rsplit_once(" line ")?;
            (Some(file), at)
        }
    };
    let (line, col) = match at.split_once(':') {
        Some((line, col)) => (line, Some(col.parse().ok()?)),
        None => (at, None),
    };
    Some(Position {
        file,
        line: line.parse().ok()?,
        col,
    })
}

impl Sources {
    /// The files of the `jit-log-source` sections of `sections`.
    pub fn new(sections: &[Section]) -> Sources {
        let files = all_sections(sections)
            .into_iter()
            .filter(|s| s.category == "jit-log-source")
            .filter_map(|s| {
                let name = s.body.first()?.strip_prefix("file: ")?.to_string();
                let lines = s.body[1..]
                    .iter()
                    .map(|l| l.strip_prefix("  ").unwrap_or(l).to_string())
                    .collect();
                Some(SourceFile { name, lines })
            })
            .collect();
        Sources { files }
    }

    /// The file a position is in: the one it names (by its whole name, or the last part of
    /// the path), else the first.
    fn file(&self, position: &Position<'_>) -> Option<&SourceFile> {
        match position.file {
            None => self.files.first(),
            Some(named) => self
                .files
                .iter()
                .find(|f| f.name == named || std::path::Path::new(&f.name).ends_with(named)),
        }
    }

    /// The source line `location` points to (without its indentation), if the log has it.
    pub fn line_of(&self, location: &str) -> Option<&str> {
        let position = position(location)?;
        let line = self
            .file(&position)?
            .lines
            .get(position.line.checked_sub(1)?)?;
        Some(line.trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::parse;

    #[test]
    fn locations_end_with_their_source_position() {
        let at = |line, col| Position {
            file: None,
            line,
            col,
        };
        assert_eq!(position("f:3 Add (line 2:5)"), Some(at(2, Some(5))));
        assert_eq!(position("f:3 LOAD_FAST x (line 12)"), Some(at(12, None)));
        let named = position("g:0 Ret (lib/util.py line 7:1)").expect("a position");
        assert_eq!((named.file, named.line), (Some("lib/util.py"), 7));
        assert_eq!(position("main:4"), None);
        assert_eq!(position("f:3 (not a position)"), None);
    }

    #[test]
    fn source_sections_give_the_lines_locations_point_to() {
        let log = "[0] {jit-log-source\nfile: /tmp/p/main.toy\n  let i = 0;\n    while i < 9 {\n[1] jit-log-source}\n\
                   [2] {jit-log-source\nfile: /tmp/p/lib/util.toy\n  fn f() {}\n[3] jit-log-source}\n";
        let sources = Sources::new(&parse(log).expect("parses"));
        assert_eq!(sources.files.len(), 2);
        assert_eq!(
            sources.line_of("main:4 Lt (line 2:9)"),
            Some("while i < 9 {")
        );
        assert_eq!(
            sources.line_of("f:0 Ret (lib/util.toy line 1:1)"),
            Some("fn f() {}")
        );
        assert_eq!(sources.line_of("main:4 Lt (line 3:9)"), None);
        assert_eq!(sources.line_of("main:4"), None);
        assert_eq!(Sources::default().line_of("main:4 Lt (line 1:1)"), None);
    }
}
