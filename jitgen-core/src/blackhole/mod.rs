//! The blackhole interpreter: runs jitcode concretely (design brief §3).
//!
//! A guard failure resumes here: the frames rebuilt from resume data run from the guard's pc,
//! innermost first, and the outermost one stops at the next `jit_merge_point` so the native
//! interpreter continues ([`Mode::UntilMergePoint`]). The same interpreter runs whole programs
//! in blackhole-everything mode ([`Mode::Complete`]), which checks the staging of the
//! interpreter without any tracing.
//!
//! **Rooting.** Integer and float registers live in plain vectors. Reference registers live in
//! [`RootedSlots`] owned by the [`Frame`]: malloc'd slots registered with the collector, so a
//! frame is rooted wherever it is (on the native stack, or parked in a [`SuspendedFrame`])
//! and creating one allocates nothing on the GC heap (under GC stress, a blackholed call does
//! not trigger a collection). Reference constants are rooted by their jitcode.
//!
//! Operations that panic natively (division by zero, index out of bounds, `unwrap` of `None`)
//! panic here with the same message.

use std::rc::Rc;

use crate::gc::{GcRef, RootedSlots};
use crate::jitcode::eval::{
    checked, divide, float_bin, float_cmp, float_to_int, float_un, int_bin, int_compare,
    int_to_float, int_un, item_addr, load, shift, store_into,
};
use crate::jitcode::registry::NativeResume;
use crate::jitcode::shim::{call_shim, MAX_ARGS};
use crate::jitcode::{AnyReg, CallDescr, ErrorPath, Insn, JitCode, JitCodeId, Kind, Registry};

pub use crate::jitcode::Value;

#[cfg(test)]
mod tests;

/// How far to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Until the function returns (merge points are no-ops): blackhole-everything mode.
    Complete,
    /// Until the outermost frame reaches a `jit_merge_point` (or returns): resuming after a
    /// guard failure, before the native interpreter continues.
    UntilMergePoint,
}

/// How a run ended.
#[derive(Debug)]
pub enum Outcome {
    /// The function returned (the `Ok` value for functions returning `Result`).
    Return(Value),
    /// The function returned `Err(error)`.
    Err(GcRef),
    /// The outermost frame reached a merge point ([`Mode::UntilMergePoint`]).
    MergePoint(MergePointExit),
}

/// The state at a `jit_merge_point`: the green and red values the native interpreter
/// continues with. Keep it on the stack (it holds the frame's reference registers).
#[derive(Debug)]
pub struct MergePointExit {
    pub(crate) frame: Frame,
    pub(crate) pc: usize,
}

impl MergePointExit {
    /// The index of the merge point instruction.
    pub fn pc(&self) -> usize {
        self.pc
    }

    fn lists(&self) -> (&[AnyReg], &[AnyReg]) {
        match &self.frame.code.insns[self.pc] {
            Insn::JitMergePoint { greens, reds, .. } => (greens, reds),
            _ => (&[], &[]),
        }
    }

    /// The number of green variables.
    pub fn num_greens(&self) -> usize {
        self.lists().0.len()
    }

    /// The number of red variables.
    pub fn num_reds(&self) -> usize {
        self.lists().1.len()
    }

    /// The green values, in order.
    pub fn greens(&self) -> impl Iterator<Item = Value> + '_ {
        self.lists().0.iter().map(|&reg| self.frame.get(reg))
    }

    /// The red values, in order.
    pub fn reds(&self) -> impl Iterator<Item = Value> + '_ {
        self.lists().1.iter().map(|&reg| self.frame.get(reg))
    }

    /// The driver's variables' values: the greens, then the reds.
    pub fn values(&self) -> impl Iterator<Item = Value> + '_ {
        let (greens, reds) = self.lists();
        (greens.iter().chain(reds)).map(|&reg| self.frame.get(reg))
    }
}

/// The registers of one jitcode activation. Keep it on the native stack: its reference
/// registers are a GC array found by the stack scan (use [`SuspendedFrame`] to park it
/// elsewhere).
#[derive(Debug)]
pub struct Frame {
    code: Rc<JitCode>,
    regs: Registers,
}

/// A frame's register files. Frames come and go at every call, so their storage is recycled
/// through a small per-thread pool instead of being allocated each time.
#[derive(Debug)]
struct Registers {
    ints: Vec<i64>,
    floats: Vec<f64>,
    /// At least as many slots as the code has reference registers; unused ones stay `None`.
    refs: RootedSlots,
}

