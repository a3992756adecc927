//! The compiler: AST to bytecode, with name resolution and exact stack-depth accounting.
//!
//! Code is emitted in one pass over the structured AST. The value stack is empty at every
//! statement boundary, so tracking the depth linearly along the emitted code gives the exact
//! depth at every instruction (including jump targets) and hence the exact `max_stack`.

use std::collections::HashMap;

use super::ast::{BinOp, Block, ClassDecl, Expr, ExprKind, FnDecl, Pos, Stmt, StmtKind};
use super::error::SyntaxError;
use crate::bytecode::{
    encode, pack_method, ClassProto, Const, FunctionProto, Op, Program, ARG_LIMIT,
    METHOD_NAME_LIMIT,
};

/// Result type of the compiler.
type CResult<T> = Result<T, SyntaxError>;

/// The error for anything that does not fit the bytecode's limits.
fn too_large(pos: Pos) -> SyntaxError {
    SyntaxError::new(pos.0, pos.1, "program too large")
}

/// Compile a parsed program.
pub fn compile_program(stmts: &Block) -> CResult<Program> {
    let mut builder = ProgramBuilder::default();
    let mut main = FnCompiler::new(&mut builder, "<main>", 0, false, true);
    for stmt in stmts {
        main.stmt(stmt)?;
    }
    let end = stmts.last().map_or((1, 1), |s| s.pos);
    main.emit(Op::LoadNil, 0, end)?;
    main.emit(Op::Return, 0, end)?;
    let proto = main.finish();
    builder.functions.push(proto);
    Ok(Program {
        names: builder.names,
        main: builder.functions.len() - 1,
        functions: builder.functions,
        classes: builder.classes,
    })
}

/// The parts of the [`Program`] shared by all functions.
#[derive(Default)]
struct ProgramBuilder {
    /// The name table.
    names: Vec<String>,
    /// Index of each name in `names`.
    name_ids: HashMap<String, u32>,
    /// Compiled functions so far.
    functions: Vec<FunctionProto>,
    /// Compiled classes so far.
    classes: Vec<ClassProto>,
}

/// A constant, hashable (floats by bit pattern) for de-duplication.
#[derive(PartialEq, Eq, Hash)]
enum ConstKey {
    /// [`Const::Int`]
    Int(i64),
    /// [`Const::Float`], by bits.
    Float(u64),
    /// [`Const::Str`]
    Str(String),
    /// [`Const::Function`]
    Function(usize),
    /// [`Const::Class`]
    Class(usize),
}

/// An enclosing `while` loop.
struct LoopInfo {
    /// The pc of the condition (target of `continue` and of the back edge).
    start: u32,
    /// `Jump`s of `break`s, to patch to the loop exit.
    breaks: Vec<usize>,
    /// Number of active `try` bodies when the loop was entered.
    try_depth: u32,
}

/// Compiles one function (or the top-level code).
struct FnCompiler<'b> {
    /// The program being built.
    prog: &'b mut ProgramBuilder,
    /// The function being built.
    proto: FunctionProto,
    /// Whether this is the top-level code (whose `let`s define globals).
    is_main: bool,
    /// Index of each constant in `proto.consts`.
    const_ids: HashMap<ConstKey, u32>,
    /// Block scopes, innermost last: declared names and their slots.
    scopes: Vec<Vec<(String, u32)>>,
    /// Enclosing loops, innermost last.
    loops: Vec<LoopInfo>,
    /// Number of `try` bodies the current code is in.
    try_depth: u32,
    /// Value-stack depth at the current point of the code.
    depth: i64,
    /// For a method, the index of its class (what `super` starts from).
    class: Option<usize>,
}

