//! jitgen's x86-64 backend (design brief §7): compiles trace IR to machine code with
//! iced-x86 and runs it, agreeing bit for bit with the reference backend
//! (`jitgen_core::backend::reference`).
//!
//! - [`X86Backend`] is registered as backend `x86` (`--jit backend=x86`); linked into a
//!   binary on x86-64, it is the default (`auto`).
//! - Each trace is compiled by `asm` (registers chosen by `regalloc`, a longevity-based greedy
//!   forward allocator with spilling; bytes by `encode`, in one pass) into executable memory
//!   (`codebuf`, W^X).
//! - A trace that jumps into another compiled loop goes there directly, machine code to
//!   machine code (`asm`); that loop's exits then return to whoever entered the first one.
//! - A trace's code has a hot section (its body) and a cold one (exit stubs, epilogue),
//!   placed in the two halves of a chunk (`codebuf`): the bodies of the traces are dense in
//!   the instruction cache.
//! - A guard is a conditional jump to an exit stub of two instructions: its exit code, then a
//!   jump to the one routine (`exit_save`) that saves every register and spill slot into the
//!   thread's exit buffer and returns to Rust, which builds the [`DeadFrame`] (`guard`) from
//!   the guard's exit record alone (where each value its resume data read is). Attaching a bridge compiles
//!   it to take its inputs where the guard left them and points the guard's failing jumps at
//!   the bridge (the exit stub's bridge slot too, when a failing jump's rel32 cannot reach
//!   it). A `guard_not_invalidated` is a 5-byte no-op while the code is valid; when a
//!   quasi-immutable field it depends on changes, the trace's `Invalidation` has every such
//!   no-op of the loop and its bridges patched into a jump to the guard's own exit, past
//!   its bridge slot (invalidated code is dropped, not bridged).
//! - Operations whose exact meaning is subtle (division by a variable, float `%`,
//!   float-to-int, narrow or unsigned overflow checks) call `extern "C"` helpers (`helpers`)
//!   that never unwind; a panic (division by zero, index out of bounds, null dereference)
//!   leaves compiled code through a panic exit and is raised in Rust with the reference
//!   backend's message.
//! - The JIT log's `jit-backend-dump` section shows every trace's disassembly; with
//!   `JITGEN_PERF_MAP=1`, `/tmp/perf-<pid>.map` names the code for `perf` (`dump`).
//!
//! **Code size cap.** Live machine code per thread is capped ([`set_code_limit`], 64 MiB by
//! default). A loop that would pass the cap is run by the reference backend instead; a bridge
//! that would pass it (or whose origin is itself such a bridge) is interpreted by the
//! reference backend's `run_trace` when its guard fails, and re-enters the compiled loop when
//! it jumps. Programs never notice, apart from speed, and it is never silent: each such trace
//! is logged (`jit-backend`) and counted in `jit-summary` (`backend::report_fallback`).
//!
//! **GC invariant.** jitgen's collector is non-moving and scans the native stack and
//! registers conservatively. Compiled code keeps references only in registers and in its
//! native stack frame (spill slots, the error slot), so everything it holds is a root; across
//! calls it keeps live values in callee-saved registers or spill slots. The exit buffer, which
//! is not scanned, holds references only between an exit and the building of the
//! `DeadFrame` (or a bridge's first loads), when nothing can allocate. Reference constants
//! are embedded in the code as addresses; the `TraceLoop`, which roots them, lives as long
//! as its code.

mod asm;
mod cleared;
mod codebuf;
mod dump;
mod encode;
mod exit_save;
mod guard;
mod helpers;
mod regalloc;
mod slots;

use std::cell::{Cell, RefCell};

// A fast hasher: guards' exits look these maps up.
use foldhash::HashMap;
use std::rc::{Rc, Weak};

