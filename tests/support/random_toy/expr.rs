//! Expressions: [`Expr`], the value of each type (numbers in `arith.rs`, conditions in
//! `cond.rs`, objects and function values in `calls.rs`), strings and collections. A number
//! carries a bound on its magnitude (a string one on its length) so that arithmetic never
//! overflows by accident, and a value stored in a variable is reduced below its type's cap
//! ([`Gen::capped`]). Divisors are never zero, indexes always in range; only the operations
//! of `risky.rs` throw.

use super::env::{Ty, Var, KEYS};
use super::gen::{Gen, Place};

/// The bound of an int variable or field.
pub const INT_CAP: f64 = 2_147_483_648.0;
/// The bound of a number variable.
pub const NUM_CAP: f64 = 1e6;
/// The bound of a string variable's length.
pub const STR_CAP: f64 = 24.0;
/// The bound of any int expression: far from `i64::MAX`.
pub const LIMIT: f64 = 1e18;
/// The bound of an array's length (arrays grow by at most one item per statement run).
pub const LEN_CAP: f64 = 1e5;

/// Generated code for a value.
pub struct Expr {
    /// The source text (parenthesized unless it is a leaf or a call).
    pub text: String,
    /// The magnitude of a number, the length of a string (else 0).
    pub bound: f64,
    /// Statements the calls in it run, at most.
    pub cost: u64,
}

impl Expr {
    /// An expression without calls.
    pub fn new(text: impl Into<String>, bound: f64) -> Expr {
        Expr {
            text: text.into(),
            bound,
            cost: 0,
        }
    }

    pub fn costing(mut self, cost: u64) -> Expr {
        self.cost += cost;
        self
    }

    /// `(self op other)`.
    pub fn binary(self, op: &str, other: Expr, bound: f64) -> Expr {
        Expr {
            text: format!("({} {op} {})", self.text, other.text),
            bound,
            cost: self.cost + other.cost,
        }
    }

    /// `name(self)`.
    pub fn call(self, name: &str, bound: f64) -> Expr {
        Expr {
            text: format!("{name}({})", self.text),
            bound,
            cost: self.cost,
        }
    }

    /// `(self % modulus)`: a number in `0..modulus`.
    pub fn reduced(self, modulus: i64) -> Expr {
        Expr {
            text: format!("({} % {modulus})", self.text),
            bound: modulus as f64,
            cost: self.cost,
        }
    }
}

/// An int literal (negative ones in parentheses).
pub fn int_literal(value: i64) -> Expr {
    let text = if value < 0 {
        format!("({value})")
    } else {
        value.to_string()
    };
    Expr::new(text, value.unsigned_abs() as f64)
}

#[derive(Clone, Copy)]
enum StrForm {
    Literal,
    Item,
    Var,
    FromInt,
    FromNum,
    Type,
    Chr,
    Slice,
    Concat,
}

