//! The reference backend: runs a trace by interpreting its ops, with the meaning every
//! executor shares (`jitcode::eval`, the blackhole's residual calls). Tests use it as the
//! oracle for native backends, and it runs loops where no native backend exists
//! (`--jit backend=reference`).
//!
//! [`run_trace`] runs a trace (a loop, or a bridge) once: to its final `jump`, whose values
//! are the loop's new inputs, or to a failing guard, with a [`DeadFrame`] holding the
//! variables' values then. [`ReferenceBackend`] runs loops that way, with their bridges.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::{
    finished_in, next_loop_number, Backend, DeadFrame, FailedOp, GuardFailure, LoopCode, RunEnd,
    TraceId,
};
use crate::blackhole::{call_residual, Outcome, Value};
use crate::jitcode::eval::{checked, divide, item_addr, load, new_object, store};
use crate::jitcode::shim::MAX_ARGS;
use crate::jitcode::ArrayDescr;
use crate::trace::{Arg, IndexCheck, OpKind, TraceLoop};

// `write_barrier` calls the GC's hook below.
const _: () = assert!(
    crate::gc::NEEDS_WRITE_BARRIER,
    "the reference backend calls the barrier"
);

/// The reference backend's name.
pub const NAME: &str = "reference";

/// The backend that interprets traces.
pub struct ReferenceBackend;

impl Backend for ReferenceBackend {
    fn name(&self) -> &'static str {
        NAME
    }

    fn compile_loop(&self, trace: Rc<TraceLoop>) -> Box<dyn LoopCode> {
        Box::new(ReferenceLoop {
            number: next_loop_number(),
            trace,
            bridges: RefCell::default(),
        })
    }
}

/// A loop and its bridges, interpreted. A trace that jumps to another loop hands the jump to
/// the caller ([`RunEnd::Jumped`]).
struct ReferenceLoop {
    number: u32,
    trace: Rc<TraceLoop>,
    bridges: RefCell<Bridges>,
}

/// The bridges of a [`ReferenceLoop`]: in attachment order, and by their guards.
#[derive(Default)]
struct Bridges {
    traces: Vec<(Rc<TraceLoop>, Vec<u32>)>,
    by_guard: HashMap<(TraceId, usize), u32>,
}

impl ReferenceLoop {
    fn trace(&self, id: TraceId) -> Rc<TraceLoop> {
        match id {
            TraceId::Loop => self.trace.clone(),
            TraceId::Bridge(n) => self.bridges.borrow().traces[n as usize].0.clone(),
        }
    }
}

impl LoopCode for ReferenceLoop {
    fn number(&self) -> u32 {
        self.number
    }

    /// None: other code never enters an interpreted loop directly.
    fn jump_handle(&self) -> std::rc::Weak<dyn std::any::Any> {
        std::rc::Weak::<()>::new()
    }

    fn run(&self, inputs: &[Value]) -> RunEnd {
        let mut frame = DeadFrame::new(&self.trace, inputs);
        let mut current = (TraceId::Loop, self.trace.clone());
        loop {
            let guard = match run_trace(&current.1, &mut frame) {
                RunExit::Jumped if current.1.jump_to.is_some() => {
                    let to = current.1.jump_to.as_ref().expect("a jump target").number;
                    return RunEnd::Jumped {
                        to,
                        inputs: frame.jumped().to_vec(),
                    };
                }
                RunExit::Jumped => {
                    if current.0 != TraceId::Loop {
                        let mut next = DeadFrame::new(&self.trace, frame.jumped());
                        std::mem::swap(&mut frame, &mut next);
                        current = (TraceId::Loop, self.trace.clone());
                    } else {
                        frame.restart(&self.trace);
                    }
                    continue;
                }
                RunExit::GuardFailed(guard) => guard,
            };
            if let Some(outcome) = finished_in(&current.1.ops[guard], &frame) {
                return RunEnd::Finished(outcome);
            }
            let bridge = self
                .bridges
                .borrow()
                .by_guard
                .get(&(current.0, guard))
                .copied();
            let Some(n) = bridge else {
                return RunEnd::Failed(GuardFailure {
                    in_loop: self.number,
                    trace: current.0,
                    guard,
                    op: FailedOp::of(&current.1.ops[guard]),
                    frame,
                });
            };
            let (trace, values) = {
                let bridges = self.bridges.borrow();
                let (trace, inputs) = &bridges.traces[n as usize];
                let values: Vec<Value> = inputs.iter().map(|v| frame.value(Arg::Var(*v))).collect();
                (trace.clone(), values)
            };
            frame = DeadFrame::new(&trace, &values);
            current = (TraceId::Bridge(n), trace);
        }
    }

