//! The backtracking matcher: runs a [`Program`] over a text of code points (a str's
//! characters or a bytes object's bytes) with an explicit stack of ways back, so no
//! pattern or text is deep enough to overflow the native stack. Lookarounds and atomic
//! groups run their bodies as nested runs over the same stack (nested as deep as the
//! pattern nests them, not as long as the text is).

use super::chars::{is_word, lower, Fold};
use super::compile::{last_group_register, Inst, Program, Single};
use super::parse::Assert;
use crate::runtime::signals;

/// An unset register.
pub const UNSET: usize = usize::MAX;

/// A way back.
enum Back {
    /// Resume at `pc` with the position `pos`.
    At { pc: usize, pos: usize },
    /// Restore a register.
    Restore { register: usize, old: usize },
    /// A greedy run at `pc` that has matched up to `pos` and may give back down to `min`.
    Greedy { pc: usize, min: usize, pos: usize },
    /// A lazy run at `pc` that has matched up to `pos`, `count` characters so far.
    Lazy { pc: usize, pos: usize, count: usize },
}

/// What the end of the whole pattern requires.
#[derive(Clone, Copy)]
pub struct Goal {
    /// The match must end at the end of the text (`fullmatch`).
    pub full: bool,
    /// The match must not be empty (the previous match ended here empty).
    pub nonempty: bool,
}

/// A matcher of one program over one text.
pub struct Matcher<'a> {
    prog: &'a Program,
    text: &'a [u32],
    stack: Vec<Back>,
    /// The registers (see [`Program::registers`]).
    pub registers: Vec<usize>,
    /// Backtracks so far (SIGINT is looked at every [`CHECK_EVERY`] of them).
    backtracks: u32,
    /// Whether SIGINT stopped the search (it failed; the caller raises
    /// `KeyboardInterrupt`, as CPython's matcher does on a long search).
    pub interrupted: bool,
}

/// How many backtracks pass between two looks at SIGINT.
const CHECK_EVERY: u32 = 1 << 16;

impl<'a> Matcher<'a> {
    /// A matcher over `text` (cut at `endpos` already).
    pub fn new(prog: &'a Program, text: &'a [u32]) -> Self {
        Matcher {
            prog,
            text,
            stack: Vec::new(),
            registers: vec![UNSET; prog.registers],
            backtracks: 0,
            interrupted: false,
        }
    }

    /// Tries a match starting at `start`; on success the registers hold the groups
    /// (slots 0 and 1: the whole match).
    pub fn match_at(&mut self, start: usize, goal: Goal) -> bool {
        self.stack.clear();
        self.registers.fill(UNSET);
        match self.run(0, start, start, None, Some(goal)) {
            Some(end) => {
                self.registers[0] = start;
                self.registers[1] = end;
                true
            }
            None => false,
        }
    }

    /// Finds the first match starting at `start` or later.
    pub fn search(&mut self, start: usize, goal: Goal) -> bool {
        let mut at = start;
        while at <= self.text.len() {
            if let Some(first) = &self.prog.first {
                let found = match first {
                    Single::Char(c, None) => self.text[at..].iter().position(|x| x == c),
                    _ => self.text[at..].iter().position(|&x| first.test(x)),
                };
                match found {
                    Some(offset) => at += offset,
                    None => return false,
                }
            }
            let goal = Goal {
                nonempty: goal.nonempty && at == start,
                ..goal
            };
            if self.match_at(at, goal) {
                return true;
            }
            if self.interrupted {
                return false;
            }
            at += 1;
        }
        false
    }

    fn set(&mut self, register: usize, value: usize) {
        let old = self.registers[register];
        if old != value {
            self.stack.push(Back::Restore { register, old });
            self.registers[register] = value;
        }
    }

    fn at_word(&self, pos: usize, ascii: bool) -> bool {
        pos < self.text.len() && is_word(self.text[pos], ascii)
    }

