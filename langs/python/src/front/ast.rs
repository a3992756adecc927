//! jitpy's own syntax tree: what the compiler consumes. `front::parse` builds it from the
//! parser's tree; nothing else in jitpy sees the parser's types. Every node carries the byte
//! range of its source text ([`Span`]), which the compiler turns into line tables and error
//! positions.

use num_bigint::BigInt;

/// A byte range of the source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    /// Offset of the first byte.
    pub start: u32,
    /// Offset just past the last byte.
    pub end: u32,
}

/// A name with its position (a parameter, a `global` name, an `except ... as` target).
#[derive(Clone, Debug)]
pub struct Ident {
    /// The name.
    pub name: String,
    /// Where it is written.
    pub span: Span,
}

/// A statement.
#[derive(Clone, Debug)]
pub struct Stmt {
    /// What kind of statement.
    pub kind: StmtKind,
    /// Its source range.
    pub span: Span,
}

/// The statements jitpy compiles.
#[derive(Clone, Debug)]
pub enum StmtKind {
    /// `def name(params): body`, decorators applied innermost last.
    FunctionDef(Box<FunctionDef>),
    /// `class name(bases): body`.
    ClassDef(Box<ClassDef>),
    /// `return [value]`.
    Return(Option<Expr>),
    /// `del targets`.
    Delete(Vec<Expr>),
    /// `t1 = t2 = value`.
    Assign { targets: Vec<Expr>, value: Expr },
    /// `target op= value`.
    AugAssign {
        target: Expr,
        op: BinOp,
        value: Expr,
    },
    /// `target: annotation [= value]`; `simple` when the target is a plain name.
    AnnAssign {
        target: Expr,
        annotation: Expr,
        value: Option<Expr>,
        simple: bool,
    },
    /// `for target in iter: body else: orelse`.
    For {
        target: Expr,
        iter: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    /// `while test: body else: orelse`.
    While {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    /// `if test: body else: orelse` (`elif` is a nested `If` in `orelse`).
    If {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    /// `raise [exc [from cause]]`.
    Raise {
        exc: Option<Expr>,
        cause: Option<Expr>,
    },
    /// `try` with handlers, `else` and `finally`.
    Try(Box<Try>),
    /// `assert test[, msg]`.
    Assert { test: Expr, msg: Option<Expr> },
    /// `with a as x, b: body` (the items in order; each target optional).
    With {
        items: Vec<(Expr, Option<Expr>)>,
        body: Vec<Stmt>,
    },
    /// `import a.b.c as d, e`.
    Import(Vec<Alias>),
    /// `from module import a as b, c` (`from . import x`: no module, level 1); `names`
    /// is one `*` for `from module import *`.
    ImportFrom {
        module: Option<String>,
        names: Vec<Alias>,
        level: u32,
    },
    /// `global names`.
    Global(Vec<Ident>),
    /// `nonlocal names`.
    Nonlocal(Vec<Ident>),
    /// An expression evaluated for its effect.
    Expr(Expr),
    /// `match subject: cases`.
    Match {
        subject: Expr,
        cases: Vec<MatchCase>,
    },
    /// `pass`.
    Pass,
    /// `break`.
    Break,
    /// `continue`.
    Continue,
}

/// A name in an import statement: `name` (dotted in `import`) and `as asname`.
#[derive(Clone, Debug)]
pub struct Alias {
    /// The imported name.
    pub name: Ident,
    /// The name it is bound to instead.
    pub asname: Option<Ident>,
}

/// A function definition (also the body of a `lambda`).
#[derive(Clone, Debug)]
pub struct FunctionDef {
    /// The name (`<lambda>` for a lambda).
    pub name: Ident,
    /// The parameters.
    pub params: Params,
    /// The body.
    pub body: Vec<Stmt>,
    /// Decorator expressions, in source order.
    pub decorators: Vec<Expr>,
    /// Whether this is a `lambda` (its body is one `return`).
    pub is_lambda: bool,
}

/// A parameter list.
#[derive(Clone, Debug, Default)]
pub struct Params {
    /// Positional parameters: the positional-only ones, then the positional-or-keyword ones.
    pub args: Vec<Param>,
    /// How many of `args` are positional-only (before `/`).
    pub posonly: usize,
    /// `*name`.
    pub vararg: Option<Ident>,
    /// Keyword-only parameters.
    pub kwonly: Vec<Param>,
    /// `**name`.
    pub kwarg: Option<Ident>,
}

/// One parameter and its default value.
#[derive(Clone, Debug)]
pub struct Param {
    /// The name.
    pub name: Ident,
    /// `= default`.
    pub default: Option<Expr>,
}

/// A class definition.
#[derive(Clone, Debug)]
pub struct ClassDef {
    /// The class name.
    pub name: Ident,
    /// The base class expressions.
    pub bases: Vec<Expr>,
    /// The keyword arguments after the bases (`class B(A, flag=True)`; `**` has no name).
    pub keywords: Vec<Keyword>,
    /// The body.
    pub body: Vec<Stmt>,
    /// Decorator expressions, in source order.
    pub decorators: Vec<Expr>,
}

/// A `try` statement.
#[derive(Clone, Debug)]
pub struct Try {
    /// The protected body.
    pub body: Vec<Stmt>,
    /// `except` clauses, in order.
    pub handlers: Vec<Handler>,
    /// `else:` (runs when the body raised nothing).
    pub orelse: Vec<Stmt>,
    /// `finally:`.
    pub finalbody: Vec<Stmt>,
}

/// `except [type [as name]]: body`.
#[derive(Clone, Debug)]
pub struct Handler {
    /// The exception type expression (`None`: a bare `except:`).
    pub type_: Option<Expr>,
    /// The `as` name.
    pub name: Option<Ident>,
    /// The handler body.
    pub body: Vec<Stmt>,
    /// The clause's source range.
    pub span: Span,
}

/// `case pattern if guard: body` of a `match` statement.
#[derive(Clone, Debug)]
pub struct MatchCase {
    /// The pattern.
    pub pattern: Pattern,
    /// The `if` guard.
    pub guard: Option<Expr>,
    /// The body.
    pub body: Vec<Stmt>,
}

/// A pattern of a `case` clause (PEP 634).
#[derive(Clone, Debug)]
pub struct Pattern {
    /// What kind of pattern.
    pub kind: PatternKind,
    /// Its source range.
    pub span: Span,
}

/// The pattern kinds (CPython's `pattern` AST nodes).
#[derive(Clone, Debug)]
pub enum PatternKind {
    /// A literal or dotted name compared with `==`.
    Value(Expr),
    /// `None`, `True` or `False`, compared with `is`.
    Singleton(Constant),
    /// `[p, *rest, q]` or `(p, q)`.
    Sequence(Vec<Pattern>),
    /// `{key: p, **rest}`.
    Mapping {
        keys: Vec<Expr>,
        patterns: Vec<Pattern>,
        rest: Option<Ident>,
    },
    /// `cls(p, attr=q)`.
    Class {
        cls: Expr,
        patterns: Vec<Pattern>,
        kwd_attrs: Vec<Ident>,
        kwd_patterns: Vec<Pattern>,
    },
    /// `*name` (`None`: `*_`) in a sequence pattern.
    Star(Option<Ident>),
    /// `p as name`, a capture `name` (no pattern) or the wildcard `_` (neither).
    As {
        pattern: Option<Box<Pattern>>,
        name: Option<Ident>,
    },
    /// `p | q | ...`.
    Or(Vec<Pattern>),
}

/// An expression.
#[derive(Clone, Debug)]
pub struct Expr {
    /// What kind of expression.
    pub kind: ExprKind,
    /// Its source range.
    pub span: Span,
}

/// A constant value written in the source.
#[derive(Clone, Debug, PartialEq)]
pub enum Constant {
    /// `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// An integer that fits an `i64`.
    Int(i64),
    /// An integer that does not.
    BigInt(BigInt),
    /// A float.
    Float(f64),
    /// An imaginary literal (`2j`: its imaginary part).
    Imaginary(f64),
    /// A string.
    Str(String),
    /// A bytes literal.
    Bytes(Vec<u8>),
    /// `...`.
    Ellipsis,
    /// A tuple of constants (made by constant folding).
    Tuple(Vec<Constant>),
}

/// Whether an expression is read, assigned or deleted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// Read.
    Load,
    /// Assigned.
    Store,
    /// Deleted.
    Del,
}

/// The expressions jitpy compiles.
#[derive(Clone, Debug)]
pub enum ExprKind {
    /// `a and b and ...` / `a or b or ...`.
    BoolOp { and: bool, values: Vec<Expr> },
    /// `target := value`.
    Named { target: Box<Expr>, value: Box<Expr> },
    /// `left op right`.
    BinOp {
        left: Box<Expr>,
        op: BinOp,
        right: Box<Expr>,
    },
    /// `op operand`.
    UnaryOp { op: UnaryOp, operand: Box<Expr> },
    /// `lambda params: body`.
    Lambda(Box<FunctionDef>),
    /// `body if test else orelse`.
    IfExp {
        test: Box<Expr>,
        body: Box<Expr>,
        orelse: Box<Expr>,
    },
    /// `{k: v, **d}` (`key` is `None` for `**d`).
    Dict(Vec<(Option<Expr>, Expr)>),
    /// `{a, b, *c}`.
    Set(Vec<Expr>),
    /// `{elt for ...}`.
    SetComp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    /// `[elt for ...]`.
    ListComp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    /// `(elt for ...)`.
    GeneratorExp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    /// `yield [value]`.
    Yield(Option<Box<Expr>>),
    /// `yield from iterable`.
    YieldFrom(Box<Expr>),
    /// `{key: value for ...}`.
    DictComp {
        key: Box<Expr>,
        value: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    /// `left op1 c1 op2 c2 ...`.
    Compare {
        left: Box<Expr>,
        ops: Vec<CmpOp>,
        comparators: Vec<Expr>,
    },
    /// `func(args, name=value)`.
    Call {
        func: Box<Expr>,
        args: Vec<Expr>,
        keywords: Vec<Keyword>,
    },
    /// An f-string: its literal and formatted parts in order.
    FString(Vec<FStringPart>),
    /// A constant.
    Constant(Constant),
    /// `value.attr`.
    Attribute {
        value: Box<Expr>,
        attr: Ident,
        ctx: Context,
    },
    /// `value[index]`.
    Subscript {
        value: Box<Expr>,
        index: Box<Expr>,
        ctx: Context,
    },
    /// `*value` (in a call, a list or tuple display, or an assignment target).
    Starred { value: Box<Expr>, ctx: Context },
    /// A name.
    Name { id: String, ctx: Context },
    /// `[a, b]`.
    List { elts: Vec<Expr>, ctx: Context },
    /// `(a, b)`.
    Tuple { elts: Vec<Expr>, ctx: Context },
    /// `lower:upper:step` inside a subscript.
    Slice {
        lower: Option<Box<Expr>>,
        upper: Option<Box<Expr>>,
        step: Option<Box<Expr>>,
    },
}

/// One `for target in iter if cond...` of a comprehension.
#[derive(Clone, Debug)]
pub struct Comprehension {
    /// The loop target.
    pub target: Expr,
    /// The iterable.
    pub iter: Expr,
    /// The `if` conditions.
    pub ifs: Vec<Expr>,
}

/// `name=value` in a call (`name` is `None` for `**value`).
#[derive(Clone, Debug)]
pub struct Keyword {
    /// The keyword.
    pub name: Option<Ident>,
    /// The value.
    pub value: Expr,
}

/// A part of an f-string.
#[derive(Clone, Debug)]
pub enum FStringPart {
    /// Literal text.
    Literal(String),
    /// `{value!conversion:spec}`.
    Formatted {
        /// The expression.
        value: Box<Expr>,
        /// `'s'`, `'r'`, `'a'` or none.
        conversion: Option<char>,
        /// The format spec, itself an f-string's parts.
        spec: Vec<FStringPart>,
    },
}

/// Binary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `@`
    MatMul,
    /// `/`
    TrueDiv,
    /// `//`
    FloorDiv,
    /// `%`
    Mod,
    /// `**`
    Pow,
    /// `<<`
    LShift,
    /// `>>`
    RShift,
    /// `|`
    BitOr,
    /// `^`
    BitXor,
    /// `&`
    BitAnd,
}

/// Unary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    /// `~`
    Invert,
    /// `not`
    Not,
    /// `+`
    Pos,
    /// `-`
    Neg,
}

/// Comparison operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    /// `==`
    Eq,
    /// `!=`
    NotEq,
    /// `<`
    Lt,
    /// `<=`
    LtE,
    /// `>`
    Gt,
    /// `>=`
    GtE,
    /// `is`
    Is,
    /// `is not`
    IsNot,
    /// `in`
    In,
    /// `not in`
    NotIn,
}
