//! jitpy's bytecode: the instruction set, its encoding, and the compiled form of a code
//! object before it goes onto the heap ([`CodeUnit`]). An instruction is a `u32`: the
//! opcode in the low 8 bits, its argument in the upper 24. Bytecode never changes once
//! compiled, so the JIT may fold reads of it.

use num_bigint::BigInt;

/// Instruction opcodes. The comment of each gives its stack effect (`before -> after`,
/// top of stack on the right) and the meaning of its argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Op {
    /// `-> consts[arg]`
    LoadConst,
    /// `-> locals[arg]` (UnboundLocalError when unset)
    LoadFast,
    /// `v ->` locals[arg] = v
    StoreFast,
    /// `->` unsets locals[arg]
    DeleteFast,
    /// `-> cell[arg].value` (cells: cell variables, then free variables)
    LoadDeref,
    /// `v ->` cell[arg].value = v
    StoreDeref,
    /// `->` empties cell[arg]
    DeleteDeref,
    /// `-> cell[arg]` (the cell itself, for a closure)
    LoadClosure,
    /// `-> globals[names[arg]]` (or the builtin)
    LoadGlobal,
    /// `v ->` globals[names[arg]] = v
    StoreGlobal,
    /// `->` del globals[names[arg]]
    DeleteGlobal,
    /// `-> namespace[names[arg]]` (module and class bodies; then globals, then builtins)
    LoadName,
    /// `v ->` namespace[names[arg]] = v
    StoreName,
    /// `->` del namespace[names[arg]]
    DeleteName,
    /// `obj -> obj.names[arg]`
    LoadAttr,
    /// `v obj ->` obj.names[arg] = v
    StoreAttr,
    /// `obj ->` del obj.names[arg]
    DeleteAttr,
    /// `container index -> container[index]`
    BinarySubscr,
    /// `v container index ->` container[index] = v
    StoreSubscr,
    /// `container index ->` del container[index]
    DeleteSubscr,
    /// `a b -> a op b`, arg: `BinaryKind` (+ `INPLACE` for `op=`)
    BinaryOp,
    /// `a b -> a cmp b`, arg: `CompareKind`
    CompareOp,
    /// `a b -> a is b` (arg 1: `is not`)
    IsOp,
    /// `a b -> a in b` (arg 1: `not in`)
    ContainsOp,
    /// `v -> -v`
    UnaryNegative,
    /// `v -> +v`
    UnaryPositive,
    /// `v -> not v`
    UnaryNot,
    /// `v -> ~v`
    UnaryInvert,
    /// `v ->`
    Pop,
    /// `v ->`, the interactive prompt's echo: `repr(v)` printed unless `v` is None, and
    /// `builtins._ = v`
    PrintExpr,
    /// `v ... -> v ... v`: pushes a copy of the item `arg` down (1 is the top)
    Copy,
    /// `a b -> a b a b`
    Dup2,
    /// `a ... b -> b ... a`: swaps the top with the item `arg` down (2: the top two)
    Swap,
    /// `a b c -> c a b` (the top goes two down)
    Rot3,
    /// `->`, pc = arg
    Jump,
    /// `->`, pc = arg (a backward jump: where hot loops are counted)
    JumpBackward,
    /// `v ->`, pc = arg if not v
    PopJumpIfFalse,
    /// `v ->`, pc = arg if v
    PopJumpIfTrue,
    /// `v -> v` and pc = arg if not v, else `v ->`
    JumpIfFalseOrPop,
    /// `v -> v` and pc = arg if v, else `v ->`
    JumpIfTrueOrPop,
    /// `v -> iter(v)`
    GetIter,
    /// `it -> it next(it)`, or at the end `it ->` and pc = arg
    ForIter,
    /// `items... -> tuple` (arg items)
    BuildTuple,
    /// `items... -> list` (arg items)
    BuildList,
    /// `k1 v1 ... -> dict` (arg pairs)
    BuildDict,
    /// `items... -> set` (arg items, added in order)
    BuildSet,
    /// `lower upper [step] -> slice` (arg 2 or 3)
    BuildSlice,
    /// `parts... -> str` (arg parts, concatenated)
    BuildString,
    /// `v [spec] -> str`, arg: conversion (0 none, 1 str, 2 repr, 3 ascii) | 4 if a spec
    FormatValue,
    /// `list ... v -> list ...` (list.append; the list is arg deep below v)
    ListAppend,
    /// `list ... it -> list ...` (list.extend from an iterable, the list arg deep)
    ListExtend,
    /// `dict ... k v -> dict ...` (dict[k] = v; the dict is arg deep below k)
    MapAdd,
    /// `dict ... m -> dict ...` (dict.update, the dict arg deep)
    DictUpdate,
    /// `f args dict ... m -> f args dict ...` (a call's `**m` merged into its keyword
    /// arguments, the dict arg deep: keys given twice are an error naming `f`)
    DictMerge,
    /// `set ... v -> set ...` (set.add; the set is arg deep below v)
    SetAdd,
    /// `set ... it -> set ...` (set.update from an iterable, the set arg deep)
    SetUpdate,
    /// `list -> tuple`
    ListToTuple,
    /// `seq -> items...` (arg items, the first on top)
    UnpackSequence,
    /// `seq -> items...`, arg: count before the starred target | count after << 8
    UnpackEx,
    /// `[defaults] [kwdefaults] [closure] code qualname -> function`, arg: `MAKE_*` flags
    MakeFunction,
    /// `callable args... -> result` (arg positional arguments)
    Call,
    /// `callable args... names -> result` (arg arguments; `names`: the keyword names, a
    /// tuple, of the last ones)
    CallKw,
    /// `callable args kwargs -> result` (`f(*a, **k)`; kwargs is a dict or None)
    CallEx,
    /// `body_function name bases [keywords] -> class` (`arg` 1: with a dict of keywords)
    BuildClass,
    /// `v ->` returns v
    ReturnValue,
    /// `[exc [cause]] ->` raises (arg: 0 re-raise the handled one, 1, or 2 with a cause)
    Raise,
    /// `exc ->` raises exc again, keeping its traceback
    Reraise,
    /// `exc -> prev exc`: exc becomes the handled exception; prev is the one before
    PushExcInfo,
    /// `prev ->`: prev becomes the handled exception again
    PopExcept,
    /// `prev exc ->`: restores prev, then raises exc again (the cleanup of a handler)
    PopExceptReraise,
    /// `exc type -> exc bool` (whether exc matches the except clause's type)
    CheckExcMatch,
    /// `-> AssertionError`
    LoadAssertionError,
    /// `level fromlist -> module`: imports `names[arg]` (`import`, `from ... import`)
    ImportName,
    /// `module -> module module.names[arg]` (`from module import name`)
    ImportFrom,
    /// `module ->`: binds the module's public names (`from module import *`)
    ImportStar,
    /// `manager -> exit enter_result`: `exit` is the bound `__exit__`, the other the
    /// result of calling `__enter__`
    BeforeWith,
    /// `exit prev exc -> exit prev exc result`: calls `exit(type(exc), exc, traceback)`
    WithExceptStart,
    /// `v -> sent`: suspends the generator, handing `v` to its caller; it resumes at the
    /// next instruction with the value sent in on the stack
    YieldValue,
    /// `sent -> sent`: where a generator resumes; raises the exception thrown in instead,
    /// if any (`generator.throw`)
    ResumeYield,
    /// `iter sent -> iter value`: sends `sent` into the iterator (`yield from`) and pushes
    /// what it yields; when it is done, `iter sent -> result` and pc = arg
    Send,
    /// `v -> v len(v)`
    GetLen,
    /// `subject -> subject bool`: whether the subject is a mapping (a `dict`)
    MatchMapping,
    /// `subject -> subject bool`: whether the subject is a sequence for patterns (a
    /// `list`, `tuple` or `range`; not `str`, `bytes` or `bytearray`)
    MatchSequence,
    /// `subject keys -> subject keys values`: the values of the keys (a tuple) in the
    /// mapping subject, a tuple; None if a key is missing
    MatchKeys,
    /// `subject cls names -> attrs`: if the subject is an instance of `cls`, a tuple of
    /// its `arg` positional sub-pattern values (by `__match_args__`) and the attributes
    /// `names` (a tuple); None if not
    MatchClass,
}