    fn attach_bridge(
        &self,
        origin: TraceId,
        guard: usize,
        bridge: Rc<TraceLoop>,
        inputs: Vec<u32>,
    ) -> TraceId {
        debug_assert!(self.trace(origin).ops[guard].kind.is_guard());
        let mut bridges = self.bridges.borrow_mut();
        let n = bridges.traces.len() as u32;
        bridges.traces.push((bridge, inputs));
        let previous = bridges.by_guard.insert((origin, guard), n);
        assert!(previous.is_none(), "jitgen: a guard got two bridges");
        TraceId::Bridge(n)
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
    let label = trace.label();
    {
        let mut index = 0;
        while let Some(op) = trace.ops.get(index) {
            index += 1;
            let a = |i: usize| op.args[i];
            let pure = op.kind.pure_value(|i| frame.value(a(i)));
            let result: Option<Value> = match &op.kind {
                _ if pure.is_some() => pure,
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
                OpKind::GetArrayItem(descr, check) => {
                    let addr = checked_item(frame.object(a(0)), frame.int(a(1)), descr, *check);
                    // SAFETY: a checked index into an array of this descriptor.
                    Some(unsafe { load(addr, descr.item_kind) })
                }
                OpKind::SetArrayItem(descr, check) => {
                    let addr = checked_item(frame.object(a(0)), frame.int(a(1)), descr, *check);
                    // SAFETY: as for `GetArrayItem`; the items are cells.
                    unsafe { store(addr, descr.item_kind, frame.value(a(2))) };
                    None
                }
                OpKind::Call(_) | OpKind::CallAssembler(_) => {
                    let mut args = [Value::Void; MAX_ARGS];
                    for (slot, arg) in args.iter_mut().zip(&op.args) {
                        *slot = frame.value(*arg);
                    }
                    let args = &args[..op.args.len()];
                    let (outcome, result) = match &op.kind {
                        OpKind::Call(descr) => (call_residual(descr, args), descr.result),
                        OpKind::CallAssembler(call) => ((call.run)(call, args), call.call.result),
                        _ => unreachable!("a call"),
                    };
                    match outcome {
                        Outcome::Return(value) => {
                            frame.last_error = None;
                            Some(value)
                        }
                        Outcome::Err(e) => {
                            frame.last_error = Some(e);
                            result.map(|_| Value::Int(0))
                        }
                        Outcome::MergePoint(_) => unreachable!("a residual call returns"),
                    }
                }
                OpKind::New(info) => {
                    let values: Vec<Value> = op.args.iter().map(|a| frame.value(*a)).collect();
                    Some(Value::Ref(Some(new_object(info, &values))))
                }
                // The stores themselves do not call the hook: a missing barrier op shows.
                OpKind::WriteBarrier => {
                    crate::gc::write_barrier(frame.object(a(0)));
                    None
                }
                OpKind::DebugMergePoint(_) => None,
                OpKind::GuardTrue | OpKind::GuardFalse => {
                    let want = matches!(op.kind, OpKind::GuardTrue);
                    if (frame.int(a(0)) != 0) != want {
                        return RunExit::GuardFailed(index - 1);
                    }
                    None
                }
                OpKind::GuardValue => {
                    if frame.value(a(0)).word() != frame.value(a(1)).word() {
                        return RunExit::GuardFailed(index - 1);
                    }
                    None
                }
                OpKind::GuardNoOverflow | OpKind::GuardOverflow => {
                    if overflowed != matches!(op.kind, OpKind::GuardOverflow) {
                        return RunExit::GuardFailed(index - 1);
                    }
                    None
                }
                OpKind::GuardNoError => {
                    if frame.last_error.is_some() {
                        return RunExit::GuardFailed(index - 1);
                    }
                    None
                }
                OpKind::GuardError => match frame.last_error.take() {
                    Some(e) => Some(Value::Ref(Some(e))),
                    None => return RunExit::GuardFailed(index - 1),
                },
                OpKind::Exit | OpKind::Finish { .. } => return RunExit::GuardFailed(index - 1),
                OpKind::GuardNotInvalidated => {
                    if trace.invalidation.is_invalid() {
                        return RunExit::GuardFailed(index - 1);
                    }
                    None
                }
                OpKind::SameAs => Some(frame.value(a(0))),
                OpKind::Label => None,
                OpKind::Jump if label.is_some() => {
                    let label = label.expect("a label");
                    let values: Vec<Value> = op.args.iter().map(|a| frame.value(*a)).collect();
                    for (var, value) in trace.ops[label].args.iter().zip(values) {
                        let Arg::Var(var) = var else {
                            unreachable!("a label's operands are variables")
                        };
                        frame.set(*var, value);
                    }
                    index = label + 1;
                    None
                }
                OpKind::Jump => {
                    let mut values = std::mem::take(&mut frame.jumped);
                    values.clear();
                    values.extend(op.args.iter().map(|a| frame.value(*a)));
                    frame.jumped = values;
                    return RunExit::Jumped;
                }
                _ => unreachable!("pure_value computes the value ops"),
            };
            if let (Some(var), Some(value)) = (op.result, result) {
                frame.set(var, value);
            }
        }
    }
    unreachable!("a verified trace ends with a jump")
}

/// The address of item `index` of `array` for an access with `check`. An index the optimizer
/// proved in bounds is checked here all the same, with a message of its own: this backend is
/// the oracle the native one is tested against, so a wrong proof shows as a difference.
fn checked_item(array: usize, index: i64, descr: &ArrayDescr, check: IndexCheck) -> usize {
    if check == IndexCheck::Proven {
        // SAFETY: an array object starts with its length word.
        let len = unsafe { *(array as *const usize) };
        assert!(
            (index as u64) < len as u64,
            "jitgen: index {index} proven in bounds is out of bounds (len {len})"
        );
    }
    item_addr(array, index, descr.item_size)
}
