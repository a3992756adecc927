//! The trace IR: what the tracer records while it runs the portal's jitcode, what the
//! optimizer transforms and what backends compile.
//!
//! A [`TraceLoop`] is a loop: `inputs` (the reds at the merge point) are variables, each op reads
//! [`Arg`]s (variables or constants) and may define one variable; the last op is `jump`,
//! which starts the loop again with its arguments as the new inputs. Operators are jitcode's
//! own (`IntBinOp`, `FieldRef`, `CallDescr`, ...), so every executor gives them one meaning
//! (`jitcode::eval`). A guard carries [`ResumeData`]: the stack of jitcode frames to rebuild
//! in the blackhole interpreter when it fails.
//!
//! The text form (`Display`, `display.rs`) determines a trace up to the addresses of its
//! reference constants and residual calls' shims; [`TraceLoop::parse`] (`parse.rs`) reads it
//! back, resolving names through a [`Namespace`] (`namespace.rs`). In brief, one item a line,
//! `;` starting a comment:
//!
//! ```text
//! trace  := "loop" NAME "(" [var {"," var}] ")" [entry] { op }
//! entry  := "entered when" var "==" constant {"," var "==" constant}
//! op     := [var "="] opname [arg {"," arg}] ["[" resume "]"]
//! opname := int_add | int_lt | uint_lt | int_add_ovf(i64) | int_cast(u8) | float_add | ...
//!         | class_is<Type> | getfield Owner.field | setfield Owner.field
//!         | getarrayitem ArrayType | setarrayitem ArrayType | call callee | guard_* | jump
//! arg    := var | integer | float (1.5, -0.0, inf, NaN) | None | "<" Type ["#" n] ">"
//! var    := ("i" | "r" | "f") number        (the kind: integer, reference, float)
//! resume := "same" | frame {";" frame} [";" vable] [";" "after_call" (arg | "()")]
//! frame  := jitcode "@" pc {reg "=" arg}  (reg: a register of that jitcode, e.g. r2)
//! vable  := "vable<" Struct ">" arg {field "=" arg} {array "=[" [arg {"," arg}] "]"}
//! ```
//!
//! `[same]` repeats the previous guard's resume data; `<IntObj#2>` is the second object of
//! type `IntObj` in a trace holding several (`<IntObj>` when it holds one). Names must not
//! contain spaces outside brackets.

mod display;
mod entry;
mod namespace;
mod parse;
mod pure;
mod verify;

use std::rc::Rc;

use crate::gc::{GcRef, GcVec, Root, TypeInfo};
use crate::jitcode::{
    AnyReg, ArrayDescr, CallDescr, DivOp, FieldRef, FloatBinOp, FloatCmpOp, FloatUnOp, IntBinOp,
    IntCmpOp, IntWidth, JitCode, JitCodeId, Kind, OvfOp, ShiftOp,
};
use crate::virtualizable::VableLayout;

pub use entry::{AssemblerCall, EntryToken};
pub use namespace::Namespace;
pub use parse::ParseError;
pub use verify::VerifyError;

/// An operand: a variable of the trace, or a constant.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Arg {
    /// Variable `n` (an input or an op's result).
    Var(u32),
    /// An integer (or `bool`) constant, as its widened word.
    Int(i64),
    /// A float constant.
    Float(f64),
    /// A reference constant (`None` is null); the trace roots it.
    Ref(Option<GcRef>),
}

impl Arg {
    /// Whether this is a constant.
    pub fn is_const(self) -> bool {
        !matches!(self, Arg::Var(_))
    }

    /// A constant's value (`None` for a variable).
    pub fn constant_value(self) -> Option<crate::blackhole::Value> {
        use crate::blackhole::Value;
        match self {
            Arg::Var(_) => None,
            Arg::Int(v) => Some(Value::Int(v)),
            Arg::Float(v) => Some(Value::Float(v)),
            Arg::Ref(r) => Some(Value::Ref(r)),
        }
    }
}