jitgen_core::jit_enum!(Op as u8);

/// Every opcode, indexed by its number.
pub const ALL_OPS: [Op; 85] = [
    Op::LoadConst,
    Op::LoadFast,
    Op::StoreFast,
    Op::DeleteFast,
    Op::LoadDeref,
    Op::StoreDeref,
    Op::DeleteDeref,
    Op::LoadClosure,
    Op::LoadGlobal,
    Op::StoreGlobal,
    Op::DeleteGlobal,
    Op::LoadName,
    Op::StoreName,
    Op::DeleteName,
    Op::LoadAttr,
    Op::StoreAttr,
    Op::DeleteAttr,
    Op::BinarySubscr,
    Op::StoreSubscr,
    Op::DeleteSubscr,
    Op::BinaryOp,
    Op::CompareOp,
    Op::IsOp,
    Op::ContainsOp,
    Op::UnaryNegative,
    Op::UnaryPositive,
    Op::UnaryNot,
    Op::UnaryInvert,
    Op::Pop,
    Op::PrintExpr,
    Op::Copy,
    Op::Dup2,
    Op::Swap,
    Op::Rot3,
    Op::Jump,
    Op::JumpBackward,
    Op::PopJumpIfFalse,
    Op::PopJumpIfTrue,
    Op::JumpIfFalseOrPop,
    Op::JumpIfTrueOrPop,
    Op::GetIter,
    Op::ForIter,
    Op::BuildTuple,
    Op::BuildList,
    Op::BuildDict,
    Op::BuildSet,
    Op::BuildSlice,
    Op::BuildString,
    Op::FormatValue,
    Op::ListAppend,
    Op::ListExtend,
    Op::MapAdd,
    Op::DictUpdate,
    Op::DictMerge,
    Op::SetAdd,
    Op::SetUpdate,
    Op::ListToTuple,
    Op::UnpackSequence,
    Op::UnpackEx,
    Op::MakeFunction,
    Op::Call,
    Op::CallKw,
    Op::CallEx,
    Op::BuildClass,
    Op::ReturnValue,
    Op::Raise,
    Op::Reraise,
    Op::PushExcInfo,
    Op::PopExcept,
    Op::PopExceptReraise,
    Op::CheckExcMatch,
    Op::LoadAssertionError,
    Op::ImportName,
    Op::ImportFrom,
    Op::ImportStar,
    Op::BeforeWith,
    Op::WithExceptStart,
    Op::YieldValue,
    Op::ResumeYield,
    Op::Send,
    Op::GetLen,
    Op::MatchMapping,
    Op::MatchSequence,
    Op::MatchKeys,
    Op::MatchClass,
];

