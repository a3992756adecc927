//! Numbers: int and number (int or float) expressions whose bound on their magnitude keeps
//! them far from overflow, and the updates of numeric variables.

use super::env::{Ty, Var};
use super::expr::{int_literal, Expr, INT_CAP, LEN_CAP, LIMIT, NUM_CAP, STR_CAP};
use super::gen::{Gen, Method, Place};

#[derive(Clone, Copy)]
enum IntForm {
    Leaf,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    And,
    Or,
    Xor,
    Shl,
    Shr,
    Neg,
    Invert,
    Select,
    MinMax,
    Abs,
    FromNum,
}

#[derive(Clone, Copy)]
enum IntLeaf {
    Literal,
    Var,
    Len,
    Item,
    StrLen,
    DictGet,
    KeyCount,
    Field,
    MethodCall,
    SuperCall,
    Call,
    ValueCall,
}

#[derive(Clone, Copy)]
enum NumForm {
    Int,
    Field,
    Float,
    Var,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    MinMax,
    Math,
}

impl Gen {
    /// An int expression of at most `depth` operators.
    pub fn int(&mut self, depth: u32) -> Expr {
        use IntForm::*;
        if depth == 0 {
            return self.int_leaf();
        }
        let d = depth - 1;
        let form = self.rng.weighted(&[
            (30, Leaf),
            (16, Add),
            (8, Sub),
            (8, Mul),
            (4, Div),
            (6, Mod),
            (4, And),
            (3, Or),
            (3, Xor),
            (2, Shl),
            (3, Shr),
            (2, Neg),
            (1, Invert),
            (3, Select),
            (3, MinMax),
            (1, Abs),
            (4, FromNum),
        ]);
        match form {
            Leaf => self.int_leaf(),
            Add | Sub => {
                let (a, b) = (tame(self.int(d)), tame(self.int(d)));
                let bound = a.bound + b.bound;
                a.binary(if matches!(form, Add) { "+" } else { "-" }, b, bound)
            }
            Mul => {
                let (a, b) = (self.int(d), self.int(d));
                product(a, b)
            }
            Div => {
                let a = self.int(d);
                let divisor = self.int_divisor(d);
                let bound = a.bound;
                a.binary("/", divisor, bound)
            }
            Mod => {
                let a = self.int(d);
                let modulus = self.int_divisor(d);
                let bound = modulus.bound;
                a.binary("%", modulus, bound)
            }
            And => {
                let a = self.int(d);
                if self.rng.chance(50) {
                    let mask = *self.rng.pick(&[1, 7, 255, 1023, 65535]);
                    a.binary("&", Expr::new(mask.to_string(), 0.0), mask as f64)
                } else {
                    let (a, b) = (tame(a), tame(self.int(d)));
                    let bound = 2.0 * a.bound.max(b.bound);
                    a.binary("&", b, bound)
                }
            }
            Or | Xor => {
                let (a, b) = (tame(self.int(d)), tame(self.int(d)));
                let bound = 4.0 * a.bound.max(b.bound) + 1.0;
                a.binary(if matches!(form, Or) { "|" } else { "^" }, b, bound)
            }
            Shl => {
                let shift = self.rng.range(0, 10);
                let mut a = self.int(d);
                if a.bound * 2f64.powi(shift as i32) > LIMIT {
                    a = a.reduced(65536);
                }
                let bound = a.bound * 2f64.powi(shift as i32);
                a.binary("<<", int_literal(shift), bound)
            }
            Shr => {
                let a = self.int(d);
                let shift = if self.rng.chance(60) {
                    int_literal(self.rng.range(0, 20))
                } else {
                    self.int(0).binary("&", Expr::new("31", 0.0), 31.0)
                };
                let bound = a.bound;
                a.binary(">>", shift, bound)
            }
            Neg | Invert => {
                let a = self.int(d);
                let op = if matches!(form, Neg) { "-" } else { "~" };
                Expr {
                    text: format!("({op}{})", a.text),
                    bound: a.bound + 1.0,
                    cost: a.cost,
                }
            }
            Select => {
                let cond = self.cond(0);
                let (a, b) = (self.int(d), self.int(d));
                Expr {
                    text: format!("({} and {} or {})", cond.text, a.text, b.text),
                    bound: a.bound.max(b.bound),
                    cost: cond.cost + a.cost + b.cost,
                }
            }
            MinMax => {
                let (a, b) = (self.int(d), self.int(d));
                two_arg_call(if self.rng.chance(50) { "min" } else { "max" }, a, b)
            }
            Abs => {
                let a = self.int(d);
                let bound = a.bound;
                a.call("abs", bound)
            }
            FromNum => {
                let n = self.num(d);
                let bound = n.bound + 1.0;
                let name = *self.rng.pick(&["floor", "ceil", "int"]);
                n.call(name, bound)
            }
        }
    }

    /// A divisor that is never zero: a positive literal or `(abs(e) + 1)`.
    fn int_divisor(&mut self, depth: u32) -> Expr {
        if self.rng.chance(70) {
            int_literal(self.rng.range(1, 1000))
        } else {
            let e = self.int(depth);
            let bound = e.bound + 1.0;
            Expr {
                text: format!("(abs({}) + 1)", e.text),
                bound,
                cost: e.cost,
            }
        }
    }

