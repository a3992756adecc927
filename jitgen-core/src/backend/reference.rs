//! The reference backend: runs a trace by interpreting its ops, with the meaning every
//! executor shares (`jitcode::eval`, the blackhole's residual calls). Tests use it as the
//! oracle for native backends, and it runs loops where no native backend exists.
//!
//! [`run_trace`] runs a trace (a loop, or a bridge) once: to its final `jump`, whose values
//! are the loop's new inputs, or to a failing guard, with a [`DeadFrame`] holding the
//! variables' values then, from which the guard's resume data rebuilds the interpreter's
//! frames (or a bridge attached to the guard continues).

use crate::blackhole::{call_residual, Outcome, Value};
use crate::gc::{GcRef, RootedSlots};
use crate::jitcode::eval::{
    checked, divide, float_bin, float_cmp, float_to_int, float_un, int_bin, int_compare,
    int_to_float, int_un, item_addr, load, shift, store,
};
use crate::jitcode::shim::MAX_ARGS;
use crate::jitcode::Kind;
use crate::trace::{Arg, OpKind, TraceLoop};

/// The variables of a running trace, and their values when a guard failed. References are
/// rooted while it exists. One frame serves every iteration of a loop.
pub struct DeadFrame {
    kinds: Vec<Kind>,
    words: Vec<u64>,
    refs: RootedSlots,
    /// The error of the last residual call (for a failing `guard_no_error`).
    pub last_error: Option<GcRef>,
    /// The values the last `jump` passed.
    jumped: Vec<Value>,
}

impl DeadFrame {
    /// Variables for `trace`, its inputs set to `inputs`.
    pub fn new(trace: &TraceLoop, inputs: &[Value]) -> DeadFrame {
        let kinds = &trace.kinds;
        let mut frame = DeadFrame {
            kinds: kinds.to_vec(),
            words: vec![0; kinds.len()],
            refs: RootedSlots::new(kinds.len()),
            last_error: None,
            jumped: Vec::with_capacity(trace.jump_arity),
        };
        frame.set_inputs(trace, inputs);
        frame
    }

    /// Sets the inputs of `trace` (this frame's trace).
    pub fn set_inputs(&mut self, trace: &TraceLoop, inputs: &[Value]) {
        for (&var, value) in trace.inputs.iter().zip(inputs) {
            self.set(var, *value);
        }
    }

    /// The values the last `jump` passed.
    pub fn jumped(&self) -> &[Value] {
        &self.jumped
    }

    /// Starts the next iteration of this frame's loop `trace`: the jumped values become its
    /// inputs.
    pub fn restart(&mut self, trace: &TraceLoop) {
        let jumped = std::mem::take(&mut self.jumped);
        self.set_inputs(trace, &jumped);
        self.jumped = jumped;
    }

    /// The kind of every variable.
    pub fn kinds(&self) -> &[Kind] {
        &self.kinds
    }

    /// The value of an operand.
    pub fn value(&self, arg: Arg) -> Value {
        match arg {
            Arg::Var(n) => match self.kinds[n as usize] {
                Kind::Int => Value::Int(self.words[n as usize] as i64),
                Kind::Float => Value::Float(f64::from_bits(self.words[n as usize])),
                Kind::Ref => Value::Ref(self.refs.get(n as usize)),
            },
            Arg::Int(v) => Value::Int(v),
            Arg::Float(v) => Value::Float(v),
            Arg::Ref(r) => Value::Ref(r),
        }
    }

    fn set(&mut self, var: u32, value: Value) {
        let n = var as usize;
        if self.kinds[n] == Kind::Ref {
            self.refs.set(n, value.as_ref().flatten());
        }
        self.words[n] = value.word();
    }

    fn int(&self, arg: Arg) -> i64 {
        self.value(arg).word() as i64
    }

    fn float(&self, arg: Arg) -> f64 {
        f64::from_bits(self.value(arg).word())
    }

    /// The address of the object an operand refers to (panics on `None`, like the blackhole).
    fn object(&self, arg: Arg) -> usize {
        match self.value(arg) {
            Value::Ref(Some(r)) => r.addr(),
            _ => panic!("jitgen: compiled loop: dereference of None"),
        }
    }
}

/// How one run of a trace ended.
pub enum RunExit {
    /// The final `jump`: its values (the loop's next inputs) are in [`DeadFrame::jumped`].
    Jumped,
    /// The guard at this op index failed; the frame holds the values.
    GuardFailed(usize),
}

