//! Pattern syntax to a tree ([`Node`]), as CPython 3.11's `re._parser` reads it: the
//! same escapes, groups, inline flags and quantifiers, and the same `re.error` messages
//! at the same positions. Scoped flags are resolved here: each node carries the flags it
//! matches under.

use super::chars::{ClassKind, Fold, SetItem};
use super::{Error, FLAG_ASCII, FLAG_DOTALL, FLAG_IGNORECASE, FLAG_LOCALE, FLAG_MULTILINE};
use super::{FLAG_UNICODE, FLAG_VERBOSE};

/// The largest repeat count (CPython's `MAXREPEAT` on 64-bit builds is larger; counts
/// this large are refused as too large).
pub const MAX_REPEAT: u32 = u32::MAX;

/// How a repeat prefers its counts.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Greed {
    /// As many as possible first (`*`).
    Greedy,
    /// As few as possible first (`*?`).
    Lazy,
    /// As many as possible, never given back (`*+`).
    Possessive,
}

/// A zero-width assertion.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Assert {
    /// `^` (`true`: MULTILINE, also after each newline).
    Start(bool),
    /// `$` (`true`: MULTILINE, also before each newline).
    End(bool),
    /// `\A`.
    TextStart,
    /// `\Z`.
    TextEnd,
    /// `\b` (`true`: ASCII word characters).
    Boundary(bool),
    /// `\B` (`true`: ASCII word characters).
    NotBoundary(bool),
}

/// A parsed pattern element.
#[derive(Clone, Debug)]
pub enum Node {
    /// Matches the empty string.
    Empty,
    /// One character (compared under `Fold` when IGNORECASE).
    Char(u32, Option<Fold>),
    /// `.` (`true`: DOTALL, newlines too).
    Any(bool),
    /// A character class: its items, whether it is negated, and its folding.
    Set(Vec<SetItem>, bool, Option<Fold>),
    /// A zero-width assertion.
    Assert(Assert),
    /// A group, capturing (`Some(index)`) or not.
    Group(Option<usize>, Box<Node>),
    /// Elements in sequence.
    Concat(Vec<Node>),
    /// Alternatives, tried in order.
    Alt(Vec<Node>),
    /// A repeat of its body between `min` and `max` (`None`: unbounded) times.
    Repeat(Box<Node>, u32, Option<u32>, Greed),
    /// A backreference to a group (compared under the fold when IGNORECASE).
    Backref(usize, Option<Fold>),
    /// A lookaround: `behind`, `negated`, body.
    Look(bool, bool, Box<Node>),
    /// `(?>...)`: matched once, never backtracked into.
    Atomic(Box<Node>),
    /// `(?(group)yes|no)`.
    Cond(usize, Box<Node>, Box<Node>),
}

/// A parsed pattern.
pub struct Parsed {
    /// The tree.
    pub node: Node,
    /// The number of capturing groups.
    pub groups: usize,
    /// The named groups with their numbers, in order of definition.
    pub names: Vec<(String, usize)>,
    /// The flags after the global inline flags (with UNICODE for str patterns).
    pub flags: i64,
}

/// The inline flag letters and their flags.
fn flag_of(c: u32) -> Option<i64> {
    Some(match char::from_u32(c)? {
        'i' => FLAG_IGNORECASE,
        'L' => FLAG_LOCALE,
        'm' => FLAG_MULTILINE,
        's' => FLAG_DOTALL,
        'x' => FLAG_VERBOSE,
        'a' => FLAG_ASCII,
        'u' => FLAG_UNICODE,
        _ => return None,
    })
}

/// The flags that select the character semantics.
const TYPE_FLAGS: i64 = FLAG_ASCII | FLAG_LOCALE | FLAG_UNICODE;

/// The parser's state over the pattern's characters.
struct Parser<'a> {
    src: &'a [u32],
    /// The next character to read (CPython's `tell()`).
    pos: usize,
    is_text: bool,
    /// The global flags.
    flags: i64,
    /// How many group numbers are taken (the next group is this one plus one).
    groups: usize,
    /// Each group's width once closed (`None` while open): index = group number.
    widths: Vec<Option<(usize, Option<usize>)>>,
    names: Vec<(String, usize)>,
    /// Inside a lookbehind: the groups that existed when it started.
    lookbehind_groups: Option<usize>,
    /// The groups conditionals name by number, with where each is first named (checked
    /// once all groups are known).
    cond_refs: Vec<(usize, usize)>,
    /// The furthest position read up to.
    furthest: usize,
}