    /// An int without operators: a literal, a variable, an item, a field, a call, ...
    fn int_leaf(&mut self) -> Expr {
        use IntLeaf::*;
        let ints = self.vars_of(Ty::Int);
        let arrays = self.vars_of(Ty::Ints);
        let dicts = self.vars_of(Ty::Dict);
        let in_method =
            matches!(self.ctx.place, Place::Method { method, .. } if method != Method::Init);
        let objects = !self.vars_of(Ty::Obj).is_empty() || !self.vars_of(Ty::Objs).is_empty();
        let calls = self.callable().next().is_some();
        let values = !self.vars_of(Ty::Func).is_empty() || !self.vars_of(Ty::Funcs).is_empty();
        let has_super = self.super_method().is_some();
        let form = self.rng.weighted(&[
            (16, Literal),
            (if ints.is_empty() { 0 } else { 50 }, Var),
            (if arrays.is_empty() { 0 } else { 2 }, Len),
            (if arrays.is_empty() { 0 } else { 5 }, Item),
            (1, StrLen),
            (if dicts.is_empty() { 0 } else { 2 }, DictGet),
            (if dicts.is_empty() { 0 } else { 1 }, KeyCount),
            (if objects || in_method { 5 } else { 0 }, Field),
            (if objects || in_method { 3 } else { 0 }, MethodCall),
            (if has_super { 4 } else { 0 }, SuperCall),
            (if calls { 4 } else { 0 }, Call),
            (if values { 3 } else { 0 }, ValueCall),
        ]);
        match form {
            Literal => {
                let value = match self.rng.below(10) {
                    0 => -self.rng.range(1, 20),
                    1 => self.rng.range(100, 99_999),
                    _ => self.rng.range(0, 99),
                };
                int_literal(value)
            }
            Var => {
                let var = self.rng.pick(&ints).clone();
                Expr::new(var.name, var.trip.map_or(INT_CAP, |trip| trip as f64))
            }
            Len => Expr::new(format!("len({})", self.rng.pick(&arrays).name), LEN_CAP),
            Item => {
                let array = self.rng.pick(&arrays).name.clone();
                let index = self.index(&array);
                Expr::new(format!("{array}[{}]", index.text), INT_CAP).costing(index.cost)
            }
            StrLen => {
                let s = self.string(0);
                let bound = s.bound;
                s.call("len", bound)
            }
            DictGet => {
                let dict = self.rng.pick(&dicts).name.clone();
                let key = self.key();
                let default = self.rng.range(0, 9);
                Expr::new(format!("get({dict}, {key}, {default})"), INT_CAP)
            }
            KeyCount => Expr::new(format!("len(keys({}))", self.rng.pick(&dicts).name), 10.0),
            Field => {
                let (object, fields) = self.field_owner();
                let field = self.rng.pick(&fields);
                Expr::new(format!("{}.{field}", object.text), INT_CAP).costing(object.cost)
            }
            MethodCall => self.method_call(),
            SuperCall => self.super_call(),
            Call => self.call(),
            ValueCall => {
                let f = self.func_value();
                let arg = self.arg();
                Expr::new(format!("{}({})", f.text, arg.text), INT_CAP).costing(f.cost + arg.cost)
            }
        }
    }

    /// A new value for `var` computed from its current one (`v + e`, `v ^ e`, `v + s`,
    /// `not v`, ...), capped; `None` for types without such updates.
    pub fn accumulated(&mut self, var: &Var) -> Option<Expr> {
        let current = Expr::new(var.name.clone(), INT_CAP);
        let value = match var.ty {
            Ty::Int => {
                let e = tame(self.int(1));
                let bound = current.bound + e.bound;
                match self.rng.below(5) {
                    0 => product(current, e),
                    1 => current.binary("^", e, 4.0 * bound),
                    2 => current.binary("-", e, bound),
                    _ => current.binary("+", e, bound),
                }
            }
            Ty::Num => {
                let current = Expr::new(var.name.clone(), NUM_CAP);
                let e = tame(self.num(1));
                let bound = current.bound + e.bound;
                if self.rng.chance(30) {
                    product(current, e)
                } else {
                    current.binary("+", e, bound)
                }
            }
            Ty::Str => {
                let current = Expr::new(var.name.clone(), STR_CAP);
                let s = self.string(0);
                let bound = current.bound + s.bound;
                current.binary("+", s, bound)
            }
            Ty::Bool => Expr::new(format!("(not {})", var.name), 0.0),
            _ => return None,
        };
        Some(self.capped(var.ty, value))
    }