/// What an op does.
#[derive(Clone, Debug)]
pub enum OpKind {
    /// Wrapping integer arithmetic or bitwise operation.
    IntBin(IntBinOp),
    /// Integer comparison.
    IntCmp {
        /// The comparison.
        op: IntCmpOp,
        /// Signed or unsigned.
        signed: bool,
    },
    /// Shift.
    Shift {
        /// The shift.
        op: ShiftOp,
        /// The operand type.
        width: IntWidth,
    },
    /// `!x` or `-x`.
    IntUn {
        /// `!` rather than `-`.
        not: bool,
        /// The operand type.
        width: IntWidth,
    },
    /// Logical not.
    BoolNot,
    /// Integer narrowing or widening.
    IntCast(IntWidth),
    /// Guarded `/` or `%` (panics like native code).
    IntDiv {
        /// The operation.
        op: DivOp,
        /// The operand type.
        width: IntWidth,
    },
    /// `checked_*`: the result, and an overflow flag for the next guard.
    IntOvf {
        /// The operation.
        op: OvfOp,
        /// The operand type.
        width: IntWidth,
    },
    /// Float arithmetic.
    FloatBin(FloatBinOp),
    /// Float comparison.
    FloatCmp(FloatCmpOp),
    /// Unary float operation.
    FloatUn(FloatUnOp),
    /// Integer to float.
    IntToFloat(IntWidth),
    /// Float to integer.
    FloatToInt(IntWidth),
    /// Reference identity.
    PtrEq {
        /// `!=` rather than `==`.
        negate: bool,
    },
    /// `x.is_none()`.
    IsNull,
    /// Whether `x` is an object of exactly this type.
    ClassIs(&'static TypeInfo),
    /// Field read.
    GetField(FieldRef),
    /// Field write.
    SetField(FieldRef),
    /// Array length.
    ArrayLen,
    /// Array item read (bounds-checked like native indexing, unless proven in bounds).
    GetArrayItem(ArrayDescr, IndexCheck),
    /// Array item write (the same).
    SetArrayItem(ArrayDescr, IndexCheck),
    /// A residual call through the callee's shim; its error (if any) is checked by the
    /// next op, a `GuardNoError` or `GuardError`.
    Call(Rc<CallDescr>),
    /// A call of a portal (not inlined) that enters the callee's compiled code directly when
    /// it has some, else calls the portal's runner like `Call` (see
    /// `metainterp::assembler`); checked by a following `GuardNoError` or `GuardError`.
    CallAssembler(Rc<AssemblerCall>),
    /// A new object of this type (see [`TypeInfo::jit_allocatable`]), its fields (in the
    /// order of `TypeInfo::fields`) initialized from the operands. Backends allocate it inline.
    New(&'static TypeInfo),
    /// The object (the operand) is about to get a reference stored into it: what a
    /// generational collector would need to hear. The GC needs no barrier today, so backends
    /// compile it to nothing; the optimizer drops it on objects made since the last op that
    /// may collect.
    WriteBarrier,
    /// The argument is true.
    GuardTrue,
    /// The argument is false.
    GuardFalse,
    /// The first argument equals the second (a constant).
    GuardValue,
    /// The last `IntOvf` did not overflow.
    GuardNoOverflow,
    /// The last `IntOvf` overflowed.
    GuardOverflow,
    /// The last call returned no error.
    GuardNoError,
    /// The last call returned an error, which this op defines.
    GuardError,
    /// The loop's code is still valid: no quasi-immutable field it folded was written since
    /// (the trace's [`Invalidation`] word is 0).
    GuardNotInvalidated,
    /// Leaves compiled code, always: the end of a trace that is not a loop (a function
    /// traced from its entry returns, or reaches a loop header); its resume data say where
    /// the interpreter goes on.
    Exit,
    /// Leaves compiled code, always: a function traced from its entry returns its operand
    /// (or, with `error`, fails with it: the error object). The end of such a trace.
    Finish {
        /// The function's error path: the operand is its error.
        error: bool,
    },
    /// A copy of its operand (the values a `label` starts with are such copies, so the
    /// loop's `jump` can assign them).
    SameAs,
    /// The start of the loop proper after a peeled first iteration: its operands are the
    /// variables the `jump` assigns before coming back here. At most one per trace.
    Label,
    /// Back to the start of the loop: the arguments become the `label`'s variables if there
    /// is one, else the inputs.
    Jump,
    /// Where the interpreter was: the ops after it (up to the next one) are what it did
    /// from this merge point. Recorded only while a log shows traces (`jit-log-*`); it has
    /// no operands, no effect, and backends emit nothing for it.
    DebugMergePoint(Rc<MergePointMark>),
}

/// The interpreter position of a [`OpKind::DebugMergePoint`].
#[derive(Debug, PartialEq, Eq)]
pub struct MergePointMark {
    /// How many inlined calls of the portal deep (0: the trace's own frame).
    pub depth: u32,
    /// The driver's printable location there (one line: the rest of the op's line in the
    /// trace's text).
    pub location: String,
}

/// Whether an array access checks its index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IndexCheck {
    /// Checked like native indexing: an index out of bounds panics.
    Checked,
    /// Not checked: the optimizer proved the index in bounds (`optimize/bounds.rs`).
    Proven,
}

impl OpKind {
    /// Whether this op is a guard.
    pub fn is_guard(&self) -> bool {
        matches!(
            self,
            OpKind::GuardTrue
                | OpKind::GuardFalse
                | OpKind::GuardValue
                | OpKind::GuardNoOverflow
                | OpKind::GuardOverflow
                | OpKind::GuardNoError
                | OpKind::GuardError
                | OpKind::GuardNotInvalidated
                | OpKind::Exit
        )
    }
}

/// One operation.
#[derive(Clone, Debug)]
pub struct Op {
    /// What it does.
    pub kind: OpKind,
    /// Its operands.
    pub args: Vec<Arg>,
    /// The variable it defines, if any.
    pub result: Option<u32>,
    /// For a guard: how to resume when it fails.
    pub resume: Option<Rc<ResumeData>>,
}

/// The jitcode frames a failing guard resumes in the blackhole interpreter, outermost first.
#[derive(Clone, Debug)]
pub struct ResumeData {
    /// The frames.
    pub frames: Vec<ResumeFrame>,
    /// The virtualizable's fields and items, written back to it before the frames resume.
    pub vable: Option<VableState>,
    /// Objects the trace did not allocate, made (in this order) before the frames resume;
    /// their variables stand for them everywhere above.
    pub virtuals: Vec<VirtualObject>,
    /// For a guard after a call (`GuardNoError`/`GuardError`): the innermost frame is at that
    /// call instruction and receives the call's actual outcome (the call is not repeated):
    /// its error, or the call's result (with its kind; `None` for `()`).
    pub after_call: Option<(Arg, Option<Kind>)>,
    /// Field stores the trace delayed past the guard (the optimizer's heap pass), done in
    /// this order when it fails, after the virtual objects are made.
    pub pending: Vec<PendingStore>,
}

/// A `setfield` that the trace left out before a guard because a later store overwrites it:
/// done when the guard fails (and first thing in a bridge from it).
#[derive(Clone, Debug, PartialEq)]
pub struct PendingStore {
    /// The field.
    pub field: FieldRef,
    /// The object.
    pub object: Arg,
    /// The value stored.
    pub value: Arg,
}

/// One frame of [`ResumeData`].
#[derive(Clone, Debug)]
pub struct ResumeFrame {
    /// Its jitcode's id.
    pub code: JitCodeId,
    /// The jitcode itself (listings name it: ids depend on registration order).
    pub jitcode: Rc<JitCode>,
    /// Where it resumes: the instruction to run again (innermost frame) or the call waiting
    /// for its callee (outer frames).
    pub pc: usize,
    /// The registers that hold something, with their values.
    pub regs: Vec<(AnyReg, Arg)>,
}

impl PartialEq for ResumeFrame {
    fn eq(&self, other: &Self) -> bool {
        (self.code, self.pc, &self.regs) == (other.code, other.pc, &other.regs)
    }
}

/// How a trace makes an object: inline (`new`), or by calling a staged allocation (a call
/// whose `CallDescr::allocates` is set, for objects the JIT cannot allocate inline).
#[derive(Clone, Debug)]
pub enum Allocation {
    /// `new<T>`: one operand per field of the type.
    New(&'static TypeInfo),
    /// A call of the staged `Gc::new(S { .. })`: one operand per `AllocDescr::fields`.
    Call(Rc<CallDescr>),
}

impl Allocation {
    /// The allocation `kind` makes, if it is one (a fallible call is not).
    pub fn of(kind: &OpKind) -> Option<Allocation> {
        match kind {
            OpKind::New(info) => Some(Allocation::New(info)),
            OpKind::Call(descr) if descr.allocates.is_some() && !descr.returns_result => {
                Some(Allocation::Call(descr.clone()))
            }
            _ => None,
        }
    }

