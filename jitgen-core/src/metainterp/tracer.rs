//! The tracer: runs the portal's jitcode from its merge point, concretely (every instruction
//! really executes, through the blackhole's [`step`]) and symbolically (each register also
//! holds an [`Arg`] of the trace being recorded), until the portal comes back to the merge
//! point with the same greens: the trace is then a loop.
//!
//! What it records: operations on variables (operations on constants fold), a guard wherever
//! the concrete run took a path the trace assumes (`goto_if_not` and `switch` on variables,
//! `promote`, checked arithmetic, errors of residual calls), reads of immutable fields and
//! immutable array items of constant objects fold (the interpreter's bytecode array
//! disappears from traces). Calls of staged functions and methods are inlined (their frames
//! pushed); residual calls are recorded with their descriptors. Every guard gets the
//! [`ResumeData`] of the whole frame stack, restricted to the registers live there.
//!
//! A trace ends when the outermost portal frame
//! - comes back to the trace's own header (a loop; a bridge jumps to its loop's start),
//! - reaches the header of another loop that has compiled code: a `jump` into that loop
//!   (`TraceLoop::jump_to`), so outer and sibling loops run their inner loops' code instead of
//!   unrolling them,
//! - returns, or an error leaves it: a `finish`,
//! - in an entry trace, passes a `can_enter_jit`: an `exit` at the next header;
//!
//! and when a bridge that began inside a call comes back to a loop header of that call: an
//! `exit` (the interpreter runs the call on natively, entering the loop's code). A call of the
//! portal whose inlined loop goes around twice is made a call instead (`call_assembler`),
//! and the function is not inlined again.
//!
//! A trace longer than the limit blames its largest inlined call (which is not inlined
//! again) and aborts; with nothing to blame it ends at the outermost frame's next merge
//! point with an `exit` (a segment), which gets a bridge when it gets hot, as guards do.
//!
//! Tracing aborts (besides) when a green is not a constant
//! at a merge point, when the virtualizable escapes, or when the outermost frame goes around
//! an inner loop twice that has no code yet (that loop is compiled first); the concrete run
//! then continues in the blackhole interpreter up to the next merge point, so the program
//! goes on unchanged.

use foldhash::{HashMap, HashSet};
use std::rc::Rc;

use crate::backend::DeadFrame;
use crate::blackhole::{
    self, call_residual, callee_frame, deliver, param_regs, step, Frame, MergePointExit, Mode,
    Outcome, Step, SuspendedFrame, Value,
};
use crate::jitcode::eval::{checked, load};
use crate::jitcode::{AnyReg, ErrorPath, FieldRef, Insn, JitCode, JitCodeId, Kind, Registry, Uses};
use crate::layout::Mutability;
use crate::metainterp::assembler;
use crate::metainterp::{vable, warmup};
use crate::trace::{
    Allocation, Arg, AssemblerCall, IndexCheck, JumpTarget, MergePointMark, Op, OpKind, ResumeData,
    ResumeFrame, TraceLoop, VableState,
};
use crate::virtualizable::VableSpec;

/// Why a trace was abandoned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AbortReason {
    /// The trace grew past `trace_limit` operations.
    TooLong,
    /// A green variable was not a constant at a merge point.
    GreenNotConstant,
    /// The virtualizable frame (or one of its arrays) was stored somewhere, or the loop
    /// closed with another one.
    VirtualizableEscaped,
}

impl AbortReason {
    /// A short name for logs.
    pub fn name(self) -> &'static str {
        match self {
            AbortReason::TooLong => "trace too long",
            AbortReason::GreenNotConstant => "green not constant",
            AbortReason::VirtualizableEscaped => "virtualizable escaped",
        }
    }
}

/// How far a trace may go.
#[derive(Clone, Debug)]
pub struct Limits {
    /// The most operations it records (`trace_limit`).
    pub ops: usize,
    /// How many nested calls of the portal it inlines (0 with `inlining=off`).
    pub inline_portal: usize,
    /// The functions (the greens at their entry merge point) whose calls are not inlined.
    pub not_inlined: Rc<HashSet<Vec<u64>>>,
    /// Tracing a function from its entry (or a bridge of such a trace): the trace ends with
    /// a `finish` where the function returns, or an `exit` where it reaches a loop header
    /// (the merge point after a `can_enter_jit`), unless it comes back to its entry (a loop).
    pub from_entry: bool,
    /// Tracing a loop from a join point (where bridges ended): the trace ends at the next
    /// join point exits came to, so the code after it is traced once, from there.
    pub from_join: bool,
    /// A finished trace names the outermost frame's merge points it passed with at least
    /// this many recorded operations after them: join points, where bridges end
    /// (`join_tail`).
    pub join_tail: usize,
    /// The driver's location of a merge point (from its greens and reds), when a log wants
    /// aborts to name what they blame or traces to show where the interpreter was.
    pub location: Option<fn(&[Value]) -> String>,
    /// Record a `debug_merge_point` at every merge point passed (a log shows traces).
    pub merge_points: bool,
}

/// What an aborted trace blames: the greens of a merge point, and its location when the
/// abort is logged.
pub struct Blame {
    /// The merge point's greens.
    pub greens: Vec<u64>,
    /// The driver's location there ([`Limits::location`]).
    pub location: Option<String>,
}

/// How tracing ended.
pub enum Traced {
    /// The trace is complete (a loop closed, or an entry trace exited): the trace, where
    /// the concrete run is (a merge point, or the portal's return), and the green hashes of
    /// the join points it passed (see [`Limits::join_tail`]).
    Compiled(TraceLoop, Outcome, Vec<u64>),
    /// Abandoned; the concrete run went on to this outcome. Then what the abort blames: for
    /// a trace too long, the entry of the largest inlined call of the portal, not to be
    /// inlined any more; for an inner loop, its header.
    Aborted(AbortReason, Outcome, Option<Blame>),
}

/// Where the trace stood when an inlined call of the portal began: enough to take the
/// inlining back and make the call residual instead.
struct InlinedCall {
    /// Past the inlining depth: traced only up to the callee's first merge point, which
    /// names the function, then made a call (`call_assembler` where it can).
    too_deep: bool,
    /// The trace's length then.
    ops: usize,
    /// The callee's greens at its first merge point, once reached: each one's operand in the
    /// trace then and its concrete word.
    greens: Option<Vec<(Arg, u64)>>,
    /// The callee's reds' operands at its first merge point, once reached.
    reds: Vec<Arg>,
    /// The callee's location at its first merge point, when aborts are logged.
    location: Option<String>,
    /// How many `debug_merge_point`s the trace had then.
    marks: usize,
    /// The callers' registers' operands then (outermost first).
    caller_syms: Vec<[Vec<Arg>; 3]>,
    /// The virtualizable's state then.
    vable: Option<VableState>,
    vable_in_memory: bool,
}

/// A jitcode frame being traced: its concrete registers, and what each register holds in the
/// trace.
struct TraceFrame {
    id: JitCodeId,
    code: Rc<JitCode>,
    concrete: Frame,
    pc: usize,
    syms: [Vec<Arg>; 3],
    /// For an inlined call of the portal: where it began.
    inlined: Option<InlinedCall>,
    /// For a frame of the portal: the merge points (greens) it passed since the trace began
    /// (or, in an inlined call, since its first one). Passing one again means going around
    /// a loop.
    headers_seen: HashSet<Vec<u64>>,
}

/// The `debug_merge_point` op of `mark`.
fn mark_op(mark: Rc<MergePointMark>) -> Op {
    Op {
        kind: OpKind::DebugMergePoint(mark),
        args: Vec::new(),
        result: None,
        resume: None,
    }
}

/// What a register holds before anything is written to it.
fn zero_arg(kind: Kind) -> Arg {
    match kind {
        Kind::Int => Arg::Int(0),
        Kind::Ref => Arg::Ref(None),
        Kind::Float => Arg::Float(0.0),
    }
}

/// A constant operand with a concrete value.
fn const_of(value: Value) -> Arg {
    match value {
        Value::Void => Arg::Int(0),
        Value::Int(v) => Arg::Int(v),
        Value::Float(v) => Arg::Float(v),
        Value::Ref(r) => Arg::Ref(r),
    }
}

impl TraceFrame {
    fn new(id: JitCodeId, concrete: Frame, pc: usize) -> TraceFrame {
        let code = concrete.code().clone();
        let n = code.num_regs;
        TraceFrame {
            id,
            syms: [
                vec![Arg::Int(0); n.int as usize],
                vec![Arg::Ref(None); n.reference as usize],
                vec![Arg::Float(0.0); n.float as usize],
            ],
            code,
            concrete,
            pc,
            inlined: None,
            headers_seen: HashSet::default(),
        }
    }

