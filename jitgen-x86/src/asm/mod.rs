//! Code generation: one trace (a loop or a bridge) to x86-64 bytes with iced-x86's code
//! assembler, its registers chosen by `regalloc`.
//!
//! This module holds the `Compiler`'s state, its register and operand bookkeeping, and
//! `assemble`, which runs it op by op; each family of ops is lowered by a module of its
//! own (`int`, `float`, `conditions`, `memory`, `calls`, `guards`, `control`), moves by
//! `moves` and the cold section (exit stubs, epilogue) by `exits`.
//!
//! All traces of a loop share one native frame, set up by the loop's entry (called from
//! Rust as `extern "C" fn(exit_cell: *const *mut u64) -> u64`):
//!
//! ```text
//! rbp+8    return address          rbp-48  pointer to the exit cell (-> exit buffer)
//! rbp      caller's rbp            rbp-56  error word of the last residual call
//! rbp-8..  rbx r12 r13 r14 r15     below   each trace's variable slots (8 bytes each),
//!                                          the loop's first, then each bridge's below
//!                                          its origin's; rsp at the bottom (16-aligned)
//! ```
//!
//! A guard's failing jump goes through an 8-byte bridge slot: to its exit stub, which puts the
//! exit code in `r11` and goes to the saving routine (`exit_save`: every register and the
//! spill slots the trace's exits read into the exit buffer, then the epilogue, which returns
//! the exit code to Rust), or
//! (once patched) to the guard's bridge, which takes its inputs where the guard left them.
//!
//! A loop's `jump` moves its arguments to where the loop's start expects its inputs (a
//! bridge's `jump` too: bridges end at their loop's start); a peeled loop's `jump` goes back
//! to its `label` instead, with the label's operands assigned and every other value live
//! across the label put back where it was there. A `jump` into another loop
//! (`TraceLoop::jump_to`) moves its arguments to that loop's header locations, sets `rsp` to
//! that loop's frame size and jumps to its start: the fixed part of the frame is the same for
//! every loop, and the exit cell is the thread's. A trace that is not a loop ends with an
//! `exit` or a `finish`: an unconditional jump to its exit stub.

use std::collections::HashMap;
use std::rc::Rc;

use iced_x86::code_asm::*;
use jitgen_core::backend::{FailedOp, HeldVar};
use jitgen_core::gc::{self, TypeInfo};
use jitgen_core::jitcode::Kind;
use jitgen_core::jitcode::{
    AllocDescr, CallDescr, FloatBinOp, FloatCmpOp, FloatUnOp, IntBinOp, IntCmpOp, IntWidth, OvfOp,
    ShiftOp,
};
use jitgen_core::layout::ValueKind;
use jitgen_core::metainterp::assembler;
use jitgen_core::trace::AssemblerCall;
use jitgen_core::trace::{Arg, IndexCheck, OpKind, TraceLoop};

use crate::encode::{encode, EncodeError, Placed};
use crate::guard::{exit_code, ExitKind, KIND_SHIFT};
use crate::helpers;
use crate::regalloc::{resume_vars, Loc, Longevity, Reg, Regs, CALLER_SAVED, NUM_GPRS, NUM_XMMS};
use crate::slots::Slots;

mod calls;
mod conditions;
mod control;
mod exits;
mod float;
mod guards;
mod int;
mod memory;
mod moves;

use conditions::{Cc, Fused};
use control::Peeled;
use exits::{held_vars, Stub};
use moves::Move;

type R<T> = Result<T, IcedError>;

// `write_barrier` calls the GC's hook (when a heap checks barriers).
const _: () = assert!(gc::NEEDS_WRITE_BARRIER, "the x86 backend emits the barrier");

const GPR64: [AsmRegister64; NUM_GPRS] = [rax, rcx, rdx, rbx, rsi, rdi, r8, r9, r12, r13, r14, r15];
const GPR32: [AsmRegister32; NUM_GPRS] = [
    eax, ecx, edx, ebx, esi, edi, r8d, r9d, r12d, r13d, r14d, r15d,
];
const GPR16: [AsmRegister16; NUM_GPRS] = [ax, cx, dx, bx, si, di, r8w, r9w, r12w, r13w, r14w, r15w];
const GPR8: [AsmRegister8; NUM_GPRS] = [al, cl, dl, bl, sil, dil, r8b, r9b, r12b, r13b, r14b, r15b];
const XMM: [AsmRegisterXmm; NUM_XMMS] = [
    xmm0, xmm1, xmm2, xmm3, xmm4, xmm5, xmm6, xmm7, xmm8, xmm9, xmm10, xmm11, xmm12, xmm13, xmm14,
];
/// SysV integer argument registers, as indices into [`GPR64`].
const ARG_GPRS: [u8; 6] = [5, 4, 2, 1, 6, 7];
const RCX: u8 = 1;