    /// The op that makes it.
    pub fn op_kind(&self) -> OpKind {
        match self {
            Allocation::New(info) => OpKind::New(info),
            Allocation::Call(descr) => OpKind::Call(descr.clone()),
        }
    }

    /// For `GcArray::new(len, fill)`: the array's items. Its virtual form's operands are
    /// then the call's two, then every item's value.
    pub fn array(&self) -> Option<&ArrayDescr> {
        match self {
            Allocation::New(_) => None,
            Allocation::Call(descr) => descr.allocates.as_ref()?.array.as_ref(),
        }
    }

    /// Of a virtual form's operands `args`: those of the op that makes the object.
    pub fn made_from<'a>(&self, args: &'a [Arg]) -> &'a [Arg] {
        match self.array() {
            Some(_) => &args[..2],
            None => args,
        }
    }

    /// Of a virtual form's operands `args`: the stores that follow the op making the object
    /// (`made`): an array's items other than its fill value.
    pub fn item_stores(&self, made: Arg, args: &[Arg]) -> Vec<Op> {
        let Some(items) = self.array() else {
            return Vec::new();
        };
        let fill = args[1];
        args[2..]
            .iter()
            .enumerate()
            .filter(|(_, item)| **item != fill)
            .map(|(index, item)| Op {
                kind: OpKind::SetArrayItem(*items, IndexCheck::Checked),
                args: vec![made, Arg::Int(index as i64), *item],
                result: None,
                resume: None,
            })
            .collect()
    }

