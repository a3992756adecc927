//! The parser: tokens to an AST, by recursive descent.
//!
//! Besides the grammar it checks the context rules: `fn`/`class` only at top level,
//! `break`/`continue` only in loops, `return` only in functions, `self` only in methods,
//! distinct parameter and method names, non-chained comparisons and valid assignment targets.
//! Name resolution (and the "already declared" check) is left to the compiler.

use super::ast::{BinOp, Block, ClassDecl, Expr, ExprKind, FnDecl, Pos, Stmt, StmtKind};
use super::error::SyntaxError;
use super::lexer::{Lexer, Token, TokenKind};

/// Result type of the parser.
type PResult<T> = Result<T, SyntaxError>;

/// Maximum nesting of expressions and blocks (parentheses, brackets, arguments, blocks,
/// prefix operators), which bounds the recursion depth of the parser.
const MAX_DEPTH: u32 = 200;

/// Maximum depth of the expression tree, counting each operator of a chain such as
/// `a + b + c` or `a.b.c` as one level; it bounds the recursion depth of the compiler and of
/// the AST's destructor (which is at most twice this). Both limits keep the stack use well
/// under 1 MiB with the workspace's `opt-level` of 1 or more.
const MAX_TREE_DEPTH: u32 = 1000;

/// Precedence of `or` (the loosest binary operator).
const PREC_OR: u8 = 1;
/// Precedence of `and`.
const PREC_AND: u8 = 2;
/// Precedence of prefix `not`.
const PREC_NOT: u8 = 3;
/// Precedence of the comparisons (and `in`).
const PREC_CMP: u8 = 4;
/// Precedence of `|`.
const PREC_BIT_OR: u8 = 5;
/// Precedence of `^`.
const PREC_BIT_XOR: u8 = 6;
/// Precedence of `&`.
const PREC_BIT_AND: u8 = 7;
/// Precedence of `<<` and `>>`.
const PREC_SHIFT: u8 = 8;
/// Precedence of `+` and `-`.
const PREC_ADD: u8 = 9;
/// Precedence of `*`, `/` and `%` (the tightest binary operators).
const PREC_MUL: u8 = 10;

/// A binary operator, as seen by the parser.
#[derive(Clone, Copy)]
enum Binary {
    /// `or`
    Or,
    /// `and`
    And,
    /// An operator compiled to one instruction.
    Op(BinOp),
}

/// Largest number of call arguments or parameters.
const MAX_PARAMS: usize = 255;

/// Where the parser is, for the context rules.
#[derive(Clone, Copy, Default)]
struct Context {
    /// Inside a function or method body.
    in_function: bool,
    /// Inside a method body.
    in_method: bool,
    /// Inside a method of a class with a superclass.
    in_subclass: bool,
    /// Number of enclosing `while` loops (in the current function).
    loops: u32,
    /// Number of enclosing blocks (in the current function).
    blocks: u32,
}

/// A recursive-descent parser over a lazily lexed token stream.
struct Parser<'a> {
    /// The token source.
    lexer: Lexer<'a>,
    /// The current (not yet consumed) token.
    tok: Token,
    /// The context rules' state.
    ctx: Context,
    /// Current nesting depth (see [`MAX_DEPTH`]).
    depth: u32,
    /// Current nesting depth plus the operators of the enclosing chains (see
    /// [`MAX_TREE_DEPTH`]).
    tree_depth: u32,
}

/// Parse a whole program into its top-level statements.
pub fn parse_program(source: &str) -> PResult<Block> {
    let mut lexer = Lexer::new(source);
    let tok = lexer.next_token()?;
    let mut parser = Parser {
        lexer,
        tok,
        ctx: Context::default(),
        depth: 0,
        tree_depth: 0,
    };
    let mut stmts = Vec::new();
    while parser.tok.kind != TokenKind::Eof {
        stmts.push(parser.statement()?);
    }
    Ok(stmts)
}