fn is_digit(c: u32) -> bool {
    (b'0' as u32..=b'9' as u32).contains(&c)
}

fn is_octal(c: u32) -> bool {
    (b'0' as u32..=b'7' as u32).contains(&c)
}

fn is_ascii_letter(c: u32) -> bool {
    char::from_u32(c).is_some_and(|c| c.is_ascii_alphabetic())
}

/// Text of code points, for messages.
pub fn text(chars: &[u32]) -> String {
    chars
        .iter()
        .map(|&c| char::from_u32(c).unwrap_or('\u{fffd}'))
        .collect()
}

/// Python's `repr` of a str (for names in messages).
fn quoted(name: &str) -> String {
    crate::runtime::format::str_repr(name)
}

/// Whether `name` is a Python identifier.
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c == '_' || unicode_ident::is_xid_start(c))
        && chars.all(|c| c == '_' || unicode_ident::is_xid_continue(c))
}

impl<'a> Parser<'a> {
    /// Moves past one character.
    fn step(&mut self) {
        self.pos += 1;
        self.furthest = self.furthest.max(self.pos);
    }

    /// Reads one token, as CPython's tokenizer does: a character, or a backslash with the
    /// character after it; its first character and its length.
    fn get_token(&mut self) -> Option<(u32, usize)> {
        let c = self.get()?;
        if c == '\\' as u32 && self.peek().is_some() {
            self.step();
            return Some((c, 2));
        }
        Some((c, 1))
    }

    /// The text of the token of length `len` just read.
    fn token_text(&self, len: usize) -> String {
        text(&self.src[self.pos - len..self.pos])
    }

    fn peek(&self) -> Option<u32> {
        self.src.get(self.pos).copied()
    }

    fn next_is(&self, c: char) -> bool {
        self.peek() == Some(c as u32)
    }

    fn eat(&mut self, c: char) -> bool {
        let found = self.next_is(c);
        if found {
            self.step();
        }
        found
    }

    fn get(&mut self) -> Option<u32> {
        let c = self.peek()?;
        self.step();
        Some(c)
    }

    /// The character of the octal escape `\digits` just read, or CPython's error for a
    /// value above 0o377 (at the backslash).
    fn octal_escape(&self, digits: &[u32]) -> Result<u32, Error> {
        let value = u32::from_str_radix(&text(digits), 8).unwrap_or(0);
        if value > 0o377 {
            let msg = format!(
                "octal escape value \\{} outside of range 0-0o377",
                text(digits)
            );
            return self.error(msg, digits.len() + 1);
        }
        Ok(value)
    }

    /// An error `back` characters before the current position.
    fn error<T>(&self, msg: String, back: usize) -> Result<T, Error> {
        Err(Error {
            msg,
            pos: Some(self.pos.saturating_sub(back)),
            overflow: false,
        })
    }

    /// The characters up to `end` (consumed), as CPython's `getuntil`.
    fn get_until(&mut self, end: char, what: &str) -> Result<String, Error> {
        let mut name = Vec::new();
        loop {
            let Some(c) = self.get() else {
                if name.is_empty() {
                    return self.error(format!("missing {what}"), 0);
                }
                return self.error(format!("missing {end}, unterminated name"), name.len());
            };
            if c == end as u32 {
                if name.is_empty() {
                    return self.error(format!("missing {what}"), 1);
                }
                return Ok(text(&name));
            }
            name.push(c);
            // A backslash and the character after it are one token.
            if c == '\\' as u32 {
                if let Some(next) = self.get() {
                    name.push(next);
                }
            }
        }
    }

    /// Up to `n` hex digits.
    fn hex_digits(&mut self, n: usize) -> Vec<u32> {
        let mut digits = Vec::new();
        while digits.len() < n {
            match self.peek() {
                Some(c) if char::from_u32(c).is_some_and(|c| c.is_ascii_hexdigit()) => {
                    digits.push(c);
                    self.step();
                }
                _ => break,
            }
        }
        digits
    }

    fn fold(&self, flags: i64) -> Option<Fold> {
        (flags & FLAG_IGNORECASE != 0).then(|| self.fold_kind(flags))
    }

    fn fold_kind(&self, flags: i64) -> Fold {
        if flags & FLAG_UNICODE != 0 && self.is_text {
            Fold::Unicode
        } else {
            Fold::Ascii
        }
    }

    fn ascii(&self, flags: i64) -> bool {
        !self.is_text || flags & FLAG_UNICODE == 0
    }

