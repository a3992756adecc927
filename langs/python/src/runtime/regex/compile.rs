//! The tree of a parsed pattern to the matcher's program: instructions over one
//! character at a time, splits that leave a way back, and the registers they use
//! (capture slots, the last closed group, loop entry positions).

use super::chars::{Fold, SetItem};
use super::parse::{width, Assert, Greed, Node};
use super::Error;

/// A test of one character.
#[derive(Clone, Debug)]
pub enum Single {
    /// This character (compared under the fold, if any).
    Char(u32, Option<Fold>),
    /// Any character (`true`) or any but a newline.
    Any(bool),
    /// A class.
    Set(Box<SetTest>),
}

/// A character class as the matcher tests it.
#[derive(Clone, Debug)]
pub struct SetTest {
    /// Bit `c` says whether ASCII character `c` matches (negation and folding applied).
    ascii: u128,
    items: Box<[SetItem]>,
    negate: bool,
    fold: Option<Fold>,
}

impl SetTest {
    fn new(items: &[SetItem], negate: bool, fold: Option<Fold>) -> SetTest {
        // Under Unicode IGNORECASE CPython folds each character of a range: small ranges
        // become their characters (larger ones are tested by their ends).
        let items: Vec<SetItem> = match fold {
            Some(Fold::Unicode) => items
                .iter()
                .flat_map(|&item| match item {
                    SetItem::Range(lo, hi) if hi - lo < 1024 => {
                        (lo..=hi).map(SetItem::Char).collect::<Vec<_>>()
                    }
                    item => vec![item],
                })
                .collect(),
            _ => items.to_vec(),
        };
        let items = &items[..];
        let ascii = (0..128u32)
            .filter(|&c| super::chars::in_set(items, negate, fold, c))
            .fold(0u128, |bits, c| bits | 1 << c);
        SetTest {
            ascii,
            items: items.into(),
            negate,
            fold,
        }
    }

    /// Whether `c` is in the class.
    #[inline]
    fn test(&self, c: u32) -> bool {
        if c < 128 {
            self.ascii >> c & 1 != 0
        } else {
            super::chars::in_set(&self.items, self.negate, self.fold, c)
        }
    }
}

impl Single {
    /// Whether `c` passes.
    #[inline]
    pub fn test(&self, c: u32) -> bool {
        match self {
            Single::Char(x, None) => *x == c,
            Single::Char(x, Some(fold)) => super::chars::same_fold(*x, c, *fold),
            Single::Any(all) => *all || c != '\n' as u32,
            Single::Set(set) => set.test(c),
        }
    }
}

/// An instruction.
#[derive(Clone, Debug)]
pub enum Inst {
    /// Consumes one character that passes the test.
    One(Single),
    /// Consumes between `min` and `max` characters passing the test (no captures inside),
    /// greedily or lazily, leaving one way back for the other counts.
    Run(Single, usize, usize, bool),
    /// Checks an assertion.
    Assert(Assert),
    /// Goes on at the first target, leaving the second as a way back.
    Split(usize, usize),
    /// Goes on at the target.
    Jump(usize),
    /// Stores the position in a capture slot (an odd slot closes its group, which
    /// becomes the last closed one).
    Save(usize),
    /// Stores the position in a loop register (where an iteration that may match the
    /// empty string started).
    Mark(usize),
    /// Leaves the loop (goes on at the target) if the position has not moved since the
    /// loop register's mark: an empty iteration ends the repeat, as in CPython.
    Progress(usize, usize),
    /// Matches what a group matched (compared under the fold, if any).
    Backref(usize, Option<Fold>),
    /// A lookaround whose body follows, up to its `Done`: `behind` (with the width to
    /// step back), negated, and where to go on after it.
    Look {
        behind: Option<usize>,
        negate: bool,
        next: usize,
    },
    /// An atomic group whose body follows, up to its `Done`; then `next`.
    Atomic(usize),
    /// The end of a lookaround's or atomic group's body.
    Done,
    /// Goes on if the group matched, else at the target.
    IfGroup(usize, usize),
    /// The end of the pattern.
    Match,
}