/// A 5-byte no-op (`nop dword [rax+rax]`): the room a `jmp rel32` needs.
const NOP5: [u8; 5] = [0x0f, 0x1f, 0x44, 0x00, 0x00];

/// Frame offset of the pointer to the exit cell.
pub(crate) const EXIT_CELL: i32 = -48;
/// Frame offset of the last residual call's error word.
pub(crate) const ERROR_SLOT: i32 = -56;
/// Bytes below `rbp` before the loop's variable slots.
pub(crate) const FIXED_FRAME: i32 = 56;

/// What a trace is compiled as.
pub(crate) enum Target<'a> {
    /// The loop itself (its entry is the function Rust calls).
    Loop,
    /// A bridge of the loop `main`, entered straight from a failing guard of a trace whose
    /// frame ends `origin_frame_end` bytes below `rbp`; `inputs` are that trace's variables
    /// it starts from, found where the guard leaves them (`origin_locs`).
    Bridge {
        /// Where the origin trace's frame ends.
        origin_frame_end: i32,
        /// The origin trace's variables the bridge's inputs are, in order.
        inputs: &'a [u32],
        /// Where the guard leaves the origin trace's variables (or the constant a fused
        /// boolean has then).
        origin_locs: &'a [(u32, Result<Loc, u64>)],
        /// The loop it jumps to.
        main: &'a LoopInfo,
    },
}

/// What a bridge needs to know about its loop (and a trace about a loop it jumps into).
pub(crate) struct LoopInfo {
    /// The address of the loop's start (after the entry's setup).
    pub(crate) start: u64,
    /// Where the loop expects each input at its start (`None`: unused).
    pub(crate) header: Vec<Option<Loc>>,
    /// Where the loop's frame ends.
    pub(crate) frame_end: i32,
}

/// Where a guard's exit is in a trace's code, and where the guard leaves its values.
pub(crate) struct GuardExit {
    /// The guard's op index.
    pub(crate) op: usize,
    /// What the warm-up code needs of that op when the guard fails.
    pub(crate) failed: FailedOp,
    /// Offset of the 8-byte bridge slot the guard's failing jump goes through: at first the
    /// exit's saving code (at offset `exit`), then the attached bridge.
    pub(crate) bridge_slot: usize,
    /// Offset of the exit's saving code.
    pub(crate) exit: usize,
    /// The guard's failing jumps: where each one's rel32 is and where it ends. Attaching a
    /// bridge within their reach points them at it directly (no jump through the slot).
    pub(crate) jumps: Vec<(u32, u32)>,
    /// Where each value the exit saves is when the guard fails (or the constant a fused
    /// boolean has then): what a bridge starts from.
    pub(crate) locs: Vec<(u32, Result<Loc, u64>)>,
    /// What the guard's dead frame holds, sorted by variable: each variable, its kind and
    /// where the exit leaves its value (in the exit buffer as `exit_save` lays it out; a
    /// virtual object is made from its resume data). A failure reads nothing of the trace
    /// itself.
    pub(crate) held: Rc<[HeldVar]>,
}

/// A trace's machine code, position-independent, with what is needed to place and patch it.
/// Offsets are into `code`: its hot section, then its cold one (see [`crate::encode`]).
pub(crate) struct Assembled {
    /// The bytes.
    pub(crate) code: Vec<u8>,
    /// Where the cold section starts.
    pub(crate) cold_start: usize,
    /// The fields to fill once the sections are placed (see [`crate::encode::Encoded`]).
    pub(crate) crossings: Vec<(u32, u32, u32)>,
    /// Offset of the loop's start (0 for a bridge).
    pub(crate) start: usize,
    /// Each guard's exit.
    pub(crate) exits: Vec<GuardExit>,
    /// For a loop: where its inputs are at its start.
    pub(crate) header: Vec<Option<Loc>>,
    /// Where this trace's frame ends, below `rbp`.
    pub(crate) frame_end: i32,
    /// The `guard_not_invalidated` sites: where each 5-byte no-op is, and the exit a `jmp`
    /// there goes to when the code is invalidated.
    pub(crate) invalidation_patches: Vec<(usize, usize)>,
}