    fn assert(&self, assert: Assert, pos: usize) -> bool {
        let text = self.text;
        let newline = '\n' as u32;
        match assert {
            Assert::Start(multiline) => pos == 0 || (multiline && text[pos - 1] == newline),
            Assert::End(multiline) => {
                pos == text.len() || (text[pos] == newline && (multiline || pos + 1 == text.len()))
            }
            Assert::TextStart => pos == 0,
            Assert::TextEnd => pos == text.len(),
            // As CPython's, neither matches in an empty text.
            Assert::Boundary(_) | Assert::NotBoundary(_) if text.is_empty() => false,
            Assert::Boundary(ascii) | Assert::NotBoundary(ascii) => {
                let before = pos > 0 && self.at_word(pos - 1, ascii);
                let boundary = before != self.at_word(pos, ascii);
                boundary == matches!(assert, Assert::Boundary(_))
            }
        }
    }

    /// How many characters from `pos` (at most `max`) pass `test`.
    fn count_run(&self, test: &Single, pos: usize, max: usize) -> usize {
        let limit = max.min(self.text.len() - pos);
        let text = &self.text[pos..pos + limit];
        match test {
            Single::Any(true) => limit,
            Single::Char(c, None) => text.iter().take_while(|&&x| x == *c).count(),
            _ => text.iter().take_while(|&&x| test.test(x)).count(),
        }
    }

    /// Whether the text at `pos` repeats `start..end` (under `fold`); the end if so.
    fn backref(&self, start: usize, end: usize, pos: usize, fold: Option<Fold>) -> Option<usize> {
        let len = end - start;
        if pos + len > self.text.len() {
            return None;
        }
        let same = (0..len).all(|i| {
            let (a, b) = (self.text[start + i], self.text[pos + i]);
            match fold {
                None => a == b,
                // CPython compares a backreference by lowercase only.
                Some(fold) => a == b || lower(a, fold) == lower(b, fold),
            }
        });
        same.then_some(pos + len)
    }

    /// Drops the ways back above `base`, keeping (and so still undoing later) the
    /// register changes: what an atomic body or a positive lookaround leaves.
    fn commit(&mut self, base: usize) {
        let mut kept = base;
        for i in base..self.stack.len() {
            if matches!(self.stack[i], Back::Restore { .. }) {
                self.stack.swap(kept, i);
                kept += 1;
            }
        }
        self.stack.truncate(kept);
    }

    /// Undoes everything above `base`.
    fn unwind(&mut self, base: usize) {
        while self.stack.len() > base {
            if let Some(Back::Restore { register, old }) = self.stack.pop() {
                self.registers[register] = old;
            }
        }
    }

