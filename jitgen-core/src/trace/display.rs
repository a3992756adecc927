//! The text form of traces, used by tests, snapshots, logs and [`TraceLoop::parse`]:
//!
//! ```text
//! loop count:2(r0, r1, i2) entered when r1 == <Ctx>
//!   i3 = int_lt i2, 1000
//!   guard_true i3 [execute@104 r0=r0 r1=r1; compare@9 i0=i2 i1=1000; vable<Frame> r0 sp=i2]
//!   guard_true i3 [same]
//!   r4 = call make_int i2
//!   guard_no_error [execute@104 r0=r0; int_arith@3 i0=i2; after_call r4]
//!   jump r0, r1, i2
//! ```
//!
//! The header names the loop, its inputs, and the constants some inputs are known to hold
//! whenever the loop is entered (`TraceLoop::entry_conditions`). A guard's resume data list
//! its frames outermost first, each as `jitcode@pc` and the registers it restores
//! (`reg=value`, registers holding zero or `None` are not listed); then, when the trace holds
//! a virtualizable's fields, `vable<Struct> object field=value array=[items]` (written
//! back to the object first); `virtual r5 = call Gc::new(S) i1, i2` per object the trace
//! left virtual (made, in this order, before resuming); `setfield S.f r1, i2` per store the
//! trace delayed past the guard (done, in this order, once the virtual objects are made);
//! `after_call v` (`after_call ()` for
//! a call without a result)
//! says that the innermost frame waits at a call and receives its outcome. `[same]`: the same
//! resume data (the same text) as the previous guard's; the tracer shares them when nothing
//! changed in between.
//!
//! A trace that ends by jumping into another compiled loop (`TraceLoop::jump_to`) says so
//! after its `jump`, as a comment: `jump r0, i2 ; to loop#3 NAME`.
//!
//! A reference constant prints as its type (`<IntObj>`), never its address, so the text is
//! stable from run to run; when a trace holds several objects of one type, they are numbered
//! in order of first appearance (`<IntObj#1>`, `<IntObj#2>`).

use std::collections::{HashMap, HashSet};
use std::fmt::{self, Display, Formatter};

use crate::gc::GcRef;
use crate::jitcode::display as names;
use crate::trace::{Arg, IndexCheck, Op, OpKind, ResumeData, TraceLoop, VableState};
use crate::virtualizable::VableLayout;

/// Prints the parts of one trace, with the labels of its reference constants.
struct Printer<'t> {
    trace: &'t TraceLoop,
    /// The label of each reference constant, by address (empty: type names only).
    labels: HashMap<usize, String>,
}

