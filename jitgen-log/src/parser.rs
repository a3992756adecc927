//! Reading a `JITGEN_LOG` file into its tree of sections.
//!
//! The format (PyPy's `PYPYLOG` layout): a section starts with `[hex] {category` and ends with
//! `[hex] category}`, the hexadecimal timestamps in nanoseconds; the sections between are its
//! children, every other line between them its body.

use std::fmt;

/// One section of the log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// Its category, e.g. `jit-tracing`.
    pub category: String,
    /// When it started and ended, in nanoseconds since the log was opened.
    pub start: u64,
    /// See `start`.
    pub end: u64,
    /// The line of the log its start line is on (from 1).
    pub line: usize,
    /// Its own lines, in order, without its children's.
    pub body: Vec<String>,
    /// The sections that began and ended inside it, in order.
    pub children: Vec<Section>,
}

impl Section {
    /// How long it lasted, in nanoseconds.
    pub fn duration(&self) -> u64 {
        self.end - self.start
    }

    /// Its duration less its children's: the time spent in this category itself.
    pub fn exclusive(&self) -> u64 {
        let children: u64 = self.children.iter().map(Section::duration).sum();
        self.duration().saturating_sub(children)
    }

    /// This section and all below it, depth first, parents before children.
    pub fn walk(&self) -> Vec<&Section> {
        let mut all = vec![self];
        for child in &self.children {
            all.extend(child.walk());
        }
        all
    }
}

/// Every section of `sections` and below, depth first, parents before children.
pub fn all_sections(sections: &[Section]) -> Vec<&Section> {
    sections.iter().flat_map(Section::walk).collect()
}

/// Why a log could not be read, and where.
#[derive(Debug, PartialEq, Eq)]
pub struct ParseError {
    /// The line (from 1).
    pub line: usize,
    /// What is wrong there.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

/// A start or end line.
enum Mark<'a> {
    Start(u64, &'a str),
    End(u64, &'a str),
}

/// The start or end line `line` is, if it is one.
fn mark(line: &str) -> Option<Mark<'_>> {
    let (stamp, rest) = line.strip_prefix('[')?.split_once("] ")?;
    let time = u64::from_str_radix(stamp, 16).ok()?;
    let is_name = |name: &str| !name.is_empty() && !name.contains(char::is_whitespace);
    if let Some(name) = rest.strip_prefix('{').filter(|n| is_name(n)) {
        return Some(Mark::Start(time, name));
    }
    rest.strip_suffix('}')
        .filter(|n| is_name(n))
        .map(|name| Mark::End(time, name))
}

/// Parses a whole log into its top-level sections.
pub fn parse(text: &str) -> Result<Vec<Section>, ParseError> {
    let mut top = Vec::new();
    let mut open: Vec<Section> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let error = |message: String| ParseError {
            line: number,
            message,
        };
        match mark(line) {
            Some(Mark::Start(time, category)) => open.push(Section {
                category: category.to_string(),
                start: time,
                end: time,
                line: number,
                body: Vec::new(),
                children: Vec::new(),
            }),
            Some(Mark::End(time, category)) => {
                let mut section = open.pop().ok_or_else(|| {
                    error(format!("`{category}}}` ends a section that never began"))
                })?;
                if section.category != category {
                    return Err(error(format!(
                        "`{category}}}` ends the section `{{{}` begun on line {}",
                        section.category, section.line
                    )));
                }
                if time < section.start {
                    return Err(error(format!(
                        "`{category}}}` ends before its section began (line {})",
                        section.line
                    )));
                }
                section.end = time;
                match open.last_mut() {
                    Some(parent) => parent.children.push(section),
                    None => top.push(section),
                }
            }
            None => match open.last_mut() {
                Some(section) => section.body.push(line.to_string()),
                None if line.trim().is_empty() => {}
                None => {
                    return Err(error(format!(
                        "text outside any section: `{line}` (is this a JITGEN_LOG file?)"
                    )))
                }
            },
        }
    }
    match open.last() {
        Some(section) => Err(ParseError {
            line: section.line,
            message: format!(
                "the section `{{{}` never ends (was the log cut short?)",
                section.category
            ),
        }),
        None => Ok(top),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NESTED: &str = "\
[10] {jit-tracing
loop at main:4
[20] {gc-collect
collection 1
[30] gc-collect}
tail line
[40] jit-tracing}
[50] {jit-summary
loops: 1
[60] jit-summary}
";

    #[test]
    fn sections_nest_with_their_bodies_and_times() {
        let sections = parse(NESTED).expect("parses");
        assert_eq!(sections.len(), 2);
        let tracing = &sections[0];
        assert_eq!(
            (
                tracing.category.as_str(),
                tracing.start,
                tracing.end,
                tracing.line
            ),
            ("jit-tracing", 0x10, 0x40, 1)
        );
        assert_eq!(tracing.body, ["loop at main:4", "tail line"]);
        assert_eq!(tracing.children[0].category, "gc-collect");
        assert_eq!(tracing.children[0].body, ["collection 1"]);
        assert_eq!((tracing.duration(), tracing.exclusive()), (0x30, 0x20));
        let names: Vec<&str> = all_sections(&sections)
            .iter()
            .map(|s| s.category.as_str())
            .collect();
        assert_eq!(names, ["jit-tracing", "gc-collect", "jit-summary"]);
    }

    #[test]
    fn bracketed_body_text_is_not_a_mark() {
        let text = "[1] {jit-log-opt-loop\n  guard_true [a@1 i0=2]\n[2a] no closing brace\n[3] jit-log-opt-loop}\n";
        let sections = parse(text).expect("parses");
        assert_eq!(sections[0].body.len(), 2);
    }

    fn error_of(text: &str) -> String {
        parse(text).expect_err("malformed").to_string()
    }

    #[test]
    fn malformed_logs_name_the_line() {
        assert_eq!(
            error_of("[1] {a\n[2] b}\n"),
            "line 2: `b}` ends the section `{a` begun on line 1"
        );
        assert_eq!(
            error_of("[1] {a\n[2] a}\n[3] a}\n"),
            "line 3: `a}` ends a section that never began"
        );
        assert_eq!(
            error_of("[1] {a\n[2] {b\n[3] b}\n"),
            "line 1: the section `{a` never ends (was the log cut short?)"
        );
        assert_eq!(
            error_of("hello\n"),
            "line 1: text outside any section: `hello` (is this a JITGEN_LOG file?)"
        );
        assert_eq!(
            error_of("[5] {a\n[4] a}\n"),
            "line 2: `a}` ends before its section began (line 1)"
        );
    }
}