    /// Makes the object with `args` as the operands (when a guard fails with it virtual;
    /// for an array, the call's operands then the items' values).
    pub fn make(&self, args: &[crate::blackhole::Value]) -> crate::blackhole::Value {
        use crate::blackhole::{call_residual, Outcome, Value};
        match self {
            Allocation::New(info) => Value::Ref(Some(crate::jitcode::eval::new_object(info, args))),
            Allocation::Call(descr) => {
                let made = match call_residual(descr, &args[..descr.arg_kinds.len()]) {
                    Outcome::Return(value) => value,
                    _ => unreachable!("an allocation returns its object"),
                };
                if let (Some(items), Value::Ref(Some(array))) = (self.array(), made) {
                    for (index, value) in args[2..].iter().enumerate() {
                        let addr = crate::jitcode::eval::item_addr(
                            array.addr(),
                            index as i64,
                            items.item_size,
                        );
                        // SAFETY: an index of the array just made, of its item type.
                        unsafe { crate::jitcode::eval::store(addr, items.item_kind, *value) };
                    }
                }
                made
            }
        }
    }

    /// The type of the object.
    pub fn type_info(&self) -> &'static TypeInfo {
        match self {
            Allocation::New(info) => info,
            Allocation::Call(descr) => descr.allocates.as_ref().expect("an allocation").type_info,
        }
    }

    /// The fields its operands initialize, in order.
    pub fn fields(&self) -> Vec<FieldRef> {
        match self {
            Allocation::New(info) => info
                .fields
                .iter()
                .map(|&descr| FieldRef {
                    owner: info.name,
                    descr,
                })
                .collect(),
            Allocation::Call(descr) => descr
                .allocates
                .as_ref()
                .expect("an allocation")
                .fields
                .clone(),
        }
    }

    /// Which operand initializes `field` (`None`: a field it does not set, or of another
    /// type).
    pub fn operand_of(&self, field: &FieldRef) -> Option<usize> {
        self.fields().iter().position(|f| f == field)
    }
}

impl PartialEq for Allocation {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Allocation::New(a), Allocation::New(b)) => std::ptr::eq(*a, *b),
            (Allocation::Call(a), Allocation::Call(b)) => a == b,
            _ => false,
        }
    }
}

/// An object a trace left virtual (it never allocated it), rebuilt when a guard fails by
/// making its allocation with the fields' values then.
#[derive(Clone, Debug, PartialEq)]
pub struct VirtualObject {
    /// The variable that stands for it in the resume data.
    pub var: u32,
    /// How it is made.
    pub alloc: Allocation,
    /// The allocation's arguments (earlier virtual objects' variables among them).
    pub args: Vec<Arg>,
}

