//! The toy bytecode: a compiled [`Program`] made of [`FunctionProto`]s.
//!
//! An instruction is one `u32`: the [`Op`] in the low 8 bits and a 24-bit argument above it
//! (see [`encode`] / [`decode`]). The frontend is the only producer of bytecode, so every
//! instruction in a [`Program`] decodes, every jump target is inside its function's code,
//! and every constant / name / function / class index is in range.

use std::fmt::Write as _;

/// Largest value (exclusive) an instruction argument can hold: arguments are 24 bits wide.
pub const ARG_LIMIT: u32 = 1 << 24;

/// Largest (exclusive) name index a [`Op::CallMethod`] instruction can hold.
pub const METHOD_NAME_LIMIT: u32 = 1 << 16;

/// Largest (exclusive) argument count of a call (`Call`, `CallMethod`).
pub const MAX_ARGS: u32 = 1 << 8;

/// A bytecode operation. The comment on each variant gives its argument and its effect on
/// the value stack (top of stack on the right).
#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Op {
    /// `LoadConst k`: push `consts[k]`.
    LoadConst,
    /// Push `nil`.
    LoadNil,
    /// Push `true`.
    LoadTrue,
    /// Push `false`.
    LoadFalse,
    /// `LoadLocal n`: push local slot `n`.
    LoadLocal,
    /// `StoreLocal n`: pop a value into local slot `n`.
    StoreLocal,
    /// `LoadGlobal name`: push the global `names[name]` (runtime error if undefined).
    LoadGlobal,
    /// `StoreGlobal name`: pop a value into the existing global `names[name]` (runtime
    /// error if undefined).
    StoreGlobal,
    /// `DefineGlobal name`: pop a value and define (or redefine) the global `names[name]`.
    DefineGlobal,
    /// Pop and discard the top value.
    Pop,
    /// `[a, b]` -> `[a + b]`.
    Add,
    /// `[a, b]` -> `[a - b]`.
    Sub,
    /// `[a, b]` -> `[a * b]`.
    Mul,
    /// `[a, b]` -> `[a / b]`.
    Div,
    /// `[a, b]` -> `[a % b]`.
    Mod,
    /// `[a, b]` -> `[a & b]`.
    BitAnd,
    /// `[a, b]` -> `[a | b]`.
    BitOr,
    /// `[a, b]` -> `[a ^ b]`.
    BitXor,
    /// `[a, b]` -> `[a << b]`.
    Shl,
    /// `[a, b]` -> `[a >> b]`.
    Shr,
    /// `[a, b]` -> `[a in b]`.
    In,
    /// `[a, b]` -> `[a < b]`.
    Lt,
    /// `[a, b]` -> `[a <= b]`.
    Le,
    /// `[a, b]` -> `[a > b]`.
    Gt,
    /// `[a, b]` -> `[a >= b]`.
    Ge,
    /// `[a, b]` -> `[a == b]`.
    Eq,
    /// `[a, b]` -> `[a != b]`.
    Ne,
    /// `[a]` -> `[-a]`.
    Neg,
    /// `[a]` -> `[~a]`.
    Invert,
    /// `[a]` -> `[not a]` (a bool).
    Not,
    /// `Jump t`: continue at pc `t` (always forward).
    Jump,
    /// `JumpIfFalse t`: pop a value; if it is falsy continue at pc `t`.
    JumpIfFalse,
    /// `JumpIfFalseOrPop t` (for `and`): if the top value is falsy jump to `t` keeping it,
    /// else pop it.
    JumpIfFalseOrPop,
    /// `JumpIfTrueOrPop t` (for `or`): if the top value is truthy jump to `t` keeping it,
    /// else pop it.
    JumpIfTrueOrPop,
    /// `Loop t`: continue at pc `t`; the only backward jump (to a `while` condition).
    Loop,
    /// `Call argc`: `[callee, a1..an]` -> `[result]`.
    Call,
    /// `CallMethod packed` with `packed = name | (argc << 16)` (see [`pack_method`]):
    /// `[receiver, a1..an]` -> `[result]`.
    CallMethod,
    /// `GetField name`: `[obj]` -> `[obj.name]`.
    GetField,
    /// `SetField name`: `[obj, value]` -> `[]`.
    SetField,
    /// `[array, index]` -> `[array[index]]`.
    GetIndex,
    /// `[array, index, value]` -> `[]`.
    SetIndex,
    /// `MakeArray n`: pop `n` values, push a new array holding them in order.
    MakeArray,
    /// `MakeDict n`: pop `n` key/value pairs (`[k1, v1, .., kn, vn]`), push a new dict.
    MakeDict,
    /// `[class, superclass]` -> `[class]`: the class inherits from the superclass (run once,
    /// by the `class` statement, before the class is bound to its name).
    Inherit,
    /// `CallSuper packed` (packed as for [`Op::CallMethod`]): `[class, self, a1..an]` ->
    /// `[result]`, calling the method `name` of `class`'s superclass.
    CallSuper,
    /// Pop the result and return it from the current function.
    Return,
    /// Pop a value and throw it.
    Throw,
    /// `SetupTry handler_pc`: push a handler record (handler pc and current stack depth) in
    /// the frame. When a value is thrown, the stack is cut back to that depth, the error
    /// value is pushed and execution continues at `handler_pc`.
    SetupTry,
    /// Pop the innermost handler record (normal exit from a `try` body).
    PopTry,
}

