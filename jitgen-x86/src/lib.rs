//! jitgen's x86-64 backend (design brief §7): compiles trace IR to machine code with
//! iced-x86 and runs it, agreeing bit for bit with the reference backend
//! (`jitgen_core::backend::reference`).
//!
//! - [`X86Backend`] is registered as backend `x86` (`--jit backend=x86`); linked into a
//!   binary on x86-64, it is the default (`auto`).
//! - Each trace is compiled by `asm` (registers chosen by `regalloc`, a longevity-based greedy
//!   forward allocator with spilling) into its own executable mapping (`codebuf`, W^X).
//! - A guard is a conditional jump to an exit stub that saves the guard's live values (those
//!   its resume data reads) into an exit buffer and returns to Rust, which builds the
//!   [`DeadFrame`] (`guard`). Attaching a bridge compiles it to read its inputs from that
//!   buffer and patches the exit stub's jump target to the bridge. A `guard_not_invalidated`
//!   is a 5-byte no-op while the code is valid; when a quasi-immutable field it depends on
//!   changes, the trace's `Invalidation` has every such no-op of the loop and its bridges
//!   patched into a jump to the guard's own exit (whose target slot no bridge ever takes:
//!   invalidated code is dropped, not bridged).
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
mod codebuf;
mod dump;
mod guard;
mod helpers;
mod regalloc;

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use jitgen_core::backend::reference::{run_trace, ReferenceBackend, RunExit};
use jitgen_core::backend::report_fallback;
use jitgen_core::backend::{
    finished, finished_in, Backend, BackendEntry, DeadFrame, GuardFailure, LoopCode, RunEnd,
    TraceId,
};
use jitgen_core::blackhole::{Outcome, Value};
use jitgen_core::trace::{Arg, Invalidation, OpKind, TraceLoop};

use asm::{assemble, Assembled, LoopInfo, Target};
use codebuf::CodeBuf;
use guard::{dead_frame, decode, raise, value_of, ExitKind};

pub use codebuf::{live_code_bytes, set_code_limit, DEFAULT_CODE_LIMIT};

/// The backend's name.
pub const NAME: &str = "x86";

/// Why a trace may not get machine code (both are reported, never silent).
const FALLBACK_REASON: &str =
    "its code would pass the code size cap, or iced-x86 refused an instruction (a bug)";

/// The x86-64 backend.
pub struct X86Backend;

