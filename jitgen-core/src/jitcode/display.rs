//! The text form of jitcode, used by tests, snapshots and logs:
//!
//! ```text
//! jitcode sum(i0) -> i
//!   0  i1 = int_const 0
//! L1:
//!   1  i2 = int_lt i1, i0
//!   2  goto_if_not i2, L5
//! ```

use std::fmt::{self, Display, Formatter, Write};

use crate::jitcode::insn::{
    DivOp, ErrorPath, FloatBinOp, FloatCmpOp, FloatUnOp, Insn, IntBinOp, IntCmpOp, IntWidth, OvfOp,
    ShiftOp,
};
use crate::jitcode::{AnyReg, ArrayDescr, FieldRef, JitCode};
use crate::layout::{Mutability, ValueKind};

impl Display for AnyReg {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.kind.letter(), self.index)
    }
}

fn regs(list: &[AnyReg]) -> String {
    list.iter()
        .map(|r| r.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn value_kind(kind: ValueKind) -> String {
    match kind {
        ValueKind::Int { bytes, signed } => IntWidth { bytes, signed }.name().to_string(),
        ValueKind::Bool => "bool".into(),
        ValueKind::Float => "f64".into(),
        ValueKind::Ref => "ref".into(),
        ValueKind::Opaque => "opaque".into(),
    }
}

impl Display for FieldRef {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let mutability = match self.descr.mutability {
            Mutability::Immutable => "immutable",
            Mutability::Mutable => "mutable",
            Mutability::QuasiImmutable => "quasi-immutable",
        };
        write!(
            f,
            "{}.{}(+{}, {}, {})",
            self.owner,
            self.descr.name,
            self.descr.offset,
            value_kind(self.descr.kind),
            mutability
        )
    }
}

impl Display for ArrayDescr {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}", self.name, value_kind(self.item_kind))?;
        if self.immutable_items {
            f.write_str(", immutable")?;
        }
        f.write_str("]")
    }
}

/// The text name of an integer operator (shared with the trace IR's text form).
pub(crate) fn int_bin(op: IntBinOp) -> &'static str {
    match op {
        IntBinOp::Add => "int_add",
        IntBinOp::Sub => "int_sub",
        IntBinOp::Mul => "int_mul",
        IntBinOp::And => "int_and",
        IntBinOp::Or => "int_or",
        IntBinOp::Xor => "int_xor",
    }
}

fn cmp(op: IntCmpOp) -> &'static str {
    match op {
        IntCmpOp::Eq => "eq",
        IntCmpOp::Ne => "ne",
        IntCmpOp::Lt => "lt",
        IntCmpOp::Le => "le",
        IntCmpOp::Gt => "gt",
        IntCmpOp::Ge => "ge",
    }
}

/// The text name of a float comparison.
pub(crate) fn float_cmp(op: FloatCmpOp) -> &'static str {
    match op {
        FloatCmpOp::Eq => "float_eq",
        FloatCmpOp::Ne => "float_ne",
        FloatCmpOp::Lt => "float_lt",
        FloatCmpOp::Le => "float_le",
        FloatCmpOp::Gt => "float_gt",
        FloatCmpOp::Ge => "float_ge",
    }
}

/// The text name of a float operator.
pub(crate) fn float_bin(op: FloatBinOp) -> &'static str {
    match op {
        FloatBinOp::Add => "float_add",
        FloatBinOp::Sub => "float_sub",
        FloatBinOp::Mul => "float_mul",
        FloatBinOp::Div => "float_div",
        FloatBinOp::Rem => "float_rem",
    }
}

/// The text name of an integer comparison.
pub(crate) fn int_cmp(op: IntCmpOp, signed: bool) -> String {
    let prefix = if signed { "int" } else { "uint" };
    format!("{prefix}_{}", cmp(op))
}

/// The text name of a shift.
pub(crate) fn shift(op: ShiftOp) -> &'static str {
    match op {
        ShiftOp::Shl => "int_shl",
        ShiftOp::Shr => "int_shr",
    }
}