/// Spare register files kept for reuse (at most this many).
const SPARE_REGISTERS: usize = 64;

thread_local! {
    static SPARE: std::cell::RefCell<Vec<Registers>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Registers {
    /// Zeroed register files of the given sizes, recycled when possible.
    fn take(ints: usize, floats: usize, refs: usize) -> Registers {
        let spare = SPARE.with(|spare| spare.borrow_mut().pop());
        match spare {
            Some(mut regs) if regs.refs.len() >= refs => {
                regs.ints.resize(ints, 0);
                regs.floats.resize(floats, 0.0);
                regs
            }
            _ => Registers {
                ints: vec![0; ints],
                floats: vec![0.0; floats],
                refs: RootedSlots::new(refs.max(16)),
            },
        }
    }
}

impl Drop for Frame {
    fn drop(&mut self) {
        let regs = std::mem::replace(
            &mut self.regs,
            Registers {
                ints: Vec::new(),
                floats: Vec::new(),
                refs: RootedSlots::empty(),
            },
        );
        recycle(regs, self.code.num_regs.reference as usize);
    }
}

/// Returns register files to the pool: integer and float files emptied, the `used` reference
/// slots cleared (so the pool keeps nothing alive).
fn recycle(mut regs: Registers, used: usize) {
    if regs.refs.is_empty() {
        return;
    }
    regs.ints.clear();
    regs.floats.clear();
    for i in 0..used.min(regs.refs.len()) {
        regs.refs.set(i, None);
    }
    // A thread being torn down may have dropped the pool already.
    let _ = SPARE.try_with(|spare| {
        let mut spare = spare.borrow_mut();
        if spare.len() < SPARE_REGISTERS {
            spare.push(regs);
        }
    });
}

impl Frame {
    /// Fresh registers (all zero / `None`) for `code`.
    pub fn new(code: Rc<JitCode>) -> Frame {
        let n = code.num_regs;
        Frame {
            regs: Registers::take(n.int as usize, n.float as usize, n.reference as usize),
            code,
        }
    }

    /// A frame for `code` with its parameters set to `args` (in parameter order).
    pub fn with_args(code: Rc<JitCode>, args: &[Value]) -> Frame {
        let mut frame = Frame::new(code);
        let mut counts = [0u16; 3];
        let kinds = frame.code.params.clone();
        for (kind, value) in kinds.into_iter().zip(args) {
            let index = counts[kind.index()];
            counts[kind.index()] += 1;
            frame.set(AnyReg { kind, index }, *value);
        }
        frame
    }

    /// The jitcode these registers belong to.
    pub fn code(&self) -> &Rc<JitCode> {
        &self.code
    }

    /// Reads a register.
    pub fn get(&self, reg: AnyReg) -> Value {
        let i = reg.index as usize;
        match reg.kind {
            Kind::Int => Value::Int(self.regs.ints[i]),
            Kind::Float => Value::Float(self.regs.floats[i]),
            Kind::Ref => Value::Ref(self.regs.refs.get(i)),
        }
    }

    /// Writes a register (the value is converted to the register's kind by its word).
    pub fn set(&mut self, reg: AnyReg, value: Value) {
        self.set_word(reg, value.word());
    }

    /// Writes a register as a word (a reference register: 0 or a live object's address).
    pub fn set_word(&mut self, reg: AnyReg, word: u64) {
        let i = reg.index as usize;
        match reg.kind {
            Kind::Int => self.regs.ints[i] = word as i64,
            Kind::Float => self.regs.floats[i] = f64::from_bits(word),
            Kind::Ref => self
                .regs
                .refs
                .set(i, Value::from_word(Kind::Ref, word).as_ref().flatten()),
        }
    }

    #[inline]
    fn int(&self, reg: AnyReg) -> i64 {
        self.regs.ints[reg.index as usize]
    }

    #[inline]
    fn float(&self, reg: AnyReg) -> f64 {
        self.regs.floats[reg.index as usize]
    }

    #[inline]
    fn reference(&self, reg: AnyReg) -> Option<GcRef> {
        self.regs.refs.get(reg.index as usize)
    }

    /// The address of a reference register's object, which the code dereferences.
    fn object(&self, reg: AnyReg) -> usize {
        match self.reference(reg) {
            Some(r) => r.addr(),
            None => panic!(
                "jitgen: blackhole: {}: dereference of None in {reg}",
                self.code.name
            ),
        }
    }

    #[inline]
    fn set_int(&mut self, reg: AnyReg, value: i64) {
        self.regs.ints[reg.index as usize] = value;
    }

    #[inline]
    fn set_float(&mut self, reg: AnyReg, value: f64) {
        self.regs.floats[reg.index as usize] = value;
    }

    #[inline]
    fn set_ref(&mut self, reg: AnyReg, value: Option<GcRef>) {
        self.regs.refs.set(reg.index as usize, value);
    }
}

/// A frame parked off the native stack (e.g. in a list of frames rebuilt from resume data),
/// paused at `pc`. Its reference registers are rooted.
pub struct SuspendedFrame {
    frame: Frame,
    pc: usize,
}

impl SuspendedFrame {
    /// Parks `frame`, to be resumed at `pc`. For a frame that is not the innermost, `pc` is
    /// the call instruction waiting for its callee's outcome.
    pub fn new(frame: Frame, pc: usize) -> SuspendedFrame {
        SuspendedFrame { frame, pc }
    }

    fn unpark(self) -> (Frame, usize) {
        (self.frame, self.pc)
    }
}

/// Calls the jitcode `id` with `args` and runs it from its start.
pub fn call(registry: &Registry, id: JitCodeId, args: &[Value], mode: Mode) -> Outcome {
    let frame = Frame::with_args(registry.get(id), args);
    run(registry, frame, 0, mode)
}

/// Resumes a stack of frames (`stack[0]` outermost): the innermost runs from its pc, each
/// outer one receives its callee's outcome at its call instruction and continues. Inner frames
/// run to completion; `mode` applies to the outermost.
pub fn resume(registry: &Registry, mut stack: Vec<SuspendedFrame>, mode: Mode) -> Outcome {
    resume_with(registry, &mut stack, None, mode)
}

/// [`resume`], except that with `pending`, the innermost frame is at a call instruction and
/// receives `pending` as the call's outcome instead of running it (a guard after a residual
/// call failed: the call happened, its result differs from the traced one). `stack` is
/// left empty (its storage may serve again).
pub fn resume_with(
    registry: &Registry,
    stack: &mut Vec<SuspendedFrame>,
    pending: Option<Outcome>,
    mode: Mode,
) -> Outcome {
    let Some(innermost) = stack.pop() else {
        return Outcome::Return(Value::Void);
    };
    let (mut frame, pc) = innermost.unpark();
    let mut outcome = match pending {
        None => run_parked(registry, frame, pc, stack.is_empty(), mode),
        Some(pending) => match deliver(&mut frame, pc, pending) {
            Ok(next) => run_parked(registry, frame, next, stack.is_empty(), mode),
            Err(propagated) => propagated,
        },
    };
    while let Some(parked) = stack.pop() {
        let (mut frame, pc) = parked.unpark();
        outcome = match deliver(&mut frame, pc, outcome) {
            Ok(next) => run_parked(registry, frame, next, stack.is_empty(), mode),
            Err(propagated) => propagated,
        };
    }
    outcome
}

/// Runs a frame of a resumed stack from `pc`: the outermost in `mode`, the others to their
/// end. An inner call of a portal runs only to its next merge point in the blackhole
/// interpreter, then natively from there (when the portal allows it).
fn run_parked(
    registry: &Registry,
    frame: Frame,
    pc: usize,
    outermost: bool,
    mode: Mode,
) -> Outcome {
    if outermost {
        return run(registry, frame, pc, mode);
    }
    let Some(resume) = registry.native_resume(&frame.code) else {
        return run(registry, frame, pc, Mode::Complete);
    };
    let result = frame.code.returns.value;
    match run(registry, frame, pc, Mode::UntilMergePoint) {
        Outcome::MergePoint(exit) => continue_natively(resume, exit, result),
        done => done,
    }
}

/// Runs a portal call natively (`resume`) from the merge point `exit` reached, to its end;
/// `result` is the kind of what the portal returns.
pub(crate) fn continue_natively(
    resume: NativeResume,
    exit: MergePointExit,
    result: Option<Kind>,
) -> Outcome {
    let values: Vec<Value> = exit.values().collect();
    // The exit's frame keeps the references alive on the way (`values` is on the malloc
    // heap); the callee's own frame holds them from then on.
    // SAFETY: the values are the driver's variables at a merge point of this portal.
    let (value, error) = unsafe { resume(&values) };
    drop(exit);
    outcome_of_words(value, error, result)
}

/// The outcome a call returned as two words (value, error address), `result` being the kind
/// of its value.
pub(crate) fn outcome_of_words(value: u64, error: u64, result: Option<Kind>) -> Outcome {
    match Value::from_word(Kind::Ref, error) {
        Value::Ref(Some(error)) => Outcome::Err(error),
        _ => Outcome::Return(result.map_or(Value::Void, |kind| Value::from_word(kind, value))),
    }
}

/// Gives a finished callee's outcome to the call instruction at `pc`: the pc to continue at,
/// or the outcome of this frame when the error propagates.
pub(crate) fn deliver(frame: &mut Frame, pc: usize, outcome: Outcome) -> Result<usize, Outcome> {
    let (result, error) = match &frame.code.insns[pc] {
        Insn::CallJitCode { result, error, .. } | Insn::CallResidual { result, error, .. } => {
            (*result, *error)
        }
        other => panic!("jitgen: blackhole: resuming at a non-call instruction {other:?}"),
    };
    match outcome {
        Outcome::Return(value) => {
            if let Some(dst) = result {
                frame.set(dst, value);
            }
            Ok(pc + 1)
        }
        Outcome::Err(e) => match error {
            ErrorPath::Catch(label, reg) => {
                frame.set_ref(reg, Some(e));
                Ok(label.pc())
            }
            ErrorPath::Propagate => Err(Outcome::Err(e)),
            ErrorPath::Infallible => panic!(
                "jitgen: blackhole: {}: an infallible call returned an error",
                frame.code.name
            ),
        },
        Outcome::MergePoint(_) => unreachable!("callees run to completion"),
    }
}

/// Runs `frame` (of its jitcode) from `pc`.
pub fn run(registry: &Registry, mut frame: Frame, mut pc: usize, mode: Mode) -> Outcome {
    let code = frame.code.clone();
    loop {
        match step(&code, &mut frame, pc) {
            Step::Next(next) => pc = next,
            Step::Call(callee) => {
                let outcome = if registry.is_portal(callee) {
                    // A call in the user's program: through the portal's runner, natively
                    // (where compiled code is entered), as the interpreter would.
                    call_runner(&code, &frame, pc)
                } else {
                    let callee_frame = callee_frame(registry, &frame, callee, pc);
                    run(registry, callee_frame, 0, Mode::Complete)
                };
                match deliver(&mut frame, pc, outcome) {
                    Ok(next) => pc = next,
                    Err(propagated) => return propagated,
                }
            }
            Step::Done(outcome) => return outcome,
            Step::MergePoint if mode == Mode::UntilMergePoint => {
                return Outcome::MergePoint(MergePointExit { frame, pc });
            }
            Step::MergePoint => pc += 1,
        }
    }
}

/// Runs the call of a portal at `pc` of `frame` through the portal's runner (the call
/// instruction's residual form).
fn call_runner(code: &JitCode, frame: &Frame, pc: usize) -> Outcome {
    let Insn::CallJitCode { residual, args, .. } = &code.insns[pc] else {
        unreachable!("a call of staged code")
    };
    let values: Vec<Value> = args.iter().map(|a| frame.get(*a)).collect();
    call_residual(&code.call_descrs[*residual as usize], &values)
}

/// Calls a residual function through its shim with `args` (forcing the virtualizable
/// arguments the descriptor lists first): its return value or its error.
pub(crate) fn call_residual(descr: &CallDescr, args: &[Value]) -> Outcome {
    for forced in &descr.forces {
        if let Value::Ref(Some(object)) = args[forced.arg] {
            // SAFETY: the builder found the argument's type registered as a virtualizable
            // with its token at this offset.
            unsafe { crate::virtualizable::force_at(object, forced.token_offset) };
        }
    }
    let mut words = [0u64; MAX_ARGS];
    for (word, arg) in words.iter_mut().zip(args) {
        *word = arg.word();
    }
    // SAFETY: the builder made the descriptor from the callee's signature.
    let ret = unsafe { call_shim(descr.shim, &words[..args.len()]) };
    outcome_of_words(ret.value, ret.error, descr.result)
}

/// What running one instruction asks of the loop that runs the frame.
pub(crate) enum Step {
    /// Continue at this pc.
    Next(usize),
    /// The instruction is a call of this jitcode (its arguments are the instruction's);
    /// the callee's outcome goes to [`deliver`] at the call.
    Call(JitCodeId),
    /// The frame is done: it returned, or an error propagates out of it.
    Done(Outcome),
    /// The instruction is the merge point.
    MergePoint,
}

/// A frame for the jitcode `callee`, its parameters taken from the registers the call at
/// `pc` in `caller` passes.
pub(crate) fn callee_frame(
    registry: &Registry,
    caller: &Frame,
    callee: JitCodeId,
    pc: usize,
) -> Frame {
    let Insn::CallJitCode { args, .. } = &caller.code.insns[pc] else {
        panic!("jitgen: blackhole: not a call at {pc}");
    };
    let mut frame = Frame::new(registry.get(callee));
    for (param, arg) in param_regs(args) {
        frame.set(param, caller.get(arg));
    }
    frame
}

/// The callee's parameter register for each argument register of a call: the `k`-th
/// argument of a kind is register `k` of that kind.
pub(crate) fn param_regs(args: &[AnyReg]) -> impl Iterator<Item = (AnyReg, AnyReg)> + '_ {
    let mut counts = [0u16; 3];
    args.iter().map(move |arg| {
        let index = counts[arg.kind.index()];
        counts[arg.kind.index()] += 1;
        (
            AnyReg {
                kind: arg.kind,
                index,
            },
            *arg,
        )
    })
}