/// Every [`Op`], indexed by its discriminant.
const ALL_OPS: [Op; 49] = [
    Op::LoadConst,
    Op::LoadNil,
    Op::LoadTrue,
    Op::LoadFalse,
    Op::LoadLocal,
    Op::StoreLocal,
    Op::LoadGlobal,
    Op::StoreGlobal,
    Op::DefineGlobal,
    Op::Pop,
    Op::Add,
    Op::Sub,
    Op::Mul,
    Op::Div,
    Op::Mod,
    Op::BitAnd,
    Op::BitOr,
    Op::BitXor,
    Op::Shl,
    Op::Shr,
    Op::In,
    Op::Lt,
    Op::Le,
    Op::Gt,
    Op::Ge,
    Op::Eq,
    Op::Ne,
    Op::Neg,
    Op::Invert,
    Op::Not,
    Op::Jump,
    Op::JumpIfFalse,
    Op::JumpIfFalseOrPop,
    Op::JumpIfTrueOrPop,
    Op::Loop,
    Op::Call,
    Op::CallMethod,
    Op::GetField,
    Op::SetField,
    Op::GetIndex,
    Op::SetIndex,
    Op::MakeArray,
    Op::MakeDict,
    Op::Inherit,
    Op::CallSuper,
    Op::Return,
    Op::Throw,
    Op::SetupTry,
    Op::PopTry,
];

jitgen_core::jit_enum!(Op as u8);

impl Op {
    /// The op whose discriminant is `byte`, if any.
    pub fn from_u8(byte: u8) -> Option<Op> {
        ALL_OPS.get(usize::from(byte)).copied()
    }
}

/// The op of an instruction of a loaded program. Code objects only hold compiler output,
/// made by [`encode`] from an `Op`, so the opcode is always valid (an invalid one panics:
/// an interpreter bug, not a user error).
#[jitgen_core::elidable]
#[jitgen_core::dont_look_inside]
pub fn opcode(instr: u32) -> Op {
    // Truncation intended: the opcode is the low byte.
    ALL_OPS[usize::from(instr as u8)]
}

/// Encode an instruction. `arg` must be below [`ARG_LIMIT`] (the compiler guarantees it);
/// higher bits would be cut off.
pub fn encode(op: Op, arg: u32) -> u32 {
    debug_assert!(arg < ARG_LIMIT, "instruction argument out of range");
    op as u32 | (arg << 8)
}