/// The opcode of an instruction word. Pure, so the JIT folds it for a constant word.
/// (Only the compiler makes instruction words, so the byte is always an opcode; the
/// modulo keeps the function total.)
#[jitgen_core::elidable]
#[jitgen_core::dont_look_inside]
pub fn opcode(instr: u32) -> Op {
    ALL_OPS[(instr & 0xff) as usize % ALL_OPS.len()]
}

/// Encodes an instruction.
pub fn encode(op: Op, arg: u32) -> u32 {
    op as u32 | arg << 8
}

/// The argument of an instruction word.
pub fn argument(instr: u32) -> u32 {
    instr >> 8
}

/// Largest instruction argument.
pub const MAX_ARG: u32 = (1 << 24) - 1;

/// `MakeFunction` flags: which optional parts are on the stack below the code.
pub mod make {
    /// A tuple of positional defaults.
    pub const DEFAULTS: u32 = 1;
    /// A dict of keyword-only defaults.
    pub const KW_DEFAULTS: u32 = 2;
    /// A tuple of cells (the closure).
    pub const CLOSURE: u32 = 4;
}

/// `BinaryOp`'s argument: which operator (`INPLACE` added for `op=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum BinaryKind {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
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
    /// `&`
    And,
    /// `|`
    Or,
    /// `^`
    Xor,
    /// `@`
    MatMul,
}

/// Every binary operator, indexed by its number.
pub const ALL_BINARY: [BinaryKind; 13] = [
    BinaryKind::Add,
    BinaryKind::Sub,
    BinaryKind::Mul,
    BinaryKind::TrueDiv,
    BinaryKind::FloorDiv,
    BinaryKind::Mod,
    BinaryKind::Pow,
    BinaryKind::LShift,
    BinaryKind::RShift,
    BinaryKind::And,
    BinaryKind::Or,
    BinaryKind::Xor,
    BinaryKind::MatMul,
];

/// Added to a `BinaryKind` for the in-place form (`+=`).
pub const INPLACE: u32 = 16;