impl ResumeData {
    /// Every operand it reads from the trace's variables: the frames' registers, the
    /// virtualizable's values, the call's outcome, the virtual objects' fields (a virtual
    /// object's own variable is not read: it is made).
    pub fn args(&self) -> impl Iterator<Item = Arg> + '_ {
        let all = self
            .frames
            .iter()
            .flat_map(|f| f.regs.iter().map(|(_, a)| *a))
            .chain(self.vable.iter().flat_map(VableState::args))
            .chain(self.after_call.map(|(arg, _)| arg))
            .chain(self.virtuals.iter().flat_map(|v| v.args.iter().copied()))
            .chain(self.pending.iter().flat_map(|p| [p.object, p.value]));
        all.filter(|arg| !self.is_virtual(*arg))
    }

    /// Whether `f` holds for a variable among the operands (those of [`ResumeData::args`],
    /// and the virtual objects' own variables too): a quick test before rewriting them.
    pub fn reads_any(&self, mut f: impl FnMut(u32) -> bool) -> bool {
        let mut var = |arg: &Arg| matches!(*arg, Arg::Var(v) if f(v));
        self.frames
            .iter()
            .any(|frame| frame.regs.iter().any(|(_, arg)| var(arg)))
            || self.vable.as_ref().is_some_and(|vable| {
                var(&vable.object)
                    || vable.fields.iter().any(&mut var)
                    || vable
                        .arrays
                        .iter()
                        .any(|(_, items)| items.iter().any(&mut var))
            })
            || self.after_call.as_ref().is_some_and(|(arg, _)| var(arg))
            || self.virtuals.iter().any(|v| v.args.iter().any(&mut var))
            || self.pending.iter().any(|p| var(&p.object) || var(&p.value))
    }

    /// Every operand [`ResumeData::args`] lists, to rewrite them.
    pub fn args_mut(&mut self) -> impl Iterator<Item = &mut Arg> {
        let virtuals: Vec<u32> = self.virtuals.iter().map(|v| v.var).collect();
        self.frames
            .iter_mut()
            .flat_map(|f| f.regs.iter_mut().map(|(_, a)| a))
            .chain(self.vable.iter_mut().flat_map(VableState::args_mut))
            .chain(self.after_call.iter_mut().map(|(arg, _)| arg))
            .chain(self.virtuals.iter_mut().flat_map(|v| v.args.iter_mut()))
            .chain(
                self.pending
                    .iter_mut()
                    .flat_map(|p| [&mut p.object, &mut p.value]),
            )
            .filter(move |arg| !matches!(arg, Arg::Var(v) if virtuals.contains(v)))
    }

    /// The variables [`ResumeData::args`] reads, ascending, each once (what a backend's
    /// exit must save).
    pub fn vars(&self) -> Vec<u32> {
        let mut vars: Vec<u32> = self
            .args()
            .filter_map(|a| match a {
                Arg::Var(v) => Some(v),
                _ => None,
            })
            .collect();
        vars.sort_unstable();
        vars.dedup();
        vars
    }

    /// Whether `arg` is one of the virtual objects.
    pub fn is_virtual(&self, arg: Arg) -> bool {
        matches!(arg, Arg::Var(var) if self.virtuals.iter().any(|v| v.var == var))
    }
}

impl PartialEq for ResumeData {
    fn eq(&self, other: &Self) -> bool {
        (
            &self.frames,
            self.after_call,
            &self.vable,
            &self.virtuals,
            &self.pending,
        ) == (
            &other.frames,
            other.after_call,
            &other.vable,
            &other.virtuals,
            &other.pending,
        )
    }
}

/// The virtualizable frame as a trace holds it: its `#[virtualizable]` fields and the items
/// of its `#[virtualizable]` arrays live in operands, not in the object, from the loop's
/// entry to its exits (the object in memory is stale meanwhile). A loop's inputs are the
/// reds followed by [`VableState::values`]; so are the arguments of its `jump`.
#[derive(Clone, Debug)]
pub struct VableState {
    /// The struct's virtualizable fields.
    pub layout: &'static VableLayout,
    /// The object.
    pub object: Arg,
    /// The `Mut` fields' values, in `layout.fields` order.
    pub fields: Vec<Arg>,
    /// Per array of `layout.arrays`: the array object (as the trace read it from the object's
    /// field; meaningless in resume data), and its items' values.
    pub arrays: Vec<(Arg, Vec<Arg>)>,
}

