//! What the generator knows about the program so far: the type of every variable in scope,
//! the functions and the classes. The types are the invariants that keep generated code free
//! of accidental errors (an array is never empty, an int stays within a bound, ...).

/// The type of a variable, as far as the generator keeps track of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
    /// An int within [`INT_CAP`](super::expr::INT_CAP).
    Int,
    /// An int or a float within [`NUM_CAP`](super::expr::NUM_CAP).
    Num,
    /// `true` or `false`.
    Bool,
    /// A string of at most [`STR_CAP`](super::expr::STR_CAP) characters.
    Str,
    /// A non-empty array of ints.
    Ints,
    /// A non-empty array of values of any type that prints: ints, floats, strings, bools,
    /// `nil`, arrays of ints.
    Items,
    /// A dict from keys of [`KEYS`] to ints.
    Dict,
    /// An instance of one of the classes (int fields `a` and `b`, number field `f`).
    Obj,
    /// A class: a constructor taking one int.
    Class,
    /// A function of one int that returns an int and never throws.
    Func,
    /// A non-empty array of instances.
    Objs,
    /// A non-empty array of [`Ty::Func`] values.
    Funcs,
}

/// The keys dicts use: strings and numbers (`1.0` is the same key as `1`).
pub const KEYS: [&str; 8] = ["\"k0\"", "\"k1\"", "\"k2\"", "\"k3\"", "0", "1", "2", "1.0"];

/// A variable in scope.
#[derive(Clone, Debug)]
pub struct Var {
    /// Its name (unique in the program).
    pub name: String,
    /// Its type.
    pub ty: Ty,
    /// For a loop counter or a recursive function's depth, which generated statements never
    /// assign: the bound of its value (a trip count, a depth).
    pub trip: Option<u64>,
}

impl Var {
    /// A plain variable.
    pub fn new(name: impl Into<String>, ty: Ty) -> Var {
        Var {
            name: name.into(),
            ty,
            trip: None,
        }
    }
}

/// A top-level function whose calls may appear anywhere (not a driver).
#[derive(Clone, Debug)]
pub struct Func {
    /// Its name.
    pub name: String,
    /// How many int arguments it takes.
    pub arity: usize,
    /// For a function that throws (called inside `try` only): it throws when its argument
    /// is a multiple of this.
    pub throws: Option<i64>,
    /// For a recursive function: its first argument is the depth, below this.
    pub depth: Option<u64>,
    /// Statements a call runs, at most (recursion included).
    pub cost: u64,
}

impl Func {
    /// Whether it can be a [`Ty::Func`] value.
    pub fn is_value(&self) -> bool {
        self.arity == 1 && self.throws.is_none() && self.depth.is_none()
    }
}

/// A class. Every class has int fields `a` and `b`, a number field `f` (an int or a float)
/// and methods `val()` and `step(d)` returning ints; its constructor takes one int.
#[derive(Clone, Debug)]
pub struct Class {
    /// Its name.
    pub name: String,
    /// Its superclass (an index into [`Env::classes`]).
    pub parent: Option<usize>,
    /// Its int fields: `a`, `b`, maybe `c` (and `f`, a number).
    pub fields: Vec<&'static str>,
    /// Whether it has (or inherits) the method `extra()`.
    pub extra: bool,
    /// Statements a call of any of its methods runs, at most.
    pub cost: u64,
}

/// A function holding hot loops, called from the top level only.
#[derive(Clone, Debug)]
pub struct Driver {
    /// Its name.
    pub name: String,
    /// Its parameters' types.
    pub params: Vec<Ty>,
    /// Calls still to make (its body was generated for that many).
    pub calls_left: u64,
}

/// Variables, functions and classes.
#[derive(Default)]
pub struct Env {
    /// The globals the prelude defines.
    pub globals: Vec<Var>,
    /// The variables of the enclosing blocks, innermost last (at the top level, globals
    /// that generated code only uses in their block).
    pub scopes: Vec<Vec<Var>>,
    /// The functions, in the order defined: a function calls only earlier ones (and itself
    /// when recursive), so calls never recurse without a bound.
    pub funcs: Vec<Func>,
    /// The classes, a superclass before its subclasses.
    pub classes: Vec<Class>,
    /// The drivers.
    pub drivers: Vec<Driver>,
}

impl Env {
    /// The variables in scope.
    pub fn vars(&self) -> impl Iterator<Item = &Var> {
        self.globals.iter().chain(self.scopes.iter().flatten())
    }

    /// The variables in scope of type `ty`.
    pub fn of(&self, ty: Ty) -> Vec<Var> {
        self.vars().filter(|v| v.ty == ty).cloned().collect()
    }

    /// The variable named `name`, if in scope.
    pub fn lookup(&self, name: &str) -> Option<&Var> {
        self.vars().find(|v| v.name == name)
    }

    /// Declares `var` in the innermost block.
    pub fn declare(&mut self, var: Var) {
        match self.scopes.last_mut() {
            Some(scope) => scope.push(var),
            None => self.globals.push(var),
        }
    }

    /// The largest cost of a method call on any instance.
    pub fn method_cost(&self) -> u64 {
        self.classes.iter().map(|c| c.cost).max().unwrap_or(1)
    }
}