/// The labels of the reference constants of `trace` as its text shows them (inside `<..>`),
/// in order of first appearance: the type's name, numbered (`IntObj#2`) when the trace holds
/// several objects of that type.
pub(super) fn constant_labels(trace: &TraceLoop) -> Vec<(GcRef, String)> {
    let mut objects: Vec<GcRef> = Vec::new();
    let mut seen_addrs = HashSet::new();
    let entry = trace.entry_conditions.iter().map(|(_, c)| *c);
    for arg in entry.chain(trace.ops.iter().flat_map(op_args)) {
        if let Arg::Ref(Some(r)) = arg {
            if seen_addrs.insert(r.addr()) {
                objects.push(r);
            }
        }
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for object in &objects {
        *counts.entry(object.type_info().name).or_default() += 1;
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    objects
        .into_iter()
        .map(|object| {
            let name = object.type_info().name;
            let label = if counts[name] > 1 {
                let n = seen.entry(name).or_default();
                *n += 1;
                format!("{name}#{n}")
            } else {
                name.to_string()
            };
            (object, label)
        })
        .collect()
}

impl<'t> Printer<'t> {
    /// A printer labelling the reference constants as the whole trace's text does.
    fn new(trace: &'t TraceLoop) -> Printer<'t> {
        let labels = constant_labels(trace)
            .into_iter()
            .map(|(object, label)| (object.addr(), label))
            .collect();
        Printer { trace, labels }
    }

    /// A printer for ops on their own: reference constants show their type only.
    fn unnumbered(trace: &'t TraceLoop) -> Printer<'t> {
        Printer {
            trace,
            labels: HashMap::new(),
        }
    }

    /// The variable `n` as text (`i3`, `r1`, `f0`).
    fn var(&self, n: u32) -> String {
        format!("{}{n}", self.trace.kinds[n as usize].letter())
    }

    /// An operand as text.
    fn arg(&self, arg: Arg) -> String {
        match arg {
            Arg::Var(n) => self.var(n),
            Arg::Int(v) => v.to_string(),
            Arg::Float(v) => format!("{v:?}"),
            Arg::Ref(None) => "None".into(),
            Arg::Ref(Some(r)) => match self.labels.get(&r.addr()) {
                Some(label) => format!("<{label}>"),
                None => format!("<{}>", r.type_info().name),
            },
        }
    }

    /// The text of one op; `previous` is the text of the last resume data, if any (updated
    /// when this op has some).
    fn op(&self, op: &Op, previous: &mut Option<String>) -> String {
        let args = op
            .args
            .iter()
            .map(|a| self.arg(*a))
            .collect::<Vec<_>>()
            .join(", ");
        let name = op_name(&op.kind);
        let mut text = match op.result {
            Some(var) => format!("{} = {name}", self.var(var)),
            None => name,
        };
        if !args.is_empty() {
            text.push(' ');
            text.push_str(&args);
        }
        if let Some(resume) = &op.resume {
            let resume = self.resume(resume);
            if previous.as_ref() == Some(&resume) {
                text.push_str(" [same]");
            } else {
                text.push_str(&format!(" [{resume}]"));
                *previous = Some(resume);
            }
        }
        text
    }

    /// Resume data as text (without the brackets).
    fn resume(&self, resume: &ResumeData) -> String {
        let mut parts: Vec<String> = resume
            .frames
            .iter()
            .map(|f| {
                let mut text = format!("{}@{}", f.jitcode.name, f.pc);
                for (reg, arg) in &f.regs {
                    text.push_str(&format!(" {reg}={}", self.arg(*arg)));
                }
                text
            })
            .collect();
        if let Some(vable) = &resume.vable {
            parts.push(self.vable(vable));
        }
        for object in &resume.virtuals {
            let args: Vec<String> = object.args.iter().map(|a| self.arg(*a)).collect();
            parts.push(format!(
                "virtual {} = {} {}",
                self.var(object.var),
                op_name(&object.alloc.op_kind()),
                args.join(", ")
            ));
        }
        for store in &resume.pending {
            parts.push(format!(
                "{} {}, {}",
                op_name(&OpKind::SetField(store.field)),
                self.arg(store.object),
                self.arg(store.value)
            ));
        }
        if let Some((value, kind)) = resume.after_call {
            let value = match kind {
                Some(_) => self.arg(value),
                None => "()".into(),
            };
            parts.push(format!("after_call {value}"));
        }
        parts.join("; ")
    }

    /// The virtualizable's values in resume data: `vable<Frame> r0 sp=i2 slots=[r3, r4]`
    /// (the object, its fields, its arrays' items; not the arrays, which resuming reads
    /// again from the object).
    fn vable(&self, vable: &VableState) -> String {
        let mut text = format!(
            "vable<{}> {}",
            vable_name(vable.layout),
            self.arg(vable.object)
        );
        for (field, value) in vable.layout.fields.iter().zip(&vable.fields) {
            text.push_str(&format!(" {}={}", field.descr.name, self.arg(*value)));
        }
        for (array, (_, items)) in vable.layout.arrays.iter().zip(&vable.arrays) {
            let items: Vec<String> = items.iter().map(|a| self.arg(*a)).collect();
            text.push_str(&format!(
                " {}=[{}]",
                array.field.descr.name,
                items.join(", ")
            ));
        }
        text
    }

    /// The loop's header: `loop NAME(INPUTS)`, then its entry conditions if any
    /// (` entered when i2 == 5, r1 == <Ctx>`).
    fn header(&self) -> String {
        let trace = self.trace;
        let inputs: Vec<String> = trace.inputs.iter().map(|&v| self.var(v)).collect();
        let mut text = format!("loop {}({})", trace.name, inputs.join(", "));
        if !trace.entry_conditions.is_empty() {
            let conditions: Vec<String> = (trace.entry_conditions.iter())
                .map(|(k, c)| format!("{} == {}", self.var(trace.inputs[*k]), self.arg(*c)))
                .collect();
            text.push_str(&format!(" entered when {}", conditions.join(", ")));
        }
        text
    }
}

/// The name a virtualizable's layout goes by: its struct's (as its fields name it).
pub(super) fn vable_name(layout: &VableLayout) -> &'static str {
    let array_fields = layout.arrays.iter().map(|a| &a.field);
    (layout.fields.iter().chain(array_fields))
        .map(|f| f.owner)
        .next()
        .unwrap_or("")
}

/// Every operand of an op, its resume data's included, in text order.
pub(super) fn op_args(op: &Op) -> impl Iterator<Item = Arg> + '_ {
    let resume = op.resume.iter().flat_map(|r| {
        let regs = r.frames.iter().flat_map(|f| f.regs.iter().map(|(_, a)| *a));
        let vable = r.vable.iter().flat_map(|v| v.args());
        let virtuals = r.virtuals.iter().flat_map(|v| v.args.iter().copied());
        let pending = r.pending.iter().flat_map(|p| [p.object, p.value]);
        regs.chain(vable)
            .chain(virtuals)
            .chain(pending)
            .chain(r.after_call.map(|(a, _)| a))
    });
    op.args.iter().copied().chain(resume)
}

/// An op's name, with its descriptor or width.
/// What follows `getarrayitem`/`setarrayitem` in the name of an access with this check.
fn unchecked_suffix(check: IndexCheck) -> &'static str {
    match check {
        IndexCheck::Checked => "",
        IndexCheck::Proven => "_unchecked",
    }
}

pub(super) fn op_name(kind: &OpKind) -> String {
    match kind {
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
        OpKind::GetArrayItem(descr, check) => {
            format!("getarrayitem{} {}", unchecked_suffix(*check), descr.name)
        }
        OpKind::SetArrayItem(descr, check) => {
            format!("setarrayitem{} {}", unchecked_suffix(*check), descr.name)
        }
        OpKind::Call(descr) => format!("call {}", descr.name),
        OpKind::CallAssembler(call) => format!("call_assembler {}", call.name()),
        OpKind::New(info) => format!("new<{}>", info.name),
        OpKind::WriteBarrier => "write_barrier".into(),
        OpKind::GuardTrue => "guard_true".into(),
        OpKind::GuardFalse => "guard_false".into(),
        OpKind::GuardValue => "guard_value".into(),
        OpKind::GuardNoOverflow => "guard_no_overflow".into(),
        OpKind::GuardOverflow => "guard_overflow".into(),
        OpKind::GuardNoError => "guard_no_error".into(),
        OpKind::GuardError => "guard_error".into(),
        OpKind::Exit => "exit".into(),
        OpKind::Finish { error: false } => "finish".into(),
        OpKind::Finish { error: true } => "finish_error".into(),
        OpKind::GuardNotInvalidated => "guard_not_invalidated".into(),
        OpKind::SameAs => "same_as".into(),
        OpKind::Label => "label".into(),
        OpKind::Jump => "jump".into(),
        OpKind::DebugMergePoint(mark) => {
            format!("debug_merge_point({}) {}", mark.depth, mark.location)
        }
    }
}

impl TraceLoop {
    /// The text of one op on its own, its resume data in full. Reference constants show
    /// their type only (in the whole trace's text, several objects of one type are numbered).
    pub fn op_text(&self, op: &Op) -> String {
        Printer::unnumbered(self).op(op, &mut None)
    }
}

impl Display for TraceLoop {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let printer = Printer::new(self);
        writeln!(f, "{}", printer.header())?;
        let mut previous = None;
        for op in &self.ops {
            write!(f, "  {}", printer.op(op, &mut previous))?;
            match (&op.kind, &self.jump_to) {
                (OpKind::Jump, Some(target)) => writeln!(f, " ; to {target:?}")?,
                _ => writeln!(f)?,
            }
        }
        Ok(())
    }
}
