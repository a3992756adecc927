//! The jitcode instruction set.

use crate::gc::TypeInfo;
use crate::jitcode::descr::{ArrayDescr, FieldRef};
use crate::jitcode::registry::JitCodeId;
use crate::jitcode::AnyReg;
use crate::layout::ValueKind;

/// A jump target. While building it names a label; in a finished [`JitCode`] it is the
/// index of the target instruction.
///
/// [`JitCode`]: crate::jitcode::JitCode
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Label(pub(crate) u32);

impl Label {
    /// The target instruction index (in a finished jitcode).
    pub fn pc(self) -> usize {
        self.0 as usize
    }
}

/// Width and signedness of an integer type held in an `i` register.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct IntWidth {
    /// Size in bytes (1, 2, 4 or 8).
    pub bytes: u8,
    /// Whether the type is signed.
    pub signed: bool,
}

impl IntWidth {
    /// Every integer type: `i8`, `i16`, `i32`, `i64`, then `u8` .. `u64`.
    pub const ALL: [IntWidth; 8] = {
        let mut all = [IntWidth {
            bytes: 1,
            signed: true,
        }; 8];
        let mut i = 0;
        while i < 8 {
            all[i] = IntWidth {
                bytes: 1 << (i % 4),
                signed: i < 4,
            };
            i += 1;
        }
        all
    };

    /// `i64`.
    pub const I64: IntWidth = IntWidth {
        bytes: 8,
        signed: true,
    };
    /// `u64` / `usize`.
    pub const U64: IntWidth = IntWidth {
        bytes: 8,
        signed: false,
    };

    /// Truncates `word` to this width and extends it back to 64 bits (what `as` does).
    pub fn wrap(self, word: i64) -> i64 {
        if self.bytes >= 8 {
            return word;
        }
        let shift = 64 - 8 * self.bytes as u32;
        if self.signed {
            (word << shift) >> shift
        } else {
            ((word as u64) << shift >> shift) as i64
        }
    }

    /// Whether `value` (exact) is representable in this width.
    pub fn holds(self, value: i128) -> bool {
        let bits = 8 * self.bytes as u32;
        let (min, max) = if self.signed {
            (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
        } else {
            (0, (1i128 << bits) - 1)
        };
        (min..=max).contains(&value)
    }

    /// The exact value of a register word of this width.
    pub fn exact(self, word: i64) -> i128 {
        if self.signed {
            word as i128
        } else {
            word as u64 as i128
        }
    }

    /// The Rust name of the type (`i32`, `u8`, ...).
    pub fn name(self) -> &'static str {
        match (self.bytes, self.signed) {
            (1, true) => "i8",
            (2, true) => "i16",
            (4, true) => "i32",
            (1, false) => "u8",
            (2, false) => "u16",
            (4, false) => "u32",
            (_, true) => "i64",
            (_, false) => "u64",
        }
    }
}

/// Wrapping 64-bit integer operations (narrower types are re-wrapped with an `int_cast`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IntBinOp {
    /// `wrapping_add`.
    Add,
    /// `wrapping_sub`.
    Sub,
    /// `wrapping_mul`.
    Mul,
    /// `&`.
    And,
    /// `|`.
    Or,
    /// `^`.
    Xor,
}

/// Integer comparisons; the result is a `bool` in an `i` register.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IntCmpOp {
    /// `==`.
    Eq,
    /// `!=`.
    Ne,
    /// `<`.
    Lt,
    /// `<=`.
    Le,
    /// `>`.
    Gt,
    /// `>=`.
    Ge,
}

/// Shifts. With the workspace's `overflow-checks = false`, native shifts mask the amount by
/// the type's bit width (never panic), and so do these.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ShiftOp {
    /// `<<`.
    Shl,
    /// `>>` (arithmetic for signed types, logical for unsigned ones).
    Shr,
}

/// Overflow-checked operations (`checked_add`, `checked_sub`, `checked_mul`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OvfOp {
    /// `checked_add`.
    Add,
    /// `checked_sub`.
    Sub,
    /// `checked_mul`.
    Mul,
}

/// Division and remainder: they panic natively on a zero divisor and on `MIN / -1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DivOp {
    /// `/` (truncating).
    Div,
    /// `%`.
    Rem,
}