    /// Whether group `gid` is closed.
    fn closed(&self, gid: usize) -> bool {
        gid <= self.groups && self.widths.get(gid).is_some_and(Option::is_some)
    }

    fn check_lookbehind_group(&self, gid: usize) -> Result<(), Error> {
        if let Some(before) = self.lookbehind_groups {
            if !self.closed(gid) {
                return self.error("cannot refer to an open group".into(), 0);
            }
            if gid > before {
                return self.error(
                    "cannot refer to group defined in the same lookbehind subpattern".into(),
                    0,
                );
            }
        }
        Ok(())
    }

    /// `\x`, `\u`, `\U`, `\N` escapes (the letter read): the character.
    fn hex_escape(&mut self, letter: u32) -> Result<Option<u32>, Error> {
        let n = match char::from_u32(letter) {
            Some('x') => 2,
            Some('u') if self.is_text => 4,
            Some('U') if self.is_text => 8,
            Some('N') if self.is_text => {
                if !self.eat('{') {
                    return self.error("missing {".into(), 0);
                }
                let name = self.get_until('}', "character name")?;
                // No Unicode name table: every name is undefined.
                return self.error(
                    format!("undefined character name {}", quoted(&name)),
                    name.chars().count() + 4,
                );
            }
            _ => return Ok(None),
        };
        let digits = self.hex_digits(n);
        let escape = format!(
            "\\{}{}",
            char::from_u32(letter).unwrap_or('?'),
            text(&digits)
        );
        if digits.len() != n {
            return self.error(format!("incomplete escape {escape}"), digits.len() + 2);
        }
        let value = u32::from_str_radix(&text(&digits), 16).unwrap_or(u32::MAX);
        if value > 0x10ffff {
            return self.error(format!("bad escape {escape}"), n + 2);
        }
        Ok(Some(value))
    }

    /// The one-character escapes (`\n`, `\t`, ...) as their characters.
    fn simple_escape(c: u32, in_class: bool) -> Option<u32> {
        Some(match char::from_u32(c)? {
            'a' => 7,
            'b' if in_class => 8,
            'f' => 12,
            'n' => 10,
            'r' => 13,
            't' => 9,
            'v' => 11,
            '\\' => '\\' as u32,
            _ => return None,
        })
    }

    /// The class escapes `\d \D \s \S \w \W`.
    fn class_kind(c: u32) -> Option<ClassKind> {
        Some(match char::from_u32(c)? {
            'd' => ClassKind::Digit,
            'D' => ClassKind::NotDigit,
            's' => ClassKind::Space,
            'S' => ClassKind::NotSpace,
            'w' => ClassKind::Word,
            'W' => ClassKind::NotWord,
            _ => return None,
        })
    }

    /// The character after a backslash (the backslash read); `bad escape (end of
    /// pattern)` if there is none.
    fn escape_letter(&mut self) -> Result<u32, Error> {
        match self.get() {
            Some(c) => Ok(c),
            None => Err(Error {
                msg: "bad escape (end of pattern)".into(),
                pos: Some(self.src.len() - 1),
                overflow: false,
            }),
        }
    }

    /// An escape inside a class: a character or a class.
    fn class_escape(&mut self, flags: i64) -> Result<SetItem, Error> {
        let c = self.escape_letter()?;
        if let Some(ch) = Self::simple_escape(c, true) {
            return Ok(SetItem::Char(ch));
        }
        if let Some(kind) = Self::class_kind(c) {
            return Ok(SetItem::Class(kind, self.ascii(flags)));
        }
        if let Some(ch) = self.hex_escape(c)? {
            return Ok(SetItem::Char(ch));
        }
        if is_octal(c) {
            let mut digits = vec![c];
            while digits.len() < 3 && self.peek().is_some_and(is_octal) {
                digits.push(self.get().unwrap_or(0));
            }
            return Ok(SetItem::Char(self.octal_escape(&digits)?));
        }
        if is_digit(c) || is_ascii_letter(c) {
            return self.error(format!("bad escape \\{}", text(&[c])), 2);
        }
        Ok(SetItem::Char(c))
    }