/// The text name of `!x` / `-x` on integers.
pub(crate) fn int_un(not: bool) -> &'static str {
    if not {
        "int_invert"
    } else {
        "int_neg"
    }
}

/// The text name of an overflow-checked operation.
pub(crate) fn ovf(op: OvfOp) -> &'static str {
    match op {
        OvfOp::Add => "int_add_ovf",
        OvfOp::Sub => "int_sub_ovf",
        OvfOp::Mul => "int_mul_ovf",
    }
}

/// The text name of a division.
pub(crate) fn div(op: DivOp) -> &'static str {
    match op {
        DivOp::Div => "int_div",
        DivOp::Rem => "int_rem",
    }
}

/// The text name of a unary float operation.
pub(crate) fn float_un(op: FloatUnOp) -> &'static str {
    match op {
        FloatUnOp::Neg => "float_neg",
        FloatUnOp::Abs => "float_abs",
        FloatUnOp::Sqrt => "float_sqrt",
    }
}

fn error_path(error: &ErrorPath) -> String {
    match error {
        ErrorPath::Infallible => String::new(),
        ErrorPath::Propagate => " ?".into(),
        ErrorPath::Catch(label, reg) => format!(" catch {reg} -> L{}", label.0),
    }
}

impl JitCode {
    /// The text form of the instruction at `pc`.
    pub fn insn_text(&self, pc: usize) -> String {
        use Insn::*;
        let assign = |dst: &AnyReg, rhs: String| format!("{dst} = {rhs}");
        match &self.insns[pc] {
            IntConst { dst, value } => assign(dst, format!("int_const {value}")),
            FloatConst { dst, value } => assign(dst, format!("float_const {value:?}")),
            RefConst { dst, index } => {
                let what = match self.constant(*index) {
                    Some(r) => format!("#{index} <{}>", r.type_info().name),
                    None => "None".into(),
                };
                assign(dst, format!("ref_const {what}"))
            }
            Move { dst, src } => assign(dst, format!("{src}")),
            IntBin { op, dst, a, b } => assign(dst, format!("{} {a}, {b}", int_bin(*op))),
            IntCmp {
                op,
                signed,
                dst,
                a,
                b,
            } => assign(dst, format!("{} {a}, {b}", int_cmp(*op, *signed))),
            Shift {
                op,
                width,
                dst,
                a,
                b,
            } => assign(dst, format!("{} {a}, {b} ({})", shift(*op), width.name())),
            IntUn {
                not,
                width,
                dst,
                src,
            } => assign(dst, format!("{} {src} ({})", int_un(*not), width.name())),
            BoolNot { dst, src } => assign(dst, format!("bool_not {src}")),
            IntCast { width, dst, src } => {
                assign(dst, format!("int_cast {src} ({})", width.name()))
            }
            IntOvf {
                op,
                width,
                dst,
                a,
                b,
                on_overflow,
            } => assign(
                dst,
                format!(
                    "{} {a}, {b} ({}) else L{}",
                    ovf(*op),
                    width.name(),
                    on_overflow.0
                ),
            ),
            IntDiv {
                op,
                width,
                dst,
                a,
                b,
            } => assign(dst, format!("{} {a}, {b} ({})", div(*op), width.name())),
            FloatBin { op, dst, a, b } => assign(dst, format!("{} {a}, {b}", float_bin(*op))),
            FloatCmp { op, dst, a, b } => assign(dst, format!("{} {a}, {b}", float_cmp(*op))),
            FloatUn { op, dst, src } => assign(dst, format!("{} {src}", float_un(*op))),
            IntToFloat { width, dst, src } => {
                assign(dst, format!("int_to_float {src} ({})", width.name()))
            }
            FloatToInt { width, dst, src } => {
                assign(dst, format!("float_to_int {src} ({})", width.name()))
            }
            PtrEq { negate, dst, a, b } => {
                let name = if *negate { "ptr_ne" } else { "ptr_eq" };
                assign(dst, format!("{name} {a}, {b}"))
            }
            IsNull { dst, src } => assign(dst, format!("is_null {src}")),
            ClassIs { dst, src, info } => assign(dst, format!("class_is {src}, {}", info.name)),
            GetField { dst, obj, field } => assign(dst, format!("getfield {obj}, {field}")),
            SetField { obj, field, value } => format!("setfield {obj}, {field}, {value}"),
            ArrayLen { dst, array } => assign(dst, format!("arraylen {array}")),
            GetArrayItem {
                dst,
                array,
                index,
                descr,
            } => assign(dst, format!("getarrayitem {array}, {index}, {descr}")),
            SetArrayItem {
                array,
                index,
                value,
                descr,
            } => format!("setarrayitem {array}, {index}, {value}, {descr}"),
            Goto(label) => format!("goto L{}", label.0),
            GotoIfNot { cond, target } => format!("goto_if_not {cond}, L{}", target.0),
            Switch {
                value,
                cases,
                default,
            } => {
                let mut text = format!("switch {value}, [");
                for (i, (case, label)) in cases.iter().enumerate() {
                    let sep = if i == 0 { "" } else { ", " };
                    let _ = write!(text, "{sep}{case} -> L{}", label.0);
                }
                let _ = write!(text, "], else L{}", default.0);
                text
            }
            // The callee by name only: ids depend on registration order.
            CallJitCode {
                args,
                result,
                error,
                residual,
                ..
            } => {
                let call = format!(
                    "call_jitcode {}({}){}",
                    self.call_descrs[*residual as usize].name,
                    regs(args),
                    error_path(error)
                );
                match result {
                    Some(dst) => assign(dst, call),
                    None => call,
                }
            }
            CallResidual {
                descr,
                args,
                result,
                error,
            } => {
                let descr = &self.call_descrs[*descr as usize];
                let forces: String = descr
                    .forces
                    .iter()
                    .map(|f| format!(" force_virtualizable({})", args[f.arg]))
                    .collect();
                let elidable = if descr.elidable { " elidable" } else { "" };
                let call = format!(
                    "call_residual {}({}) {}{elidable}{}{}",
                    descr.name,
                    regs(args),
                    descr.effects,
                    forces,
                    error_path(error)
                );
                match result {
                    Some(dst) => assign(dst, call),
                    None => call,
                }
            }
            Return(Some(value)) => format!("return {value}"),
            Return(None) => "return".into(),
            ReturnErr(error) => format!("return_err {error}"),
            Panic(message) => format!("panic {message:?}"),
            JitMergePoint { greens, reds, .. } => {
                format!(
                    "jit_merge_point greens({}) reds({})",
                    regs(greens),
                    regs(reds)
                )
            }
            CanEnterJit { greens, reds } => {
                format!(
                    "can_enter_jit greens({}) reds({})",
                    regs(greens),
                    regs(reds)
                )
            }
            Promote(reg) => format!("promote {reg}"),
            WeAreJitted(dst) => assign(dst, "we_are_jitted".into()),
        }
    }
}

impl Display for JitCode {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let mut counts = [0u16; 3];
        let params: Vec<String> = self
            .params
            .iter()
            .map(|kind| {
                let reg = AnyReg {
                    kind: *kind,
                    index: counts[kind.index()],
                };
                counts[kind.index()] += 1;
                reg.to_string()
            })
            .collect();
        let value = self
            .returns
            .value
            .map_or("()".to_string(), |k| k.letter().to_string());
        let returns = if self.returns.fallible {
            format!("Result<{value}, r>")
        } else {
            value
        };
        writeln!(
            f,
            "jitcode {}({}) -> {}",
            self.name,
            params.join(", "),
            returns
        )?;
        let mut targets = vec![false; self.insns.len()];
        for insn in &self.insns {
            for label in insn.targets() {
                targets[label.pc()] = true;
            }
        }
        for (pc, &is_target) in targets.iter().enumerate() {
            if is_target {
                writeln!(f, "L{pc}:")?;
            }
            writeln!(f, "  {pc:>3}  {}", self.insn_text(pc))?;
        }
        Ok(())
    }
}

impl fmt::Debug for JitCode {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "JitCode({})", self.name)
    }
}
