//! The symbol-table pass: which scope each name of each function, class body and
//! comprehension lives in (local, cell, free, global, or the class namespace), with the
//! compile-time `SyntaxError`s CPython raises for `global` and `nonlocal` misuse. Names
//! are recorded as mangled inside classes (their messages show them as written, as
//! CPython's do).

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use crate::front::ast::*;
use crate::front::error::CompileError;
use crate::front::mangle::mangle;

/// The kind of a scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    /// The module's top level.
    Module,
    /// A class body.
    Class,
    /// A function, lambda or comprehension.
    Function,
}

/// Where a name lives, as the compiler needs to know it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Binding {
    /// A local variable of a function (a frame slot).
    Local,
    /// A local variable captured by an inner function (a cell).
    Cell,
    /// A variable of an enclosing function (a cell of the closure).
    Free,
    /// A global declared with `global` (or any name of the module level).
    GlobalExplicit,
    /// A name not bound in any enclosing function: a global or a builtin.
    GlobalImplicit,
    /// A name of a class body (its namespace, then globals and builtins).
    ClassName,
}

const DEF_LOCAL: u8 = 1;
const DEF_PARAM: u8 = 2;
const DEF_GLOBAL: u8 = 4;
const DEF_NONLOCAL: u8 = 8;
const USE: u8 = 16;

/// One scope and what it knows of its names.
#[derive(Debug)]
pub struct Scope {
    /// The kind.
    pub kind: ScopeKind,
    /// The enclosing scope (`None` for the module).
    pub parent: Option<usize>,
    /// The name of the innermost class the scope is (or is in), which mangles its
    /// private names.
    pub private: Option<String>,
    /// Each name's flags, in first-seen order by name.
    flags: BTreeMap<String, u8>,
    /// Names in the order they were first bound or used (for stable slot numbering).
    order: Vec<String>,
    /// Resolved bindings.
    bindings: HashMap<String, Binding>,
    /// Parameters in order.
    pub params: Vec<String>,
    /// Where each `global` or `nonlocal` declaration is written.
    declared_at: HashMap<String, Span>,
    /// Whether the scope is a generator (a function with `yield`, a generator
    /// expression).
    pub is_generator: bool,
    /// For a comprehension's scope, what CPython calls it in messages ("list
    /// comprehension", ...).
    comprehension: Option<&'static str>,
}

impl Scope {
    fn new(kind: ScopeKind, parent: Option<usize>, private: Option<String>) -> Scope {
        Scope {
            kind,
            parent,
            private,
            flags: BTreeMap::new(),
            order: Vec::new(),
            bindings: HashMap::new(),
            params: Vec::new(),
            declared_at: HashMap::new(),
            is_generator: false,
            comprehension: None,
        }
    }

    /// `name` as this scope records it: mangled if private and inside a class.
    pub fn mangle<'a>(&self, name: &'a str) -> Cow<'a, str> {
        mangle(self.private.as_deref(), name)
    }

    /// Where `name` (as recorded: mangled) lives in this scope.
    pub fn binding(&self, name: &str) -> Binding {
        if let Some(&binding) = self.bindings.get(name) {
            return binding;
        }
        match self.kind {
            ScopeKind::Module => Binding::GlobalExplicit,
            ScopeKind::Class => Binding::ClassName,
            ScopeKind::Function => Binding::GlobalImplicit,
        }
    }

    /// The names with `binding`, in first-seen order.
    pub fn names_with(&self, binding: Binding) -> Vec<String> {
        self.order
            .iter()
            .filter(|name| self.bindings.get(*name) == Some(&binding))
            .cloned()
            .collect()
    }

    fn flag(&mut self, name: &str, flag: u8) {
        match self.flags.get_mut(name) {
            Some(flags) => *flags |= flag,
            None => {
                self.flags.insert(name.to_string(), flag);
                self.order.push(name.to_string());
            }
        }
    }

    fn flags_of(&self, name: &str) -> u8 {
        self.flags.get(name).copied().unwrap_or(0)
    }
}

