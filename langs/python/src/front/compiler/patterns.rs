//! The `match` statement (PEP 634), compiled as CPython 3.11's compiler does it: each
//! case copies the subject (but the last), its pattern consumes the copy, leaving the
//! values of its captures on the stack (the first captured on top), which are stored
//! once the whole pattern matched; the guard runs after. A failing test jumps to a
//! "fail pop" label that pops what the pattern left on the stack so far. Also raises
//! CPython's compile-time `SyntaxError`s of patterns (unreachable cases, names bound
//! twice or differently by alternatives, duplicate mapping keys, ...).

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use super::{constant, Compiled, Compiler, Label};
use crate::bytecode::{BinaryKind, CompareKind, Const, Op};
use crate::front::ast::*;
use crate::front::error::CompileError;
use crate::front::fold::fold_expr;
use crate::runtime::bytes::repr_bytes;
use crate::runtime::complex::repr_parts;
use crate::runtime::format::{float_repr, str_repr};
use crate::runtime::numbers::float_to_bigint;

/// What compiling one case's pattern keeps track of (CPython's `pattern_context`).
struct PatternContext {
    /// The names captured so far, in order; their values are on the stack under the
    /// `on_top` items, the first name's on top.
    stores: Vec<String>,
    /// Whether an irrefutable pattern is allowed here (the last case, or a guarded one).
    allow_irrefutable: bool,
    /// `fail_pop[n]`: where a failing test goes with `n` items to pop.
    fail_pop: Vec<Label>,
    /// Items on the stack above the captured values that the pattern still needs.
    on_top: usize,
    /// The pattern being compiled, where errors point.
    at: Span,
}

/// Whether a pattern is the wildcard `_`.
fn is_wildcard(pattern: &Pattern) -> bool {
    matches!(
        pattern.kind,
        PatternKind::As {
            pattern: None,
            name: None
        }
    )
}

