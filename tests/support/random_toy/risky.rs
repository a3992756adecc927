//! Operations that throw. In a `try` body they throw for some values only -- a divisor that
//! is zero on some iterations, an index past the end on others -- so compiled code meets
//! both outcomes; [`Gen::uncaught`] ends a program with an error that nothing catches.

use super::env::Ty;
use super::gen::{Gen, Place};

#[derive(Clone, Copy)]
enum Risk {
    DivZero,
    Overflow,
    Index,
    Key,
    Field,
    Method,
    Type,
    Throw,
    Pop,
    Domain,
    Arity,
    Shift,
    Convert,
    ThrowingCall,
    NotCallable,
}

impl Gen {
    /// One statement that throws for some values of a selector (the innermost loop
    /// counter, or an int), or always.
    pub fn risky(&mut self) {
        use Risk::*;
        let s = self.selector();
        let k = self.rng.range(2, 9);
        let arrays = self.vars_of(Ty::Ints);
        let dicts = self.vars_of(Ty::Dict);
        let throwing = self.throwing_funcs();
        let objects = !matches!(self.ctx.place, Place::Leaf { .. });
        let risk = self.rng.weighted(&[
            (10, DivZero),
            (10, Overflow),
            (if arrays.is_empty() { 0 } else { 8 }, Index),
            (if dicts.is_empty() { 0 } else { 5 }, Key),
            (if objects { 5 } else { 0 }, Field),
            (if objects { 5 } else { 0 }, Method),
            (6, Type),
            (10, Throw),
            (3, Pop),
            (5, Domain),
            (if self.env.funcs.is_empty() { 0 } else { 2 }, Arity),
            (3, Shift),
            (3, Convert),
            (if throwing.is_empty() { 0 } else { 10 }, ThrowingCall),
            (1, NotCallable),
        ]);
        let value = match risk {
            DivZero => {
                let a = if self.rng.chance(70) {
                    self.int(1)
                } else {
                    self.num(1)
                };
                let op = if self.rng.chance(70) { "/" } else { "%" };
                format!("({} {op} ({s} % {k}))", a.text)
            }
            Overflow => match self.rng.below(5) {
                0 => format!("(9223372036854775800 + ({s} % {}))", self.rng.range(9, 16)),
                1 => format!("(({s} % 6) * 2305843009213693952)"),
                2 => format!("(1 << ({s} % 70))"),
                3 => format!("(-(-9223372036854775807 - 1 + ({s} % 2)))"),
                _ => format!("abs(-9223372036854775807 - ({s} % 2))"),
            },
            Index => {
                let array = self.rng.pick(&arrays).name.clone();
                match self.rng.chance(70) {
                    true => format!("{array}[({s} % (len({array}) + {k}))]"),
                    false => format!("{array}[(({s} % 3) - 1)]"),
                }
            }
            Key => format!("{}[{}]", self.rng.pick(&dicts).name, self.key()),
            Field | Method => {
                let member = match risk {
                    Field => ["c", "zz"][self.rng.below(2) as usize],
                    _ => ["extra()", "nope()"][self.rng.below(2) as usize],
                };
                // In a method, `self.extra()` may be a subclass's `extra`, which may call the
                // method being generated: a recursion without a bound (each level catching
                // the last one's error, the work grows exponentially). There, a method no
                // class has.
                let member = match (member, self.ctx.place) {
                    ("extra()", Place::Method { .. }) => "nope()",
                    _ => member,
                };
                match self.ctx.place {
                    Place::Method { .. } => format!("self.{member}"),
                    _ => format!("{}.{member}", self.instance().text),
                }
            }
            Type => {
                let error = self.type_error();
                self.sometimes(&s, k, error)
            }
            Throw => {
                let thrown = match self.rng.below(4) {
                    0 => format!("\"boom \" + str({s})"),
                    1 => s.clone(),
                    2 => format!("[{s}, \"x\"]"),
                    _ => format!("{{\"k0\": {s}}}"),
                };
                self.charge(2);
                self.code.open(&format!("if ({s} % {k}) == 0"));
                self.code.line(&format!("throw {thrown};"));
                self.code.close();
                return;
            }
            Pop => match arrays.first() {
                Some(array) => format!("pop(slice({}, 0, ({s} % 2)))", array.name),
                None => self.sometimes(&s, k, "pop([])".to_string()),
            },
            Domain => match self.rng.below(5) {
                0 => format!("sqrt((({s} % 5) - 2))"),
                1 => format!("log(({s} % 3))"),
                2 => format!("asin(({s} % 3))"),
                3 => format!("exp((({s} % 800) + 0.5))"),
                _ => format!("pow(0, (({s} % 2) - 1))"),
            },
            Arity => {
                let func = self.rng.pick(&self.env.funcs).name.clone();
                self.sometimes(&s, k, format!("{func}(1, 2, 3)"))
            }
            Shift => format!("({} << (({s} % 4) - 1))", self.arg().text),
            Convert => match self.rng.below(3) {
                0 => format!("int(slice(\"12a\", 0, ({s} % 4)))"),
                1 => format!("floor((1e300 * ({s} % 2)))"),
                _ => format!("float(slice(\"1.5x\", 0, ({s} % 5)))"),
            },
            ThrowingCall => {
                let index = *self.rng.pick(&throwing);
                let call = self.call_of(index);
                self.charge(call.cost);
                call.text
            }
            NotCallable => self.sometimes(&s, k, format!("({s})(1)")),
        };
        self.charge(2);
        self.evaluate(&value);
    }

