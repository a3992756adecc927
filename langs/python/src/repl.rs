//! The interactive prompt (`jitpy` with no program, or `-i`): CPython's `>>> ` and `... `
//! prompts (`sys.ps1`, `sys.ps2`), one statement at a time in the `__main__` globals, expression values echoed,
//! errors reported without ending the session. On a terminal, lines come from
//! `rustyline` (editing, history) and Ctrl-C drops the current input; otherwise they are
//! read plainly from standard input with the prompts written to standard error, as
//! CPython does. End of input exits with status 0, `SystemExit` with its code.

use std::io::BufRead;

use jitgen_core::gc::Gc;

use crate::front::compile_interactive;
use crate::run::{report_uncaught, system_exit_status};
use crate::runtime::call::run_frame;
use crate::runtime::dict::{dict_get_str, dict_set_str};
use crate::runtime::load::load_code;
use crate::runtime::objects::{Ctx, DictObj, Frame};
use crate::runtime::signals;
use crate::runtime::stdio::{self, Stream};
use crate::runtime::text::to_str;
use crate::runtime::values::new_str;

/// The name inputs are compiled under.
const FILENAME: &str = "<stdin>";

/// What reading a line gave.
enum Line {
    /// A line (without its newline).
    Text(String),
    /// Ctrl-C at the prompt.
    Interrupted,
    /// End of input.
    Eof,
}

/// Where lines come from.
enum Input {
    /// A terminal, through `rustyline`.
    Editor(Box<rustyline::DefaultEditor>),
    /// Anything else: plain lines of standard input.
    Plain(std::io::Stdin),
}

impl Input {
    /// The editor when standard input is a terminal (and `rustyline` can drive it).
    fn new() -> Input {
        // SAFETY: `isatty` only inspects the descriptor.
        let terminal = unsafe { libc::isatty(0) } == 1;
        if terminal {
            if let Ok(editor) = rustyline::DefaultEditor::new() {
                return Input::Editor(Box::new(editor));
            }
        }
        Input::Plain(std::io::stdin())
    }

    /// Shows `prompt` and reads a line.
    fn read(&mut self, prompt: &str) -> Line {
        stdio::flush(Stream::Stdout);
        match self {
            Input::Editor(editor) => match editor.readline(prompt) {
                Ok(line) => {
                    let _ = editor.add_history_entry(line.as_str());
                    Line::Text(line)
                }
                Err(rustyline::error::ReadlineError::Interrupted) => Line::Interrupted,
                Err(_) => Line::Eof,
            },
            Input::Plain(stdin) => {
                stdio::write(Stream::Stderr, prompt);
                stdio::flush(Stream::Stderr);
                let mut line = String::new();
                match stdin.lock().read_line(&mut line) {
                    Ok(0) | Err(_) => Line::Eof,
                    Ok(_) => {
                        let trimmed = line.strip_suffix('\n').unwrap_or(&line);
                        Line::Text(trimmed.strip_suffix('\r').unwrap_or(trimmed).to_string())
                    }
                }
            }
        }
    }
}

/// Runs the prompt in `globals` until the end of input; returns the exit status.
pub fn interact(ctx: Gc<Ctx>, globals: Gc<DictObj>, banner: bool) -> i32 {
    if banner {
        stdio::write(
            Stream::Stderr,
            &format!(
                "jitpy {} (Python 3.11) on {}\n",
                env!("CARGO_PKG_VERSION"),
                std::env::consts::OS
            ),
        );
    }
    for (name, prompt) in [("ps1", ">>> "), ("ps2", "... ")] {
        if dict_get_str(ctx.sys, name).is_none() {
            dict_set_str(ctx.sys, name, new_str(prompt));
        }
    }
    let mut input = Input::new();
    loop {
        let source = match read_input(&mut input, ctx) {
            Line::Text(source) => source,
            Line::Interrupted => {
                stdio::write(Stream::Stderr, "\nKeyboardInterrupt\n");
                continue;
            }
            Line::Eof => {
                stdio::write(Stream::Stderr, "\n");
                return 0;
            }
        };
        signals::clear();
        let unit = match compile_interactive(&source) {
            Ok(unit) => unit,
            Err(error) => {
                stdio::write(Stream::Stderr, &error.render(FILENAME, &source));
                continue;
            }
        };
        let code = load_code(&unit, FILENAME);
        let frame = Frame::new(code, ctx, globals, None);
        if let Err(exception) = run_frame(code, frame, ctx) {
            if let Some(status) = system_exit_status(exception) {
                return status;
            }
            report_uncaught(exception, FILENAME, "");
        }
    }
}