    /// An escape outside a class.
    fn escape(&mut self, flags: i64) -> Result<Node, Error> {
        let c = self.escape_letter()?;
        let ascii = self.ascii(flags);
        let assert = match char::from_u32(c) {
            Some('A') => Some(Assert::TextStart),
            Some('Z') => Some(Assert::TextEnd),
            Some('b') => Some(Assert::Boundary(ascii)),
            Some('B') => Some(Assert::NotBoundary(ascii)),
            _ => None,
        };
        if let Some(assert) = assert {
            return Ok(Node::Assert(assert));
        }
        if let Some(kind) = Self::class_kind(c) {
            return Ok(Node::Set(
                vec![SetItem::Class(kind, ascii)],
                false,
                self.fold(flags),
            ));
        }
        let fold = self.fold(flags);
        if let Some(ch) = Self::simple_escape(c, false) {
            return Ok(Node::Char(ch, fold));
        }
        if let Some(ch) = self.hex_escape(c)? {
            return Ok(Node::Char(ch, fold));
        }
        if c == '0' as u32 {
            let mut digits = vec![c];
            while digits.len() < 3 && self.peek().is_some_and(is_octal) {
                digits.push(self.get().unwrap_or(0));
            }
            return Ok(Node::Char(
                u32::from_str_radix(&text(&digits), 8).unwrap_or(0),
                fold,
            ));
        }
        if is_digit(c) {
            let mut digits = vec![c];
            if self.peek().is_some_and(is_digit) {
                digits.push(self.get().unwrap_or(0));
                if is_octal(digits[0]) && is_octal(digits[1]) && self.peek().is_some_and(is_octal) {
                    digits.push(self.get().unwrap_or(0));
                    return Ok(Node::Char(self.octal_escape(&digits)?, fold));
                }
            }
            let group: usize = text(&digits).parse().unwrap_or(usize::MAX);
            if group <= self.groups {
                if !self.closed(group) {
                    return self.error("cannot refer to an open group".into(), digits.len() + 1);
                }
                self.check_lookbehind_group(group)?;
                return Ok(Node::Backref(group, fold));
            }
            return self.error(format!("invalid group reference {group}"), digits.len());
        }
        if is_ascii_letter(c) {
            return self.error(format!("bad escape \\{}", text(&[c])), 2);
        }
        Ok(Node::Char(c, fold))
    }

    /// Skips whitespace and `#` comments (VERBOSE).
    fn skip_verbose(&mut self) {
        while let Some(c) = self.peek() {
            if matches!(c, 0x20 | 0x09 | 0x0a | 0x0b | 0x0c | 0x0d) {
                self.step();
            } else if c == '#' as u32 {
                while let Some(c) = self.get() {
                    if c == '\n' as u32 {
                        break;
                    }
                }
            } else {
                break;
            }
        }
    }

    /// Alternatives up to `)` or the end.
    fn parse_alt(&mut self, flags: i64, nested: bool) -> Result<Node, Error> {
        let mut branches = Vec::new();
        loop {
            let first = !nested && branches.is_empty();
            // Global inline flags (at the start) hold for the later top-level branches.
            let flags = if nested {
                flags
            } else {
                with_global(flags, self.flags)
            };
            branches.push(self.parse_seq(flags, first)?);
            if !self.eat('|') {
                break;
            }
        }
        Ok(if branches.len() == 1 {
            branches.pop().unwrap_or(Node::Empty)
        } else {
            Node::Alt(branches)
        })
    }

    /// A character class (the `[` read at `start`).
    fn parse_set(&mut self, start: usize, flags: i64) -> Result<Node, Error> {
        let negate = self.eat('^');
        let first = self.pos;
        let mut items = Vec::new();
        let unterminated = |p: &Self| {
            Err(Error {
                msg: "unterminated character set".into(),
                pos: Some(start).filter(|_| p.pos >= start),
                overflow: false,
            })
        };
        loop {
            let this_pos = self.pos;
            let Some(c) = self.get() else {
                return unterminated(self);
            };
            if c == ']' as u32 && this_pos != first {
                break;
            }
            let item = if c == '\\' as u32 {
                self.class_escape(flags)?
            } else {
                SetItem::Char(c)
            };
            if self.eat('-') {
                let that_pos = self.pos;
                let Some(d) = self.get() else {
                    return unterminated(self);
                };
                if d == ']' as u32 {
                    items.push(item);
                    items.push(SetItem::Char('-' as u32));
                    break;
                }
                let other = if d == '\\' as u32 {
                    self.class_escape(flags)?
                } else {
                    SetItem::Char(d)
                };
                // CPython names the range by its first tokens (`\x` of `\x41`).
                let token = |at: usize| {
                    let len = if self.src[at] == '\\' as u32 { 2 } else { 1 };
                    text(&self.src[at..(at + len).min(self.src.len())])
                };
                let (this_text, that_text) = (token(this_pos), token(that_pos));
                let message = format!("bad character range {this_text}-{that_text}");
                let back = this_text.chars().count() + 1 + that_text.chars().count();
                match (item, other) {
                    (SetItem::Char(lo), SetItem::Char(hi)) if lo <= hi => {
                        items.push(SetItem::Range(lo, hi));
                    }
                    _ => return self.error(message, back),
                }
            } else {
                items.push(item);
            }
        }
        Ok(Node::Set(items, negate, self.fold(flags)))
    }

