//! Integer bounds, in one forward pass. Each integer variable gets a range (what its
//! definition allows: a narrow cast, a byte loaded from an array, a comparison's 0 or 1, a
//! sum of ranges; what guards proved: `i < n` passed makes `i <= max(n) - 1`) and, when a
//! guard proved it, a bound below another variable (`i + d < n`, kept through `i + c`).
//! With them:
//! - a comparison the ranges decide becomes a constant (and the guard on it goes);
//! - a `checked_*` operation that cannot overflow becomes the plain one, and its
//!   `guard_no_overflow` goes;
//! - an array access whose index is known to be in bounds — below the array's `arraylen`,
//!   or checked by an earlier access to the same array — is marked unchecked;
//! - a narrowing cast of a value its type already holds is dropped.
//!
//! Facts hold for the rest of the trace (variables are assigned once), except for a
//! `label`'s variables, which the `jump` reassigns: the pass forgets what it knew of them.

use foldhash::{HashMap, HashSet};

use super::offsets::{self, Offsets};
use super::{arg_key, ArgKey, Renames};
use crate::jitcode::{IntBinOp, IntCmpOp, IntWidth, OvfOp};
use crate::layout::ValueKind;
use crate::trace::{Arg, IndexCheck, Op, OpKind, TraceLoop};

/// An upper bound on array lengths: no array is larger than the address space.
const MAX_ARRAY_LEN: i64 = 1 << 47;

/// What is known of an integer variable: `lo <= x <= hi`, and `x + d < n` for `below: (n, d)`.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Bounds {
    lo: i64,
    hi: i64,
    below: Option<(u32, i64)>,
}

impl Bounds {
    const ANY: Bounds = Bounds {
        lo: i64::MIN,
        hi: i64::MAX,
        below: None,
    };

    fn range(lo: i128, hi: i128) -> Bounds {
        match (i64::try_from(lo), i64::try_from(hi)) {
            (Ok(lo), Ok(hi)) => Bounds {
                lo,
                hi,
                below: None,
            },
            _ => Bounds::ANY,
        }
    }

    fn of_width(width: IntWidth) -> Bounds {
        if width.bytes >= 8 {
            return Bounds::ANY;
        }
        let bits = 8 * u32::from(width.bytes);
        match width.signed {
            true => Bounds::range(-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1),
            false => Bounds::range(0, (1i128 << bits) - 1),
        }
    }

    /// Whether every value in the range is a value of type `width`.
    fn holds(self, width: IntWidth) -> bool {
        if width.bytes >= 8 {
            return width.signed || self.lo >= 0;
        }
        let of = Bounds::of_width(width);
        of.lo <= self.lo && self.hi <= of.hi
    }
}

/// A comparison: (op, signed, left, right).
type Test = (IntCmpOp, bool, Arg, Arg);

/// The facts the pass has gathered so far.
struct Facts {
    /// By variable (integers only; others stay `ANY`).
    vars: Vec<Bounds>,
    /// The comparison that defined a boolean variable (or its negation, for a `bool_not`).
    tests: HashMap<u32, Test>,
    /// Per array: the variable of its `arraylen`.
    lengths: HashMap<ArgKey, u32>,
    /// Array accesses (array, index) that passed their bounds check.
    checked: HashSet<(ArgKey, ArgKey)>,
    /// The variables that are another plus a constant: what is learnt of one holds, shifted,
    /// for its base (and so for every other sum of that base defined later).
    offsets: Offsets,
}

impl Facts {
    fn of(&self, arg: Arg) -> Bounds {
        match arg {
            Arg::Var(v) => self.vars[v as usize],
            Arg::Int(c) => Bounds {
                lo: c,
                hi: c,
                below: None,
            },
            _ => Bounds::ANY,
        }
    }

    /// Whether `a < b` (signed) is known true or known false.
    fn less(&self, a: Arg, b: Arg) -> Option<bool> {
        if a == b {
            return Some(false);
        }
        let (x, y) = (self.of(a), self.of(b));
        let below = |x: Bounds, n: Arg, at_least: i64| matches!((x.below, n), (Some((bound, d)), Arg::Var(v)) if bound == v && d >= at_least);
        if x.hi < y.lo || below(x, b, 0) {
            Some(true)
        } else if x.lo >= y.hi || below(y, a, -1) {
            Some(false)
        } else {
            None
        }
    }