/// Runs `trace` once in `frame` (whose inputs are set): to its `jump`, or to a failing guard.
pub fn run_trace(trace: &TraceLoop, frame: &mut DeadFrame) -> RunExit {
    let mut overflowed = false;
    {
        for (index, op) in trace.ops.iter().enumerate() {
            let a = |i: usize| op.args[i];
            let result: Option<Value> = match &op.kind {
                OpKind::IntBin(o) => {
                    Some(Value::Int(int_bin(*o, frame.int(a(0)), frame.int(a(1)))))
                }
                OpKind::IntCmp { op: o, signed } => {
                    Some(Value::Int(
                        int_compare(*o, *signed, frame.int(a(0)), frame.int(a(1))) as i64,
                    ))
                }
                OpKind::Shift { op: o, width } => Some(Value::Int(shift(
                    *o,
                    *width,
                    frame.int(a(0)),
                    frame.int(a(1)),
                ))),
                OpKind::IntUn { not, width } => {
                    Some(Value::Int(int_un(*not, *width, frame.int(a(0)))))
                }
                OpKind::BoolNot => Some(Value::Int((frame.int(a(0)) == 0) as i64)),
                OpKind::IntCast(width) => Some(Value::Int(width.wrap(frame.int(a(0))))),
                OpKind::IntDiv { op: o, width } => Some(Value::Int(divide(
                    *o,
                    *width,
                    frame.int(a(0)),
                    frame.int(a(1)),
                ))),
                OpKind::IntOvf { op: o, width } => {
                    match checked(*o, *width, frame.int(a(0)), frame.int(a(1))) {
                        Some(v) => {
                            overflowed = false;
                            Some(Value::Int(v))
                        }
                        None => {
                            overflowed = true;
                            Some(Value::Int(0))
                        }
                    }
                }
                OpKind::FloatBin(o) => Some(Value::Float(float_bin(
                    *o,
                    frame.float(a(0)),
                    frame.float(a(1)),
                ))),
                OpKind::FloatCmp(o) => {
                    Some(Value::Int(
                        float_cmp(*o, frame.float(a(0)), frame.float(a(1))) as i64,
                    ))
                }
                OpKind::FloatUn(o) => Some(Value::Float(float_un(*o, frame.float(a(0))))),
                OpKind::IntToFloat(width) => {
                    Some(Value::Float(int_to_float(*width, frame.int(a(0)))))
                }
                OpKind::FloatToInt(width) => {
                    Some(Value::Int(float_to_int(*width, frame.float(a(0)))))
                }
                OpKind::PtrEq { negate } => {
                    let same = frame.value(a(0)).word() == frame.value(a(1)).word();
                    Some(Value::Int((same != *negate) as i64))
                }
                OpKind::IsNull => Some(Value::Int((frame.value(a(0)).word() == 0) as i64)),
                OpKind::ClassIs(info) => {
                    let is = match frame.value(a(0)) {
                        Value::Ref(Some(r)) => std::ptr::eq(r.type_info(), *info),
                        _ => false,
                    };
                    Some(Value::Int(is as i64))
                }
                OpKind::GetField(field) => {
                    let addr = frame.object(a(0)) + field.descr.offset;
                    // SAFETY: the tracer took the descriptor from the object's layout type.
                    Some(unsafe { load(addr, field.descr.kind) })
                }
                OpKind::SetField(field) => {
                    let addr = frame.object(a(0)) + field.descr.offset;
                    // SAFETY: as for `GetField`; the field is a cell.
                    unsafe { store(addr, field.descr.kind, frame.value(a(1))) };
                    None
                }
                OpKind::ArrayLen => {
                    // SAFETY: an array object starts with its length word.
                    Some(Value::Int(
                        unsafe { *(frame.object(a(0)) as *const usize) } as i64
                    ))
                }
                OpKind::GetArrayItem(descr) => {
                    let addr = item_addr(frame.object(a(0)), frame.int(a(1)), descr.item_size);
                    // SAFETY: a checked index into an array of this descriptor.
                    Some(unsafe { load(addr, descr.item_kind) })
                }
                OpKind::SetArrayItem(descr) => {
                    let addr = item_addr(frame.object(a(0)), frame.int(a(1)), descr.item_size);
                    // SAFETY: as for `GetArrayItem`; the items are cells.
                    unsafe { store(addr, descr.item_kind, frame.value(a(2))) };
                    None
                }
                OpKind::Call(descr) => {
                    let mut args = [Value::Void; MAX_ARGS];
                    for (slot, arg) in args.iter_mut().zip(&op.args) {
                        *slot = frame.value(*arg);
                    }
                    match call_residual(descr, &args[..op.args.len()]) {
                        Outcome::Return(value) => {
                            frame.last_error = None;
                            Some(value)
                        }
                        Outcome::Err(e) => {
                            frame.last_error = Some(e);
                            descr.result.map(|_| Value::Int(0))
                        }
                        Outcome::MergePoint(_) => unreachable!("a residual call returns"),
                    }
                }
                OpKind::GuardTrue | OpKind::GuardFalse => {
                    let want = matches!(op.kind, OpKind::GuardTrue);
                    if (frame.int(a(0)) != 0) != want {
                        return RunExit::GuardFailed(index);
                    }
                    None
                }
                OpKind::GuardValue => {
                    if frame.value(a(0)).word() != frame.value(a(1)).word() {
                        return RunExit::GuardFailed(index);
                    }
                    None
                }
                OpKind::GuardNoOverflow | OpKind::GuardOverflow => {
                    if overflowed != matches!(op.kind, OpKind::GuardOverflow) {
                        return RunExit::GuardFailed(index);
                    }
                    None
                }
                OpKind::GuardNoError => {
                    if frame.last_error.is_some() {
                        return RunExit::GuardFailed(index);
                    }
                    None
                }
                OpKind::GuardError => match frame.last_error.take() {
                    Some(e) => Some(Value::Ref(Some(e))),
                    None => return RunExit::GuardFailed(index),
                },
                OpKind::Jump => {
                    let mut values = std::mem::take(&mut frame.jumped);
                    values.clear();
                    values.extend(op.args.iter().map(|a| frame.value(*a)));
                    frame.jumped = values;
                    return RunExit::Jumped;
                }
            };
            if let (Some(var), Some(value)) = (op.result, result) {
                frame.set(var, value);
            }
        }
    }
    unreachable!("a verified trace ends with a jump")
}