    fn sym(&self, reg: AnyReg) -> Arg {
        self.syms[reg.kind.index()][reg.index as usize]
    }

    fn set_sym(&mut self, reg: AnyReg, arg: Arg) {
        self.syms[reg.kind.index()][reg.index as usize] = arg;
    }

    /// Every register's operand, to rewrite them.
    fn syms_mut(&mut self) -> impl Iterator<Item = &mut Arg> {
        self.syms.iter_mut().flatten()
    }
}

/// What to do after an instruction.
enum Flow {
    Go,
    Closed,
    /// The trace ended with an `exit` or a `finish`; the concrete run went on to this.
    Exited(Outcome),
    Abort(AbortReason),
}

/// Records one loop.
struct Tracer<'r> {
    registry: &'r Registry,
    frames: Vec<TraceFrame>,
    trace: TraceLoop,
    key: Vec<u64>,
    /// For a bridge: the target loop's entry conditions, guarded before the `jump`.
    entry_conditions: Vec<(usize, Arg)>,
    limit: usize,
    /// The last guard's resume data, shared by the next guard when nothing changed between.
    last_resume: Option<Rc<ResumeData>>,
    /// How many nested calls of the portal may be inlined (0: none).
    inline_portal: usize,
    /// The functions whose calls are not inlined (see [`Limits::not_inlined`]).
    not_inlined: Rc<HashSet<Vec<u64>>>,
    /// The outermost portal frame's virtualizable, if the driver has one.
    vable: Option<VableState>,
    /// Whether the virtualizable's memory is up to date (right after a residual call that
    /// could access it, before the state is read back): resume data then leave it alone.
    vable_in_memory: bool,
    /// Set when an instruction made the trace impossible (the virtualizable escaped).
    abort: Option<AbortReason>,
    /// See [`Limits::from_entry`].
    from_entry: bool,
    /// See [`Limits::from_join`].
    from_join: bool,
    /// Tracing a bridge: it ends with a `finish` where the portal returns.
    bridge: bool,
    /// In an entry trace: the outermost frame passed a `can_enter_jit`, so the trace exits
    /// at the next merge point (a loop header).
    exit_at_merge_point: bool,
    /// The trace got too long with no inlined call to blame: it ends at the outermost
    /// frame's next merge point (a segment; the `exit` there gets a bridge later).
    segment: bool,
    /// See [`Limits::join_tail`].
    join_tail: usize,
    /// The outermost frame's merge points passed so far: their green hashes, and the trace's
    /// length there.
    passed: Vec<(u64, usize)>,
    /// Scratch room for the operands' values of the instruction being recorded.
    before: Vec<Value>,
    /// Scratch room for the operands' symbols of the instruction being recorded.
    ins: Vec<Arg>,
    /// The immutable fields read so far: per object variable and field, the value read
    /// (not recorded again).
    immutable_reads: HashMap<(u32, FieldRef), Arg>,
    /// See [`Limits::location`].
    location: Option<fn(&[Value]) -> String>,
    /// See [`Limits::merge_points`].
    merge_points: bool,
    /// The `debug_merge_point`s so far, each with the length of the trace then (where it
    /// goes when the trace is done: kept out of the ops while tracing, so they change no
    /// length the tracer decides by).
    marks: Vec<(usize, Rc<MergePointMark>)>,
}

/// Traces the portal `portal` from its merge point, where the greens and reds (in the
/// driver's order) are `values`, within `limits`.
pub fn trace_loop(
    registry: &Registry,
    portal: JitCodeId,
    values: &[Value],
    name: String,
    limits: Limits,
) -> Traced {
    let code = registry.get(portal);
    let (merge_pc, greens, reds, spec) = merge_point(&code);
    let mut concrete = Frame::new(code.clone());
    for (reg, value) in greens.iter().chain(&reds).zip(values) {
        concrete.set(*reg, *value);
    }
    let key: Vec<u64> = values[..greens.len()].iter().map(|v| v.word()).collect();
    let mut kinds: Vec<Kind> = reds.iter().map(|r| r.kind).collect();
    // A loop takes the virtualizable's fields and items as inputs; a function's entry trace
    // reads them from the object (its inputs are the reds, which a `call_assembler` has).
    let vable_inputs = !limits.from_entry;
    if let (Some(spec), true) = (spec, vable_inputs) {
        kinds.extend(vable_kinds(spec, values[greens.len() + spec.red]));
    }
    let mut frame = TraceFrame::new(portal, concrete, merge_pc + 1);
    for (reg, value) in greens.iter().zip(values) {
        frame.set_sym(*reg, const_of(*value));
    }
    for (i, reg) in reds.iter().enumerate() {
        frame.set_sym(*reg, Arg::Var(i as u32));
    }
    let mut trace = TraceLoop::new(name, &kinds);
    let vable = spec.map(|spec| {
        let mut next_input = reds.len() as u32..;
        // Entry traces: placeholders, read from memory below.
        let mut take = || match vable_inputs {
            true => Arg::Var(next_input.next().expect("an input")),
            false => Arg::Int(0),
        };
        let object = Arg::Var(spec.red as u32);
        let fields = spec.layout.fields.iter().map(|_| take()).collect();
        let lengths = vable::lengths(spec.layout, vable_object(values[greens.len() + spec.red]));
        let arrays = spec
            .layout
            .arrays
            .iter()
            .zip(lengths)
            .map(|(array, len)| {
                let items = (0..len).map(|_| take()).collect();
                let sym = trace.push(
                    OpKind::GetField(array.field),
                    vec![object],
                    Some(Kind::Ref),
                    None,
                );
                (Arg::Var(sym.expect("a getfield result")), items)
            })
            .collect();
        VableState {
            layout: spec.layout,
            object,
            fields,
            arrays,
        }
    });
    let mut tracer = Tracer::new(
        registry,
        vec![frame],
        trace,
        key,
        Vec::new(),
        vable,
        &limits,
    );
    for value in &values[..greens.len()] {
        tracer.trace.keep_alive(const_of(*value));
    }
    if let (true, Some(location)) = (tracer.merge_points, tracer.location) {
        tracer.push_mark(0, location(values));
    }
    if !vable_inputs && tracer.vable.is_some() {
        tracer.read_vable_at_entry(merge_pc + 1);
    }
    tracer.run()
}

/// The virtualizable object a red holds.
pub(crate) fn vable_object(value: Value) -> crate::gc::GcRef {
    match value {
        Value::Ref(Some(r)) => r,
        _ => panic!("jitgen: the virtualizable red is None"),
    }
}

/// The kinds of the loop inputs that hold the virtualizable `object`'s fields and items.
fn vable_kinds(spec: VableSpec, object: Value) -> Vec<Kind> {
    let layout = spec.layout;
    let mut kinds: Vec<Kind> = layout
        .fields
        .iter()
        .map(|f| vable::kind_of(f.descr.kind))
        .collect();
    for (array, len) in layout
        .arrays
        .iter()
        .zip(vable::lengths(layout, vable_object(object)))
    {
        kinds.extend(std::iter::repeat_n(
            vable::kind_of(array.items.item_kind),
            len,
        ));
    }
    kinds
}

/// The loop a bridge goes back to.
pub struct BridgeTarget {
    /// The loop header's greens.
    pub key: Vec<u64>,
    /// The loop's number of inputs.
    pub inputs: usize,
    /// The loop's entry conditions, which the bridge guards before its `jump`.
    pub entry_conditions: Vec<(usize, Arg)>,
    /// The loop's validity, which the bridge shares.
    pub invalidation: Rc<crate::trace::Invalidation>,
}