    /// `{m,n}` after `{` at `here` (the `{` read): the counts, or `None` if it is a
    /// literal `{`.
    fn parse_counts(&mut self, here: usize) -> Result<Option<(u32, Option<u32>)>, Error> {
        let read_number = |p: &mut Self| {
            let begin = p.pos;
            while p.peek().is_some_and(is_digit) {
                p.step();
            }
            text(&p.src[begin..p.pos])
        };
        let lo = read_number(self);
        let hi = if self.eat(',') {
            read_number(self)
        } else {
            lo.clone()
        };
        if !self.eat('}') {
            self.pos = here;
            return Ok(None);
        }
        let too_large = || Error {
            msg: "the repetition number is too large".into(),
            pos: None,
            overflow: true,
        };
        let min = if lo.is_empty() {
            0
        } else {
            lo.parse::<u32>()
                .ok()
                .filter(|&n| n < MAX_REPEAT)
                .ok_or_else(too_large)?
        };
        let max = if hi.is_empty() {
            None
        } else {
            let max = hi
                .parse::<u32>()
                .ok()
                .filter(|&n| n < MAX_REPEAT)
                .ok_or_else(too_large)?;
            if max < min {
                return self.error("min repeat greater than max repeat".into(), self.pos - here);
            }
            Some(max)
        };
        Ok(Some((min, max)))
    }

    /// A sequence up to `|`, `)` or the end.
    fn parse_seq(&mut self, mut flags: i64, first: bool) -> Result<Node, Error> {
        let mut items: Vec<Node> = Vec::new();
        loop {
            if flags & FLAG_VERBOSE != 0 {
                self.skip_verbose();
            }
            let Some(c) = self.peek() else { break };
            if c == '|' as u32 || c == ')' as u32 {
                break;
            }
            let start = self.pos;
            self.step();
            let ch = char::from_u32(c).unwrap_or('\u{fffd}');
            match ch {
                '\\' => items.push(self.escape(flags)?),
                '[' => items.push(self.parse_set(start, flags)?),
                '.' => items.push(Node::Any(flags & FLAG_DOTALL != 0)),
                '^' => items.push(Node::Assert(Assert::Start(flags & FLAG_MULTILINE != 0))),
                '$' => items.push(Node::Assert(Assert::End(flags & FLAG_MULTILINE != 0))),
                '*' | '+' | '?' | '{' => {
                    let (min, max) = match ch {
                        '*' => (0, None),
                        '+' => (1, None),
                        '?' => (0, Some(1)),
                        _ => {
                            if self.next_is('}') {
                                items.push(Node::Char(c, self.fold(flags)));
                                continue;
                            }
                            match self.parse_counts(self.pos)? {
                                Some(counts) => counts,
                                None => {
                                    items.push(Node::Char(c, self.fold(flags)));
                                    continue;
                                }
                            }
                        }
                    };
                    let back = self.pos - start;
                    let item = match items.pop() {
                        None | Some(Node::Assert(_)) => {
                            return self.error("nothing to repeat".into(), back)
                        }
                        Some(Node::Repeat(..)) => {
                            return self.error("multiple repeat".into(), back)
                        }
                        Some(Node::Group(None, body)) => *body,
                        Some(item) => item,
                    };
                    let greed = if self.eat('?') {
                        Greed::Lazy
                    } else if self.eat('+') {
                        Greed::Possessive
                    } else {
                        Greed::Greedy
                    };
                    items.push(Node::Repeat(Box::new(item), min, max, greed));
                }
                '(' => {
                    if let Some(node) = self.parse_group(start, &mut flags, first, &items)? {
                        items.push(node);
                    }
                }
                _ => items.push(Node::Char(c, self.fold(flags))),
            }
        }
        Ok(match items.len() {
            0 => Node::Empty,
            1 => items.pop().unwrap_or(Node::Empty),
            _ => Node::Concat(items),
        })
    }

    /// Reads `)` closing the group at `start`.
    fn close(&mut self, start: usize) -> Result<(), Error> {
        if self.eat(')') {
            Ok(())
        } else {
            self.error(
                "missing ), unterminated subpattern".into(),
                self.pos - start,
            )
        }
    }