impl BinaryKind {
    /// The operator's symbol, as error messages show it.
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryKind::Add => "+",
            BinaryKind::Sub => "-",
            BinaryKind::Mul => "*",
            BinaryKind::TrueDiv => "/",
            BinaryKind::FloorDiv => "//",
            BinaryKind::Mod => "%",
            BinaryKind::Pow => "** or pow()",
            BinaryKind::LShift => "<<",
            BinaryKind::RShift => ">>",
            BinaryKind::And => "&",
            BinaryKind::Or => "|",
            BinaryKind::Xor => "^",
            BinaryKind::MatMul => "@",
        }
    }
}

/// `CompareOp`'s argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum CompareKind {
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

/// Every comparison, indexed by its number.
pub const ALL_COMPARE: [CompareKind; 6] = [
    CompareKind::Lt,
    CompareKind::Le,
    CompareKind::Eq,
    CompareKind::Ne,
    CompareKind::Gt,
    CompareKind::Ge,
];

impl CompareKind {
    /// The operator's symbol.
    pub fn symbol(self) -> &'static str {
        match self {
            CompareKind::Lt => "<",
            CompareKind::Le => "<=",
            CompareKind::Eq => "==",
            CompareKind::Ne => "!=",
            CompareKind::Gt => ">",
            CompareKind::Ge => ">=",
        }
    }

    /// The comparison with its operands swapped (`a < b` is `b > a`).
    pub fn swapped(self) -> CompareKind {
        match self {
            CompareKind::Lt => CompareKind::Gt,
            CompareKind::Le => CompareKind::Ge,
            CompareKind::Gt => CompareKind::Lt,
            CompareKind::Ge => CompareKind::Le,
            other => other,
        }
    }
}

/// A constant of a code object.
#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    /// `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// A small int.
    Int(i64),
    /// A big int.
    BigInt(BigInt),
    /// A float.
    Float(f64),
    /// A complex number with real part 0 (an imaginary literal).
    Imaginary(f64),
    /// A string.
    Str(String),
    /// `...`.
    Ellipsis,
    /// A tuple of constants.
    Tuple(Vec<Const>),
    /// A frozenset of constants (built by adding them in order).
    FrozenSet(Vec<Const>),
    /// A bytes literal.
    Bytes(Vec<u8>),
    /// A nested code object (a function, class body or comprehension).
    Code(Box<CodeUnit>),
}

/// What a code object is the body of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeKind {
    /// The module's top level: names live in the globals.
    Module,
    /// A class body: names live in the class namespace.
    Class,
    /// A function (lambdas and comprehensions included).
    Function,
}

/// One exception table entry: an exception raised by an instruction in `start..end` is
/// handled at `handler`, with the value stack cut back to `depth` items (plus the
/// exception pushed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExceptionEntry {
    /// First covered instruction.
    pub start: u32,
    /// One past the last covered instruction.
    pub end: u32,
    /// The handler's first instruction.
    pub handler: u32,
    /// Stack depth to keep.
    pub depth: u32,
}

/// A compiled code object, before it is loaded onto the heap.
#[derive(Clone, Debug, PartialEq)]
pub struct CodeUnit {
    /// The function's (or class's) name; `<module>` for the top level.
    pub name: String,
    /// The dotted name (`C.f.<locals>.g`).
    pub qualname: String,
    /// What it is the body of.
    pub kind: CodeKind,
    /// Positional parameters.
    pub argcount: u32,
    /// How many of the positional parameters are positional-only.
    pub posonlyargcount: u32,
    /// Keyword-only parameters (after the positional ones in `varnames`).
    pub kwonlyargcount: u32,
    /// Whether there is a `*args` parameter (after the keyword-only ones).
    pub has_varargs: bool,
    /// Whether there is a `**kwargs` parameter (last).
    pub has_varkw: bool,
    /// Local variable names, parameters first.
    pub varnames: Vec<String>,
    /// Names of the cell variables (locals captured by inner functions).
    pub cellvars: Vec<String>,
    /// For each cell variable that is a parameter: (cell index, parameter index).
    pub cell_params: Vec<(u32, u32)>,
    /// Names of the free variables (captured from enclosing functions).
    pub freevars: Vec<String>,
    /// Names of globals, attributes and class-body names.
    pub names: Vec<String>,
    /// The constants.
    pub consts: Vec<Const>,
    /// The instructions.
    pub code: Vec<u32>,
    /// Source position of each instruction: (line, column), 1-based line, 0-based column.
    pub positions: Vec<(u32, u32)>,
    /// The exception table.
    pub exception_table: Vec<ExceptionEntry>,
    /// The deepest value stack the code needs.
    pub max_stack: u32,
    /// The line of the definition.
    pub first_line: u32,
    /// Whether calling it makes a generator (it contains `yield`).
    pub is_generator: bool,
    /// A function's docstring (the string its body starts with).
    pub doc: Option<String>,
}

