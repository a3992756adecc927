//! The compiler: jitpy's syntax tree to bytecode ([`CodeUnit`]s). One [`Unit`] per code
//! object (module, class body, function, lambda, comprehension); names are placed by the
//! symbol table. Exception handling follows CPython 3.11: every instruction remembers the
//! handler in force when it was emitted, and runs of instructions with the same handler
//! become the code object's exception table. `break`, `continue` and `return` unwind the
//! enclosing blocks (popping iterators, restoring the handled exception, running
//! `finally` bodies inline). Also raises the compile-time `SyntaxError`s of misplaced
//! `return`, `break` and `continue`. Inside a class, names, attribute names and imported
//! names are mangled where they are emitted, as CPython's compiler does.

mod patterns;

use std::borrow::Cow;

use crate::bytecode::*;
use crate::front::ast::*;
use crate::front::error::{CompileError, LineIndex};
use crate::front::fold::fold_expr;
use crate::front::future::{is_future, Future};
use crate::front::mangle::mangle;
use crate::front::symtable::{bound_name, Binding, ScopeKind, SymbolTable};
use crate::front::Mode;

/// Compiles a parsed and analysed module (with the `__future__` features it asked for)
/// as `mode` says (`Eval`: its one expression statement gives the result).
pub fn compile_module(
    module: &[Stmt],
    table: &SymbolTable,
    future: Future,
    source: &str,
    mode: Mode,
) -> Result<CodeUnit, CompileError> {
    let lines = LineIndex::new(source);
    let mut compiler = Compiler {
        table,
        future,
        source,
        lines: &lines,
        units: Vec::new(),
        interactive: mode == Mode::Single,
    };
    compiler.enter(0, "<module>", "<module>".into(), CodeKind::Module, 1);
    match (mode, module) {
        // `'eval'`: the one expression's value is the result.
        (
            Mode::Eval,
            [Stmt {
                kind: StmtKind::Expr(expr),
                ..
            }],
        ) => compiler.expr(expr)?,
        _ => {
            for stmt in module {
                compiler.stmt(stmt)?;
            }
            compiler.unit().load_const(Const::None);
        }
    }
    compiler.unit().emit(Op::ReturnValue, 0);
    compiler.leave()
}

type Compiled = Result<(), CompileError>;

/// A jump target, resolved when its unit is finished.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Label(usize);

/// A handler in force: its label and the stack depth it keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct HandlerRef {
    label: Label,
    depth: u32,
}

/// An instruction before jump targets are resolved.
struct Instr {
    op: Op,
    arg: u32,
    /// The label of a jump instruction's target.
    target: Option<Label>,
    pos: (u32, u32),
    handler: Option<HandlerRef>,
}

/// A block that `break`, `continue` and `return` must unwind.
#[derive(Clone)]
enum Block {
    /// A loop: where `continue` and `break` go; a `for` loop holds its iterator.
    Loop {
        continue_to: Label,
        break_to: Label,
        holds_iterator: bool,
    },
    /// An `except` body: the previously handled exception is on the stack; the `as` name.
    Handler { name: Option<String> },
    /// A `try` body with a `finally`: the finally body runs when leaving it.
    Finally {
        body: Vec<Stmt>,
        handlers_len: usize,
    },
    /// A `finally` body running for an exception: the previous exception and the
    /// exception are on the stack.
    FinallyEnd,
    /// A `with` body: the context manager's bound `__exit__` is on the stack.
    With,
}

impl Block {
    /// Stack items the block keeps below the statements inside it.
    fn stack_items(&self) -> u32 {
        match self {
            Block::Loop {
                holds_iterator: true,
                ..
            } => 1,
            Block::Loop { .. } | Block::Finally { .. } => 0,
            Block::Handler { .. } | Block::With => 1,
            Block::FinallyEnd => 2,
        }
    }
}

/// A code object being compiled.
struct Unit {
    scope: usize,
    code: CodeUnit,
    instrs: Vec<Instr>,
    labels: Vec<Option<usize>>,
    blocks: Vec<Block>,
    handlers: Vec<HandlerRef>,
    pos: (u32, u32),
}

impl Unit {
    fn emit(&mut self, op: Op, arg: u32) {
        self.instrs.push(Instr {
            op,
            arg,
            target: None,
            pos: self.pos,
            handler: self.handlers.last().copied(),
        });
    }

    fn emit_jump(&mut self, op: Op, target: Label) {
        self.emit(op, 0);
        if let Some(last) = self.instrs.last_mut() {
            last.target = Some(target);
        }
    }

    fn label(&mut self) -> Label {
        self.labels.push(None);
        Label(self.labels.len() - 1)
    }

    fn place(&mut self, label: Label) {
        self.labels[label.0] = Some(self.instrs.len());
    }

    fn constant(&mut self, value: Const) -> u32 {
        // Equal constants share a slot; 0.0 and -0.0 (and 1 and True) must not.
        let same = |c: &Const| match (c, &value) {
            (Const::Float(a), Const::Float(b)) | (Const::Imaginary(a), Const::Imaginary(b)) => {
                a.to_bits() == b.to_bits()
            }
            (Const::Code(_), _) => false,
            (a, b) => a == b && std::mem::discriminant(a) == std::mem::discriminant(b),
        };
        if let Some(i) = self.code.consts.iter().position(same) {
            return i as u32;
        }
        self.code.consts.push(value);
        (self.code.consts.len() - 1) as u32
    }

    fn load_const(&mut self, value: Const) {
        let index = self.constant(value);
        self.emit(Op::LoadConst, index);
    }

    fn name(&mut self, name: &str) -> u32 {
        index_of(&mut self.code.names, name)
    }

    fn varname(&mut self, name: &str) -> u32 {
        index_of(&mut self.code.varnames, name)
    }

    /// Stack items the enclosing blocks keep.
    fn base_depth(&self) -> u32 {
        self.blocks.iter().map(Block::stack_items).sum()
    }
}

fn index_of(list: &mut Vec<String>, name: &str) -> u32 {
    if let Some(i) = list.iter().position(|n| n == name) {
        return i as u32;
    }
    list.push(name.to_string());
    (list.len() - 1) as u32
}

struct Compiler<'a> {
    table: &'a SymbolTable,
    future: Future,
    source: &'a str,
    lines: &'a LineIndex,
    units: Vec<Unit>,
    /// Compiling an interactive prompt's input: module-level expression statements echo
    /// their values (`PrintExpr`).
    interactive: bool,
}

