//! The abstract syntax tree produced by the parser and consumed by the compiler.
//!
//! Every node carries the 1-based `(line, col)` that a runtime error in it should point at.

/// A source position: 1-based `(line, column)`.
pub type Pos = (u32, u32);

/// A binary operator that is compiled to a single instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `%`
    Mod,
    /// `&`
    BitAnd,
    /// `|`
    BitOr,
    /// `^`
    BitXor,
    /// `<<`
    Shl,
    /// `>>`
    Shr,
    /// `in`
    In,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `==`
    Eq,
    /// `!=`
    Ne,
}

/// An expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What the expression is.
    pub kind: ExprKind,
    /// Where errors in it point: the operator of a binary or unary operation, the `(` of a
    /// call, the `[` of an index, the name of a field or method, else its first token.
    pub pos: Pos,
}

/// The kinds of expressions.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// An integer literal.
    Int(i64),
    /// A float literal.
    Float(f64),
    /// A string literal.
    Str(String),
    /// `true`
    True,
    /// `false`
    False,
    /// `nil`
    Nil,
    /// `self` (only inside methods).
    SelfRef,
    /// A variable reference (local or global).
    Name(String),
    /// An array literal `[a, b, ...]`.
    Array(Vec<Expr>),
    /// A dict literal `{k: v, ...}`.
    Dict(Vec<(Expr, Expr)>),
    /// Unary minus.
    Neg(Box<Expr>),
    /// Bitwise complement `~x`.
    Invert(Box<Expr>),
    /// `not x`.
    Not(Box<Expr>),
    /// A binary operation.
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// Short-circuiting `a and b`.
    And(Box<Expr>, Box<Expr>),
    /// Short-circuiting `a or b`.
    Or(Box<Expr>, Box<Expr>),
    /// A call `f(args)`.
    Call(Box<Expr>, Vec<Expr>),
    /// A method call `obj.name(args)`.
    MethodCall(Box<Expr>, String, Vec<Expr>),
    /// A superclass method call `super.name(args)` (only inside methods).
    SuperCall(String, Vec<Expr>),
    /// A field read `obj.name`.
    Field(Box<Expr>, String),
    /// An index read `array[index]`.
    Index(Box<Expr>, Box<Expr>),
}

/// A statement.
#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    /// What the statement is.
    pub kind: StmtKind,
    /// Where errors in it point: the declared or assigned name, the `return`/`throw`
    /// keyword, else its first token.
    pub pos: Pos,
}

/// A `{ ... }` block: its statements.
pub type Block = Vec<Stmt>;

/// The kinds of statements.
#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    /// `let name = value;`
    Let(String, Expr),
    /// `target = value;` where the target is a name, a field or an index expression.
    Assign(Expr, Expr),
    /// `expr;`
    Expr(Expr),
    /// `if c1 { } else if c2 { } ... else { }`: the conditional branches in order, then the
    /// optional final `else` block.
    If(Vec<(Expr, Block)>, Option<Block>),
    /// `while cond { body }`
    While(Expr, Block),
    /// `break;`
    Break,
    /// `continue;`
    Continue,
    /// `return;` or `return value;`
    Return(Option<Expr>),
    /// `throw value;`
    Throw(Expr),
    /// `try { body } catch name { handler }`; the `Pos` is that of the catch name.
    Try(Block, String, Pos, Block),
    /// A nested `{ ... }` block.
    Block(Block),
    /// A top-level function declaration.
    Fn(FnDecl),
    /// A top-level class declaration.
    Class(ClassDecl),
}

/// A function or method declaration.
#[derive(Clone, Debug, PartialEq)]
pub struct FnDecl {
    /// The function name.
    pub name: String,
    /// The parameter names (without `self`), with their positions.
    pub params: Vec<(String, Pos)>,
    /// The body.
    pub body: Block,
}

/// A class declaration.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassDecl {
    /// The class name.
    pub name: String,
    /// The superclass's name and position, if any.
    pub superclass: Option<(String, Pos)>,
    /// The methods, with the position of each method's name.
    pub methods: Vec<(FnDecl, Pos)>,
}