    /// Runs from `pc` at `pos` until `Match` (`goal`, the whole pattern, started at
    /// `start`) or `Done` (a nested body; `end`: where it must end); the end position,
    /// or `None` once every way back above the stack's height at the call failed.
    fn run(
        &mut self,
        mut pc: usize,
        mut pos: usize,
        start: usize,
        end: Option<usize>,
        goal: Option<Goal>,
    ) -> Option<usize> {
        let base = self.stack.len();
        let prog = self.prog;
        loop {
            let ok = match &prog.insts[pc] {
                Inst::One(test) => {
                    if pos < self.text.len() && test.test(self.text[pos]) {
                        pos += 1;
                        pc += 1;
                        true
                    } else {
                        false
                    }
                }
                Inst::Run(test, min, max, greedy) => {
                    if *greedy {
                        let n = self.count_run(test, pos, *max);
                        if n < *min {
                            false
                        } else {
                            if n > *min {
                                self.stack.push(Back::Greedy {
                                    pc: pc + 1,
                                    min: pos + min,
                                    pos: pos + n - 1,
                                });
                            }
                            pos += n;
                            pc += 1;
                            true
                        }
                    } else {
                        let n = self.count_run(test, pos, *min);
                        if n < *min {
                            false
                        } else {
                            pos += n;
                            if n < *max {
                                self.stack.push(Back::Lazy { pc, pos, count: n });
                            }
                            pc += 1;
                            true
                        }
                    }
                }
                Inst::Assert(a) => {
                    pc += 1;
                    self.assert(*a, pos)
                }
                Inst::Split(first, second) => {
                    self.stack.push(Back::At { pc: *second, pos });
                    pc = *first;
                    true
                }
                Inst::Jump(to) => {
                    pc = *to;
                    true
                }
                Inst::Save(slot) => {
                    self.set(*slot, pos);
                    if slot % 2 == 1 {
                        self.set(last_group_register(prog.groups), slot / 2);
                    }
                    pc += 1;
                    true
                }
                Inst::Mark(register) => {
                    self.set(*register, pos);
                    pc += 1;
                    true
                }
                Inst::Progress(register, exit) => {
                    pc = if self.registers[*register] == pos {
                        *exit
                    } else {
                        pc + 1
                    };
                    true
                }
                Inst::Backref(gid, fold) => {
                    let (s, e) = (self.registers[2 * gid], self.registers[2 * gid + 1]);
                    match (s != UNSET && e != UNSET)
                        .then(|| self.backref(s, e, pos, *fold))
                        .flatten()
                    {
                        Some(next) => {
                            pos = next;
                            pc += 1;
                            true
                        }
                        None => false,
                    }
                }
                Inst::IfGroup(gid, no) => {
                    let set =
                        self.registers[2 * gid] != UNSET && self.registers[2 * gid + 1] != UNSET;
                    pc = if set { pc + 1 } else { *no };
                    true
                }
                Inst::Look {
                    behind,
                    negate,
                    next,
                } => {
                    let (from, until) = match behind {
                        Some(width) => (pos.checked_sub(*width), Some(pos)),
                        None => (Some(pos), None),
                    };
                    let inner = self.stack.len();
                    let found = match from {
                        Some(from) => self.run(pc + 1, from, start, until, None).is_some(),
                        None => false,
                    };
                    pc = *next;
                    if found {
                        if *negate {
                            self.unwind(inner);
                        } else {
                            self.commit(inner);
                        }
                    }
                    found != *negate
                }
                Inst::Atomic(next) => {
                    let inner = self.stack.len();
                    match self.run(pc + 1, pos, start, None, None) {
                        Some(after) => {
                            self.commit(inner);
                            pos = after;
                            pc = *next;
                            true
                        }
                        None => false,
                    }
                }
                Inst::Done => {
                    if end.is_none_or(|e| e == pos) {
                        return Some(pos);
                    }
                    false
                }
                Inst::Match => {
                    let goal = goal.unwrap_or(Goal {
                        full: false,
                        nonempty: false,
                    });
                    if (goal.full && pos != self.text.len()) || (goal.nonempty && pos == start) {
                        false
                    } else {
                        return Some(pos);
                    }
                }
            };
            if !ok {
                self.backtracks = self.backtracks.wrapping_add(1);
                if self.backtracks % CHECK_EVERY == 0 && signals::pending() {
                    self.interrupted = true;
                }
                if self.interrupted {
                    return None;
                }
                // Backtrack to the latest way back above `base`.
                loop {
                    if self.stack.len() == base {
                        return None;
                    }
                    match self.stack.pop() {
                        Some(Back::Restore { register, old }) => self.registers[register] = old,
                        Some(Back::At { pc: p, pos: q }) => {
                            pc = p;
                            pos = q;
                            break;
                        }
                        Some(Back::Greedy { pc: p, min, pos: q }) => {
                            if q > min {
                                self.stack.push(Back::Greedy {
                                    pc: p,
                                    min,
                                    pos: q - 1,
                                });
                            }
                            pc = p;
                            pos = q;
                            break;
                        }
                        Some(Back::Lazy {
                            pc: p,
                            pos: q,
                            count,
                        }) => {
                            let Inst::Run(test, _, max, _) = &prog.insts[p] else {
                                continue;
                            };
                            if q < self.text.len() && test.test(self.text[q]) {
                                if count + 1 < *max {
                                    self.stack.push(Back::Lazy {
                                        pc: p,
                                        pos: q + 1,
                                        count: count + 1,
                                    });
                                }
                                pc = p + 1;
                                pos = q + 1;
                                break;
                            }
                        }
                        None => return None,
                    }
                }
            }
        }
    }
}