/// Float arithmetic (IEEE, never panics).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FloatBinOp {
    /// `+`.
    Add,
    /// `-`.
    Sub,
    /// `*`.
    Mul,
    /// `/`.
    Div,
    /// `%` (fmod).
    Rem,
}

/// Float comparisons; the result is a `bool` in an `i` register.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FloatCmpOp {
    /// `==`.
    Eq,
    /// `!=`.
    Ne,
    /// `<`.
    Lt,
    /// `<=`.
    Le,
    /// `>`.
    Gt,
    /// `>=`.
    Ge,
}

/// Unary float operations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FloatUnOp {
    /// `-x`.
    Neg,
    /// `x.abs()`.
    Abs,
    /// `x.sqrt()` (correctly rounded, as IEEE 754 and Rust's `f64::sqrt` are).
    Sqrt,
}

/// What happens when a call returns `Err(e)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorPath {
    /// The callee cannot fail (it does not return `Result`).
    Infallible,
    /// `?` without a handler: the caller returns the same error.
    Propagate,
    /// The error is stored in the register and execution continues at the label.
    Catch(Label, AnyReg),
}

/// One jitcode instruction.
#[derive(Clone, Debug)]
pub enum Insn {
    /// `dst = value`.
    IntConst {
        /// Destination.
        dst: AnyReg,
        /// The value (as its widened word).
        value: i64,
    },
    /// `dst = value`.
    FloatConst {
        /// Destination.
        dst: AnyReg,
        /// The value.
        value: f64,
    },
    /// `dst = constants[index]` (a rooted reference, or `None`).
    RefConst {
        /// Destination.
        dst: AnyReg,
        /// Index into the jitcode's constants.
        index: u32,
    },
    /// `dst = src` (same kind).
    Move {
        /// Destination.
        dst: AnyReg,
        /// Source.
        src: AnyReg,
    },
    /// Wrapping 64-bit arithmetic or bitwise operation.
    IntBin {
        /// The operation.
        op: IntBinOp,
        /// Destination.
        dst: AnyReg,
        /// Left operand.
        a: AnyReg,
        /// Right operand.
        b: AnyReg,
    },
    /// Integer comparison.
    IntCmp {
        /// The comparison.
        op: IntCmpOp,
        /// Whether the operands are compared as signed.
        signed: bool,
        /// Destination (`bool`).
        dst: AnyReg,
        /// Left operand.
        a: AnyReg,
        /// Right operand.
        b: AnyReg,
    },
    /// Shift of a value of the given width (amount masked by the width).
    Shift {
        /// The shift.
        op: ShiftOp,
        /// The shifted value's type.
        width: IntWidth,
        /// Destination.
        dst: AnyReg,
        /// Value.
        a: AnyReg,
        /// Amount.
        b: AnyReg,
    },
    /// `-a` (wrapping) or `!a` (bitwise) of a value of the given width.
    IntUn {
        /// `true` for bitwise not, `false` for negation.
        not: bool,
        /// The value's type.
        width: IntWidth,
        /// Destination.
        dst: AnyReg,
        /// Operand.
        src: AnyReg,
    },
    /// `!b` on a `bool`.
    BoolNot {
        /// Destination.
        dst: AnyReg,
        /// Operand.
        src: AnyReg,
    },
    /// `src as T` between integer types: truncate to `width` and extend back.
    IntCast {
        /// The target type.
        width: IntWidth,
        /// Destination.
        dst: AnyReg,
        /// Source.
        src: AnyReg,
    },
    /// `checked_*`: `dst = a op b`, or a jump to `on_overflow` (leaving `dst` unchanged) when
    /// the exact result does not fit `width`.
    IntOvf {
        /// The operation.
        op: OvfOp,
        /// The operands' type.
        width: IntWidth,
        /// Destination.
        dst: AnyReg,
        /// Left operand.
        a: AnyReg,
        /// Right operand.
        b: AnyReg,
        /// Where execution continues on overflow (`None` arm).
        on_overflow: Label,
    },
    /// Guarded `/` or `%`: panics like native code on a zero divisor or `MIN / -1`.
    IntDiv {
        /// The operation.
        op: DivOp,
        /// The operands' type.
        width: IntWidth,
        /// Destination.
        dst: AnyReg,
        /// Dividend.
        a: AnyReg,
        /// Divisor.
        b: AnyReg,
    },
    /// Float arithmetic.
    FloatBin {
        /// The operation.
        op: FloatBinOp,
        /// Destination.
        dst: AnyReg,
        /// Left operand.
        a: AnyReg,
        /// Right operand.
        b: AnyReg,
    },
    /// Float comparison.
    FloatCmp {
        /// The comparison.
        op: FloatCmpOp,
        /// Destination (`bool`).
        dst: AnyReg,
        /// Left operand.
        a: AnyReg,
        /// Right operand.
        b: AnyReg,
    },
    /// Unary float operation.
    FloatUn {
        /// The operation.
        op: FloatUnOp,
        /// Destination.
        dst: AnyReg,
        /// Operand.
        src: AnyReg,
    },
    /// `src as f64` from an integer of the given type.
    IntToFloat {
        /// The source type.
        width: IntWidth,
        /// Destination.
        dst: AnyReg,
        /// Source.
        src: AnyReg,
    },
    /// `src as T` from `f64` (saturating, NaN to 0, like Rust's `as`).
    FloatToInt {
        /// The target type.
        width: IntWidth,
        /// Destination.
        dst: AnyReg,
        /// Source.
        src: AnyReg,
    },
    /// Reference identity (`Gc::ptr_eq`); `negate` for `!=`.
    PtrEq {
        /// Whether the result is negated.
        negate: bool,
        /// Destination (`bool`).
        dst: AnyReg,
        /// Left operand.
        a: AnyReg,
        /// Right operand.
        b: AnyReg,
    },
    /// `dst = src.is_none()`.
    IsNull {
        /// Destination (`bool`).
        dst: AnyReg,
        /// The reference.
        src: AnyReg,
    },
    /// `dst = src is an object whose header is info` (false for `None`): `GcRef::is`.
    ClassIs {
        /// Destination (`bool`).
        dst: AnyReg,
        /// The reference.
        src: AnyReg,
        /// The expected type.
        info: &'static TypeInfo,
    },
    /// Reads a field.
    GetField {
        /// Destination (kind from the field).
        dst: AnyReg,
        /// The object.
        obj: AnyReg,
        /// The field.
        field: FieldRef,
    },
    /// Writes a mutable field.
    SetField {
        /// The object.
        obj: AnyReg,
        /// The field.
        field: FieldRef,
        /// The value.
        value: AnyReg,
    },
    /// `dst = array.len()`.
    ArrayLen {
        /// Destination (`usize`).
        dst: AnyReg,
        /// The array.
        array: AnyReg,
    },
    /// `dst = array.get(index)`; panics like native code when out of bounds.
    GetArrayItem {
        /// Destination.
        dst: AnyReg,
        /// The array.
        array: AnyReg,
        /// The index (`usize`).
        index: AnyReg,
        /// The array's descriptor.
        descr: ArrayDescr,
    },
    /// `array.set(index, value)`; panics like native code when out of bounds.
    SetArrayItem {
        /// The array.
        array: AnyReg,
        /// The index (`usize`).
        index: AnyReg,
        /// The value.
        value: AnyReg,
        /// The array's descriptor.
        descr: ArrayDescr,
    },
    /// Unconditional jump.
    Goto(Label),
    /// Jump when the `bool` register is false.
    GotoIfNot {
        /// The condition.
        cond: AnyReg,
        /// Where to go when it is false.
        target: Label,
    },
    /// Jump through a table of integer cases.
    Switch {
        /// The value switched on.
        value: AnyReg,
        /// `(case value, target)` pairs.
        cases: Vec<(i64, Label)>,
        /// Target when no case matches.
        default: Label,
    },
    /// Calls another jitcode (inlinable); arguments are passed by kind, in order.
    CallJitCode {
        /// The callee.
        callee: JitCodeId,
        /// The arguments.
        args: Vec<AnyReg>,
        /// Where the result goes (`None` for `()`).
        result: Option<AnyReg>,
        /// What an `Err` does.
        error: ErrorPath,
        /// The callee's residual form (index into `call_descrs`), for when it is not inlined.
        residual: u32,
    },
    /// Calls a Rust function through its `extern "C"` shim.
    CallResidual {
        /// Index into `call_descrs`.
        descr: u32,
        /// The arguments.
        args: Vec<AnyReg>,
        /// Where the result goes (`None` for `()`).
        result: Option<AnyReg>,
        /// What an `Err` does.
        error: ErrorPath,
    },
    /// Returns a value (or nothing, for `()`); wrapped in `Ok` for fallible functions.
    Return(Option<AnyReg>),
    /// Returns `Err(error)`.
    ReturnErr(AnyReg),
    /// Panics with a fixed message (`unwrap` on `None`, `unreachable!()`, ...).
    Panic(&'static str),
    /// The top of the portal's dispatch loop.
    JitMergePoint {
        /// Green variables.
        greens: Vec<AnyReg>,
        /// Red variables.
        reds: Vec<AnyReg>,
        /// The driver's virtualizable (one of the reds), if it declares one.
        vable: Option<crate::jitcode::VableSpec>,
    },
    /// A backward jump of the user's program.
    CanEnterJit {
        /// Green variables.
        greens: Vec<AnyReg>,
        /// Red variables.
        reds: Vec<AnyReg>,
    },
    /// `promote(x)`: a no-op outside tracing, where it becomes `guard_value`.
    Promote(AnyReg),
    /// `dst = we_are_jitted()`: always true in jitcode.
    WeAreJitted(AnyReg),
}

impl Insn {
    /// The register this instruction writes, if any.
    pub fn def(&self) -> Option<AnyReg> {
        use Insn::*;
        match self {
            IntConst { dst, .. }
            | FloatConst { dst, .. }
            | RefConst { dst, .. }
            | Move { dst, .. }
            | IntBin { dst, .. }
            | IntCmp { dst, .. }
            | Shift { dst, .. }
            | IntUn { dst, .. }
            | BoolNot { dst, .. }
            | IntCast { dst, .. }
            | IntOvf { dst, .. }
            | IntDiv { dst, .. }
            | FloatBin { dst, .. }
            | FloatCmp { dst, .. }
            | FloatUn { dst, .. }
            | IntToFloat { dst, .. }
            | FloatToInt { dst, .. }
            | PtrEq { dst, .. }
            | IsNull { dst, .. }
            | ClassIs { dst, .. }
            | GetField { dst, .. }
            | ArrayLen { dst, .. }
            | GetArrayItem { dst, .. }
            | WeAreJitted(dst) => Some(*dst),
            CallJitCode { result, .. } | CallResidual { result, .. } => *result,
            _ => None,
        }
    }

