//! Warm-up: counting how often each loop header (a portal and its green values) is reached
//! at `can_enter_jit`, tracing it when it gets hot, running its compiled loop from then on,
//! and resuming in the blackhole interpreter when a guard fails. A guard that fails
//! `trace_eagerness` times gets a bridge: traced from its resume state back to the loop's
//! header, then run instead of resuming. Also the statistics behind the `jit-summary` log
//! section.

use std::any::TypeId;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

// A fast hasher: these maps are consulted at every entry into and exit from compiled code.
use foldhash::{HashMap, HashSet};
use std::rc::Rc;
use std::time::{Duration, Instant};

use crate::backend::{self, Backend, DeadFrame, FailedOp, LoopCode, RunEnd, TraceId};
use crate::blackhole::{self, Frame, MergePointExit, Mode, Outcome, SuspendedFrame, Value};
use crate::jitcode::{JitCodeId, Registry};
use crate::log::{self, Category};
use crate::metainterp::assembler;
use crate::metainterp::counters::{Counters, Quick};
use crate::metainterp::spare::SpareValues;
use crate::metainterp::tracer::{
    merge_point, trace_bridge, trace_loop, vable_object, AbortReason, BridgeTarget, Limits, Traced,
};
use crate::metainterp::vable;
use crate::optimize::{optimize, optimize_loop};
use crate::params::JitParams;
use crate::trace::{Arg, EntryToken, JumpTarget, OpKind, ResumeFrame, TraceLoop};
use crate::virtualizable::VableSpec;

/// After this many aborted attempts, a loop header is no longer traced.
const MAX_ABORTS: u32 = 3;

/// How many nested calls of the portal a trace inlines when `inlining` is on.
const PORTAL_INLINE_DEPTH: usize = 2;

/// What the JIT did on this thread, for `jit-summary` and the test harness.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JitStats {
    /// Loops compiled.
    pub loops: u32,
    /// Of them: traces begun at a join point (see `JitParams::join_tail`).
    pub join_traces: u32,
    /// Aborted traces, by reason.
    pub aborts: BTreeMap<AbortReason, u32>,
    /// Operations in the compiled loops.
    pub ops_recorded: u64,
    /// Guards in the compiled loops.
    pub guards: u64,
    /// Entries into compiled loops through the warm-up code (not the direct entries of
    /// `call_assembler` into entry traces).
    pub loop_entries: u64,
    /// Those of them straight from where compiled code left (at the loop's header), not from
    /// the native interpreter.
    pub loop_jumps: u64,
    /// Failures of guards without a bridge (each resumed in the blackhole interpreter),
    /// `exit`s included.
    pub guard_failures: u64,
    /// The most failures of one guard (not an `exit`).
    pub most_guard_failures: u64,
    /// The guards that stopped getting bridges because their bridges aborted too often
    /// (`guard N of TRACE`).
    pub guards_given_up: Vec<String>,
    /// Bridges compiled.
    pub bridges: u32,
    /// Functions no longer inlined into traces (each the largest inlined call of a trace
    /// that got too long).
    pub not_inlined: u32,
    /// Those functions traced from their entry (compiled up to their return or first loop).
    pub entry_traces: u32,
    /// Compiled loops dropped because a quasi-immutable field they folded changed.
    pub invalidated: u32,
    /// The backend that runs compiled traces (`x86`, `reference`).
    pub backend: String,
    /// Traces the native backend could not compile, interpreted by the reference backend.
    pub backend_fallbacks: u32,
    /// The text form of each compiled loop, in the order they were compiled (rendered by
    /// [`stats`]).
    pub traces: Vec<String>,
    /// Where the JIT's time went (measured only while `jit-summary` is logged; else zero).
    pub times: JitTimes,
}

/// Time spent in each phase of the JIT.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct JitTimes {
    /// Recording traces (the tracer also runs the program meanwhile).
    pub tracing: Duration,
    /// Optimizing them.
    pub optimizing: Duration,
    /// Compiling them to machine code (loops and bridges).
    pub backend: Duration,
    /// Resuming failed guards in the blackhole interpreter, up to the next merge point.
    pub blackhole: Duration,
}

/// A phase of the JIT whose time [`JitTimes`] adds up.
#[derive(Clone, Copy)]
enum Phase {
    Tracing,
    Optimizing,
    Backend,
    Blackhole,
}

impl Phase {
    /// The log section a phase writes.
    fn category(self) -> &'static Category {
        match self {
            Phase::Tracing => &log::JIT_TRACING,
            Phase::Optimizing => &log::JIT_OPTIMIZE,
            Phase::Backend => &log::JIT_BACKEND,
            Phase::Blackhole => &log::JIT_BLACKHOLE,
        }
    }
}

impl JitTimes {
    fn slot(&mut self, phase: Phase) -> &mut Duration {
        match phase {
            Phase::Tracing => &mut self.tracing,
            Phase::Optimizing => &mut self.optimizing,
            Phase::Backend => &mut self.backend,
            Phase::Blackhole => &mut self.blackhole,
        }
    }
}

