//! The statement grammar: one builder per kind of statement, chosen by weight among the kinds
//! allowed where the code is (loops while the work budget lasts, `break` inside loops,
//! `return` inside functions, prints where their number stays small, ...).

use super::env::{Ty, Var};
use super::expr::Expr;
use super::gen::{Gen, Place};

#[derive(Clone, Copy)]
enum Kind {
    Let,
    Assign,
    Print,
    If,
    Loop,
    Try,
    Array,
    Dict,
    Object,
    Global,
    Break,
    Continue,
    Return,
    Call,
}

/// The deepest blocks nest in generated code.
const MAX_DEPTH: u32 = 4;

/// Generated code pushes to an array only while it is shorter than this.
const MAX_PUSHED_LEN: u32 = 200;

impl Gen {
    /// `count` statements.
    pub fn statements(&mut self, count: i64) {
        for _ in 0..count {
            self.statement();
        }
    }

    /// One statement (a compound one spans several lines).
    pub fn statement(&mut self) {
        use Kind::*;
        let in_loop = !self.ctx.loops.is_empty();
        let in_function = self.ctx.place != Place::Top;
        let nested = self.ctx.depth < MAX_DEPTH;
        let objects = !matches!(self.ctx.place, Place::Leaf { .. });
        // Loops in functions and methods are tiny, and rare.
        let loops = match self.ctx.place {
            Place::Leaf { .. } | Place::Method { .. } => 1,
            Place::Top | Place::Driver => 9,
        };
        let kind = self.rng.weighted(&[
            (12, Let),
            (18, Assign),
            (if self.ctx.prints() { 7 } else { 0 }, Print),
            (if nested { 10 } else { 0 }, If),
            (if nested && self.can_loop() { loops } else { 0 }, Loop),
            (if nested { 6 } else { 0 }, Try),
            (5, Array),
            (4, Dict),
            (if objects { 5 } else { 0 }, Object),
            (if in_loop { 10 } else { 5 }, Global),
            (if in_loop { 2 } else { 0 }, Break),
            (if in_loop { 2 } else { 0 }, Continue),
            (if in_function { 2 } else { 0 }, Return),
            (4, Call),
        ]);
        match kind {
            Let => self.let_statement(),
            Assign => self.assignment(),
            Print => self.print_statement(),
            If => self.if_statement(),
            Loop => self.loop_statement(),
            Try => self.try_statement(),
            Array => self.array_statement(),
            Dict => self.dict_statement(),
            Object => self.object_statement(),
            Global => self.global_statement(),
            Break => self.exit("break;"),
            Continue => self.exit("continue;"),
            Return => {
                let value = self.arg();
                self.exit(&format!("return {};", value.text));
            }
            Call => self.call_statement(),
        }
    }

    /// `let NAME = VALUE;` of a type allowed here.
    pub fn let_statement(&mut self) {
        use Ty::*;
        let allowed = self.types_here();
        let weights = [
            (30, Int),
            (14, Num),
            (5, Bool),
            (8, Str),
            (8, Ints),
            (4, Items),
            (5, Dict),
            (8, Obj),
            (2, Class),
            (3, Func),
            (1, Objs),
            (1, Funcs),
        ]
        .map(|(w, ty)| (if allowed.contains(&ty) { w } else { 0 }, ty));
        let ty = self.rng.weighted(&weights);
        let value = self.value(ty);
        let value = self.capped(ty, value);
        let name = self.fresh(prefix(ty));
        self.charge(1 + value.cost);
        self.code.line(&format!("let {name} = {};", value.text));
        self.env.declare(Var::new(name, ty));
    }

    /// `NAME = VALUE;` for a variable in scope, often an update of its value.
    fn assignment(&mut self) {
        let allowed = self.types_here();
        let vars: Vec<Var> = self
            .env
            .vars()
            .filter(|v| v.trip.is_none() && allowed.contains(&v.ty))
            .cloned()
            .collect();
        if vars.is_empty() {
            return self.let_statement();
        }
        let var = self.rng.pick(&vars).clone();
        let value = match self.rng.chance(60) {
            true => self.accumulated(&var),
            false => None,
        };
        let value = match value {
            Some(value) => value,
            None => {
                let value = self.value(var.ty);
                self.capped(var.ty, value)
            }
        };
        self.set(&var.name, value);
    }

    /// `name = value;`, recorded to be printed after the enclosing loop.
    fn set(&mut self, name: &str, value: Expr) {
        self.charge(1 + value.cost);
        self.code.line(&format!("{name} = {};", value.text));
        self.assigned(name);
    }