impl Parser<'_> {
    /// The position of the current token.
    fn pos(&self) -> Pos {
        (self.tok.line, self.tok.col)
    }

    /// Consume the current token, returning it.
    fn advance(&mut self) -> PResult<Token> {
        let next = self.lexer.next_token()?;
        Ok(std::mem::replace(&mut self.tok, next))
    }

    /// Whether the current token is `kind`.
    fn at(&self, kind: &TokenKind) -> bool {
        self.tok.kind == *kind
    }

    /// An error at the current token.
    fn error(&self, message: impl Into<String>) -> SyntaxError {
        SyntaxError::new(self.tok.line, self.tok.col, message)
    }

    /// An error at `pos`.
    fn error_at(pos: Pos, message: impl Into<String>) -> SyntaxError {
        SyntaxError::new(pos.0, pos.1, message)
    }

    /// Consume a token of kind `kind`, or fail with "expected KIND CONTEXT, found TOKEN".
    fn expect(&mut self, kind: TokenKind, context: &str) -> PResult<Token> {
        if self.tok.kind == kind {
            return self.advance();
        }
        let sep = if context.is_empty() { "" } else { " " };
        Err(self.error(format!(
            "expected {kind}{sep}{context}, found {}",
            self.tok.kind
        )))
    }

    /// Consume an identifier, or fail with "expected WHAT, found TOKEN".
    fn expect_ident(&mut self, what: &str) -> PResult<(String, Pos)> {
        let pos = self.pos();
        if let TokenKind::Ident(name) = &self.tok.kind {
            let name = name.clone();
            self.advance()?;
            return Ok((name, pos));
        }
        Err(self.error(format!("expected {what}, found {}", self.tok.kind)))
    }

    /// Enter one nesting level, failing if the nesting is too deep.
    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(format!("nesting too deep (more than {MAX_DEPTH} levels)")));
        }
        self.enter_chain()
    }

    /// Leave one nesting level.
    fn leave(&mut self) {
        self.depth -= 1;
        self.tree_depth -= 1;
    }

    /// Account for one more operator in a chain, failing if the expression gets too deep.
    fn enter_chain(&mut self) -> PResult<()> {
        self.tree_depth += 1;
        if self.tree_depth > MAX_TREE_DEPTH {
            return Err(self.error(format!(
                "expression too deeply nested (more than {MAX_TREE_DEPTH} levels)"
            )));
        }
        Ok(())
    }

    /// Leave the `levels` operators of a finished chain.
    fn leave_chain(&mut self, levels: u32) {
        self.tree_depth -= levels;
    }

    // ---- statements ------------------------------------------------------------------

    /// Parse one statement.
    fn statement(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        let kind = match self.tok.kind {
            TokenKind::Let => {
                self.advance()?;
                let (name, name_pos) = self.expect_ident("a variable name after `let`")?;
                self.expect(TokenKind::Assign, &format!("after `let {name}`"))?;
                let value = self.expr()?;
                self.expect(TokenKind::Semi, "after `let` statement")?;
                return Ok(Stmt {
                    kind: StmtKind::Let(name, value),
                    pos: name_pos,
                });
            }
            TokenKind::Fn => {
                if self.ctx.in_function || self.ctx.blocks > 0 {
                    return Err(self.error("functions can only be declared at top level"));
                }
                self.advance()?;
                StmtKind::Fn(self.function(false)?.0)
            }
            TokenKind::Class => {
                if self.ctx.in_function || self.ctx.blocks > 0 {
                    return Err(self.error("classes can only be declared at top level"));
                }
                self.advance()?;
                StmtKind::Class(self.class()?)
            }
            TokenKind::If => self.if_statement()?,
            TokenKind::While => {
                self.advance()?;
                let cond = self.expr()?;
                self.ctx.loops += 1;
                let body = self.block("after `while` condition")?;
                self.ctx.loops -= 1;
                StmtKind::While(cond, body)
            }
            TokenKind::Break | TokenKind::Continue => {
                let is_break = self.at(&TokenKind::Break);
                let word = if is_break { "break" } else { "continue" };
                if self.ctx.loops == 0 {
                    return Err(self.error(format!("`{word}` outside of a loop")));
                }
                self.advance()?;
                self.expect(TokenKind::Semi, &format!("after `{word}`"))?;
                if is_break {
                    StmtKind::Break
                } else {
                    StmtKind::Continue
                }
            }
            TokenKind::Return => {
                if !self.ctx.in_function {
                    return Err(self.error("`return` outside of a function"));
                }
                self.advance()?;
                let value = match self.tok.kind {
                    TokenKind::Semi | TokenKind::RBrace | TokenKind::Eof => None,
                    _ => Some(self.expr()?),
                };
                self.expect(TokenKind::Semi, "after `return` statement")?;
                StmtKind::Return(value)
            }
            TokenKind::Throw => {
                self.advance()?;
                let value = self.expr()?;
                self.expect(TokenKind::Semi, "after `throw` statement")?;
                StmtKind::Throw(value)
            }
            TokenKind::Try => {
                self.advance()?;
                let body = self.block("after `try`")?;
                self.expect(TokenKind::Catch, "after `try` block")?;
                let (name, name_pos) = self.expect_ident("a variable name after `catch`")?;
                let handler = self.block("after `catch` variable")?;
                StmtKind::Try(body, name, name_pos, handler)
            }
            TokenKind::LBrace => StmtKind::Block(self.block("")?),
            _ => return self.expr_or_assign_statement(),
        };
        Ok(Stmt { kind, pos })
    }

    /// Parse an expression statement or an assignment.
    fn expr_or_assign_statement(&mut self) -> PResult<Stmt> {
        let target = self.expr()?;
        if !self.at(&TokenKind::Assign) {
            self.expect(TokenKind::Semi, "after expression")?;
            let pos = target.pos;
            return Ok(Stmt {
                kind: StmtKind::Expr(target),
                pos,
            });
        }
        match target.kind {
            ExprKind::Name(_) | ExprKind::Field(..) | ExprKind::Index(..) => {}
            ExprKind::SelfRef => return Err(Self::error_at(target.pos, "cannot assign to `self`")),
            _ => return Err(self.error("invalid assignment target")),
        }
        self.advance()?;
        let value = self.expr()?;
        self.expect(TokenKind::Semi, "after assignment")?;
        let pos = target.pos;
        Ok(Stmt {
            kind: StmtKind::Assign(target, value),
            pos,
        })
    }

    /// Parse `if ... { } else if ... { } else { }` (the current token is `if`).
    fn if_statement(&mut self) -> PResult<StmtKind> {
        let mut branches = Vec::new();
        loop {
            self.advance()?; // `if`
            let cond = self.expr()?;
            let body = self.block("after `if` condition")?;
            branches.push((cond, body));
            if !self.at(&TokenKind::Else) {
                return Ok(StmtKind::If(branches, None));
            }
            self.advance()?; // `else`
            match self.tok.kind {
                TokenKind::If => {}
                TokenKind::LBrace => {
                    let otherwise = self.block("")?;
                    return Ok(StmtKind::If(branches, Some(otherwise)));
                }
                _ => {
                    return Err(self.error(format!(
                        "expected `{{` or `if` after `else`, found {}",
                        self.tok.kind
                    )))
                }
            }
        }
    }

    /// Parse a `{ ... }` block; `context` completes "expected `{` ..." errors.
    fn block(&mut self, context: &str) -> PResult<Block> {
        let open = self.expect(TokenKind::LBrace, context)?;
        self.enter()?;
        self.ctx.blocks += 1;
        let mut stmts = Vec::new();
        while !self.at(&TokenKind::RBrace) {
            if self.at(&TokenKind::Eof) {
                return Err(self.error(format!(
                    "expected `}}` to close the block opened at {}:{}, found end of input",
                    open.line, open.col
                )));
            }
            stmts.push(self.statement()?);
        }
        self.advance()?;
        self.ctx.blocks -= 1;
        self.leave();
        Ok(stmts)
    }

    /// Parse a function or method after `fn`; returns it with the position of its name.
    fn function(&mut self, is_method: bool) -> PResult<(FnDecl, Pos)> {
        let what = if is_method {
            "a method name after `fn`"
        } else {
            "a function name after `fn`"
        };
        let (name, name_pos) = self.expect_ident(what)?;
        self.expect(TokenKind::LParen, &format!("after `fn {name}`"))?;
        let mut params: Vec<(String, Pos)> = Vec::new();
        while !self.at(&TokenKind::RParen) {
            let (param, pos) = self.expect_ident("a parameter name")?;
            if params.iter().any(|(p, _)| *p == param) {
                return Err(Self::error_at(
                    pos,
                    format!("duplicate parameter `{param}`"),
                ));
            }
            if params.len() == MAX_PARAMS {
                return Err(Self::error_at(
                    pos,
                    format!("too many parameters (at most {MAX_PARAMS})"),
                ));
            }
            params.push((param, pos));
            if !self.at(&TokenKind::RParen) {
                self.expect(TokenKind::Comma, "or `)` in parameter list")?;
            }
        }
        self.advance()?; // `)`
        let saved = self.ctx;
        self.ctx = Context {
            in_function: true,
            in_method: is_method,
            in_subclass: is_method && saved.in_subclass,
            loops: 0,
            blocks: 0,
        };
        let body = self.block("to start the function body")?;
        self.ctx = saved;
        Ok((FnDecl { name, params, body }, name_pos))
    }

    /// Parse a class after `class`.
    fn class(&mut self) -> PResult<ClassDecl> {
        let (name, _) = self.expect_ident("a class name after `class`")?;
        let superclass = if self.at(&TokenKind::LParen) {
            self.advance()?;
            let superclass = self.expect_ident("a superclass name")?;
            self.expect(TokenKind::RParen, "after the superclass name")?;
            Some(superclass)
        } else {
            None
        };
        self.expect(TokenKind::LBrace, &format!("after `class {name}`"))?;
        let saved = self.ctx;
        self.ctx.in_subclass = superclass.is_some();
        let methods = self.methods(&name);
        self.ctx = saved;
        Ok(ClassDecl {
            name,
            superclass,
            methods: methods?,
        })
    }

    /// Parse a class body's methods through its `}`.
    fn methods(&mut self, name: &str) -> PResult<Vec<(FnDecl, Pos)>> {
        let mut methods: Vec<(FnDecl, Pos)> = Vec::new();
        loop {
            match self.tok.kind {
                TokenKind::RBrace => break,
                TokenKind::Fn => {
                    self.advance()?;
                    let (method, pos) = self.function(true)?;
                    if methods.iter().any(|(m, _)| m.name == method.name) {
                        return Err(Self::error_at(
                            pos,
                            format!("duplicate method `{}` in class `{name}`", method.name),
                        ));
                    }
                    methods.push((method, pos));
                }
                _ => {
                    return Err(self.error(format!(
                        "expected `fn` or `}}` in class body, found {}",
                        self.tok.kind
                    )))
                }
            }
        }
        self.advance()?;
        Ok(methods)
    }

    // ---- expressions -----------------------------------------------------------------

    /// Parse an expression (one nesting level).
    fn expr(&mut self) -> PResult<Expr> {
        self.enter()?;
        let e = self.binary(PREC_OR)?;
        self.leave();
        Ok(e)
    }

    /// The binary operator of the current token, with its precedence.
    fn binary_op(&self) -> Option<(Binary, u8)> {
        Some(match self.tok.kind {
            TokenKind::Or => (Binary::Or, PREC_OR),
            TokenKind::And => (Binary::And, PREC_AND),
            TokenKind::EqEq => (Binary::Op(BinOp::Eq), PREC_CMP),
            TokenKind::NotEq => (Binary::Op(BinOp::Ne), PREC_CMP),
            TokenKind::Lt => (Binary::Op(BinOp::Lt), PREC_CMP),
            TokenKind::Le => (Binary::Op(BinOp::Le), PREC_CMP),
            TokenKind::Gt => (Binary::Op(BinOp::Gt), PREC_CMP),
            TokenKind::Ge => (Binary::Op(BinOp::Ge), PREC_CMP),
            TokenKind::In => (Binary::Op(BinOp::In), PREC_CMP),
            TokenKind::Pipe => (Binary::Op(BinOp::BitOr), PREC_BIT_OR),
            TokenKind::Caret => (Binary::Op(BinOp::BitXor), PREC_BIT_XOR),
            TokenKind::Amp => (Binary::Op(BinOp::BitAnd), PREC_BIT_AND),
            TokenKind::Shl => (Binary::Op(BinOp::Shl), PREC_SHIFT),
            TokenKind::Shr => (Binary::Op(BinOp::Shr), PREC_SHIFT),
            TokenKind::Plus => (Binary::Op(BinOp::Add), PREC_ADD),
            TokenKind::Minus => (Binary::Op(BinOp::Sub), PREC_ADD),
            TokenKind::Star => (Binary::Op(BinOp::Mul), PREC_MUL),
            TokenKind::Slash => (Binary::Op(BinOp::Div), PREC_MUL),
            TokenKind::Percent => (Binary::Op(BinOp::Mod), PREC_MUL),
            _ => return None,
        })
    }

    /// Precedence climbing: parse an expression whose binary operators all bind at least as
    /// tightly as `min_prec`. Operators are left-associative, except comparisons, which do not
    /// associate at all. `not` sits between `and` and the comparisons.
    fn binary(&mut self, min_prec: u8) -> PResult<Expr> {
        let mut lhs = if min_prec <= PREC_NOT && self.at(&TokenKind::Not) {
            let pos = self.pos();
            self.advance()?;
            self.enter()?;
            let operand = self.binary(PREC_NOT)?;
            self.leave();
            Expr {
                kind: ExprKind::Not(Box::new(operand)),
                pos,
            }
        } else {
            self.unary()?
        };
        let mut levels = 0;
        let mut after_comparison = false;
        while let Some((op, prec)) = self.binary_op() {
            if prec < min_prec {
                break;
            }
            if prec == PREC_CMP && after_comparison {
                return Err(self.error("comparison operators cannot be chained (use `and`)"));
            }
            after_comparison = prec == PREC_CMP;
            let pos = self.pos();
            self.enter_chain()?;
            levels += 1;
            self.advance()?;
            // Right operands of `and`/`or` may start with `not`.
            let rhs = Box::new(self.binary(prec + 1)?);
            let lhs_box = Box::new(lhs);
            let kind = match op {
                Binary::Or => ExprKind::Or(lhs_box, rhs),
                Binary::And => ExprKind::And(lhs_box, rhs),
                Binary::Op(op) => ExprKind::Binary(op, lhs_box, rhs),
            };
            lhs = Expr { kind, pos };
        }
        self.leave_chain(levels);
        Ok(lhs)
    }

    /// `('-' | '~') unary | postfix`
    fn unary(&mut self) -> PResult<Expr> {
        let invert = match self.tok.kind {
            TokenKind::Minus => false,
            TokenKind::Tilde => true,
            _ => return self.postfix(),
        };
        let pos = self.pos();
        self.advance()?;
        self.enter()?;
        let operand = Box::new(self.unary()?);
        self.leave();
        let kind = if invert {
            ExprKind::Invert(operand)
        } else {
            ExprKind::Neg(operand)
        };
        Ok(Expr { kind, pos })
    }

    /// `primary ( '(' args ')' | '[' expr ']' | '.' name | '.' name '(' args ')' )*`
    fn postfix(&mut self) -> PResult<Expr> {
        let mut e = self.primary()?;
        let mut levels = 0;
        loop {
            let pos = self.pos();
            if !matches!(
                self.tok.kind,
                TokenKind::LParen | TokenKind::LBracket | TokenKind::Dot
            ) {
                break;
            }
            self.enter_chain()?;
            levels += 1;
            let kind = match self.advance()?.kind {
                TokenKind::LParen => ExprKind::Call(Box::new(e), self.arguments()?),
                TokenKind::LBracket => {
                    let index = self.expr()?;
                    self.expect(TokenKind::RBracket, "after index")?;
                    ExprKind::Index(Box::new(e), Box::new(index))
                }
                _ => {
                    let (name, name_pos) = self.expect_ident("a field or method name after `.`")?;
                    let kind = if self.at(&TokenKind::LParen) {
                        self.advance()?;
                        ExprKind::MethodCall(Box::new(e), name, self.arguments()?)
                    } else {
                        ExprKind::Field(Box::new(e), name)
                    };
                    e = Expr {
                        kind,
                        pos: name_pos,
                    };
                    continue;
                }
            };
            e = Expr { kind, pos };
        }
        self.leave_chain(levels);
        Ok(e)
    }

    /// Parse call arguments after the `(`, through the `)`.
    fn arguments(&mut self) -> PResult<Vec<Expr>> {
        let mut args = Vec::new();
        while !self.at(&TokenKind::RParen) {
            if args.len() == MAX_PARAMS {
                return Err(self.error(format!("too many arguments (at most {MAX_PARAMS})")));
            }
            args.push(self.expr()?);
            if !self.at(&TokenKind::RParen) {
                self.expect(TokenKind::Comma, "or `)` after argument")?;
            }
        }
        self.advance()?;
        Ok(args)
    }

    /// Literals, names, `self`, `super` calls, array and dict literals and parenthesized
    /// expressions.
    fn primary(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        let kind = match &self.tok.kind {
            TokenKind::Int(i) => ExprKind::Int(*i),
            TokenKind::Float(x) => ExprKind::Float(*x),
            TokenKind::Str(s) => ExprKind::Str(s.clone()),
            TokenKind::True => ExprKind::True,
            TokenKind::False => ExprKind::False,
            TokenKind::Nil => ExprKind::Nil,
            TokenKind::Ident(name) => ExprKind::Name(name.clone()),
            TokenKind::SelfKw => {
                if !self.ctx.in_method {
                    return Err(self.error("`self` is only valid inside methods"));
                }
                ExprKind::SelfRef
            }
            TokenKind::LParen => {
                self.advance()?;
                let e = self.expr()?;
                self.expect(TokenKind::RParen, "after parenthesized expression")?;
                return Ok(e);
            }
            TokenKind::Super => {
                if !self.ctx.in_method {
                    return Err(self.error("`super` is only valid inside methods"));
                }
                if !self.ctx.in_subclass {
                    return Err(self.error("`super` in a class without a superclass"));
                }
                self.advance()?;
                self.expect(TokenKind::Dot, "after `super`")?;
                let (name, name_pos) = self.expect_ident("a method name after `super.`")?;
                self.expect(
                    TokenKind::LParen,
                    "after the method name (`super` calls a method)",
                )?;
                let args = self.arguments()?;
                return Ok(Expr {
                    kind: ExprKind::SuperCall(name, args),
                    pos: name_pos,
                });
            }
            TokenKind::LBrace => {
                self.advance()?;
                let mut entries = Vec::new();
                while !self.at(&TokenKind::RBrace) {
                    let key = self.expr()?;
                    self.expect(TokenKind::Colon, "after a dict key")?;
                    let value = self.expr()?;
                    entries.push((key, value));
                    if !self.at(&TokenKind::RBrace) {
                        self.expect(TokenKind::Comma, "or `}` in dict literal")?;
                    }
                }
                self.advance()?;
                return Ok(Expr {
                    kind: ExprKind::Dict(entries),
                    pos,
                });
            }
            TokenKind::LBracket => {
                self.advance()?;
                let mut items = Vec::new();
                while !self.at(&TokenKind::RBracket) {
                    items.push(self.expr()?);
                    if !self.at(&TokenKind::RBracket) {
                        self.expect(TokenKind::Comma, "or `]` in array literal")?;
                    }
                }
                self.advance()?;
                return Ok(Expr {
                    kind: ExprKind::Array(items),
                    pos,
                });
            }
            other => return Err(self.error(format!("expected expression, found {other}"))),
        };
        self.advance()?;
        Ok(Expr { kind, pos })
    }
}
