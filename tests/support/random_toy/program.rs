//! The layout of a program: globals, functions, the function values, classes and their
//! instances, drivers (functions with hot loops), the main program, a print of every global
//! and, in some programs, an uncaught error. Each part only uses what is defined before it
//! runs.

use super::env::{Class, Driver, Func, Ty, Var};
use super::gen::{Gen, Method, Place};

/// A generated program.
pub struct Program {
    /// Its source text.
    pub source: String,
    /// Whether it ends with an uncaught error (status 1); else it ends normally.
    pub fails: bool,
}

/// The program of `seed`.
pub fn program(seed: u64) -> Program {
    let mut g = Gen::new(seed);
    g.code.line(&format!("// toy_random seed {seed}"));
    g.scalar_globals();
    g.functions();
    g.function_values();
    g.classes();
    g.instances();
    g.drivers();
    g.main();
    g.final_print();
    let fails = g.rng.chance(12);
    if fails {
        g.uncaught();
    }
    Program {
        source: g.code.finish(),
        fails,
    }
}

impl Gen {
    /// `let NAME = VALUE;` at the top level, declared as a global.
    fn global(&mut self, prefix: &str, ty: Ty, value: &str) {
        let name = self.fresh(prefix);
        self.code.line(&format!("let {name} = {value};"));
        self.env.globals.push(Var::new(name, ty));
    }

    /// Constants (which the JIT folds until they change), a flag, a counter, a number, a
    /// string, an array of ints, a dict and an array of values of any type.
    fn scalar_globals(&mut self) {
        for _ in 0..self.rng.range(1, 3) {
            let value = self.rng.range(1, 50).to_string();
            self.global("g_k", Ty::Int, &value);
        }
        let flag = if self.rng.chance(50) { "true" } else { "false" };
        self.global("g_flag", Ty::Bool, flag);
        self.global("g_count", Ty::Int, "0");
        let number = self.num(0).text;
        self.global("g_num", Ty::Num, &number);
        self.global("g_s", Ty::Str, "\"s\"");
        let array = self.ints().text;
        self.global("g_a", Ty::Ints, &array);
        let dict = self.dict().text;
        self.global("g_d", Ty::Dict, &dict);
        let items = self.items().text;
        self.global("g_m", Ty::Items, &items);
    }

    /// The functions: the first one a plain function of one int (so there is always a
    /// function value), then plain, two-argument, throwing and recursive ones.
    fn functions(&mut self) {
        for index in 0..self.rng.range(2, 4) as usize {
            let (arity, throws, depth) = match self.rng.below(10) {
                _ if index == 0 => (1, None, None),
                0..=3 => (1, None, None),
                4 | 5 => (2, None, None),
                6 | 7 => (1, Some(self.rng.range(5, 40)), None),
                _ => (2, None, Some(self.rng.range(3, 12) as u64)),
            };
            let prefix = if depth.is_some() { "r" } else { "f" };
            let func = Func {
                name: self.fresh(prefix),
                arity,
                throws,
                depth,
                cost: 1,
            };
            self.env.funcs.push(func);
            self.function_definition(index);
        }
    }

    /// `fn NAME(...) { ... }` for function `index` (defined, or defined again), and its cost.
    fn function_definition(&mut self, index: usize) {
        let func = self.env.funcs[index].clone();
        let params: Vec<&str> = match func.depth {
            Some(_) => vec!["n", "acc"],
            None => ["x", "y"][..func.arity].to_vec(),
        };
        self.code
            .open(&format!("fn {}({})", func.name, params.join(", ")));
        // A recursive function's depth is never assigned: it bounds the recursion.
        let vars = params
            .iter()
            .map(|p| Var {
                trip: func.depth.filter(|_| *p == "n"),
                ..Var::new(*p, Ty::Int)
            })
            .collect();
        let count = self.rng.range(0, 2);
        let ((), cost) = self.function(Place::Leaf { index }, vars, 1, |g| {
            if let Some(modulus) = func.throws {
                g.code.line(&format!(
                    "if (x % {modulus}) == 0 {{ throw \"{}: \" + str(x); }}",
                    func.name
                ));
            }
            if func.depth.is_some() {
                g.code.line("if n <= 0 { return acc; }");
            }
            g.statements(count);
            let result = match func.depth {
                Some(_) => g.recursion(&func.name),
                None => g.value(Ty::Int),
            };
            let result = g.capped(Ty::Int, result);
            g.charge(1 + result.cost);
            g.code.line(&format!("return {};", result.text));
        });
        self.code.close();
        let calls = match func.depth {
            // A linear recursion runs the body `depth` times, a binary one about 1.6^depth.
            Some(depth) => 1.6f64.powi(depth as i32) as u64 + depth,
            None => 1,
        };
        let func = &mut self.env.funcs[index];
        func.cost = func.cost.max(cost * calls);
    }