use jitgen_core::backend::reference::{run_trace, ReferenceBackend, RunExit};
use jitgen_core::backend::report_fallback;
use jitgen_core::backend::{
    finished, finished_in, next_loop_number, Backend, BackendEntry, DeadFrame, FailedOp,
    GuardFailure, LoopCode, RunEnd, TraceId,
};
use jitgen_core::blackhole::{Outcome, Value};
use jitgen_core::trace::{Arg, Invalidation, TraceLoop};

use asm::{assemble, Assembled, GuardExit, LoopInfo, Target};
use codebuf::CodeBuf;
use guard::{dead_frame, decode, raise, value_of, ExitKind};

pub use codebuf::{live_code_bytes, set_code_limit, DEFAULT_CODE_LIMIT};

/// The backend's name.
pub const NAME: &str = "x86";

/// Why a trace may not get machine code (each is reported, never silent).
const FALLBACK_REASON: &str = "its code would pass the code size cap, it jumps into a loop the \
     reference backend runs, or iced-x86 refused an instruction (a bug)";

/// The x86-64 backend.
pub struct X86Backend;

impl Backend for X86Backend {
    fn name(&self) -> &'static str {
        NAME
    }

    /// Compiles `trace`; if it cannot be placed (the code size cap), the reference backend
    /// runs it instead.
    fn compile_loop(&self, trace: Rc<TraceLoop>) -> Box<dyn LoopCode> {
        match LoopShared::new(trace.clone()) {
            Some(code) => Box::new(X86Loop(code)),
            None => {
                report_fallback(NAME, &trace.name, FALLBACK_REASON);
                ReferenceBackend.compile_loop(trace)
            }
        }
    }
}

fn make_backend() -> Rc<dyn Backend> {
    Rc::new(X86Backend)
}

inventory::submit! {
    BackendEntry {
        name: NAME,
        native: cfg!(target_arch = "x86_64"),
        make: make_backend,
    }
}

/// A trace placed in executable memory.
struct Native {
    code: Rc<CodeBuf>,
    /// Each guard's exit, in op order (a guard's exit code carries its place here).
    exits: Rc<[GuardExit]>,
    /// Where the trace's frame ends below `rbp`.
    frame_end: i32,
    /// How often the code ran (see [`run_counter`]), when counted.
    runs: Option<Box<Cell<u64>>>,
}

impl Native {
    /// Places assembled code (its exits going to the saving routine), or `None` past the cap. When
    /// `invalidation` is set, its `guard_not_invalidated`s become jumps to their exits.
    fn place(
        asm: Assembled,
        name: &str,
        invalidation: &Invalidation,
        runs: Option<Box<Cell<u64>>>,
    ) -> Option<Native> {
        let code = Rc::new(CodeBuf::new(
            &asm.code,
            asm.cold_start,
            &asm.crossings,
            |addr_of, bytes| {
                let mut set = |slot: usize, offset: usize| {
                    bytes[slot..slot + 8].copy_from_slice(&addr_of(offset).to_le_bytes());
                };
                for exit in &asm.exits {
                    set(exit.bridge_slot, exit.exit);
                }
            },
        )?);
        if !asm.invalidation_patches.is_empty() {
            let weak = Rc::downgrade(&code);
            let patches: Vec<(usize, [u8; 5])> = asm
                .invalidation_patches
                .iter()
                .map(|&(site, exit)| {
                    let rel = code.addr_of(exit) as i64 - (code.addr_of(site) + 5) as i64;
                    let mut jmp = [0xe9, 0, 0, 0, 0];
                    jmp[1..].copy_from_slice(&(rel as i32).to_le_bytes());
                    (site, jmp)
                })
                .collect();
            invalidation.on_invalidate(Box::new(move || {
                if let Some(code) = weak.upgrade() {
                    for (site, jmp) in &patches {
                        code.patch(*site, jmp);
                    }
                }
            }));
        }
        let [hot, cold] = code.sections();
        dump::publish(name, code.addr(), hot, code.addr_of(hot.len()), cold);
        Some(Native {
            exits: asm.exits.into(),
            frame_end: asm.frame_end,
            code,
            runs,
        })
    }
}