/// A compiled pattern.
#[derive(Debug)]
pub struct Program {
    pub insts: Vec<Inst>,
    /// The number of capturing groups.
    pub groups: usize,
    /// Registers: `2 * (groups + 1)` capture slots, the last closed group, then loop
    /// registers.
    pub registers: usize,
    /// A test the first character of every match passes, if there is one (searching
    /// skips the positions where it fails).
    pub first: Option<Single>,
}

/// The register of the last closed group.
pub fn last_group_register(groups: usize) -> usize {
    2 * (groups + 1)
}

struct Compiler {
    insts: Vec<Inst>,
    registers: usize,
    /// Group widths for lookbehinds.
    widths: Vec<Option<(usize, Option<usize>)>>,
}

/// A node that tests one character, as such.
fn single(node: &Node) -> Option<Single> {
    Some(match node {
        Node::Char(c, fold) => Single::Char(*c, *fold),
        Node::Any(all) => Single::Any(*all),
        Node::Set(items, negate, fold) => {
            Single::Set(Box::new(SetTest::new(items, *negate, *fold)))
        }
        Node::Group(None, body) => return single(body),
        _ => return None,
    })
}

impl Compiler {
    fn emit(&mut self, inst: Inst) -> usize {
        self.insts.push(inst);
        self.insts.len() - 1
    }

    fn here(&self) -> usize {
        self.insts.len()
    }

    /// Points the split or jump at `at` to `target` (its second target for a split).
    fn patch(&mut self, at: usize, target: usize) {
        match &mut self.insts[at] {
            Inst::Split(_, second) => *second = target,
            Inst::Jump(to) | Inst::Atomic(to) | Inst::IfGroup(_, to) => *to = target,
            Inst::Look { next, .. } => *next = target,
            _ => {}
        }
    }

    fn node(&mut self, node: &Node) -> Result<(), Error> {
        match node {
            Node::Empty => {}
            Node::Char(..) | Node::Any(_) | Node::Set(..) => {
                let test = single(node).unwrap_or(Single::Any(true));
                self.emit(Inst::One(test));
            }
            Node::Assert(a) => {
                self.emit(Inst::Assert(*a));
            }
            Node::Group(None, body) => self.node(body)?,
            Node::Group(Some(gid), body) => {
                self.emit(Inst::Save(2 * gid));
                self.node(body)?;
                self.emit(Inst::Save(2 * gid + 1));
                self.widths[*gid] = Some(width(body, &self.widths));
            }
            Node::Concat(items) => {
                for item in items {
                    self.node(item)?;
                }
            }
            Node::Alt(branches) => {
                let mut jumps = Vec::new();
                for (i, branch) in branches.iter().enumerate() {
                    if i + 1 < branches.len() {
                        let split = self.emit(Inst::Split(0, 0));
                        if let Inst::Split(first, _) = &mut self.insts[split] {
                            *first = split + 1;
                        }
                        self.node(branch)?;
                        jumps.push(self.emit(Inst::Jump(0)));
                        let next = self.here();
                        self.patch(split, next);
                    } else {
                        self.node(branch)?;
                    }
                }
                let end = self.here();
                for jump in jumps {
                    self.patch(jump, end);
                }
            }
            Node::Repeat(body, min, max, Greed::Possessive) => {
                let inner = Node::Repeat(body.clone(), *min, *max, Greed::Greedy);
                self.node(&Node::Atomic(Box::new(inner)))?;
            }
            Node::Repeat(body, min, max, greed) => {
                self.repeat(body, *min as usize, max.map(|m| m as usize), *greed)?
            }
            Node::Backref(gid, fold) => {
                self.emit(Inst::Backref(*gid, *fold));
            }
            Node::Look(behind, negate, body) => {
                let behind = if *behind {
                    let (lo, hi) = width(body, &self.widths);
                    if Some(lo) != hi {
                        return Err(Error {
                            msg: "look-behind requires fixed-width pattern".into(),
                            pos: None,
                            overflow: false,
                        });
                    }
                    Some(lo)
                } else {
                    None
                };
                let look = self.emit(Inst::Look {
                    behind,
                    negate: *negate,
                    next: 0,
                });
                self.node(body)?;
                self.emit(Inst::Done);
                let next = self.here();
                self.patch(look, next);
            }
            Node::Atomic(body) => {
                let atomic = self.emit(Inst::Atomic(0));
                self.node(body)?;
                self.emit(Inst::Done);
                let next = self.here();
                self.patch(atomic, next);
            }
            Node::Cond(gid, yes, no) => {
                let test = self.emit(Inst::IfGroup(*gid, 0));
                self.node(yes)?;
                let jump = self.emit(Inst::Jump(0));
                let no_start = self.here();
                self.patch(test, no_start);
                self.node(no)?;
                let end = self.here();
                self.patch(jump, end);
            }
        }
        Ok(())
    }