    /// The result of a recursive function: one or two calls of itself with a smaller depth.
    fn recursion(&mut self, name: &str) -> super::expr::Expr {
        let e = self.arg();
        let text = match self.rng.chance(70) {
            true => format!("({name}(n - 1, {}) + n)", e.text),
            false => format!("({name}(n - 1, acc) + {name}(n - 2, {}))", e.text),
        };
        super::expr::Expr::new(text, 2.0 * super::expr::INT_CAP)
    }

    /// A global function value and a global array of them.
    fn function_values(&mut self) {
        let value = self.func().text;
        self.global("g_fn", Ty::Func, &value);
        let values = self.funcs().text;
        self.global("g_fns", Ty::Funcs, &values);
    }

    /// Two to four classes, most of them subclasses.
    fn classes(&mut self) {
        for index in 0..self.rng.range(2, 4) as usize {
            let parent = match index {
                0 => None,
                _ if self.rng.chance(75) => Some(self.rng.below(index as u64) as usize),
                _ => None,
            };
            let mut fields = match parent {
                Some(p) => self.env.classes[p].fields.clone(),
                None => vec!["a", "b"],
            };
            if !fields.contains(&"c") && self.rng.chance(40) {
                fields.push("c");
            }
            let extra = parent.is_some_and(|p| self.env.classes[p].extra) || self.rng.chance(40);
            self.env.classes.push(Class {
                name: format!("C{index}"),
                parent,
                fields,
                extra,
                cost: 1,
            });
            self.class_definition(index);
        }
    }

    /// `class NAME(SUPER) { ... }` for class `index` (defined, or defined again): `init` where
    /// the class adds fields (and sometimes elsewhere), the other methods overridden at
    /// random (always on a root class).
    fn class_definition(&mut self, index: usize) {
        let class = self.env.classes[index].clone();
        let parent = class.parent.map(|p| self.env.classes[p].clone());
        match &parent {
            Some(parent) => self
                .code
                .open(&format!("class {}({})", class.name, parent.name)),
            None => self.code.open(&format!("class {}", class.name)),
        }
        let own_fields = parent
            .as_ref()
            .is_none_or(|p| p.fields.len() < class.fields.len());
        let has_extra = parent.as_ref().is_some_and(|p| p.extra);
        let mut cost = 1;
        for (method, defined) in [
            (Method::Init, own_fields || self.rng.chance(30)),
            (Method::Val, parent.is_none() || self.rng.chance(60)),
            (Method::Step, parent.is_none() || self.rng.chance(50)),
            (
                Method::Extra,
                class.extra && (!has_extra || self.rng.chance(40)),
            ),
        ] {
            if defined {
                cost = cost.max(self.method_definition(index, method));
            }
        }
        self.code.close();
        let inherited = parent.map_or(0, |p| p.cost);
        self.env.classes[index].cost = cost + inherited;
    }

    /// `fn METHOD(...) { ... }` of class `index`; returns its cost.
    fn method_definition(&mut self, index: usize, method: Method) -> u64 {
        let param = match method {
            Method::Init => Some("x"),
            Method::Step => Some("dd"),
            Method::Val | Method::Extra => None,
        };
        self.code
            .open(&format!("fn {}({})", method.name(), param.unwrap_or("")));
        let params = param.map(|p| Var::new(p, Ty::Int)).into_iter().collect();
        let place = Place::Method {
            class: index,
            method,
        };
        let count = self.rng.range(0, 2);
        let ((), cost) = self.function(place, params, 1, |g| {
            if method == Method::Init {
                return g.init_body(index);
            }
            g.statements(count);
            let result = g.value(Ty::Int);
            let result = g.capped(Ty::Int, result);
            g.charge(1 + result.cost);
            g.code.line(&format!("return {};", result.text));
        });
        self.code.close();
        cost
    }

    /// Sets every field, in a random order: the superclass's `init` first, last, or not
    /// called (then this one sets its fields too).
    fn init_body(&mut self, index: usize) {
        let class = self.env.classes[index].clone();
        let inherited = class
            .parent
            .map(|p| self.env.classes[p].fields.clone())
            .unwrap_or_default();
        let super_call = match class.parent {
            Some(_) => self.rng.below(3),
            None => 2,
        };
        let mut fields: Vec<&str> = match super_call {
            2 => class.fields.clone(),
            _ => class
                .fields
                .iter()
                .filter(|f| !inherited.contains(f))
                .copied()
                .collect(),
        };
        for i in (1..fields.len()).rev() {
            fields.swap(i, self.rng.below(i as u64 + 1) as usize);
        }
        let super_init = |g: &mut Gen| {
            let arg = g.arg();
            g.charge(1 + arg.cost);
            g.code.line(&format!("super.init({});", arg.text));
        };
        if super_call == 0 {
            super_init(self);
        }
        if super_call == 2 {
            fields.insert(self.rng.below(fields.len() as u64 + 1) as usize, "f");
        }
        for field in fields {
            let value = match field {
                "f" => {
                    let n = self.num(1);
                    self.capped(Ty::Num, n)
                }
                _ => self.arg(),
            };
            self.charge(1 + value.cost);
            self.code.line(&format!("self.{field} = {};", value.text));
        }
        if super_call == 1 {
            super_init(self);
        }
    }