impl Compiler<'_> {
    /// `match subject: cases`.
    pub(super) fn match_stmt(&mut self, subject: &Expr, cases: &[MatchCase]) -> Compiled {
        self.expr(subject)?;
        let end = self.unit().label();
        let count = cases.len();
        // A trailing `case _:` needs no copy of the subject nor a test.
        let has_default = count > 1 && is_wildcard(&cases[count - 1].pattern);
        let tested = count - usize::from(has_default);
        for (i, case) in cases[..tested].iter().enumerate() {
            self.set_pos(case.pattern.span);
            let last = i + 1 == tested;
            if !last {
                self.unit().emit(Op::Copy, 1);
            }
            let mut pc = PatternContext {
                stores: Vec::new(),
                allow_irrefutable: case.guard.is_some() || i + 1 == count,
                fail_pop: Vec::new(),
                on_top: 0,
                at: case.pattern.span,
            };
            self.pattern(&case.pattern, &mut pc)?;
            for name in &pc.stores {
                self.store_name(name)?;
            }
            if let Some(guard) = &case.guard {
                let fail = self.fail_pop_label(&mut pc, 0);
                self.condition(guard, false, fail)?;
            }
            if !last {
                self.unit().emit(Op::Pop, 0);
            }
            self.stmts(&case.body)?;
            self.unit().emit_jump(Op::Jump, end);
            self.set_pos(case.pattern.span);
            self.emit_fail_pops(&mut pc);
        }
        if has_default {
            let case = &cases[count - 1];
            self.set_pos(case.pattern.span);
            if let Some(guard) = &case.guard {
                self.condition(guard, false, end)?;
            }
            self.stmts(&case.body)?;
        }
        self.unit().place(end);
        Ok(())
    }

    /// The label that fails with `pops` items to pop.
    fn fail_pop_label(&mut self, pc: &mut PatternContext, pops: usize) -> Label {
        while pc.fail_pop.len() <= pops {
            let label = self.unit().label();
            pc.fail_pop.push(label);
        }
        pc.fail_pop[pops]
    }

    /// Emits `op` (a conditional or plain jump) to fail, popping what is on the stack.
    fn jump_to_fail(&mut self, pc: &mut PatternContext, op: Op) {
        let pops = pc.on_top + pc.stores.len();
        let label = self.fail_pop_label(pc, pops);
        self.unit().emit_jump(op, label);
    }

    /// Places the fail-pop labels, deepest first, each popping one item more than the
    /// next, and forgets them.
    fn emit_fail_pops(&mut self, pc: &mut PatternContext) {
        let labels = std::mem::take(&mut pc.fail_pop);
        for (pops, label) in labels.into_iter().enumerate().rev() {
            self.unit().place(label);
            if pops > 0 {
                self.unit().emit(Op::Pop, 0);
            }
        }
    }

    /// Moves the top item `count - 1` items down.
    fn rotate(&mut self, count: usize) {
        for depth in (2..=count).rev() {
            self.unit().emit(Op::Swap, depth as u32);
        }
    }

    /// Captures the value on top as `name` (pops it for none), keeping it under the items
    /// still needed and the values captured before.
    fn capture(&mut self, name: Option<&Ident>, pc: &mut PatternContext) -> Compiled {
        let Some(name) = name else {
            self.unit().emit(Op::Pop, 0);
            return Ok(());
        };
        if name.name == "__debug__" {
            return Err(CompileError::syntax("cannot assign to __debug__", pc.at));
        }
        if pc.stores.contains(&name.name) {
            return Err(duplicate_store(&name.name, pc.at));
        }
        self.rotate(pc.on_top + pc.stores.len() + 1);
        pc.stores.push(name.name.clone());
        Ok(())
    }

    /// A pattern nested in another: irrefutable ones are fine there.
    fn subpattern(&mut self, pattern: &Pattern, pc: &mut PatternContext) -> Compiled {
        let allow_irrefutable = pc.allow_irrefutable;
        pc.allow_irrefutable = true;
        self.pattern(pattern, pc)?;
        pc.allow_irrefutable = allow_irrefutable;
        Ok(())
    }

    /// Matches the subject on top of the stack against `pattern`, consuming it.
    fn pattern(&mut self, pattern: &Pattern, pc: &mut PatternContext) -> Compiled {
        pc.at = pattern.span;
        self.set_pos(pattern.span);
        match &pattern.kind {
            PatternKind::Value(value) => {
                // The parser lets f-strings through; CPython's compiler rejects them.
                if matches!(value.kind, ExprKind::FString(_)) {
                    return Err(CompileError::syntax(
                        "patterns may only match literals and attribute lookups",
                        pc.at,
                    ));
                }
                self.expr(value)?;
                self.unit().emit(Op::CompareOp, CompareKind::Eq as u32);
                self.jump_to_fail(pc, Op::PopJumpIfFalse);
                Ok(())
            }
            PatternKind::Singleton(value) => {
                self.unit().load_const(constant(value));
                self.unit().emit(Op::IsOp, 0);
                self.jump_to_fail(pc, Op::PopJumpIfFalse);
                Ok(())
            }
            PatternKind::Sequence(patterns) => self.sequence_pattern(patterns, pc),
            PatternKind::Mapping {
                keys,
                patterns,
                rest,
            } => self.mapping_pattern(keys, patterns, rest.as_ref(), pc),
            PatternKind::Class {
                cls,
                patterns,
                kwd_attrs,
                kwd_patterns,
            } => self.class_pattern(cls, patterns, kwd_attrs, kwd_patterns, pc),
            PatternKind::Star(name) => self.capture(name.as_ref(), pc),
            PatternKind::As {
                pattern: None,
                name,
            } => {
                if !pc.allow_irrefutable {
                    let message = match name {
                        Some(name) => format!(
                            "name capture '{}' makes remaining patterns unreachable",
                            name.name
                        ),
                        None => "wildcard makes remaining patterns unreachable".into(),
                    };
                    return Err(CompileError::syntax(message, pc.at));
                }
                self.capture(name.as_ref(), pc)
            }
            PatternKind::As {
                pattern: Some(inner),
                name,
            } => {
                pc.on_top += 1;
                self.unit().emit(Op::Copy, 1);
                self.pattern(inner, pc)?;
                pc.on_top -= 1;
                self.capture(name.as_ref(), pc)
            }
            PatternKind::Or(alternatives) => self.or_pattern(alternatives, pc),
        }
    }

    /// `[p, q, *rest, r]`: a sequence of the right length whose items match.
    fn sequence_pattern(&mut self, patterns: &[Pattern], pc: &mut PatternContext) -> Compiled {
        let size = patterns.len();
        let mut star = None;
        let mut only_wildcard = true;
        let mut star_wildcard = false;
        for (i, pattern) in patterns.iter().enumerate() {
            if let PatternKind::Star(name) = &pattern.kind {
                if star.is_some() {
                    return Err(CompileError::syntax(
                        "multiple starred names in sequence pattern",
                        pc.at,
                    ));
                }
                star_wildcard = name.is_none();
                only_wildcard &= star_wildcard;
                star = Some(i);
                continue;
            }
            only_wildcard &= is_wildcard(pattern);
        }
        pc.on_top += 1;
        self.unit().emit(Op::MatchSequence, 0);
        self.jump_to_fail(pc, Op::PopJumpIfFalse);
        let length_test = match star {
            None => Some((size, CompareKind::Eq)),
            Some(_) if size > 1 => Some((size - 1, CompareKind::Ge)),
            Some(_) => None,
        };
        if let Some((length, test)) = length_test {
            self.unit().emit(Op::GetLen, 0);
            self.unit().load_const(Const::Int(length as i64));
            self.unit().emit(Op::CompareOp, test as u32);
            self.jump_to_fail(pc, Op::PopJumpIfFalse);
        }
        pc.on_top -= 1;
        match star {
            _ if only_wildcard => {
                self.unit().emit(Op::Pop, 0);
                Ok(())
            }
            Some(star) if star_wildcard => self.sequence_by_index(patterns, star, pc),
            _ => self.sequence_by_unpacking(patterns, star, pc),
        }
    }

    /// The items of a sequence pattern matched after unpacking the subject.
    fn sequence_by_unpacking(
        &mut self,
        patterns: &[Pattern],
        star: Option<usize>,
        pc: &mut PatternContext,
    ) -> Compiled {
        let size = patterns.len();
        match star {
            None => self.unit().emit(Op::UnpackSequence, size as u32),
            Some(at) => {
                let after = size - at - 1;
                self.unit()
                    .emit(Op::UnpackEx, at as u32 | (after as u32) << 8);
            }
        }
        pc.on_top += size;
        for pattern in patterns {
            pc.on_top -= 1;
            self.subpattern(pattern, pc)?;
        }
        Ok(())
    }

    /// The items of a sequence pattern with a `*_` matched by indexing the subject (those
    /// after the star from the end, by a non-negative index).
    fn sequence_by_index(
        &mut self,
        patterns: &[Pattern],
        star: usize,
        pc: &mut PatternContext,
    ) -> Compiled {
        let size = patterns.len();
        pc.on_top += 1;
        for (i, pattern) in patterns.iter().enumerate() {
            if i == star || is_wildcard(pattern) {
                continue;
            }
            self.unit().emit(Op::Copy, 1);
            if i < star {
                self.unit().load_const(Const::Int(i as i64));
            } else {
                self.unit().emit(Op::GetLen, 0);
                self.unit().load_const(Const::Int((size - i) as i64));
                self.unit().emit(Op::BinaryOp, BinaryKind::Sub as u32);
            }
            self.unit().emit(Op::BinarySubscr, 0);
            self.subpattern(pattern, pc)?;
        }
        pc.on_top -= 1;
        self.unit().emit(Op::Pop, 0);
        Ok(())
    }

    /// `{key: p, ..., **rest}`: a mapping with every key, whose values match; `rest` gets
    /// a dict of the other items.
    fn mapping_pattern(
        &mut self,
        keys: &[Expr],
        patterns: &[Pattern],
        rest: Option<&Ident>,
        pc: &mut PatternContext,
    ) -> Compiled {
        let size = keys.len();
        pc.on_top += 1;
        self.unit().emit(Op::MatchMapping, 0);
        self.jump_to_fail(pc, Op::PopJumpIfFalse);
        if size == 0 && rest.is_none() {
            pc.on_top -= 1;
            self.unit().emit(Op::Pop, 0);
            return Ok(());
        }
        if size > 0 {
            self.unit().emit(Op::GetLen, 0);
            self.unit().load_const(Const::Int(size as i64));
            self.unit().emit(Op::CompareOp, CompareKind::Ge as u32);
            self.jump_to_fail(pc, Op::PopJumpIfFalse);
        }
        let mut seen: Vec<Key> = Vec::new();
        for key in keys {
            let mut key = key.clone();
            fold_expr(&mut key);
            match literal_key(&key) {
                Some(value) => {
                    if seen.iter().any(|s| s.same(&value)) {
                        return Err(CompileError::syntax(
                            format!("mapping pattern checks duplicate key ({})", value.repr()),
                            pc.at,
                        ));
                    }
                    seen.push(value);
                }
                None if matches!(key.kind, ExprKind::Attribute { .. }) => {}
                None => {
                    return Err(CompileError::syntax(
                        "mapping pattern keys may only match literals and attribute lookups",
                        pc.at,
                    ))
                }
            }
            self.expr(&key)?;
        }
        self.unit().emit(Op::BuildTuple, size as u32);
        self.unit().emit(Op::MatchKeys, 0);
        // The subject, the keys and the values (or None) are on the stack.
        pc.on_top += 2;
        self.fail_if_none(pc);
        self.unit().emit(Op::UnpackSequence, size as u32);
        pc.on_top = pc.on_top + size - 1;
        for pattern in patterns {
            pc.on_top -= 1;
            self.subpattern(pattern, pc)?;
        }
        pc.on_top -= 2;
        match rest {
            Some(rest) => {
                // rest = dict(subject), then del rest[key] for each key.
                self.unit().emit(Op::BuildDict, 0);
                self.unit().emit(Op::Swap, 3);
                self.unit().emit(Op::DictUpdate, 2);
                self.unit().emit(Op::UnpackSequence, size as u32);
                for remaining in (1..=size).rev() {
                    self.unit().emit(Op::Copy, 1 + remaining as u32);
                    self.unit().emit(Op::Swap, 2);
                    self.unit().emit(Op::DeleteSubscr, 0);
                }
                self.capture(Some(rest), pc)
            }
            None => {
                self.unit().emit(Op::Pop, 0);
                self.unit().emit(Op::Pop, 0);
                Ok(())
            }
        }
    }

    /// Fails when the value on top is None (keeping it otherwise).
    fn fail_if_none(&mut self, pc: &mut PatternContext) {
        self.unit().emit(Op::Copy, 1);
        self.unit().load_const(Const::None);
        self.unit().emit(Op::IsOp, 1);
        self.jump_to_fail(pc, Op::PopJumpIfFalse);
    }

    /// `cls(p, ..., attr=q, ...)`: an instance of `cls` whose positional attributes
    /// (`__match_args__`) and named attributes match.
    fn class_pattern(
        &mut self,
        cls: &Expr,
        patterns: &[Pattern],
        kwd_attrs: &[Ident],
        kwd_patterns: &[Pattern],
        pc: &mut PatternContext,
    ) -> Compiled {
        let at = pc.at;
        for (i, attr) in kwd_attrs.iter().enumerate() {
            pc.at = kwd_patterns[i].span;
            if attr.name == "__debug__" {
                return Err(CompileError::syntax("cannot assign to __debug__", pc.at));
            }
            if let Some(j) = (i + 1..kwd_attrs.len()).find(|&j| kwd_attrs[j].name == attr.name) {
                return Err(CompileError::syntax(
                    format!("attribute name repeated in class pattern: {}", attr.name),
                    kwd_patterns[j].span,
                ));
            }
        }
        pc.at = at;
        self.expr(cls)?;
        let names = kwd_attrs
            .iter()
            .map(|attr| Const::Str(attr.name.clone()))
            .collect();
        self.unit().load_const(Const::Tuple(names));
        self.unit().emit(Op::MatchClass, patterns.len() as u32);
        pc.on_top += 1;
        self.fail_if_none(pc);
        let count = patterns.len() + kwd_patterns.len();
        self.unit().emit(Op::UnpackSequence, count as u32);
        pc.on_top = pc.on_top + count - 1;
        for pattern in patterns.iter().chain(kwd_patterns) {
            pc.on_top -= 1;
            if is_wildcard(pattern) {
                self.unit().emit(Op::Pop, 0);
                continue;
            }
            self.subpattern(pattern, pc)?;
        }
        Ok(())
    }

    /// `p | q | ...`: each alternative tried on a copy of the subject; every one must
    /// capture the same names, whose values are reordered to the first one's order.
    fn or_pattern(&mut self, alternatives: &[Pattern], pc: &mut PatternContext) -> Compiled {
        let end = self.unit().label();
        let outer_stores = std::mem::take(&mut pc.stores);
        let outer_fail_pop = std::mem::take(&mut pc.fail_pop);
        let (outer_on_top, outer_allow) = (pc.on_top, pc.allow_irrefutable);
        let mut control: Option<Vec<String>> = None;
        for (i, alternative) in alternatives.iter().enumerate() {
            pc.at = alternative.span;
            self.set_pos(alternative.span);
            pc.stores = Vec::new();
            pc.allow_irrefutable = i + 1 == alternatives.len() && outer_allow;
            pc.on_top = 0;
            self.unit().emit(Op::Copy, 1);
            self.pattern(alternative, pc)?;
            match &control {
                None => control = Some(pc.stores.clone()),
                Some(control) => self.align_stores(control, pc)?,
            }
            self.unit().emit_jump(Op::Jump, end);
            self.emit_fail_pops(pc);
        }
        pc.stores = outer_stores;
        pc.fail_pop = outer_fail_pop;
        pc.on_top = outer_on_top;
        pc.allow_irrefutable = outer_allow;
        // No alternative matched: pop the subject and fail.
        self.unit().emit(Op::Pop, 0);
        self.jump_to_fail(pc, Op::Jump);
        self.unit().place(end);
        let control = control.unwrap_or_default();
        let rotations = control.len() + 1 + pc.on_top + pc.stores.len();
        for name in control {
            self.rotate(rotations);
            if pc.stores.contains(&name) {
                return Err(duplicate_store(&name, pc.at));
            }
            pc.stores.push(name);
        }
        self.unit().emit(Op::Pop, 0);
        Ok(())
    }

    /// Checks that an alternative captured the names of the first one (`control`), and
    /// reorders its values on the stack to the first one's order.
    fn align_stores(&mut self, control: &[String], pc: &mut PatternContext) -> Compiled {
        let different = || CompileError::syntax("alternative patterns bind different names", pc.at);
        if control.len() != pc.stores.len() {
            return Err(different());
        }
        for icontrol in (0..control.len()).rev() {
            let Some(istores) = pc.stores.iter().position(|n| *n == control[icontrol]) else {
                return Err(different());
            };
            if icontrol != istores {
                let rotations = istores + 1;
                let rotated: Vec<String> = pc.stores.drain(..rotations).collect();
                let at = icontrol - istores;
                pc.stores.splice(at..at, rotated);
                for _ in 0..rotations {
                    self.rotate(icontrol + 1);
                }
            }
        }
        Ok(())
    }
}