/// Traces a bridge from a failing guard of a loop: the guard's `resume` data with the values
/// of `dead` rebuild the frames (every variable they use becomes an input of the bridge), and
/// the bridge closes when the portal reaches the `target` loop's merge point again. Not for
/// guards after a call (`resume.after_call`). Also returns the loop's variables whose values
/// are the bridge's inputs, in order.
pub fn trace_bridge(
    registry: &Registry,
    guard: &Op,
    dead: &mut DeadFrame,
    target: BridgeTarget,
    name: String,
    limits: Limits,
) -> (Traced, Vec<u32>) {
    let resume = guard.resume.as_ref().expect("a guard has resume data");
    // Tracing runs the interpreter (and so compiled code) and collects.
    dead.own();
    dead.materialize(&resume.virtuals);
    dead.store_pending(&resume.pending);
    // The variables the resume data read become the bridge's inputs; the virtual objects
    // are allocated again at the bridge's start (its optimizer may keep them virtual), and
    // the stores the loop delayed past the guard are its first ops after them.
    let mut inputs: Vec<u32> = Vec::new();
    let mut kinds = Vec::new();
    let mut renamed: HashMap<u32, Arg> = HashMap::default();
    // A failing `guard_true` (`guard_false`) tested a boolean that is 0 (1) on the bridge's
    // path: a constant there, so the bridge does not test it again.
    let failing = match (&guard.kind, guard.args.first()) {
        (OpKind::GuardTrue, Some(&Arg::Var(v))) => Some((v, 0)),
        (OpKind::GuardFalse, Some(&Arg::Var(v))) => Some((v, 1)),
        _ => None,
    };
    if let Some((var, value)) = failing {
        let read = resume.args().any(|arg| arg == Arg::Var(var));
        if read && dead.value(Arg::Var(var)).word() == value as u64 {
            renamed.insert(var, Arg::Int(value));
        }
    }
    for arg in resume.args() {
        if let Arg::Var(old) = arg {
            renamed.entry(old).or_insert_with(|| {
                inputs.push(old);
                kinds.push(dead.kind(old));
                Arg::Var((inputs.len() - 1) as u32)
            });
        }
    }
    let mut trace = TraceLoop::new(name, &kinds);
    trace.jump_arity = target.inputs;
    trace.invalidation = target.invalidation.clone();
    for arg in resume.args() {
        trace.keep_alive(arg);
    }
    let rename = |renamed: &HashMap<u32, Arg>, arg: Arg| match arg {
        Arg::Var(old) => renamed[&old],
        constant => constant,
    };
    for object in &resume.virtuals {
        let args: Vec<Arg> = object.args.iter().map(|a| rename(&renamed, *a)).collect();
        let made_from = object.alloc.made_from(&args).to_vec();
        let made = trace.push(object.alloc.op_kind(), made_from, Some(Kind::Ref), None);
        let made = Arg::Var(made.expect("an allocation's result"));
        for store in object.alloc.item_stores(made, &args) {
            trace.push_op(store);
        }
        renamed.insert(object.var, made);
    }
    for store in &resume.pending {
        let args = vec![
            rename(&renamed, store.object),
            rename(&renamed, store.value),
        ];
        trace.push(OpKind::SetField(store.field), args, None, None);
    }
    let mut frames = Vec::new();
    for f in &resume.frames {
        let mut concrete = Frame::new(f.jitcode.clone());
        for (reg, arg) in &f.regs {
            concrete.set(*reg, dead.value(*arg));
        }
        let mut frame = TraceFrame::new(f.code, concrete, f.pc);
        for (reg, arg) in &f.regs {
            frame.set_sym(*reg, rename(&renamed, *arg));
        }
        frames.push(frame);
    }
    let mut vable = resume.vable.clone().map(|mut state| {
        vable::write_back(&state, |arg| dead.word(arg));
        state
            .args_mut()
            .for_each(|arg| *arg = rename(&renamed, *arg));
        state
    });
    if let Some(state) = &mut vable {
        // The arrays are read again from the object (resume data do not keep them).
        for (descr, (array, _)) in state.layout.arrays.iter().zip(&mut state.arrays) {
            let read = trace.push(
                OpKind::GetField(descr.field),
                vec![state.object],
                Some(Kind::Ref),
                None,
            );
            *array = Arg::Var(read.expect("a getfield result"));
        }
    }
    let mut tracer = Tracer::new(
        registry,
        frames,
        trace,
        target.key,
        target.entry_conditions,
        vable,
        &limits,
    );
    tracer.bridge = true;
    (tracer.run(), inputs)
}

/// The portal's merge point: its pc, green and red registers, and virtualizable.
pub(crate) fn merge_point(code: &JitCode) -> (usize, Vec<AnyReg>, Vec<AnyReg>, Option<VableSpec>) {
    code.insns
        .iter()
        .enumerate()
        .find_map(|(pc, insn)| match insn {
            Insn::JitMergePoint {
                greens,
                reds,
                vable,
            } => Some((pc, greens.clone(), reds.clone(), *vable)),
            _ => None,
        })
        .unwrap_or_else(|| panic!("jitgen: the portal {} has no merge point", code.name))
}