/// The scopes of a module, found by the source range of what opens them.
#[derive(Debug)]
pub struct SymbolTable {
    /// All scopes; 0 is the module.
    pub scopes: Vec<Scope>,
    by_span: HashMap<(u32, u32), usize>,
}

impl SymbolTable {
    /// The scope opened by the node at `span` (a def, lambda, class or comprehension).
    pub fn scope_at(&self, span: Span) -> Option<usize> {
        self.by_span.get(&(span.start, span.end)).copied()
    }
}

/// Builds the symbol table of a module.
pub fn build(module: &[Stmt]) -> Result<SymbolTable, CompileError> {
    let mut builder = Builder {
        table: SymbolTable {
            scopes: vec![Scope::new(ScopeKind::Module, None, None)],
            by_span: HashMap::new(),
        },
        current: 0,
    };
    builder.stmts(module)?;
    builder.resolve()?;
    Ok(builder.table)
}

/// The name an import binds: `as` name, else the first part of the dotted name.
pub fn bound_name(alias: &Alias) -> &str {
    match &alias.asname {
        Some(asname) => &asname.name,
        None => alias.name.name.split('.').next().unwrap_or(""),
    }
}

struct Builder {
    table: SymbolTable,
    current: usize,
}

type Built = Result<(), CompileError>;

impl Builder {
    fn scope(&mut self) -> &mut Scope {
        &mut self.table.scopes[self.current]
    }

    /// Opens a scope inside the current one (mangling as it does; a class body sets
    /// its own name after).
    fn open(&mut self, kind: ScopeKind, span: Span) -> usize {
        let id = self.table.scopes.len();
        let private = self.scope().private.clone();
        self.table
            .scopes
            .push(Scope::new(kind, Some(self.current), private));
        self.table.by_span.insert((span.start, span.end), id);
        let outer = self.current;
        self.current = id;
        outer
    }

    /// Records `name` (as written) with `flag` in the current scope.
    fn flag(&mut self, name: &str, flag: u8) {
        let scope = self.scope();
        let name = scope.mangle(name);
        scope.flag(&name, flag);
    }

    /// The flags of `name` (as written) in the current scope.
    fn flags_of(&self, name: &str) -> u8 {
        let scope = &self.table.scopes[self.current];
        scope.flags_of(&scope.mangle(name))
    }

    fn bind(&mut self, name: &str) {
        self.flag(name, DEF_LOCAL);
    }

    fn use_name(&mut self, name: &str) {
        self.flag(name, USE);
    }

    fn stmts(&mut self, stmts: &[Stmt]) -> Built {
        stmts.iter().try_for_each(|stmt| self.stmt(stmt))
    }