/// How an instruction changes the stack depth: `(effect when it falls through, effect when
/// it jumps)`. Jumping instructions list both; the stack-depth analysis of the compiler
/// follows both edges.
pub fn stack_effect(op: Op, arg: u32) -> (i32, i32) {
    let arg = arg as i32;
    let same = |effect: i32| (effect, effect);
    match op {
        Op::LoadConst
        | Op::LoadFast
        | Op::LoadDeref
        | Op::LoadClosure
        | Op::LoadGlobal
        | Op::LoadName
        | Op::LoadAssertionError => same(1),
        Op::StoreFast
        | Op::StoreDeref
        | Op::StoreGlobal
        | Op::StoreName
        | Op::Pop
        | Op::PrintExpr
        | Op::DeleteAttr
        | Op::PopExcept => same(-1),
        Op::DeleteFast
        | Op::DeleteDeref
        | Op::DeleteGlobal
        | Op::DeleteName
        | Op::Jump
        | Op::JumpBackward
        | Op::Swap
        | Op::Rot3
        | Op::UnaryNegative
        | Op::UnaryPositive
        | Op::UnaryNot
        | Op::UnaryInvert
        | Op::GetIter
        | Op::LoadAttr
        | Op::ListToTuple => same(0),
        Op::StoreAttr | Op::DeleteSubscr => same(-2),
        Op::StoreSubscr => same(-3),
        Op::BinarySubscr | Op::BinaryOp | Op::CompareOp | Op::IsOp | Op::ContainsOp => same(-1),
        Op::Copy | Op::GetLen | Op::MatchMapping | Op::MatchSequence | Op::MatchKeys => same(1),
        Op::MatchClass => same(-2),
        Op::Dup2 => same(2),
        Op::PopJumpIfFalse | Op::PopJumpIfTrue => same(-1),
        Op::JumpIfFalseOrPop | Op::JumpIfTrueOrPop => (-1, 0),
        Op::ForIter => (1, -1),
        Op::BuildTuple | Op::BuildList | Op::BuildSet | Op::BuildString => same(1 - arg),
        Op::BuildDict => same(1 - 2 * arg),
        Op::BuildSlice => same(1 - arg),
        Op::FormatValue => same(if arg & 4 != 0 { -1 } else { 0 }),
        Op::ListAppend
        | Op::ListExtend
        | Op::DictUpdate
        | Op::DictMerge
        | Op::SetAdd
        | Op::SetUpdate => same(-1),
        Op::MapAdd => same(-2),
        Op::UnpackSequence => same(arg - 1),
        Op::UnpackEx => same((arg & 0xff) + (arg >> 8)),
        Op::MakeFunction => {
            let extra = (arg & 1) + (arg >> 1 & 1) + (arg >> 2 & 1);
            same(-1 - extra)
        }
        Op::Call => same(-arg),
        Op::CallKw => same(-arg - 1),
        Op::CallEx => same(-2),
        Op::BuildClass => same(-2 - arg),
        Op::ReturnValue => same(-1),
        Op::Raise => same(-arg),
        Op::Reraise => same(-1),
        Op::PushExcInfo => same(1),
        Op::PopExceptReraise => same(-2),
        Op::CheckExcMatch => same(0),
        Op::ImportName | Op::ImportStar => same(-1),
        Op::ImportFrom | Op::BeforeWith | Op::WithExceptStart => same(1),
        Op::YieldValue | Op::ResumeYield => same(0),
        Op::Send => (0, -1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `ALL_OPS` lists every opcode at its number, so `opcode` decodes what `encode` made.
    #[test]
    fn opcodes_round_trip() {
        for (number, &op) in ALL_OPS.iter().enumerate() {
            assert_eq!(op as usize, number);
            assert_eq!(opcode(encode(op, 12345)), op);
            assert_eq!(argument(encode(op, 12345)), 12345);
        }
        for (number, &kind) in ALL_BINARY.iter().enumerate() {
            assert_eq!(kind as usize, number);
        }
        for (number, &kind) in ALL_COMPARE.iter().enumerate() {
            assert_eq!(kind as usize, number);
        }
    }
}