    /// The value of comparison `op` of `a` and `b`, if the facts decide it.
    fn decide(&self, op: IntCmpOp, signed: bool, a: Arg, b: Arg) -> Option<bool> {
        if !signed && (self.of(a).lo < 0 || self.of(b).lo < 0) {
            return None;
        }
        match op {
            IntCmpOp::Lt => self.less(a, b),
            IntCmpOp::Gt => self.less(b, a),
            IntCmpOp::Le => self.less(b, a).map(|l| !l),
            IntCmpOp::Ge => self.less(a, b).map(|l| !l),
            IntCmpOp::Eq | IntCmpOp::Ne => {
                let (x, y) = (self.of(a), self.of(b));
                let equal = if a == b || (x.lo == x.hi && y.lo == y.hi && x.lo == y.lo) {
                    Some(true)
                } else if x.hi < y.lo || y.hi < x.lo {
                    Some(false)
                } else {
                    None
                };
                equal.map(|e| e == (op == IntCmpOp::Eq))
            }
        }
    }

    fn update(&mut self, arg: Arg, f: impl FnOnce(&mut Bounds)) {
        if let Arg::Var(v) = arg {
            f(&mut self.vars[v as usize]);
            self.shift_to_base(v);
        }
    }

    /// What is known of `v`, a sum `base + c`, also for `base`: `v`'s range less `c`, and
    /// `v`'s bound below `n` plus `c` — when no value in `v`'s range wraps when `c` is taken
    /// from it (then `base` is exactly `v - c`).
    fn shift_to_base(&mut self, v: u32) {
        let (base, c) = self.offsets.base_of(v);
        if base == v {
            return;
        }
        let x = self.vars[v as usize];
        let shifted = |bound: i64| i64::try_from(i128::from(bound) - i128::from(c)).ok();
        let (Some(lo), Some(hi)) = (shifted(x.lo), shifted(x.hi)) else {
            return;
        };
        let b = &mut self.vars[base as usize];
        b.lo = b.lo.max(lo);
        b.hi = b.hi.min(hi);
        if let Some((n, d)) = x.below {
            if let Some(e) = d.checked_add(c) {
                if b.below.is_none_or(|(m, f)| m != n || f < e) {
                    b.below = Some((n, e));
                }
            }
        }
    }

    /// Learns `a < b` (`strict`) or `a <= b`, signed.
    fn assume(&mut self, a: Arg, b: Arg, strict: bool) {
        let (x, y) = (self.of(a), self.of(b));
        let gap = i64::from(strict);
        self.update(a, |x| {
            x.hi = x.hi.min(y.hi.saturating_sub(gap));
            if let Arg::Var(n) = b {
                let d = gap - 1;
                if x.below.is_none_or(|(m, e)| m != n || e < d) {
                    x.below = Some((n, d));
                }
            }
        });
        self.update(b, |y| y.lo = y.lo.max(x.lo.saturating_add(gap)));
    }

    /// Learns that comparison `op` of `a` and `b` is `holds`.
    fn learn(&mut self, (op, signed, a, b): Test, holds: bool) {
        if !signed {
            // Unsigned `a < b` or `a <= b` with `b` non-negative: `a` is non-negative too.
            let smaller = match (op, holds) {
                (IntCmpOp::Lt | IntCmpOp::Le, true) | (IntCmpOp::Gt | IntCmpOp::Ge, false) => a,
                (IntCmpOp::Gt | IntCmpOp::Ge, true) | (IntCmpOp::Lt | IntCmpOp::Le, false) => b,
                _ => return,
            };
            let larger = if smaller == a { b } else { a };
            if self.of(larger).lo < 0 {
                return;
            }
            self.update(smaller, |x| x.lo = x.lo.max(0));
            if self.of(smaller).lo < 0 {
                return;
            }
        }
        match (op, holds) {
            (IntCmpOp::Lt, true) | (IntCmpOp::Ge, false) => self.assume(a, b, true),
            (IntCmpOp::Le, true) | (IntCmpOp::Gt, false) => self.assume(a, b, false),
            (IntCmpOp::Gt, true) | (IntCmpOp::Le, false) => self.assume(b, a, true),
            (IntCmpOp::Ge, true) | (IntCmpOp::Lt, false) => self.assume(b, a, false),
            (IntCmpOp::Eq, true) | (IntCmpOp::Ne, false) => {
                let (x, y) = (self.of(a), self.of(b));
                let (lo, hi) = (x.lo.max(y.lo), x.hi.min(y.hi));
                for arg in [a, b] {
                    self.update(arg, |z| (z.lo, z.hi) = (lo, hi));
                }
            }
            _ => {}
        }
    }

    /// Whether `index` is known to be in bounds of `array`.
    fn in_bounds(&self, array: Arg, index: Arg) -> bool {
        if self.checked.contains(&(arg_key(array), arg_key(index))) {
            return true;
        }
        let x = self.of(index);
        x.lo >= 0
            && x.below
                .is_some_and(|(n, d)| d >= 0 && self.lengths.get(&arg_key(array)) == Some(&n))
    }