    /// A group after `(` at `start`; `None` for what adds nothing (comments, global
    /// flags, which update `flags`).
    fn parse_group(
        &mut self,
        start: usize,
        flags: &mut i64,
        first: bool,
        items: &[Node],
    ) -> Result<Option<Node>, Error> {
        let mut name = None;
        let mut capture = true;
        let mut atomic = false;
        let mut inner = *flags;
        if self.eat('?') {
            let Some(c) = self.get() else {
                return self.error("unexpected end of pattern".into(), 0);
            };
            match char::from_u32(c).unwrap_or('\u{fffd}') {
                'P' => {
                    if self.eat('<') {
                        let n = self.get_until('>', "group name")?;
                        if !is_identifier(&n) {
                            return self.error(
                                format!("bad character in group name {}", quoted(&n)),
                                n.chars().count() + 1,
                            );
                        }
                        name = Some(n);
                    } else if self.eat('=') {
                        let n = self.get_until(')', "group name")?;
                        let back = n.chars().count() + 1;
                        if !is_identifier(&n) {
                            return self.error(
                                format!("bad character in group name {}", quoted(&n)),
                                back,
                            );
                        }
                        let Some(&(_, gid)) = self.names.iter().find(|(k, _)| *k == n) else {
                            return self.error(format!("unknown group name {}", quoted(&n)), back);
                        };
                        if !self.closed(gid) {
                            return self.error("cannot refer to an open group".into(), back);
                        }
                        self.check_lookbehind_group(gid)?;
                        return Ok(Some(Node::Backref(gid, self.fold(*flags))));
                    } else {
                        let Some(c) = self.get() else {
                            return self.error("unexpected end of pattern".into(), 0);
                        };
                        return self.error(format!("unknown extension ?P{}", text(&[c])), 3);
                    }
                }
                ':' => capture = false,
                '#' => {
                    loop {
                        match self.get() {
                            None => {
                                return self.error(
                                    "missing ), unterminated comment".into(),
                                    self.pos - start,
                                )
                            }
                            Some(c) if c == ')' as u32 => break,
                            Some(_) => {}
                        }
                    }
                    return Ok(None);
                }
                d @ ('=' | '!' | '<') => {
                    let mut kind = d;
                    let behind = d == '<';
                    if behind {
                        let Some(c) = self.get() else {
                            return self.error("unexpected end of pattern".into(), 0);
                        };
                        if c != '=' as u32 && c != '!' as u32 {
                            return self.error(format!("unknown extension ?<{}", text(&[c])), 3);
                        }
                        kind = char::from_u32(c).unwrap_or('=');
                    }
                    let saved = self.lookbehind_groups;
                    if behind && saved.is_none() {
                        self.lookbehind_groups = Some(self.groups);
                    }
                    let body = self.parse_alt(*flags, true)?;
                    if behind {
                        self.lookbehind_groups = saved;
                    }
                    self.close(start)?;
                    return Ok(Some(Node::Look(behind, kind == '!', Box::new(body))));
                }
                '(' => {
                    let cond = self.get_until(')', "group name")?;
                    let back = cond.chars().count() + 1;
                    let gid = if is_identifier(&cond) {
                        match self.names.iter().find(|(k, _)| *k == cond) {
                            Some(&(_, gid)) => gid,
                            None => {
                                return self
                                    .error(format!("unknown group name {}", quoted(&cond)), back)
                            }
                        }
                    } else {
                        let Some(gid) = cond
                            .parse::<usize>()
                            .ok()
                            .filter(|_| cond.bytes().all(|b| b.is_ascii_digit()))
                        else {
                            return self.error(
                                format!("bad character in group name {}", quoted(&cond)),
                                back,
                            );
                        };
                        if gid == 0 {
                            return self.error("bad group number".into(), back);
                        }
                        if !self.cond_refs.iter().any(|&(g, _)| g == gid) {
                            self.cond_refs.push((gid, self.pos - back));
                        }
                        gid
                    };
                    self.check_lookbehind_group(gid)?;
                    let yes = self.parse_seq(*flags, false)?;
                    let no = if self.eat('|') {
                        let no = self.parse_seq(*flags, false)?;
                        if self.next_is('|') {
                            return self.error(
                                "conditional backref with more than two branches".into(),
                                0,
                            );
                        }
                        no
                    } else {
                        Node::Empty
                    };
                    self.close(start)?;
                    return Ok(Some(Node::Cond(gid, Box::new(yes), Box::new(no))));
                }
                '>' => {
                    capture = false;
                    atomic = true;
                }
                _ if flag_of(c).is_some() || c == '-' as u32 => match self.parse_flags(c)? {
                    None => {
                        if !first || !items.is_empty() {
                            return self.error(
                                "global flags not at the start of the expression".into(),
                                self.pos - start,
                            );
                        }
                        *flags = with_global(*flags, self.flags);
                        return Ok(None);
                    }
                    Some((add, del)) => {
                        inner = (*flags | add) & !del;
                        if add & TYPE_FLAGS != 0 {
                            inner = (inner & !TYPE_FLAGS) | add;
                        }
                        capture = false;
                    }
                },
                _ => {
                    let len = if c == '\\' as u32 && self.peek().is_some() {
                        self.step();
                        2
                    } else {
                        1
                    };
                    let token = self.token_text(len);
                    return self.error(format!("unknown extension ?{token}"), len + 1);
                }
            }
        }
        let gid = if capture {
            self.groups += 1;
            let gid = self.groups;
            self.widths.push(None);
            if let Some(name) = name {
                if let Some(&(_, old)) = self.names.iter().find(|(k, _)| *k == name) {
                    return self.error(
                        format!(
                            "redefinition of group name {} as group {gid}; was group {old}",
                            quoted(&name)
                        ),
                        name.chars().count() + 1,
                    );
                }
                self.names.push((name, gid));
            }
            Some(gid)
        } else {
            None
        };
        let body = self.parse_alt(inner, true)?;
        self.close(start)?;
        if let Some(gid) = gid {
            self.widths[gid] = Some(width(&body, &self.widths));
        }
        Ok(Some(if atomic {
            Node::Atomic(Box::new(body))
        } else {
            Node::Group(gid, Box::new(body))
        }))
    }