impl Backend for X86Backend {
    fn name(&self) -> &'static str {
        NAME
    }

    /// Compiles `trace`; if it cannot be placed (the code size cap), the reference backend
    /// runs it instead.
    fn compile_loop(&self, trace: Rc<TraceLoop>) -> Box<dyn LoopCode> {
        match X86Loop::new(trace.clone()) {
            Some(code) => Box::new(code),
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
    /// Each guard's exit target slot (offset in `code`).
    exit_slots: HashMap<usize, usize>,
    /// Where the trace's frame ends below `rbp`.
    frame_end: i32,
    /// Each guard's saved variables.
    guard_vars: HashMap<usize, Vec<u32>>,
}

impl Native {
    /// Places assembled code (its exits going to its epilogue), or `None` past the cap. When
    /// `invalidation` is set, its `guard_not_invalidated`s become jumps to their exits.
    fn place(asm: Assembled, name: &str, invalidation: &Invalidation) -> Option<Native> {
        let slots = asm.exit_slots.clone();
        let epilogue = asm.epilogue;
        let code = Rc::new(CodeBuf::new(&asm.code, |base, bytes| {
            for &(_, offset) in &slots {
                bytes[offset..offset + 8].copy_from_slice(&(base + epilogue as u64).to_le_bytes());
            }
        })?);
        if !asm.invalidation_patches.is_empty() {
            let weak = Rc::downgrade(&code);
            let patches = asm.invalidation_patches;
            invalidation.on_invalidate(Box::new(move || {
                if let Some(code) = weak.upgrade() {
                    for (site, jmp) in &patches {
                        code.patch(*site, jmp);
                    }
                }
            }));
        }
        dump::publish(name, code.addr(), code.bytes());
        Some(Native {
            exit_slots: asm.exit_slots.into_iter().collect(),
            frame_end: asm.frame_end,
            guard_vars: asm.guard_vars,
            code,
        })
    }
}

/// The assembled code, or `None` (then the reference backend runs the trace) if iced-x86
/// refused an instruction: a bug of this backend, so debug builds panic.
fn assembled(result: Result<Assembled, iced_x86::IcedError>) -> Option<Assembled> {
    match result {
        Ok(asm) => Some(asm),
        Err(e) => {
            debug_assert!(false, "jitgen-x86: cannot assemble: {e}");
            None
        }
    }
}

/// A bridge: compiled, or interpreted (see the crate docs on the code size cap).
struct Bridge {
    trace: Rc<TraceLoop>,
    inputs: Vec<u32>,
    native: Option<Native>,
}

/// The exit buffer: one word per variable of the largest trace, plus the error word. Compiled
/// code finds it through `cell` (whose address is in its frame), so it can grow while loops
/// are active further up the stack.
struct ExitArea {
    cell: Box<Cell<*mut u64>>,
    words: RefCell<Vec<u64>>,
}

impl ExitArea {
    fn new(len: usize) -> ExitArea {
        let area = ExitArea {
            cell: Box::new(Cell::new(std::ptr::null_mut())),
            words: RefCell::new(Vec::new()),
        };
        area.reserve(len);
        area
    }

    fn reserve(&self, len: usize) {
        let mut words = self.words.borrow_mut();
        if words.len() < len {
            words.resize(len, 0);
            self.cell.set(words.as_mut_ptr());
        }
    }
}

/// A compiled loop with its bridges.
struct X86Loop {
    trace: Rc<TraceLoop>,
    main: Native,
    info: LoopInfo,
    bridges: RefCell<Vec<Bridge>>,
    /// Interpreted bridges by their guards.
    interpreted: RefCell<HashMap<(TraceId, usize), u32>>,
    exit: ExitArea,
}

/// The signature of a loop's entry.
type Entry = unsafe extern "C" fn(*const Cell<*mut u64>) -> u64;

impl X86Loop {
    fn new(trace: Rc<TraceLoop>) -> Option<X86Loop> {
        let asm = assembled(assemble(&trace, 0, &Target::Loop))?;
        let start = asm.start;
        let header = asm.header.clone();
        let frame_end = asm.frame_end;
        let main = Native::place(asm, &format!("loop {}", trace.name), &trace.invalidation)?;
        let info = LoopInfo {
            start: main.code.addr() + start as u64,
            header,
            frame_end,
        };
        let len = (trace.kinds.len() + 1).max(trace.inputs.len()).max(2);
        Some(X86Loop {
            info,
            main,
            bridges: RefCell::default(),
            interpreted: RefCell::default(),
            exit: ExitArea::new(len),
            trace,
        })
    }

    fn trace_of(&self, id: TraceId) -> Rc<TraceLoop> {
        match id {
            TraceId::Loop => self.trace.clone(),
            TraceId::Bridge(n) => self.bridges.borrow()[n as usize].trace.clone(),
        }
    }

    /// Runs the machine code from `inputs` to an exit: the failing guard's trace, op and
    /// frame, or what a `finish` hands over (panic exits panic).
    fn run_native(&self, inputs: &[Value]) -> Result<(TraceId, usize, DeadFrame), Outcome> {
        {
            let mut words = self.exit.words.borrow_mut();
            for (word, value) in words.iter_mut().zip(inputs) {
                *word = value.word();
            }
        }
        // SAFETY: the entry is the loop's compiled function, alive while `self` is; it reads
        // its inputs from the exit buffer, which the cell points to.
        let code = unsafe {
            let entry: Entry = std::mem::transmute(self.main.code.addr() as usize);
            entry(&*self.exit.cell)
        };
        let (kind, id, op) = decode(code);
        let words = self.exit.words.borrow();
        if kind != ExitKind::Guard {
            let (first, second) = (words[0], words[1]);
            drop(words);
            raise(kind, first, second);
        }
        let trace = self.trace_of(id);
        let exit = &trace.ops[op];
        if let OpKind::Finish { .. } = exit.kind {
            let value = match exit.args[0] {
                Arg::Var(v) => value_of(trace.kinds[v as usize], words[v as usize]),
                constant => constant.constant_value().expect("a constant"),
            };
            return Err(finished(exit, value));
        }
        let bridges = self.bridges.borrow();
        let native = match id {
            TraceId::Loop => &self.main,
            TraceId::Bridge(n) => bridges[n as usize]
                .native
                .as_ref()
                .expect("a compiled bridge"),
        };
        let frame = dead_frame(&trace, &native.guard_vars[&op], &words);
        Ok((id, op, frame))
    }
}

impl LoopCode for X86Loop {
    fn run(&self, inputs: &[Value]) -> RunEnd {
        // The inputs of the next entry: the caller's, then those an interpreted bridge jumped
        // back with.
        let mut inputs = std::borrow::Cow::Borrowed(inputs);
        'enter: loop {
            let (mut id, mut guard, mut frame) = match self.run_native(&inputs) {
                Ok(exit) => exit,
                Err(finish) => return RunEnd::Finished(finish),
            };
            // Interpreted bridges, until one jumps back to the loop or a guard has no bridge.
            loop {
                let bridge = self.interpreted.borrow().get(&(id, guard)).copied();
                let Some(n) = bridge else {
                    if let Some(outcome) = finished_in(&self.trace_of(id).ops[guard], &frame) {
                        return RunEnd::Finished(outcome);
                    }
                    return RunEnd::Failed(GuardFailure {
                        trace: id,
                        guard,
                        frame,
                    });
                };
                let (trace, values) = {
                    let bridges = self.bridges.borrow();
                    let b = &bridges[n as usize];
                    let values: Vec<Value> =
                        b.inputs.iter().map(|v| frame.value(Arg::Var(*v))).collect();
                    (b.trace.clone(), values)
                };
                frame = DeadFrame::new(&trace, &values);
                match run_trace(&trace, &mut frame) {
                    RunExit::Jumped => {
                        inputs = std::borrow::Cow::Owned(frame.jumped().to_vec());
                        continue 'enter;
                    }
                    RunExit::GuardFailed(g) => {
                        id = TraceId::Bridge(n);
                        guard = g;
                    }
                }
            }
        }
    }

    fn attach_bridge(
        &self,
        origin: TraceId,
        guard: usize,
        bridge: Rc<TraceLoop>,
        inputs: Vec<u32>,
    ) -> TraceId {
        let n = self.bridges.borrow().len() as u32;
        let name = format!("bridge {n} ({})", bridge.name);
        let native = {
            let bridges = self.bridges.borrow();
            let origin_code = match origin {
                TraceId::Loop => Some(&self.main),
                TraceId::Bridge(k) => bridges[k as usize].native.as_ref(),
            };
            origin_code.and_then(|origin_code| {
                let target = Target::Bridge {
                    origin_frame_end: origin_code.frame_end,
                    inputs: &inputs,
                    main: &self.info,
                };
                let asm = assembled(assemble(&bridge, n + 1, &target))?;
                let native = Native::place(asm, &name, &bridge.invalidation)?;
                self.exit.reserve(bridge.kinds.len() + 1);
                let slot = origin_code.exit_slots[&guard];
                origin_code
                    .code
                    .patch(slot, &native.code.addr().to_le_bytes());
                Some(native)
            })
        };
        if native.is_none() {
            report_fallback(NAME, &name, FALLBACK_REASON);
            let previous = self.interpreted.borrow_mut().insert((origin, guard), n);
            assert!(previous.is_none(), "jitgen: a guard got two bridges");
        }
        self.bridges.borrow_mut().push(Bridge {
            trace: bridge,
            inputs,
            native,
        });
        TraceId::Bridge(n)
    }
}