    /// A global class value and a global array of instances of different classes.
    fn instances(&mut self) {
        let class = self.class().text;
        self.global("g_cls", Ty::Class, &class);
        let count = self.rng.range(2, 4) as usize;
        let items: Vec<String> = (0..count)
            .map(|i| {
                let class = &self.env.classes[i % self.env.classes.len()].name;
                format!("{class}({})", self.rng.range(0, 99))
            })
            .collect();
        self.global("g_objs", Ty::Objs, &format!("[{}]", items.join(", ")));
    }

    /// Up to two drivers: functions whose loops run on their locals, called from the main
    /// program once or twice; each may use a quarter of the budget.
    fn drivers(&mut self) {
        for _ in 0..self.rng.range(0, 2) {
            let name = self.fresh("drive");
            let mut params = vec![Var::new("n", Ty::Int)];
            if self.rng.chance(50) {
                params.push(Var::new("o", Ty::Obj));
            }
            if self.rng.chance(30) {
                params.push(Var::new("arr", Ty::Ints));
            }
            let names: Vec<&str> = params.iter().map(|p| p.name.as_str()).collect();
            self.code.open(&format!("fn {name}({})", names.join(", ")));
            let calls = self.rng.range(1, 2) as u64;
            let types = params.iter().map(|p| p.ty).collect();
            let count = self.rng.range(1, 4);
            self.with_share(25, |g| {
                g.function(Place::Driver, params, calls, |g| {
                    g.code.line("let total = 0;");
                    g.env.declare(Var::new("total", Ty::Int));
                    g.loop_statement();
                    g.statements(count);
                    let result = g.value(Ty::Int);
                    let result = g.capped(Ty::Int, result);
                    g.code.line(&format!("return {};", result.text));
                })
            });
            self.code.close();
            self.env.drivers.push(Driver {
                name,
                params: types,
                calls_left: calls,
            });
        }
    }

    /// The main program: top-level statements (loops above all), driver calls, and
    /// functions and classes defined again.
    fn main(&mut self) {
        #[derive(Clone, Copy)]
        enum Part {
            Statement,
            Loop,
            DriverCall,
            Redefine,
            Reclass,
        }
        for _ in 0..self.rng.range(4, 8) {
            let drivers = self.env.drivers.iter().any(|d| d.calls_left > 0);
            let part = self.rng.weighted(&[
                (40, Part::Statement),
                (40, Part::Loop),
                (if drivers { 15 } else { 0 }, Part::DriverCall),
                (5, Part::Redefine),
                (2, Part::Reclass),
            ]);
            match part {
                Part::Statement => self.statement(),
                Part::Loop => self.loop_statement(),
                Part::DriverCall => self.driver_call(),
                Part::Redefine => {
                    let index = self.rng.below(self.env.funcs.len() as u64) as usize;
                    self.function_definition(index);
                }
                Part::Reclass => {
                    let index = self.rng.below(self.env.classes.len() as u64) as usize;
                    self.class_definition(index);
                }
            }
        }
        while self.env.drivers.iter().any(|d| d.calls_left > 0) {
            self.driver_call();
        }
    }

    /// `print(LABEL, DRIVER(ARGS));` for a driver with calls left.
    fn driver_call(&mut self) {
        let Some(index) = self.env.drivers.iter().position(|d| d.calls_left > 0) else {
            return;
        };
        self.env.drivers[index].calls_left -= 1;
        let driver = self.env.drivers[index].clone();
        let args: Vec<String> = driver
            .params
            .iter()
            .map(|&ty| match ty {
                Ty::Int => self.arg().text,
                _ => self.value(ty).text,
            })
            .collect();
        let label = self.fresh("p");
        self.code.line(&format!(
            "print(\"{label}\", {}({}));",
            driver.name,
            args.join(", ")
        ));
    }

    /// Prints every global the prelude defined.
    fn final_print(&mut self) {
        let shown: Vec<String> = self
            .env
            .globals
            .iter()
            .filter(|v| v.name.starts_with("g_"))
            .map(|v| self.shown(v))
            .collect();
        self.code
            .line(&format!("print(\"globals\", {});", shown.join(", ")));
    }
}