/// An integer operand: a register, a frame slot, or an immediate.
#[derive(Clone, Copy)]
enum Src {
    R(AsmRegister64),
    M(i32),
    I(i32),
}

/// A float operand: a register or a frame slot.
#[derive(Clone, Copy)]
enum FSrc {
    X(AsmRegisterXmm),
    M(i32),
}

/// An argument of a call: an operand of the trace, or a word.
#[derive(Clone, Copy)]
enum CallArg {
    Arg(Arg),
    Word(u64),
}

fn mem(offset: i32) -> AsmMemoryOperand {
    qword_ptr(rbp + offset)
}

fn fits_i32(v: i64) -> bool {
    i32::try_from(v).is_ok()
}

/// The word of a constant operand.
fn const_word(arg: Arg) -> u64 {
    match arg {
        Arg::Int(v) => v as u64,
        Arg::Float(v) => v.to_bits(),
        Arg::Ref(r) => r.map_or(0, |r| r.addr() as u64),
        Arg::Var(_) => unreachable!("not a constant"),
    }
}

/// Compiles `trace` as trace number `trace_no` (its exits' codes name it), its final `jump`
/// going to `jump_to` if it jumps into another loop (`TraceLoop::jump_to`). With `counter`
/// (the address of a `u64`), the code adds one to it each time it runs: a bridge each time
/// it is entered, a loop at each iteration, the preamble's included (for
/// `jit-backend-counts`).
pub(crate) fn assemble(
    trace: &TraceLoop,
    trace_no: u32,
    target: &Target,
    jump_to: Option<&LoopInfo>,
    counter: Option<u64>,
) -> Result<Assembled, EncodeError> {
    let slot_base = match target {
        Target::Loop => FIXED_FRAME,
        Target::Bridge {
            origin_frame_end, ..
        } => *origin_frame_end,
    };
    let lon = Longevity::new(trace);
    let slots = Slots::assign(trace, &lon);
    let frame_end = (slot_base + 8 * slots.count() as i32 + 15) & !15;
    let mut a = CodeAssembler::new(64)?;
    // Every branch a rel32 (see `encode`).
    a.set_prefer_short_branch(false);
    let mut c = Compiler {
        a,
        placed: Placed::default(),
        trace,
        lon,
        slots,
        regs: Regs::new(&trace.kinds),
        slot_base,
        frame_end,
        trace_no,
        jump_to,
        stubs: Vec::new(),
        epilogue: CodeLabel::default(),
        div_panic: None,
        null_panic: None,
        ovf_cond: Cc::O,
        fused: None,
        nonnull: Default::default(),
        invalidation_sites: Vec::new(),
        start: CodeLabel::default(),
        header: Vec::new(),
        peeled: None,
        counter: None,
    };
    c.epilogue = c.a.create_label();
    c.start = c.a.create_label();
    c.header = c.entry(target)?;
    let mut start = c.start;
    c.place(&mut start)?;
    c.start = start;
    c.a.zero_bytes()?;
    c.counter = counter;
    c.count_run()?;
    for pos in 0..trace.ops.len() {
        c.op(pos, target)?;
        c.finish_op(pos);
    }
    let cold = c.a.instructions().len();
    c.emit_stubs()?;
    let result = encode(c.a.instructions(), cold)?;
    let placed = &c.placed;
    let label_ip = |label: &CodeLabel| result.label_offset(placed, label);
    let mut exits = Vec::new();
    let mut exit_code = HashMap::new();
    for stub in &mut c.stubs {
        if let Stub::Guard {
            label,
            bridge,
            exit,
            op,
            saves,
        } = stub
        {
            let at = label_ip(exit)?;
            exits.push(GuardExit {
                op: *op,
                failed: FailedOp::of(&trace.ops[*op]),
                jumps: result.branches_to(placed, label)?,
                bridge_slot: label_ip(bridge)?,
                exit: at,
                held: held_vars(trace, *op, saves),
                locs: std::mem::take(saves),
            });
            exit_code.insert(*op, at);
        }
    }
    let mut invalidation_patches = Vec::new();
    for (site, op) in &c.invalidation_sites {
        // Invalidated code leaves for the interpreter, even from a guard with a bridge.
        invalidation_patches.push((label_ip(site)?, exit_code[op]));
    }
    Ok(Assembled {
        start: label_ip(&c.start)?,
        code: result.code,
        cold_start: result.cold_start,
        crossings: result.crossings,
        exits,
        header: c.header,
        frame_end,
        invalidation_patches,
    })
}