/// The prompt `sys.ps1` or `sys.ps2` (its `str()`).
fn prompt(ctx: Gc<Ctx>, name: &str) -> String {
    dict_get_str(ctx.sys, name)
        .and_then(|value| to_str(value).ok())
        .unwrap_or_default()
}

/// Reads one input: a simple statement (continued while a bracket or triple-quoted
/// string is open or a line ends with `\`), or a compound statement up to a blank line.
fn read_input(input: &mut Input, ctx: Gc<Ctx>) -> Line {
    let first = loop {
        match input.read(&prompt(ctx, "ps1")) {
            Line::Text(line) if line.trim().is_empty() => continue,
            other => break other,
        }
    };
    let Line::Text(first) = first else {
        return first;
    };
    let mut source = format!("{first}\n");
    // A compound statement's first line that cannot begin a valid block is an error now.
    let block = starts_block(&first) && opens_block(&source);
    while block || is_incomplete(&source) {
        match input.read(&prompt(ctx, "ps2")) {
            Line::Text(line) if block && line.trim().is_empty() => break,
            Line::Text(line) => {
                source.push_str(&line);
                source.push('\n');
            }
            Line::Interrupted => return Line::Interrupted,
            Line::Eof => break,
        }
    }
    Line::Text(source)
}

/// Whether a first line starts a compound statement (which a blank line ends).
fn starts_block(line: &str) -> bool {
    let code = line.trim_start();
    let word = code
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .next()
        .unwrap_or("");
    let ends_with_colon = code
        .split('#')
        .next()
        .is_some_and(|c| c.trim_end().ends_with(':'));
    code.starts_with('@')
        || matches!(
            word,
            "if" | "for" | "while" | "def" | "class" | "with" | "try" | "async"
        )
        || (word == "match" && ends_with_colon)
}

/// Whether the first line of a compound statement can start one: it compiles alone (a
/// one-line body), with an indented body after it, or is waiting for a bracket; a
/// decorator always can.
fn opens_block(first: &str) -> bool {
    first.trim_start().starts_with('@')
        || compile_interactive(first).is_ok()
        || compile_interactive(&format!("{first} pass\n")).is_ok()
        || is_incomplete(first)
}

/// Whether the source so far needs more lines: a line continuation at the end, an open
/// triple-quoted string, or brackets left open whose closing makes it compile (so
/// `def f(:` is an error now, while `(1,` waits for more).
fn is_incomplete(source: &str) -> bool {
    if source.trim_end_matches('\n').ends_with('\\') {
        return true;
    }
    let error = match compile_interactive(source) {
        Ok(_) => return false,
        Err(error) => error,
    };
    if error
        .message
        .starts_with("unterminated triple-quoted string")
    {
        return true;
    }
    let closers = open_brackets(source);
    if closers.is_empty() {
        return false;
    }
    let closed = format!("{}{closers}", source.trim_end_matches('\n'));
    compile_interactive(&format!("{closed}\n")).is_ok()
        || compile_interactive(&format!("{closed}:\n pass\n")).is_ok()
}

/// The brackets that would close those left open (outside strings and comments),
/// innermost first.
fn open_brackets(source: &str) -> String {
    let mut stack = Vec::new();
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '#' => while chars.next_if(|&c| c != '\n').is_some() {},
            '\'' | '"' => {
                let triple = chars.peek() == Some(&c) && {
                    let mut ahead = chars.clone();
                    ahead.next();
                    ahead.peek() == Some(&c)
                };
                if triple {
                    chars.next();
                    chars.next();
                }
                let mut run = 0;
                while let Some(d) = chars.next() {
                    if d == '\\' {
                        chars.next();
                        run = 0;
                    } else if d == c {
                        run += 1;
                        if !triple || run == 3 {
                            break;
                        }
                    } else {
                        run = 0;
                        if d == '\n' && !triple {
                            break;
                        }
                    }
                }
            }
            '(' => stack.push(')'),
            '[' => stack.push(']'),
            '{' => stack.push('}'),
            ')' | ']' | '}' => {
                stack.pop();
            }
            _ => {}
        }
    }
    stack.iter().rev().collect()
}