    fn stmt(&mut self, stmt: &Stmt) -> Built {
        match &stmt.kind {
            StmtKind::FunctionDef(def) => {
                self.exprs(&def.decorators)?;
                self.bind(&def.name.name);
                self.function(def, stmt.span)
            }
            StmtKind::ClassDef(class) => {
                self.exprs(&class.decorators)?;
                self.exprs(&class.bases)?;
                for keyword in &class.keywords {
                    self.expr(&keyword.value)?;
                }
                self.bind(&class.name.name);
                let outer = self.open(ScopeKind::Class, stmt.span);
                self.scope().private = Some(class.name.name.clone());
                self.stmts(&class.body)?;
                self.current = outer;
                Ok(())
            }
            StmtKind::Return(value) => value.iter().try_for_each(|v| self.expr(v)),
            StmtKind::Delete(targets) => self.exprs(targets),
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                self.exprs(targets)
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(value)?;
                if let ExprKind::Name { id, .. } = &target.kind {
                    self.use_name(id);
                }
                self.expr(target)
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                ..
            } => {
                if let ExprKind::Name { id, .. } = &target.kind {
                    let flags = self.flags_of(id);
                    if flags & (DEF_GLOBAL | DEF_NONLOCAL) != 0 {
                        let which = if flags & DEF_GLOBAL != 0 {
                            "global"
                        } else {
                            "nonlocal"
                        };
                        return Err(CompileError::syntax(
                            format!("annotated name '{id}' can't be {which}"),
                            target.span,
                        ));
                    }
                }
                self.expr(annotation)?;
                if let Some(value) = value {
                    self.expr(value)?;
                }
                self.expr(target)
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                self.expr(iter)?;
                self.expr(target)?;
                self.stmts(body)?;
                self.stmts(orelse)
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.expr(test)?;
                self.stmts(body)?;
                self.stmts(orelse)
            }
            StmtKind::Raise { exc, cause } => exc
                .iter()
                .chain(cause.iter())
                .try_for_each(|e| self.expr(e)),
            StmtKind::Try(try_) => {
                self.stmts(&try_.body)?;
                for handler in &try_.handlers {
                    if let Some(type_) = &handler.type_ {
                        self.expr(type_)?;
                    }
                    if let Some(name) = &handler.name {
                        self.bind(&name.name);
                    }
                    self.stmts(&handler.body)?;
                }
                self.stmts(&try_.orelse)?;
                self.stmts(&try_.finalbody)
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                msg.iter().try_for_each(|m| self.expr(m))
            }
            StmtKind::With { items, body } => {
                for (context, target) in items {
                    self.expr(context)?;
                    target.iter().try_for_each(|t| self.expr(t))?;
                }
                self.stmts(body)
            }
            StmtKind::Import(names) | StmtKind::ImportFrom { names, .. } => {
                for alias in names {
                    if alias.name.name == "*" {
                        if self.scope().kind != ScopeKind::Module {
                            return Err(CompileError::syntax(
                                "import * only allowed at module level",
                                alias.name.span,
                            ));
                        }
                        continue;
                    }
                    self.bind(bound_name(alias));
                }
                Ok(())
            }
            StmtKind::Global(names) => self.declare(names, stmt.span, DEF_GLOBAL),
            StmtKind::Nonlocal(names) => {
                // As CPython, the declaration's own checks come first.
                self.declare(names, stmt.span, DEF_NONLOCAL)?;
                if self.scope().kind == ScopeKind::Module {
                    return Err(CompileError::syntax(
                        "nonlocal declaration not allowed at module level",
                        stmt.span,
                    ));
                }
                Ok(())
            }
            StmtKind::Expr(expr) => self.expr(expr),
            StmtKind::Match { subject, cases } => {
                self.expr(subject)?;
                for case in cases {
                    self.pattern(&case.pattern)?;
                    case.guard.iter().try_for_each(|g| self.expr(g))?;
                    self.stmts(&case.body)?;
                }
                Ok(())
            }
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => Ok(()),
        }
    }

    /// A `case` pattern: its capture names are bound in the current scope; its values,
    /// keys and classes are read.
    fn pattern(&mut self, pattern: &Pattern) -> Built {
        match &pattern.kind {
            PatternKind::Value(value) => self.expr(value),
            PatternKind::Singleton(_) => Ok(()),
            PatternKind::Sequence(patterns) | PatternKind::Or(patterns) => {
                patterns.iter().try_for_each(|p| self.pattern(p))
            }
            PatternKind::Mapping {
                keys,
                patterns,
                rest,
            } => {
                self.exprs(keys)?;
                patterns.iter().try_for_each(|p| self.pattern(p))?;
                if let Some(rest) = rest {
                    self.bind(&rest.name);
                }
                Ok(())
            }
            PatternKind::Class {
                cls,
                patterns,
                kwd_patterns,
                ..
            } => {
                self.expr(cls)?;
                patterns
                    .iter()
                    .chain(kwd_patterns)
                    .try_for_each(|p| self.pattern(p))
            }
            PatternKind::Star(name) => {
                if let Some(name) = name {
                    self.bind(&name.name);
                }
                Ok(())
            }
            PatternKind::As { pattern, name } => {
                if let Some(pattern) = pattern {
                    self.pattern(pattern)?;
                }
                if let Some(name) = name {
                    self.bind(&name.name);
                }
                Ok(())
            }
        }
    }

    /// A `global` or `nonlocal` statement, with CPython's checks of earlier uses.
    fn declare(&mut self, names: &[Ident], at: Span, flag: u8) -> Built {
        let word = if flag == DEF_GLOBAL {
            "global"
        } else {
            "nonlocal"
        };
        for name in names {
            let flags = self.flags_of(&name.name);
            let message = if flags & DEF_PARAM != 0 {
                Some(format!("name '{}' is parameter and {word}", name.name))
            } else if flag == DEF_NONLOCAL && flags & DEF_GLOBAL != 0
                || flag == DEF_GLOBAL && flags & DEF_NONLOCAL != 0
            {
                Some(format!("name '{}' is nonlocal and global", name.name))
            } else if flags & DEF_LOCAL != 0 {
                Some(format!(
                    "name '{}' is assigned to before {word} declaration",
                    name.name
                ))
            } else if flags & USE != 0 {
                Some(format!(
                    "name '{}' is used prior to {word} declaration",
                    name.name
                ))
            } else {
                None
            };
            if let Some(message) = message {
                // A clash of two declarations is reported at the first one, as CPython does.
                let scope = self.scope();
                let at = match flags & (DEF_GLOBAL | DEF_NONLOCAL) {
                    0 => at,
                    _ => scope
                        .declared_at
                        .get(scope.mangle(&name.name).as_ref())
                        .copied()
                        .unwrap_or(at),
                };
                return Err(CompileError::syntax(message, at));
            }
            self.flag(&name.name, flag);
            let scope = self.scope();
            let mangled = scope.mangle(&name.name).into_owned();
            scope.declared_at.insert(mangled, at);
        }
        Ok(())
    }

    fn function(&mut self, def: &FunctionDef, span: Span) -> Built {
        for param in def.params.args.iter().chain(def.params.kwonly.iter()) {
            if let Some(default) = &param.default {
                self.expr(default)?;
            }
        }
        let outer = self.open(ScopeKind::Function, span);
        let mut params: Vec<&Ident> = def.params.args.iter().map(|p| &p.name).collect();
        params.extend(def.params.kwonly.iter().map(|p| &p.name));
        params.extend(def.params.vararg.iter());
        params.extend(def.params.kwarg.iter());
        for param in params {
            if self.flags_of(&param.name) & DEF_PARAM != 0 {
                return Err(CompileError::syntax(
                    format!("duplicate argument '{}' in function definition", param.name),
                    param.span,
                ));
            }
            self.flag(&param.name, DEF_PARAM | DEF_LOCAL);
            let scope = self.scope();
            let mangled = scope.mangle(&param.name).into_owned();
            scope.params.push(mangled);
        }
        self.stmts(&def.body)?;
        self.current = outer;
        Ok(())
    }

    fn exprs(&mut self, exprs: &[Expr]) -> Built {
        exprs.iter().try_for_each(|e| self.expr(e))
    }

    fn expr(&mut self, expr: &Expr) -> Built {
        match &expr.kind {
            ExprKind::Name { id, ctx } => {
                match ctx {
                    Context::Load => self.use_name(id),
                    Context::Store | Context::Del => self.bind(id),
                }
                // `super()` in a method finds its class through the implicit `__class__`.
                if id == "super" && self.scope().kind == ScopeKind::Function {
                    self.use_name("__class__");
                }
                Ok(())
            }
            ExprKind::BoolOp { values, .. } => self.exprs(values),
            ExprKind::Named { target, value } => {
                self.expr(value)?;
                if self.scope().kind == ScopeKind::Function && self.in_comprehension() {
                    return Err(CompileError::unsupported(
                        "assignment expressions inside comprehensions",
                        expr.span,
                    ));
                }
                self.expr(target)
            }
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left)?;
                self.expr(right)
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand),
            ExprKind::Lambda(def) => self.function(def, expr.span),
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                self.expr(body)?;
                self.expr(orelse)
            }
            ExprKind::Dict(items) => {
                for (key, value) in items {
                    if let Some(key) = key {
                        self.expr(key)?;
                    }
                    self.expr(value)?;
                }
                Ok(())
            }
            ExprKind::ListComp { elt, generators } => {
                self.comprehension(generators, expr.span, &[elt.as_ref()], "list comprehension")
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension(generators, expr.span, &[elt.as_ref()], "set comprehension")
            }
            ExprKind::GeneratorExp { elt, generators } => self.comprehension(
                generators,
                expr.span,
                &[elt.as_ref()],
                "generator expression",
            ),
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comprehension(
                generators,
                expr.span,
                &[key.as_ref(), value.as_ref()],
                "dict comprehension",
            ),
            ExprKind::Yield(value) => {
                self.yield_point(expr.span)?;
                value.iter().try_for_each(|v| self.expr(v))
            }
            ExprKind::YieldFrom(value) => {
                self.yield_point(expr.span)?;
                self.expr(value)
            }
            ExprKind::Compare {
                left, comparators, ..
            } => {
                self.expr(left)?;
                self.exprs(comparators)
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.expr(func)?;
                self.exprs(args)?;
                keywords.iter().try_for_each(|k| self.expr(&k.value))
            }
            ExprKind::FString(parts) => self.fstring(parts),
            ExprKind::Constant(_) => Ok(()),
            ExprKind::Attribute { value, .. } => self.expr(value),
            ExprKind::Subscript { value, index, .. } => {
                self.expr(value)?;
                self.expr(index)
            }
            ExprKind::Starred { value, .. } => self.expr(value),
            ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } | ExprKind::Set(elts) => {
                self.exprs(elts)
            }
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper, step].into_iter().flatten() {
                    self.expr(part)?;
                }
                Ok(())
            }
        }
    }

    fn fstring(&mut self, parts: &[FStringPart]) -> Built {
        for part in parts {
            if let FStringPart::Formatted { value, spec, .. } = part {
                self.expr(value)?;
                self.fstring(spec)?;
            }
        }
        Ok(())
    }

    /// Whether the current scope is a comprehension's (its parameter is `.0`).
    fn in_comprehension(&self) -> bool {
        self.table.scopes[self.current].comprehension.is_some()
    }

    /// A `yield`: the function becomes a generator; outside a function or inside a
    /// comprehension it is a `SyntaxError`.
    fn yield_point(&mut self, at: Span) -> Built {
        let scope = self.scope();
        if scope.kind != ScopeKind::Function {
            return Err(CompileError::syntax("'yield' outside function", at));
        }
        if let Some(kind) = scope.comprehension {
            return Err(CompileError::syntax(format!("'yield' inside {kind}"), at));
        }
        scope.is_generator = true;
        Ok(())
    }

    /// A comprehension (`kind` names it in messages): the first iterable is evaluated
    /// outside; the rest in a function scope whose parameter `.0` is the first iterator.
    /// A generator expression's scope is a generator.
    fn comprehension(
        &mut self,
        generators: &[Comprehension],
        span: Span,
        elts: &[&Expr],
        kind: &'static str,
    ) -> Built {
        let Some(first) = generators.first() else {
            return Ok(());
        };
        self.expr(&first.iter)?;
        let outer = self.open(ScopeKind::Function, span);
        self.scope().comprehension = Some(kind);
        self.scope().is_generator = kind == "generator expression";
        self.scope().flag(".0", DEF_PARAM | DEF_LOCAL);
        self.scope().params.push(".0".into());
        for (i, generator) in generators.iter().enumerate() {
            if i > 0 {
                self.expr(&generator.iter)?;
            }
            self.expr(&generator.target)?;
            self.exprs(&generator.ifs)?;
        }
        for elt in elts {
            self.expr(elt)?;
        }
        self.current = outer;
        Ok(())
    }

    /// Resolves every scope's names, innermost first, making cells of the locals that
    /// inner functions capture.
    fn resolve(&mut self) -> Built {
        // Scopes are numbered in pre-order, so children come after their parents:
        // resolving from the last to the first sees every child before its parent.
        for id in (0..self.table.scopes.len()).rev() {
            let names: Vec<(String, u8)> = self.table.scopes[id]
                .order
                .iter()
                .map(|name| (name.clone(), self.table.scopes[id].flags_of(name)))
                .collect();
            for (name, flags) in names {
                let binding = self.resolve_name(id, &name, flags)?;
                if let Some(binding) = binding {
                    let scope = &mut self.table.scopes[id];
                    // A cell made by an inner scope's capture stays a cell.
                    if scope.bindings.get(&name) != Some(&Binding::Cell) {
                        scope.bindings.insert(name, binding);
                    }
                }
            }
        }
        Ok(())
    }

    fn resolve_name(
        &mut self,
        id: usize,
        name: &str,
        flags: u8,
    ) -> Result<Option<Binding>, CompileError> {
        let kind = self.table.scopes[id].kind;
        if flags & DEF_GLOBAL != 0 {
            return Ok(Some(Binding::GlobalExplicit));
        }
        if kind == ScopeKind::Module {
            return Ok(Some(Binding::GlobalExplicit));
        }
        if flags & DEF_NONLOCAL != 0 {
            return match self.capture(id, name) {
                true => Ok(Some(Binding::Free)),
                false => Err(CompileError::syntax(
                    format!("no binding for nonlocal '{name}' found"),
                    self.table.scopes[id]
                        .declared_at
                        .get(name)
                        .copied()
                        .unwrap_or_default(),
                )),
            };
        }
        if flags & DEF_LOCAL != 0 {
            return Ok(Some(match kind {
                ScopeKind::Class => Binding::ClassName,
                _ => Binding::Local,
            }));
        }
        if self.capture(id, name) {
            return Ok(Some(Binding::Free));
        }
        Ok(None)
    }

    /// Whether `name` is bound in a function enclosing scope `id` (classes are skipped);
    /// if so, the binding function's variable becomes a cell and the scopes in between
    /// pass it on as a free variable.
    fn capture(&mut self, id: usize, name: &str) -> bool {
        let mut between: Vec<usize> = Vec::new();
        let mut scope = self.table.scopes[id].parent;
        while let Some(outer) = scope {
            let s = &self.table.scopes[outer];
            if s.kind == ScopeKind::Module {
                return false;
            }
            if s.kind == ScopeKind::Class && name == "__class__" {
                // The class body provides `__class__` as a cell its methods capture.
                let class = &mut self.table.scopes[outer];
                class.flag(name, 0);
                class.bindings.insert(name.to_string(), Binding::Cell);
                for pass in between {
                    let s = &mut self.table.scopes[pass];
                    s.flag(name, 0);
                    s.bindings.insert(name.to_string(), Binding::Free);
                }
                return true;
            }
            if s.kind == ScopeKind::Function {
                let flags = s.flags_of(name);
                if flags & DEF_GLOBAL != 0 {
                    return false;
                }
                if flags & DEF_NONLOCAL != 0 || flags & DEF_LOCAL != 0 {
                    if flags & DEF_NONLOCAL != 0 {
                        between.push(outer);
                    } else {
                        self.table.scopes[outer]
                            .bindings
                            .insert(name.to_string(), Binding::Cell);
                    }
                    for pass in between {
                        let s = &mut self.table.scopes[pass];
                        s.flag(name, 0);
                        if s.bindings.get(name) != Some(&Binding::Cell) {
                            s.bindings.insert(name.to_string(), Binding::Free);
                        }
                    }
                    return true;
                }
                between.push(outer);
            } else {
                between.push(outer);
            }
            scope = s.parent;
        }
        false
    }
}