/// Decode an instruction into its op and argument; `None` for an unknown opcode (which
/// compiler output never contains).
pub fn decode(instr: u32) -> Option<(Op, u32)> {
    // Truncation intended: the opcode is the low byte.
    let op = Op::from_u8(instr as u8)?;
    Some((op, instr >> 8))
}

/// Pack the argument of [`Op::CallMethod`] and [`Op::CallSuper`]: `name < 65536`, `argc < 256`.
pub fn pack_method(name: u32, argc: u32) -> u32 {
    debug_assert!(name < METHOD_NAME_LIMIT && argc < MAX_ARGS);
    name | (argc << 16)
}

/// Unpack the argument of [`Op::CallMethod`] into `(name, argc)`.
pub fn unpack_method(packed: u32) -> (u32, u32) {
    let packed = packed as usize;
    (method_name(packed) as u32, method_argc(packed) as u32)
}

/// The name index in the argument of [`Op::CallMethod`].
#[jitgen_core::look_inside]
pub fn method_name(packed: usize) -> usize {
    packed & (METHOD_NAME_LIMIT as usize - 1)
}

/// The argument count in the argument of [`Op::CallMethod`].
#[jitgen_core::look_inside]
pub fn method_argc(packed: usize) -> usize {
    packed >> 16
}

/// A constant in a function's constant pool.
#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// A string.
    Str(String),
    /// A function: an index into [`Program::functions`].
    Function(usize),
    /// A class: an index into [`Program::classes`].
    Class(usize),
}

/// A compiled function, method or the top-level code.
#[derive(Clone, Debug, PartialEq)]
pub struct FunctionProto {
    /// The function's name; for a method the bare method name (the lookup key); `<main>` for
    /// the top-level code.
    pub name: String,
    /// Number of declared parameters (for methods, not counting `self`).
    pub arity: u32,
    /// Whether this is a method: then `self` is local slot 0 and the parameters follow.
    pub is_method: bool,
    /// Number of local slots, including `self` and the parameters.
    pub num_locals: u32,
    /// The maximum depth of the value stack while running this function.
    pub max_stack: u32,
    /// The instructions (see [`encode`]).
    pub code: Vec<u32>,
    /// For each instruction, the 1-based `(line, column)` of the source construct a runtime
    /// error there should point at.
    pub positions: Vec<(u32, u32)>,
    /// The constant pool, indexed by [`Op::LoadConst`].
    pub consts: Vec<Const>,
}

/// A compiled class.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassProto {
    /// The class name.
    pub name: String,
    /// The methods, as indices into [`Program::functions`]; names are distinct.
    pub methods: Vec<usize>,
}

/// A compiled program.
#[derive(Clone, Debug, PartialEq)]
pub struct Program {
    /// The name table: global, field and method names used by the instructions.
    pub names: Vec<String>,
    /// All functions and methods, plus the top-level code.
    pub functions: Vec<FunctionProto>,
    /// All classes.
    pub classes: Vec<ClassProto>,
    /// Index in [`Program::functions`] of the top-level code (named `<main>`, arity 0).
    pub main: usize,
}

/// Render a constant for the disassembler.
fn describe_const(c: &Const, program: &Program) -> String {
    match c {
        Const::Int(i) => i.to_string(),
        Const::Float(f) => format!("{f:?}"),
        Const::Str(s) => format!("{s:?}"),
        Const::Function(i) => match program.functions.get(*i) {
            Some(f) => format!("<fn {}>", f.name),
            None => format!("<fn #{i}?>"),
        },
        Const::Class(i) => match program.classes.get(*i) {
            Some(c) => format!("<class {}>", c.name),
            None => format!("<class #{i}?>"),
        },
    }
}