/// The assembled code, or `None` (then the reference backend runs the trace) if iced-x86
/// refused an instruction: a bug of this backend, so debug builds panic.
fn assembled(result: Result<Assembled, encode::EncodeError>) -> Option<Assembled> {
    match result {
        Ok(asm) => Some(asm),
        Err(e) => {
            debug_assert!(false, "jitgen-x86: cannot assemble: {e}");
            None
        }
    }
}

/// The compiled loop `trace` jumps into, if it jumps into one: `Err` when that loop is not
/// machine code (the reference backend runs it), so this trace cannot jump there natively.
fn jump_target(trace: &TraceLoop) -> Result<Option<Rc<LoopShared>>, ()> {
    match &trace.jump_to {
        None => Ok(None),
        Some(target) => target
            .code
            .upgrade()
            .and_then(|code| code.downcast::<LoopShared>().ok())
            .map(Some)
            .ok_or(()),
    }
}

/// A counter compiled code adds to each time it runs, when `jit-backend-counts` is logged
/// (the code then costs an `add` more per iteration or bridge entry).
fn run_counter() -> Option<Box<Cell<u64>>> {
    jitgen_core::log::JIT_BACKEND_COUNTS
        .enabled()
        .then(|| Box::new(Cell::new(0)))
}

/// The address compiled code adds to.
fn counter_address(counter: &Cell<u64>) -> u64 {
    counter.as_ptr() as u64
}

/// Sends the failing jumps of the guard `exit` of the code `origin` to the bridge at
/// `bridge`: each jump within reach directly (a direct jump is cheaper than one through the
/// slot), and the exit's bridge slot unless every jump reaches (then nothing goes through it).
fn point_at_bridge(origin: &CodeBuf, exit: &GuardExit, bridge: u64) {
    let slot = bridge.to_le_bytes();
    let rels: Vec<(usize, [u8; 4])> = exit
        .jumps
        .iter()
        .filter_map(|&(at, next)| {
            let rel = i32::try_from(bridge as i64 - origin.end_addr(at, next) as i64).ok()?;
            Some((at as usize, rel.to_le_bytes()))
        })
        .collect();
    let mut edits: Vec<(usize, &[u8])> = rels.iter().map(|(at, rel)| (*at, &rel[..])).collect();
    if rels.len() < exit.jumps.len() || exit.jumps.is_empty() {
        edits.push((exit.bridge_slot, &slot));
    }
    origin.patch_all(&edits);
}

/// A bridge: compiled, or interpreted (see the crate docs on the code size cap).
struct Bridge {
    trace: Rc<TraceLoop>,
    inputs: Vec<u32>,
    native: Option<Native>,
}

/// The exit buffer: one word per variable of the largest trace, plus the error word, shared
/// by all compiled code of the thread (a trace may jump into another loop's code, whose exits
/// then return to the first loop's caller). Compiled code finds it through `cell` (whose
/// address is in its frame), so it can grow while loops are active further up the stack.
struct ExitArea {
    cell: Cell<*mut u64>,
    words: RefCell<Vec<u64>>,
}

impl ExitArea {
    fn reserve(&self, len: usize) {
        let mut words = self.words.borrow_mut();
        if words.len() < len {
            words.resize(len, 0);
            self.cell.set(words.as_mut_ptr());
        }
    }
}

thread_local! {
    /// This thread's exit buffer (leaked: compiled code may outlive any owner).
    static EXIT: &'static ExitArea = Box::leak(Box::new(ExitArea {
        cell: Cell::new(std::ptr::null_mut()),
        words: RefCell::new(Vec::new()),
    }));
    /// Every trace placed on this thread, by the number its exit codes carry.
    static PLACED: RefCell<Vec<Placed>> = const { RefCell::new(Vec::new()) };
}

/// The thread's exit buffer.
fn exit_area() -> &'static ExitArea {
    EXIT.with(|e| *e)
}