/// Runs the instruction at `pc` of `frame` (whose jitcode is `code`), except calls of
/// jitcode, returns and merge points, which it hands back as a [`Step`].
#[inline]
pub(crate) fn step(code: &JitCode, frame: &mut Frame, pc: usize) -> Step {
    let insn = &code.insns[pc];
    let mut next = pc + 1;
    {
        match insn {
            Insn::IntConst { dst, value } => frame.set_int(*dst, *value),
            Insn::FloatConst { dst, value } => frame.set_float(*dst, *value),
            Insn::RefConst { dst, index } => frame.set_ref(*dst, code.constant(*index)),
            Insn::Move { dst, src } => {
                let v = frame.get(*src);
                frame.set(*dst, v);
            }
            Insn::IntBin { op, dst, a, b } => {
                let v = int_bin(*op, frame.int(*a), frame.int(*b));
                frame.set_int(*dst, v);
            }
            Insn::IntCmp {
                op,
                signed,
                dst,
                a,
                b,
            } => {
                let v = int_compare(*op, *signed, frame.int(*a), frame.int(*b));
                frame.set_int(*dst, v as i64);
            }
            Insn::Shift {
                op,
                width,
                dst,
                a,
                b,
            } => {
                let v = shift(*op, *width, frame.int(*a), frame.int(*b));
                frame.set_int(*dst, v);
            }
            Insn::IntUn {
                not,
                width,
                dst,
                src,
            } => {
                let v = int_un(*not, *width, frame.int(*src));
                frame.set_int(*dst, v);
            }
            Insn::BoolNot { dst, src } => {
                let v = (frame.int(*src) == 0) as i64;
                frame.set_int(*dst, v);
            }
            Insn::IntCast { width, dst, src } => {
                let v = width.wrap(frame.int(*src));
                frame.set_int(*dst, v);
            }
            Insn::IntOvf {
                op,
                width,
                dst,
                a,
                b,
                on_overflow,
            } => match checked(*op, *width, frame.int(*a), frame.int(*b)) {
                Some(v) => frame.set_int(*dst, v),
                None => next = on_overflow.pc(),
            },
            Insn::IntDiv {
                op,
                width,
                dst,
                a,
                b,
            } => {
                let v = divide(*op, *width, frame.int(*a), frame.int(*b));
                frame.set_int(*dst, v);
            }
            Insn::FloatBin { op, dst, a, b } => {
                let v = float_bin(*op, frame.float(*a), frame.float(*b));
                frame.set_float(*dst, v);
            }
            Insn::FloatCmp { op, dst, a, b } => {
                let v = float_cmp(*op, frame.float(*a), frame.float(*b));
                frame.set_int(*dst, v as i64);
            }
            Insn::FloatUn { op, dst, src } => {
                let v = float_un(*op, frame.float(*src));
                frame.set_float(*dst, v);
            }
            Insn::IntToFloat { width, dst, src } => {
                let v = int_to_float(*width, frame.int(*src));
                frame.set_float(*dst, v);
            }
            Insn::FloatToInt { width, dst, src } => {
                let v = float_to_int(*width, frame.float(*src));
                frame.set_int(*dst, v);
            }
            Insn::PtrEq { negate, dst, a, b } => {
                let same = frame.reference(*a) == frame.reference(*b);
                frame.set_int(*dst, (same != *negate) as i64);
            }
            Insn::IsNull { dst, src } => {
                let v = frame.reference(*src).is_none();
                frame.set_int(*dst, v as i64);
            }
            Insn::ClassIs { dst, src, info } => {
                let v = frame
                    .reference(*src)
                    .is_some_and(|r| std::ptr::eq(r.type_info(), *info));
                frame.set_int(*dst, v as i64);
            }
            Insn::GetField { dst, obj, field } => {
                let addr = frame.object(*obj) + field.descr.offset;
                // SAFETY: the builder took the descriptor from the object's layout type.
                let v = unsafe { load(addr, field.descr.kind) };
                frame.set(*dst, v);
            }
            Insn::SetField { obj, field, value } => {
                let object = frame.object(*obj);
                let v = frame.get(*value);
                // SAFETY: as for `GetField`; the field is a `Mut<T>` cell.
                unsafe { store_into(object, object + field.descr.offset, field.descr.kind, v) };
            }
            Insn::ArrayLen { dst, array } => {
                // SAFETY: an array object starts with its length word.
                let len = unsafe { *(frame.object(*array) as *const usize) };
                frame.set_int(*dst, len as i64);
            }
            Insn::GetArrayItem {
                dst,
                array,
                index,
                descr,
            } => {
                let addr = item_addr(frame.object(*array), frame.int(*index), descr.item_size);
                // SAFETY: a checked index into an array of this descriptor.
                let v = unsafe { load(addr, descr.item_kind) };
                frame.set(*dst, v);
            }
            Insn::SetArrayItem {
                array,
                index,
                value,
                descr,
            } => {
                let object = frame.object(*array);
                let addr = item_addr(object, frame.int(*index), descr.item_size);
                let v = frame.get(*value);
                // SAFETY: a checked index into a `GcArray` (cells) of this descriptor.
                unsafe { store_into(object, addr, descr.item_kind, v) };
            }
            Insn::Goto(label) => next = label.pc(),
            Insn::GotoIfNot { cond, target } => {
                if frame.int(*cond) == 0 {
                    next = target.pc();
                }
            }
            Insn::Switch {
                value,
                cases,
                default,
            } => {
                let v = frame.int(*value);
                next = cases
                    .iter()
                    .find(|(case, _)| *case == v)
                    .map_or(default.pc(), |(_, label)| label.pc());
            }
            Insn::CallJitCode { callee, .. } => return Step::Call(*callee),
            Insn::CallResidual { descr, args, .. } => {
                let descr = &code.call_descrs[*descr as usize];
                let mut values = [Value::Void; MAX_ARGS];
                for (value, arg) in values.iter_mut().zip(args) {
                    *value = frame.get(*arg);
                }
                let outcome = call_residual(descr, &values[..args.len()]);
                match deliver(frame, pc, outcome) {
                    Ok(after) => next = after,
                    Err(propagated) => return Step::Done(propagated),
                }
            }
            Insn::Return(value) => {
                return Step::Done(Outcome::Return(
                    value.map_or(Value::Void, |reg| frame.get(reg)),
                ));
            }
            Insn::ReturnErr(reg) => match frame.reference(*reg) {
                Some(error) => return Step::Done(Outcome::Err(error)),
                None => panic!("jitgen: blackhole: {}: returned a null error", code.name),
            },
            Insn::Panic(message) => panic!("{message}"),
            Insn::JitMergePoint { .. } => return Step::MergePoint,
            Insn::CanEnterJit { .. } | Insn::Promote(_) => {}
            Insn::WeAreJitted(dst) => frame.set_int(*dst, 1),
        }
    }
    Step::Next(next)
}