    /// An access of `array` at `index` passed its check: `0 <= index < arraylen(array)` (which
    /// is at most [`MAX_ARRAY_LEN`], so `index + 1` cannot wrap).
    fn accessed(&mut self, array: Arg, index: Arg) {
        self.checked.insert((arg_key(array), arg_key(index)));
        self.update(index, |x| {
            x.lo = x.lo.max(0);
            x.hi = x.hi.min(MAX_ARRAY_LEN - 1);
        });
        if let Some(&n) = self.lengths.get(&arg_key(array)) {
            self.assume(index, Arg::Var(n), true);
        }
    }

    /// A `label`: its variables get new values at each `jump`.
    fn forget(&mut self, vars: &HashSet<u32>) {
        let involved = |arg: &Arg| matches!(arg, Arg::Var(v) if vars.contains(v));
        let involved_key = |key: &ArgKey| key.0 == 0 && vars.contains(&(key.1 as u32));
        for (v, x) in self.vars.iter_mut().enumerate() {
            if vars.contains(&(v as u32)) {
                *x = Bounds::ANY;
            } else if x.below.is_some_and(|(n, _)| vars.contains(&n)) {
                x.below = None;
            }
        }
        self.tests
            .retain(|v, (_, _, a, b)| !vars.contains(v) && !involved(a) && !involved(b));
        self.lengths
            .retain(|array, n| !vars.contains(n) && !involved_key(array));
        self.checked
            .retain(|(a, i)| !involved_key(a) && !involved_key(i));
    }
}

/// Runs the pass.
pub(super) fn run(trace: &mut TraceLoop) {
    let mut facts = Facts {
        vars: vec![Bounds::ANY; trace.kinds.len()],
        tests: HashMap::default(),
        lengths: HashMap::default(),
        checked: HashSet::default(),
        offsets: Offsets::default(),
    };
    let label_vars = offsets::label_vars(trace);
    let mut replaced = Renames::new(trace);
    // A `checked_*` proved not to overflow: its `guard_no_overflow` (the next op) goes.
    let mut no_overflow = false;
    let ops = std::mem::take(&mut trace.ops);
    let mut kept: Vec<Op> = Vec::with_capacity(ops.len());
    let mut ops = ops.into_iter().peekable();
    while let Some(mut op) = ops.next() {
        let next_checks_no_overflow =
            matches!(ops.peek(), Some(next) if matches!(next.kind, OpKind::GuardNoOverflow));
        replaced.apply(&mut op);
        facts.offsets.observe(&op, &label_vars);
        let arg = |i: usize| op.args[i];
        match (&mut op.kind, op.result) {
            (OpKind::Label, _) => {
                let vars = op
                    .args
                    .iter()
                    .filter_map(|a| match a {
                        Arg::Var(v) => Some(*v),
                        _ => None,
                    })
                    .collect();
                facts.forget(&vars);
            }
            (OpKind::IntCmp { op: cmp, signed }, Some(result)) => {
                let test = (*cmp, *signed, arg(0), arg(1));
                if let Some(known) = facts.decide(test.0, test.1, test.2, test.3) {
                    replaced.insert(result, Arg::Int(known as i64));
                    continue;
                }
                facts.tests.insert(result, test);
                facts.vars[result as usize] = Bounds::range(0, 1);
            }
            (OpKind::GuardTrue | OpKind::GuardFalse, _) => {
                let holds = matches!(op.kind, OpKind::GuardTrue);
                match arg(0) {
                    Arg::Int(v) if (v != 0) == holds => continue,
                    Arg::Var(v) => {
                        if let Some(&test) = facts.tests.get(&v) {
                            facts.learn(test, holds);
                        }
                    }
                    _ => {}
                }
            }
            (OpKind::GuardNoOverflow, _) if std::mem::take(&mut no_overflow) => continue,
            (OpKind::IntOvf { op: ovf, width }, Some(result)) => {
                let (x, y) = (facts.of(arg(0)), facts.of(arg(1)));
                let sum = arithmetic(plain(*ovf), x, y, arg(1));
                // Unsigned operands are words read as signed here: both must be small.
                let operands_fit = width.signed || (x.lo >= 0 && y.lo >= 0);
                // (Followed by a `guard_overflow` instead, it stays: that guard reads its flag.)
                no_overflow = next_checks_no_overflow
                    && operands_fit
                    && sum.holds(*width)
                    && sum != Bounds::ANY;
                if no_overflow {
                    op.kind = OpKind::IntBin(plain(*ovf));
                }
                facts.vars[result as usize] = sum;
            }
            (OpKind::IntBin(bin), Some(result)) => {
                let (x, y) = (facts.of(arg(0)), facts.of(arg(1)));
                facts.vars[result as usize] = arithmetic(*bin, x, y, arg(1));
            }
            (OpKind::IntCast(width), Some(result)) => {
                let x = facts.of(arg(0));
                if x.holds(*width) {
                    replaced.insert(result, arg(0));
                    continue;
                }
                facts.vars[result as usize] = Bounds::of_width(*width);
            }
            (OpKind::ArrayLen, Some(result)) => {
                facts.vars[result as usize] = Bounds::range(0, MAX_ARRAY_LEN.into());
                facts.lengths.entry(arg_key(arg(0))).or_insert(result);
            }
            (OpKind::GetArrayItem(descr, check), result) => {
                *check = match facts.in_bounds(arg(0), arg(1)) {
                    true => IndexCheck::Proven,
                    false => IndexCheck::Checked,
                };
                if let (Some(result), ValueKind::Int { bytes, signed }) = (result, descr.item_kind)
                {
                    facts.vars[result as usize] = Bounds::of_width(IntWidth { bytes, signed });
                }
                facts.accessed(arg(0), arg(1));
            }
            (OpKind::SetArrayItem(_, check), _) => {
                *check = match facts.in_bounds(arg(0), arg(1)) {
                    true => IndexCheck::Proven,
                    false => IndexCheck::Checked,
                };
                facts.accessed(arg(0), arg(1));
            }
            (OpKind::BoolNot, Some(result)) => {
                if let Arg::Var(v) = arg(0) {
                    if let Some(&(cmp, signed, a, b)) = facts.tests.get(&v) {
                        facts.tests.insert(result, (negate(cmp), signed, a, b));
                    }
                }
                facts.vars[result as usize] = Bounds::range(0, 1);
            }
            (
                OpKind::IsNull | OpKind::PtrEq { .. } | OpKind::ClassIs(_) | OpKind::FloatCmp(_),
                Some(result),
            ) => facts.vars[result as usize] = Bounds::range(0, 1),
            _ => {}
        }
        kept.push(op);
    }
    trace.ops = kept;
}