    /// `print(LABEL, ...)`; in a loop, on some iterations only.
    fn print_statement(&mut self) {
        let mut values = Vec::new();
        for _ in 0..self.rng.range(1, 3) {
            let ty = *self
                .rng
                .pick(&[Ty::Int, Ty::Int, Ty::Num, Ty::Str, Ty::Bool]);
            let vars = self.vars_of(ty);
            values.push(if !vars.is_empty() && self.rng.chance(50) {
                let var = self.rng.pick(&vars).clone();
                self.shown(&var)
            } else {
                self.value(ty).text
            });
        }
        let label = self.fresh("p");
        self.charge(1);
        self.periodically(&format!("print(\"{label}\", {});", values.join(", ")));
    }

    /// `line`; in a loop mostly on a few of its iterations only, so output stays short.
    pub fn periodically(&mut self, line: &str) {
        match self.ctx.loops.last().cloned() {
            Some((counter, trip)) if self.rng.chance(85) => {
                let period = (trip / self.rng.range(3, 8) as u64).max(1);
                self.code.open(&format!("if ({counter} % {period}) == 0"));
                self.code.line(line);
                self.code.close();
            }
            _ => self.code.line(line),
        }
    }

    /// `if COND { ... }`, sometimes with an `else if` and an `else` part.
    fn if_statement(&mut self) {
        let depth = if self.rng.chance(25) { 2 } else { 1 };
        let cond = self.cond(depth);
        self.charge(1 + cond.cost);
        self.code.open(&format!("if {}", cond.text));
        self.branch();
        if self.rng.chance(20) {
            let cond = self.cond(1);
            self.charge(cond.cost);
            self.code.reopen(&format!("else if {}", cond.text));
            self.branch();
        }
        if self.rng.chance(45) {
            self.code.reopen("else");
            self.branch();
        }
        self.code.close();
    }

    /// The statements of one branch of an `if`.
    fn branch(&mut self) {
        let count = self.rng.range(1, 3);
        self.block(|g| g.statements(count));
    }

    /// Whether a loop fits here: tiny ones in functions and methods (not nested), else
    /// while the budget lasts.
    fn can_loop(&self) -> bool {
        match self.ctx.place {
            Place::Leaf { .. } | Place::Method { .. } => self.ctx.loops.is_empty(),
            Place::Top | Place::Driver => self.budget_left() / (self.ctx.work * 6) >= 20,
        }
    }

    /// A trip count that fits the budget: a few thousand for some outermost loops,
    /// fewer in nested loops, a handful in functions and methods.
    fn trip_count(&mut self) -> u64 {
        let wanted = match self.ctx.place {
            Place::Leaf { .. } | Place::Method { .. } => return self.rng.range(2, 4) as u64,
            _ if !self.ctx.loops.is_empty() => self.rng.range(3, 60),
            _ => match self.rng.below(10) {
                0..=2 => self.rng.range(1100, 3000),
                3..=6 => self.rng.range(150, 1100),
                _ => self.rng.range(20, 150),
            },
        } as u64;
        let room = self.budget_left() / (self.ctx.work * 6);
        wanted.min(room).max(2)
    }

    /// A counting loop: `let i = 0; while i < N { i = i + STEP; ... }` or counting down;
    /// the counter changes first, so `continue` is safe.
    pub fn loop_statement(&mut self) {
        let trip = self.trip_count();
        let counter = self.fresh("i");
        let step = if self.rng.chance(15) { 2 } else { 1 };
        self.charge(1);
        if self.rng.chance(20) {
            self.code.line(&format!("let {counter} = {trip};"));
            self.code.open(&format!("while {counter} > 0"));
            self.code.line(&format!("{counter} = {counter} - {step};"));
        } else {
            self.code.line(&format!("let {counter} = 0;"));
            self.code.open(&format!("while {counter} < {trip}"));
            self.code.line(&format!("{counter} = {counter} + {step};"));
        }
        self.env.declare(Var {
            name: counter.clone(),
            ty: Ty::Int,
            trip: Some(trip),
        });
        // Hot loops have short bodies, so that the budget leaves room for more loops.
        let count = if trip > 1000 {
            self.rng.range(2, 4)
        } else {
            self.rng.range(2, 6)
        };
        self.loop_body(&counter, trip, |g| {
            g.charge(2);
            g.statements(count);
        });
    }

    /// `try { ... RISKY ... } catch e { ... }`: the handler shows the error.
    fn try_statement(&mut self) {
        self.charge(1);
        self.code.open("try");
        let (before, after) = (self.rng.range(0, 2), self.rng.range(0, 1));
        self.block(|g| {
            g.statements(before);
            g.risky();
            g.statements(after);
        });
        let error = self.fresh("e");
        self.code.reopen(&format!("catch {error}"));
        let count = self.rng.range(0, 1);
        self.block(|g| {
            g.show_error(&error);
            g.statements(count);
        });
        self.code.close();
    }