    /// `value` on the iterations where `s % k == 0`, else 0 (often), or always.
    fn sometimes(&mut self, s: &str, k: i64, value: String) -> String {
        match self.rng.chance(60) {
            true => format!("((({s} % {k}) == 0) and {value} or 0)"),
            false => value,
        }
    }

    /// Statements evaluating `value`: `let r = VALUE;` and, where code prints, a print of
    /// `r` (in a loop on some iterations only).
    fn evaluate(&mut self, value: &str) {
        let name = self.fresh("r");
        self.code.line(&format!("let {name} = {value};"));
        if self.ctx.prints() {
            self.periodically(&format!("print(\"{name}\", {name});"));
        }
    }

    /// The innermost loop counter (mostly), or an int expression.
    fn selector(&mut self) -> String {
        match self.ctx.loops.last() {
            Some((counter, _)) if self.rng.chance(80) => counter.clone(),
            _ => self.simple().text,
        }
    }

    /// The throwing functions code may call here.
    fn throwing_funcs(&self) -> Vec<usize> {
        let limit = match self.ctx.place {
            Place::Leaf { index } => index,
            _ => self.env.funcs.len(),
        };
        (0..limit)
            .filter(|&i| self.env.funcs[i].throws.is_some())
            .collect()
    }

    /// Ends the program with an uncaught error: a loop (at the top level or in a function
    /// called from there) accumulates for a while, then, on iteration K, fails.
    pub fn uncaught(&mut self) {
        let in_function = self.rng.chance(50);
        let function = self.fresh("fail");
        let acc = self.fresh("u");
        if in_function {
            self.code.open(&format!("fn {function}({acc})"));
        } else {
            self.code.line(&format!("let {acc} = 0;"));
        }
        let counter = self.fresh("i");
        let trip = self.rng.range(50, 2500);
        let k = self.rng.range(1, trip - 1);
        self.code.line(&format!("let {counter} = 0;"));
        self.code.open(&format!("while {counter} < {trip}"));
        self.code.line(&format!("{counter} = {counter} + 1;"));
        self.code
            .line(&format!("{acc} = ({acc} + {counter} * 3) % 1000;"));
        let throwing = self.throwing_funcs();
        let failure = match self.rng.below(7) {
            0 => format!("{acc} = ({acc} + (100 / ({counter} - {k}))) % 1000;"),
            1 => format!("{acc} = ({acc} + (9223372036854775807 - {k} + {counter})) % 1000;"),
            2 => format!("if {counter} == {k} {{ throw \"stop \" + str({acc}); }}"),
            3 => format!("if {counter} == {k} {{ {acc} = {acc} + \"x\"; }}"),
            4 => {
                let array = self.env.of(Ty::Ints)[0].name.clone();
                format!("if {counter} == {k} {{ {acc} = {array}[len({array}) + 1]; }}")
            }
            5 if !throwing.is_empty() => {
                let func = self.env.funcs[throwing[0]].name.clone();
                format!("if {counter} == {k} {{ {acc} = {func}(0); }}")
            }
            _ => {
                let objects = self.env.of(Ty::Objs)[0].name.clone();
                format!("if {counter} == {k} {{ {acc} = {acc} + {objects}[0].nope(); }}")
            }
        };
        self.code.line(&failure);
        self.code.close();
        if in_function {
            self.code.line(&format!("return {acc};"));
            self.code.close();
            self.code.line(&format!("print({function}(1));"));
        }
    }

    /// An expression that is always a type error.
    fn type_error(&mut self) -> String {
        self.rng
            .pick(&[
                "(\"a\" + 1)",
                "(nil + 1)",
                "([1] < 2)",
                "(~1.5)",
                "(\"a\" * 2)",
                "(1 & 2.5)",
                "(-\"a\")",
                "len(5)",
                "sqrt(\"x\")",
                "(1 < \"a\")",
            ])
            .to_string()
    }
}