impl Compiler<'_> {
    fn unit(&mut self) -> &mut Unit {
        self.units.last_mut().expect("a unit is being compiled")
    }

    /// `name` as written in the current unit: mangled if private and inside a class.
    fn mangle<'n>(&self, name: &'n str) -> Cow<'n, str> {
        let private = self
            .units
            .last()
            .and_then(|unit| self.table.scopes[unit.scope].private.as_deref());
        mangle(private, name)
    }

    /// The index among the current unit's names of `name` as written (an attribute or an
    /// imported name): mangled (CPython's `compiler_addop_name`).
    fn private_name(&mut self, name: &str) -> u32 {
        let name = self.mangle(name).into_owned();
        self.unit().name(&name)
    }

    fn position(&self, span: Span) -> (u32, u32) {
        let (line, col) = self.lines.line_col(self.source, span.start as usize);
        (line as u32, col as u32)
    }

    /// Starts the code object of the definition at `span` (a class body, function, lambda
    /// or comprehension) named `name`; returns its qualified name.
    fn enter_definition(&mut self, span: Span, name: &str, kind: CodeKind) -> String {
        let qualname = self.qualname(name);
        let scope = self
            .table
            .scope_at(span)
            .expect("the symbol table has a scope for every definition");
        let first_line = self.position(span).0;
        self.enter(scope, name, qualname.clone(), kind, first_line);
        qualname
    }

    fn enter(
        &mut self,
        scope: usize,
        name: &str,
        qualname: String,
        kind: CodeKind,
        first_line: u32,
    ) {
        let symbols = &self.table.scopes[scope];
        let mut code = CodeUnit {
            name: name.to_string(),
            qualname,
            kind,
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            has_varargs: false,
            has_varkw: false,
            varnames: symbols.params.clone(),
            cellvars: symbols.names_with(Binding::Cell),
            cell_params: Vec::new(),
            freevars: symbols.names_with(Binding::Free),
            names: Vec::new(),
            consts: Vec::new(),
            code: Vec::new(),
            positions: Vec::new(),
            exception_table: Vec::new(),
            max_stack: 0,
            first_line,
            is_generator: symbols.is_generator,
            doc: None,
        };
        for (cell, name) in code.cellvars.iter().enumerate() {
            if let Some(param) = code.varnames.iter().position(|p| p == name) {
                code.cell_params.push((cell as u32, param as u32));
            }
        }
        self.units.push(Unit {
            scope,
            code,
            instrs: Vec::new(),
            labels: Vec::new(),
            blocks: Vec::new(),
            handlers: Vec::new(),
            pos: (first_line, 0),
        });
    }

    /// Finishes the current unit: resolves jumps, builds the position and exception
    /// tables, and computes the stack depth it needs.
    fn leave(&mut self) -> Result<CodeUnit, CompileError> {
        let unit = self.units.pop().expect("a unit is being compiled");
        let Unit {
            mut code,
            instrs,
            labels,
            ..
        } = unit;
        let at = |label: Label| labels[label.0].unwrap_or(instrs.len()) as u32;
        for instr in &instrs {
            let arg = instr.target.map_or(instr.arg, at);
            if arg > MAX_ARG {
                return Err(CompileError::unsupported(
                    "code objects with more than 16,777,215 instructions, constants or names",
                    Span::default(),
                ));
            }
            code.code.push(encode(instr.op, arg));
            code.positions.push(instr.pos);
        }
        let mut table: Vec<ExceptionEntry> = Vec::new();
        for (pc, instr) in instrs.iter().enumerate() {
            let Some(handler) = instr.handler else {
                continue;
            };
            let (handler_pc, depth) = (at(handler.label), handler.depth);
            match table.last_mut() {
                Some(last)
                    if last.end == pc as u32
                        && last.handler == handler_pc
                        && last.depth == depth =>
                {
                    last.end += 1;
                }
                _ => table.push(ExceptionEntry {
                    start: pc as u32,
                    end: pc as u32 + 1,
                    handler: handler_pc,
                    depth,
                }),
            }
        }
        code.exception_table = table;
        code.max_stack = max_stack(&code);
        Ok(code)
    }

    fn set_pos(&mut self, span: Span) -> (u32, u32) {
        let pos = self.position(span);
        std::mem::replace(&mut self.unit().pos, pos)
    }

    fn stmts(&mut self, stmts: &[Stmt]) -> Compiled {
        stmts.iter().try_for_each(|stmt| self.stmt(stmt))
    }

    fn stmt(&mut self, stmt: &Stmt) -> Compiled {
        self.set_pos(stmt.span);
        match &stmt.kind {
            StmtKind::FunctionDef(def) => {
                self.exprs(&def.decorators)?;
                self.make_function(def, stmt.span)?;
                for _ in &def.decorators {
                    self.unit().emit(Op::Call, 1);
                }
                self.store_name(&def.name.name)
            }
            StmtKind::ClassDef(class) => self.class_def(class, stmt.span),
            StmtKind::Return(value) => {
                if self.unit().code.kind != CodeKind::Function {
                    return Err(CompileError::syntax("'return' outside function", stmt.span));
                }
                match value {
                    Some(value) => self.expr(value)?,
                    None => self.unit().load_const(Const::None),
                }
                self.unwind_all(true)?;
                self.unit().emit(Op::ReturnValue, 0);
                Ok(())
            }
            StmtKind::Delete(targets) => targets.iter().try_for_each(|t| self.delete(t)),
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for (i, target) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.unit().emit(Op::Copy, 1);
                    }
                    self.store(target)?;
                }
                Ok(())
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value),
            StmtKind::AnnAssign {
                target,
                value,
                simple,
                annotation,
            } => {
                if let Some(value) = value {
                    self.expr(value)?;
                    self.store(target)?;
                } else if !simple {
                    // `obj.attr: T` evaluates the object; `x[i]: T` the object and index.
                    match &target.kind {
                        ExprKind::Attribute { value, .. } => {
                            self.expr(value)?;
                            self.unit().emit(Op::Pop, 0);
                        }
                        ExprKind::Subscript { value, index, .. } => {
                            self.expr(value)?;
                            self.unit().emit(Op::Pop, 0);
                            self.expr(index)?;
                            self.unit().emit(Op::Pop, 0);
                        }
                        _ => {}
                    }
                }
                // Module and class annotations are evaluated (jitpy keeps no
                // `__annotations__` yet); those of locals never are (PEP 526), nor any
                // under `from __future__ import annotations`.
                if self.unit().code.kind != CodeKind::Function && !self.future.annotations {
                    self.expr(annotation)?;
                    self.unit().emit(Op::Pop, 0);
                }
                Ok(())
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => self.for_loop(target, iter, body, orelse),
            StmtKind::While { test, body, orelse } => {
                let (top, orelse_label, end) = (
                    self.unit().label(),
                    self.unit().label(),
                    self.unit().label(),
                );
                self.unit().place(top);
                self.condition(test, false, orelse_label)?;
                self.unit().blocks.push(Block::Loop {
                    continue_to: top,
                    break_to: end,
                    holds_iterator: false,
                });
                self.stmts(body)?;
                self.unit().blocks.pop();
                self.set_pos(stmt.span);
                self.unit().emit_jump(Op::JumpBackward, top);
                self.unit().place(orelse_label);
                self.stmts(orelse)?;
                self.unit().place(end);
                Ok(())
            }
            StmtKind::If { test, body, orelse } => {
                let (orelse_label, end) = (self.unit().label(), self.unit().label());
                self.condition(test, false, orelse_label)?;
                self.stmts(body)?;
                if !orelse.is_empty() {
                    self.unit().emit_jump(Op::Jump, end);
                }
                self.unit().place(orelse_label);
                self.stmts(orelse)?;
                self.unit().place(end);
                Ok(())
            }
            StmtKind::Raise { exc, cause } => {
                let mut count = 0;
                if let Some(exc) = exc {
                    self.expr(exc)?;
                    count = 1;
                    if let Some(cause) = cause {
                        self.expr(cause)?;
                        count = 2;
                    }
                }
                self.set_pos(stmt.span);
                self.unit().emit(Op::Raise, count);
                Ok(())
            }
            StmtKind::Try(try_) => self.try_stmt(try_),
            StmtKind::Assert { test, msg } => {
                let end = self.unit().label();
                self.condition(test, true, end)?;
                self.unit().emit(Op::LoadAssertionError, 0);
                if let Some(msg) = msg {
                    self.expr(msg)?;
                    self.unit().emit(Op::Call, 1);
                }
                self.set_pos(stmt.span);
                self.unit().emit(Op::Raise, 1);
                self.unit().place(end);
                Ok(())
            }
            StmtKind::With { items, body } => self.with(items, body, stmt.span),
            StmtKind::Import(names) => names.iter().try_for_each(|alias| self.import(alias)),
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => {
                let module = module.as_deref().unwrap_or("");
                if !is_future(module, *level) {
                    return self.import_from(module, names, *level);
                }
                // A directive (checked by `future`), unless it comes too late.
                if stmt.span.end > self.future.end {
                    return Err(CompileError::syntax(
                        "from __future__ imports must occur at the beginning of the file",
                        stmt.span,
                    ));
                }
                Ok(())
            }
            StmtKind::Global(_) | StmtKind::Nonlocal(_) | StmtKind::Pass => Ok(()),
            StmtKind::Expr(expr) => {
                self.expr(expr)?;
                let echo = self.interactive && self.units.len() == 1;
                self.unit()
                    .emit(if echo { Op::PrintExpr } else { Op::Pop }, 0);
                Ok(())
            }
            StmtKind::Match { subject, cases } => self.match_stmt(subject, cases),
            StmtKind::Break => self.break_continue(true, stmt.span),
            StmtKind::Continue => self.break_continue(false, stmt.span),
        }
    }

    /// `with a as x, b: body`: one context manager after the other, the body inside all.
    /// On the way in, `__enter__`'s result goes to the target; on the way out
    /// `__exit__(None, None, None)`, or for an exception `__exit__(type, exc, tb)`,
    /// whose true result suppresses the exception.
    fn with(&mut self, items: &[(Expr, Option<Expr>)], body: &[Stmt], span: Span) -> Compiled {
        let Some(((context, target), rest)) = items.split_first() else {
            return self.stmts(body);
        };
        let base = self.unit().base_depth();
        let (on_exception, cleanup, suppress, end) = (
            self.unit().label(),
            self.unit().label(),
            self.unit().label(),
            self.unit().label(),
        );
        self.expr(context)?;
        self.set_pos(span);
        self.unit().emit(Op::BeforeWith, 0);
        self.unit().handlers.push(HandlerRef {
            label: on_exception,
            depth: base + 1,
        });
        self.unit().blocks.push(Block::With);
        match target {
            Some(target) => self.store(target)?,
            None => self.unit().emit(Op::Pop, 0),
        }
        self.with(rest, body, span)?;
        self.unit().blocks.pop();
        self.unit().handlers.pop();
        self.set_pos(span);
        self.call_exit_without_exception();
        self.unit().emit_jump(Op::Jump, end);
        // The exceptional path: exit, exc -> exit, prev, exc, then `__exit__(...)`.
        self.unit().place(on_exception);
        self.unit().emit(Op::PushExcInfo, 0);
        self.unit().handlers.push(HandlerRef {
            label: cleanup,
            depth: base + 2,
        });
        self.unit().emit(Op::WithExceptStart, 0);
        self.unit().emit_jump(Op::PopJumpIfTrue, suppress);
        self.unit().emit(Op::Reraise, 0);
        self.unit().place(suppress);
        self.unit().emit(Op::Pop, 0);
        self.unit().emit(Op::PopExcept, 0);
        self.unit().emit(Op::Pop, 0);
        self.unit().emit_jump(Op::Jump, end);
        self.unit().handlers.pop();
        self.unit().place(cleanup);
        self.unit().emit(Op::PopExceptReraise, 0);
        self.unit().place(end);
        Ok(())
    }

    /// `exit -> `: calls the `__exit__` on the stack with three `None`s.
    fn call_exit_without_exception(&mut self) {
        self.unit().load_const(Const::None);
        self.unit().emit(Op::Copy, 1);
        self.unit().emit(Op::Copy, 1);
        self.unit().emit(Op::Call, 3);
        self.unit().emit(Op::Pop, 0);
    }

    /// `import a.b.c` (binds `a`) or `import a.b.c as d` (binds the module `a.b.c`).
    fn import(&mut self, alias: &Alias) -> Compiled {
        self.unit().load_const(Const::Int(0));
        self.unit().load_const(Const::None);
        let index = self.private_name(&alias.name.name);
        self.unit().emit(Op::ImportName, index);
        if alias.asname.is_some() {
            // The dotted name's parts are not mangled (CPython 3.11 neither).
            for part in alias.name.name.split('.').skip(1) {
                let index = self.unit().name(part);
                self.unit().emit(Op::ImportFrom, index);
                self.unit().emit(Op::Swap, 2);
                self.unit().emit(Op::Pop, 0);
            }
        }
        self.store_name(bound_name(alias))
    }

    /// `from module import a as b, c` and `from module import *`.
    fn import_from(&mut self, module: &str, names: &[Alias], level: u32) -> Compiled {
        self.unit().load_const(Const::Int(i64::from(level)));
        let fromlist = names
            .iter()
            .map(|alias| Const::Str(alias.name.name.clone()))
            .collect();
        self.unit().load_const(Const::Tuple(fromlist));
        let index = self.private_name(module);
        self.unit().emit(Op::ImportName, index);
        if names.len() == 1 && names[0].name.name == "*" {
            self.unit().emit(Op::ImportStar, 0);
            return Ok(());
        }
        for alias in names {
            let index = self.private_name(&alias.name.name);
            self.unit().emit(Op::ImportFrom, index);
            self.store_name(bound_name(alias))?;
        }
        self.unit().emit(Op::Pop, 0);
        Ok(())
    }

    /// `break` or `continue`: unwinds to the innermost loop, then jumps.
    fn break_continue(&mut self, is_break: bool, at: Span) -> Compiled {
        let saved_blocks = self.unit().blocks.clone();
        let saved_handlers = self.unit().handlers.clone();
        loop {
            let Some(block) = self.unit().blocks.last().cloned() else {
                let message = if is_break {
                    "'break' outside loop"
                } else {
                    "'continue' not properly in loop"
                };
                return Err(CompileError::syntax(message, at));
            };
            if let Block::Loop {
                continue_to,
                break_to,
                holds_iterator,
            } = block
            {
                if is_break {
                    if holds_iterator {
                        self.unit().emit(Op::Pop, 0);
                    }
                    self.unit().emit_jump(Op::Jump, break_to);
                } else {
                    self.unit().emit_jump(Op::JumpBackward, continue_to);
                }
                break;
            }
            self.unwind_block(false)?;
        }
        self.unit().blocks = saved_blocks;
        self.unit().handlers = saved_handlers;
        Ok(())
    }

    /// Unwinds every block (for `return`), keeping the value on top if `keep_top`.
    fn unwind_all(&mut self, keep_top: bool) -> Compiled {
        let saved_blocks = self.unit().blocks.clone();
        let saved_handlers = self.unit().handlers.clone();
        while !self.unit().blocks.is_empty() {
            if let Some(Block::Loop { holds_iterator, .. }) = self.unit().blocks.last().cloned() {
                self.unit().blocks.pop();
                if holds_iterator {
                    self.pop_below_top(keep_top);
                }
                continue;
            }
            self.unwind_block(keep_top)?;
        }
        self.unit().blocks = saved_blocks;
        self.unit().handlers = saved_handlers;
        Ok(())
    }

    fn pop_below_top(&mut self, keep_top: bool) {
        if keep_top {
            self.unit().emit(Op::Swap, 2);
        }
        self.unit().emit(Op::Pop, 0);
    }

    /// Leaves the innermost (non-loop) block on the way out of it.
    fn unwind_block(&mut self, keep_top: bool) -> Compiled {
        let Some(block) = self.unit().blocks.pop() else {
            return Ok(());
        };
        match block {
            Block::Loop { .. } => {}
            Block::Handler { name } => {
                if keep_top {
                    self.unit().emit(Op::Swap, 2);
                }
                self.unit().emit(Op::PopExcept, 0);
                if let Some(name) = name {
                    self.unit().load_const(Const::None);
                    self.store_name(&name)?;
                    self.delete_name(&name)?;
                }
            }
            Block::Finally { body, handlers_len } => {
                self.unit().handlers.truncate(handlers_len);
                self.stmts(&body)?;
            }
            Block::With => {
                if keep_top {
                    self.unit().emit(Op::Swap, 2);
                }
                self.call_exit_without_exception();
            }
            Block::FinallyEnd => {
                // Stack: prev, exc (and the kept value): drop exc, restore prev.
                self.pop_below_top(keep_top);
                if keep_top {
                    self.unit().emit(Op::Swap, 2);
                }
                self.unit().emit(Op::PopExcept, 0);
            }
        }
        Ok(())
    }

    fn for_loop(&mut self, target: &Expr, iter: &Expr, body: &[Stmt], orelse: &[Stmt]) -> Compiled {
        self.iterated(iter)?;
        self.unit().emit(Op::GetIter, 0);
        let (top, orelse_label, end) = (
            self.unit().label(),
            self.unit().label(),
            self.unit().label(),
        );
        self.unit().place(top);
        self.unit().emit_jump(Op::ForIter, orelse_label);
        self.store(target)?;
        self.unit().blocks.push(Block::Loop {
            continue_to: top,
            break_to: end,
            holds_iterator: true,
        });
        self.stmts(body)?;
        self.unit().blocks.pop();
        self.unit().emit_jump(Op::JumpBackward, top);
        self.unit().place(orelse_label);
        self.stmts(orelse)?;
        self.unit().place(end);
        Ok(())
    }

    fn try_stmt(&mut self, try_: &Try) -> Compiled {
        if try_.finalbody.is_empty() {
            return self.try_except(try_);
        }
        let base = self.unit().base_depth();
        let (on_exception, cleanup, end) = (
            self.unit().label(),
            self.unit().label(),
            self.unit().label(),
        );
        let handlers_len = self.unit().handlers.len();
        self.unit().blocks.push(Block::Finally {
            body: try_.finalbody.clone(),
            handlers_len,
        });
        self.unit().handlers.push(HandlerRef {
            label: on_exception,
            depth: base,
        });
        self.try_except(try_)?;
        self.unit().handlers.pop();
        self.unit().blocks.pop();
        self.stmts(&try_.finalbody)?;
        self.unit().emit_jump(Op::Jump, end);
        // The exceptional path: run the body with the exception handled, then re-raise.
        self.unit().place(on_exception);
        self.unit().emit(Op::PushExcInfo, 0);
        self.unit().handlers.push(HandlerRef {
            label: cleanup,
            depth: base + 1,
        });
        self.unit().blocks.push(Block::FinallyEnd);
        self.stmts(&try_.finalbody)?;
        self.unit().blocks.pop();
        self.unit().emit(Op::Reraise, 0);
        self.unit().handlers.pop();
        self.unit().place(cleanup);
        self.unit().emit(Op::PopExceptReraise, 0);
        self.unit().place(end);
        Ok(())
    }

    fn try_except(&mut self, try_: &Try) -> Compiled {
        if try_.handlers.is_empty() {
            self.stmts(&try_.body)?;
            return self.stmts(&try_.orelse);
        }
        let base = self.unit().base_depth();
        let (on_exception, cleanup, end) = (
            self.unit().label(),
            self.unit().label(),
            self.unit().label(),
        );
        self.unit().handlers.push(HandlerRef {
            label: on_exception,
            depth: base,
        });
        self.stmts(&try_.body)?;
        self.unit().handlers.pop();
        self.stmts(&try_.orelse)?;
        self.unit().emit_jump(Op::Jump, end);
        self.unit().place(on_exception);
        self.unit().emit(Op::PushExcInfo, 0);
        self.unit().handlers.push(HandlerRef {
            label: cleanup,
            depth: base + 1,
        });
        for (i, handler) in try_.handlers.iter().enumerate() {
            self.set_pos(handler.span);
            let next = self.unit().label();
            match &handler.type_ {
                Some(type_) => {
                    self.expr(type_)?;
                    self.unit().emit(Op::CheckExcMatch, 0);
                    self.unit().emit_jump(Op::PopJumpIfFalse, next);
                }
                None if i + 1 < try_.handlers.len() => {
                    return Err(CompileError::syntax(
                        "default 'except:' must be last",
                        handler.span,
                    ));
                }
                None => {}
            }
            match &handler.name {
                Some(name) => self.store_name(&name.name)?,
                None => self.unit().emit(Op::Pop, 0),
            }
            let name = handler.name.as_ref().map(|n| n.name.clone());
            self.unit()
                .blocks
                .push(Block::Handler { name: name.clone() });
            self.stmts(&handler.body)?;
            self.unit().blocks.pop();
            self.unit().emit(Op::PopExcept, 0);
            if let Some(name) = name {
                self.unit().load_const(Const::None);
                self.store_name(&name)?;
                self.delete_name(&name)?;
            }
            self.unit().emit_jump(Op::Jump, end);
            self.unit().place(next);
        }
        self.unit().emit(Op::Reraise, 0);
        self.unit().handlers.pop();
        self.unit().place(cleanup);
        self.unit().emit(Op::PopExceptReraise, 0);
        self.unit().place(end);
        Ok(())
    }

    fn class_def(&mut self, class: &ClassDef, span: Span) -> Compiled {
        self.exprs(&class.decorators)?;
        let qualname = self.enter_definition(span, &class.name.name, CodeKind::Class);
        let module_name = self.unit().name("__name__");
        self.unit().emit(Op::LoadGlobal, module_name);
        let module = self.unit().name("__module__");
        self.unit().emit(Op::StoreName, module);
        self.unit().load_const(Const::Str(qualname.clone()));
        let qualname_slot = self.unit().name("__qualname__");
        self.unit().emit(Op::StoreName, qualname_slot);
        if let Some(doc) = docstring(&class.body) {
            self.unit().load_const(Const::Str(doc));
            let doc_slot = self.unit().name("__doc__");
            self.unit().emit(Op::StoreName, doc_slot);
        }
        self.stmts(&class.body)?;
        // The body returns its `__class__` cell (if its methods use `super()`), which
        // `BuildClass` fills with the new class.
        match self
            .cell_index("__class__")
            .filter(|_| self.unit().code.cellvars.iter().any(|c| c == "__class__"))
        {
            Some(cell) => self.unit().emit(Op::LoadClosure, cell),
            None => self.unit().load_const(Const::None),
        }
        self.unit().emit(Op::ReturnValue, 0);
        let body = self.leave()?;
        self.set_pos(span);
        self.closure_of(&body)?;
        let flags = if body.freevars.is_empty() {
            0
        } else {
            make::CLOSURE
        };
        self.unit().load_const(Const::Code(Box::new(body)));
        self.unit().load_const(Const::Str(qualname));
        self.unit().emit(Op::MakeFunction, flags);
        self.unit().load_const(Const::Str(class.name.name.clone()));
        self.exprs(&class.bases)?;
        self.unit().emit(Op::BuildTuple, class.bases.len() as u32);
        if !class.keywords.is_empty() {
            let items: Vec<(Option<Expr>, Expr)> = class
                .keywords
                .iter()
                .map(|k| (k.name.as_ref().map(keyword_name), k.value.clone()))
                .collect();
            self.dict_display(&items)?;
        }
        self.set_pos(span);
        self.unit()
            .emit(Op::BuildClass, u32::from(!class.keywords.is_empty()));
        for _ in &class.decorators {
            self.unit().emit(Op::Call, 1);
        }
        self.store_name(&class.name.name)
    }

    /// The dotted name of a definition in the current unit.
    fn qualname(&self, name: &str) -> String {
        let Some(unit) = self.units.last() else {
            return name.to_string();
        };
        match unit.code.kind {
            CodeKind::Module => name.to_string(),
            CodeKind::Class => format!("{}.{name}", unit.code.qualname),
            CodeKind::Function => {
                // A global declared in the enclosing function is qualified as a global.
                let name_here = self.mangle(name);
                if self.table.scopes[unit.scope].binding(&name_here) == Binding::GlobalExplicit {
                    return name.to_string();
                }
                format!("{}.<locals>.{name}", unit.code.qualname)
            }
        }
    }

    /// Pushes the cells a nested code object captures (a tuple), if any.
    fn closure_of(&mut self, inner: &CodeUnit) -> Compiled {
        if inner.freevars.is_empty() {
            return Ok(());
        }
        for name in &inner.freevars {
            let index = self.cell_index(name).ok_or_else(|| {
                CompileError::unsupported(
                    &format!("capturing '{name}' through a class body"),
                    Span::default(),
                )
            })?;
            self.unit().emit(Op::LoadClosure, index);
        }
        self.unit()
            .emit(Op::BuildTuple, inner.freevars.len() as u32);
        Ok(())
    }

    /// The index of `name` among the current unit's cells (cell variables, then free).
    fn cell_index(&self, name: &str) -> Option<u32> {
        let code = &self.units.last()?.code;
        if let Some(i) = code.cellvars.iter().position(|n| n == name) {
            return Some(i as u32);
        }
        code.freevars
            .iter()
            .position(|n| n == name)
            .map(|i| (code.cellvars.len() + i) as u32)
    }

    /// Builds a function object (defaults, closure, code) for `def`, leaving it on the stack.
    fn make_function(&mut self, def: &FunctionDef, span: Span) -> Compiled {
        let mut flags = 0;
        let defaults: Vec<&Expr> = def
            .params
            .args
            .iter()
            .filter_map(|p| p.default.as_ref())
            .collect();
        if !defaults.is_empty() {
            for default in &defaults {
                self.expr(default)?;
            }
            self.unit().emit(Op::BuildTuple, defaults.len() as u32);
            flags |= make::DEFAULTS;
        }
        let kw_defaults: Vec<&Param> = def
            .params
            .kwonly
            .iter()
            .filter(|p| p.default.is_some())
            .collect();
        if !kw_defaults.is_empty() {
            for param in &kw_defaults {
                let name = self.mangle(&param.name.name).into_owned();
                self.unit().load_const(Const::Str(name));
                if let Some(default) = &param.default {
                    self.expr(default)?;
                }
            }
            self.unit().emit(Op::BuildDict, kw_defaults.len() as u32);
            flags |= make::KW_DEFAULTS;
        }
        let qualname = self.enter_definition(span, &def.name.name, CodeKind::Function);
        {
            let code = &mut self.unit().code;
            code.argcount = def.params.args.len() as u32;
            code.posonlyargcount = def.params.posonly as u32;
            code.kwonlyargcount = def.params.kwonly.len() as u32;
            code.has_varargs = def.params.vararg.is_some();
            code.has_varkw = def.params.kwarg.is_some();
            code.doc = docstring(&def.body).filter(|_| !def.is_lambda);
        }
        self.stmts(&def.body)?;
        if !def.is_lambda {
            self.unit().load_const(Const::None);
            self.unit().emit(Op::ReturnValue, 0);
        }
        let body = self.leave()?;
        self.set_pos(span);
        self.closure_of(&body)?;
        if !body.freevars.is_empty() {
            flags |= make::CLOSURE;
        }
        self.unit().load_const(Const::Code(Box::new(body)));
        self.unit().load_const(Const::Str(qualname));
        self.unit().emit(Op::MakeFunction, flags);
        Ok(())
    }

    fn exprs(&mut self, exprs: &[Expr]) -> Compiled {
        exprs.iter().try_for_each(|e| self.expr(e))
    }

    /// Compiles `test` and jumps to `target` when its truth is `jump_if`.
    fn condition(&mut self, test: &Expr, jump_if: bool, target: Label) -> Compiled {
        if let ExprKind::UnaryOp {
            op: UnaryOp::Not,
            operand,
        } = &test.kind
        {
            return self.condition(operand, !jump_if, target);
        }
        self.expr(test)?;
        let op = if jump_if {
            Op::PopJumpIfTrue
        } else {
            Op::PopJumpIfFalse
        };
        self.unit().emit_jump(op, target);
        Ok(())
    }

    fn expr(&mut self, expr: &Expr) -> Compiled {
        let mut folded;
        let expr = match &expr.kind {
            ExprKind::BinOp { .. }
            | ExprKind::UnaryOp { .. }
            | ExprKind::Tuple {
                ctx: Context::Load, ..
            } => {
                folded = expr.clone();
                fold_expr(&mut folded);
                &folded
            }
            _ => expr,
        };
        let saved = self.set_pos(expr.span);
        self.expr_kind(expr)?;
        self.unit().pos = saved;
        Ok(())
    }

    fn expr_kind(&mut self, expr: &Expr) -> Compiled {
        match &expr.kind {
            ExprKind::Constant(value) => {
                let value = constant(value);
                self.unit().load_const(value);
            }
            ExprKind::Name { id, .. } => self.load_name(id)?,
            ExprKind::BoolOp { and, values } => {
                let end = self.unit().label();
                let op = if *and {
                    Op::JumpIfFalseOrPop
                } else {
                    Op::JumpIfTrueOrPop
                };
                for (i, value) in values.iter().enumerate() {
                    self.expr(value)?;
                    if i + 1 < values.len() {
                        self.unit().emit_jump(op, end);
                    }
                }
                self.unit().place(end);
            }
            ExprKind::Named { target, value } => {
                self.expr(value)?;
                self.unit().emit(Op::Copy, 1);
                self.store(target)?;
            }
            ExprKind::BinOp { left, op, right } => {
                self.expr(left)?;
                self.expr(right)?;
                self.set_pos(expr.span);
                self.unit().emit(Op::BinaryOp, binary_kind(*op) as u32);
            }
            ExprKind::UnaryOp { op, operand } => {
                self.expr(operand)?;
                let op = match op {
                    UnaryOp::Invert => Op::UnaryInvert,
                    UnaryOp::Not => Op::UnaryNot,
                    UnaryOp::Pos => Op::UnaryPositive,
                    UnaryOp::Neg => Op::UnaryNegative,
                };
                self.unit().emit(op, 0);
            }
            ExprKind::Lambda(def) => self.make_function(def, expr.span)?,
            ExprKind::IfExp { test, body, orelse } => {
                let (orelse_label, end) = (self.unit().label(), self.unit().label());
                self.condition(test, false, orelse_label)?;
                self.expr(body)?;
                self.unit().emit_jump(Op::Jump, end);
                self.unit().place(orelse_label);
                self.expr(orelse)?;
                self.unit().place(end);
            }
            ExprKind::Dict(items) => self.dict_display(items)?,
            ExprKind::ListComp { .. }
            | ExprKind::SetComp { .. }
            | ExprKind::DictComp { .. }
            | ExprKind::GeneratorExp { .. } => self.comprehension(expr)?,
            ExprKind::Yield(value) => {
                match value {
                    Some(value) => self.expr(value)?,
                    None => self.unit().load_const(Const::None),
                }
                self.set_pos(expr.span);
                self.unit().emit(Op::YieldValue, 0);
                self.unit().emit(Op::ResumeYield, 0);
            }
            ExprKind::YieldFrom(value) => {
                self.expr(value)?;
                self.set_pos(expr.span);
                self.unit().emit(Op::GetIter, 0);
                self.unit().load_const(Const::None);
                let (top, end) = (self.unit().label(), self.unit().label());
                self.unit().place(top);
                self.unit().emit_jump(Op::Send, end);
                self.unit().emit(Op::YieldValue, 0);
                self.unit().emit(Op::ResumeYield, 0);
                self.unit().emit_jump(Op::Jump, top);
                self.unit().place(end);
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => self.compare(left, ops, comparators)?,
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.call(func, args, keywords, expr.span)?,
            ExprKind::FString(parts) => self.fstring(parts)?,
            ExprKind::Attribute { value, attr, .. } => {
                self.expr(value)?;
                self.set_pos(attr.span);
                let name = self.private_name(&attr.name);
                self.unit().emit(Op::LoadAttr, name);
            }
            ExprKind::Subscript { value, index, .. } => {
                self.expr(value)?;
                self.expr(index)?;
                self.set_pos(expr.span);
                self.unit().emit(Op::BinarySubscr, 0);
            }
            ExprKind::Starred { .. } => {
                return Err(CompileError::syntax(
                    "can't use starred expression here",
                    expr.span,
                ));
            }
            ExprKind::List { elts, .. } => self.sequence(elts, false)?,
            ExprKind::Set(elts) => self.set_display(elts)?,
            ExprKind::Tuple { elts, .. } => self.sequence(elts, true)?,
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper] {
                    match part {
                        Some(part) => self.expr(part)?,
                        None => self.unit().load_const(Const::None),
                    }
                }
                match step {
                    Some(step) => {
                        self.expr(step)?;
                        self.unit().emit(Op::BuildSlice, 3);
                    }
                    None => self.unit().emit(Op::BuildSlice, 2),
                }
            }
        }
        Ok(())
    }

    /// A list or tuple display, with `*iterable` items spliced in.
    fn sequence(&mut self, elts: &[Expr], tuple: bool) -> Compiled {
        let has_star = elts
            .iter()
            .any(|e| matches!(e.kind, ExprKind::Starred { .. }));
        if !has_star {
            self.exprs(elts)?;
            let op = if tuple { Op::BuildTuple } else { Op::BuildList };
            self.unit().emit(op, elts.len() as u32);
            return Ok(());
        }
        self.starred_display(elts, Op::BuildList, Op::ListAppend, Op::ListExtend)?;
        if tuple {
            self.unit().emit(Op::ListToTuple, 0);
        }
        Ok(())
    }

    /// The constants of a set display whose items are all constants.
    fn constant_items(elts: &[Expr]) -> Option<Vec<Const>> {
        elts.iter()
            .map(|e| {
                let mut folded = e.clone();
                fold_expr(&mut folded);
                match folded.kind {
                    ExprKind::Constant(c) => Some(constant(&c)),
                    _ => None,
                }
            })
            .collect()
    }

    /// An iterated value or the container of `in`: as CPython, a set display of
    /// constants there is a frozenset constant.
    fn iterated(&mut self, expr: &Expr) -> Compiled {
        match &expr.kind {
            ExprKind::Set(elts) => match Self::constant_items(elts) {
                Some(items) => {
                    self.unit().load_const(Const::FrozenSet(items));
                    Ok(())
                }
                None => self.expr(expr),
            },
            _ => self.expr(expr),
        }
    }

    /// A set display: the items added in order, `*iterable` items merged in; as CPython,
    /// more than two constants are a frozenset constant merged into an empty set.
    fn set_display(&mut self, elts: &[Expr]) -> Compiled {
        if let Some(items) = Self::constant_items(elts).filter(|items| items.len() > 2) {
            self.unit().emit(Op::BuildSet, 0);
            self.unit().load_const(Const::FrozenSet(items));
            self.unit().emit(Op::SetUpdate, 1);
            return Ok(());
        }
        if !elts
            .iter()
            .any(|e| matches!(e.kind, ExprKind::Starred { .. }))
        {
            self.exprs(elts)?;
            self.unit().emit(Op::BuildSet, elts.len() as u32);
            return Ok(());
        }
        self.starred_display(elts, Op::BuildSet, Op::SetAdd, Op::SetUpdate)
    }

    /// A display with `*iterable` items: an empty container (`build`), each item added
    /// (`add`), each starred one merged (`extend`).
    fn starred_display(&mut self, elts: &[Expr], build: Op, add: Op, extend: Op) -> Compiled {
        self.unit().emit(build, 0);
        for elt in elts {
            match &elt.kind {
                ExprKind::Starred { value, .. } => {
                    self.expr(value)?;
                    self.unit().emit(extend, 1);
                }
                _ => {
                    self.expr(elt)?;
                    self.unit().emit(add, 1);
                }
            }
        }
        Ok(())
    }

    fn dict_display(&mut self, items: &[(Option<Expr>, Expr)]) -> Compiled {
        if items.iter().all(|(key, _)| key.is_some()) {
            for (key, value) in items {
                if let Some(key) = key {
                    self.expr(key)?;
                }
                self.expr(value)?;
            }
            self.unit().emit(Op::BuildDict, items.len() as u32);
            return Ok(());
        }
        self.unit().emit(Op::BuildDict, 0);
        for (key, value) in items {
            match key {
                Some(key) => {
                    self.expr(key)?;
                    self.expr(value)?;
                    self.unit().emit(Op::MapAdd, 1);
                }
                None => {
                    self.expr(value)?;
                    self.unit().emit(Op::DictUpdate, 1);
                }
            }
        }
        Ok(())
    }

    /// The keyword arguments of a call with `**`, as CPython builds them: each run of
    /// `name=value`s becomes a dict, and the first dict (an empty one before a leading
    /// `**`) takes in every later run and `**mapping` by `DictMerge`, which refuses a key
    /// given twice.
    fn call_keywords(&mut self, keywords: &[Keyword], span: Span) -> Compiled {
        let mut merging = false;
        let runs = keywords.chunk_by(|a, b| a.name.is_some() && b.name.is_some());
        for (i, run) in runs.enumerate() {
            if run[0].name.is_none() {
                if i == 0 {
                    self.unit().emit(Op::BuildDict, 0);
                    merging = true;
                }
                self.expr(&run[0].value)?;
            } else {
                for keyword in run {
                    if let Some(name) = &keyword.name {
                        self.expr(&keyword_name(name))?;
                    }
                    self.expr(&keyword.value)?;
                }
                self.unit().emit(Op::BuildDict, run.len() as u32);
            }
            if merging {
                self.set_pos(span);
                self.unit().emit(Op::DictMerge, 1);
            }
            merging = true;
        }
        Ok(())
    }

    fn compare(&mut self, left: &Expr, ops: &[CmpOp], comparators: &[Expr]) -> Compiled {
        self.expr(left)?;
        // As CPython, a set display of constants right of the last `in` is a frozenset.
        let last = ops.len() - 1;
        let membership = matches!(ops[last], CmpOp::In | CmpOp::NotIn);
        if ops.len() == 1 {
            if membership {
                self.iterated(&comparators[0])?;
            } else {
                self.expr(&comparators[0])?;
            }
            self.compare_op(ops[0]);
            return Ok(());
        }
        let (cleanup, end) = (self.unit().label(), self.unit().label());
        for (i, (op, comparator)) in ops.iter().zip(comparators).enumerate() {
            if i == last && membership {
                self.iterated(comparator)?;
            } else {
                self.expr(comparator)?;
            }
            if i + 1 < ops.len() {
                self.unit().emit(Op::Copy, 1);
                self.unit().emit(Op::Rot3, 0);
                self.compare_op(*op);
                self.unit().emit_jump(Op::JumpIfFalseOrPop, cleanup);
            } else {
                self.compare_op(*op);
            }
        }
        self.unit().emit_jump(Op::Jump, end);
        self.unit().place(cleanup);
        self.unit().emit(Op::Swap, 2);
        self.unit().emit(Op::Pop, 0);
        self.unit().place(end);
        Ok(())
    }

    fn compare_op(&mut self, op: CmpOp) {
        let (op, arg) = match op {
            CmpOp::Eq => (Op::CompareOp, CompareKind::Eq as u32),
            CmpOp::NotEq => (Op::CompareOp, CompareKind::Ne as u32),
            CmpOp::Lt => (Op::CompareOp, CompareKind::Lt as u32),
            CmpOp::LtE => (Op::CompareOp, CompareKind::Le as u32),
            CmpOp::Gt => (Op::CompareOp, CompareKind::Gt as u32),
            CmpOp::GtE => (Op::CompareOp, CompareKind::Ge as u32),
            CmpOp::Is => (Op::IsOp, 0),
            CmpOp::IsNot => (Op::IsOp, 1),
            CmpOp::In => (Op::ContainsOp, 0),
            CmpOp::NotIn => (Op::ContainsOp, 1),
        };
        self.unit().emit(op, arg);
    }

    fn call(&mut self, func: &Expr, args: &[Expr], keywords: &[Keyword], span: Span) -> Compiled {
        self.expr(func)?;
        if self.is_zero_argument_super(func, args, keywords) {
            // `super()` is `super(__class__, <first parameter>)`.
            let cell = self.cell_index("__class__").unwrap_or(0);
            self.unit().emit(Op::LoadDeref, cell);
            self.unit().emit(Op::LoadFast, 0);
            self.set_pos(span);
            self.unit().emit(Op::Call, 2);
            return Ok(());
        }
        let starred = args
            .iter()
            .any(|a| matches!(a.kind, ExprKind::Starred { .. }))
            || keywords.iter().any(|k| k.name.is_none());
        if starred {
            self.sequence(args, true)?;
            if keywords.is_empty() {
                self.unit().load_const(Const::None);
            } else {
                self.call_keywords(keywords, span)?;
            }
            self.set_pos(span);
            self.unit().emit(Op::CallEx, 0);
            return Ok(());
        }
        self.exprs(args)?;
        for keyword in keywords {
            self.expr(&keyword.value)?;
        }
        self.set_pos(span);
        let count = (args.len() + keywords.len()) as u32;
        if keywords.is_empty() {
            self.unit().emit(Op::Call, count);
        } else {
            let names = keywords
                .iter()
                .filter_map(|k| k.name.as_ref().map(|n| Const::Str(n.name.clone())))
                .collect();
            self.unit().load_const(Const::Tuple(names));
            self.unit().emit(Op::CallKw, count);
        }
        Ok(())
    }

    /// Whether a call is `super()` in a method: a function with a first parameter and the
    /// implicit `__class__` cell.
    fn is_zero_argument_super(&self, func: &Expr, args: &[Expr], keywords: &[Keyword]) -> bool {
        let Some(unit) = self.units.last() else {
            return false;
        };
        matches!(&func.kind, ExprKind::Name { id, .. } if id == "super")
            && args.is_empty()
            && keywords.is_empty()
            && unit.code.kind == CodeKind::Function
            && unit.code.argcount > 0
            && unit.code.freevars.iter().any(|f| f == "__class__")
            && self.table.scopes[unit.scope].binding("super") == Binding::GlobalImplicit
    }

    fn fstring(&mut self, parts: &[FStringPart]) -> Compiled {
        let mut count = 0;
        for part in parts {
            match part {
                FStringPart::Literal(text) if text.is_empty() => continue,
                FStringPart::Literal(text) => self.unit().load_const(Const::Str(text.clone())),
                FStringPart::Formatted {
                    value,
                    conversion,
                    spec,
                } => {
                    self.expr(value)?;
                    let mut flags = match conversion {
                        Some('s') => 1,
                        Some('r') => 2,
                        Some('a') => 3,
                        _ => 0,
                    };
                    if !spec.is_empty() {
                        self.fstring(spec)?;
                        flags |= 4;
                    }
                    self.unit().emit(Op::FormatValue, flags);
                }
            }
            count += 1;
        }
        // One part is a str already (a literal, or a formatted value).
        if count != 1 {
            self.unit().emit(Op::BuildString, count);
        }
        Ok(())
    }

    /// A list or dict comprehension or a generator expression: a function called with the
    /// first iterator.
    fn comprehension(&mut self, expr: &Expr) -> Compiled {
        let (generators, name, start) = match &expr.kind {
            ExprKind::ListComp { generators, .. } => {
                (generators, "<listcomp>", Some(Op::BuildList))
            }
            ExprKind::SetComp { generators, .. } => (generators, "<setcomp>", Some(Op::BuildSet)),
            ExprKind::DictComp { generators, .. } => {
                (generators, "<dictcomp>", Some(Op::BuildDict))
            }
            ExprKind::GeneratorExp { generators, .. } => (generators, "<genexpr>", None),
            _ => return Ok(()),
        };
        let qualname = self.enter_definition(expr.span, name, CodeKind::Function);
        self.unit().code.argcount = 1;
        self.set_pos(expr.span);
        if let Some(start) = start {
            self.unit().emit(start, 0);
        }
        self.unit().emit(Op::LoadFast, 0);
        self.comprehension_loop(expr, generators, 0)?;
        if start.is_none() {
            self.unit().load_const(Const::None);
        }
        self.unit().emit(Op::ReturnValue, 0);
        let body = self.leave()?;
        self.set_pos(expr.span);
        self.closure_of(&body)?;
        let flags = if body.freevars.is_empty() {
            0
        } else {
            make::CLOSURE
        };
        self.unit().load_const(Const::Code(Box::new(body)));
        self.unit().load_const(Const::Str(qualname));
        self.unit().emit(Op::MakeFunction, flags);
        self.iterated(&generators[0].iter)?;
        self.unit().emit(Op::GetIter, 0);
        self.set_pos(expr.span);
        self.unit().emit(Op::Call, 1);
        Ok(())
    }

    /// The loop of generator `level` (its iterator is on the stack), with the next
    /// generators nested inside and the element appended innermost.
    fn comprehension_loop(
        &mut self,
        expr: &Expr,
        generators: &[Comprehension],
        level: usize,
    ) -> Compiled {
        let generator = &generators[level];
        if level > 0 {
            self.iterated(&generator.iter)?;
            self.unit().emit(Op::GetIter, 0);
        }
        let (top, end) = (self.unit().label(), self.unit().label());
        self.unit().place(top);
        self.unit().emit_jump(Op::ForIter, end);
        self.store(&generator.target)?;
        let next = self.unit().label();
        for condition in &generator.ifs {
            self.condition(condition, false, next)?;
        }
        if level + 1 < generators.len() {
            self.comprehension_loop(expr, generators, level + 1)?;
        } else {
            // The list or dict is below the iterators of every level.
            let depth = (level + 2) as u32;
            match &expr.kind {
                ExprKind::ListComp { elt, .. } => {
                    self.expr(elt)?;
                    self.unit().emit(Op::ListAppend, depth);
                }
                ExprKind::SetComp { elt, .. } => {
                    self.expr(elt)?;
                    self.unit().emit(Op::SetAdd, depth);
                }
                ExprKind::DictComp { key, value, .. } => {
                    self.expr(key)?;
                    self.expr(value)?;
                    self.unit().emit(Op::MapAdd, depth);
                }
                ExprKind::GeneratorExp { elt, .. } => {
                    self.expr(elt)?;
                    self.unit().emit(Op::YieldValue, 0);
                    self.unit().emit(Op::ResumeYield, 0);
                    self.unit().emit(Op::Pop, 0);
                }
                _ => {}
            }
        }
        self.unit().place(next);
        self.unit().emit_jump(Op::JumpBackward, top);
        self.unit().place(end);
        Ok(())
    }

    fn aug_assign(&mut self, target: &Expr, op: BinOp, value: &Expr) -> Compiled {
        let kind = binary_kind(op) as u32 | INPLACE;
        match &target.kind {
            ExprKind::Name { id, .. } => {
                self.load_name(id)?;
                self.expr(value)?;
                self.set_pos(target.span);
                self.unit().emit(Op::BinaryOp, kind);
                self.store_name(id)
            }
            ExprKind::Attribute {
                value: object,
                attr,
                ..
            } => {
                self.expr(object)?;
                self.unit().emit(Op::Copy, 1);
                let name = self.private_name(&attr.name);
                self.unit().emit(Op::LoadAttr, name);
                self.expr(value)?;
                self.set_pos(target.span);
                self.unit().emit(Op::BinaryOp, kind);
                self.unit().emit(Op::Swap, 2);
                self.unit().emit(Op::StoreAttr, name);
                Ok(())
            }
            ExprKind::Subscript {
                value: container,
                index,
                ..
            } => {
                self.expr(container)?;
                self.expr(index)?;
                self.unit().emit(Op::Dup2, 0);
                self.unit().emit(Op::BinarySubscr, 0);
                self.expr(value)?;
                self.set_pos(target.span);
                self.unit().emit(Op::BinaryOp, kind);
                self.unit().emit(Op::Rot3, 0);
                self.unit().emit(Op::StoreSubscr, 0);
                Ok(())
            }
            _ => Err(CompileError::syntax(
                "'expression' is an illegal expression for augmented assignment",
                target.span,
            )),
        }
    }

    /// Stores the value on top of the stack into `target`.
    fn store(&mut self, target: &Expr) -> Compiled {
        let saved = self.set_pos(target.span);
        match &target.kind {
            ExprKind::Name { id, .. } => self.store_name(id)?,
            ExprKind::Attribute { value, attr, .. } => {
                self.expr(value)?;
                let name = self.private_name(&attr.name);
                self.unit().emit(Op::StoreAttr, name);
            }
            ExprKind::Subscript { value, index, .. } => {
                self.expr(value)?;
                self.expr(index)?;
                self.unit().emit(Op::StoreSubscr, 0);
            }
            ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => {
                let star = elts
                    .iter()
                    .position(|e| matches!(e.kind, ExprKind::Starred { .. }));
                match star {
                    None => self.unit().emit(Op::UnpackSequence, elts.len() as u32),
                    Some(at) => {
                        if elts
                            .iter()
                            .filter(|e| matches!(e.kind, ExprKind::Starred { .. }))
                            .count()
                            > 1
                        {
                            return Err(CompileError::syntax(
                                "multiple starred expressions in assignment",
                                target.span,
                            ));
                        }
                        let after = elts.len() - at - 1;
                        self.unit()
                            .emit(Op::UnpackEx, at as u32 | (after as u32) << 8);
                    }
                }
                for elt in elts {
                    match &elt.kind {
                        ExprKind::Starred { value, .. } => self.store(value)?,
                        _ => self.store(elt)?,
                    }
                }
            }
            ExprKind::Starred { .. } => {
                return Err(CompileError::syntax(
                    "starred assignment target must be in a list or tuple",
                    target.span,
                ))
            }
            _ => {
                return Err(CompileError::syntax(
                    "cannot assign to expression",
                    target.span,
                ))
            }
        }
        self.unit().pos = saved;
        Ok(())
    }

    fn delete(&mut self, target: &Expr) -> Compiled {
        self.set_pos(target.span);
        match &target.kind {
            ExprKind::Name { id, .. } => self.delete_name(id),
            ExprKind::Attribute { value, attr, .. } => {
                self.expr(value)?;
                let name = self.private_name(&attr.name);
                self.unit().emit(Op::DeleteAttr, name);
                Ok(())
            }
            ExprKind::Subscript { value, index, .. } => {
                self.expr(value)?;
                self.expr(index)?;
                self.unit().emit(Op::DeleteSubscr, 0);
                Ok(())
            }
            ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => {
                elts.iter().try_for_each(|e| self.delete(e))
            }
            _ => Err(CompileError::syntax(
                "cannot delete expression",
                target.span,
            )),
        }
    }

    /// The instruction and argument that read, write or delete `name` (as written: it is
    /// mangled here) in the current unit.
    fn name_op(&mut self, name: &str, load: Op, store: Op, delete: Op, which: usize) -> Compiled {
        let name = self.mangle(name).into_owned();
        let name = name.as_str();
        let scope = &self.table.scopes[self.unit().scope];
        let binding = scope.binding(name);
        let pick = |ops: [Op; 3]| ops[which];
        let (op, arg) = match binding {
            // Module-level code reads and writes its names through the locals, which
            // `exec` may give apart from the globals, as CPython's `LOAD_NAME` does.
            Binding::GlobalExplicit | Binding::GlobalImplicit
                if scope.kind == ScopeKind::Module =>
            {
                let index = self.unit().name(name);
                (pick([load, store, delete]), index)
            }
            Binding::Local => {
                let index = self.unit().varname(name);
                (pick([Op::LoadFast, Op::StoreFast, Op::DeleteFast]), index)
            }
            Binding::Cell | Binding::Free => {
                let index = self.cell_index(name).ok_or_else(|| {
                    CompileError::unsupported(
                        &format!("the free variable '{name}' here"),
                        Span::default(),
                    )
                })?;
                (
                    pick([Op::LoadDeref, Op::StoreDeref, Op::DeleteDeref]),
                    index,
                )
            }
            Binding::GlobalExplicit | Binding::GlobalImplicit => {
                let index = self.unit().name(name);
                (
                    pick([Op::LoadGlobal, Op::StoreGlobal, Op::DeleteGlobal]),
                    index,
                )
            }
            Binding::ClassName => {
                let index = self.unit().name(name);
                (pick([load, store, delete]), index)
            }
        };
        self.unit().emit(op, arg);
        Ok(())
    }

    fn load_name(&mut self, name: &str) -> Compiled {
        self.name_op(name, Op::LoadName, Op::StoreName, Op::DeleteName, 0)
    }

    fn store_name(&mut self, name: &str) -> Compiled {
        self.name_op(name, Op::LoadName, Op::StoreName, Op::DeleteName, 1)
    }

    fn delete_name(&mut self, name: &str) -> Compiled {
        self.name_op(name, Op::LoadName, Op::StoreName, Op::DeleteName, 2)
    }
}