    /// A number (int or float) expression of at most `depth` operators.
    pub fn num(&mut self, depth: u32) -> Expr {
        use NumForm::*;
        let vars = self.vars_of(Ty::Num);
        let leaf_only = depth == 0;
        let objects = match self.ctx.place {
            Place::Method { method, .. } => method != Method::Init,
            Place::Leaf { .. } => false,
            Place::Top | Place::Driver => {
                !self.vars_of(Ty::Obj).is_empty() || !self.vars_of(Ty::Objs).is_empty()
            }
        };
        let form = self.rng.weighted(&[
            (20, Int),
            (if objects { 5 } else { 0 }, Field),
            (12, Float),
            (if vars.is_empty() { 0 } else { 25 }, Var),
            (if leaf_only { 0 } else { 14 }, Add),
            (if leaf_only { 0 } else { 6 }, Sub),
            (if leaf_only { 0 } else { 8 }, Mul),
            (if leaf_only { 0 } else { 5 }, Div),
            (if leaf_only { 0 } else { 3 }, Mod),
            (if leaf_only { 0 } else { 2 }, MinMax),
            (if leaf_only { 0 } else { 8 }, Math),
        ]);
        let d = depth.saturating_sub(1);
        match form {
            Int => {
                let e = self.int(d);
                if self.rng.chance(20) {
                    let bound = e.bound;
                    e.call("float", bound)
                } else {
                    e
                }
            }
            Field => {
                let (object, _) = self.field_owner();
                Expr::new(format!("{}.f", object.text), NUM_CAP).costing(object.cost)
            }
            Float => {
                let whole = self.rng.range(0, 99);
                let fraction = self.rng.pick(&["0", "5", "25", "125", "1", "75", "3"]);
                Expr::new(format!("{whole}.{fraction}"), whole as f64 + 1.0)
            }
            Var => Expr::new(self.rng.pick(&vars).name.clone(), NUM_CAP),
            Add | Sub => {
                let (a, b) = (tame(self.num(d)), tame(self.num(d)));
                let bound = a.bound + b.bound;
                a.binary(if matches!(form, Add) { "+" } else { "-" }, b, bound)
            }
            Mul => {
                let (a, b) = (self.num(d), self.num(d));
                product(a, b)
            }
            Div | Mod => {
                let a = self.num(d);
                let divisor = if self.rng.chance(50) {
                    Expr::new(*self.rng.pick(&["1.5", "2.0", "2.5", "4.0", "3", "7"]), 7.0)
                } else {
                    let e = self.num(0);
                    let bound = e.bound + 1.0;
                    Expr::new(format!("(abs({}) + 1)", e.text), bound).costing(e.cost)
                };
                if matches!(form, Div) {
                    let bound = a.bound;
                    a.binary("/", divisor, bound)
                } else {
                    let bound = divisor.bound;
                    a.binary("%", divisor, bound)
                }
            }
            MinMax => {
                let (a, b) = (self.num(d), self.num(d));
                two_arg_call(if self.rng.chance(50) { "min" } else { "max" }, a, b)
            }
            Math => self.math(d),
        }
    }

    /// A math builtin of numbers, with arguments in its domain.
    fn math(&mut self, depth: u32) -> Expr {
        let a = self.num(depth);
        match self.rng.below(8) {
            0 => {
                let bound = a.bound.sqrt() + 1.0;
                Expr::new(format!("sqrt(abs({}))", a.text), bound).costing(a.cost)
            }
            1 => {
                let name = *self.rng.pick(&["sin", "cos"]);
                a.call(name, 1.0)
            }
            2 => a.call("atan", 2.0),
            3 => {
                let bound = (a.bound + 1.0).ln() + 1.0;
                Expr::new(format!("log(abs({}) + 1)", a.text), bound).costing(a.cost)
            }
            4 => {
                let b = self.num(depth);
                let bound = a.bound + b.bound;
                let cost = a.cost + b.cost;
                Expr::new(format!("hypot({}, {})", a.text, b.text), bound).costing(cost)
            }
            5 => Expr::new(format!("exp(({} % 3.0))", a.text), 21.0).costing(a.cost),
            6 => Expr::new(format!("pow(({} % 4), 2)", a.text), 16.0).costing(a.cost),
            _ => {
                let b = self.num(depth);
                let cost = a.cost + b.cost;
                Expr::new(format!("atan2({}, {})", a.text, b.text), 4.0).costing(cost)
            }
        }
    }
}

/// `e`, reduced if it is so large that adding to it could overflow.
fn tame(e: Expr) -> Expr {
    if e.bound > LIMIT / 1000.0 {
        e.reduced(1_000_003)
    } else {
        e
    }
}

/// `(a * b)`, an operand reduced first if the product could overflow.
fn product(mut a: Expr, mut b: Expr) -> Expr {
    if a.bound * b.bound > LIMIT {
        b = b.reduced(1000);
    }
    if a.bound * b.bound > LIMIT {
        a = a.reduced(1_000_000);
    }
    let bound = a.bound * b.bound;
    a.binary("*", b, bound)
}

/// `name(a, b)` for `min` and `max`.
fn two_arg_call(name: &str, a: Expr, b: Expr) -> Expr {
    Expr {
        text: format!("{name}({}, {})", a.text, b.text),
        bound: a.bound.max(b.bound),
        cost: a.cost + b.cost,
    }
}