    /// The registers this instruction reads (without allocating: the tracer asks at every
    /// instruction it records).
    pub fn uses(&self) -> Uses<'_> {
        use Insn::*;
        let few = |regs: &[AnyReg]| {
            let mut inline = [AnyReg::int(0); 3];
            inline[..regs.len()].copy_from_slice(regs);
            Uses::Few(regs.len() as u8, inline)
        };
        match self {
            IntConst { .. }
            | FloatConst { .. }
            | RefConst { .. }
            | Goto(_)
            | Panic(_)
            | WeAreJitted(_) => few(&[]),
            Move { src, .. }
            | IntUn { src, .. }
            | BoolNot { src, .. }
            | IntCast { src, .. }
            | FloatUn { src, .. }
            | IntToFloat { src, .. }
            | FloatToInt { src, .. }
            | IsNull { src, .. }
            | ClassIs { src, .. } => few(&[*src]),
            IntBin { a, b, .. }
            | IntCmp { a, b, .. }
            | Shift { a, b, .. }
            | IntOvf { a, b, .. }
            | IntDiv { a, b, .. }
            | FloatBin { a, b, .. }
            | FloatCmp { a, b, .. }
            | PtrEq { a, b, .. } => few(&[*a, *b]),
            GetField { obj, .. } => few(&[*obj]),
            SetField { obj, value, .. } => few(&[*obj, *value]),
            ArrayLen { array, .. } => few(&[*array]),
            GetArrayItem { array, index, .. } => few(&[*array, *index]),
            SetArrayItem {
                array,
                index,
                value,
                ..
            } => few(&[*array, *index, *value]),
            GotoIfNot { cond, .. } => few(&[*cond]),
            Switch { value, .. } => few(&[*value]),
            CallJitCode { args, .. } | CallResidual { args, .. } => Uses::Slices(args, &[]),
            Return(value) => few(value.as_slice()),
            ReturnErr(reg) | Promote(reg) => few(&[*reg]),
            JitMergePoint { greens, reds, .. } | CanEnterJit { greens, reds } => {
                Uses::Slices(greens, reds)
            }
        }
    }