/// The bytecode constant of a syntax-tree constant.
/// A keyword argument's name as a str constant expression (a key of a keywords dict).
fn keyword_name(name: &Ident) -> Expr {
    Expr {
        kind: ExprKind::Constant(Constant::Str(name.name.clone())),
        span: name.span,
    }
}

/// The docstring a body starts with, if any.
fn docstring(body: &[Stmt]) -> Option<String> {
    match body.first().map(|stmt| &stmt.kind) {
        Some(StmtKind::Expr(Expr {
            kind: ExprKind::Constant(Constant::Str(text)),
            ..
        })) => Some(text.clone()),
        _ => None,
    }
}

fn constant(value: &Constant) -> Const {
    match value {
        Constant::None => Const::None,
        Constant::Bool(b) => Const::Bool(*b),
        Constant::Int(i) => Const::Int(*i),
        Constant::BigInt(b) => Const::BigInt(b.clone()),
        Constant::Float(f) => Const::Float(*f),
        Constant::Imaginary(f) => Const::Imaginary(*f),
        Constant::Str(s) => Const::Str(s.clone()),
        Constant::Bytes(b) => Const::Bytes(b.clone()),
        Constant::Ellipsis => Const::Ellipsis,
        Constant::Tuple(items) => Const::Tuple(items.iter().map(constant).collect()),
    }
}

