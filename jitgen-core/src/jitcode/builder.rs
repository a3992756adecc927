//! The typed jitcode builder: the API the staging macro emits calls to.
//!
//! Registers are typed by the Rust type they hold ([`Reg<T>`]), so rustc checks every
//! instruction the macro emits; operators are chosen by traits on `T` (`b.add(x, y)` is a
//! wrapping integer add for integers and a float add for `f64`); fields are resolved through
//! [`HasField`], calls through the [`Registry`]. Mistakes the types cannot catch (labels never
//! bound, code falling off its end, writes to immutable fields, ...) are reported by
//! [`Builder::finish`].

use std::any::TypeId;
use std::fmt;
use std::marker::PhantomData;

use crate::gc::{Gc, GcArray, GcImmutableArray, GcRef, GcType, GcVec, Root};
use crate::hints::{JitDriver, VarDescr};
use crate::jitcode::descr::{AllocDescr, ArrayDescr, CallDescr, Effects, FieldRef, ForcedArg};
pub use crate::jitcode::insn::Label;
use crate::jitcode::insn::{
    kind_of_value, DivOp, ErrorPath, FloatBinOp, FloatCmpOp, FloatUnOp, Insn, IntBinOp, IntCmpOp,
    IntWidth, OvfOp, ShiftOp,
};
use crate::jitcode::registry::Registry;
use crate::jitcode::result::CallReturn;
#[cfg(doc)]
use crate::jitcode::result::ResultReg;
use crate::jitcode::shim::{callee_name, StagedFn};
use crate::jitcode::types::{
    ArrayType, FieldValue, IntType, JitReturn, JitType, JitValue, OptionRef, RefType, Scalar,
    ScalarKind, SwitchValue,
};
use crate::jitcode::vable;
use crate::jitcode::{AnyReg, JitCode, Kind, NumRegs, ReturnDescr};
use crate::layout::{field_id, HasField, Mutability};

/// A jitcode register holding a `T`.
pub struct Reg<T> {
    index: u16,
    _type: PhantomData<fn() -> T>,
}

impl<T> Clone for Reg<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Reg<T> {}

impl<T> fmt::Debug for Reg<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Reg<{}>({})", std::any::type_name::<T>(), self.index)
    }
}

impl<T> Reg<T> {
    pub(crate) fn new(index: u16) -> Reg<T> {
        Reg {
            index,
            _type: PhantomData,
        }
    }

    /// The register's index in its file.
    pub fn index(self) -> u16 {
        self.index
    }
}

impl<T: JitType> Reg<T> {
    /// The untyped register.
    pub fn any(self) -> AnyReg {
        AnyReg {
            kind: T::KIND,
            index: self.index,
        }
    }
}

/// What a fallible call does with an error.
pub enum OnError<E> {
    /// `?` without a handler: the caller returns the same error.
    Propagate,
    /// The error goes into the register and execution continues at the label.
    Catch(Label, Reg<E>),
}

/// A mistake found when finishing a jitcode (a bug in the code that built it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BuildError {
    /// A label was used but never bound.
    UnboundLabel(u32),
    /// A label was bound twice.
    LabelBoundTwice(u32),
    /// The last instruction (or a label at the end) lets execution run past the end.
    FallsOffEnd,
    /// A parameter was declared after an ordinary register of the same kind.
    ParamAfterRegister(Kind),
    /// A register file would exceed 65536 registers.
    TooManyRegisters(Kind),
    /// A write to a field that is not `Mut<T>` (immutable fields never change; quasi-immutable
    /// ones change through a residual call that invalidates compiled code).
    FieldNotMutable(&'static str, &'static str),
    /// An `#[opaque]` field cannot be read or written by the JIT.
    OpaqueField(&'static str, &'static str),
    /// A return or error does not match the declared return type.
    ReturnMismatch(String),
    /// `call` of a function returning `Result`, or `call_fallible` of one that does not.
    CallMismatch(&'static str),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::UnboundLabel(l) => write!(f, "label {l} is used but never bound"),
            BuildError::LabelBoundTwice(l) => write!(f, "label {l} is bound twice"),
            BuildError::FallsOffEnd => write!(f, "execution can run past the last instruction"),
            BuildError::ParamAfterRegister(k) => {
                write!(f, "a {k:?} parameter was declared after a {k:?} register")
            }
            BuildError::TooManyRegisters(k) => write!(f, "too many {k:?} registers"),
            BuildError::FieldNotMutable(s, n) => write!(f, "{s}.{n} is not a Mut<T> field"),
            BuildError::OpaqueField(s, n) => write!(f, "{s}.{n} is opaque to the JIT"),
            BuildError::ReturnMismatch(m) => write!(f, "return does not match the signature: {m}"),
            BuildError::CallMismatch(callee) => write!(
                f,
                "`{callee}`: use `call` for functions returning a value and `call_fallible` for functions returning `Result`"
            ),
        }
    }
}

impl std::error::Error for BuildError {}