    /// Whether execution can continue with the next instruction.
    pub fn falls_through(&self) -> bool {
        !matches!(
            self,
            Insn::Goto(_)
                | Insn::Switch { .. }
                | Insn::Return(_)
                | Insn::ReturnErr(_)
                | Insn::Panic(_)
        )
    }

    /// The jump targets of this instruction (besides falling through), including the error
    /// handlers of calls and the overflow path of checked operations.
    pub fn targets(&self) -> Vec<Label> {
        match self {
            Insn::Goto(target) | Insn::GotoIfNot { target, .. } => vec![*target],
            Insn::IntOvf { on_overflow, .. } => vec![*on_overflow],
            Insn::Switch { cases, default, .. } => {
                cases.iter().map(|&(_, l)| l).chain([*default]).collect()
            }
            Insn::CallJitCode {
                error: ErrorPath::Catch(label, _),
                ..
            }
            | Insn::CallResidual {
                error: ErrorPath::Catch(label, _),
                ..
            } => vec![*label],
            _ => vec![],
        }
    }

    /// Mutable access to the jump targets (to resolve labels when building).
    pub(crate) fn targets_mut(&mut self) -> Vec<&mut Label> {
        match self {
            Insn::Goto(target) | Insn::GotoIfNot { target, .. } => vec![target],
            Insn::IntOvf { on_overflow, .. } => vec![on_overflow],
            Insn::Switch { cases, default, .. } => {
                let mut out: Vec<&mut Label> = cases.iter_mut().map(|(_, l)| l).collect();
                out.push(default);
                out
            }
            Insn::CallJitCode {
                error: ErrorPath::Catch(label, _),
                ..
            }
            | Insn::CallResidual {
                error: ErrorPath::Catch(label, _),
                ..
            } => vec![label],
            _ => vec![],
        }
    }