    /// Makes the caught `error` visible: in a loop (where it may be caught often) counted in
    /// the prelude's `g_count` global and printed some of the times; elsewhere printed, or
    /// where code does not print, kept in a string variable.
    fn show_error(&mut self, error: &str) {
        if !self.ctx.loops.is_empty() {
            if let Some(count) = self
                .env
                .globals
                .iter()
                .find(|v| v.name.starts_with("g_count"))
            {
                let count = count.name.clone();
                self.set(&count, Expr::new(format!("({count} + 1) % 1000003"), 0.0));
            }
        }
        if self.ctx.prints() {
            self.periodically(&format!("print(\"caught\", {error});"));
            return;
        }
        let strings = self.vars_of(Ty::Str);
        if let Some(var) = strings.first() {
            let value = Expr::new(format!("slice(str({error}), 0, 16)"), 16.0);
            self.set(&var.name.clone(), value);
        }
    }

    /// `push` (up to [`MAX_PUSHED_LEN`] items), a guarded `pop`, an item assignment, on an array of ints or of any values.
    fn array_statement(&mut self) {
        let mut arrays = self.vars_of(Ty::Ints);
        arrays.extend(self.vars_of(Ty::Items));
        if arrays.is_empty() {
            return self.let_statement();
        }
        let array = self.rng.pick(&arrays).clone();
        let name = &array.name;
        let item = |g: &mut Gen| match array.ty {
            Ty::Ints => g.arg(),
            _ => g.any(),
        };
        match self.rng.below(4) {
            0 | 1 => {
                // Bounded, so an array pushed to in a hot loop does not grow without end
                // (a million items made one program's collections take seconds).
                let value = item(self);
                self.charge(2 + value.cost);
                self.code
                    .open(&format!("if len({name}) < {MAX_PUSHED_LEN}"));
                self.code.line(&format!("push({name}, {});", value.text));
                self.code.close();
            }
            2 => {
                self.charge(2);
                self.code.open(&format!("if len({name}) > 1"));
                let ints: Vec<Var> = self
                    .vars_of(Ty::Int)
                    .into_iter()
                    .filter(|v| v.trip.is_none())
                    .collect();
                match ints.is_empty() || array.ty == Ty::Items {
                    true => self.code.line(&format!("pop({name});")),
                    false => {
                        let var = self.rng.pick(&ints).name.clone();
                        self.set(&var, Expr::new(format!("pop({name})"), 0.0));
                    }
                }
                self.code.close();
            }
            _ => {
                let index = self.index(name);
                let value = item(self);
                self.charge(2 + index.cost + value.cost);
                // The value first: a call in it may pop the array the index is taken modulo.
                let value_var = self.fresh("v");
                self.code
                    .line(&format!("let {value_var} = {};", value.text));
                self.code
                    .line(&format!("{name}[{}] = {value_var};", index.text));
            }
        }
    }

    /// An entry set, read, counted or removed (reads and removals behind `in`).
    fn dict_statement(&mut self) {
        let dicts = self.vars_of(Ty::Dict);
        if dicts.is_empty() {
            return self.let_statement();
        }
        let dict = self.rng.pick(&dicts).name.clone();
        let key = self.key();
        let ints: Vec<Var> = self
            .vars_of(Ty::Int)
            .into_iter()
            .filter(|v| v.trip.is_none())
            .collect();
        self.charge(2);
        match self.rng.below(4) {
            0 => {
                let value = self.arg();
                self.code.line(&format!("{dict}[{key}] = {};", value.text));
            }
            1 if !ints.is_empty() => {
                let var = self.rng.pick(&ints).name.clone();
                self.code.open(&format!("if {key} in {dict}"));
                let value = Expr::new(
                    format!("({var} + {dict}[{key}])"),
                    2.0 * super::expr::INT_CAP,
                );
                let value = self.capped(Ty::Int, value);
                self.set(&var, value);
                self.code.close();
            }
            2 => {
                self.code.open(&format!("if {key} in {dict}"));
                self.code.line(&format!("remove({dict}, {key});"));
                self.code.close();
            }
            _ => self.code.line(&format!(
                "{dict}[{key}] = (get({dict}, {key}, 0) + 1) % 1000;"
            )),
        }
    }