fn binary_kind(op: BinOp) -> BinaryKind {
    match op {
        BinOp::Add => BinaryKind::Add,
        BinOp::Sub => BinaryKind::Sub,
        BinOp::Mul => BinaryKind::Mul,
        BinOp::MatMul => BinaryKind::MatMul,
        BinOp::TrueDiv => BinaryKind::TrueDiv,
        BinOp::FloorDiv => BinaryKind::FloorDiv,
        BinOp::Mod => BinaryKind::Mod,
        BinOp::Pow => BinaryKind::Pow,
        BinOp::LShift => BinaryKind::LShift,
        BinOp::RShift => BinaryKind::RShift,
        BinOp::BitOr => BinaryKind::Or,
        BinOp::BitXor => BinaryKind::Xor,
        BinOp::BitAnd => BinaryKind::And,
    }
}

/// The deepest the value stack gets, following every path (jumps and exception handlers)
/// from the code's start.
fn max_stack(code: &CodeUnit) -> u32 {
    let len = code.code.len();
    let mut depth_at: Vec<Option<i32>> = vec![None; len + 1];
    let mut work = vec![(0usize, 0i32)];
    let mut max = 0;
    for entry in &code.exception_table {
        work.push((entry.handler as usize, entry.depth as i32 + 1));
    }
    while let Some((pc, depth)) = work.pop() {
        if pc >= len || depth_at[pc].is_some_and(|d| d >= depth) {
            continue;
        }
        depth_at[pc] = Some(depth);
        max = max.max(depth);
        let instr = code.code[pc];
        let op = crate::bytecode::opcode(instr);
        let arg = argument(instr);
        let (fall, jump) = stack_effect(op, arg);
        max = max.max(depth + fall.max(jump)).max(depth + 1);
        match op {
            Op::Jump | Op::JumpBackward => work.push((arg as usize, depth + jump)),
            Op::ReturnValue | Op::Raise | Op::Reraise | Op::PopExceptReraise => {}
            Op::PopJumpIfFalse
            | Op::PopJumpIfTrue
            | Op::JumpIfFalseOrPop
            | Op::JumpIfTrueOrPop
            | Op::ForIter => {
                work.push((arg as usize, depth + jump));
                work.push((pc + 1, depth + fall));
            }
            _ => work.push((pc + 1, depth + fall)),
        }
    }
    max.max(0) as u32
}
