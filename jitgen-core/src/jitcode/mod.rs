//! Jitcode: the executable description of an interpreter function that the tracer, the
//! blackhole interpreter, snapshot tests and debugging all share (design brief §3).
//!
//! A [`JitCode`] is a flat list of [`Insn`]s over three register files, one per [`Kind`]:
//! `i` registers hold integers (every integer type and `bool`, widened to 64 bits: signed
//! types sign-extended, unsigned ones zero-extended, `bool` as 0/1), `r` registers hold GC
//! reference words (0 is `None`), `f` registers hold `f64`s. Labels are resolved to
//! instruction indexes when the code is finished.
//!
//! - [`builder`]: the typed [`Builder`] the staging macro emits calls to;
//! - [`registry`]: jitcodes keyed by the `TypeId` of the function they came from, built lazily;
//! - [`dispatch`]: `len`/`get`/`set` calls staged by the receiver's type;
//! - [`shim`]: `extern "C"` shims through which residual calls reach Rust functions;
//! - [`analysis`]: the codewriter analyses (CFG, liveness, call graph effects, loops).

pub mod analysis;
pub mod builder;
pub(crate) mod descr;
pub mod dispatch;
pub(crate) mod display;
pub mod eval;
#[cfg(test)]
pub(crate) mod fixtures;
mod insn;
mod pure_methods;
pub mod registry;
mod result;
pub mod shim;
#[cfg(test)]
mod tests;
mod types;
pub(crate) mod vable;
mod value;

use crate::gc::{GcImmutableArray, GcRef, Root};
use analysis::{Cfg, Liveness};

pub use builder::{Bits, BuildError, Builder, Compare, Label, Numeric, OnError, Reg, RetValue};
pub use descr::{AllocDescr, ArrayDescr, CallDescr, Effects, FieldRef, ForcedArg};
pub(crate) use insn::kind_of_value;
pub use insn::{
    DivOp, ErrorPath, FloatBinOp, FloatCmpOp, FloatUnOp, Insn, IntBinOp, IntCmpOp, IntWidth, OvfOp,
    ShiftOp, Uses,
};
pub use registry::{
    BuildFn, DeclaredEffects, DeclaredElidable, JitCodeId, PortalEntry, Registry, StagedEntry,
};
pub use result::{CallReturn, InRegisters, ResultReg, StagedValue};
pub use types::{
    ArrayType, FieldValue, IntType, JitReturn, JitType, JitValue, OptionRef, RefType, Scalar,
    ScalarKind, SwitchValue,
};
pub use vable::{VableArray, VableLayout, VableSpec};
pub use value::Value;

/// The register file a value lives in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Integers and `bool`, widened to 64 bits.
    Int,
    /// GC reference words; 0 is `None`.
    Ref,
    /// `f64`.
    Float,
}

impl Kind {
    /// The letter registers of this kind are written with (`i`, `r`, `f`).
    pub fn letter(self) -> char {
        match self {
            Kind::Int => 'i',
            Kind::Ref => 'r',
            Kind::Float => 'f',
        }
    }

    /// The index of this kind's register file (0 int, 1 ref, 2 float).
    pub fn index(self) -> usize {
        self as usize
    }
}

/// A register of a known kind, as stored in instructions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AnyReg {
    /// Which register file.
    pub kind: Kind,
    /// The register's index in that file.
    pub index: u16,
}

impl AnyReg {
    /// An integer register.
    pub fn int(index: u16) -> AnyReg {
        AnyReg {
            kind: Kind::Int,
            index,
        }
    }

    /// A reference register.
    pub fn reference(index: u16) -> AnyReg {
        AnyReg {
            kind: Kind::Ref,
            index,
        }
    }

    /// A float register.
    pub fn float(index: u16) -> AnyReg {
        AnyReg {
            kind: Kind::Float,
            index,
        }
    }
}

/// The number of registers of each kind a jitcode uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NumRegs {
    /// `i` registers.
    pub int: u16,
    /// `r` registers.
    pub reference: u16,
    /// `f` registers.
    pub float: u16,
}

impl NumRegs {
    /// The count for `kind`.
    pub fn of(&self, kind: Kind) -> u16 {
        match kind {
            Kind::Int => self.int,
            Kind::Ref => self.reference,
            Kind::Float => self.float,
        }
    }

    /// The total number of registers.
    pub fn total(&self) -> usize {
        self.int as usize + self.reference as usize + self.float as usize
    }
}

/// What a jitcode returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReturnDescr {
    /// The kind of the success value (`None` for `()`).
    pub value: Option<Kind>,
    /// Whether the function returns `Result<_, E>` with `E` a GC reference.
    pub fallible: bool,
}

/// One interpreter function as the JIT sees it.
pub struct JitCode {
    /// The function's name, for logs and the text form.
    pub name: String,
    /// The instructions; labels are instruction indexes.
    pub insns: Vec<Insn>,
    /// How many registers of each kind the code uses.
    pub num_regs: NumRegs,
    /// The parameters in declaration order; the `k`-th parameter of a kind is register `k`
    /// of that kind (callers pass arguments that way).
    pub params: Vec<Kind>,
    /// What the code returns.
    pub returns: ReturnDescr,
    /// The residual calls made by `call_residual` (and the residual forms of `call_jitcode`),
    /// indexed by the instructions.
    pub call_descrs: Vec<CallDescr>,
    /// The reference constants, rooted for as long as the jitcode exists: a freed and reused
    /// address would silently turn into another object.
    constants: Root<GcImmutableArray<Option<GcRef>>>,
    /// Which registers are live where, computed when a trace first needs it.
    liveness: std::cell::OnceCell<Liveness>,
}

impl JitCode {
    /// Which registers are live at each guard point (computed once).
    pub fn liveness(&self) -> &Liveness {
        self.liveness
            .get_or_init(|| Liveness::compute(self, &Cfg::build(self)))
    }

    /// The reference constant number `index` (`None` for a null constant).
    pub fn constant(&self, index: u32) -> Option<GcRef> {
        self.constants.get().get(index as usize)
    }

    /// The number of reference constants.
    pub fn num_constants(&self) -> usize {
        self.constants.get().len()
    }
}