/// CPython's error for a name captured twice in one pattern.
fn duplicate_store(name: &str, at: Span) -> CompileError {
    CompileError::syntax(
        format!("multiple assignments to name '{name}' in pattern"),
        at,
    )
}

/// A literal key of a mapping pattern as CPython's constant folding makes it (complex
/// literals such as `-1 - 2j` folded too), for the duplicate-key check.
#[derive(Clone)]
enum Key {
    /// `True` or `False` (equal to 1 and 0).
    Bool(bool),
    /// An int.
    Int(BigInt),
    /// A float.
    Float(f64),
    /// A complex number: real and imaginary parts.
    Complex(f64, f64),
    /// Any other constant (a str, bytes or `None`).
    Other(Constant),
}

/// The value of a literal key: a constant, or a negated or complex number literal.
fn literal_key(expr: &Expr) -> Option<Key> {
    match &expr.kind {
        ExprKind::Constant(value) => Some(match value {
            Constant::Bool(b) => Key::Bool(*b),
            Constant::Int(i) => Key::Int(BigInt::from(*i)),
            Constant::BigInt(i) => Key::Int(i.clone()),
            Constant::Float(f) => Key::Float(*f),
            Constant::Imaginary(f) => Key::Complex(0.0, *f),
            other => Key::Other(other.clone()),
        }),
        ExprKind::UnaryOp {
            op: UnaryOp::Neg,
            operand,
        } => match literal_key(operand)? {
            Key::Bool(b) => Some(Key::Int(-BigInt::from(i64::from(b)))),
            Key::Int(i) => Some(Key::Int(-i)),
            Key::Float(f) => Some(Key::Float(-f)),
            Key::Complex(re, im) => Some(Key::Complex(-re, -im)),
            Key::Other(_) => None,
        },
        ExprKind::BinOp { left, op, right } => {
            let (a_re, a_im) = literal_key(left)?.as_complex()?;
            let (b_re, b_im) = literal_key(right)?.as_complex()?;
            match op {
                BinOp::Add => Some(Key::Complex(a_re + b_re, a_im + b_im)),
                BinOp::Sub => Some(Key::Complex(a_re - b_re, a_im - b_im)),
                _ => None,
            }
        }
        _ => None,
    }
}

