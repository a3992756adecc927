//! Conditions: comparisons, branches that flip after some iterations of a loop, membership,
//! flags, and their combinations.

use super::env::Ty;
use super::expr::Expr;
use super::gen::Gen;

#[derive(Clone, Copy)]
enum CondForm {
    Compare,
    Flip,
    StrCompare,
    HasKey,
    InList,
    Substring,
    BoolVar,
    Not,
    AndOr,
    Truthy,
    TypeIs,
}

impl Gen {
    /// A condition; `depth` bounds the nesting of `and`, `or` and `not`.
    pub fn cond(&mut self, depth: u32) -> Expr {
        use CondForm::*;
        let in_loop = !self.ctx.loops.is_empty();
        let dicts = self.vars_of(Ty::Dict);
        let bools = self.vars_of(Ty::Bool);
        let objects = !self.vars_of(Ty::Obj).is_empty() || !self.vars_of(Ty::Objs).is_empty();
        let form = self.rng.weighted(&[
            (30, Compare),
            (if in_loop { 40 } else { 0 }, Flip),
            (4, StrCompare),
            (if dicts.is_empty() { 0 } else { 5 }, HasKey),
            (3, InList),
            (2, Substring),
            (if bools.is_empty() { 0 } else { 8 }, BoolVar),
            (if depth == 0 { 0 } else { 4 }, Not),
            (if depth == 0 { 0 } else { 8 }, AndOr),
            (4, Truthy),
            (if objects { 3 } else { 0 }, TypeIs),
        ]);
        let d = depth.saturating_sub(1);
        match form {
            Compare => {
                let (a, b) = if self.rng.chance(70) {
                    (self.int(1), self.int(1))
                } else {
                    (self.num(1), self.num(1))
                };
                let op = self.rng.pick(&["<", "<=", ">", ">=", "==", "!="]);
                let cost = a.cost + b.cost;
                Expr::new(format!("{} {op} {}", a.text, b.text), 0.0).costing(cost)
            }
            Flip => {
                let (counter, trip) = self.rng.pick(&self.ctx.loops).clone();
                let k = self.rng.range(1, (trip as i64 - 1).max(1));
                let text = match self.rng.below(6) {
                    0 | 1 => format!("{counter} > {k}"),
                    2 => format!("{counter} == {k}"),
                    3 => format!("{counter} < {k}"),
                    4 => format!("{counter} >= {k}"),
                    _ => {
                        let period = self.rng.range(2, 9);
                        format!(
                            "({counter} % {period}) == {}",
                            self.rng.range(0, period - 1)
                        )
                    }
                };
                Expr::new(text, 0.0)
            }
            StrCompare => {
                let (a, b) = (self.string(1), self.string(0));
                let op = self.rng.pick(&["==", "!=", "<", ">="]);
                let cost = a.cost + b.cost;
                Expr::new(format!("{} {op} {}", a.text, b.text), 0.0).costing(cost)
            }
            HasKey => {
                let key = self.key();
                Expr::new(format!("{key} in {}", self.rng.pick(&dicts).name), 0.0)
            }
            InList => {
                let e = self.int(1);
                let items: Vec<String> = (0..self.rng.range(1, 4))
                    .map(|_| self.rng.range(0, 9).to_string())
                    .collect();
                Expr::new(format!("{} in [{}]", e.text, items.join(", ")), 0.0).costing(e.cost)
            }
            Substring => {
                let s = self.string(1);
                let needle = self.rng.pick(&["\"a\"", "\"1\"", "\"-\"", "\"\""]);
                Expr::new(format!("{needle} in {}", s.text), 0.0).costing(s.cost)
            }
            BoolVar => Expr::new(self.rng.pick(&bools).name.clone(), 0.0),
            Not => {
                let c = self.cond(d);
                Expr::new(format!("(not {})", c.text), 0.0).costing(c.cost)
            }
            AndOr => {
                let (a, b) = (self.cond(d), self.cond(d));
                let op = if self.rng.chance(50) { "and" } else { "or" };
                let cost = a.cost + b.cost;
                Expr::new(format!("({} {op} {})", a.text, b.text), 0.0).costing(cost)
            }
            Truthy => {
                let e = self.int(1);
                Expr::new(format!("({} % 3)", e.text), 0.0).costing(e.cost)
            }
            TypeIs => {
                let o = self.instance();
                let class = self.rng.pick(&self.env.classes).name.clone();
                Expr::new(format!("type({}) == \"{class}\"", o.text), 0.0).costing(o.cost)
            }
        }
    }
}
