//! The generator's state: the choices, the text so far, what is in scope, the work the
//! program may still do, and where the code being generated is.

use super::code::Code;
use super::env::{Env, Var};
use super::rng::Rng;

/// Statement executions a whole program may do (loops take their trip counts from what is
/// left): a debug build runs one in well under 0.1 s.
const BUDGET: u64 = 10_000;

/// Where the code being generated is; it decides what the code may call, so that no call
/// chain recurses without a bound and nothing runs before the globals it reads exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// The main program.
    Top,
    /// A driver: loops, called from the top level.
    Driver,
    /// Function `index` of [`Env::funcs`](super::env::Env::funcs): calls earlier functions
    /// only; no objects, no function values, no prints.
    Leaf { index: usize },
    /// A method of class `class`: calls functions and function values, and methods of
    /// `self` as [`Method::may_call`] allows; no other objects, no prints.
    Method { class: usize, method: Method },
}

/// The methods of a class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// `init(x)`: sets the fields, reads none.
    Init,
    /// `val()`: calls no method of `self` (but `super.val()`).
    Val,
    /// `step(d)`: may call `val`.
    Step,
    /// `extra()`, on some classes only: may call `val` and `step`.
    Extra,
}

impl Method {
    /// Its name.
    pub fn name(self) -> &'static str {
        match self {
            Method::Init => "init",
            Method::Val => "val",
            Method::Step => "step",
            Method::Extra => "extra",
        }
    }

    /// Whether its body may call `self.other(...)`.
    pub fn may_call(self, other: Method) -> bool {
        matches!(
            (self, other),
            (Method::Step, Method::Val) | (Method::Extra, Method::Val | Method::Step)
        )
    }
}

/// The context of the block being generated.
#[derive(Clone, Debug)]
pub struct Ctx {
    /// Where it is.
    pub place: Place,
    /// How many times it runs: the product of the enclosing loops' trip counts (and of a
    /// driver's calls).
    pub work: u64,
    /// The enclosing loops' counters, innermost last, with their trip counts.
    pub loops: Vec<(String, u64)>,
    /// How deeply blocks nest here.
    pub depth: u32,
}

impl Ctx {
    fn new(place: Place, work: u64) -> Ctx {
        Ctx {
            place,
            work,
            loops: Vec::new(),
            depth: 0,
        }
    }

    /// Whether generated code may print here.
    pub fn prints(&self) -> bool {
        matches!(self.place, Place::Top | Place::Driver)
    }
}

/// The generator.
pub struct Gen {
    /// The source of choices.
    pub rng: Rng,
    /// The text so far.
    pub code: Code,
    /// What is in scope.
    pub env: Env,
    /// Where the code is.
    pub ctx: Ctx,
    /// Per enclosing loop, innermost last: the variables its body assigned (printed after it).
    touched: Vec<Vec<String>>,
    /// Statement executions charged so far.
    spent: u64,
    /// The most `spent` may reach (below [`BUDGET`] while a driver is generated).
    limit: u64,
    /// Names made so far.
    names: usize,
}

impl Gen {
    /// A generator for `seed`, at the top level.
    pub fn new(seed: u64) -> Gen {
        Gen {
            rng: Rng::new(seed),
            code: Code::default(),
            env: Env::default(),
            ctx: Ctx::new(Place::Top, 1),
            touched: Vec::new(),
            spent: 0,
            limit: BUDGET,
            names: 0,
        }
    }

    /// A new name: `prefix` and a number. Counters, and only they, start with `i`.
    pub fn fresh(&mut self, prefix: &str) -> String {
        self.names += 1;
        format!("{prefix}{}", self.names)
    }

    /// Records that a statement costing `cost` runs as often as the current block.
    pub fn charge(&mut self, cost: u64) {
        self.spent += cost * self.ctx.work;
    }

    /// Statement executions the program may still do.
    pub fn budget_left(&self) -> u64 {
        self.limit.saturating_sub(self.spent)
    }

    /// Runs `body` with at most a `percent` share of the whole budget.
    pub fn with_share<R>(&mut self, percent: u64, body: impl FnOnce(&mut Gen) -> R) -> R {
        let limit = self.limit;
        self.limit = limit.min(self.spent + BUDGET * percent / 100);
        let result = body(self);
        self.limit = limit;
        result
    }

    /// Runs `body` in a new block scope, one level deeper.
    pub fn block<R>(&mut self, body: impl FnOnce(&mut Gen) -> R) -> R {
        self.env.scopes.push(Vec::new());
        self.ctx.depth += 1;
        let result = body(self);
        self.ctx.depth -= 1;
        self.env.scopes.pop();
        result
    }

    /// Generates a function body at `place` with `params` in scope, as if it ran `work`
    /// times; returns `body`'s result and the statements one run executes.
    pub fn function<R>(
        &mut self,
        place: Place,
        params: Vec<Var>,
        work: u64,
        body: impl FnOnce(&mut Gen) -> R,
    ) -> (R, u64) {
        let scopes = std::mem::replace(&mut self.env.scopes, vec![params]);
        let ctx = std::mem::replace(&mut self.ctx, Ctx::new(place, work));
        let touched = std::mem::take(&mut self.touched);
        let spent = self.spent;
        let result = body(self);
        let cost = (self.spent - spent) / work;
        if !matches!(place, Place::Driver) {
            // Leaves and methods are paid for where they are called.
            self.spent = spent;
        }
        self.env.scopes = scopes;
        self.ctx = ctx;
        self.touched = touched;
        (result, cost.max(1))
    }

    /// Generates the body of the loop just opened (counter `counter`, `trip` iterations),
    /// closes it, then prints what the body assigned.
    pub fn loop_body(&mut self, counter: &str, trip: u64, body: impl FnOnce(&mut Gen)) {
        let work = self.ctx.work;
        self.ctx.work = work * trip;
        self.ctx.loops.push((counter.to_string(), trip));
        self.touched.push(Vec::new());
        self.block(body);
        let touched = self.touched.pop().unwrap_or_default();
        self.ctx.loops.pop();
        self.ctx.work = work;
        self.code.close();
        let shown: Vec<String> = touched
            .iter()
            .filter_map(|name| self.env.lookup(name).cloned())
            .map(|var| self.shown(&var))
            .collect();
        if let Some(outer) = self.touched.last_mut() {
            outer.extend(touched);
        }
        if self.ctx.prints() && !shown.is_empty() {
            let label = self.fresh("after");
            self.code
                .line(&format!("print(\"{label}\", {});", shown.join(", ")));
        }
    }

    /// Records an assignment of `name`, to print it after the enclosing loop.
    pub fn assigned(&mut self, name: &str) {
        if let Some(touched) = self.touched.last_mut() {
            if !touched.iter().any(|t| t == name) {
                touched.push(name.to_string());
            }
        }
    }
}