impl VableState {
    /// The fields' then the arrays' items' values: what loops take and pass beside the reds.
    pub fn values(&self) -> impl Iterator<Item = Arg> + '_ {
        self.fields
            .iter()
            .chain(self.arrays.iter().flat_map(|(_, items)| items))
            .copied()
    }

    /// The operands resume data read: the object, the fields' and the items' values (not
    /// the arrays, which are found from the object), to rewrite them.
    pub fn args_mut(&mut self) -> impl Iterator<Item = &mut Arg> {
        std::iter::once(&mut self.object)
            .chain(self.fields.iter_mut())
            .chain(
                self.arrays
                    .iter_mut()
                    .flat_map(|(_, items)| items.iter_mut()),
            )
    }

    /// The operands resume data read (see [`VableState::args_mut`]).
    pub fn args(&self) -> impl Iterator<Item = Arg> + '_ {
        std::iter::once(self.object).chain(self.values())
    }
}

impl PartialEq for VableState {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.layout, other.layout)
            && (self.object, &self.fields, &self.arrays)
                == (other.object, &other.fields, &other.arrays)
    }
}

/// Whether compiled code is still valid: one word at a fixed address, which a quasi-immutable
/// field's watcher sets, and which `guard_not_invalidated` checks (the reference backend reads
/// it; a native backend may instead patch its code when told, [`Invalidation::on_invalidate`]).
#[derive(Default)]
pub struct Invalidation {
    word: std::cell::Cell<u64>,
    listeners: std::cell::RefCell<Vec<Box<dyn Fn()>>>,
}

impl std::fmt::Debug for Invalidation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Invalidation({})", self.word.get())
    }
}

impl Invalidation {
    /// Marks the code invalid, and tells the listeners (once).
    pub fn invalidate(&self) {
        if self.word.replace(1) != 0 {
            return;
        }
        let listeners = std::mem::take(&mut *self.listeners.borrow_mut());
        for listener in listeners {
            listener();
        }
    }

    /// Calls `listener` when the code is invalidated (now, if it already is).
    pub fn on_invalidate(&self, listener: Box<dyn Fn()>) {
        if self.is_invalid() {
            listener();
        } else {
            self.listeners.borrow_mut().push(listener);
        }
    }

    /// Whether the code was invalidated.
    pub fn is_invalid(&self) -> bool {
        self.word.get() != 0
    }
}

/// A compiled loop that other traces may end in: their final `jump` enters it at its start,
/// as the interpreter would at its header (the warm-up code makes one per compiled loop
/// header, and the tracer ends a trace that reaches that header with a jump to it).
pub struct JumpTarget {
    /// The compiled loop's number on this thread (`LoopCode::number`).
    pub number: u32,
    /// Its name (its header's location), for listings.
    pub name: String,
    /// How many inputs it has.
    pub arity: usize,
    /// Its entry conditions, which a trace guards before jumping to it.
    pub entry_conditions: Vec<(usize, Arg)>,
    /// The lengths of the virtualizable's arrays among its inputs, if the driver has one.
    pub vable_lengths: Option<Vec<usize>>,
    /// The backend's handle on the loop's code (what a native jump to it needs). Weak: the
    /// warm-up code keeps every compiled loop alive for the thread's life, and loops jump to
    /// each other in cycles.
    pub code: std::rc::Weak<dyn std::any::Any>,
}

impl std::fmt::Debug for JumpTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "loop#{} {}", self.number, self.name)
    }
}