impl<'b> FnCompiler<'b> {
    /// A compiler for a function with no code yet.
    fn new(
        prog: &'b mut ProgramBuilder,
        name: &str,
        arity: u32,
        is_method: bool,
        is_main: bool,
    ) -> FnCompiler<'b> {
        FnCompiler {
            prog,
            proto: FunctionProto {
                name: name.to_string(),
                arity,
                is_method,
                num_locals: u32::from(is_method),
                max_stack: 0,
                code: Vec::new(),
                positions: Vec::new(),
                consts: Vec::new(),
            },
            is_main,
            const_ids: HashMap::new(),
            scopes: vec![Vec::new()],
            loops: Vec::new(),
            try_depth: 0,
            depth: 0,
            class: None,
        }
    }

    /// The finished function.
    fn finish(self) -> FunctionProto {
        self.proto
    }

    /// The pc of the next instruction.
    fn here(&self) -> u32 {
        // Fits: `emit` keeps the code shorter than `ARG_LIMIT`.
        self.proto.code.len() as u32
    }

    /// Append an instruction, accounting for its effect on the stack depth; returns its pc.
    fn emit(&mut self, op: Op, arg: u32, pos: Pos) -> CResult<usize> {
        if arg >= ARG_LIMIT || self.proto.code.len() + 1 >= ARG_LIMIT as usize {
            return Err(too_large(pos));
        }
        let argc = i64::from(arg);
        self.depth += match op {
            Op::LoadConst
            | Op::LoadNil
            | Op::LoadTrue
            | Op::LoadFalse
            | Op::LoadLocal
            | Op::LoadGlobal => 1,
            Op::StoreLocal
            | Op::StoreGlobal
            | Op::DefineGlobal
            | Op::Pop
            | Op::Add
            | Op::Sub
            | Op::Mul
            | Op::Div
            | Op::Mod
            | Op::BitAnd
            | Op::BitOr
            | Op::BitXor
            | Op::Shl
            | Op::Shr
            | Op::In
            | Op::Inherit
            | Op::Lt
            | Op::Le
            | Op::Gt
            | Op::Ge
            | Op::Eq
            | Op::Ne
            | Op::JumpIfFalse
            | Op::JumpIfFalseOrPop
            | Op::JumpIfTrueOrPop
            | Op::GetIndex
            | Op::Return
            | Op::Throw => -1,
            Op::Neg
            | Op::Invert
            | Op::Not
            | Op::Jump
            | Op::Loop
            | Op::GetField
            | Op::SetupTry
            | Op::PopTry => 0,
            Op::Call => -argc,
            Op::CallMethod => -(argc >> 16),
            Op::CallSuper => -(argc >> 16) - 1,
            Op::SetField => -2,
            Op::SetIndex => -3,
            Op::MakeArray => 1 - argc,
            Op::MakeDict => 1 - 2 * argc,
        };
        self.note_depth();
        self.proto.code.push(encode(op, arg));
        self.proto.positions.push(pos);
        Ok(self.proto.code.len() - 1)
    }

    /// Raise `max_stack` to the current depth.
    fn note_depth(&mut self) {
        let depth = u32::try_from(self.depth).unwrap_or(0);
        self.proto.max_stack = self.proto.max_stack.max(depth);
    }

    /// Point the jump at `at` to the next instruction.
    fn patch_here(&mut self, at: usize) {
        let target = self.here();
        if let Some(instr) = self.proto.code.get_mut(at) {
            // The low byte is the op; replace the (zero) argument.
            *instr = (*instr & 0xff) | (target << 8);
        }
    }

    /// The index of `name` in the program's name table.
    fn name(&mut self, name: &str, pos: Pos) -> CResult<u32> {
        if let Some(&id) = self.prog.name_ids.get(name) {
            return Ok(id);
        }
        let id = u32::try_from(self.prog.names.len()).map_err(|_| too_large(pos))?;
        if id >= ARG_LIMIT {
            return Err(too_large(pos));
        }
        self.prog.names.push(name.to_string());
        self.prog.name_ids.insert(name.to_string(), id);
        Ok(id)
    }

    /// Emit `LoadConst` of `value`, reusing an equal constant.
    fn load_const(&mut self, value: Const, pos: Pos) -> CResult<()> {
        let key = match &value {
            Const::Int(i) => ConstKey::Int(*i),
            Const::Float(x) => ConstKey::Float(x.to_bits()),
            Const::Str(s) => ConstKey::Str(s.clone()),
            Const::Function(i) => ConstKey::Function(*i),
            Const::Class(i) => ConstKey::Class(*i),
        };
        let id = match self.const_ids.get(&key) {
            Some(&id) => id,
            None => {
                let id = u32::try_from(self.proto.consts.len()).map_err(|_| too_large(pos))?;
                self.proto.consts.push(value);
                self.const_ids.insert(key, id);
                id
            }
        };
        self.emit(Op::LoadConst, id, pos)?;
        Ok(())
    }

    /// Declare a local in the innermost scope and return its (new) slot.
    fn declare(&mut self, name: &str, pos: Pos) -> CResult<u32> {
        let Some(scope) = self.scopes.last_mut() else {
            return Err(too_large(pos));
        };
        if scope.iter().any(|(n, _)| n == name) {
            return Err(SyntaxError::new(
                pos.0,
                pos.1,
                format!("`{name}` is already declared in this scope"),
            ));
        }
        let slot = self.proto.num_locals;
        if slot >= ARG_LIMIT {
            return Err(too_large(pos));
        }
        scope.push((name.to_string(), slot));
        self.proto.num_locals += 1;
        Ok(slot)
    }

    /// The slot of the local `name` visible here, if any.
    fn resolve(&self, name: &str) -> Option<u32> {
        self.scopes
            .iter()
            .rev()
            .find_map(|scope| scope.iter().rev().find(|(n, _)| n == name).map(|&(_, s)| s))
    }

    /// Compile a block in a new scope.
    fn block(&mut self, stmts: &Block) -> CResult<()> {
        self.scopes.push(Vec::new());
        for stmt in stmts {
            self.stmt(stmt)?;
        }
        self.scopes.pop();
        Ok(())
    }

    /// Emit one `PopTry` per `try` body entered since the innermost loop began.
    fn pop_tries_to_loop(&mut self, pos: Pos) -> CResult<()> {
        let entered = self.loops.last().map_or(0, |l| l.try_depth);
        for _ in entered..self.try_depth {
            self.emit(Op::PopTry, 0, pos)?;
        }
        Ok(())
    }

    /// Store the value on top of the stack into a new variable `name`: a global at top level,
    /// else a local of the innermost scope.
    fn define(&mut self, name: &str, pos: Pos) -> CResult<()> {
        if self.is_main {
            let id = self.name(name, pos)?;
            self.emit(Op::DefineGlobal, id, pos)?;
        } else {
            let slot = self.declare(name, pos)?;
            self.emit(Op::StoreLocal, slot, pos)?;
        }
        Ok(())
    }

    /// Compile a statement.
    fn stmt(&mut self, stmt: &Stmt) -> CResult<()> {
        let pos = stmt.pos;
        match &stmt.kind {
            StmtKind::Let(name, value) => {
                self.expr(value)?;
                self.define(name, pos)?;
            }
            StmtKind::Assign(target, value) => self.assign(target, value)?,
            StmtKind::Expr(e) => {
                self.expr(e)?;
                self.emit(Op::Pop, 0, pos)?;
            }
            StmtKind::If(branches, otherwise) => {
                let mut exits = Vec::new();
                for (i, (cond, body)) in branches.iter().enumerate() {
                    self.expr(cond)?;
                    let skip = self.emit(Op::JumpIfFalse, 0, cond.pos)?;
                    self.block(body)?;
                    if i + 1 < branches.len() || otherwise.is_some() {
                        exits.push(self.emit(Op::Jump, 0, cond.pos)?);
                    }
                    self.patch_here(skip);
                }
                if let Some(body) = otherwise {
                    self.block(body)?;
                }
                for exit in exits {
                    self.patch_here(exit);
                }
            }
            StmtKind::While(cond, body) => {
                let start = self.here();
                self.expr(cond)?;
                let exit = self.emit(Op::JumpIfFalse, 0, cond.pos)?;
                self.loops.push(LoopInfo {
                    start,
                    breaks: Vec::new(),
                    try_depth: self.try_depth,
                });
                self.block(body)?;
                self.emit(Op::Loop, start, pos)?;
                self.patch_here(exit);
                if let Some(info) = self.loops.pop() {
                    for b in info.breaks {
                        self.patch_here(b);
                    }
                }
            }
            StmtKind::Break => {
                self.pop_tries_to_loop(pos)?;
                let jump = self.emit(Op::Jump, 0, pos)?;
                if let Some(info) = self.loops.last_mut() {
                    info.breaks.push(jump);
                }
            }
            StmtKind::Continue => {
                self.pop_tries_to_loop(pos)?;
                let start = self.loops.last().map_or(0, |l| l.start);
                self.emit(Op::Loop, start, pos)?;
            }
            StmtKind::Return(value) => {
                match value {
                    Some(e) => self.expr(e)?,
                    None => {
                        self.emit(Op::LoadNil, 0, pos)?;
                    }
                }
                self.emit(Op::Return, 0, pos)?;
            }
            StmtKind::Throw(value) => {
                self.expr(value)?;
                self.emit(Op::Throw, 0, pos)?;
            }
            StmtKind::Try(body, name, name_pos, handler) => {
                let setup = self.emit(Op::SetupTry, 0, pos)?;
                self.try_depth += 1;
                self.block(body)?;
                self.try_depth -= 1;
                self.emit(Op::PopTry, 0, pos)?;
                let done = self.emit(Op::Jump, 0, pos)?;
                self.patch_here(setup);
                // The handler starts with the thrown value pushed.
                self.depth += 1;
                self.note_depth();
                self.scopes.push(Vec::new());
                self.define(name, *name_pos)?;
                for stmt in handler {
                    self.stmt(stmt)?;
                }
                self.scopes.pop();
                self.patch_here(done);
            }
            StmtKind::Block(body) => self.block(body)?,
            StmtKind::Fn(decl) => {
                let index = compile_function(self.prog, decl, None, pos)?;
                self.load_const(Const::Function(index), pos)?;
                self.define(&decl.name, pos)?;
            }
            StmtKind::Class(decl) => {
                let index = self.class(decl)?;
                self.load_const(Const::Class(index), pos)?;
                if let Some((superclass, super_pos)) = &decl.superclass {
                    self.expr(&Expr {
                        kind: ExprKind::Name(superclass.clone()),
                        pos: *super_pos,
                    })?;
                    self.emit(Op::Inherit, 0, *super_pos)?;
                }
                self.define(&decl.name, pos)?;
            }
        }
        Ok(())
    }

    /// Compile a class's methods and register it; returns its index.
    fn class(&mut self, decl: &ClassDecl) -> CResult<usize> {
        // Methods cannot declare classes, so the class gets the next index.
        let index = self.prog.classes.len();
        let mut methods = Vec::with_capacity(decl.methods.len());
        for (method, method_pos) in &decl.methods {
            methods.push(compile_function(
                self.prog,
                method,
                Some(index),
                *method_pos,
            )?);
        }
        self.prog.classes.push(ClassProto {
            name: decl.name.clone(),
            methods,
        });
        Ok(index)
    }

    /// Compile `target = value;`.
    fn assign(&mut self, target: &Expr, value: &Expr) -> CResult<()> {
        let pos = target.pos;
        match &target.kind {
            ExprKind::Name(name) => {
                self.expr(value)?;
                match self.resolve(name) {
                    Some(slot) => self.emit(Op::StoreLocal, slot, pos)?,
                    None => {
                        let id = self.name(name, pos)?;
                        self.emit(Op::StoreGlobal, id, pos)?
                    }
                };
            }
            ExprKind::Field(obj, field) => {
                self.expr(obj)?;
                self.expr(value)?;
                let id = self.name(field, pos)?;
                self.emit(Op::SetField, id, pos)?;
            }
            ExprKind::Index(array, index) => {
                self.expr(array)?;
                self.expr(index)?;
                self.expr(value)?;
                self.emit(Op::SetIndex, 0, pos)?;
            }
            _ => return Err(SyntaxError::new(pos.0, pos.1, "invalid assignment target")),
        }
        Ok(())
    }

    /// Compile call arguments; returns their count.
    fn args(&mut self, args: &[Expr]) -> CResult<u32> {
        for arg in args {
            self.expr(arg)?;
        }
        // The parser allows at most 255 arguments.
        Ok(args.len() as u32)
    }

    /// Compile an expression, leaving its value on the stack.
    fn expr(&mut self, e: &Expr) -> CResult<()> {
        let pos = e.pos;
        match &e.kind {
            ExprKind::Int(i) => self.load_const(Const::Int(*i), pos)?,
            ExprKind::Float(x) => self.load_const(Const::Float(*x), pos)?,
            ExprKind::Str(s) => self.load_const(Const::Str(s.clone()), pos)?,
            ExprKind::True => {
                self.emit(Op::LoadTrue, 0, pos)?;
            }
            ExprKind::False => {
                self.emit(Op::LoadFalse, 0, pos)?;
            }
            ExprKind::Nil => {
                self.emit(Op::LoadNil, 0, pos)?;
            }
            ExprKind::SelfRef => {
                self.emit(Op::LoadLocal, 0, pos)?;
            }
            ExprKind::Name(name) => match self.resolve(name) {
                Some(slot) => {
                    self.emit(Op::LoadLocal, slot, pos)?;
                }
                None => {
                    let id = self.name(name, pos)?;
                    self.emit(Op::LoadGlobal, id, pos)?;
                }
            },
            ExprKind::Array(items) => {
                for item in items {
                    self.expr(item)?;
                }
                let n = u32::try_from(items.len()).map_err(|_| too_large(pos))?;
                self.emit(Op::MakeArray, n, pos)?;
            }
            ExprKind::Neg(operand) => {
                self.expr(operand)?;
                self.emit(Op::Neg, 0, pos)?;
            }
            ExprKind::Invert(operand) => {
                self.expr(operand)?;
                self.emit(Op::Invert, 0, pos)?;
            }
            ExprKind::Not(operand) => {
                self.expr(operand)?;
                self.emit(Op::Not, 0, pos)?;
            }
            ExprKind::Dict(entries) => {
                for (key, value) in entries {
                    self.expr(key)?;
                    self.expr(value)?;
                }
                let n = u32::try_from(entries.len()).map_err(|_| too_large(pos))?;
                self.emit(Op::MakeDict, n, pos)?;
            }
            ExprKind::Binary(op, lhs, rhs) => {
                self.expr(lhs)?;
                self.expr(rhs)?;
                let op = match op {
                    BinOp::Add => Op::Add,
                    BinOp::Sub => Op::Sub,
                    BinOp::Mul => Op::Mul,
                    BinOp::Div => Op::Div,
                    BinOp::Mod => Op::Mod,
                    BinOp::BitAnd => Op::BitAnd,
                    BinOp::BitOr => Op::BitOr,
                    BinOp::BitXor => Op::BitXor,
                    BinOp::Shl => Op::Shl,
                    BinOp::Shr => Op::Shr,
                    BinOp::In => Op::In,
                    BinOp::Lt => Op::Lt,
                    BinOp::Le => Op::Le,
                    BinOp::Gt => Op::Gt,
                    BinOp::Ge => Op::Ge,
                    BinOp::Eq => Op::Eq,
                    BinOp::Ne => Op::Ne,
                };
                self.emit(op, 0, pos)?;
            }
            ExprKind::And(lhs, rhs) | ExprKind::Or(lhs, rhs) => {
                let op = if matches!(e.kind, ExprKind::And(..)) {
                    Op::JumpIfFalseOrPop
                } else {
                    Op::JumpIfTrueOrPop
                };
                self.expr(lhs)?;
                let jump = self.emit(op, 0, pos)?;
                self.expr(rhs)?;
                self.patch_here(jump);
            }
            ExprKind::Call(callee, args) => {
                self.expr(callee)?;
                let argc = self.args(args)?;
                self.emit(Op::Call, argc, pos)?;
            }
            ExprKind::MethodCall(receiver, name, args) => {
                self.expr(receiver)?;
                let argc = self.args(args)?;
                let id = self.name(name, pos)?;
                if id >= METHOD_NAME_LIMIT {
                    return Err(too_large(pos));
                }
                self.emit(Op::CallMethod, pack_method(id, argc), pos)?;
            }
            ExprKind::SuperCall(name, args) => {
                // The parser allows `super` only in methods of classes with a superclass.
                let class = self
                    .class
                    .ok_or_else(|| SyntaxError::new(pos.0, pos.1, "`super` outside a method"))?;
                self.load_const(Const::Class(class), pos)?;
                self.emit(Op::LoadLocal, 0, pos)?;
                let argc = self.args(args)?;
                let id = self.name(name, pos)?;
                if id >= METHOD_NAME_LIMIT {
                    return Err(too_large(pos));
                }
                self.emit(Op::CallSuper, pack_method(id, argc), pos)?;
            }
            ExprKind::Field(obj, name) => {
                self.expr(obj)?;
                let id = self.name(name, pos)?;
                self.emit(Op::GetField, id, pos)?;
            }
            ExprKind::Index(array, index) => {
                self.expr(array)?;
                self.expr(index)?;
                self.emit(Op::GetIndex, 0, pos)?;
            }
        }
        Ok(())
    }
}

/// Compile a function, or a method of class `class`, declared at `pos`; returns its index
/// in the program.
fn compile_function(
    prog: &mut ProgramBuilder,
    decl: &FnDecl,
    class: Option<usize>,
    pos: Pos,
) -> CResult<usize> {
    // The parser allows at most 255 parameters.
    let arity = decl.params.len() as u32;
    let mut c = FnCompiler::new(prog, &decl.name, arity, class.is_some(), false);
    c.class = class;
    for (param, param_pos) in &decl.params {
        c.declare(param, *param_pos)?;
    }
    // The body shares the parameters' scope.
    for stmt in &decl.body {
        c.stmt(stmt)?;
    }
    if !matches!(
        decl.body.last(),
        Some(Stmt {
            kind: StmtKind::Return(_),
            ..
        })
    ) {
        c.emit(Op::LoadNil, 0, pos)?;
        c.emit(Op::Return, 0, pos)?;
    }
    let proto = c.finish();
    let index = prog.functions.len();
    prog.functions.push(proto);
    Ok(index)
}