/// A trace placed on this thread: its loop, which trace of it, and its guards' exits (what
/// a failure needs, found from the exit code alone).
struct Placed {
    owner: Weak<LoopShared>,
    id: TraceId,
    exits: Rc<[GuardExit]>,
}

/// A number for the next trace placed (see `PLACED`), to be bound by [`bind_trace_no`].
fn next_trace_no() -> u32 {
    PLACED.with(|p| {
        let mut p = p.borrow_mut();
        p.push(Placed {
            owner: Weak::new(),
            id: TraceId::Loop,
            exits: Rc::new([]),
        });
        (p.len() - 1) as u32
    })
}

/// Records that trace number `no` is trace `id` of `owner`, with the exits `exits`.
fn bind_trace_no(no: u32, owner: &Rc<LoopShared>, id: TraceId, exits: &Rc<[GuardExit]>) {
    PLACED.with(|p| {
        p.borrow_mut()[no as usize] = Placed {
            owner: Rc::downgrade(owner),
            id,
            exits: exits.clone(),
        }
    });
}

/// Where a run of compiled code left it: the loop and trace of the failing guard, its op
/// and frame; or what a `finish` handed over.
type Exited = Result<(Rc<LoopShared>, TraceId, usize, FailedOp, DeadFrame), Outcome>;

/// A compiled loop with its bridges, shared with the compiled code that jumps into it.
struct LoopShared {
    number: u32,
    /// The thread's exit buffer.
    exit: &'static ExitArea,
    trace: Rc<TraceLoop>,
    main: Native,
    info: LoopInfo,
    bridges: RefCell<Vec<Bridge>>,
    /// Interpreted bridges by their guards.
    interpreted: RefCell<HashMap<(TraceId, usize), u32>>,
}

/// The [`LoopCode`] of a compiled loop.
struct X86Loop(Rc<LoopShared>);

/// How a run of compiled code goes on from where it left (`exited`): through interpreted
/// bridges (and into the loops they jump to) until a guard has no bridge, a `finish`, or a
/// jump this backend does not enter.
fn go_on(mut exited: Exited) -> RunEnd {
    'enter: loop {
        let (mut current, mut id, mut guard, mut op, mut frame) = match exited {
            Ok(exit) => exit,
            Err(finish) => return RunEnd::Finished(finish),
        };
        // Whether the guard is an interpreted bridge's (whose `finish` ops leave as guards).
        let mut interpreted = false;
        // Interpreted bridges, until one jumps back to a loop or a guard has no bridge.
        loop {
            let bridge = current.interpreted.borrow().get(&(id, guard)).copied();
            let Some(n) = bridge else {
                if interpreted {
                    if let Some(outcome) = finished_in(&current.trace_of(id).ops[guard], &frame) {
                        return RunEnd::Finished(outcome);
                    }
                }
                return RunEnd::Failed(GuardFailure {
                    in_loop: current.number,
                    trace: id,
                    guard,
                    op,
                    frame,
                });
            };
            let (trace, values) = {
                let bridges = current.bridges.borrow();
                let b = &bridges[n as usize];
                let values: Vec<Value> =
                    b.inputs.iter().map(|v| frame.value(Arg::Var(*v))).collect();
                (b.trace.clone(), values)
            };
            frame = DeadFrame::new(&trace, &values);
            match run_trace(&trace, &mut frame) {
                RunExit::Jumped => {
                    let inputs = frame.jumped().to_vec();
                    match jump_target(&trace) {
                        Ok(None) => {}
                        Ok(Some(other)) => current = other,
                        Err(()) => {
                            let to = trace.jump_to.as_ref().expect("a jump target").number;
                            return RunEnd::Jumped { to, inputs };
                        }
                    }
                    exited = current.run_native(&inputs);
                    continue 'enter;
                }
                RunExit::GuardFailed(g) => {
                    id = TraceId::Bridge(n);
                    guard = g;
                    op = FailedOp::of(&trace.ops[g]);
                    interpreted = true;
                }
            }
        }
    }
}