impl Key {
    /// The number as a complex one (`None` for other constants).
    fn as_complex(&self) -> Option<(f64, f64)> {
        match self.numeric() {
            Key::Int(i) => Some((i.to_f64().unwrap_or(f64::INFINITY), 0.0)),
            Key::Float(f) => Some((f, 0.0)),
            Key::Complex(re, im) => Some((re, im)),
            Key::Bool(_) | Key::Other(_) => None,
        }
    }

    /// The key with a bool as the int it equals.
    fn numeric(&self) -> Key {
        match self {
            Key::Bool(b) => Key::Int(BigInt::from(i64::from(*b))),
            other => other.clone(),
        }
    }

    /// Whether two keys are the same key of a dict (equal, as `==` says).
    fn same(&self, other: &Key) -> bool {
        match (&self.numeric(), &other.numeric()) {
            (Key::Other(a), Key::Other(b)) => a == b,
            (Key::Other(_), _) | (_, Key::Other(_)) => false,
            (Key::Int(a), Key::Int(b)) => a == b,
            (Key::Float(a), Key::Float(b)) => a == b,
            (Key::Int(i), Key::Float(f)) | (Key::Float(f), Key::Int(i)) => {
                f.is_finite() && f.fract() == 0.0 && float_to_bigint(*f) == *i
            }
            (Key::Complex(re, im), real) | (real, Key::Complex(re, im)) => match real {
                Key::Complex(re2, im2) => re == re2 && im == im2,
                _ => *im == 0.0 && Key::Float(*re).same(real),
            },
            (Key::Bool(_), _) | (_, Key::Bool(_)) => false,
        }
    }

    /// `repr()` of the key, for the duplicate-key message.
    fn repr(&self) -> String {
        match self {
            Key::Bool(true) => "True".into(),
            Key::Bool(false) => "False".into(),
            Key::Int(i) => i.to_string(),
            Key::Float(f) => float_repr(*f),
            Key::Complex(re, im) => repr_parts(*re, *im),
            Key::Other(Constant::Str(s)) => str_repr(s),
            Key::Other(Constant::Bytes(b)) => repr_bytes(b, false),
            // `None` is the only other literal a pattern can hold.
            Key::Other(_) => "None".into(),
        }
    }
}