    /// A field set (in a method: of `self`), a method called, a new field, an item of an
    /// array of instances replaced.
    fn object_statement(&mut self) {
        if let Place::Method { class, .. } = self.ctx.place {
            let mut fields = self.env.classes[class].fields.clone();
            fields.push("f");
            let field = *self.rng.pick(&fields);
            let value = self.field_value(field);
            return self.set(&format!("self.{field}"), value);
        }
        match self.rng.below(4) {
            0 => {
                let object = self.instance();
                let field = *self.rng.pick(&["a", "b", "f"]);
                let value = self.field_value(field);
                self.charge(object.cost);
                self.set(&format!("{}.{field}", object.text), value);
            }
            1 => {
                let object = self.instance();
                let arg = self.arg();
                self.charge(1 + object.cost + arg.cost + self.env.method_cost());
                self.code
                    .line(&format!("{}.step({});", object.text, arg.text));
            }
            2 => {
                // A field that only this instance has: another map.
                let object = self.obj();
                let field = self.fresh("x");
                let value = self.arg();
                let var = self.fresh("o");
                self.charge(3 + object.cost + value.cost);
                self.code.line(&format!("let {var} = {};", object.text));
                self.code.line(&format!("{var}.{field} = {};", value.text));
                if self.ctx.prints() {
                    let label = self.fresh("p");
                    self.code
                        .line(&format!("print(\"{label}\", {var}.{field}, type({var}));"));
                }
                self.env.declare(Var::new(var, Ty::Obj));
            }
            _ => {
                let arrays = self.vars_of(Ty::Objs);
                let Some(array) = arrays.first() else {
                    return self.let_statement();
                };
                let array = array.name.clone();
                let index = self.index(&array);
                let object = self.obj();
                self.charge(1 + index.cost + object.cost);
                self.code
                    .line(&format!("{array}[{}] = {};", index.text, object.text));
            }
        }
    }

    /// A value for field `field`: a number (an int or a float) for `f`, else an int.
    fn field_value(&mut self, field: &str) -> Expr {
        match field {
            "f" => {
                let n = self.num(1);
                self.capped(Ty::Num, n)
            }
            _ => self.arg(),
        }
    }

    /// A global changed: a constant, a flag, a counter, a function or a class rebound, an
    /// item of a global array of functions; in a loop often on one iteration only. At the
    /// top level sometimes declared again with `let`.
    fn global_statement(&mut self) {
        let allowed = self.types_here();
        let globals: Vec<Var> = self
            .env
            .globals
            .iter()
            .filter(|v| v.trip.is_none() && allowed.contains(&v.ty))
            .cloned()
            .collect();
        let Some(var) = globals.get(self.rng.below(globals.len().max(1) as u64) as usize) else {
            return self.assignment();
        };
        let var = var.clone();
        let once = match self.ctx.loops.last().cloned() {
            Some((counter, trip)) if self.rng.chance(60) => {
                let k = self.rng.range(1, (trip as i64 - 1).max(1));
                self.code.open(&format!("if {counter} == {k}"));
                true
            }
            _ => false,
        };
        match var.ty {
            Ty::Funcs | Ty::Objs => {
                let index = self.index(&var.name);
                let item = match var.ty {
                    Ty::Funcs => self.func(),
                    _ => self.obj(),
                };
                self.charge(1 + index.cost + item.cost);
                self.code
                    .line(&format!("{}[{}] = {};", var.name, index.text, item.text));
            }
            _ => {
                let value = match self.accumulated(&var) {
                    Some(value) if self.rng.chance(50) => value,
                    _ => {
                        let value = self.value(var.ty);
                        self.capped(var.ty, value)
                    }
                };
                if self.ctx.place == Place::Top && self.rng.chance(20) {
                    self.charge(1 + value.cost);
                    self.code
                        .line(&format!("let {} = {};", var.name, value.text));
                    self.assigned(&var.name);
                } else {
                    self.set(&var.name, value);
                }
            }
        }
        if once {
            self.code.close();
        }
    }

    /// `if COND { exit }`: a `break`, `continue` or `return` on some runs only.
    fn exit(&mut self, exit: &str) {
        let cond = self.cond(1);
        self.charge(1 + cond.cost);
        self.code.open(&format!("if {}", cond.text));
        self.code.line(exit);
        self.code.close();
    }

    /// A call for its effects: a method, a function, a function value.
    fn call_statement(&mut self) {
        let call = match self.ctx.place {
            Place::Top | Place::Driver if self.rng.chance(50) => {
                let object = self.instance();
                let arg = self.arg();
                let cost = object.cost + arg.cost + self.env.method_cost();
                Expr::new(format!("{}.step({})", object.text, arg.text), 0.0).costing(cost)
            }
            _ if self.callable().next().is_some() => self.call(),
            _ => return self.assignment(),
        };
        self.charge(1 + call.cost);
        self.code.line(&format!("{};", call.text));
    }
}

/// The first letter of the names of variables of type `ty` (`i` is for loop counters).
fn prefix(ty: Ty) -> &'static str {
    match ty {
        Ty::Int => "v",
        Ty::Num => "n",
        Ty::Bool => "b",
        Ty::Str => "s",
        Ty::Ints => "a",
        Ty::Items => "m",
        Ty::Dict => "d",
        Ty::Obj => "o",
        Ty::Class => "k",
        Ty::Func => "h",
        Ty::Objs => "os",
        Ty::Funcs => "fs",
    }
}