impl LoopShared {
    fn new(trace: Rc<TraceLoop>) -> Option<Rc<LoopShared>> {
        let jumps_to = jump_target(&trace).ok()?;
        let trace_no = next_trace_no();
        let runs = run_counter();
        let asm = assembled(assemble(
            &trace,
            trace_no,
            &Target::Loop,
            jumps_to.as_ref().map(|l| &l.info),
            runs.as_deref().map(counter_address),
        ))?;
        let start = asm.start;
        let header = asm.header.clone();
        let frame_end = asm.frame_end;
        let name = format!("loop {}", trace.name);
        let main = Native::place(asm, &name, &trace.invalidation, runs)?;
        let info = LoopInfo {
            start: main.code.addr_of(start),
            header,
            frame_end,
        };
        exit_area().reserve(exit_save::buffer_words(frame_end).max(trace.inputs.len()));
        let shared = Rc::new(LoopShared {
            number: next_loop_number(),
            exit: exit_area(),
            info,
            main,
            bridges: RefCell::default(),
            interpreted: RefCell::default(),
            trace,
        });
        bind_trace_no(trace_no, &shared, TraceId::Loop, &shared.main.exits);
        Some(shared)
    }

    fn trace_of(&self, id: TraceId) -> Rc<TraceLoop> {
        match id {
            TraceId::Loop => self.trace.clone(),
            TraceId::Bridge(n) => self.bridges.borrow()[n as usize].trace.clone(),
        }
    }

    /// Runs the machine code from `inputs` to an exit: the loop and trace of the failing
    /// guard, its op and frame, or what a `finish` hands over (panic exits panic).
    fn run_native(&self, inputs: &[Value]) -> Exited {
        {
            let mut words = self.exit.words.borrow_mut();
            for (word, value) in words.iter_mut().zip(inputs) {
                *word = value.word();
            }
        }
        self.exited(self.enter())
    }

    /// Calls the loop's entry, its inputs in the exit buffer: the exit code.
    fn enter(&self) -> u64 {
        // SAFETY: the entry is the loop's compiled function, alive while `self` is; it reads
        // its inputs from the exit buffer, which the cell points to.
        unsafe {
            cleared::enter_cleared(&self.exit.cell, self.main.code.addr(), self.main.frame_end)
        }
    }

    /// Where the exit `code` left compiled code (see [`LoopShared::run_native`]).
    fn exited(&self, code: u64) -> Exited {
        let exit = self.exit;
        let (kind, trace_no, n) = decode(code);
        let words = exit.words.borrow();
        match kind {
            ExitKind::Guard => {
                // The exit's record alone builds the frame: no trace is read.
                let (owner, id, op, failed, frame) = PLACED.with(|p| {
                    let p = p.borrow();
                    let placed = &p[trace_no as usize];
                    let exit = &placed.exits[n];
                    // SAFETY: the run loop reads the frame, or owns it, before compiled code
                    // runs again or anything collects (see `RunEnd::Failed`).
                    let frame = unsafe { dead_frame(exit, &words) };
                    let failed = exit.failed.clone();
                    (placed.owner.upgrade(), placed.id, exit.op, failed, frame)
                });
                let owner = owner.expect("the exit's code is alive");
                return Ok((owner, id, op, failed, frame));
            }
            ExitKind::Finish | ExitKind::FinishErr => {}
            _ => {
                let (first, second) = (words[0], words[1]);
                drop(words);
                raise(kind, first, second);
            }
        }
        let (owner, id) = PLACED.with(|p| {
            let placed = &p.borrow()[trace_no as usize];
            (placed.owner.upgrade(), placed.id)
        });
        let trace = owner.expect("the exit's code is alive").trace_of(id);
        let exit_op = &trace.ops[n];
        let value = match exit_op.args[0] {
            Arg::Var(v) => value_of(trace.kinds[v as usize], words[0]),
            constant => constant.constant_value().expect("a constant"),
        };
        Err(finished(exit_op, value))
    }
}