thread_local! {
    /// Whether [`timed`] measures (`jit-summary` is logged).
    static TIMING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` in a log section of `phase`: its result, and its time when timing is on.
fn clocked<T>(phase: Phase, f: impl FnOnce() -> T) -> (T, Option<Duration>) {
    let _section = log::begin(phase.category(), |_| {});
    if !TIMING.with(Cell::get) {
        return (f(), None);
    }
    let start = Instant::now();
    let result = f();
    (result, Some(start.elapsed()))
}

/// Runs `f`, adding its time to `phase` when timing is on. The warm-up state must not be
/// borrowed.
fn timed<T>(phase: Phase, f: impl FnOnce() -> T) -> T {
    let (result, took) = clocked(phase, f);
    if let Some(took) = took {
        WARM.with(|w| *w.borrow_mut().stats.times.slot(phase) += took);
    }
    result
}

/// Runs `f`, adding its time to `phase` of `stats` when timing is on (for code run with the
/// warm-up state borrowed).
fn timed_in<T>(stats: &mut JitStats, phase: Phase, f: impl FnOnce() -> T) -> T {
    let (result, took) = clocked(phase, f);
    if let Some(took) = took {
        *stats.times.slot(phase) += took;
    }
    result
}

impl JitStats {
    /// The total number of aborted traces.
    pub fn total_aborts(&self) -> u32 {
        self.aborts.values().sum()
    }
}

/// What [`counts_as_hot`] says about a header.
pub(crate) enum Hot {
    /// Go on natively.
    Cold,
    /// Take the full path ([`can_enter_jit`]): the header just got hot.
    Full,
    /// Run this compiled code ([`run_entered`]), if it is the header's.
    Compiled(Rc<CompiledLoop>),
}

/// A loop header's (or function entry's) state.
#[derive(Default)]
struct LoopCell {
    compiled: Option<Rc<CompiledLoop>>,
    aborts: u32,
}

/// A compiled loop: its trace, the backend's code, its bridges' traces (for their guards'
/// resume data) and its guards' failure counts.
pub(crate) struct CompiledLoop {
    trace: Rc<TraceLoop>,
    code: Box<dyn LoopCode>,
    /// The portal (its body's `TypeId`).
    portal: TypeId,
    /// What traces that end at its header jump to.
    target: Rc<JumpTarget>,
    /// The loop header's greens (where bridges close).
    key: Vec<u64>,
    /// Whether it is a function's entry trace (its bridges end where the function returns
    /// or reaches a loop header, as it does).
    entry: bool,
    /// The portal's virtualizable and the lengths of its arrays the loop was traced with.
    vable: Option<(VableSpec, Vec<usize>)>,
    /// The bridges' traces, by their [`TraceId::Bridge`] number.
    bridges: RefCell<Vec<Rc<TraceLoop>>>,
    /// Per guard: its failures.
    failures: RefCell<HashMap<(TraceId, usize), GuardCount>>,
    /// Runs begun from Rust (not jumps from machine code into it), for `jit-backend-counts`.
    entries: Cell<u64>,
}

/// The failures of one guard that has no bridge (yet).
#[derive(Default)]
struct GuardCount {
    /// Since the last bridge attempt.
    recent: u32,
    /// Whether a failure resumed up to where its bridge would end (a compiled loop's header,
    /// a join point): the bridge is short (the rest of the interpreter step, then a jump or
    /// an exit there), so it is traced at the next failure rather than after
    /// `trace_eagerness` of them.
    short_bridge: bool,
    /// Bridge attempts that aborted.
    attempts: u32,
    /// In all.
    total: u64,
}

impl CompiledLoop {
    fn trace(&self, id: TraceId) -> Rc<TraceLoop> {
        match id {
            TraceId::Loop => self.trace.clone(),
            TraceId::Bridge(n) => self.bridges.borrow()[n as usize].clone(),
        }
    }
}

struct WarmState {
    cells: HashMap<(TypeId, Vec<u64>), LoopCell>,
    tracing: bool,
    params: JitParams,
    backend: Rc<dyn Backend>,
    /// Functions (entry greens) that traces call instead of inlining.
    not_inlined: Rc<HashSet<Vec<u64>>>,
    /// The entries of functions that got hot.
    entries: HashMap<(TypeId, Vec<u64>), LoopCell>,
    /// The warm-up counters of loop headers and function entries, by green hash.
    quick: Counters,
    /// The entries `call_assembler` ops enter, by portal and greens.
    tokens: HashMap<(TypeId, Vec<u64>), Rc<EntryToken>>,
    /// Every loop compiled in this run, by number: compiled code may jump into a loop after
    /// its header forgot it (invalidated), and its guards' failures still need its traces.
    loops: HashMap<u32, Rc<CompiledLoop>>,
    /// The join points (portal, green hash) compiled traces passed, where bridges end.
    join_points: HashSet<(TypeId, u64)>,
    /// The loop headers (portal, green hash) a loop was compiled at.
    compiled_headers: HashSet<(TypeId, u64)>,
    /// Per join point without compiled code: the exits that reached it since it was last
    /// traced.
    join_counts: HashMap<(TypeId, u64), u32>,
    /// Per portal: the driver's location of a merge point, from its greens and reds.
    locations: HashMap<TypeId, fn(&[Value]) -> String>,
    /// Every trace compiled, in order (their text is [`JitStats::traces`]).
    compiled_traces: Vec<Rc<TraceLoop>>,
    stats: JitStats,
}

impl WarmState {
    fn new(params: &JitParams) -> WarmState {
        let backend = backend::by_name(&params.backend)
            .unwrap_or_else(|| panic!("jitgen: no backend `{}` here", params.backend));
        let stats = JitStats {
            backend: backend.name().to_string(),
            ..JitStats::default()
        };
        WarmState {
            cells: HashMap::default(),
            tracing: false,
            params: params.clone(),
            backend,
            not_inlined: Rc::default(),
            entries: HashMap::default(),
            quick: Counters::new(),
            tokens: HashMap::default(),
            loops: HashMap::default(),
            join_points: HashSet::default(),
            compiled_headers: HashSet::default(),
            join_counts: HashMap::default(),
            locations: HashMap::default(),
            compiled_traces: Vec::new(),
            stats,
        }
    }
}

impl WarmState {
    /// Forgets invalidated compiled code: its header counts towards tracing again.
    fn discard(&mut self, compiled: &CompiledLoop) {
        let key = (compiled.portal, compiled.key.clone());
        let hash = crate::metainterp::counters::green_hash(&compiled.key);
        for header in [Header::Loop, Header::Entry] {
            let cells = match header {
                Header::Loop => &mut self.cells,
                Header::Entry => &mut self.entries,
            };
            let Some(cell) = cells.get_mut(&key) else {
                continue;
            };
            if cell
                .compiled
                .as_ref()
                .is_some_and(|c| std::ptr::eq(&**c, compiled))
            {
                cell.compiled = None;
                if let Some(token) = self.tokens.get(&key) {
                    assembler::attach(token, None);
                }
                self.quick
                    .cell((header, compiled.portal, hash))
                    .set_compiled(None);
                self.stats.invalidated += 1;
            }
        }
    }

    /// The compiled loop of `portal` whose header is the merge point `exit` (its greens hash
    /// to `hash`), if it has one. The counter table knows, without allocating, unless the
    /// header lost its cell; a merge point no loop was compiled at is not looked up further.
    fn compiled_header(
        &self,
        portal: TypeId,
        exit: &MergePointExit,
        hash: u64,
    ) -> Option<Rc<CompiledLoop>> {
        let greens = || exit.greens().map(Value::word);
        match self.quick.get((Header::Loop, portal, hash)) {
            Some(quick) => (quick.compiled())
                .filter(|c| greens().eq(c.key.iter().copied()))
                .cloned(),
            None if self.compiled_headers.contains(&(portal, hash)) => self
                .cells
                .get(&(portal, greens().collect()))?
                .compiled
                .clone(),
            None => None,
        }
    }

    /// The state of a loop header or function entry.
    fn cell(&mut self, header: Header, key: (TypeId, Vec<u64>)) -> &mut LoopCell {
        match header {
            Header::Loop => self.cells.entry(key).or_default(),
            Header::Entry => self.entries.entry(key).or_default(),
        }
    }

    /// Counts an aborted trace blaming `greens`: a trace too long stops inlining its largest
    /// inlined call of the portal (identified by the callee's entry greens), so the next
    /// attempt calls it.
    fn count_abort(&mut self, reason: AbortReason, greens: Option<Vec<u64>>) {
        *self.stats.aborts.entry(reason).or_default() += 1;
        if let Some(greens) = greens {
            self.stop_inlining(greens);
        }
    }

    /// Traces call the function whose entry greens are `greens` from now on instead of
    /// inlining it.
    fn stop_inlining(&mut self, greens: Vec<u64>) {
        if Rc::make_mut(&mut self.not_inlined).insert(greens) {
            self.stats.not_inlined += 1;
        }
    }

    /// Lowers every warm-up counter by `decay` per mille (after each compiled loop, as
    /// RPython does), so loops that were warm long ago do not get traced by accident.
    fn decay_counters(&mut self) {
        let keep = 1000 - u64::from(self.params.decay.min(1000));
        self.quick.decay(keep);
    }

    /// A recorded and optimized ([`optimize_traced`]) loop or bridge of the portal `portal`
    /// becomes runnable: counted and logged in the `section` log category; the join points
    /// it passed (`joins`, green hashes) are where bridges end from now on.
    fn finish(
        &mut self,
        portal: TypeId,
        trace: &Rc<TraceLoop>,
        joins: &[u64],
        section: &'static Category,
    ) {
        self.join_points
            .extend(joins.iter().map(|hash| (portal, *hash)));
        self.stats.ops_recorded += trace.num_ops() as u64;
        self.stats.guards += trace.num_guards() as u64;
        log::section(section, |out| out.push_str(&trace.to_string()));
        crate::testing::observe(trace);
        self.compiled_traces.push(trace.clone());
    }
}

/// Verifies (debug builds) and optimizes a recorded trace (`as_loop`: a loop; else a bridge or
/// an entry trace), with the warm-up state not borrowed: folding may call the program's
/// elidable functions, which may allocate and so run finalizers that reach the JIT. The
/// recorded trace goes to the log section `noopt`.
fn optimize_traced(traced: &mut Traced, as_loop: bool, noopt: &'static Category) {
    let Traced::Compiled(trace, ..) = traced else {
        return;
    };
    let closes = matches!(trace.ops.last(), Some(op) if matches!(op.kind, OpKind::Jump));
    let as_loop = as_loop && closes && trace.jump_to.is_none();
    if cfg!(debug_assertions) {
        if let Err(e) = trace.verify() {
            panic!("jitgen: {e}\n{trace}");
        }
    }
    log::section(noopt, |out| out.push_str(&trace.to_string()));
    let opts = WARM.with(|w| w.borrow().params.enable_opts.clone());
    timed(Phase::Optimizing, || {
        log::line(
            &log::JIT_OPTIMIZE,
            format_args!("{}: {} ops in", trace.name, trace.num_ops()),
        );
        match as_loop {
            true => optimize_loop(trace, &opts),
            false => optimize(trace, &opts),
        }
        log::line(
            &log::JIT_OPTIMIZE,
            format_args!("{} ops out", trace.num_ops()),
        );
    });
}

/// Logs the `jit-abort` section of `traced` if it was abandoned: why, and the location
/// (or bridge) whose trace it was.
fn log_abort(traced: &Traced, location: impl FnOnce() -> String) {
    if let Traced::Aborted(reason, _, blame) = traced {
        log::section(&log::JIT_ABORT, |out| {
            out.push_str(&format!("reason: {}\nat: {}\n", reason.name(), location()));
            let blamed = blame.as_ref().and_then(|blame| blame.location.as_deref());
            if let (AbortReason::TooLong, Some(at)) = (reason, blamed) {
                out.push_str(&format!(
                    "blamed: the call at {at} (the largest inlined call: called from now on)\n"
                ));
            }
        });
    }
}

thread_local! {
    static WARM: RefCell<WarmState> = RefCell::new(WarmState::new(&JitParams::default()));
}

/// Sets the parameters and forgets every compiled loop and counter (a new run).
pub fn reset(params: &JitParams) {
    WARM.with(|w| *w.borrow_mut() = WarmState::new(params));
    TIMING.with(|t| t.set(log::JIT_SUMMARY.enabled()));
    backend::reset_fallbacks();
}

/// This thread's statistics.
pub fn stats() -> JitStats {
    let mut stats = summary();
    stats.traces = WARM.with(|w| {
        let w = w.borrow();
        w.compiled_traces.iter().map(|t| t.to_string()).collect()
    });
    stats
}

/// [`stats`] without the traces' text.
fn summary() -> JitStats {
    let mut stats = WARM.with(|w| w.borrow().stats.clone());
    stats.backend_fallbacks = backend::fallbacks();
    stats
}

/// What to do at a `can_enter_jit`.
enum Action {
    Run(Rc<CompiledLoop>),
    Trace(Limits),
}

/// Where compiled code may start: a loop header (`can_enter_jit`), or the entry of a
/// function that traces call instead of inlining (its first merge point).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Header {
    /// A loop header.
    Loop,
    /// A function's entry.
    Entry,
}

/// The first, allocation-free part of `can_enter_jit` (or of a function's entry, per
/// `header`) for the portal `portal` at the header whose greens hash to `greens_hash`: counts
/// the header, and says what to do: go on natively, run its compiled code, or take the full
/// path ([`can_enter_jit`]) because it just got hot.
pub(crate) fn counts_as_hot(portal: TypeId, greens_hash: u64, header: Header) -> Hot {
    WARM.with(|w| {
        let mut w = w.borrow_mut();
        if w.tracing {
            return Hot::Cold;
        }
        let threshold = match header {
            Header::Loop => w.params.threshold.max(1),
            Header::Entry => w.params.function_threshold.max(1),
        };
        let cell = w.quick.cell((header, portal, greens_hash));
        if let Some(compiled) = cell.compiled() {
            return Hot::Compiled(compiled.clone());
        }
        if cell.state() == Quick::GaveUp {
            return Hot::Cold;
        }
        cell.counter += 1;
        if cell.counter < threshold {
            return Hot::Cold;
        }
        cell.counter = 0;
        Hot::Full
    })
}

/// Runs `compiled`, which [`counts_as_hot`] found for the header whose greens and reds are
/// `values` (`num_greens` greens first), if it is that header's code and may be entered
/// there: what happened then. `None`: take the full path.
pub(crate) fn run_entered(
    registry: &Registry,
    compiled: &Rc<CompiledLoop>,
    values: &[Value],
    num_greens: usize,
) -> Option<Outcome> {
    let (greens, reds) = values.split_at(num_greens);
    if !greens
        .iter()
        .map(|v| v.word())
        .eq(compiled.key.iter().copied())
    {
        return None;
    }
    let inputs = loop_inputs(compiled, reds)?;
    Some(run_compiled(registry, compiled, &inputs))
}

/// The JIT's part of `can_enter_jit` (or of a function's entry, per `header`) for the portal
/// whose body's jitcode is registered under `portal`, with the greens and reds `values`
/// (`num_greens` greens first), once [`counts_as_hot`] said so; `location` names a merge
/// point of the portal from its values. `None`: go on natively; else what happened after
/// compiled code or the tracer ran (the merge point the native loop continues at, or the
/// portal's return).
pub(crate) fn can_enter_jit(
    registry: &Registry,
    portal: TypeId,
    values: &[Value],
    num_greens: usize,
    header: Header,
    location: fn(&[Value]) -> String,
) -> Option<Outcome> {
    enter_or_trace(
        registry, portal, values, num_greens, header, location, false,
    )
}

/// [`can_enter_jit`]; `join`: at a join point an exit came to (a trace from there counts
/// in `JitStats::join_traces`).
fn enter_or_trace(
    registry: &Registry,
    portal: TypeId,
    values: &[Value],
    num_greens: usize,
    header: Header,
    location: fn(&[Value]) -> String,
    join: bool,
) -> Option<Outcome> {
    let key: (TypeId, Vec<u64>) = (
        portal,
        values[..num_greens].iter().map(|v| v.word()).collect(),
    );
    let action = WARM.with(|w| {
        let mut w = w.borrow_mut();
        if w.tracing {
            return None;
        }
        w.locations.insert(portal, location);
        let mut limits = limits(&w.params, &w.not_inlined, Some(location));
        limits.from_entry = header == Header::Entry;
        limits.from_join = join;
        let cell = w.cell(header, key.clone());
        let (compiled, gave_up) = (cell.compiled.clone(), cell.aborts >= MAX_ABORTS);
        if compiled.is_some() || gave_up {
            // Its counter cell may have counted for another header meanwhile: it is this
            // header's again.
            let quick = w.quick.cell((
                header,
                portal,
                crate::metainterp::counters::green_hash(&key.1),
            ));
            match &compiled {
                Some(compiled) => quick.set_compiled(Some(compiled.clone())),
                None => quick.give_up(),
            }
        }
        if let Some(compiled) = compiled {
            return Some(Action::Run(compiled));
        }
        if gave_up {
            return None;
        }
        w.tracing = true;
        Some(Action::Trace(limits))
    })?;
    match action {
        Action::Run(compiled) => {
            let inputs = loop_inputs(&compiled, &values[num_greens..])?;
            Some(run_compiled(registry, &compiled, &inputs))
        }
        Action::Trace(limits) => {
            let id = registry.lookup(portal)?;
            // Entry traces read the virtualizable themselves (their inputs are the reds).
            let spec = merge_point(&registry.get(id))
                .3
                .filter(|_| header == Header::Loop);
            let vable = spec.map(|spec| {
                let object = vable_object(values[num_greens + spec.red]);
                (spec, vable::lengths(spec.layout, object))
            });
            let (kind, noopt) = match header {
                Header::Loop => ("loop", &log::JIT_LOG_NOOPT_LOOP),
                Header::Entry => ("entry", &log::JIT_LOG_NOOPT_ENTRY),
            };
            let mut traced = timed(Phase::Tracing, || {
                let name = location(values);
                log::line(&log::JIT_TRACING, format_args!("{kind} at {name}"));
                let traced = trace_loop(registry, id, values, name, limits);
                log_abort(&traced, || location(values));
                traced
            });
            optimize_traced(&mut traced, header == Header::Loop, noopt);
            Some(WARM.with(|w| {
                let mut w = w.borrow_mut();
                w.tracing = false;
                match traced {
                    Traced::Compiled(trace, outcome, joins) => {
                        let trace = Rc::new(trace);
                        match header {
                            Header::Loop => {
                                w.finish(portal, &trace, &joins, &log::JIT_LOG_OPT_LOOP);
                                w.stats.loops += 1;
                                w.stats.join_traces += u32::from(join);
                            }
                            Header::Entry => {
                                w.finish(portal, &trace, &joins, &log::JIT_LOG_OPT_ENTRY);
                                w.stats.entry_traces += 1;
                            }
                        }
                        w.decay_counters();
                        let backend = w.backend.clone();
                        let code = timed_in(&mut w.stats, Phase::Backend, || {
                            backend.compile_loop(trace.clone())
                        });
                        let target = Rc::new(JumpTarget {
                            number: code.number(),
                            name: trace.name.clone(),
                            arity: trace.inputs.len(),
                            entry_conditions: trace.entry_conditions.clone(),
                            vable_lengths: vable.as_ref().map(|(_, lengths)| lengths.clone()),
                            code: code.jump_handle(),
                        });
                        let compiled = CompiledLoop {
                            code,
                            target,
                            trace,
                            portal,
                            key: key.1.clone(),
                            entry: header == Header::Entry,
                            vable,
                            bridges: RefCell::default(),
                            failures: RefCell::default(),
                            entries: Cell::new(0),
                        };
                        let hash = crate::metainterp::counters::green_hash(&key.1);
                        let compiled = Rc::new(compiled);
                        w.loops.insert(compiled.target.number, compiled.clone());
                        if let (Header::Entry, Some(token)) = (header, w.tokens.get(&key)) {
                            assembler::attach(token, Some(&compiled));
                        }
                        if header == Header::Loop {
                            w.compiled_headers.insert((portal, hash));
                        }
                        w.cell(header, key).compiled = Some(compiled.clone());
                        w.quick
                            .cell((header, portal, hash))
                            .set_compiled(Some(compiled));
                        outcome
                    }
                    Traced::Aborted(reason, outcome, blamed) => {
                        w.count_abort(reason, blamed.map(|blame| blame.greens));
                        let hash = crate::metainterp::counters::green_hash(&key.1);
                        let cell = w.cell(header, key);
                        cell.aborts += 1;
                        if cell.aborts >= MAX_ABORTS {
                            w.quick.cell((header, portal, hash)).give_up();
                        }
                        outcome
                    }
                }
            }))
        }
    }
}

/// The token of the entry of the portal with jitcode `code` whose greens are `greens`, for a
/// `call_assembler` (`None` if the portal cannot be resumed natively).
pub(crate) fn entry_token(
    registry: &Registry,
    code: JitCodeId,
    greens: Vec<u64>,
) -> Option<Rc<EntryToken>> {
    let jitcode = registry.get(code);
    let resume = registry.native_resume(&jitcode)?;
    let portal = registry.portal_type(code)?;
    WARM.with(|w| {
        let w = &mut *w.borrow_mut();
        let key = (portal, greens);
        let token = w.tokens.entry(key.clone()).or_insert_with(|| {
            // Kept current from here on as the entry is compiled and discarded.
            let token = EntryToken::new(resume, jitcode.returns.value);
            assembler::attach(
                &token,
                w.entries.get(&key).and_then(|c| c.compiled.as_ref()),
            );
            Rc::new(token)
        });
        Some(token.clone())
    })
}

/// Runs the compiled code of the entry `token` with the entry's reds `reds`, if it has
/// some and its entry conditions hold: what happened (its result, or the merge point where
/// the call goes on natively).
pub(crate) fn enter_compiled_entry(token: &EntryToken, reds: &[Value]) -> Option<Outcome> {
    let compiled = assembler::attached(token)?;
    if WARM.with(|w| w.borrow().tracing) {
        return None;
    }
    // An entry trace takes the reds alone: its machine code runs directly, and only an exit
    // other than its `finish` goes through the general path.
    if takes_reds_alone(&compiled) {
        compiled.entries.set(compiled.entries.get() + 1);
        let mut words = [0u64; assembler::MAX_OPERANDS];
        for (word, red) in words.iter_mut().zip(reds) {
            *word = red.word();
        }
        match compiled.code.run_words(&words[..reds.len()]) {
            Some(Ok((value, error))) => {
                return Some(crate::blackhole::outcome_of_words(
                    value,
                    error,
                    token.result,
                ))
            }
            Some(Err(exit)) => return Some(go_on_after_exit(&compiled, exit)),
            None => {}
        }
    }
    let inputs = loop_inputs(&compiled, reds)?;
    Some(crate::jitcode::registry::with_registry(|registry| {
        run_compiled(registry, &compiled, &inputs)
    }))
}

/// Whether the entry trace `compiled` takes the reds alone as its inputs (no virtualizable
/// fields, no entry conditions), so its code can be entered from their words.
fn takes_reds_alone(compiled: &CompiledLoop) -> bool {
    compiled.vable.is_none() && compiled.trace.entry_conditions.is_empty()
}

/// The address of the machine code of the entry trace `compiled` that compiled code may call
/// directly with the reds' words (see `EntryToken::native_entry`), if there is one.
pub(crate) fn native_entry(compiled: &CompiledLoop) -> Option<u64> {
    takes_reds_alone(compiled)
        .then(|| compiled.code.native_entry())
        .flatten()
}

/// What happened after the machine code of `compiled`, entered from its inputs' words, left
/// through `exit`, not its `finish`: the run goes on from there.
fn go_on_after_exit(compiled: &Rc<CompiledLoop>, exit: u64) -> Outcome {
    let end = compiled.code.after_exit(exit);
    crate::jitcode::registry::with_registry(|registry| run_compiled_from(registry, compiled, end))
}

/// [`go_on_after_exit`] for the entry `token`'s code, which compiled code called directly.
pub(crate) fn after_entry_exit(token: &EntryToken, exit: u64) -> Outcome {
    let compiled = assembler::attached(token).expect("the entry's code just ran");
    go_on_after_exit(&compiled, exit)
}

/// The inputs of `compiled` at a loop header where the reds are `reds`: the reds, then the
/// virtualizable's fields and items read from memory. `None` if the virtualizable's arrays
/// do not have the lengths the loop was traced with, or an entry condition does not hold
/// (the native interpreter goes on).
fn loop_inputs(compiled: &CompiledLoop, reds: &[Value]) -> Option<SpareValues> {
    let mut inputs = SpareValues::take();
    inputs.extend_from_slice(reds);
    inputs_from_reds(compiled, inputs)
}

/// [`loop_inputs`], the reds being `inputs` so far.
fn inputs_from_reds(compiled: &CompiledLoop, mut inputs: SpareValues) -> Option<SpareValues> {
    if let Some((spec, lengths)) = &compiled.vable {
        let object = vable_object(inputs[spec.red]);
        if !vable::lengths_are(spec.layout, object, lengths) {
            return None;
        }
        vable::read_into(spec.layout, object, &mut inputs);
    }
    let holds =
        |&(k, c): &(usize, Arg)| Some(inputs[k].word()) == c.constant_value().map(Value::word);
    compiled
        .trace
        .entry_conditions
        .iter()
        .all(holds)
        .then_some(inputs)
}

/// How far traces go under `params`, not inlining the functions `not_inlined`; `location`
/// names what an abort blames and where a trace's ops come from, when logs show them.
fn limits(
    params: &JitParams,
    not_inlined: &Rc<HashSet<Vec<u64>>>,
    location: Option<fn(&[Value]) -> String>,
) -> Limits {
    Limits {
        ops: params.trace_limit as usize,
        inline_portal: if params.inlining {
            PORTAL_INLINE_DEPTH
        } else {
            0
        },
        not_inlined: not_inlined.clone(),
        from_entry: false,
        from_join: false,
        join_tail: params.join_tail as usize,
        location: location.filter(|_| log::JIT_ABORT.enabled() || log::traces_shown()),
        merge_points: log::traces_shown(),
    }
}

/// What the tracer may do at a loop header of the outermost frame (see [`header_state`]).
pub(crate) enum HeaderState {
    /// It has compiled code: the trace ends with a jump into it.
    Compiled(Rc<JumpTarget>),
    /// Its traces aborted too often: loops through it are unrolled.
    GaveUp,
    /// Neither (yet).
    Other,
}

/// The state of the loop header of `portal` with greens `greens` (whose
/// [`green_hash`](crate::metainterp::counters::green_hash) is `hash`).
pub(crate) fn header_state(portal: TypeId, greens: &[u64], hash: u64) -> HeaderState {
    WARM.with(|w| {
        let w = w.borrow();
        // The tracer asks at every merge point: the counter cell (by green hash, no key
        // built) rules out the headers that are only counting, the usual case.
        match w.quick.get((Header::Loop, portal, hash)) {
            Some(quick) if quick.state() != Quick::Counting => {}
            _ => return HeaderState::Other,
        }
        let Some(cell) = w.cells.get(&(portal, greens.to_vec())) else {
            return HeaderState::Other;
        };
        match &cell.compiled {
            Some(compiled) if !compiled.trace.invalidation.is_invalid() => {
                HeaderState::Compiled(compiled.target.clone())
            }
            _ if cell.aborts >= MAX_ABORTS => HeaderState::GaveUp,
            _ => HeaderState::Other,
        }
    })
}

/// The loop header of `portal` whose greens hash to `hash` is hot: it is traced at its next
/// `can_enter_jit` (for the tracer: a trace went around that loop, which has no code, twice).
pub(crate) fn make_hot(portal: TypeId, hash: u64) {
    WARM.with(|w| {
        let w = &mut *w.borrow_mut();
        let threshold = w.params.threshold.max(1);
        let cell = w.quick.cell((Header::Loop, portal, hash));
        if cell.state() == Quick::Counting {
            cell.counter = cell.counter.max(threshold - 1);
        }
    });
}

/// Traces call the function whose entry greens are `greens` from now on, not inlining it
/// (for the tracer: the function has a loop of its own).
pub(crate) fn stop_inlining(greens: &[u64]) {
    WARM.with(|w| w.borrow_mut().stop_inlining(greens.to_vec()));
}

/// The compiled loop numbered `number`.
fn compiled_loop(number: u32) -> Rc<CompiledLoop> {
    WARM.with(|w| w.borrow().loops.get(&number).cloned())
        .unwrap_or_else(|| panic!("jitgen: no compiled loop #{number}"))
}

/// Runs compiled code from `compiled` with inputs `inputs`, and on from loop to loop: where it
/// jumps to a loop the backend does not enter itself, or leaves (through a guard, resumed in
/// the blackhole interpreter, or an entry trace's exit) at the header of a loop that has
/// compiled code, that loop runs next, directly. What happened in the end: a merge point
/// where the native interpreter goes on, or the portal's outcome.
fn run_compiled(registry: &Registry, compiled: &Rc<CompiledLoop>, inputs: &[Value]) -> Outcome {
    let ran = run_compiled_once(registry, compiled, inputs);
    go_on_from(registry, compiled.clone(), ran)
}

/// [`run_compiled`] from where a run of `compiled` ended (`end`).
fn run_compiled_from(registry: &Registry, compiled: &Rc<CompiledLoop>, end: RunEnd) -> Outcome {
    let ran = after_run(registry, compiled, end);
    go_on_from(registry, compiled.clone(), ran)
}

/// Goes on from how a run of `current` handed control back (`ran`), from loop to loop (see
/// [`run_compiled`]).
fn go_on_from(registry: &Registry, mut current: Rc<CompiledLoop>, mut ran: Ran) -> Outcome {
    loop {
        let outcome = match ran {
            Ran::Jumped(to, next_inputs) => {
                current = compiled_loop(to);
                WARM.with(|w| w.borrow_mut().stats.loop_jumps += 1);
                ran = run_compiled_once(registry, &current, &next_inputs);
                continue;
            }
            Ran::Left(outcome) => outcome,
        };
        let Outcome::MergePoint(exit) = &outcome else {
            return outcome;
        };
        let Some((next, next_inputs)) = compiled_loop_at(current.portal, exit) else {
            return outcome;
        };
        WARM.with(|w| w.borrow_mut().stats.loop_jumps += 1);
        current = next;
        ran = run_compiled_once(registry, &current, &next_inputs);
    }
}

/// The compiled loop of `portal` whose header is the merge point `exit`, with its inputs
/// there, if it has one and may be entered.
fn compiled_loop_at(
    portal: TypeId,
    exit: &MergePointExit,
) -> Option<(Rc<CompiledLoop>, SpareValues)> {
    let hash = crate::metainterp::counters::green_hash_of(exit.greens().map(Value::word));
    let compiled = WARM.with(|w| {
        let w = w.borrow();
        if w.tracing {
            return None;
        }
        w.compiled_header(portal, exit, hash)
    })?;
    let mut reds = SpareValues::take();
    reds.extend(exit.reds());
    let inputs = inputs_from_reds(&compiled, reds)?;
    Some((compiled, inputs))
}

/// How a run of compiled code handed control back.
enum Ran {
    /// To the loop with this number and these inputs.
    Jumped(u32, Vec<Value>),
    /// To the interpreter (or the portal's caller).
    Left(Outcome),
}

/// Runs a compiled loop until a guard without a bridge fails, then resumes in the blackhole
/// interpreter up to the next merge point (tracing a bridge first if the guard got hot).
fn run_compiled_once(registry: &Registry, compiled: &CompiledLoop, reds: &[Value]) -> Ran {
    WARM.with(|w| w.borrow_mut().stats.loop_entries += 1);
    compiled.entries.set(compiled.entries.get() + 1);
    let end = compiled.code.run(reds);
    after_run(registry, compiled, end)
}

/// What follows a run of `compiled` that ended with `end`: a guard failure is resumed in
/// the blackhole interpreter up to the next merge point (a bridge traced first if the guard
/// got hot).
fn after_run(registry: &Registry, compiled: &CompiledLoop, end: RunEnd) -> Ran {
    let mut failure = match end {
        RunEnd::Failed(failure) => failure,
        RunEnd::Jumped { to, inputs } => return Ran::Jumped(to, inputs),
        RunEnd::Finished(outcome) => {
            if compiled.trace.invalidation.is_invalid() {
                WARM.with(|w| w.borrow_mut().discard(compiled));
            }
            return Ran::Left(outcome);
        }
    };
    // The guard may be in a loop that compiled code jumped to.
    let owner = match failure.in_loop == compiled.target.number {
        true => None,
        false => Some(compiled_loop(failure.in_loop)),
    };
    let compiled = owner.as_deref().unwrap_or(compiled);
    let failed = Failed {
        origin: failure.trace,
        guard: failure.guard,
        eager: false,
    };
    WARM.with(|w| w.borrow_mut().stats.guard_failures += 1);
    if compiled.trace.invalidation.is_invalid() {
        // A quasi-immutable field the code folded changed: the code is dropped (the header
        // counts again), and this run resumes in the interpreter.
        WARM.with(|w| w.borrow_mut().discard(compiled));
        return Ran::Left(resume_at_guard(
            registry,
            compiled,
            &failed,
            &failure.op,
            failure.frame,
        ));
    }
    let mut eager = false;
    if let Some(greens) = join_point_of_exit(&failure.op, &failure.frame) {
        let hash = crate::metainterp::counters::green_hash(&greens);
        match header_state(compiled.portal, &greens, hash) {
            HeaderState::Other => {
                // An exit at a join point without code: no bridge of its own; the join
                // point counts, and is traced when it gets hot (then the exit gets a bridge
                // jumping to that code).
                let outcome =
                    resume_at_guard(registry, compiled, &failed, &failure.op, failure.frame);
                return Ran::Left(at_join_point(registry, compiled.portal, hash, outcome));
            }
            // An exit to compiled code: its bridge is that jump, traced now.
            HeaderState::Compiled(_) => eager = true,
            HeaderState::GaveUp => {}
        }
    }
    let failed = Failed { eager, ..failed };
    if let Some(outcome) =
        maybe_trace_bridge(registry, compiled, &failed, &failure.op, &mut failure.frame)
    {
        return Ran::Left(outcome);
    }
    let outcome = resume_at_guard(registry, compiled, &failed, &failure.op, failure.frame);
    if resumes_where_bridges_end(compiled.portal, &outcome) {
        let mut failures = compiled.failures.borrow_mut();
        if let Some(count) = failures.get_mut(&(failure.trace, failure.guard)) {
            count.short_bridge = true;
        }
    }
    Ran::Left(outcome)
}

/// Whether `outcome`, a guard's resumption, ended where a bridge from that guard would end
/// too: at the header of a loop of `portal` with compiled code (which runs next), or at a
/// join point (where bridges end). Such a bridge is short.
fn resumes_where_bridges_end(portal: TypeId, outcome: &Outcome) -> bool {
    let Outcome::MergePoint(exit) = outcome else {
        return false;
    };
    let hash = crate::metainterp::counters::green_hash_of(exit.greens().map(Value::word));
    WARM.with(|w| {
        let w = w.borrow();
        w.compiled_header(portal, exit, hash).is_some() || w.join_points.contains(&(portal, hash))
    })
}

/// If the failing `op` is an `exit` at a merge point of the outermost frame (a segment's end,
/// a join point, an entry trace's loop header): that merge point's greens, from the exit's
/// values `dead`.
fn join_point_of_exit(op: &FailedOp, dead: &DeadFrame) -> Option<Vec<u64>> {
    if !op.exit {
        return None;
    }
    let resume = op.resume.as_ref()?;
    let [frame] = &resume.frames[..] else {
        return None;
    };
    if resume.after_call.is_some() {
        return None;
    }
    let crate::jitcode::Insn::JitMergePoint { greens, .. } = &frame.jitcode.insns[frame.pc] else {
        return None;
    };
    greens
        .iter()
        .map(|green| {
            let (_, arg) = frame.regs.iter().find(|(reg, _)| reg == green)?;
            Some(dead.value(*arg).word())
        })
        .collect()
}

/// An exit of compiled code of `portal` came to the join point whose greens hash to `hash`,
/// which has no compiled code: counts it, and traces from it once it got hot (`trace_eagerness`
/// exits), as from a loop header. Such a trace ends at the next join point (see
/// `Limits::from_join`); when it ends at one without code, the path there is as hot, so that
/// one is traced at once, and so on. `outcome`: the exit resumed there. What happened then.
fn at_join_point(registry: &Registry, portal: TypeId, hash: u64, outcome: Outcome) -> Outcome {
    let mut outcome = outcome;
    let mut hash = hash;
    // The continuation of a trace from a join point that just ended at the next one (see
    // `Limits::from_join`): traced now, as the path there is hot.
    let mut continuation = false;
    loop {
        let Outcome::MergePoint(exit) = outcome else {
            return outcome;
        };
        let location = WARM.with(|w| {
            let w = &mut *w.borrow_mut();
            let eagerness = w.params.trace_eagerness.max(1);
            let count = w.join_counts.entry((portal, hash)).or_default();
            *count += 1;
            if (*count < eagerness && !continuation) || w.tracing {
                return None;
            }
            *count = 0;
            w.locations.get(&portal).copied()
        });
        let Some(location) = location else {
            return Outcome::MergePoint(exit);
        };
        let values: Vec<Value> = exit.values().collect();
        let traced_before = WARM.with(|w| w.borrow().stats.join_traces);
        let Some(next) = enter_or_trace(
            registry,
            portal,
            &values,
            exit.num_greens(),
            Header::Loop,
            location,
            true,
        ) else {
            return Outcome::MergePoint(exit);
        };
        let traced_now = WARM.with(|w| w.borrow().stats.join_traces) > traced_before;
        let Outcome::MergePoint(end) = &next else {
            return next;
        };
        let next_greens: Vec<u64> = end.greens().map(Value::word).collect();
        hash = crate::metainterp::counters::green_hash(&next_greens);
        continuation = traced_now
            && is_join_point(portal, hash)
            && matches!(header_state(portal, &next_greens, hash), HeaderState::Other);
        if !continuation {
            return next;
        }
        outcome = next;
    }
}

/// Whether a compiled trace of `portal` passed the merge point with green hash `hash` with a
/// long way after it (a join point, where bridges end: see `JitParams::join_tail`).
pub(crate) fn is_join_point(portal: TypeId, hash: u64) -> bool {
    WARM.with(|w| w.borrow().join_points.contains(&(portal, hash)))
}

/// Whether exits of compiled code of `portal` came to the join point whose greens hash to
/// `hash` (see [`Limits::from_join`]).
pub(crate) fn exits_wait_at(portal: TypeId, hash: u64) -> bool {
    WARM.with(|w| w.borrow().join_counts.contains_key(&(portal, hash)))
}

/// A guard that failed: which, and whether its bridge is traced at once.
#[derive(Clone, Copy)]
struct Failed {
    /// The trace of `compiled` it is in.
    origin: TraceId,
    /// Its op.
    guard: usize,
    /// Trace its bridge at this failure (an exit to a header with code), not after
    /// `trace_eagerness` failures.
    eager: bool,
}

/// Counts a failure of the guard `failed` (of `compiled`, its op `op`); when it gets hot,
/// traces a bridge from it (the concrete run goes on to the next merge point meanwhile):
/// what happened then. `None`: resume normally.
fn maybe_trace_bridge(
    registry: &Registry,
    compiled: &CompiledLoop,
    failed: &Failed,
    op: &FailedOp,
    dead: &mut DeadFrame,
) -> Option<Outcome> {
    let Failed {
        origin,
        guard,
        eager,
    } = *failed;
    let resume = op.resume.as_ref()?;
    if op.exit && resume.frames.len() > 1 {
        // An exit inside a call (a bridge that began there came back to a loop header of
        // the call): the interpreter runs the call on natively; no bridge.
        return None;
    }
    if resume.after_call.is_some() {
        // No bridges after calls (yet): counted, and listed once past the eagerness.
        let mut failures = compiled.failures.borrow_mut();
        let count = failures.entry((origin, guard)).or_default();
        count.total += 1;
        WARM.with(|w| {
            let mut w = w.borrow_mut();
            w.stats.most_guard_failures = w.stats.most_guard_failures.max(count.total);
            if count.total == u64::from(w.params.trace_eagerness.max(1)) {
                let name = format!(
                    "guard {guard} of {} (after a call)",
                    compiled.trace(origin).name
                );
                w.stats.guards_given_up.push(name);
            }
        });
        return None;
    }
    let limits = WARM.with(|w| {
        let mut w = w.borrow_mut();
        let mut failures = compiled.failures.borrow_mut();
        let count = failures.entry((origin, guard)).or_default();
        count.recent += 1;
        count.total += 1;
        w.stats.most_guard_failures = w.stats.most_guard_failures.max(count.total);
        let eagerness = match eager || count.short_bridge {
            true => 1,
            false => w.params.trace_eagerness.max(1),
        };
        if w.tracing || count.recent < eagerness || count.attempts >= MAX_ABORTS {
            return None;
        }
        count.recent = 0;
        count.attempts += 1;
        w.tracing = true;
        let location = w.locations.get(&compiled.portal).copied();
        let mut limits = limits(&w.params, &w.not_inlined, location);
        limits.from_entry = compiled.entry;
        Some(limits)
    })?;
    Some(trace_bridge_from(
        registry, compiled, origin, guard, limits, dead,
    ))
}

/// Traces a bridge from guard `guard` of trace `origin` of `compiled` within
/// `limits`, from the failure's values `dead`, and attaches it if it compiled: what happened
/// meanwhile (the concrete run went on to the next merge point). Out of line: the common
/// failure only counts.
#[cold]
#[inline(never)]
fn trace_bridge_from(
    registry: &Registry,
    compiled: &CompiledLoop,
    origin: TraceId,
    guard: usize,
    limits: Limits,
    dead: &mut DeadFrame,
) -> Outcome {
    let trace = compiled.trace(origin);
    let op = &trace.ops[guard];
    let name = format!("bridge from guard {guard} of {}", trace.name);
    let target = BridgeTarget {
        key: compiled.key.clone(),
        inputs: compiled.trace.inputs.len(),
        entry_conditions: compiled.trace.entry_conditions.clone(),
        invalidation: compiled.trace.invalidation.clone(),
    };
    let (mut traced, inputs) = timed(Phase::Tracing, || {
        log::line(&log::JIT_TRACING, format_args!("{name}"));
        let traced = trace_bridge(registry, op, dead, target, name, limits);
        log_abort(&traced.0, || {
            format!("bridge from guard {guard} of {}", trace.name)
        });
        traced
    });
    optimize_traced(&mut traced, false, &log::JIT_LOG_NOOPT_BRIDGE);
    WARM.with(|w| {
        let mut w = w.borrow_mut();
        w.tracing = false;
        match traced {
            Traced::Compiled(bridge, outcome, joins) => {
                let bridge = Rc::new(bridge);
                w.finish(compiled.portal, &bridge, &joins, &log::JIT_LOG_OPT_BRIDGE);
                w.stats.bridges += 1;
                timed_in(&mut w.stats, Phase::Backend, || {
                    compiled
                        .code
                        .attach_bridge(origin, guard, bridge.clone(), inputs)
                });
                compiled.bridges.borrow_mut().push(bridge);
                outcome
            }
            Traced::Aborted(reason, outcome, blamed) => {
                w.count_abort(reason, blamed.map(|blame| blame.greens));
                let mut failures = compiled.failures.borrow_mut();
                let count = failures.entry((origin, guard)).or_default();
                if count.attempts >= MAX_ABORTS {
                    let name = format!("guard {guard} of {}", trace.name);
                    w.stats.guards_given_up.push(name);
                }
                outcome
            }
        }
    })
}

/// Rebuilds the frames of the failing guard `failed` of `compiled` (its op `op`) from `dead`
/// and runs them in the blackhole interpreter up to the next merge point.
fn resume_at_guard(
    registry: &Registry,
    compiled: &CompiledLoop,
    failed: &Failed,
    op: &FailedOp,
    dead: DeadFrame,
) -> Outcome {
    timed(Phase::Blackhole, || {
        if log::JIT_BLACKHOLE.enabled() {
            let name = &compiled.trace(failed.origin).name;
            log::line(
                &log::JIT_BLACKHOLE,
                format_args!("guard {} of {name}", failed.guard),
            );
        }
        resume_in_blackhole(registry, op, dead)
    })
}

/// [`resume_at_guard`], untimed.
fn resume_in_blackhole(registry: &Registry, op: &FailedOp, mut dead: DeadFrame) -> Outcome {
    let resume = op.resume.as_ref().expect("a guard has resume data");
    dead.materialize(&resume.virtuals);
    dead.store_pending(&resume.pending);
    if let Some(state) = &resume.vable {
        vable::write_back(state, |arg| dead.word(arg));
    }
    let pending = resume.after_call.map(|(value, kind)| match op.no_error {
        true => Outcome::Err(dead.last_error.expect("the call's error")),
        false => Outcome::Return(kind.map_or(Value::Void, |_| dead.value(value))),
    });
    if let ([only], None) = (&resume.frames[..], &pending) {
        // One frame resuming at its pc (the usual case): no stack of frames.
        let frame = resumed_frame(only, &dead);
        drop(dead);
        return blackhole::run(registry, frame, only.pc, Mode::UntilMergePoint);
    }
    // The thread's spare stack (a nested resume, rare, gets a new one).
    let mut stack = SPARE_STACK.with(Cell::take);
    stack
        .extend((resume.frames.iter()).map(|f| SuspendedFrame::new(resumed_frame(f, &dead), f.pc)));
    drop(dead);
    let outcome = blackhole::resume_with(registry, &mut stack, pending, Mode::UntilMergePoint);
    SPARE_STACK.with(|spare| spare.set(stack));
    outcome
}

/// The registers of the resume frame `f`, their values read from `dead`.
fn resumed_frame(f: &ResumeFrame, dead: &DeadFrame) -> Frame {
    let mut frame = Frame::new(f.jitcode.clone());
    for (reg, arg) in &f.regs {
        frame.set_word(*reg, dead.word(*arg));
    }
    frame
}

thread_local! {
    /// An empty stack of frames for the next resume at a guard (so a guard failure does
    /// not allocate one).
    static SPARE_STACK: Cell<Vec<SuspendedFrame>> = const { Cell::new(Vec::new()) };
}

/// The `jit-backend-counts` lines: per compiled loop and entry trace, in the order they were
/// compiled, `loop NAME entered N` (runs begun from Rust; jumps from machine code into it
/// are not counted), `loop NAME ran N` (its iterations, from any entry) and `bridge from
/// guard I of TRACE ran N` per bridge (when the backend counted them), then `guard I of
/// TRACE failed N` per guard of it or its bridges that resumed in the blackhole interpreter
/// (a guard with a bridge: before the bridge existed).
fn write_counts(w: &WarmState, out: &mut String) {
    let mut loops: Vec<&Rc<CompiledLoop>> = w.loops.values().collect();
    loops.sort_by_key(|c| c.target.number);
    for compiled in loops {
        let kind = if compiled.entry { "entry" } else { "loop" };
        let name = &compiled.trace.name;
        out.push_str(&format!(
            "{kind} {name} entered {}\n",
            compiled.entries.get()
        ));
        for (id, runs) in compiled.code.run_counts() {
            match id {
                TraceId::Loop => out.push_str(&format!("{kind} {name} ran {runs}\n")),
                TraceId::Bridge(_) => {
                    let bridge = compiled.trace(id);
                    out.push_str(&format!("{} ran {runs}\n", bridge.name));
                }
            }
        }
        let failures = compiled.failures.borrow();
        let mut guards: Vec<_> = failures.iter().collect();
        guards.sort_by_key(|((id, guard), _)| match id {
            TraceId::Loop => (0, *guard),
            TraceId::Bridge(n) => (u64::from(*n) + 1, *guard),
        });
        for (&(id, guard), count) in guards {
            let total = count.total;
            let trace = compiled.trace(id);
            out.push_str(&format!("guard {guard} of {} failed {total}\n", trace.name));
        }
    }
}

/// How many of the guards that failed most `jit-summary` names.
const TOP_FAILING_GUARDS: usize = 10;

/// The `jit-summary` lines of the guards that resumed in the blackhole interpreter most
/// often: `N guard I of TRACE at JITCODE@PC` (where the interpreter resumes), most first.
fn write_top_failures(w: &WarmState, out: &mut String) {
    let mut top: Vec<(u64, &Rc<CompiledLoop>, TraceId, usize)> = Vec::new();
    for compiled in w.loops.values() {
        let failures = compiled.failures.borrow();
        top.extend(
            failures
                .iter()
                .map(|(&(id, guard), count)| (count.total, compiled, id, guard)),
        );
    }
    top.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(a.1.target.number.cmp(&b.1.target.number))
    });
    for (total, compiled, id, guard) in top.into_iter().take(TOP_FAILING_GUARDS) {
        let trace = compiled.trace(id);
        let resume = trace.ops[guard].resume.as_ref();
        let at = resume
            .and_then(|r| r.frames.last())
            .map(|f| format!(" at {}@{}", f.jitcode.name, f.pc))
            .unwrap_or_default();
        out.push_str(&format!(
            "    {total} guard {guard} of {}{at}\n",
            trace.name
        ));
    }
}

