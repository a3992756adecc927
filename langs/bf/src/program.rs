//! The program: Brainfuck source parsed into ops (a run of `+`/`-` or of `<`/`>` is one op,
//! every bracket knows where its partner is), then put on the GC heap, immutable.

use std::fmt;

use jitgen_core::gc::{Gc, GcImmutableArray};

/// An operation. Its argument lives beside it in [`Program::args`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Op {
    /// A run of `+` and `-`: add the argument (0..=255) to the current cell, wrapping.
    Add,
    /// A run of `>` or of `<`: move the pointer by the argument (negative: left).
    Move,
    /// `.`: write the current cell to standard output.
    Output,
    /// `,`: read a byte from standard input into the current cell (at end of input the
    /// cell keeps its value).
    Input,
    /// `[`: if the current cell is zero, go to the argument (just after the matching `]`).
    Open,
    /// `]`: if the current cell is not zero, go to the argument (just after the matching `[`).
    Close,
    /// The end of the program.
    End,
}

jitgen_core::jit_enum!(Op as u8);

const ALL_OPS: [Op; 7] = [
    Op::Add,
    Op::Move,
    Op::Output,
    Op::Input,
    Op::Open,
    Op::Close,
    Op::End,
];

/// The op stored as `byte` in [`Program::ops`] (always a valid one: the parser wrote it).
/// Elidable: in a trace, decoding a constant byte folds away.
#[jitgen_core::elidable]
#[jitgen_core::dont_look_inside]
pub fn decode(byte: u8) -> Op {
    ALL_OPS[usize::from(byte)]
}

/// A parsed program on the GC heap. It never changes, so when the JIT traces with a constant
/// program, reading the next op folds to a constant and the dispatch disappears.
#[jitgen_core::layout]
pub struct Program {
    /// The ops (`Op as u8`), ending with [`Op::End`].
    pub ops: Gc<GcImmutableArray<u8>>,
    /// Each op's argument.
    pub args: Gc<GcImmutableArray<i64>>,
    /// Each op's source position, `line << 32 | column` (of the first character of a run).
    pub positions: Gc<GcImmutableArray<u64>>,
}

impl Program {
    /// Parses `source` and puts the result on the heap.
    pub fn load(source: &str) -> Result<Gc<Program>, SyntaxError> {
        let parsed = parse(source)?;
        let ops: Vec<u8> = parsed.ops.iter().map(|&op| op as u8).collect();
        // Each array is referenced from the stack until `Gc::new` stores it: the collector
        // sees it there if one of the next allocations collects.
        let ops = GcImmutableArray::from_slice(&ops);
        let args = GcImmutableArray::from_slice(&parsed.args);
        let positions = GcImmutableArray::from_slice(&parsed.positions);
        Ok(Gc::new(Program {
            ops,
            args,
            positions,
        }))
    }

    /// The op at `pc` as source text: `+3`, `-1`, `>2`, `<5`, `.`, `,`, `[`, `]`, or `end`.
    pub fn describe(&self, pc: usize) -> String {
        let arg = self.args.get(pc);
        match decode(self.ops.get(pc)) {
            Op::Add if arg > 127 => format!("-{}", 256 - arg),
            Op::Add => format!("+{arg}"),
            Op::Move if arg < 0 => format!("<{}", -arg),
            Op::Move => format!(">{arg}"),
            Op::Output => ".".into(),
            Op::Input => ",".into(),
            Op::Open => "[".into(),
            Op::Close => "]".into(),
            Op::End => "end".into(),
        }
    }

    /// The source line and column of the op at `pc`.
    pub fn position(&self, pc: usize) -> (u32, u32) {
        let packed = self.positions.get(pc);
        ((packed >> 32) as u32, packed as u32)
    }
}

/// A program as the parser leaves it, before it goes onto the heap.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    /// The ops.
    pub ops: Vec<Op>,
    /// Their arguments.
    pub args: Vec<i64>,
    /// Their positions, `line << 32 | column`.
    pub positions: Vec<u64>,
}

/// An unmatched bracket, at a 1-based line and column (counted in characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// Line.
    pub line: u32,
    /// Column.
    pub col: u32,
    /// What is wrong.
    pub message: String,
}

impl SyntaxError {
    /// `FILE:LINE:COL: syntax error: MESSAGE`, the source line and a caret under the column.
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

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.col, self.message)
    }
}