/// Arithmetic (`+ - * / %` and unary `-`) on integers (wrapping, guarded division) and `f64`.
pub trait Numeric: JitType {
    /// Emits `x op y`.
    fn emit(b: &mut Builder<'_>, op: FloatBinOp, x: Reg<Self>, y: Reg<Self>) -> Reg<Self>;
    /// Emits `-x`.
    fn emit_neg(b: &mut Builder<'_>, x: Reg<Self>) -> Reg<Self>;
}

impl<T: IntType> Numeric for T {
    fn emit(b: &mut Builder<'_>, op: FloatBinOp, x: Reg<T>, y: Reg<T>) -> Reg<T> {
        let dst = b.reg::<T>();
        let (dst_any, a, c) = (dst.any(), x.any(), y.any());
        let wrapping = |op| Insn::IntBin {
            op,
            dst: dst_any,
            a,
            b: c,
        };
        let division = |op| Insn::IntDiv {
            op,
            width: T::WIDTH,
            dst: dst_any,
            a,
            b: c,
        };
        match op {
            FloatBinOp::Add => b.push(wrapping(IntBinOp::Add)),
            FloatBinOp::Sub => b.push(wrapping(IntBinOp::Sub)),
            FloatBinOp::Mul => b.push(wrapping(IntBinOp::Mul)),
            FloatBinOp::Div => return b.push_then(division(DivOp::Div), dst),
            FloatBinOp::Rem => return b.push_then(division(DivOp::Rem), dst),
        }
        b.rewrap(dst)
    }

    fn emit_neg(b: &mut Builder<'_>, x: Reg<T>) -> Reg<T> {
        let dst = b.reg::<T>();
        b.push(Insn::IntUn {
            not: false,
            width: T::WIDTH,
            dst: dst.any(),
            src: x.any(),
        });
        dst
    }
}

impl Numeric for f64 {
    fn emit(b: &mut Builder<'_>, op: FloatBinOp, x: Reg<f64>, y: Reg<f64>) -> Reg<f64> {
        let dst = b.reg::<f64>();
        b.push_then(
            Insn::FloatBin {
                op,
                dst: dst.any(),
                a: x.any(),
                b: y.any(),
            },
            dst,
        )
    }

    fn emit_neg(b: &mut Builder<'_>, x: Reg<f64>) -> Reg<f64> {
        b.float_unary(FloatUnOp::Neg, x)
    }
}

/// Comparisons (`== != < <= > >=`) on integers, `bool` and `f64`; `==`/`!=` on references.
pub trait Compare: JitType {
    /// Emits the comparison.
    fn emit_cmp(b: &mut Builder<'_>, op: IntCmpOp, x: Reg<Self>, y: Reg<Self>) -> Reg<bool>;
}

impl<T: IntType> Compare for T {
    fn emit_cmp(b: &mut Builder<'_>, op: IntCmpOp, x: Reg<T>, y: Reg<T>) -> Reg<bool> {
        b.int_cmp(op, T::WIDTH.signed, x.any(), y.any())
    }
}

impl Compare for bool {
    fn emit_cmp(b: &mut Builder<'_>, op: IntCmpOp, x: Reg<bool>, y: Reg<bool>) -> Reg<bool> {
        b.int_cmp(op, false, x.any(), y.any())
    }
}

impl Compare for f64 {
    fn emit_cmp(b: &mut Builder<'_>, op: IntCmpOp, x: Reg<f64>, y: Reg<f64>) -> Reg<bool> {
        let op = match op {
            IntCmpOp::Eq => FloatCmpOp::Eq,
            IntCmpOp::Ne => FloatCmpOp::Ne,
            IntCmpOp::Lt => FloatCmpOp::Lt,
            IntCmpOp::Le => FloatCmpOp::Le,
            IntCmpOp::Gt => FloatCmpOp::Gt,
            IntCmpOp::Ge => FloatCmpOp::Ge,
        };
        let dst = b.reg::<bool>();
        b.push_then(
            Insn::FloatCmp {
                op,
                dst: dst.any(),
                a: x.any(),
                b: y.any(),
            },
            dst,
        )
    }
}

/// `==`/`!=` on references compare identities; Rust has no order on references, so the
/// other comparisons never reach the builder.
fn ref_cmp<R: RefType>(b: &mut Builder<'_>, op: IntCmpOp, x: Reg<R>, y: Reg<R>) -> Reg<bool> {
    match op {
        IntCmpOp::Eq => b.ptr_eq(x, y),
        IntCmpOp::Ne => b.ptr_ne(x, y),
        _ => unreachable!("references have no order"),
    }
}

impl<T: GcType> Compare for Gc<T> {
    fn emit_cmp(b: &mut Builder<'_>, op: IntCmpOp, x: Reg<Self>, y: Reg<Self>) -> Reg<bool> {
        ref_cmp(b, op, x, y)
    }
}

impl<T: GcType> Compare for Option<Gc<T>> {
    fn emit_cmp(b: &mut Builder<'_>, op: IntCmpOp, x: Reg<Self>, y: Reg<Self>) -> Reg<bool> {
        ref_cmp(b, op, x, y)
    }
}

impl Compare for GcRef {
    fn emit_cmp(b: &mut Builder<'_>, op: IntCmpOp, x: Reg<Self>, y: Reg<Self>) -> Reg<bool> {
        ref_cmp(b, op, x, y)
    }
}

impl Compare for Option<GcRef> {
    fn emit_cmp(b: &mut Builder<'_>, op: IntCmpOp, x: Reg<Self>, y: Reg<Self>) -> Reg<bool> {
        ref_cmp(b, op, x, y)
    }
}

/// What a `return` hands back: a register ([`Builder::ret`]) or nothing
/// ([`Builder::ret_void`]); lets generated code return a value without knowing its type.
pub trait RetValue {
    /// Emits the return.
    fn emit_ret(self, b: &mut Builder<'_>);
}

impl<T: JitType> RetValue for Reg<T> {
    fn emit_ret(self, b: &mut Builder<'_>) {
        b.ret(self);
    }
}

impl RetValue for () {
    fn emit_ret(self, b: &mut Builder<'_>) {
        b.ret_void();
    }
}

/// Bitwise operators (`& | ^ !`) on integers and `bool`.
pub trait Bits: JitType {
    /// Emits `!x` (bitwise for integers, logical for `bool`).
    fn emit_not(b: &mut Builder<'_>, x: Reg<Self>) -> Reg<Self>;
}

impl<T: IntType> Bits for T {
    fn emit_not(b: &mut Builder<'_>, x: Reg<T>) -> Reg<T> {
        let dst = b.reg::<T>();
        b.push_then(
            Insn::IntUn {
                not: true,
                width: T::WIDTH,
                dst: dst.any(),
                src: x.any(),
            },
            dst,
        )
    }
}

impl Bits for bool {
    fn emit_not(b: &mut Builder<'_>, x: Reg<bool>) -> Reg<bool> {
        let dst = b.reg::<bool>();
        b.push_then(
            Insn::BoolNot {
                dst: dst.any(),
                src: x.any(),
            },
            dst,
        )
    }
}

/// The arguments of a residual call (by their types) that are virtualizables the callee may
/// look at, given its effects: they are forced before the call.
fn forced_args(arg_types: &[TypeId], effects: &Effects) -> Vec<ForcedArg> {
    arg_types
        .iter()
        .enumerate()
        .filter_map(|(arg, &type_id)| {
            let vable = vable::lookup(type_id)?;
            effects.may_access((vable.name)()).then_some(ForcedArg {
                arg,
                token_offset: vable.token_offset,
            })
        })
        .collect()
}

/// Builds one [`JitCode`].
pub struct Builder<'a> {
    registry: &'a Registry,
    name: String,
    insns: Vec<Insn>,
    num_regs: [u32; 3],
    params: Vec<Kind>,
    params_open: [bool; 3],
    returns: ReturnDescr,
    labels: Vec<Option<u32>>,
    constants: Root<GcVec<Option<GcRef>>>,
    call_descrs: Vec<CallDescr>,
    errors: Vec<BuildError>,
    /// The name the next residual call is shown under (see [`Builder::name_next_call`]).
    next_call_name: Option<&'static str>,
    /// What the next residual call allocates (see [`Builder::next_call_allocates`]).
    next_call_allocates: Option<AllocDescr>,
}

impl<'a> Builder<'a> {
    /// A builder for the function `name`, resolving calls through `registry`. The function
    /// returns `()` until [`Builder::returns`] says otherwise.
    pub fn new(registry: &'a Registry, name: &str) -> Builder<'a> {
        Builder {
            registry,
            name: name.to_string(),
            insns: Vec::new(),
            num_regs: [0; 3],
            params: Vec::new(),
            params_open: [true; 3],
            returns: ReturnDescr {
                value: None,
                fallible: false,
            },
            labels: Vec::new(),
            constants: Root::new(GcVec::new()),
            call_descrs: Vec::new(),
            errors: Vec::new(),
            next_call_name: None,
            next_call_allocates: None,
        }
    }

    /// Declares the function's return type `R` (a value, `()`, or `Result<V, E>`).
    pub fn returns<R: JitReturn>(&mut self) {
        self.returns = ReturnDescr {
            value: <R::Value as JitValue>::KIND,
            fallible: R::FALLIBLE,
        };
    }

    fn push(&mut self, insn: Insn) {
        self.insns.push(insn);
    }

    fn push_then<T>(&mut self, insn: Insn, reg: Reg<T>) -> Reg<T> {
        self.insns.push(insn);
        reg
    }

    fn alloc(&mut self, kind: Kind) -> u16 {
        let count = &mut self.num_regs[kind.index()];
        let index = *count;
        if index > u16::MAX as u32 {
            self.errors.push(BuildError::TooManyRegisters(kind));
            return u16::MAX;
        }
        *count += 1;
        index as u16
    }

    /// Declares the next parameter. Parameters come first: the `k`-th parameter of a kind
    /// is register `k` of that kind.
    pub fn param<T: JitType>(&mut self) -> Reg<T> {
        if !self.params_open[T::KIND.index()] {
            self.errors.push(BuildError::ParamAfterRegister(T::KIND));
        }
        self.params.push(T::KIND);
        Reg::new(self.alloc(T::KIND))
    }

    /// A fresh register.
    pub fn reg<T: JitType>(&mut self) -> Reg<T> {
        self.params_open[T::KIND.index()] = false;
        Reg::new(self.alloc(T::KIND))
    }

    /// A register holding the constant `value` (references are rooted by the jitcode).
    pub fn constant<T: JitType>(&mut self, value: T) -> Reg<T> {
        let dst = self.reg::<T>();
        let insn = match T::KIND {
            Kind::Int => Insn::IntConst {
                dst: dst.any(),
                value: value.to_word() as i64,
            },
            Kind::Float => Insn::FloatConst {
                dst: dst.any(),
                value: f64::from_bits(value.to_word()),
            },
            Kind::Ref => {
                let word = value.to_word();
                // SAFETY: a reference type's word is 0 or a live object's address.
                let reference = (word != 0).then(|| unsafe { GcRef::from_addr(word as usize) });
                let constants = self.constants.get();
                let index = constants.len() as u32;
                constants.push(reference);
                Insn::RefConst {
                    dst: dst.any(),
                    index,
                }
            }
        };
        self.push_then(insn, dst)
    }

    /// `dst = src`.
    pub fn mov<T: JitType>(&mut self, dst: Reg<T>, src: Reg<T>) {
        self.push(Insn::Move {
            dst: dst.any(),
            src: src.any(),
        });
    }

    /// Re-wraps an integer computed at 64 bits to its type's width (a no-op for 64-bit types).
    fn rewrap<T: IntType>(&mut self, reg: Reg<T>) -> Reg<T> {
        if T::WIDTH.bytes < 8 {
            self.push(Insn::IntCast {
                width: T::WIDTH,
                dst: reg.any(),
                src: reg.any(),
            });
        }
        reg
    }

    /// `x + y` (wrapping for integers).
    pub fn add<T: Numeric>(&mut self, x: Reg<T>, y: Reg<T>) -> Reg<T> {
        T::emit(self, FloatBinOp::Add, x, y)
    }

    /// `x - y` (wrapping for integers).
    pub fn sub<T: Numeric>(&mut self, x: Reg<T>, y: Reg<T>) -> Reg<T> {
        T::emit(self, FloatBinOp::Sub, x, y)
    }

    /// `x * y` (wrapping for integers).
    pub fn mul<T: Numeric>(&mut self, x: Reg<T>, y: Reg<T>) -> Reg<T> {
        T::emit(self, FloatBinOp::Mul, x, y)
    }

    /// `x / y` (guarded for integers: panics like native code).
    pub fn div<T: Numeric>(&mut self, x: Reg<T>, y: Reg<T>) -> Reg<T> {
        T::emit(self, FloatBinOp::Div, x, y)
    }

    /// `x % y` (guarded for integers: panics like native code).
    pub fn rem<T: Numeric>(&mut self, x: Reg<T>, y: Reg<T>) -> Reg<T> {
        T::emit(self, FloatBinOp::Rem, x, y)
    }

    /// `-x` (wrapping for integers).
    pub fn neg<T: Numeric>(&mut self, x: Reg<T>) -> Reg<T> {
        T::emit_neg(self, x)
    }

    /// `x.abs()` on `f64`.
    pub fn float_abs(&mut self, x: Reg<f64>) -> Reg<f64> {
        self.float_unary(FloatUnOp::Abs, x)
    }

    /// `x.sqrt()` on `f64`.
    pub fn float_sqrt(&mut self, x: Reg<f64>) -> Reg<f64> {
        self.float_unary(FloatUnOp::Sqrt, x)
    }

    fn float_unary(&mut self, op: FloatUnOp, x: Reg<f64>) -> Reg<f64> {
        let dst = self.reg::<f64>();
        self.push_then(
            Insn::FloatUn {
                op,
                dst: dst.any(),
                src: x.any(),
            },
            dst,
        )
    }

    fn int_bin<T: JitType>(&mut self, op: IntBinOp, x: Reg<T>, y: Reg<T>) -> Reg<T> {
        let dst = self.reg::<T>();
        self.push_then(
            Insn::IntBin {
                op,
                dst: dst.any(),
                a: x.any(),
                b: y.any(),
            },
            dst,
        )
    }

    /// `x & y`.
    pub fn and<T: Bits>(&mut self, x: Reg<T>, y: Reg<T>) -> Reg<T> {
        self.int_bin(IntBinOp::And, x, y)
    }

    /// `x | y`.
    pub fn or<T: Bits>(&mut self, x: Reg<T>, y: Reg<T>) -> Reg<T> {
        self.int_bin(IntBinOp::Or, x, y)
    }

    /// `x ^ y`.
    pub fn xor<T: Bits>(&mut self, x: Reg<T>, y: Reg<T>) -> Reg<T> {
        self.int_bin(IntBinOp::Xor, x, y)
    }

    /// `!x`.
    pub fn not<T: Bits>(&mut self, x: Reg<T>) -> Reg<T> {
        T::emit_not(self, x)
    }

    fn shift<T: IntType, S: IntType>(&mut self, op: ShiftOp, x: Reg<T>, n: Reg<S>) -> Reg<T> {
        let dst = self.reg::<T>();
        self.push_then(
            Insn::Shift {
                op,
                width: T::WIDTH,
                dst: dst.any(),
                a: x.any(),
                b: n.any(),
            },
            dst,
        )
    }

    /// `x << n` (the amount is masked by the bit width, as natively without overflow checks).
    pub fn shl<T: IntType, S: IntType>(&mut self, x: Reg<T>, n: Reg<S>) -> Reg<T> {
        self.shift(ShiftOp::Shl, x, n)
    }

    /// `x >> n` (arithmetic for signed types; amount masked like [`Builder::shl`]).
    pub fn shr<T: IntType, S: IntType>(&mut self, x: Reg<T>, n: Reg<S>) -> Reg<T> {
        self.shift(ShiftOp::Shr, x, n)
    }

    /// Compares two integer registers as unsigned words (`==` on `jit_enum!` enums).
    pub fn compare_words(&mut self, op: IntCmpOp, a: AnyReg, b: AnyReg) -> Reg<bool> {
        self.int_cmp(op, false, a, b)
    }

    fn int_cmp(&mut self, op: IntCmpOp, signed: bool, a: AnyReg, b: AnyReg) -> Reg<bool> {
        let dst = self.reg::<bool>();
        self.push_then(
            Insn::IntCmp {
                op,
                signed,
                dst: dst.any(),
                a,
                b,
            },
            dst,
        )
    }

    /// `x == y`.
    pub fn eq<T: Compare>(&mut self, x: Reg<T>, y: Reg<T>) -> Reg<bool> {
        T::emit_cmp(self, IntCmpOp::Eq, x, y)
    }

    /// `x != y`.
    pub fn ne<T: Compare>(&mut self, x: Reg<T>, y: Reg<T>) -> Reg<bool> {
        T::emit_cmp(self, IntCmpOp::Ne, x, y)
    }

    /// `x < y`.
    pub fn lt<T: Compare>(&mut self, x: Reg<T>, y: Reg<T>) -> Reg<bool> {
        T::emit_cmp(self, IntCmpOp::Lt, x, y)
    }

    /// `x <= y`.
    pub fn le<T: Compare>(&mut self, x: Reg<T>, y: Reg<T>) -> Reg<bool> {
        T::emit_cmp(self, IntCmpOp::Le, x, y)
    }

    /// `x > y`.
    pub fn gt<T: Compare>(&mut self, x: Reg<T>, y: Reg<T>) -> Reg<bool> {
        T::emit_cmp(self, IntCmpOp::Gt, x, y)
    }

    /// `x >= y`.
    pub fn ge<T: Compare>(&mut self, x: Reg<T>, y: Reg<T>) -> Reg<bool> {
        T::emit_cmp(self, IntCmpOp::Ge, x, y)
    }

    fn checked<T: IntType>(
        &mut self,
        op: OvfOp,
        x: Reg<T>,
        y: Reg<T>,
        on_overflow: Label,
    ) -> Reg<T> {
        let dst = self.reg::<T>();
        self.push_then(
            Insn::IntOvf {
                op,
                width: T::WIDTH,
                dst: dst.any(),
                a: x.any(),
                b: y.any(),
                on_overflow,
            },
            dst,
        )
    }

    /// `x.checked_add(y)`: the sum, or a jump to `on_overflow` (the `None` arm).
    pub fn checked_add<T: IntType>(&mut self, x: Reg<T>, y: Reg<T>, on_overflow: Label) -> Reg<T> {
        self.checked(OvfOp::Add, x, y, on_overflow)
    }

    /// `x.checked_sub(y)`: the difference, or a jump to `on_overflow`.
    pub fn checked_sub<T: IntType>(&mut self, x: Reg<T>, y: Reg<T>, on_overflow: Label) -> Reg<T> {
        self.checked(OvfOp::Sub, x, y, on_overflow)
    }

    /// `x.checked_mul(y)`: the product, or a jump to `on_overflow`.
    pub fn checked_mul<T: IntType>(&mut self, x: Reg<T>, y: Reg<T>, on_overflow: Label) -> Reg<T> {
        self.checked(OvfOp::Mul, x, y, on_overflow)
    }

    /// `x as U` between integers, `bool` and `f64`, with Rust's semantics (truncation,
    /// extension, saturating float-to-int).
    pub fn cast<T: Scalar, U: Scalar>(&mut self, x: Reg<T>) -> Reg<U> {
        let dst = self.reg::<U>();
        let (d, src) = (dst.any(), x.any());
        let insn = match (T::SCALAR, U::SCALAR) {
            (ScalarKind::Float, ScalarKind::Float) => Insn::Move { dst: d, src },
            (ScalarKind::Float, ScalarKind::Int(width)) => Insn::FloatToInt { width, dst: d, src },
            (ScalarKind::Int(width), ScalarKind::Float) => Insn::IntToFloat { width, dst: d, src },
            (ScalarKind::Bool, ScalarKind::Float) => Insn::IntToFloat {
                width: IntWidth::U64,
                dst: d,
                src,
            },
            (_, ScalarKind::Int(width)) => Insn::IntCast { width, dst: d, src },
            // `as bool` does not exist in Rust; the only remaining case is bool -> bool.
            _ => Insn::Move { dst: d, src },
        };
        self.push_then(insn, dst)
    }

    /// `Gc::ptr_eq(a, b)` (or `==` on `Option`s of references).
    pub fn ptr_eq<T: RefType>(&mut self, a: Reg<T>, b: Reg<T>) -> Reg<bool> {
        self.ptr_compare(false, a.any(), b.any())
    }

    /// `!Gc::ptr_eq(a, b)`.
    pub fn ptr_ne<T: RefType>(&mut self, a: Reg<T>, b: Reg<T>) -> Reg<bool> {
        self.ptr_compare(true, a.any(), b.any())
    }

    fn ptr_compare(&mut self, negate: bool, a: AnyReg, b: AnyReg) -> Reg<bool> {
        let dst = self.reg::<bool>();
        self.push_then(
            Insn::PtrEq {
                negate,
                dst: dst.any(),
                a,
                b,
            },
            dst,
        )
    }

    /// `x.is_none()`.
    pub fn is_none<T: RefType>(&mut self, x: Reg<T>) -> Reg<bool> {
        let dst = self.reg::<bool>();
        self.push_then(
            Insn::IsNull {
                dst: dst.any(),
                src: x.any(),
            },
            dst,
        )
    }

    /// `GcRef::is::<T>()`: whether `x` is an object of exactly type `T` (false for `None`).
    pub fn class_is<T: GcType, R: RefType>(&mut self, x: Reg<R>) -> Reg<bool> {
        let dst = self.reg::<bool>();
        self.push_then(
            Insn::ClassIs {
                dst: dst.any(),
                src: x.any(),
                info: T::type_info(),
            },
            dst,
        )
    }

    /// Views a reference register as another reference type (after a `class_is` or
    /// `is_none` test: the `downcast`/`unwrap` of the native code). Emits nothing.
    pub fn cast_ref<T: RefType, U: RefType>(&mut self, x: Reg<T>) -> Reg<U> {
        Reg::new(x.index)
    }

    /// `x.downcast::<T>()`: `x` as a `Gc<T>` if it is an object of exactly type `T`, else
    /// `None` (a [`Builder::class_is`] test and a branch).
    pub fn downcast<T: GcType, R: RefType>(&mut self, x: Reg<R>) -> Reg<Option<Gc<T>>> {
        let is = self.class_is::<T, R>(x);
        let dst = self.reg::<Option<Gc<T>>>();
        let (not_t, end) = (self.new_label(), self.new_label());
        self.goto_if_not(is, not_t);
        let object = self.cast_ref::<R, Option<Gc<T>>>(x);
        self.mov(dst, object);
        self.goto(end);
        self.bind(not_t);
        let none = self.constant::<Option<Gc<T>>>(None);
        self.mov(dst, none);
        self.bind(end);
        dst
    }

    /// The reference inside `x`, after an [`Builder::is_none`] test said it is `Some`
    /// (`if let Some(v) = x`). Emits nothing.
    pub fn unwrap_ref<O: OptionRef>(&mut self, x: Reg<O>) -> Reg<O::Inner> {
        self.cast_ref(x)
    }

    /// `x.erase()`: the same object as a `GcRef`, in a fresh register.
    pub fn erase<T: GcType>(&mut self, x: Reg<Gc<T>>) -> Reg<GcRef> {
        let dst = self.reg::<GcRef>();
        self.push_then(
            Insn::Move {
                dst: dst.any(),
                src: x.any(),
            },
            dst,
        )
    }

    fn field<const ID: u64, S: HasField<ID>>(&mut self) -> Option<FieldRef> {
        let field = FieldRef::of::<ID, S>();
        if kind_of_value(field.descr.kind).is_none() {
            self.errors
                .push(BuildError::OpaqueField(field.owner, field.descr.name));
            return None;
        }
        Some(field)
    }

    /// `obj.f` (`obj.f.get()` for cell fields), with `ID = field_id("f")`.
    pub fn getfield<const ID: u64, S>(
        &mut self,
        obj: Reg<Gc<S>>,
    ) -> Reg<<<S as HasField<ID>>::Type as FieldValue>::Value>
    where
        S: HasField<ID> + GcType,
        <S as HasField<ID>>::Type: FieldValue,
    {
        let dst = self.reg();
        if let Some(field) = self.field::<ID, S>() {
            self.push(Insn::GetField {
                dst: dst.any(),
                obj: obj.any(),
                field,
            });
        }
        dst
    }

    /// `obj.f.set(value)` on a `Mut<T>` field, with `ID = field_id("f")`.
    pub fn setfield<const ID: u64, S>(
        &mut self,
        obj: Reg<Gc<S>>,
        value: Reg<<<S as HasField<ID>>::Type as FieldValue>::Value>,
    ) where
        S: HasField<ID> + GcType,
        <S as HasField<ID>>::Type: FieldValue,
    {
        let Some(field) = self.field::<ID, S>() else {
            return;
        };
        if field.descr.mutability != Mutability::Mutable {
            self.errors
                .push(BuildError::FieldNotMutable(field.owner, field.descr.name));
            return;
        }
        self.push(Insn::SetField {
            obj: obj.any(),
            field,
            value: value.any(),
        });
    }

    fn array_descr<A: ArrayType>() -> ArrayDescr {
        ArrayDescr::of::<A>()
    }

    /// `array.len()`.
    pub fn array_len<A: ArrayType>(&mut self, array: Reg<Gc<A>>) -> Reg<usize> {
        let dst = self.reg::<usize>();
        self.push_then(
            Insn::ArrayLen {
                dst: dst.any(),
                array: array.any(),
            },
            dst,
        )
    }

    /// `array.get(index)` (guarded: panics like native code when out of bounds).
    pub fn getarrayitem<A: ArrayType>(
        &mut self,
        array: Reg<Gc<A>>,
        index: Reg<usize>,
    ) -> Reg<A::Item> {
        let dst = self.reg::<A::Item>();
        self.push_then(
            Insn::GetArrayItem {
                dst: dst.any(),
                array: array.any(),
                index: index.any(),
                descr: Self::array_descr::<A>(),
            },
            dst,
        )
    }

    /// `array.set(index, value)` (guarded like [`Builder::getarrayitem`]).
    pub fn setarrayitem<T>(&mut self, array: Reg<Gc<GcArray<T>>>, index: Reg<usize>, value: Reg<T>)
    where
        GcArray<T>: ArrayType<Item = T>,
        T: JitType,
    {
        self.push(Insn::SetArrayItem {
            array: array.any(),
            index: index.any(),
            value: value.any(),
            descr: Self::array_descr::<GcArray<T>>(),
        });
    }

    /// `array.get(index)` on an immutable array (same as [`Builder::getarrayitem`]; spelled
    /// out so generated code reads well).
    pub fn get_immutable_item<T>(
        &mut self,
        array: Reg<Gc<GcImmutableArray<T>>>,
        index: Reg<usize>,
    ) -> Reg<T>
    where
        GcImmutableArray<T>: ArrayType<Item = T>,
        T: JitType,
    {
        self.getarrayitem(array, index)
    }

    /// `vec.len()` on a [`GcVec`]: its length field.
    pub fn vec_len<T>(&mut self, vec: Reg<Gc<GcVec<T>>>) -> Reg<usize>
    where
        GcVec<T>: GcType,
    {
        self.getfield::<{ field_id("len") }, GcVec<T>>(vec)
    }

    /// `vec.get(index)` on a [`GcVec`]: a bounds test against its length (out of bounds: the
    /// native panic), then the item read from its buffer.
    pub fn vec_get<T>(&mut self, vec: Reg<Gc<GcVec<T>>>, index: Reg<usize>) -> Reg<T>
    where
        GcVec<T>: GcType,
        GcArray<T>: ArrayType<Item = T>,
        T: JitType,
    {
        let items = self.vec_items(vec, index);
        self.getarrayitem(items, index)
    }

    /// `vec.set(index, value)` on a [`GcVec`] (tested like [`Builder::vec_get`]).
    pub fn vec_set<T>(&mut self, vec: Reg<Gc<GcVec<T>>>, index: Reg<usize>, value: Reg<T>)
    where
        GcVec<T>: GcType,
        GcArray<T>: ArrayType<Item = T>,
        T: JitType,
    {
        let items = self.vec_items(vec, index);
        self.setarrayitem(items, index, value);
    }

    /// The buffer of `vec` as an array of its items, once `index` is known to be below its
    /// length. (The buffer's first word is its size in bytes, never less than the number of
    /// items it holds, so the array access's own check passes.)
    fn vec_items<T>(&mut self, vec: Reg<Gc<GcVec<T>>>, index: Reg<usize>) -> Reg<Gc<GcArray<T>>>
    where
        GcVec<T>: GcType,
        GcArray<T>: GcType,
    {
        let len = self.vec_len(vec);
        let out_of_bounds = self.ge(index, len);
        let ok = self.new_label();
        self.goto_if_not(out_of_bounds, ok);
        self.name_next_call("index_out_of_bounds");
        self.call(
            &|len: usize, index: usize| crate::gc::index_out_of_bounds(len, index),
            (len, index),
        );
        self.bind(ok);
        let buffer = self.getfield::<{ field_id("buffer") }, GcVec<T>>(vec);
        self.cast_ref(buffer)
    }

    /// A new, unbound label.
    pub fn new_label(&mut self) -> Label {
        self.labels.push(None);
        Label(self.labels.len() as u32 - 1)
    }

    /// Binds `label` to the next instruction.
    pub fn bind(&mut self, label: Label) {
        let slot = &mut self.labels[label.0 as usize];
        if slot.is_some() {
            self.errors.push(BuildError::LabelBoundTwice(label.0));
        }
        *slot = Some(self.insns.len() as u32);
    }

    /// `goto label`.
    pub fn goto(&mut self, label: Label) {
        self.push(Insn::Goto(label));
    }

    /// Jumps to `label` when `cond` is false.
    pub fn goto_if_not(&mut self, cond: Reg<bool>, label: Label) {
        self.push(Insn::GotoIfNot {
            cond: cond.any(),
            target: label,
        });
    }

    /// `match value { case => ..., _ => default }` on an integer or a `jit_enum!` enum.
    pub fn switch<T: SwitchValue>(&mut self, value: Reg<T>, cases: &[(T, Label)], default: Label) {
        self.push(Insn::Switch {
            value: value.any(),
            cases: cases
                .iter()
                .map(|&(case, label)| (case.to_word() as i64, label))
                .collect(),
            default,
        });
    }

    fn check_return(&mut self, value: Option<Kind>) {
        if value != self.returns.value {
            self.errors.push(BuildError::ReturnMismatch(format!(
                "returns {value:?}, declared {:?}",
                self.returns.value
            )));
        }
    }

    /// `return value` (`Ok(value)` in a function returning `Result`).
    pub fn ret<T: JitType>(&mut self, value: Reg<T>) {
        self.check_return(Some(T::KIND));
        self.push(Insn::Return(Some(value.any())));
    }

    /// `return` / `return Ok(())`.
    pub fn ret_void(&mut self) {
        self.check_return(None);
        self.push(Insn::Return(None));
    }

    /// `return Err(error)`.
    pub fn ret_err<E: RefType>(&mut self, error: Reg<E>) {
        if !self.returns.fallible {
            self.errors.push(BuildError::ReturnMismatch(
                "an error returned from a function that does not return Result".into(),
            ));
        }
        self.push(Insn::ReturnErr(error.any()));
    }

    /// `return None` from a function returning a nullable reference.
    pub fn ret_none(&mut self) {
        let null = self.constant::<Option<GcRef>>(None);
        self.ret(null);
    }

    /// `return Some(r)` from a function returning a nullable reference (the same word).
    pub fn ret_some<T: RefType>(&mut self, r: Reg<T>) {
        self.ret(r);
    }

    /// Returns `value`: a register, or nothing for `()` (see [`RetValue`]).
    pub fn ret_value<V: RetValue>(&mut self, value: V) {
        value.emit_ret(self);
    }

    /// Panics with `message` (`unwrap()` of `None`, `unreachable!()`, ...).
    pub fn panic(&mut self, message: &'static str) {
        self.push(Insn::Panic(message));
    }

    /// `jit_merge_point!`: the top of the portal's dispatch loop.
    pub fn jit_merge_point(
        &mut self,
        greens: &[AnyReg],
        reds: &[AnyReg],
        vable: Option<crate::jitcode::VableSpec>,
    ) {
        self.push(Insn::JitMergePoint {
            greens: greens.to_vec(),
            reds: reds.to_vec(),
            vable,
        });
    }

    /// The registers of `jit_merge_point!(D { vars })` / `can_enter_jit!(D { vars })`,
    /// given by variable name in any order: `(greens, reds)` in the driver's order.
    pub fn driver_vars<D: JitDriver>(
        &mut self,
        vars: &[(&str, AnyReg)],
    ) -> (Vec<AnyReg>, Vec<AnyReg>) {
        let pick = |descrs: &[VarDescr]| -> Vec<AnyReg> {
            descrs
                .iter()
                .filter_map(|d| {
                    vars.iter()
                        .find(|(name, _)| *name == d.name)
                        .map(|(_, r)| *r)
                })
                .collect()
        };
        (pick(D::GREENS), pick(D::REDS))
    }

    /// `can_enter_jit!`: a backward jump of the user's program.
    pub fn can_enter_jit(&mut self, greens: &[AnyReg], reds: &[AnyReg]) {
        self.push(Insn::CanEnterJit {
            greens: greens.to_vec(),
            reds: reds.to_vec(),
        });
    }

    /// `promote(x)`: returns `x` (a trace constant after a guard when tracing).
    pub fn promote<T: JitType>(&mut self, x: Reg<T>) -> Reg<T> {
        self.push(Insn::Promote(x.any()));
        x
    }

    /// `we_are_jitted()`: true in jitcode.
    pub fn we_are_jitted(&mut self) -> Reg<bool> {
        let dst = self.reg::<bool>();
        self.push_then(Insn::WeAreJitted(dst.any()), dst)
    }

    /// Shows the next call, if residual, under `name` (a closure's type name says nothing:
    /// the staging macro names residual method calls and allocations this way).
    pub fn name_next_call(&mut self, name: &'static str) {
        self.next_call_name = Some(name);
    }

    /// Says that the next residual call is `Gc::new(S { .. })` with the fields `fields` of
    /// `S` initialized from its arguments in order (the staging macro's allocations).
    pub fn next_call_allocates<S: crate::gc::GcType>(&mut self, fields: Vec<FieldRef>) {
        self.next_call_allocates = Some(AllocDescr {
            type_info: S::type_info(),
            fields,
            array: None,
        });
    }

    /// Says that the next residual call is `GcArray::new(len, fill)` of items of `fill`'s
    /// type (the staging macro's array allocations).
    pub fn next_call_allocates_array<T>(&mut self, _fill: &Reg<T>)
    where
        GcArray<T>: ArrayType,
    {
        self.next_call_allocates = Some(AllocDescr {
            type_info: GcArray::<T>::type_info(),
            fields: Vec::new(),
            array: Some(ArrayDescr::of::<GcArray<T>>()),
        });
    }

    /// `f(args..)` used as a value: a `call_jitcode` when `f` has a registered jitcode, else
    /// a residual call through its shim. For a function returning `Result`, the error is
    /// caught: the value is a [`ResultReg`].
    pub fn call<F, Args>(&mut self, f: &F, args: Args) -> <F::Ret as CallReturn>::Out
    where
        F: StagedFn<Args>,
        F::Ret: CallReturn,
    {
        self.call_keyed(TypeId::of::<F>(), f, args)
    }

    /// [`Builder::call`], the jitcode being looked up under `key` (a method's fn item) while
    /// the residual form calls `f` (a closure calling the method).
    pub fn call_keyed<F, Args>(
        &mut self,
        key: TypeId,
        f: &F,
        args: Args,
    ) -> <F::Ret as CallReturn>::Out
    where
        F: StagedFn<Args>,
        F::Ret: CallReturn,
    {
        <F::Ret as CallReturn>::emit_call(self, |b, error| b.emit_call(key, f, args, error))
    }

    /// `f(args..)` for a function returning `Result<_, E>`, with what an error does.
    pub fn call_fallible<F, Args, E: RefType>(
        &mut self,
        f: &F,
        args: Args,
        on_error: OnError<E>,
    ) -> <<F::Ret as JitReturn>::Value as JitValue>::Out
    where
        F: StagedFn<Args>,
    {
        self.call_fallible_keyed(TypeId::of::<F>(), f, args, on_error)
    }

    fn call_fallible_keyed<F, Args, E: RefType>(
        &mut self,
        key: TypeId,
        f: &F,
        args: Args,
        on_error: OnError<E>,
    ) -> <<F::Ret as JitReturn>::Value as JitValue>::Out
    where
        F: StagedFn<Args>,
    {
        if !<F::Ret as JitReturn>::FALLIBLE {
            self.errors
                .push(BuildError::CallMismatch(callee_name::<F>()));
        }
        let error = match on_error {
            OnError::Propagate => {
                if !self.returns.fallible {
                    self.errors.push(BuildError::ReturnMismatch(
                        "`?` in a function that does not return Result".into(),
                    ));
                }
                ErrorPath::Propagate
            }
            OnError::Catch(label, reg) => ErrorPath::Catch(label, reg.any()),
        };
        self.emit_call(key, f, args, error)
    }

    /// `f(args..)?`: a fallible call whose error the caller returns.
    pub fn call_propagate<F, Args>(
        &mut self,
        f: &F,
        args: Args,
    ) -> <<F::Ret as JitReturn>::Value as JitValue>::Out
    where
        F: StagedFn<Args>,
    {
        self.call_propagate_keyed(TypeId::of::<F>(), f, args)
    }

    /// [`Builder::call_propagate`] with the jitcode looked up under `key` (see
    /// [`Builder::call_keyed`]).
    pub fn call_propagate_keyed<F, Args>(
        &mut self,
        key: TypeId,
        f: &F,
        args: Args,
    ) -> <<F::Ret as JitReturn>::Value as JitValue>::Out
    where
        F: StagedFn<Args>,
    {
        self.call_fallible_keyed(key, f, args, OnError::<GcRef>::Propagate)
    }

    /// `return f(args..)`: a fallible callee's error propagates, its value (or the
    /// infallible callee's) is returned. Generated code need not know which it is.
    pub fn ret_call<F, Args>(&mut self, f: &F, args: Args)
    where
        F: StagedFn<Args>,
        <<F::Ret as JitReturn>::Value as JitValue>::Out: RetValue,
    {
        self.ret_call_keyed(TypeId::of::<F>(), f, args);
    }

    /// [`Builder::ret_call`] with the jitcode looked up under `key` (see
    /// [`Builder::call_keyed`]).
    pub fn ret_call_keyed<F, Args>(&mut self, key: TypeId, f: &F, args: Args)
    where
        F: StagedFn<Args>,
        <<F::Ret as JitReturn>::Value as JitValue>::Out: RetValue,
    {
        let value = if <F::Ret as JitReturn>::FALLIBLE {
            self.call_propagate_keyed(key, f, args)
        } else {
            self.emit_call(key, f, args, ErrorPath::Infallible)
        };
        self.ret_value(value);
    }

    fn emit_call<F: StagedFn<Args>, Args>(
        &mut self,
        type_id: TypeId,
        _f: &F,
        args: Args,
        error: ErrorPath,
    ) -> <<F::Ret as JitReturn>::Value as JitValue>::Out {
        let kind = <<F::Ret as JitReturn>::Value as JitValue>::KIND;
        let result = kind.map(|kind| {
            self.params_open[kind.index()] = false;
            self.alloc(kind)
        });
        let result_reg = kind.zip(result).map(|(kind, index)| AnyReg { kind, index });
        let args = F::arg_regs(args);
        let shown_as = self.next_call_name.take();
        let (name, effects, callee) = match self.registry.lookup(type_id) {
            Some(id) => (self.registry.name(id), Effects::everything(), Some(id)),
            None => (
                shown_as.unwrap_or_else(callee_name::<F>),
                self.registry.residual_effects(type_id),
                None,
            ),
        };
        let elidable = callee.is_none() && self.registry.is_elidable(type_id);
        let allocates = self.next_call_allocates.take();
        let effects = if (elidable || allocates.is_some()) && effects.writes_everything {
            // Pure, or making a new object from its arguments: nothing existing changes.
            Effects::declared(&[], &[], <F::Ret as JitReturn>::FALLIBLE)
        } else {
            effects
        };
        let forces = forced_args(&F::arg_type_ids(), &effects);
        let descr = self.call_descrs.len() as u32;
        self.call_descrs.push(CallDescr {
            name,
            shim: F::shim_address(),
            arg_kinds: F::arg_kinds(),
            result: kind,
            returns_result: <F::Ret as JitReturn>::FALLIBLE,
            effects,
            forces,
            elidable,
            allocates,
        });
        self.push(match callee {
            Some(callee) => Insn::CallJitCode {
                callee,
                args,
                result: result_reg,
                error,
                residual: descr,
            },
            None => Insn::CallResidual {
                descr,
                args,
                result: result_reg,
                error,
            },
        });
        <<F::Ret as JitReturn>::Value as JitValue>::out(result)
    }

    /// Resolves labels and checks the code; the finished jitcode.
    pub fn finish(mut self) -> Result<JitCode, BuildError> {
        if let Some(error) = self.errors.first() {
            return Err(error.clone());
        }
        let len = self.insns.len() as u32;
        for insn in &mut self.insns {
            for label in insn.targets_mut() {
                match self.labels[label.0 as usize] {
                    Some(pc) if pc < len => *label = Label(pc),
                    Some(_) => return Err(BuildError::FallsOffEnd),
                    None => return Err(BuildError::UnboundLabel(label.0)),
                }
            }
        }
        if self.insns.last().is_none_or(Insn::falls_through) {
            return Err(BuildError::FallsOffEnd);
        }
        let constants = self.constants.get();
        let frozen = GcImmutableArray::from_gc_vec(constants);
        let [int, reference, float] = self.num_regs.map(|n| n as u16);
        Ok(JitCode {
            name: self.name,
            insns: self.insns,
            num_regs: NumRegs {
                int,
                reference,
                float,
            },
            params: self.params,
            returns: self.returns,
            call_descrs: self.call_descrs,
            constants: Root::new(frozen),
            liveness: std::cell::OnceCell::new(),
        })
    }
}