/// A recorded loop.
pub struct TraceLoop {
    /// A name for listings (the driver's location of the loop header).
    pub name: String,
    /// The input variables (the reds at the loop header).
    pub inputs: Vec<u32>,
    /// The kind of every variable.
    pub kinds: Vec<Kind>,
    /// The operations, ending with `jump`.
    pub ops: Vec<Op>,
    /// How many values the final `jump` passes: the inputs' count (or the `label`'s
    /// operands') for a loop, the target loop's inputs' for a bridge.
    pub jump_arity: usize,
    /// Set when a quasi-immutable field the loop (or one of its bridges) folded is written;
    /// shared by the loop and its bridges.
    pub invalidation: Rc<Invalidation>,
    /// Where the final `jump` goes when it is not this loop's (or, for a bridge, its loop's)
    /// start: another compiled loop's start. A trace with one is not a loop.
    pub jump_to: Option<Rc<JumpTarget>>,
    /// For a loop: inputs known to hold a constant whenever the loop starts (`(index,
    /// constant)`): whoever enters the loop checks them first (see
    /// `optimize::specialize_entry`), so the loop treats them as constants.
    pub entry_conditions: Vec<(usize, Arg)>,
    /// Keeps the reference constants alive.
    constants: Root<GcVec<Option<GcRef>>>,
}

impl TraceLoop {
    /// An empty trace with `inputs` of the given kinds (variables `0..inputs.len()`).
    pub fn new(name: String, inputs: &[Kind]) -> TraceLoop {
        TraceLoop {
            name,
            inputs: (0..inputs.len() as u32).collect(),
            kinds: inputs.to_vec(),
            ops: Vec::new(),
            jump_arity: inputs.len(),
            entry_conditions: Vec::new(),
            jump_to: None,
            invalidation: Rc::new(Invalidation::default()),
            constants: Root::new(GcVec::new()),
        }
    }

    /// A trace without ops that stands for the same loop as `self`, for a pass that rebuilds
    /// the ops: its name, inputs, variable kinds (variable numbers carry over), entry
    /// conditions and -- what code compiled from it must check -- the invalidation word that
    /// the watchers registered while tracing `self` set.
    pub fn rebuilt_from(&self) -> TraceLoop {
        let mut out = TraceLoop::new(self.name.clone(), &[]);
        out.inputs = self.inputs.clone();
        out.kinds = self.kinds.clone();
        out.entry_conditions = self.entry_conditions.clone();
        out.jump_to = self.jump_to.clone();
        out.invalidation = self.invalidation.clone();
        out
    }

    /// A fresh variable of `kind`.
    pub fn new_var(&mut self, kind: Kind) -> u32 {
        self.kinds.push(kind);
        (self.kinds.len() - 1) as u32
    }

    /// Appends an op defining a variable of `result` kind (if any); the variable.
    pub fn push(
        &mut self,
        kind: OpKind,
        args: Vec<Arg>,
        result: Option<Kind>,
        resume: Option<Rc<ResumeData>>,
    ) -> Option<u32> {
        let result = result.map(|k| self.new_var(k));
        self.push_op(Op {
            kind,
            args,
            result,
            resume,
        });
        result
    }

    /// Appends a built op (its result variable, if any, already made), rooting the
    /// reference constants it reads.
    pub fn push_op(&mut self, op: Op) {
        for &arg in &op.args {
            self.keep_alive(arg);
        }
        if let Some(resume) = &op.resume {
            // Guards in a row often share their resume data: rooted once.
            let last = self.ops.iter().rev().find_map(|op| op.resume.as_ref());
            if !last.is_some_and(|last| Rc::ptr_eq(last, resume)) {
                for arg in resume.args() {
                    self.keep_alive(arg);
                }
            }
        }
        self.ops.push(op);
    }

    /// Roots a reference constant for the trace's lifetime.
    pub(crate) fn keep_alive(&self, arg: Arg) {
        if let Arg::Ref(Some(r)) = arg {
            self.constants.get().push(Some(r));
        }
    }

    /// The index of the `label` op, if the loop has one (where its `jump` goes).
    pub fn label(&self) -> Option<usize> {
        self.ops
            .iter()
            .position(|op| matches!(op.kind, OpKind::Label))
    }

    /// The number of ops that run (its `debug_merge_point`s left out, so counts in logs do
    /// not depend on which logs are on).
    pub fn num_ops(&self) -> usize {
        let marks = self
            .ops
            .iter()
            .filter(|op| matches!(op.kind, OpKind::DebugMergePoint(_)));
        self.ops.len() - marks.count()
    }

    /// The number of guards.
    pub fn num_guards(&self) -> usize {
        self.ops.iter().filter(|op| op.kind.is_guard()).count()
    }
}
#[cfg(test)]
mod tests;