    /// Inline flags after `(?` (`first` read): `None` for global flags `(?i)`, else the
    /// flags turned on and off for a scoped group `(?i-s:...)`.
    fn parse_flags(&mut self, first: u32) -> Result<Option<(i64, i64)>, Error> {
        let mut add = 0;
        let mut del = 0;
        let mut c = first;
        if c != '-' as u32 {
            loop {
                let flag = flag_of(c).unwrap_or(0);
                if self.is_text && c == 'L' as u32 {
                    return self.error(
                        "bad inline flags: cannot use 'L' flag with a str pattern".into(),
                        0,
                    );
                }
                if !self.is_text && c == 'u' as u32 {
                    return self.error(
                        "bad inline flags: cannot use 'u' flag with a bytes pattern".into(),
                        0,
                    );
                }
                add |= flag;
                if flag & TYPE_FLAGS != 0 && add & TYPE_FLAGS != flag {
                    return self.error(
                        "bad inline flags: flags 'a', 'u' and 'L' are incompatible".into(),
                        0,
                    );
                }
                let Some((next, len)) = self.get_token() else {
                    return self.error("missing -, : or )".into(), 0);
                };
                c = next;
                if len == 1 && (c == ')' as u32 || c == '-' as u32 || c == ':' as u32) {
                    break;
                }
                if len > 1 || flag_of(c).is_none() {
                    let msg = bad_flag_message(c, len, "missing -, : or )");
                    return self.error(msg.into(), len);
                }
            }
        }
        if c == ')' as u32 {
            self.flags |= add;
            return Ok(None);
        }
        if c == '-' as u32 {
            let Some((next, len)) = self.get_token() else {
                return self.error("missing flag".into(), 0);
            };
            c = next;
            if len > 1 || flag_of(c).is_none() {
                let msg = bad_flag_message(c, len, "missing flag");
                return self.error(msg.into(), len);
            }
            loop {
                let flag = flag_of(c).unwrap_or(0);
                if flag & TYPE_FLAGS != 0 {
                    return self.error(
                        "bad inline flags: cannot turn off flags 'a', 'u' and 'L'".into(),
                        0,
                    );
                }
                del |= flag;
                let Some((next, len)) = self.get_token() else {
                    return self.error("missing :".into(), 0);
                };
                c = next;
                if len == 1 && c == ':' as u32 {
                    break;
                }
                if len > 1 || flag_of(c).is_none() {
                    let msg = bad_flag_message(c, len, "missing :");
                    return self.error(msg.into(), len);
                }
            }
        }
        if add & del != 0 {
            return self.error("bad inline flags: flag turned on and off".into(), 1);
        }
        Ok(Some((add, del)))
    }
}