/// Writes the `jit-summary` and `jit-backend-counts` log sections (a client calls this at
/// exit).
pub fn log_summary() {
    log::section(&log::JIT_BACKEND_COUNTS, |out| {
        WARM.with(|w| write_counts(&w.borrow(), out))
    });
    let stats = summary();
    log::section(&log::JIT_SUMMARY, |out| {
        out.push_str(&format!("backend: {}\n", stats.backend));
        out.push_str(&format!(
            "traces interpreted instead of compiled: {}\n",
            stats.backend_fallbacks
        ));
        out.push_str(&format!("loops: {}\n", stats.loops));
        out.push_str(&format!("  begun at join points: {}\n", stats.join_traces));
        out.push_str(&format!("bridges: {}\n", stats.bridges));
        out.push_str(&format!("aborts: {}\n", stats.total_aborts()));
        for (reason, count) in &stats.aborts {
            out.push_str(&format!("  {}: {count}\n", reason.name()));
        }
        out.push_str(&format!("functions not inlined: {}\n", stats.not_inlined));
        out.push_str(&format!(
            "functions traced from entry: {}\n",
            stats.entry_traces
        ));
        out.push_str(&format!("loops invalidated: {}\n", stats.invalidated));
        out.push_str(&format!("ops in loops: {}\n", stats.ops_recorded));
        out.push_str(&format!("guards in loops: {}\n", stats.guards));
        out.push_str(&format!("loop entries: {}\n", stats.loop_entries));
        out.push_str(&format!("  from compiled code: {}\n", stats.loop_jumps));
        out.push_str(&format!("guard failures: {}\n", stats.guard_failures));
        out.push_str(&format!(
            "  most of one guard: {}\n",
            stats.most_guard_failures
        ));
        WARM.with(|w| write_top_failures(&w.borrow(), out));
        out.push_str(&format!(
            "guards without bridges: {}\n",
            stats.guards_given_up.len()
        ));
        for guard in &stats.guards_given_up {
            out.push_str(&format!("  {guard}\n"));
        }
        let times = stats.times;
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        out.push_str(&format!("time tracing: {:.1} ms\n", ms(times.tracing)));
        out.push_str(&format!(
            "time optimizing: {:.1} ms\n",
            ms(times.optimizing)
        ));
        out.push_str(&format!(
            "time in the backend: {:.1} ms\n",
            ms(times.backend)
        ));
        out.push_str(&format!(
            "time in the blackhole: {:.1} ms\n",
            ms(times.blackhole)
        ));
    });
}