impl Gen {
    /// The types of values code may touch here: functions see no objects and no function
    /// values (they run while the prelude builds those), methods no other objects.
    pub fn types_here(&self) -> &'static [Ty] {
        use Ty::*;
        match self.ctx.place {
            Place::Leaf { .. } => &[Int, Num, Bool, Str, Ints, Items, Dict],
            Place::Method { .. } => &[Int, Num, Bool, Str, Ints, Items, Dict, Func, Funcs],
            Place::Top | Place::Driver => &[
                Int, Num, Bool, Str, Ints, Items, Dict, Obj, Class, Func, Objs, Funcs,
            ],
        }
    }

    /// The variables of type `ty` code may use here.
    pub fn vars_of(&self, ty: Ty) -> Vec<Var> {
        if self.types_here().contains(&ty) {
            self.env.of(ty)
        } else {
            Vec::new()
        }
    }

    /// A value of type `ty`.
    pub fn value(&mut self, ty: Ty) -> Expr {
        let depth = if self.rng.chance(30) { 2 } else { 1 };
        match ty {
            Ty::Int => self.int(depth),
            Ty::Num => self.num(depth),
            Ty::Bool => {
                let cond = self.cond(1);
                Expr::new(cond.text, 0.0).costing(cond.cost)
            }
            Ty::Str => self.string(1),
            Ty::Ints => self.ints(),
            Ty::Items => self.items(),
            Ty::Dict => self.dict(),
            Ty::Obj => self.obj(),
            Ty::Class => self.class(),
            Ty::Func => self.func(),
            Ty::Objs => self.objs(),
            Ty::Funcs => self.funcs(),
        }
    }

    /// `value` reduced below the cap of `ty`, to be stored in a variable or field.
    pub fn capped(&mut self, ty: Ty, value: Expr) -> Expr {
        match ty {
            Ty::Int if value.bound > INT_CAP => {
                if self.rng.chance(75) {
                    let modulus =
                        *self
                            .rng
                            .pick(&[97, 1000, 10007, 65536, 1_000_003, 2_147_483_647]);
                    value.reduced(modulus)
                } else {
                    let mask = *self.rng.pick(&[255, 4095, 65535]);
                    value.binary("&", Expr::new(mask.to_string(), 0.0), mask as f64)
                }
            }
            Ty::Num if value.bound > NUM_CAP => {
                let modulus = *self.rng.pick(&["1000", "997.5", "65536"]);
                let bound = modulus.parse::<f64>().unwrap_or(NUM_CAP);
                value.binary("%", Expr::new(modulus, 0.0), bound)
            }
            Ty::Str if value.bound > STR_CAP => {
                let text = if self.rng.chance(50) {
                    format!("slice({}, -16, 100)", value.text)
                } else {
                    format!("slice({}, 0, 12)", value.text)
                };
                Expr {
                    text,
                    bound: 16.0,
                    cost: value.cost,
                }
            }
            _ => value,
        }
    }

    /// How a print shows variable `var`: never a whole array (it may be long).
    pub fn shown(&self, var: &Var) -> String {
        let name = &var.name;
        match var.ty {
            Ty::Ints | Ty::Items => format!("len({name}), {name}[len({name}) - 1]"),
            Ty::Objs | Ty::Funcs => format!("len({name})"),
            Ty::Obj => format!("{name}.a, {name}.b, {name}.f"),
            _ => name.clone(),
        }
    }

    /// `(e % len(array))`: an index in range of the non-empty `array`.
    pub fn index(&mut self, array: &str) -> Expr {
        let e = self.simple();
        Expr::new(format!("({} % len({array}))", e.text), LEN_CAP)
    }

    /// A literal or an int variable, a loop counter more often than not: what arguments and
    /// indexes mostly are.
    pub fn simple(&mut self) -> Expr {
        if let Some((counter, trip)) = self.ctx.loops.last() {
            if self.rng.chance(50) {
                return Expr::new(counter.clone(), *trip as f64);
            }
        }
        let ints = self.vars_of(Ty::Int);
        if ints.is_empty() || self.rng.chance(25) {
            return int_literal(self.rng.range(0, 99));
        }
        let var = self.rng.pick(&ints);
        Expr::new(
            var.name.clone(),
            var.trip.map_or(INT_CAP, |trip| trip as f64),
        )
    }

    /// An int argument of a call: within [`INT_CAP`], as parameters are.
    pub fn arg(&mut self) -> Expr {
        if self.rng.chance(75) {
            return self.simple();
        }
        let e = self.int(1);
        self.capped(Ty::Int, e)
    }

    /// A dict key.
    pub fn key(&mut self) -> &'static str {
        let key: &&'static str = self.rng.pick(&KEYS);
        key
    }

    /// A string expression of at most `depth` concatenations.
    pub fn string(&mut self, depth: u32) -> Expr {
        use StrForm::*;
        let vars = self.vars_of(Ty::Str);
        let items = self.vars_of(Ty::Items);
        let form = self.rng.weighted(&[
            (12, Literal),
            (if items.is_empty() { 0 } else { 5 }, Item),
            (if vars.is_empty() { 0 } else { 20 }, Var),
            (8, FromInt),
            (5, FromNum),
            (3, Type),
            (3, Chr),
            (4, Slice),
            (if depth == 0 { 0 } else { 12 }, Concat),
        ]);
        let d = depth.saturating_sub(1);
        match form {
            Literal => {
                let text = *self.rng.pick(&[
                    "\"a\"",
                    "\"xy\"",
                    "\"toy\"",
                    "\"\"",
                    "\"k1\"",
                    "\"hello\"",
                    "\"a-b\"",
                ]);
                Expr::new(text, 5.0)
            }
            Var => Expr::new(self.rng.pick(&vars).name.clone(), STR_CAP),
            Item => {
                // `str` of an item: its type changes from one item to the next.
                let array = self.rng.pick(&items).name.clone();
                let index = self.index(&array);
                let conversion = *self.rng.pick(&["str", "type"]);
                Expr::new(format!("{conversion}({array}[{}])", index.text), 40.0)
            }
            FromInt => self.int(1).call("str", 20.0),
            FromNum => self.num(1).call("str", 24.0),
            Type => {
                let allowed = self.types_here();
                let names: Vec<String> = self
                    .env
                    .vars()
                    .filter(|v| allowed.contains(&v.ty))
                    .map(|v| v.name.clone())
                    .collect();
                match names.is_empty() {
                    true => Expr::new("type(nil)", 3.0),
                    false => Expr::new(format!("type({})", self.rng.pick(&names)), 10.0),
                }
            }
            Chr => {
                let e = self.int(1);
                Expr::new(format!("chr((65 + ({} % 26)))", e.text), 1.0).costing(e.cost)
            }
            Slice => {
                let s = self.string(d);
                let (start, end) = (self.rng.range(-5, 5), self.rng.range(-3, 12));
                let bound = s.bound;
                Expr::new(format!("slice({}, {start}, {end})", s.text), bound).costing(s.cost)
            }
            Concat => {
                let (a, b) = (self.string(d), self.string(d));
                let bound = a.bound + b.bound;
                a.binary("+", b, bound)
            }
        }
    }

    /// A non-empty array of ints.
    pub fn ints(&mut self) -> Expr {
        let vars = self.vars_of(Ty::Ints);
        if !vars.is_empty() && self.rng.chance(40) {
            return Expr::new(self.rng.pick(&vars).name.clone(), 0.0);
        }
        let items: Vec<Expr> = (0..self.rng.range(1, 4)).map(|_| self.arg()).collect();
        list(items)
    }

    /// A non-empty array of values of any type.
    pub fn items(&mut self) -> Expr {
        let vars = self.vars_of(Ty::Items);
        if !vars.is_empty() && self.rng.chance(40) {
            return Expr::new(self.rng.pick(&vars).name.clone(), 0.0);
        }
        let items: Vec<Expr> = (0..self.rng.range(1, 3)).map(|_| self.any()).collect();
        list(items)
    }

    /// A value of any type that an array of [`Ty::Items`] holds.
    pub fn any(&mut self) -> Expr {
        match self.rng.below(7) {
            0 | 1 => self.arg(),
            2 => {
                let n = self.num(1);
                self.capped(Ty::Num, n)
            }
            3 => self.string(0),
            4 => self.cond(0),
            5 => Expr::new("nil", 0.0),
            _ => {
                // A new array (never one that may grow long: items are printed).
                let items: Vec<Expr> = (0..self.rng.range(1, 3)).map(|_| self.arg()).collect();
                list(items)
            }
        }
    }

    /// A dict from keys of [`KEYS`] to ints.
    pub fn dict(&mut self) -> Expr {
        let vars = self.vars_of(Ty::Dict);
        if !vars.is_empty() && self.rng.chance(40) {
            return Expr::new(self.rng.pick(&vars).name.clone(), 0.0);
        }
        let mut cost = 0;
        let entries: Vec<String> = (0..self.rng.range(0, 3))
            .map(|_| {
                let key = self.key();
                let value = self.arg();
                cost += value.cost;
                format!("{key}: {}", value.text)
            })
            .collect();
        Expr::new(format!("{{{}}}", entries.join(", ")), 0.0).costing(cost)
    }

    /// A non-empty array of instances.
    pub fn objs(&mut self) -> Expr {
        let vars = self.vars_of(Ty::Objs);
        if !vars.is_empty() && self.rng.chance(60) {
            return Expr::new(self.rng.pick(&vars).name.clone(), 0.0);
        }
        let items: Vec<Expr> = (0..self.rng.range(1, 3)).map(|_| self.obj()).collect();
        list(items)
    }

    /// A non-empty array of function values.
    pub fn funcs(&mut self) -> Expr {
        let vars = self.vars_of(Ty::Funcs);
        if !vars.is_empty() && self.rng.chance(60) {
            return Expr::new(self.rng.pick(&vars).name.clone(), 0.0);
        }
        let items: Vec<Expr> = (0..self.rng.range(1, 3)).map(|_| self.func()).collect();
        list(items)
    }
}

/// `[a, b, ...]`.
fn list(items: Vec<Expr>) -> Expr {
    let cost = items.iter().map(|e| e.cost).sum();
    let texts: Vec<String> = items.into_iter().map(|e| e.text).collect();
    Expr::new(format!("[{}]", texts.join(", ")), 0.0).costing(cost)
}