/// Where a pattern ends in a backslash that escapes nothing.
pub fn lone_backslash(src: &[u32]) -> Option<usize> {
    let mut at = 0;
    while at < src.len() {
        if src[at] == '\\' as u32 {
            if at + 1 == src.len() {
                return Some(at);
            }
            at += 2;
        } else {
            at += 1;
        }
    }
    None
}

/// `flags` with the global flags `global` added (ASCII replacing UNICODE).
fn with_global(flags: i64, global: i64) -> i64 {
    let flags = flags | global;
    if global & FLAG_ASCII != 0 {
        flags & !FLAG_UNICODE
    } else {
        flags
    }
}

/// The least and greatest number of characters `node` matches (`None`: unbounded).
pub fn width(node: &Node, groups: &[Option<(usize, Option<usize>)>]) -> (usize, Option<usize>) {
    let add = |a: Option<usize>, b: Option<usize>| a.zip(b).map(|(a, b)| a.saturating_add(b));
    match node {
        Node::Empty | Node::Assert(_) | Node::Look(..) => (0, Some(0)),
        Node::Char(..) | Node::Any(_) | Node::Set(..) => (1, Some(1)),
        Node::Group(_, body) | Node::Atomic(body) => width(body, groups),
        Node::Concat(items) => items.iter().fold((0, Some(0)), |(lo, hi), item| {
            let (l, h) = width(item, groups);
            (lo.saturating_add(l), add(hi, h))
        }),
        Node::Alt(items) => {
            let widths: Vec<_> = items.iter().map(|i| width(i, groups)).collect();
            let lo = widths.iter().map(|w| w.0).min().unwrap_or(0);
            let hi = widths.iter().try_fold(0, |m, w| w.1.map(|h| m.max(h)));
            (lo, hi)
        }
        Node::Cond(_, yes, no) => width(&Node::Alt(vec![(**yes).clone(), (**no).clone()]), groups),
        Node::Repeat(body, min, max, _) => {
            let (lo, hi) = width(body, groups);
            let top = match (hi, max) {
                (Some(0), _) => Some(0),
                (Some(h), Some(m)) => Some(h.saturating_mul(*m as usize)),
                _ => None,
            };
            (lo.saturating_mul(*min as usize), top)
        }
        Node::Backref(gid, _) => groups.get(*gid).copied().flatten().unwrap_or((0, None)),
    }
}

/// Parses `src` (the pattern's code points) under `flags`; `is_text` for a str pattern.
pub fn parse(src: &[u32], flags: i64, is_text: bool) -> Result<Parsed, Error> {
    let mut parser = Parser {
        src,
        pos: 0,
        is_text,
        flags,
        groups: 0,
        widths: vec![Some((0, None))],
        names: Vec::new(),
        lookbehind_groups: None,
        cond_refs: Vec::new(),
        furthest: 0,
    };
    let mut start_flags = flags;
    if is_text && flags & FLAG_ASCII == 0 {
        start_flags |= FLAG_UNICODE;
    }
    let node = parser
        .parse_alt(start_flags, false)
        .and_then(|node| {
            if parser.pos < src.len() {
                return parser.error("unbalanced parenthesis".into(), 0);
            }
            Ok(node)
        })
        .map_err(|error| {
            // CPython's tokenizer reads a token ahead: a lone backslash at the end is an
            // error as soon as the token before it is read.
            match lone_backslash(src) {
                Some(at) if parser.furthest >= at => Error {
                    msg: "bad escape (end of pattern)".into(),
                    pos: Some(at),
                    overflow: false,
                },
                _ => error,
            }
        })?;
    if let Some(&(gid, pos)) = parser.cond_refs.iter().find(|&&(g, _)| g > parser.groups) {
        return Err(Error {
            msg: format!("invalid group reference {gid}"),
            pos: Some(pos),
            overflow: false,
        });
    }
    let mut final_flags = parser.flags;
    if is_text && final_flags & FLAG_ASCII == 0 {
        final_flags |= FLAG_UNICODE;
    }
    Ok(Parsed {
        node,
        groups: parser.groups,
        names: parser.names,
        flags: final_flags,
    })
}

/// The message for the inline-flag token `c` (`len` characters long) where a flag or
/// `expected` should be: "unknown flag" for a single letter, else `expected`'s message.
fn bad_flag_message(c: u32, len: usize, expected: &'static str) -> &'static str {
    if len == 1 && char::from_u32(c).is_some_and(char::is_alphabetic) {
        "unknown flag"
    } else {
        expected
    }
}