    /// A repeat of `body` `min` to `max` times.
    fn repeat(
        &mut self,
        body: &Node,
        min: usize,
        max: Option<usize>,
        greed: Greed,
    ) -> Result<(), Error> {
        let greedy = greed == Greed::Greedy;
        if let Some(test) = single(body) {
            self.emit(Inst::Run(test, min, max.unwrap_or(usize::MAX), greedy));
            return Ok(());
        }
        for _ in 0..min {
            self.node(body)?;
        }
        let may_be_empty = width(body, &self.widths).0 == 0;
        match max {
            None => {
                // L: split(B, E); B: [mark] body [progress]; jump L; E:
                let split = self.emit(Inst::Split(0, 0));
                let register = may_be_empty.then(|| {
                    self.registers += 1;
                    self.registers - 1
                });
                if let Some(r) = register {
                    self.emit(Inst::Mark(r));
                }
                self.node(body)?;
                let progress = register.map(|r| self.emit(Inst::Progress(r, 0)));
                self.emit(Inst::Jump(split));
                let end = self.here();
                if let Some(at) = progress {
                    if let Inst::Progress(_, exit) = &mut self.insts[at] {
                        *exit = end;
                    }
                }
                self.insts[split] = if greedy {
                    Inst::Split(split + 1, end)
                } else {
                    Inst::Split(end, split + 1)
                };
            }
            Some(max) => {
                // Each optional copy: split(B, E); B: body ...; all E at the end.
                let mut splits = Vec::new();
                for _ in min..max {
                    splits.push(self.emit(Inst::Split(0, 0)));
                    self.node(body)?;
                }
                let end = self.here();
                for split in splits {
                    self.insts[split] = if greedy {
                        Inst::Split(split + 1, end)
                    } else {
                        Inst::Split(end, split + 1)
                    };
                }
            }
        }
        Ok(())
    }
}

/// A test the first character of every match of `node` passes, if there is one: the
/// first character test after zero-width items.
fn first_test(node: &Node) -> Option<Single> {
    match node {
        Node::Char(..) | Node::Set(..) | Node::Any(_) => single(node),
        Node::Group(_, body) | Node::Atomic(body) => first_test(body),
        Node::Concat(items) => {
            let mut rest = items
                .iter()
                .skip_while(|item| matches!(item, Node::Assert(_) | Node::Look(..)));
            rest.next().and_then(first_test)
        }
        Node::Repeat(body, min, _, _) if *min > 0 => first_test(body),
        _ => None,
    }
}

/// Compiles the tree of a pattern with `groups` capturing groups.
pub fn compile(node: &Node, groups: usize) -> Result<Program, Error> {
    let mut compiler = Compiler {
        insts: Vec::new(),
        registers: 2 * (groups + 1) + 1,
        widths: vec![Some((0, None)); groups + 1],
    };
    compiler.node(node)?;
    compiler.emit(Inst::Match);
    Ok(Program {
        insts: compiler.insts,
        groups,
        registers: compiler.registers,
        first: first_test(node),
    })
}