/// The exit of the guard `op` among `exits` (in op order).
fn exit_of(exits: &[GuardExit], op: usize) -> &GuardExit {
    let n = exits
        .binary_search_by_key(&op, |exit| exit.op)
        .expect("a guard's exit");
    &exits[n]
}

impl LoopCode for X86Loop {
    fn number(&self) -> u32 {
        self.0.number
    }

    fn jump_handle(&self) -> std::rc::Weak<dyn std::any::Any> {
        let shared: Rc<dyn std::any::Any> = self.0.clone();
        Rc::downgrade(&shared)
    }

    fn run(&self, inputs: &[Value]) -> RunEnd {
        go_on(self.0.run_native(inputs))
    }

    fn run_words(&self, inputs: &[u64]) -> Option<Result<(u64, u64), u64>> {
        let shared = &self.0;
        {
            let mut words = shared.exit.words.borrow_mut();
            words[..inputs.len()].copy_from_slice(inputs);
        }
        let code = shared.enter();
        let outcome = || shared.exit.words.borrow()[0];
        Some(match decode(code).0 {
            ExitKind::Finish => Ok((outcome(), 0)),
            ExitKind::FinishErr => Ok((0, outcome())),
            _ => Err(code),
        })
    }

    fn after_exit(&self, exit: u64) -> RunEnd {
        go_on(self.0.exited(exit))
    }

    fn native_entry(&self) -> Option<u64> {
        Some(self.0.main.code.addr())
    }

    fn run_counts(&self) -> Vec<(TraceId, u64)> {
        let shared = &self.0;
        let bridges = shared.bridges.borrow();
        let main = std::iter::once((TraceId::Loop, Some(&shared.main)));
        let bridges = bridges
            .iter()
            .enumerate()
            .map(|(n, bridge)| (TraceId::Bridge(n as u32), bridge.native.as_ref()));
        main.chain(bridges)
            .filter_map(|(id, native)| Some((id, native?.runs.as_ref()?.get())))
            .collect()
    }

    fn attach_bridge(
        &self,
        origin: TraceId,
        guard: usize,
        bridge: Rc<TraceLoop>,
        inputs: Vec<u32>,
    ) -> TraceId {
        let shared = &self.0;
        let n = shared.bridges.borrow().len() as u32;
        let name = format!("bridge {n} ({})", bridge.name);
        let native = {
            let bridges = shared.bridges.borrow();
            let origin_code = match origin {
                TraceId::Loop => Some(&shared.main),
                TraceId::Bridge(k) => bridges[k as usize].native.as_ref(),
            };
            let jumps_to = jump_target(&bridge).ok();
            origin_code
                .zip(jumps_to)
                .and_then(|(origin_code, jumps_to)| {
                    let exit = exit_of(&origin_code.exits, guard);
                    let target = Target::Bridge {
                        origin_frame_end: origin_code.frame_end,
                        inputs: &inputs,
                        origin_locs: &exit.locs,
                        main: &shared.info,
                    };
                    let trace_no = next_trace_no();
                    let jump_info = jumps_to.as_ref().map(|l| &l.info);
                    let runs = run_counter();
                    let counter = runs.as_deref().map(counter_address);
                    let asm = assembled(assemble(&bridge, trace_no, &target, jump_info, counter))?;
                    let native = Native::place(asm, &name, &bridge.invalidation, runs)?;
                    bind_trace_no(trace_no, shared, TraceId::Bridge(n), &native.exits);
                    exit_area().reserve(exit_save::buffer_words(native.frame_end));
                    point_at_bridge(&origin_code.code, exit, native.code.addr());
                    Some(native)
                })
        };
        if native.is_none() {
            report_fallback(NAME, &name, FALLBACK_REASON);
            let previous = shared.interpreted.borrow_mut().insert((origin, guard), n);
            assert!(previous.is_none(), "jitgen: a guard got two bridges");
        }
        shared.bridges.borrow_mut().push(Bridge {
            trace: bridge,
            inputs,
            native,
        });
        TraceId::Bridge(n)
    }
}