    /// Whether the tracer can place a guard here (a branch, a call, a guarded operation), so
    /// that resuming at this instruction must be possible.
    pub fn is_guard_point(&self) -> bool {
        use Insn::*;
        matches!(
            self,
            GotoIfNot { .. }
                | Switch { .. }
                | IntOvf { .. }
                | IntDiv { .. }
                | GetArrayItem { .. }
                | SetArrayItem { .. }
                | ClassIs { .. }
                | IsNull { .. }
                | PtrEq { .. }
                | CallJitCode { .. }
                | CallResidual { .. }
                | Promote(_)
                | JitMergePoint { .. }
        )
    }
}

/// The register kind a field or array item of this kind is held in (`None` for opaque data).
pub(crate) fn kind_of_value(kind: ValueKind) -> Option<crate::jitcode::Kind> {
    use crate::jitcode::Kind;
    match kind {
        ValueKind::Int { .. } | ValueKind::Bool => Some(Kind::Int),
        ValueKind::Float => Some(Kind::Float),
        ValueKind::Ref => Some(Kind::Ref),
        ValueKind::Opaque => None,
    }
}

/// The registers an instruction reads ([`Insn::uses`]), in order.
#[derive(Clone, Copy)]
pub enum Uses<'a> {
    /// Up to three registers, held inline (the count, then the registers).
    Few(u8, [AnyReg; 3]),
    /// The registers of one slice, then of another.
    Slices(&'a [AnyReg], &'a [AnyReg]),
}

impl Uses<'_> {
    /// The registers, in order.
    pub fn iter(&self) -> impl Iterator<Item = AnyReg> + '_ {
        let (few, first, second): (&[AnyReg], &[AnyReg], &[AnyReg]) = match self {
            Uses::Few(n, regs) => (&regs[..*n as usize], &[], &[]),
            Uses::Slices(first, second) => (&[], first, second),
        };
        few.iter().chain(first).chain(second).copied()
    }
}
