//! Calls, objects and function values, and what code may call where: a function calls only
//! earlier functions, a method only what [`Method::may_call`] allows on `self`, so no chain
//! of calls recurses without a bound.

use super::env::Ty;
use super::expr::{Expr, INT_CAP};
use super::gen::{Gen, Method, Place};

impl Gen {
    /// An object whose fields may be read here, and its int fields: `self` in a method (not
    /// `init`), else any instance (`a` and `b`).
    pub fn field_owner(&mut self) -> (Expr, Vec<&'static str>) {
        match self.ctx.place {
            Place::Method { class, .. } => (
                Expr::new("self", 0.0),
                self.env.classes[class].fields.clone(),
            ),
            _ => (self.instance(), vec!["a", "b"]),
        }
    }

    /// A call of a method of an object: any in the main program and drivers; what
    /// [`Method::may_call`] allows on `self` in a method (else a field).
    pub fn method_call(&mut self) -> Expr {
        let cost = self.env.method_cost();
        match self.ctx.place {
            Place::Method { method, .. } => {
                if method.may_call(Method::Step) && self.rng.chance(40) {
                    let arg = self.arg();
                    Expr::new(format!("self.step({})", arg.text), INT_CAP).costing(arg.cost + cost)
                } else if method.may_call(Method::Val) {
                    Expr::new("self.val()", INT_CAP).costing(cost)
                } else {
                    Expr::new(format!("self.{}", self.rng.pick(&["a", "b"])), INT_CAP)
                }
            }
            _ => {
                let object = self.instance();
                if self.rng.chance(50) {
                    let arg = self.arg();
                    Expr::new(format!("{}.step({})", object.text, arg.text), INT_CAP)
                        .costing(object.cost + arg.cost + cost)
                } else {
                    Expr::new(format!("{}.val()", object.text), INT_CAP).costing(object.cost + cost)
                }
            }
        }
    }

    /// In a method of a subclass that inherits the method: its name.
    pub fn super_method(&self) -> Option<Method> {
        let Place::Method { class, method } = self.ctx.place else {
            return None;
        };
        let parent = &self.env.classes[self.env.classes[class].parent?];
        match method {
            Method::Init => None,
            Method::Extra if !parent.extra => None,
            _ => Some(method),
        }
    }

    /// `super.m(...)` for the method being generated.
    pub fn super_call(&mut self) -> Expr {
        let method = self.super_method().unwrap_or(Method::Val);
        let cost = self.env.method_cost();
        let arg = if method == Method::Step {
            self.arg()
        } else {
            Expr::new("", 0.0)
        };
        Expr::new(format!("super.{}({})", method.name(), arg.text), INT_CAP)
            .costing(arg.cost + cost)
    }

    /// The functions code may call here: earlier ones in a function, else all; never the
    /// throwing ones, and from a function no recursive one (calls stay cheap).
    pub fn callable(&self) -> impl Iterator<Item = usize> + '_ {
        let limit = match self.ctx.place {
            Place::Leaf { index } => index,
            _ => self.env.funcs.len(),
        };
        let leaf = matches!(self.ctx.place, Place::Leaf { .. });
        (0..limit).filter(move |&i| {
            let func = &self.env.funcs[i];
            func.throws.is_none() && !(leaf && func.depth.is_some())
        })
    }

    /// A call of a function that does not throw.
    pub fn call(&mut self) -> Expr {
        let choices: Vec<usize> = self.callable().collect();
        let index = *self.rng.pick(&choices);
        self.call_of(index)
    }

    /// A call of function `index` with fitting arguments: a recursive function's depth
    /// below its bound.
    pub fn call_of(&mut self, index: usize) -> Expr {
        let func = self.env.funcs[index].clone();
        let mut args = Vec::new();
        let mut cost = func.cost;
        for i in 0..func.arity {
            let arg = self.arg();
            cost += arg.cost;
            args.push(match func.depth {
                Some(depth) if i == 0 => format!("({} % {depth})", arg.text),
                _ => arg.text,
            });
        }
        Expr::new(format!("{}({})", func.name, args.join(", ")), INT_CAP).costing(cost)
    }

    /// An instance: a variable, an item of an array of instances, or a new one.
    pub fn obj(&mut self) -> Expr {
        let vars = self.vars_of(Ty::Obj);
        let arrays = self.vars_of(Ty::Objs);
        match self.rng.below(10) {
            0..=2 if !vars.is_empty() => Expr::new(self.rng.pick(&vars).name.clone(), 0.0),
            0..=5 if !arrays.is_empty() => {
                let array = self.rng.pick(&arrays).name.clone();
                let index = self.index(&array);
                Expr::new(format!("{array}[{}]", index.text), 0.0).costing(index.cost)
            }
            _ => {
                let class = self.class();
                let arg = self.arg();
                let cost = self.env.method_cost();
                Expr::new(format!("{}({})", class.text, arg.text), 0.0)
                    .costing(class.cost + arg.cost + cost)
            }
        }
    }

    /// An existing instance: a variable or an item of an array of instances (a new one if
    /// there is neither).
    pub fn instance(&mut self) -> Expr {
        let vars = self.vars_of(Ty::Obj);
        let arrays = self.vars_of(Ty::Objs);
        if !vars.is_empty() && (arrays.is_empty() || self.rng.chance(40)) {
            return Expr::new(self.rng.pick(&vars).name.clone(), 0.0);
        }
        if arrays.is_empty() {
            return self.obj();
        }
        let array = self.rng.pick(&arrays).name.clone();
        let index = self.index(&array);
        Expr::new(format!("{array}[{}]", index.text), 0.0)
    }

    /// A class: a name or a variable holding one.
    pub fn class(&mut self) -> Expr {
        let vars = self.vars_of(Ty::Class);
        if !vars.is_empty() && self.rng.chance(50) {
            return Expr::new(self.rng.pick(&vars).name.clone(), 0.0);
        }
        Expr::new(self.rng.pick(&self.env.classes).name.clone(), 0.0)
    }

    /// A function value: a name, a variable, or an item of an array of functions.
    pub fn func(&mut self) -> Expr {
        let names: Vec<String> = self
            .callable()
            .filter(|&i| self.env.funcs[i].is_value())
            .map(|i| self.env.funcs[i].name.clone())
            .collect();
        if names.is_empty() || self.rng.chance(50) {
            if let Some(value) = self.stored_func_value() {
                return value;
            }
        }
        Expr::new(self.rng.pick(&names).clone(), 0.0)
    }

    /// A function value read from a variable or an array, where there is one.
    fn stored_func_value(&mut self) -> Option<Expr> {
        let vars = self.vars_of(Ty::Func);
        let arrays = self.vars_of(Ty::Funcs);
        if !vars.is_empty() && (arrays.is_empty() || self.rng.chance(50)) {
            return Some(Expr::new(self.rng.pick(&vars).name.clone(), 0.0));
        }
        if arrays.is_empty() {
            return None;
        }
        let array = self.rng.pick(&arrays).name.clone();
        let index = self.index(&array);
        Some(Expr::new(format!("{array}[{}]", index.text), 0.0).costing(index.cost))
    }

    /// A function value to call: a variable or an array item (a name would be a plain call).
    pub fn func_value(&mut self) -> Expr {
        let cost = self
            .env
            .funcs
            .iter()
            .filter(|f| f.is_value())
            .map(|f| f.cost)
            .max()
            .unwrap_or(1);
        self.stored_func_value()
            .unwrap_or_else(|| Expr::new("nil", 0.0))
            .costing(cost)
    }
}