struct Compiler<'t> {
    a: CodeAssembler,
    /// Where labels were set (see [`Compiler::place`]).
    placed: Placed,
    trace: &'t TraceLoop,
    lon: Longevity,
    slots: Slots,
    regs: Regs,
    slot_base: i32,
    frame_end: i32,
    trace_no: u32,
    /// Where the final `jump` goes when the trace jumps into another loop.
    jump_to: Option<&'t LoopInfo>,
    stubs: Vec<Stub>,
    epilogue: CodeLabel,
    div_panic: Option<CodeLabel>,
    null_panic: Option<CodeLabel>,
    /// The condition under which the last checked op overflowed.
    ovf_cond: Cc,
    /// A boolean left for the next guard to test directly.
    fused: Option<Fused>,
    /// Variables already checked non-null (a trace is straight-line code).
    nonnull: std::collections::HashSet<u32>,
    /// `guard_not_invalidated` sites and their ops (whose exits they jump to once patched).
    invalidation_sites: Vec<(CodeLabel, usize)>,
    /// The loop's start (after the entry).
    start: CodeLabel,
    /// For a loop: where its inputs are at its start.
    header: Vec<Option<Loc>>,
    /// After a `label`: what the final jump goes back to.
    peeled: Option<Peeled>,
    /// The address of the code's run counter (see [`assemble`]).
    counter: Option<u64>,
}