impl<'r> Tracer<'r> {
    /// A tracer of `frames` recording into `trace`, closing at the merge point `key`.
    fn new(
        registry: &'r Registry,
        frames: Vec<TraceFrame>,
        trace: TraceLoop,
        key: Vec<u64>,
        entry_conditions: Vec<(usize, Arg)>,
        vable: Option<VableState>,
        limits: &Limits,
    ) -> Tracer<'r> {
        Tracer {
            registry,
            frames,
            trace,
            key,
            entry_conditions,
            limit: limits.ops,
            last_resume: None,
            inline_portal: limits.inline_portal,
            not_inlined: limits.not_inlined.clone(),
            vable,
            vable_in_memory: false,
            abort: None,
            from_entry: limits.from_entry,
            from_join: limits.from_join,
            bridge: false,
            exit_at_merge_point: false,
            segment: false,
            join_tail: limits.join_tail,
            passed: Vec::new(),
            before: Vec::new(),
            ins: Vec::new(),
            immutable_reads: HashMap::default(),
            location: limits.location,
            merge_points: limits.merge_points,
            marks: Vec::new(),
        }
    }

    fn run(mut self) -> Traced {
        loop {
            if self.trace.ops.len() > self.limit && !self.segment {
                if self.largest_inlined_call().is_some() {
                    return self.abort(AbortReason::TooLong);
                }
                // Nothing to blame: the trace ends at the next merge point of the outermost
                // frame, with an `exit` that gets a bridge when it gets hot.
                self.segment = true;
            }
            if self.trace.ops.len() > 2 * self.limit {
                return self.abort(AbortReason::TooLong);
            }
            let flow = self.step();
            if let Some(reason) = self.abort.take() {
                return self.abort(reason);
            }
            match flow {
                Flow::Go => {}
                Flow::Closed => {
                    let frame = self.frames.pop().expect("the portal frame");
                    let (merge_pc, ..) = merge_point(&frame.code);
                    let exit = MergePointExit {
                        frame: frame.concrete,
                        pc: merge_pc,
                    };
                    let joins = self.join_points();
                    return Traced::Compiled(
                        self.finished_trace(),
                        Outcome::MergePoint(exit),
                        joins,
                    );
                }
                Flow::Exited(outcome) => {
                    let joins = self.join_points();
                    return Traced::Compiled(self.finished_trace(), outcome, joins);
                }
                Flow::Abort(reason) => return self.abort(reason),
            }
        }
    }

    /// The trace, its `debug_merge_point`s in place.
    fn finished_trace(self) -> TraceLoop {
        let mut trace = self.trace;
        if self.marks.is_empty() {
            return trace;
        }
        let recorded = std::mem::take(&mut trace.ops);
        trace.ops.reserve(recorded.len() + self.marks.len());
        let mut marks = self.marks.into_iter().peekable();
        for (at, op) in recorded.into_iter().enumerate() {
            while let Some((_, mark)) = marks.next_if(|(mark_at, _)| *mark_at <= at) {
                trace.ops.push(mark_op(mark));
            }
            trace.ops.push(op);
        }
        trace.ops.extend(marks.map(|(_, mark)| mark_op(mark)));
        trace
    }

    /// Records a `debug_merge_point` of `depth` inlined calls deep at `location`.
    fn push_mark(&mut self, depth: u32, location: String) {
        let mark = MergePointMark {
            depth,
            location: location.replace('\n', " "),
        };
        self.marks.push((self.trace.ops.len(), Rc::new(mark)));
    }

    /// When logs show traces: a `debug_merge_point` at the merge point of the innermost
    /// frame, whose greens and reds are in `greens` and `reds`.
    fn mark_merge_point_here(&mut self, greens: &[AnyReg], reds: &[AnyReg]) {
        if !self.merge_points {
            return;
        }
        let Some(location) = self.location_here(greens, reds) else {
            return;
        };
        let portal_frames = self
            .frames
            .iter()
            .filter(|f| self.registry.portal_type(f.id).is_some())
            .count();
        self.push_mark(portal_frames.saturating_sub(1) as u32, location);
    }

    /// The green hashes of the outermost frame's merge points passed with at least
    /// `join_tail` operations after them.
    fn join_points(&self) -> Vec<u64> {
        let length = self.trace.ops.len();
        self.passed
            .iter()
            .filter(|(_, at)| length - at >= self.join_tail)
            .map(|(hash, _)| *hash)
            .collect()
    }

    /// Abandons the trace; the concrete run continues in the blackhole from the current
    /// instruction up to the next merge point.
    fn abort(self, reason: AbortReason) -> Traced {
        let largest_call = (reason == AbortReason::TooLong)
            .then(|| self.largest_inlined_call())
            .flatten();
        self.abandon(reason, largest_call)
    }

    /// The entry greens of the inlined call of the portal that recorded the most ops so
    /// far, if any (what a trace too long blames).
    fn largest_inlined_call(&self) -> Option<Blame> {
        let length = self.trace.ops.len();
        let calls = self.frames.iter().filter_map(|f| f.inlined.as_ref());
        let known = calls.filter_map(|call| Some((call, call.greens.as_ref()?)));
        known
            .max_by_key(|(call, _)| length - call.ops)
            .map(|(call, greens)| Blame {
                greens: greens.iter().map(|&(_, word)| word).collect(),
                location: call.location.clone(),
            })
    }

    /// The location of the merge point of the innermost frame whose greens and reds are in
    /// the registers `greens` and `reds`, if a log wants locations.
    fn location_here(&self, greens: &[AnyReg], reds: &[AnyReg]) -> Option<String> {
        let location = self.location?;
        let top = self.frames.last()?;
        let values: Vec<Value> = greens
            .iter()
            .chain(reds)
            .map(|r| top.concrete.get(*r))
            .collect();
        Some(location(&values))
    }

    /// Ends the trace with an `exit` at the instruction `pc` of the innermost frame (a merge
    /// point): the concrete run goes on from there (in the blackhole interpreter up to the
    /// outermost frame's next merge point, inner portal calls natively from theirs).
    fn exit_here(&mut self, pc: usize) -> Flow {
        self.guard(OpKind::Exit, vec![], pc, None);
        Flow::Exited(self.go_on_concretely())
    }

    /// Hands the frames being traced to the blackhole interpreter, which runs them from their
    /// current instructions up to the outermost frame's next merge point: what happened then.
    fn go_on_concretely(&mut self) -> Outcome {
        let stack = std::mem::take(&mut self.frames)
            .into_iter()
            .map(|f| SuspendedFrame::new(f.concrete, f.pc))
            .collect();
        blackhole::resume(self.registry, stack, Mode::UntilMergePoint)
    }

    /// Abandons the trace blaming `greens`; the concrete run continues in the blackhole from
    /// the current instruction up to the next merge point.
    fn abandon(mut self, reason: AbortReason, blame: Option<Blame>) -> Traced {
        Traced::Aborted(reason, self.go_on_concretely(), blame)
    }

    /// The innermost frame, an inlined call of the portal at a merge point, is a function not
    /// to inline: the trace goes back to where the call began and records a residual call of
    /// the portal instead (a `call_assembler` when it can enter the callee's compiled code);
    /// concretely the callee runs to its end in the blackhole interpreter.
    fn make_call_residual(&mut self) -> Flow {
        let mut callee = self.frames.pop().expect("the callee's frame");
        let mut began = callee.inlined.take().expect("an inlined call");
        // The entry's greens (concrete) with what they are in the trace, and its reds (in the
        // trace), for a `call_assembler`.
        let (greens, reds): (Vec<(Arg, u64)>, Vec<Arg>) = match began.greens.take() {
            // The merge point promoted its greens, but in the part of the trace dropped now:
            // the call's own operands are promoted instead (`promote_entry_greens`).
            Some(greens) => (greens, std::mem::take(&mut began.reds)),
            None => {
                let (_, greens, reds, _) = merge_point(&callee.code);
                let greens = greens
                    .iter()
                    .map(|r| (callee.sym(*r), callee.concrete.get(*r).word()))
                    .collect();
                (greens, reds.iter().map(|r| callee.sym(*r)).collect())
            }
        };
        let callee_id = callee.id;
        self.trace.ops.truncate(began.ops);
        self.marks.truncate(began.marks);
        // Reads recorded in the dropped part are gone with it.
        self.immutable_reads.clear();
        self.last_resume = None;
        self.vable = began.vable;
        self.vable_in_memory = began.vable_in_memory;
        for (frame, syms) in self.frames.iter_mut().zip(began.caller_syms) {
            frame.syms = syms;
        }
        let stack = vec![SuspendedFrame::new(callee.concrete, callee.pc)];
        let outcome = blackhole::resume(self.registry, stack, Mode::Complete);
        let (code, pc) = (self.top().code.clone(), self.top().pc);
        let top = self.frames.last().expect("the caller");
        let mut ins: Vec<Arg> = code.insns[pc].uses().iter().map(|r| top.sym(r)).collect();
        let greens = self.promote_entry_greens(&greens, &mut ins, pc);
        let assembler = greens
            .and_then(|greens| self.assembler_call(&code, pc, callee_id, greens, &reds, &ins));
        self.record_residual_call(&code, pc, ins, outcome, assembler)
    }

    /// The entry greens of a call made residual at `pc` (each a trace operand of the callee
    /// and its concrete word), all constants in the trace: a green that is a variable and
    /// one of the call's operands `ins` is promoted (a `guard_value` before the call, the
    /// operand replaced by the constant). `None` if some green cannot be (no
    /// `call_assembler` then).
    fn promote_entry_greens(
        &mut self,
        greens: &[(Arg, u64)],
        ins: &mut [Arg],
        pc: usize,
    ) -> Option<Vec<u64>> {
        let mut words = Vec::with_capacity(greens.len());
        for &(sym, word) in greens {
            if let Arg::Var(var) = sym {
                if !ins.contains(&sym) {
                    return None;
                }
                let kind = self.trace.kinds[var as usize];
                let constant = self.constant(Value::from_word(kind, word));
                self.guard(OpKind::GuardValue, vec![sym, constant], pc, None);
                for arg in ins.iter_mut().filter(|a| **a == sym) {
                    *arg = constant;
                }
            }
            words.push(word);
        }
        Some(words)
    }

    /// The `call_assembler` standing for the residual portal call at `pc` of `code` (operands
    /// `ins`) into the entry of `callee` with the constant `greens` and `reds`: possible when
    /// the portal can be resumed natively and every red is one of the operands.
    fn assembler_call(
        &self,
        code: &JitCode,
        pc: usize,
        callee: JitCodeId,
        greens: Vec<u64>,
        reds: &[Arg],
        ins: &[Arg],
    ) -> Option<Rc<AssemblerCall>> {
        let Insn::CallJitCode { residual, .. } = &code.insns[pc] else {
            return None;
        };
        let call = &code.call_descrs[*residual as usize];
        if call.arg_kinds.len() > assembler::MAX_OPERANDS {
            return None;
        }
        let reds = reds
            .iter()
            .map(|red| ins.iter().position(|a| a == red))
            .collect::<Option<Vec<usize>>>()?;
        let token = warmup::entry_token(self.registry, callee, greens)?;
        Some(Rc::new(AssemblerCall {
            call: Rc::new(call.clone()),
            token,
            reds,
            run: assembler::run,
        }))
    }

    /// For a staged allocation whose type compiled code can allocate itself: the type and
    /// the `new` op's operands, one per field, the call's arguments for the fields they
    /// initialize and, for the others (constants the callee writes), the values in the
    /// object the call just `made`.
    fn inline_allocation(
        &self,
        descr: &crate::jitcode::CallDescr,
        ins: &[Arg],
        made: &Outcome,
    ) -> Option<(&'static crate::gc::TypeInfo, Vec<Arg>)> {
        let alloc = descr.allocates.as_ref()?;
        let (Outcome::Return(Value::Ref(Some(object))), false) = (made, descr.returns_result)
        else {
            return None;
        };
        let info = alloc.type_info;
        if !info.jit_allocatable() {
            return None;
        }
        let allocation = Allocation::New(info);
        let mut fields: Vec<Arg> = Vec::with_capacity(info.fields.len());
        for (field, descr) in allocation.fields().iter().zip(info.fields) {
            fields.push(match alloc.fields.iter().position(|f| f == field) {
                Some(i) => ins[i],
                // SAFETY: a field of the object of this type the call returned.
                None => match unsafe { load(object.addr() + descr.offset, descr.kind) } {
                    // The callee may make that object afresh each time (`GcVec::new()`):
                    // it stays a call rather than share one object.
                    Value::Ref(Some(_)) => return None,
                    constant => self.constant(constant),
                },
            });
        }
        Some((info, fields))
    }

    /// A constant operand for a concrete value; a reference is rooted by the trace (it may
    /// be reachable from nowhere else, e.g. the result of a folded elidable call).
    fn constant(&self, value: Value) -> Arg {
        let arg = const_of(value);
        self.trace.keep_alive(arg);
        arg
    }

    /// The portal's jitcode (the outermost frame's).
    fn portal(&self) -> JitCodeId {
        self.frames[0].id
    }

    /// Whether one more call of the portal (a call in the user's program) may be inlined:
    /// up to `inline_portal` portal frames deep; beyond, the call stays a call (see
    /// [`InlinedCall::too_deep`]).
    fn may_inline_portal(&self) -> bool {
        let portal = self.portal();
        let depth = self.frames.iter().filter(|f| f.id == portal).count();
        depth <= self.inline_portal
    }

    /// Sets `dst`'s symbolic value to the constant `value`.
    fn set_const(&mut self, dst: AnyReg, value: Value) {
        let arg = self.constant(value);
        self.top().set_sym(dst, arg);
    }

    fn top(&mut self) -> &mut TraceFrame {
        self.frames.last_mut().expect("a frame")
    }

    /// Records a pure operation: a constant if every operand is one, else an op.
    fn pure(&mut self, kind: OpKind, args: &[Arg], dst: AnyReg) {
        let out = if args.iter().all(|a| a.is_const()) {
            let value = self.top().concrete.get(dst);
            self.constant(value)
        } else {
            self.record(kind, args.to_vec(), Some(dst.kind))
        };
        self.top().set_sym(dst, out);
    }

    /// Appends an op; its result variable as an operand (or a dummy for none).
    fn record(&mut self, kind: OpKind, args: Vec<Arg>, result: Option<Kind>) -> Arg {
        match self.trace.push(kind, args, result, None) {
            Some(var) => Arg::Var(var),
            None => Arg::Int(0),
        }
    }

    /// Appends a guard resuming at `pc` of the innermost frame.
    fn guard(
        &mut self,
        kind: OpKind,
        args: Vec<Arg>,
        pc: usize,
        after_call: Option<(Arg, Option<Kind>)>,
    ) -> Option<u32> {
        let resume = self.resume_data(pc, after_call);
        let result = matches!(kind, OpKind::GuardError).then_some(Kind::Ref);
        self.trace.push(kind, args, result, Some(resume))
    }

    /// The frame stack as resume data, the innermost frame resuming at `pc`.
    fn resume_data(
        &mut self,
        pc: usize,
        after_call: Option<(Arg, Option<Kind>)>,
    ) -> Rc<ResumeData> {
        let depth = self.frames.len();
        let mut frames = Vec::with_capacity(depth);
        for i in 0..depth {
            let at = if i + 1 == depth {
                pc
            } else {
                self.frames[i].pc
            };
            let frame = &self.frames[i];
            let all;
            let regs = match frame.code.liveness().live_regs(at) {
                Some(live) => live,
                None => {
                    all = all_regs(&frame.code);
                    &all[..]
                }
            };
            let regs = regs
                .iter()
                .map(|&r| (r, frame.sym(r)))
                .filter(|(r, a)| *a != zero_arg(r.kind))
                .collect();
            frames.push(ResumeFrame {
                code: frame.id,
                jitcode: frame.code.clone(),
                pc: at,
                regs,
            });
        }
        let vable = self.vable.as_ref().filter(|_| !self.vable_in_memory);
        // Consecutive guards often resume in the same state: they share it (compared before
        // the virtualizable's state is copied).
        if let Some(last) = &self.last_resume {
            if last.frames == frames
                && last.after_call == after_call
                && last.vable.as_ref() == vable
                && last.virtuals.is_empty()
            {
                return last.clone();
            }
        }
        let data = Rc::new(ResumeData {
            frames,
            after_call,
            vable: vable.cloned(),
            virtuals: Vec::new(),
            pending: Vec::new(),
        });
        self.last_resume = Some(data.clone());
        data
    }

    /// Whether `arg` is the virtualizable object.
    fn is_vable(&self, arg: Arg) -> bool {
        self.vable.as_ref().is_some_and(|v| v.object == arg)
    }

    /// Which virtualizable array `arg` is, if it is one.
    fn vable_array(&self, arg: Arg) -> Option<usize> {
        let state = self.vable.as_ref()?;
        state.arrays.iter().position(|(array, _)| *array == arg)
    }

    /// A value stored into memory must not be the virtualizable or one of its arrays: code
    /// reading it from there would see stale fields. Such a trace aborts.
    fn check_not_stored(&mut self, value: Arg) {
        if self.is_vable(value) || self.vable_array(value).is_some() {
            self.abort = Some(AbortReason::VirtualizableEscaped);
        }
    }

    /// An index into a virtualizable array as a constant (`concrete`: its value): promoted
    /// with a `guard_value` (resuming at `pc`) if it is a variable.
    fn promote_index(&mut self, index: Arg, concrete: Value, pc: usize) -> usize {
        if !index.is_const() {
            let constant = self.constant(concrete);
            self.guard(OpKind::GuardValue, vec![index, constant], pc, None);
            self.replace_everywhere(index, constant);
        }
        concrete.word() as usize
    }

    /// After a guard proved `var == constant`: every register and virtualizable value
    /// holding `var` holds `constant` instead (so expressions of it fold from here on).
    fn replace_everywhere(&mut self, var: Arg, constant: Arg) {
        let frames = self.frames.iter_mut().flat_map(TraceFrame::syms_mut);
        let state = self.vable.iter_mut().flat_map(VableState::args_mut);
        for arg in frames.chain(state) {
            if *arg == var {
                *arg = constant;
            }
        }
    }

    /// Before a residual call with operands `ins` (of `descr`): whether the callee may access
    /// the virtualizable's fields (it receives one of its arrays, or the object itself and
    /// may access the struct's fields). If so, the trace writes the state back to memory.
    fn vable_to_memory(&mut self, descr: &crate::jitcode::CallDescr, ins: &[Arg]) -> bool {
        let Some(state) = &self.vable else {
            return false;
        };
        let forced = descr.forces.iter().any(|f| ins[f.arg] == state.object);
        let array = ins
            .iter()
            .any(|a| state.arrays.iter().any(|(arr, _)| arr == a));
        if !forced && !array {
            return false;
        }
        self.write_vable();
        true
    }

    /// Records the stores that write the virtualizable's fields and items to memory.
    fn write_vable(&mut self) {
        let Some(state) = self.vable.clone() else {
            return;
        };
        for (field, value) in state.layout.fields.iter().zip(&state.fields) {
            self.record(OpKind::SetField(*field), vec![state.object, *value], None);
        }
        for (descr, (array, items)) in state.layout.arrays.iter().zip(&state.arrays) {
            for (index, value) in items.iter().enumerate() {
                let args = vec![*array, Arg::Int(index as i64), *value];
                self.record(
                    OpKind::SetArrayItem(descr.items, IndexCheck::Checked),
                    args,
                    None,
                );
            }
        }
        self.vable_in_memory = true;
    }

    /// At the start of an entry trace (resuming at `pc`): the virtualizable's arrays are
    /// guarded to have the lengths they have now, and its fields and items read from the
    /// object.
    fn read_vable_at_entry(&mut self, pc: usize) {
        let state = self.vable.clone().expect("a virtualizable");
        // The object is the truth until its state is read: a failing guard leaves it alone.
        self.vable_in_memory = true;
        for (array, items) in &state.arrays {
            let len = self.record(OpKind::ArrayLen, vec![*array], Some(Kind::Int));
            let expected = Arg::Int(items.len() as i64);
            self.guard(OpKind::GuardValue, vec![len, expected], pc, None);
        }
        self.vable_from_memory();
    }

    /// After a residual call that may have changed the virtualizable: its state read back.
    fn vable_from_memory(&mut self) {
        let mut state = self.vable.clone().expect("a virtualizable");
        for (field, value) in state.layout.fields.iter().zip(&mut state.fields) {
            let kind = vable::kind_of(field.descr.kind);
            *value = self.record(OpKind::GetField(*field), vec![state.object], Some(kind));
        }
        for (descr, (array, items)) in state.layout.arrays.iter().zip(&mut state.arrays) {
            let kind = vable::kind_of(descr.items.item_kind);
            for (index, value) in items.iter_mut().enumerate() {
                let args = vec![*array, Arg::Int(index as i64)];
                *value = self.record(
                    OpKind::GetArrayItem(descr.items, IndexCheck::Checked),
                    args,
                    Some(kind),
                );
            }
        }
        self.vable = Some(state);
        self.vable_in_memory = false;
    }

    /// Runs and records the innermost frame's next instruction.
    fn step(&mut self) -> Flow {
        let (code, pc) = {
            let top = self.top();
            (top.code.clone(), top.pc)
        };
        let insn = &code.insns[pc];
        let top = self.frames.last().expect("a frame");
        // The operands' symbols, in a buffer reused from step to step (an op that is
        // recorded copies them; most instructions fold or only move a symbol).
        let mut ins = std::mem::take(&mut self.ins);
        ins.clear();
        // The operands' values before the instruction runs (it may overwrite one).
        let mut before = std::mem::take(&mut self.before);
        before.clear();
        let mut read = |regs: &[AnyReg]| {
            for &reg in regs {
                ins.push(top.sym(reg));
                before.push(top.concrete.get(reg));
            }
        };
        match insn.uses() {
            Uses::Few(n, regs) => read(&regs[..n as usize]),
            Uses::Slices(first, second) => {
                read(first);
                read(second);
            }
        }
        if let Insn::CallResidual { .. } = insn {
            let flow = self.residual_call(&code, pc, ins.clone(), &before);
            self.ins = ins;
            self.before = before;
            return flow;
        }
        let stepped = step(&code, &mut self.top().concrete, pc);
        let flow = self.after_step(insn, pc, stepped, &before, &ins);
        self.before = before;
        self.ins = ins;
        flow
    }

    /// What follows the step `stepped` of instruction `insn` at `pc` (`before`: its
    /// operands' values before it ran; `ins`: their symbols).
    fn after_step(
        &mut self,
        insn: &Insn,
        pc: usize,
        stepped: Step,
        before: &[Value],
        ins: &[Arg],
    ) -> Flow {
        match stepped {
            Step::Next(next) => {
                self.after(insn, pc, before, ins);
                self.top().pc = next;
                Flow::Go
            }
            Step::Call(callee) => {
                let concrete = callee_frame(self.registry, &self.top().concrete, callee, pc);
                let mut frame = TraceFrame::new(callee, concrete, 0);
                if callee == self.portal() {
                    frame.inlined = Some(InlinedCall {
                        too_deep: !self.may_inline_portal(),
                        ops: self.trace.ops.len(),
                        greens: None,
                        reds: Vec::new(),
                        location: None,
                        marks: self.marks.len(),
                        caller_syms: self.frames.iter().map(|f| f.syms.clone()).collect(),
                        vable: self.vable.clone(),
                        vable_in_memory: self.vable_in_memory,
                    });
                }
                if let Insn::CallJitCode { args, .. } = insn {
                    for ((param, _), sym) in param_regs(args).zip(ins) {
                        frame.set_sym(param, *sym);
                    }
                }
                self.frames.push(frame);
                Flow::Go
            }
            Step::Done(outcome) => {
                let sym = ins.first().copied().unwrap_or(Arg::Int(0));
                self.frame_done(outcome, sym)
            }
            Step::MergePoint => self.merge_point(insn, pc, ins),
        }
    }

    /// The innermost frame ended with `outcome` (`sym`: the returned value or error in the
    /// trace); delivers it to the caller, frame after frame while an error propagates. When
    /// the portal's outermost frame ends, so does the trace, with a `finish`: compiled code
    /// hands the outcome over directly (to the native portal call, or the `call_assembler`,
    /// that entered it), the virtualizable (which others may still see) written back first.
    fn frame_done(&mut self, mut outcome: Outcome, sym: Arg) -> Flow {
        loop {
            if self.frames.len() == 1 {
                self.write_vable();
                let error = matches!(outcome, Outcome::Err(_));
                self.record(OpKind::Finish { error }, vec![sym], None);
                return Flow::Exited(outcome);
            }
            self.frames.pop();
            let caller = self.top();
            let call_pc = caller.pc;
            let code = caller.code.clone();
            let is_err = matches!(outcome, Outcome::Err(_));
            match deliver(&mut caller.concrete, call_pc, outcome) {
                Ok(next) => {
                    match (&code.insns[call_pc], is_err) {
                        (
                            Insn::CallJitCode {
                                result: Some(dst), ..
                            },
                            false,
                        ) => caller.set_sym(*dst, sym),
                        (
                            Insn::CallJitCode {
                                error: ErrorPath::Catch(_, reg),
                                ..
                            },
                            true,
                        ) => caller.set_sym(*reg, sym),
                        _ => {}
                    }
                    caller.pc = next;
                    return Flow::Go;
                }
                Err(propagated) => outcome = propagated,
            }
        }
    }

    /// A residual call (operands `ins`, their values `values`): run concretely, record the
    /// call and, for a fallible callee, the guard on whether it failed.
    fn residual_call(
        &mut self,
        code: &JitCode,
        pc: usize,
        ins: Vec<Arg>,
        values: &[Value],
    ) -> Flow {
        let index = match &code.insns[pc] {
            Insn::CallResidual { descr, .. } => descr,
            // A call of staged code made residual (a portal call past the inlining limit).
            Insn::CallJitCode { residual, .. } => residual,
            _ => unreachable!("called on a call"),
        };
        let descr = &code.call_descrs[*index as usize];
        let outcome = call_residual(descr, values);
        self.record_residual_call(code, pc, ins, outcome, None)
    }

    /// Records the residual call at `pc` (operands `ins`) that concretely had `outcome` (as
    /// `assembler` if given), and delivers the outcome to the calling frame.
    fn record_residual_call(
        &mut self,
        code: &JitCode,
        pc: usize,
        ins: Vec<Arg>,
        outcome: Outcome,
        assembler: Option<Rc<AssemblerCall>>,
    ) -> Flow {
        let (index, result, error) = match &code.insns[pc] {
            Insn::CallResidual {
                descr,
                result,
                error,
                ..
            } => (descr, result, error),
            Insn::CallJitCode {
                residual,
                result,
                error,
                ..
            } => (residual, result, error),
            _ => unreachable!("called on a call"),
        };
        let descr = &code.call_descrs[*index as usize];
        if descr.elidable && ins.iter().all(|a| a.is_const()) {
            if let Outcome::Return(result) = outcome {
                // A pure function of constants: its result is a constant.
                let next = deliver(&mut self.top().concrete, pc, Outcome::Return(result))
                    .unwrap_or_else(|_| unreachable!("a value is delivered"));
                if let Some(dst) = result_reg(&code.insns[pc]) {
                    self.set_const(dst, result);
                }
                self.top().pc = next;
                return Flow::Go;
            }
        }
        let synced = self.vable_to_memory(descr, &ins);
        let value = match (assembler, self.inline_allocation(descr, &ins, &outcome)) {
            (Some(call), _) => self.record(OpKind::CallAssembler(call), ins, descr.result),
            (None, Some((info, fields))) => self.record(OpKind::New(info), fields, descr.result),
            (None, None) => self.record(OpKind::Call(Rc::new(descr.clone())), ins, descr.result),
        };
        let mut error_sym = Arg::Ref(None);
        if descr.returns_result {
            let after = Some((value, descr.result));
            match outcome {
                Outcome::Err(_) => {
                    let var = self.guard(OpKind::GuardError, vec![], pc, after);
                    error_sym = Arg::Var(var.expect("guard_error defines the error"));
                }
                _ => {
                    self.guard(OpKind::GuardNoError, vec![], pc, after);
                }
            }
        }
        if synced {
            self.vable_from_memory();
        }
        let is_err = matches!(outcome, Outcome::Err(_));
        match deliver(&mut self.top().concrete, pc, outcome) {
            Ok(next) => {
                let top = self.top();
                match (result, error, is_err) {
                    (Some(dst), _, false) => top.set_sym(*dst, value),
                    (_, ErrorPath::Catch(_, reg), true) => top.set_sym(*reg, error_sym),
                    _ => {}
                }
                top.pc = next;
                Flow::Go
            }
            Err(propagated) => self.frame_done(propagated, error_sym),
        }
    }

    /// The merge point: in the portal's own frame, the loop closes when the greens are back
    /// to the trace's; in an inlined portal frame, the greens are promoted.
    fn merge_point(&mut self, insn: &Insn, pc: usize, ins: &[Arg]) -> Flow {
        let Insn::JitMergePoint { greens, reds, .. } = insn else {
            unreachable!("a merge point")
        };
        if self.frames.len() > 1 {
            let here: Vec<u64> = greens
                .iter()
                .map(|r| self.top().concrete.get(*r).word())
                .collect();
            let red_syms = ins[greens.len()..].to_vec();
            let not_inlined = self.not_inlined.contains(&here);
            match self.top().inlined.as_mut() {
                None => {
                    // A bridge that started inside this call (it does not know where the
                    // call began) reached a loop header of the callee a second time: it ends
                    // here; the interpreter runs the call on from this header natively,
                    // entering the loop's compiled code, rather than the bridge unrolling the
                    // loop.
                    if !self.top().headers_seen.insert(here) {
                        return self.exit_here(pc);
                    }
                }
                Some(call) if call.greens.is_none() => {
                    if not_inlined || call.too_deep {
                        return self.make_call_residual();
                    }
                    call.greens = Some(ins[..greens.len()].iter().copied().zip(here).collect());
                    call.reds = red_syms;
                    let location = self.location_here(greens, reds);
                    if let Some(call) = self.top().inlined.as_mut() {
                        call.location = location;
                    }
                }
                Some(call) => {
                    let call_greens = call.greens.clone();
                    if !self.top().headers_seen.insert(here) {
                        // The callee goes around a loop of its own: such a function is called,
                        // not inlined (its loop gets compiled code of its own), from now on.
                        let entry: Vec<u64> = call_greens
                            .expect("the entry's greens")
                            .iter()
                            .map(|&(_, word)| word)
                            .collect();
                        warmup::stop_inlining(&entry);
                        Rc::make_mut(&mut self.not_inlined).insert(entry);
                        return self.make_call_residual();
                    }
                }
            }
            // An inlined call of the portal: its greens (the callee's program position)
            // become constants, so its bytecode folds like the outer loop's.
            for (reg, sym) in greens.iter().zip(ins) {
                if !sym.is_const() {
                    let value = self.top().concrete.get(*reg);
                    let constant = self.constant(value);
                    self.guard(OpKind::GuardValue, vec![*sym, constant], pc, None);
                    self.top().set_sym(*reg, constant);
                }
            }
            self.mark_merge_point_here(greens, reds);
            self.top().pc = pc + 1;
            return Flow::Go;
        }
        let (green_syms, red_syms) = ins.split_at(greens.len());
        let key: Option<Vec<u64>> = green_syms.iter().all(|a| a.is_const()).then(|| {
            greens
                .iter()
                .map(|r| self.top().concrete.get(*r).word())
                .collect()
        });
        let portal = self.registry.portal_type(self.top().id);
        let hash = key.as_deref().map(crate::metainterp::counters::green_hash);
        let header = match (&key, portal, hash) {
            (Some(key), Some(portal), Some(hash)) if *key != self.key => {
                warmup::header_state(portal, key, hash)
            }
            _ => warmup::HeaderState::Other,
        };
        let gave_up = matches!(header, warmup::HeaderState::GaveUp);
        if let warmup::HeaderState::Compiled(target) = header {
            if let Some(flow) = self.jump_to(&target, reds, red_syms, pc) {
                return flow;
            }
        }
        if self.segment {
            return self.exit_here(pc);
        }
        if let (Some(key), Some(hash)) = (&key, hash) {
            // A bridge rejoins a path compiled code already takes: it ends at the join point
            // with an `exit`, and the code from there on is traced once, at the join point.
            let joins = || portal.is_some_and(|portal| warmup::is_join_point(portal, hash));
            if self.bridge && *key != self.key && !gave_up && joins() {
                return self.exit_here(pc);
            }
            // A trace from a join point ends at the next join point exits came to, or,
            // once `join_tail` long, at the next join point: the code after it is traced
            // from there, once.
            let long = self.trace.ops.len() >= self.join_tail;
            let exits_wait = || portal.is_some_and(|portal| warmup::exits_wait_at(portal, hash));
            if self.from_join && *key != self.key && !gave_up && ((long && joins()) || exits_wait())
            {
                return self.exit_here(pc);
            }
            self.passed.push((hash, self.trace.ops.len()));
        }
        if self.exit_at_merge_point {
            // An entry trace reached a loop header: the interpreter goes on from here (and
            // enters the loop's compiled code at its next `can_enter_jit`).
            self.guard(OpKind::Exit, vec![], pc, None);
            let frame = self.frames.pop().expect("the portal frame");
            let exit = MergePointExit {
                frame: frame.concrete,
                pc,
            };
            return Flow::Exited(Outcome::MergePoint(exit));
        }
        let Some(key) = key else {
            return Flow::Abort(AbortReason::GreenNotConstant);
        };
        if key == self.key {
            debug_assert_eq!(red_syms.len(), reds.len());
            let Some(args) = self.loop_args(red_syms) else {
                return Flow::Abort(AbortReason::VirtualizableEscaped);
            };
            let args = self.meet_entry_conditions(args, &self.entry_conditions.clone(), pc);
            self.trace.push(OpKind::Jump, args, None, None);
            return Flow::Closed;
        }
        if !self.frames[0].headers_seen.insert(key.clone()) && !gave_up {
            // Around a loop without code a second time: the trace ends at its header with an
            // exit (a loop's trace is compiled as a segment; a bridge stops its guard's
            // failures now), and the header gets hot, so the loop is compiled at its next
            // round and the exit then gets a bridge jumping into it.
            if let (Some(portal), Some(hash)) = (portal, hash) {
                warmup::make_hot(portal, hash);
            }
            return self.exit_here(pc);
        }
        self.mark_merge_point_here(greens, reds);
        self.top().pc = pc + 1;
        Flow::Go
    }

    /// What a loop at the outermost frame's merge point takes: the reds `red_syms`, then the
    /// virtualizable's fields and items (`None` if the virtualizable is not among the reds).
    fn loop_args(&self, red_syms: &[Arg]) -> Option<Vec<Arg>> {
        let mut args = red_syms.to_vec();
        if let Some(state) = &self.vable {
            if !args.contains(&state.object) {
                return None;
            }
            args.extend(state.values());
        }
        Some(args)
    }

    /// Guards the loop inputs `args` to meet a loop's entry `conditions` (those not known to
    /// hold), which then hold them as constants.
    fn meet_entry_conditions(
        &mut self,
        mut args: Vec<Arg>,
        conditions: &[(usize, Arg)],
        pc: usize,
    ) -> Vec<Arg> {
        for &(k, constant) in conditions {
            if args[k] != constant {
                self.guard(OpKind::GuardValue, vec![args[k], constant], pc, None);
                args[k] = constant;
            }
        }
        args
    }

    /// Ends the trace at the outermost frame's merge point `pc` (red registers `reds`,
    /// holding `red_syms`) with a jump into the compiled loop `target` whose header it is, if
    /// the loop takes this state: its inputs' shape, and its entry conditions holding
    /// concretely (they are guarded).
    fn jump_to(
        &mut self,
        target: &Rc<JumpTarget>,
        reds: &[AnyReg],
        red_syms: &[Arg],
        pc: usize,
    ) -> Option<Flow> {
        let args = self.loop_args(red_syms)?;
        let lengths = self
            .vable
            .as_ref()
            .map(|state| state.arrays.iter().map(|(_, items)| items.len()).collect());
        if args.len() != target.arity || lengths != target.vable_lengths {
            return None;
        }
        if !target.entry_conditions.is_empty() {
            let mut concrete: Vec<Value> =
                reds.iter().map(|r| self.top().concrete.get(*r)).collect();
            if let Some(state) = &self.vable {
                // The concrete run keeps the object's fields up to date.
                let red = red_syms.iter().position(|a| *a == state.object)?;
                vable::read_into(state.layout, vable_object(concrete[red]), &mut concrete);
            }
            let holds = |&(k, c): &(usize, Arg)| {
                concrete.get(k).map(|v| v.word()) == c.constant_value().map(|v| v.word())
            };
            if !target.entry_conditions.iter().all(holds) {
                return None;
            }
        }
        let args = self.meet_entry_conditions(args, &target.entry_conditions, pc);
        self.trace.jump_arity = target.arity;
        self.trace.jump_to = Some(target.clone());
        self.trace.push(OpKind::Jump, args, None, None);
        Some(Flow::Closed)
    }

    /// Records an instruction that ran (`before`: the concrete values of its operands).
    fn after(&mut self, insn: &Insn, pc: usize, before: &[Value], ins: &[Arg]) {
        use Insn::*;
        match insn {
            IntConst { dst, .. } | FloatConst { dst, .. } | RefConst { dst, .. } => {
                let value = self.top().concrete.get(*dst);
                self.set_const(*dst, value);
            }
            WeAreJitted(dst) => self.top().set_sym(*dst, Arg::Int(1)),
            Move { dst, .. } => self.top().set_sym(*dst, ins[0]),
            IntBin { op, dst, .. } => self.pure(OpKind::IntBin(*op), ins, *dst),
            IntCmp {
                op, signed, dst, ..
            } => self.pure(
                OpKind::IntCmp {
                    op: *op,
                    signed: *signed,
                },
                ins,
                *dst,
            ),
            Shift { op, width, dst, .. } => self.pure(
                OpKind::Shift {
                    op: *op,
                    width: *width,
                },
                ins,
                *dst,
            ),
            IntUn {
                not, width, dst, ..
            } => self.pure(
                OpKind::IntUn {
                    not: *not,
                    width: *width,
                },
                ins,
                *dst,
            ),
            BoolNot { dst, .. } => self.pure(OpKind::BoolNot, ins, *dst),
            // A cast to a 64-bit type keeps the word: nothing to record.
            IntCast { width, dst, .. } if width.bytes >= 8 => self.top().set_sym(*dst, ins[0]),
            IntCast { width, dst, .. } => self.pure(OpKind::IntCast(*width), ins, *dst),
            IntDiv { op, width, dst, .. } => self.pure(
                OpKind::IntDiv {
                    op: *op,
                    width: *width,
                },
                ins,
                *dst,
            ),
            FloatBin { op, dst, .. } => self.pure(OpKind::FloatBin(*op), ins, *dst),
            FloatCmp { op, dst, .. } => self.pure(OpKind::FloatCmp(*op), ins, *dst),
            FloatUn { op, dst, .. } => self.pure(OpKind::FloatUn(*op), ins, *dst),
            IntToFloat { width, dst, .. } => self.pure(OpKind::IntToFloat(*width), ins, *dst),
            FloatToInt { width, dst, .. } => self.pure(OpKind::FloatToInt(*width), ins, *dst),
            PtrEq { negate, dst, .. } => self.pure(OpKind::PtrEq { negate: *negate }, ins, *dst),
            IsNull { dst, .. } => self.pure(OpKind::IsNull, ins, *dst),
            ClassIs { dst, info, .. } => self.pure(OpKind::ClassIs(info), ins, *dst),
            IntOvf { op, width, dst, .. } => {
                let int = |v: Value| v.as_int().unwrap_or(0);
                let overflowed = checked(*op, *width, int(before[0]), int(before[1])).is_none();
                if ins.iter().all(|a| a.is_const()) {
                    if !overflowed {
                        let value = self.top().concrete.get(*dst);
                        self.set_const(*dst, value);
                    }
                    return;
                }
                let kind = OpKind::IntOvf {
                    op: *op,
                    width: *width,
                };
                let value = self.record(kind, ins.to_vec(), Some(Kind::Int));
                if overflowed {
                    self.guard(OpKind::GuardOverflow, vec![], pc, None);
                } else {
                    self.guard(OpKind::GuardNoOverflow, vec![], pc, None);
                    self.top().set_sym(*dst, value);
                }
            }
            GetField { dst, field, .. } if self.is_vable(ins[0]) => {
                let state = self.vable.as_ref().expect("a virtualizable");
                let sym = match state.layout.fields.iter().position(|f| f == field) {
                    Some(k) => Some(state.fields[k]),
                    None => (state.layout.arrays.iter())
                        .position(|a| a.field == *field)
                        .map(|k| state.arrays[k].0),
                };
                match sym {
                    Some(sym) => self.top().set_sym(*dst, sym),
                    None => {
                        let out =
                            self.record(OpKind::GetField(*field), ins.to_vec(), Some(dst.kind));
                        self.top().set_sym(*dst, out);
                    }
                }
            }
            SetField { field, .. } if self.is_vable(ins[0]) => {
                self.check_not_stored(ins[1]);
                let state = self.vable.as_mut().expect("a virtualizable");
                match state.layout.fields.iter().position(|f| f == field) {
                    Some(k) => state.fields[k] = ins[1],
                    None => {
                        self.record(OpKind::SetField(*field), ins.to_vec(), None);
                    }
                }
            }
            ArrayLen { dst, .. } if self.vable_array(ins[0]).is_some() => {
                let value = self.top().concrete.get(*dst);
                self.set_const(*dst, value);
            }
            GetArrayItem { dst, .. } if self.vable_array(ins[0]).is_some() => {
                let array = self.vable_array(ins[0]).expect("a virtualizable array");
                let index = self.promote_index(ins[1], before[1], pc);
                let state = self.vable.as_ref().expect("a virtualizable");
                let sym = state.arrays[array].1[index];
                self.top().set_sym(*dst, sym);
            }
            SetArrayItem { .. } if self.vable_array(ins[0]).is_some() => {
                self.check_not_stored(ins[2]);
                let array = self.vable_array(ins[0]).expect("a virtualizable array");
                let index = self.promote_index(ins[1], before[1], pc);
                let state = self.vable.as_mut().expect("a virtualizable");
                state.arrays[array].1[index] = ins[2];
            }
            GetField { dst, field, .. }
                if ins[0].is_const() && field.descr.mutability == Mutability::QuasiImmutable =>
            {
                // Folded like an immutable field, as long as nobody writes it: a write runs
                // the watcher, which invalidates the loop; the guard checks that.
                let object = before[0].word() as usize;
                let invalidation = self.trace.invalidation.clone();
                crate::quasi_immutable::watch(
                    object + field.descr.offset,
                    Rc::new(move || invalidation.invalidate()),
                );
                self.guard(OpKind::GuardNotInvalidated, vec![], pc, None);
                let value = self.top().concrete.get(*dst);
                self.set_const(*dst, value);
            }
            GetField { dst, field, .. } => {
                let immutable = field.descr.mutability == Mutability::Immutable;
                if ins[0].is_const() && immutable {
                    let value = self.top().concrete.get(*dst);
                    self.set_const(*dst, value);
                    return;
                }
                // An immutable field read again gives what the first read gave.
                let key = match ins[0] {
                    Arg::Var(object) if immutable => Some((object, *field)),
                    _ => None,
                };
                let known = key.and_then(|key| self.immutable_reads.get(&key).copied());
                let out = match known {
                    Some(out) => out,
                    None => {
                        let out =
                            self.record(OpKind::GetField(*field), ins.to_vec(), Some(dst.kind));
                        if let Some(key) = key {
                            self.immutable_reads.insert(key, out);
                        }
                        out
                    }
                };
                self.top().set_sym(*dst, out);
            }
            SetField { field, .. } => {
                self.check_not_stored(ins[1]);
                self.record(OpKind::SetField(*field), ins.to_vec(), None);
            }
            ArrayLen { dst, .. } => self.pure(OpKind::ArrayLen, ins, *dst),
            GetArrayItem { dst, descr, .. } => {
                if ins.iter().all(|a| a.is_const()) && descr.immutable_items {
                    let value = self.top().concrete.get(*dst);
                    self.set_const(*dst, value);
                } else {
                    let out = self.record(
                        OpKind::GetArrayItem(*descr, IndexCheck::Checked),
                        ins.to_vec(),
                        Some(dst.kind),
                    );
                    self.top().set_sym(*dst, out);
                }
            }
            SetArrayItem { descr, .. } => {
                self.check_not_stored(ins[2]);
                self.record(
                    OpKind::SetArrayItem(*descr, IndexCheck::Checked),
                    ins.to_vec(),
                    None,
                );
            }
            GotoIfNot { .. } => {
                if !ins[0].is_const() {
                    let taken = before[0].word() != 0;
                    let kind = if taken {
                        OpKind::GuardTrue
                    } else {
                        OpKind::GuardFalse
                    };
                    self.guard(kind, ins.to_vec(), pc, None);
                }
            }
            Switch { value, .. } | Promote(value) => {
                if !ins[0].is_const() {
                    let concrete = self.constant(before[0]);
                    self.guard(OpKind::GuardValue, vec![ins[0], concrete], pc, None);
                    self.top().set_sym(*value, concrete);
                }
            }
            CanEnterJit { .. } if self.from_entry && self.frames.len() == 1 => {
                self.exit_at_merge_point = true;
            }
            Goto(_) | CanEnterJit { .. } => {}
            CallJitCode { .. }
            | CallResidual { .. }
            | Return(_)
            | ReturnErr(_)
            | Panic(_)
            | JitMergePoint { .. } => unreachable!("handled by the step's outcome"),
        }
    }
}

/// The register a call instruction writes its result to.
fn result_reg(insn: &Insn) -> Option<AnyReg> {
    match insn {
        Insn::CallResidual { result, .. } | Insn::CallJitCode { result, .. } => *result,
        _ => None,
    }
}

/// Every register of `code`.
fn all_regs(code: &JitCode) -> Vec<AnyReg> {
    let n = code.num_regs;
    let mut regs = Vec::new();
    for (kind, count) in [
        (Kind::Int, n.int),
        (Kind::Ref, n.reference),
        (Kind::Float, n.float),
    ] {
        regs.extend((0..count).map(|index| AnyReg { kind, index }));
    }
    regs
}