/// Disassemble one function of `program`: a header line, then one line per instruction,
/// `PC  OP ARG` followed by what the argument refers to (`; ...`).
pub fn disassemble(proto: &FunctionProto, program: &Program) -> String {
    let name = |i: u32| -> &str {
        program
            .names
            .get(i as usize)
            .map(String::as_str)
            .unwrap_or("?")
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}{} arity={} locals={} stack={}",
        if proto.is_method { "method " } else { "fn " },
        proto.name,
        proto.arity,
        proto.num_locals,
        proto.max_stack
    );
    for (pc, &instr) in proto.code.iter().enumerate() {
        let Some((op, arg)) = decode(instr) else {
            let _ = writeln!(out, "{pc:4}  <invalid {instr:#010x}>");
            continue;
        };
        let text = match op {
            Op::LoadConst => match proto.consts.get(arg as usize) {
                Some(c) => format!("LoadConst {arg} ; {}", describe_const(c, program)),
                None => format!("LoadConst {arg} ; ?"),
            },
            Op::LoadGlobal | Op::StoreGlobal | Op::DefineGlobal | Op::GetField | Op::SetField => {
                format!("{op:?} {arg} ; {}", name(arg))
            }
            Op::CallMethod | Op::CallSuper => {
                let (n, argc) = unpack_method(arg);
                format!("{op:?} {n} {argc} ; {}", name(n))
            }
            Op::LoadLocal
            | Op::StoreLocal
            | Op::Jump
            | Op::JumpIfFalse
            | Op::JumpIfFalseOrPop
            | Op::JumpIfTrueOrPop
            | Op::Loop
            | Op::Call
            | Op::MakeArray
            | Op::MakeDict
            | Op::SetupTry => format!("{op:?} {arg}"),
            Op::LoadNil
            | Op::LoadTrue
            | Op::LoadFalse
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
            | Op::Lt
            | Op::Le
            | Op::Gt
            | Op::Ge
            | Op::Eq
            | Op::Ne
            | Op::Neg
            | Op::Invert
            | Op::Not
            | Op::Inherit
            | Op::GetIndex
            | Op::SetIndex
            | Op::Return
            | Op::Throw
            | Op::PopTry => format!("{op:?}"),
        };
        let _ = writeln!(out, "{pc:4}  {text}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn op_discriminants_match_table() {
        for (i, op) in ALL_OPS.iter().enumerate() {
            assert_eq!(*op as usize, i);
            assert_eq!(Op::from_u8(i as u8), Some(*op));
        }
        assert_eq!(Op::from_u8(ALL_OPS.len() as u8), None);
        assert_eq!(Op::from_u8(255), None);
    }

    #[test]
    fn encode_decode_roundtrip() {
        for op in ALL_OPS {
            for arg in [0, 1, 255, 256, 65535, ARG_LIMIT - 1] {
                assert_eq!(decode(encode(op, arg)), Some((op, arg)));
            }
        }
        assert_eq!(decode(0xffff_ffff), None);
        assert_eq!(unpack_method(pack_method(65535, 255)), (65535, 255));
        assert_eq!(unpack_method(pack_method(7, 3)), (7, 3));
    }

    #[test]
    fn disassemble_handles_garbage() {
        let program = Program {
            names: vec!["x".into()],
            functions: vec![FunctionProto {
                name: "<main>".into(),
                arity: 0,
                is_method: false,
                num_locals: 0,
                max_stack: 1,
                code: vec![
                    encode(Op::LoadConst, 0),
                    encode(Op::LoadConst, 9),
                    encode(Op::DefineGlobal, 0),
                    encode(Op::LoadGlobal, 5),
                    encode(Op::CallMethod, pack_method(0, 2)),
                    0xff,
                ],
                positions: vec![(1, 1); 6],
                consts: vec![Const::Function(3)],
            }],
            classes: vec![],
            main: 0,
        };
        let text = disassemble(&program.functions[0], &program);
        assert_eq!(
            text,
            "fn <main> arity=0 locals=0 stack=1
   0  LoadConst 0 ; <fn #3?>
   1  LoadConst 9 ; ?
   2  DefineGlobal 0 ; x
   3  LoadGlobal 5 ; ?
   4  CallMethod 0 2 ; x
   5  <invalid 0x000000ff>
"
        );
    }
}