/// Source line `line` of `source`, then a caret under column `col` (tabs repeated, so that
/// the caret lines up).
pub fn excerpt(source: &str, line: u32, col: u32) -> String {
    let text = source.split('\n').nth(line as usize - 1).unwrap_or("");
    let text = text.strip_suffix('\r').unwrap_or(text);
    let indent: String = text
        .chars()
        .chain(std::iter::repeat(' '))
        .take(col as usize - 1)
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    format!("{text}\n{indent}^\n")
}

/// Parses Brainfuck: the eight commands, everything else is a comment.
pub fn parse(source: &str) -> Result<Parsed, SyntaxError> {
    let mut parsed = Parsed::default();
    // The indexes of the `[` ops not matched yet, with their positions.
    let mut open: Vec<(usize, u32, u32)> = Vec::new();
    let (mut line, mut col) = (1u32, 0u32);
    for c in source.chars() {
        if c == '\n' {
            (line, col) = (line + 1, 0);
            continue;
        }
        col += 1;
        let (op, arg) = match c {
            '+' => (Op::Add, 1),
            '-' => (Op::Add, 255),
            '>' => (Op::Move, 1),
            '<' => (Op::Move, -1),
            '.' => (Op::Output, 0),
            ',' => (Op::Input, 0),
            '[' => (Op::Open, 0),
            ']' => (Op::Close, 0),
            _ => continue,
        };
        let here = parsed.ops.len();
        if let (Some(&last), Some(&last_arg)) = (parsed.ops.last(), parsed.args.last()) {
            // `+-` runs add up modulo 256; `>` and `<` runs stay apart, so that an error
            // moving off the tape points at a run going that way.
            if op == Op::Add && last == Op::Add {
                parsed.args[here - 1] = (last_arg + arg) % 256;
                continue;
            }
            if op == Op::Move && last == Op::Move && last_arg.signum() == arg {
                parsed.args[here - 1] += arg;
                continue;
            }
        }
        match op {
            Op::Open => open.push((here, line, col)),
            Op::Close => {
                let Some((start, _, _)) = open.pop() else {
                    return Err(SyntaxError {
                        line,
                        col,
                        message: "unmatched `]`".into(),
                    });
                };
                parsed.args[start] = here as i64 + 1;
                parsed.args.push(start as i64 + 1);
                parsed.ops.push(op);
                parsed
                    .positions
                    .push(u64::from(line) << 32 | u64::from(col));
                continue;
            }
            _ => {}
        }
        parsed.ops.push(op);
        parsed.args.push(arg);
        parsed
            .positions
            .push(u64::from(line) << 32 | u64::from(col));
    }
    if let Some((_, line, col)) = open.pop() {
        return Err(SyntaxError {
            line,
            col,
            message: "unmatched `[`".into(),
        });
    }
    parsed.ops.push(Op::End);
    parsed.args.push(0);
    parsed
        .positions
        .push(u64::from(line) << 32 | u64::from(col + 1));
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_fold_and_brackets_match() {
        let parsed = parse("++-+ >> <\n[-]x.,").unwrap();
        use Op::*;
        assert_eq!(
            parsed.ops,
            [Add, Move, Move, Open, Add, Close, Output, Input, End]
        );
        assert_eq!(parsed.args, [2, 2, -1, 6, 255, 4, 0, 0, 0]);
        assert_eq!(parsed.positions[3], 2 << 32 | 1);
    }

    #[test]
    fn plus_and_minus_cancel_modulo_256() {
        let parsed = parse(&"-".repeat(257)).unwrap();
        assert_eq!(parsed.args[0], 255);
    }

    #[test]
    fn unmatched_brackets_are_errors_at_their_position() {
        let err = parse("+[\n  [-]\n").unwrap_err();
        assert_eq!(
            (err.line, err.col, err.message.as_str()),
            (1, 2, "unmatched `[`")
        );
        let err = parse("[]\n\t]").unwrap_err();
        assert_eq!(
            (err.line, err.col, err.message.as_str()),
            (2, 2, "unmatched `]`")
        );
        assert_eq!(
            err.render("p.b", "[]\n\t]"),
            "p.b:2:2: syntax error: unmatched `]`\n\t]\n\t^\n"
        );
    }
}