impl Compiler<'_> {
    // ---- frame and register bookkeeping ----

    fn slot(&self, var: u32) -> i32 {
        -(self.slot_base + 8 * (self.slots.of(var) as i32 + 1))
    }

    /// Where `var` is now (its register if it has one).
    fn loc(&self, var: u32) -> Loc {
        match self.regs.reg[var as usize] {
            Some(reg) => Loc::Reg(reg),
            None => {
                debug_assert!(self.regs.in_slot[var as usize], "v{var} is nowhere");
                Loc::Slot(self.slot(var))
            }
        }
    }

    /// Stores `var` to its slot (if not there yet); it stays in its register too.
    fn store(&mut self, var: u32) -> R<()> {
        if !self.regs.in_slot[var as usize] {
            let slot = self.slot(var);
            match self.regs.reg[var as usize] {
                Some(Reg::Gpr(r)) => self.a.mov(mem(slot), GPR64[r as usize])?,
                Some(Reg::Xmm(x)) => self.a.movsd_2(mem(slot), XMM[x as usize])?,
                None => unreachable!("v{var} is nowhere"),
            }
            self.regs.in_slot[var as usize] = true;
        }
        Ok(())
    }

    /// Stores `var` to its slot (if not there yet) and frees its register.
    fn spill(&mut self, var: u32) -> R<()> {
        self.store(var)?;
        self.regs.release(var);
        Ok(())
    }

    /// A register of the class for the current op (spilling if needed), locked.
    fn alloc(&mut self, float: bool, pos: usize) -> R<Reg> {
        let (reg, victim) = self.regs.choose(float, pos, &self.lon);
        if let Some(var) = victim {
            self.spill(var)?;
        }
        self.regs.lock(reg);
        Ok(reg)
    }

    fn alloc_gpr(&mut self, pos: usize) -> R<u8> {
        match self.alloc(false, pos)? {
            Reg::Gpr(r) => Ok(r),
            Reg::Xmm(_) => unreachable!(),
        }
    }

    fn alloc_xmm(&mut self, pos: usize) -> R<u8> {
        match self.alloc(true, pos)? {
            Reg::Xmm(x) => Ok(x),
            Reg::Gpr(_) => unreachable!(),
        }
    }

    /// `var` in a register (loaded from its slot if needed), locked.
    fn load(&mut self, var: u32, pos: usize) -> R<Reg> {
        if let Some(reg) = self.regs.reg[var as usize] {
            self.regs.lock(reg);
            return Ok(reg);
        }
        let float = self.regs.is_float(var);
        let reg = self.alloc(float, pos)?;
        let slot = self.slot(var);
        match reg {
            Reg::Gpr(r) => self.a.mov(GPR64[r as usize], mem(slot))?,
            Reg::Xmm(x) => self.a.movsd_2(XMM[x as usize], mem(slot))?,
        }
        self.regs.assign(var, reg);
        Ok(reg)
    }

    /// Defines `var` as the value now in `reg`.
    fn define(&mut self, var: u32, reg: Reg) {
        self.regs.assign(var, reg);
        self.regs.in_slot[var as usize] = false;
    }

    /// Frees the registers of variables not read after `pos`.
    fn finish_op(&mut self, pos: usize) {
        let owners = self.regs.gpr.iter().chain(self.regs.xmm.iter());
        let dead: Vec<u32> = owners
            .flatten()
            .copied()
            .filter(|&v| self.lon.dead_after(v, pos))
            .collect();
        for var in dead {
            self.regs.release(var);
        }
        self.regs.unlock_all();
    }

    // ---- operands ----

    /// An integer/reference operand (a float variable's word goes through `scratch`).
    fn src(&mut self, arg: Arg, scratch: AsmRegister64) -> R<Src> {
        match arg {
            Arg::Var(v) => match self.regs.reg[v as usize] {
                Some(Reg::Gpr(r)) => {
                    self.regs.lock(Reg::Gpr(r));
                    Ok(Src::R(GPR64[r as usize]))
                }
                Some(Reg::Xmm(x)) => {
                    self.a.movq(scratch, XMM[x as usize])?;
                    Ok(Src::R(scratch))
                }
                None => Ok(Src::M(self.slot(v))),
            },
            _ => {
                let word = const_word(arg) as i64;
                if fits_i32(word) {
                    Ok(Src::I(word as i32))
                } else {
                    self.mov_imm(scratch, word)?;
                    Ok(Src::R(scratch))
                }
            }
        }
    }

    /// An integer/reference operand in a register: its own, or `scratch` for a constant.
    fn gpr_of(&mut self, arg: Arg, scratch: AsmRegister64, pos: usize) -> R<AsmRegister64> {
        match arg {
            Arg::Var(v) if !self.regs.is_float(v) => match self.load(v, pos)? {
                Reg::Gpr(r) => Ok(GPR64[r as usize]),
                Reg::Xmm(_) => unreachable!(),
            },
            _ => {
                self.mov_src(scratch, arg)?;
                Ok(scratch)
            }
        }
    }

    /// `dst = the word of arg`.
    fn mov_src(&mut self, dst: AsmRegister64, arg: Arg) -> R<()> {
        match self.src(arg, dst)? {
            Src::R(r) if r == dst => Ok(()),
            Src::R(r) => self.a.mov(dst, r),
            Src::M(m) => self.a.mov(dst, mem(m)),
            Src::I(0) => self.a.xor(dst32(dst), dst32(dst)),
            Src::I(i) => self.mov_imm(dst, i as i64),
        }
    }

    /// `dst = v`, in the shortest form that leaves the flags alone.
    fn mov_imm(&mut self, dst: AsmRegister64, v: i64) -> R<()> {
        if (0..=u32::MAX as i64).contains(&v) {
            self.a.mov(dst32(dst), v as u32)
        } else if fits_i32(v) {
            self.a.add_instruction(iced_x86::Instruction::with2(
                iced_x86::Code::Mov_rm64_imm32,
                iced_x86::Register::from(dst),
                v as i32,
            )?)
        } else {
            self.a.mov(dst, v)
        }
    }

    /// A float operand (constants through xmm15).
    fn fsrc(&mut self, arg: Arg) -> R<FSrc> {
        match arg {
            Arg::Var(v) => match self.regs.reg[v as usize] {
                Some(Reg::Xmm(x)) => {
                    self.regs.lock(Reg::Xmm(x));
                    Ok(FSrc::X(XMM[x as usize]))
                }
                _ => Ok(FSrc::M(self.slot(v))),
            },
            _ => {
                self.mov_imm(r11, const_word(arg) as i64)?;
                self.a.movq(xmm15, r11)?;
                Ok(FSrc::X(xmm15))
            }
        }
    }

    /// A register for the result `dst` of a two-address op, holding the value of `first`:
    /// `first`'s own register if it dies here (and is not also `other`), else a new one.
    fn dst_gpr(&mut self, first: Arg, other: Option<Arg>, pos: usize) -> R<u8> {
        if let Arg::Var(v) = first {
            if let Some(Reg::Gpr(r)) = self.regs.reg[v as usize] {
                if self.lon.dead_after(v, pos) && other != Some(first) {
                    self.regs.release(v);
                    self.regs.lock(Reg::Gpr(r));
                    return Ok(r);
                }
            }
        }
        let rd = self.alloc_gpr(pos)?;
        self.mov_src(GPR64[rd as usize], first)?;
        Ok(rd)
    }

    /// As [`Self::dst_gpr`] for floats.
    fn dst_xmm(&mut self, first: Arg, other: Option<Arg>, pos: usize) -> R<u8> {
        if let Arg::Var(v) = first {
            if let Some(Reg::Xmm(x)) = self.regs.reg[v as usize] {
                if self.lon.dead_after(v, pos) && other != Some(first) {
                    self.regs.release(v);
                    self.regs.lock(Reg::Xmm(x));
                    return Ok(x);
                }
            }
        }
        let xd = self.alloc_xmm(pos)?;
        if first.is_const() {
            // Not through xmm15, which may hold the other operand.
            self.mov_imm(r11, const_word(first) as i64)?;
            self.a.movq(XMM[xd as usize], r11)?;
            return Ok(xd);
        }
        match self.fsrc(first)? {
            FSrc::X(x) => self.a.movapd(XMM[xd as usize], x)?,
            FSrc::M(m) => self.a.movsd_2(XMM[xd as usize], mem(m))?,
        }
        Ok(xd)
    }

    // ---- emission helpers ----

    /// Sets `label` on the next instruction, recording where (for `encode`).
    fn place(&mut self, label: &mut CodeLabel) -> R<()> {
        self.placed.record(*label, self.a.instructions().len());
        self.a.set_label(label)
    }

    fn panic_label(&mut self, div: bool) -> CodeLabel {
        let slot = if div {
            &mut self.div_panic
        } else {
            &mut self.null_panic
        };
        if let Some(label) = slot {
            return *label;
        }
        let label = self.a.create_label();
        *slot = Some(label);
        label
    }

    // ---- ops ----

    /// Emits op `pos`: each family of ops by its own module.
    fn op(&mut self, pos: usize, target: &Target) -> R<()> {
        let op = &self.trace.ops[pos];
        let args = op.args.clone();
        let result = op.result;
        match &op.kind {
            kind @ (OpKind::IntBin(_)
            | OpKind::Shift { .. }
            | OpKind::IntUn { .. }
            | OpKind::IntCast(_)
            | OpKind::IntDiv { .. }
            | OpKind::IntOvf { .. }) => self.int_arith(pos, kind, &args, result),
            kind @ (OpKind::IntCmp { .. }
            | OpKind::BoolNot
            | OpKind::PtrEq { .. }
            | OpKind::IsNull
            | OpKind::ClassIs(_)) => self.condition(pos, kind, &args, result),
            kind @ (OpKind::FloatBin(_)
            | OpKind::FloatCmp(_)
            | OpKind::FloatUn(_)
            | OpKind::IntToFloat(_)
            | OpKind::FloatToInt(_)) => self.float_op(pos, kind, &args, result),
            kind @ (OpKind::GetField(_)
            | OpKind::SetField(_)
            | OpKind::ArrayLen
            | OpKind::GetArrayItem(..)
            | OpKind::SetArrayItem(..)
            | OpKind::New(_)) => self.memory_op(pos, kind, &args, result),
            OpKind::Call(descr) => self.residual_call(pos, descr, &args, result),
            OpKind::CallAssembler(call) => self.call_assembler(pos, call, &args, result),
            kind @ (OpKind::GuardTrue
            | OpKind::GuardFalse
            | OpKind::GuardValue
            | OpKind::GuardNotInvalidated
            | OpKind::GuardNoOverflow
            | OpKind::GuardOverflow
            | OpKind::GuardNoError
            | OpKind::GuardError
            | OpKind::Exit
            | OpKind::Finish { .. }) => self.guard(pos, kind, &args, result),
            OpKind::WriteBarrier => self.write_barrier(pos, args[0]),
            OpKind::DebugMergePoint(_) => Ok(()),
            OpKind::SameAs => {
                let var = result.unwrap();
                if self.regs.is_float(var) {
                    let xd = self.dst_xmm(args[0], None, pos)?;
                    self.define(var, Reg::Xmm(xd));
                } else {
                    let rd = self.dst_gpr(args[0], None, pos)?;
                    self.define(var, Reg::Gpr(rd));
                }
                Ok(())
            }
            OpKind::Label => self.label(pos, &args),
            OpKind::Jump => self.jump(&args, target),
        }
    }
}

impl Compiler<'_> {}

fn dst32(r: AsmRegister64) -> AsmRegister32 {
    match GPR64.iter().position(|g| *g == r) {
        Some(i) => GPR32[i],
        None if r == r10 => r10d,
        None => r11d,
    }
}