/// The comparison true exactly when `op` is false.
fn negate(op: IntCmpOp) -> IntCmpOp {
    match op {
        IntCmpOp::Eq => IntCmpOp::Ne,
        IntCmpOp::Ne => IntCmpOp::Eq,
        IntCmpOp::Lt => IntCmpOp::Ge,
        IntCmpOp::Ge => IntCmpOp::Lt,
        IntCmpOp::Le => IntCmpOp::Gt,
        IntCmpOp::Gt => IntCmpOp::Le,
    }
}

/// The operation `checked_*` does when it does not overflow.
fn plain(op: OvfOp) -> IntBinOp {
    match op {
        OvfOp::Add => IntBinOp::Add,
        OvfOp::Sub => IntBinOp::Sub,
        OvfOp::Mul => IntBinOp::Mul,
    }
}

/// The bounds of `x op y` (`y` is the operand `right`); `ANY` where it may wrap.
fn arithmetic(op: IntBinOp, x: Bounds, y: Bounds, right: Arg) -> Bounds {
    let (xl, xh, yl, yh) = (
        i128::from(x.lo),
        i128::from(x.hi),
        i128::from(y.lo),
        i128::from(y.hi),
    );
    match op {
        IntBinOp::Add | IntBinOp::Sub => {
            let (lo, hi, c) = match op {
                IntBinOp::Add => (xl + yl, xh + yh, right),
                _ => (xl - yh, xh - yl, right),
            };
            let mut sum = Bounds::range(lo, hi);
            // `x + d < n` and `y = x + c`: `y + (d - c) < n`.
            if let (Some((n, d)), Arg::Int(c), false) = (x.below, c, sum.lo == i64::MIN) {
                let c = if op == IntBinOp::Add {
                    Some(c)
                } else {
                    c.checked_neg()
                };
                if let Some(e) = c.and_then(|c| d.checked_sub(c)) {
                    sum.below = Some((n, e));
                }
            }
            if sum.lo == i64::MIN && sum.hi == i64::MAX {
                return Bounds::ANY;
            }
            sum
        }
        IntBinOp::Mul => {
            let products = [xl * yl, xl * yh, xh * yl, xh * yh];
            let (lo, hi) = (products.iter().min(), products.iter().max());
            match (lo, hi) {
                (Some(&lo), Some(&hi)) if x != Bounds::ANY && y != Bounds::ANY => {
                    Bounds::range(lo, hi)
                }
                _ => Bounds::ANY,
            }
        }
        IntBinOp::And if x.lo >= 0 || y.lo >= 0 => {
            let hi = match (x.lo >= 0, y.lo >= 0) {
                (true, true) => x.hi.min(y.hi),
                (true, false) => x.hi,
                _ => y.hi,
            };
            Bounds::range(0, hi.into())
        }
        _ => Bounds::ANY,
    }
}
