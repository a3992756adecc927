//! The text form of traces, used by tests, snapshots and logs:
//!
//! ```text
//! loop main:4(i0, r1)
//!   i2 = int_add i0, 1
//!   i3 = int_lt i2, 1000
//!   guard_true i3 [__jitgen_portal_execute@104 arith@12]
//!   jump i2, r1
//! ```
//!
//! Reference constants print as their type (`<IntObj>`), never their address, so the text is
//! stable from run to run.

use std::fmt::{self, Display, Formatter};

use crate::jitcode::display as names;
use crate::trace::{Arg, Op, OpKind, TraceLoop};

impl TraceLoop {
    /// The variable `n` as text (`i3`, `r1`, `f0`).
    fn var(&self, n: u32) -> String {
        format!("{}{n}", self.kinds[n as usize].letter())
    }

    /// An operand as text.
    fn arg(&self, arg: Arg) -> String {
        match arg {
            Arg::Var(n) => self.var(n),
            Arg::Int(v) => v.to_string(),
            Arg::Float(v) => format!("{v:?}"),
            Arg::Ref(None) => "None".into(),
            Arg::Ref(Some(r)) => format!("<{}>", r.type_info().name),
        }
    }

    /// The text of one op.
    pub fn op_text(&self, op: &Op) -> String {
        let args = op
            .args
            .iter()
            .map(|a| self.arg(*a))
            .collect::<Vec<_>>()
            .join(", ");
        let name = match &op.kind {
            OpKind::IntBin(o) => names::int_bin(*o).to_string(),
            OpKind::IntCmp { op, signed } => names::int_cmp(*op, *signed),
            OpKind::Shift { op, width } => format!("{}({})", names::shift(*op), width.name()),
            OpKind::IntUn { not, width } => format!("{}({})", names::int_un(*not), width.name()),
            OpKind::BoolNot => "bool_not".into(),
            OpKind::IntCast(width) => format!("int_cast({})", width.name()),
            OpKind::IntDiv { op, width } => format!("{}({})", names::div(*op), width.name()),
            OpKind::IntOvf { op, width } => format!("{}({})", names::ovf(*op), width.name()),
            OpKind::FloatBin(o) => names::float_bin(*o).to_string(),
            OpKind::FloatCmp(o) => names::float_cmp(*o).to_string(),
            OpKind::FloatUn(o) => names::float_un(*o).to_string(),
            OpKind::IntToFloat(width) => format!("int_to_float({})", width.name()),
            OpKind::FloatToInt(width) => format!("float_to_int({})", width.name()),
            OpKind::PtrEq { negate } => if *negate { "ptr_ne" } else { "ptr_eq" }.into(),
            OpKind::IsNull => "is_null".into(),
            OpKind::ClassIs(info) => format!("class_is<{}>", info.name),
            OpKind::GetField(field) => format!("getfield {}.{}", field.owner, field.descr.name),
            OpKind::SetField(field) => format!("setfield {}.{}", field.owner, field.descr.name),
            OpKind::ArrayLen => "arraylen".into(),
            OpKind::GetArrayItem(descr) => format!("getarrayitem {}", descr.name),
            OpKind::SetArrayItem(descr) => format!("setarrayitem {}", descr.name),
            OpKind::Call(descr) => format!("call {}", descr.name),
            OpKind::GuardTrue => "guard_true".into(),
            OpKind::GuardFalse => "guard_false".into(),
            OpKind::GuardValue => "guard_value".into(),
            OpKind::GuardNoOverflow => "guard_no_overflow".into(),
            OpKind::GuardOverflow => "guard_overflow".into(),
            OpKind::GuardNoError => "guard_no_error".into(),
            OpKind::GuardError => "guard_error".into(),
            OpKind::SameAs => "same_as".into(),
            OpKind::Label => "label".into(),
            OpKind::Jump => "jump".into(),
        };
        let mut text = match op.result {
            Some(var) => format!("{} = {name}", self.var(var)),
            None => name,
        };
        if !args.is_empty() {
            text.push(' ');
            text.push_str(&args);
        }
        if let Some(resume) = &op.resume {
            let frames: Vec<String> = resume
                .frames
                .iter()
                .map(|f| format!("{}@{}", f.jitcode.name, f.pc))
                .collect();
            text.push_str(&format!(" [{}]", frames.join(" ")));
        }
        text
    }
}

impl Display for TraceLoop {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let inputs: Vec<String> = self.inputs.iter().map(|&v| self.var(v)).collect();
        write!(f, "loop {}({})", self.name, inputs.join(", "))?;
        if !self.entry_conditions.is_empty() {
            let conditions: Vec<String> = (self.entry_conditions.iter())
                .map(|(k, c)| format!("{} == {}", self.var(self.inputs[*k]), self.arg(*c)))
                .collect();
            write!(f, " entered when {}", conditions.join(", "))?;
        }
        writeln!(f)?;
        for op in &self.ops {
            writeln!(f, "  {}", self.op_text(op))?;
        }
        Ok(())
    }
}
