//! Code generation: one trace (a loop or a bridge) to x86-64 bytes with iced-x86's code
//! assembler, its registers chosen by `regalloc`.
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
//! Exits write the values of the failing guard's live variables (and the error word) into the
//! exit buffer and jump through an 8-byte target slot next to them: to the shared epilogue,
//! which returns the exit code to Rust, or (once patched) to the guard's bridge, which reads
//! its inputs from the buffer.
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
use jitgen_core::gc::{self, TypeInfo};
use jitgen_core::jitcode::Kind;
use jitgen_core::jitcode::{
    CallDescr, FloatBinOp, FloatCmpOp, FloatUnOp, IntBinOp, IntCmpOp, IntWidth, OvfOp, ShiftOp,
};
use jitgen_core::layout::ValueKind;
use jitgen_core::metainterp::assembler::{self, AssemblerCall};
use jitgen_core::trace::{Arg, IndexCheck, OpKind, TraceLoop};

use crate::encode::{encode, EncodeError, Placed};
use crate::guard::{exit_code, ExitKind, KIND_SHIFT};
use crate::helpers;
use crate::regalloc::{resume_vars, Loc, Longevity, Reg, Regs, CALLER_SAVED, NUM_GPRS, NUM_XMMS};
use crate::slots::Slots;

type R<T> = Result<T, IcedError>;

// `write_barrier` compiles to nothing.
const _: () = assert!(
    !gc::NEEDS_WRITE_BARRIER,
    "the x86 backend must emit the barrier"
);

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
const EXIT_CELL: i32 = -48;
/// Frame offset of the last residual call's error word.
const ERROR_SLOT: i32 = -56;
/// Bytes below `rbp` before the loop's variable slots.
const FIXED_FRAME: i32 = 56;

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
    /// Offset of the exit's 8-byte jump target slot (where the exit goes after saving).
    pub(crate) target_slot: usize,
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
    /// whether the exit saves it (else it is a virtual object its resume data make). A
    /// failure reads nothing of the trace itself.
    pub(crate) held: Rc<[(u32, Kind, bool)]>,
    /// The exit buffer's error word (after the trace's variables).
    pub(crate) error_word: usize,
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
    /// Offset of the epilogue (where unpatched exits go).
    pub(crate) epilogue: usize,
    /// For a loop: where its inputs are at its start.
    pub(crate) header: Vec<Option<Loc>>,
    /// Where this trace's frame ends, below `rbp`.
    pub(crate) frame_end: i32,
    /// The `guard_not_invalidated` sites: where each 5-byte no-op is, and the exit a `jmp`
    /// there goes to when the code is invalidated.
    pub(crate) invalidation_patches: Vec<(usize, usize)>,
}

/// An x86 condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cc {
    E,
    Ne,
    L,
    Le,
    G,
    Ge,
    B,
    Be,
    A,
    Ae,
    O,
    No,
}

impl Cc {
    fn negate(self) -> Cc {
        match self {
            Cc::E => Cc::Ne,
            Cc::Ne => Cc::E,
            Cc::L => Cc::Ge,
            Cc::Ge => Cc::L,
            Cc::G => Cc::Le,
            Cc::Le => Cc::G,
            Cc::B => Cc::Ae,
            Cc::Ae => Cc::B,
            Cc::A => Cc::Be,
            Cc::Be => Cc::A,
            Cc::O => Cc::No,
            Cc::No => Cc::O,
        }
    }

    /// The condition with the operands swapped.
    fn swap(self) -> Cc {
        match self {
            Cc::L => Cc::G,
            Cc::G => Cc::L,
            Cc::Le => Cc::Ge,
            Cc::Ge => Cc::Le,
            Cc::B => Cc::A,
            Cc::A => Cc::B,
            Cc::Be => Cc::Ae,
            Cc::Ae => Cc::Be,
            other => other,
        }
    }

    fn of_cmp(op: IntCmpOp, signed: bool) -> Cc {
        match (op, signed) {
            (IntCmpOp::Eq, _) => Cc::E,
            (IntCmpOp::Ne, _) => Cc::Ne,
            (IntCmpOp::Lt, true) => Cc::L,
            (IntCmpOp::Le, true) => Cc::Le,
            (IntCmpOp::Gt, true) => Cc::G,
            (IntCmpOp::Ge, true) => Cc::Ge,
            (IntCmpOp::Lt, false) => Cc::B,
            (IntCmpOp::Le, false) => Cc::Be,
            (IntCmpOp::Gt, false) => Cc::A,
            (IntCmpOp::Ge, false) => Cc::Ae,
        }
    }
}

/// A boolean variable the next guard consumes without it being materialized.
#[derive(Clone, Copy)]
enum Fused {
    /// The flags hold it: true when the condition holds.
    Cc(u32, Cc),
    /// `class_is(object variable, in this register, this type info)`.
    Class(u32, u32, AsmRegister64, i64),
}

impl Fused {
    fn var(self) -> u32 {
        match self {
            Fused::Cc(v, _) | Fused::Class(v, _, _, _) => v,
        }
    }
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

/// An out-of-line exit.
enum Stub {
    /// A guard's exit: jump through the bridge slot, which goes on to the exit itself until
    /// a bridge is attached (and then straight into the bridge, which takes the guard's
    /// values where they are); the exit saves `saves` (a constant for a fused boolean, whose
    /// value a failure implies) and jumps through the target slot.
    Guard {
        label: CodeLabel,
        /// The bridge slot.
        bridge: CodeLabel,
        /// The exit after the bridge slot's jump.
        exit: CodeLabel,
        slot: CodeLabel,
        op: usize,
        saves: Vec<(u32, Result<Loc, u64>)>,
    },
    /// The slow path of a `new`: with the caller-saved registers that hold variables saved
    /// around it, call the GC's `allocate_inline_slow(info)`, put the object in `dst`, and go
    /// `back`.
    AllocSlow {
        label: CodeLabel,
        back: CodeLabel,
        info: u64,
        dst: AsmRegister64,
        gprs: Vec<AsmRegister64>,
        xmms: Vec<AsmRegisterXmm>,
    },
    /// An index out of bounds: the index (a register or a constant) and the array.
    OutOfBounds {
        label: CodeLabel,
        op: usize,
        index: Result<AsmRegister64, i64>,
        array: AsmRegister64,
    },
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
            slot,
            op,
            saves,
        } = stub
        {
            let at = label_ip(exit)?;
            exits.push(GuardExit {
                op: *op,
                jumps: result.branches_to(placed, label)?,
                target_slot: label_ip(slot)?,
                bridge_slot: label_ip(bridge)?,
                exit: at,
                held: held_vars(trace, *op, saves),
                error_word: trace.kinds.len(),
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
        epilogue: label_ip(&c.epilogue)?,
        code: result.code,
        cold_start: result.cold_start,
        crossings: result.crossings,
        exits,
        header: c.header,
        frame_end,
        invalidation_patches,
    })
}

/// [`GuardExit::held`] for the guard `op` of `trace`, whose exit saves `saves`.
fn held_vars(
    trace: &TraceLoop,
    op: usize,
    saves: &[(u32, Result<Loc, u64>)],
) -> Rc<[(u32, Kind, bool)]> {
    let virtuals = trace.ops[op].resume.iter().flat_map(|r| &r.virtuals);
    let mut held: Vec<(u32, Kind, bool)> = saves
        .iter()
        .map(|&(var, _)| (var, trace.kinds[var as usize], true))
        .chain(virtuals.map(|v| (v.var, Kind::Ref, false)))
        .collect();
    // A saved variable comes first among equals, and is kept.
    held.sort_unstable_by_key(|&(var, _, saved)| (var, !saved));
    held.dedup_by_key(|&mut (var, ..)| var);
    held.into()
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

    fn jcc(&mut self, cc: Cc, label: CodeLabel) -> R<()> {
        match cc {
            Cc::E => self.a.je(label),
            Cc::Ne => self.a.jne(label),
            Cc::L => self.a.jl(label),
            Cc::Le => self.a.jle(label),
            Cc::G => self.a.jg(label),
            Cc::Ge => self.a.jge(label),
            Cc::B => self.a.jb(label),
            Cc::Be => self.a.jbe(label),
            Cc::A => self.a.ja(label),
            Cc::Ae => self.a.jae(label),
            Cc::O => self.a.jo(label),
            Cc::No => self.a.jno(label),
        }
    }

    fn setcc(&mut self, cc: Cc, r: AsmRegister8) -> R<()> {
        match cc {
            Cc::E => self.a.sete(r),
            Cc::Ne => self.a.setne(r),
            Cc::L => self.a.setl(r),
            Cc::Le => self.a.setle(r),
            Cc::G => self.a.setg(r),
            Cc::Ge => self.a.setge(r),
            Cc::B => self.a.setb(r),
            Cc::Be => self.a.setbe(r),
            Cc::A => self.a.seta(r),
            Cc::Ae => self.a.setae(r),
            Cc::O => self.a.seto(r),
            Cc::No => self.a.setno(r),
        }
    }

    /// Defines `var` as the boolean of `cc` (flags set by the last instruction).
    fn define_cc(&mut self, var: u32, cc: Cc, pos: usize) -> R<()> {
        let rd = self.alloc_gpr(pos)?;
        self.setcc(cc, GPR8[rd as usize])?;
        self.a.movzx(GPR32[rd as usize], GPR8[rd as usize])?;
        self.define(var, Reg::Gpr(rd));
        Ok(())
    }

    /// Whether the boolean `var` defined at `pos` can be left for the next op (past any
    /// `debug_merge_point`, which emits nothing), a guard on it and its only reader (its
    /// resume data may read it: a failure tells its value).
    fn fusable(&self, var: u32, pos: usize) -> bool {
        let mut later = self.trace.ops[pos + 1..].iter();
        let next = later.find(|n| !matches!(n.kind, OpKind::DebugMergePoint(_)));
        next.is_some_and(|n| {
            matches!(n.kind, OpKind::GuardTrue | OpKind::GuardFalse) && n.args[0] == Arg::Var(var)
        }) && self.lon.use_count(var) == 1
    }

    /// Defines `var` as the boolean of `cc`, or leaves the flags for the next guard.
    fn define_or_fuse(&mut self, var: u32, cc: Cc, pos: usize) -> R<()> {
        if self.fusable(var, pos) {
            self.fused = Some(Fused::Cc(var, cc));
            Ok(())
        } else {
            self.define_cc(var, cc, pos)
        }
    }

    /// `cmp a, b` on words: the condition to use is `cc` (swapped if the operands were).
    fn compare(&mut self, a: Arg, b: Arg, cc: Cc) -> R<Cc> {
        let (a, b, cc) = if a.is_const() && !b.is_const() {
            (b, a, cc.swap())
        } else {
            (a, b, cc)
        };
        let sa = self.src(a, r11)?;
        let sa = match sa {
            Src::R(r) => r,
            Src::M(m) => {
                // Compare the slot directly against a register or immediate operand.
                let sb = self.src(b, r10)?;
                match sb {
                    Src::R(r) => self.a.cmp(mem(m), r)?,
                    Src::I(i) => self.a.cmp(mem(m), i)?,
                    Src::M(m2) => {
                        self.a.mov(r11, mem(m))?;
                        self.a.cmp(r11, mem(m2))?;
                    }
                }
                return Ok(cc);
            }
            Src::I(i) => {
                self.mov_imm(r11, i as i64)?;
                r11
            }
        };
        match self.src(b, r10)? {
            Src::R(r) => self.a.cmp(sa, r)?,
            Src::M(m) => self.a.cmp(sa, mem(m))?,
            Src::I(0) => self.a.test(sa, sa)?,
            Src::I(i) => self.a.cmp(sa, i)?,
        }
        Ok(cc)
    }

    /// Sets ZF if the word of `arg` is zero.
    fn test_zero(&mut self, arg: Arg) -> R<()> {
        match self.src(arg, r11)? {
            Src::R(r) => self.a.test(r, r),
            Src::M(m) => self.a.cmp(mem(m), 0),
            Src::I(i) => {
                self.mov_imm(r11, i as i64)?;
                self.a.test(r11, r11)
            }
        }
    }

    /// Truncates `r` to `width` and extends it back (`IntWidth::wrap`).
    fn wrap(&mut self, r: u8, width: IntWidth) -> R<()> {
        let r = r as usize;
        match (width.bytes, width.signed) {
            (8, _) => Ok(()),
            (4, true) => self.a.movsxd(GPR64[r], GPR32[r]),
            (4, false) => self.a.mov(GPR32[r], GPR32[r]),
            (2, true) => self.a.movsx(GPR64[r], GPR16[r]),
            (2, false) => self.a.movzx(GPR64[r], GPR16[r]),
            (_, true) => self.a.movsx(GPR64[r], GPR8[r]),
            (_, false) => self.a.movzx(GPR64[r], GPR8[r]),
        }
    }

    /// `op dst, src` for a two-address integer instruction.
    fn int_op(&mut self, op: IntBinOp, dst: AsmRegister64, src: Src) -> R<()> {
        macro_rules! emit {
            ($m:ident) => {
                match src {
                    Src::R(r) => self.a.$m(dst, r),
                    Src::M(m) => self.a.$m(dst, mem(m)),
                    Src::I(i) => self.a.$m(dst, i),
                }
            };
        }
        match op {
            IntBinOp::Add => emit!(add),
            IntBinOp::Sub => emit!(sub),
            IntBinOp::And => emit!(and),
            IntBinOp::Or => emit!(or),
            IntBinOp::Xor => emit!(xor),
            IntBinOp::Mul => match src {
                Src::R(r) => self.a.imul_2(dst, r),
                Src::M(m) => self.a.imul_2(dst, mem(m)),
                Src::I(i) => self.a.imul_3(dst, dst, i),
            },
        }
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

    /// An object operand in a register (constants through `scratch`), checked non-null.
    fn object(&mut self, arg: Arg, scratch: AsmRegister64, pos: usize) -> R<AsmRegister64> {
        let null = self.panic_label(false);
        match arg {
            Arg::Ref(Some(_)) => {}
            Arg::Ref(None) => self.a.jmp(null)?,
            Arg::Var(v) => {
                let r = self.gpr_of(arg, scratch, pos)?;
                if self.nonnull.insert(v) {
                    self.a.test(r, r)?;
                    self.a.je(null)?;
                }
                return Ok(r);
            }
            _ => unreachable!("an object operand is a reference"),
        }
        self.gpr_of(arg, scratch, pos)
    }

    /// Defines `var` as the value of `kind` at `m`.
    fn load_value(&mut self, var: u32, kind: ValueKind, m: AsmMemoryOperand, pos: usize) -> R<()> {
        if kind == ValueKind::Float {
            let xd = self.alloc_xmm(pos)?;
            self.a.movsd_2(XMM[xd as usize], m)?;
            self.define(var, Reg::Xmm(xd));
            return Ok(());
        }
        let rd = self.alloc_gpr(pos)?;
        let (r64, r32) = (GPR64[rd as usize], GPR32[rd as usize]);
        match kind {
            ValueKind::Int { bytes, signed } => match (bytes, signed) {
                (1, true) => self.a.movsx(r64, byte_ptr(m))?,
                (1, false) => self.a.movzx(r32, byte_ptr(m))?,
                (2, true) => self.a.movsx(r64, word_ptr(m))?,
                (2, false) => self.a.movzx(r32, word_ptr(m))?,
                (4, true) => self.a.movsxd(r64, dword_ptr(m))?,
                (4, false) => self.a.mov(r32, dword_ptr(m))?,
                _ => self.a.mov(r64, qword_ptr(m))?,
            },
            ValueKind::Bool => {
                self.a.cmp(byte_ptr(m), 0)?;
                self.a.setne(GPR8[rd as usize])?;
                self.a.movzx(r32, GPR8[rd as usize])?;
            }
            ValueKind::Ref => self.a.mov(r64, qword_ptr(m))?,
            ValueKind::Float | ValueKind::Opaque => {
                unreachable!("the builder rejects opaque fields")
            }
        }
        self.define(var, Reg::Gpr(rd));
        Ok(())
    }

    /// Stores `value` of `kind` at `m` (`r11` is free for it).
    fn store_value(
        &mut self,
        kind: ValueKind,
        m: AsmMemoryOperand,
        value: Arg,
        pos: usize,
    ) -> R<()> {
        if let (ValueKind::Float, Arg::Var(v)) = (kind, value) {
            if let Some(Reg::Xmm(x)) = self.regs.reg[v as usize] {
                return self.a.movsd_2(qword_ptr(m), XMM[x as usize]);
            }
        }
        let r = match value {
            Arg::Var(v) if !self.regs.is_float(v) => self.gpr_of(value, r11, pos)?,
            _ => {
                self.mov_src(r11, value)?;
                r11
            }
        };
        let i = GPR64.iter().position(|g| *g == r);
        let (w32, w16, w8) = match i {
            Some(i) => (GPR32[i], GPR16[i], GPR8[i]),
            None => (r11d, r11w, r11b),
        };
        match kind {
            ValueKind::Int { bytes: 1, .. } => self.a.mov(byte_ptr(m), w8),
            ValueKind::Int { bytes: 2, .. } => self.a.mov(word_ptr(m), w16),
            ValueKind::Int { bytes: 4, .. } => self.a.mov(dword_ptr(m), w32),
            ValueKind::Bool => {
                // `r` is an allocated register or r11 (the address may use r10).
                self.a.test(r, r)?;
                self.a.setne(r11b)?;
                self.a.mov(byte_ptr(m), r11b)
            }
            ValueKind::Opaque => unreachable!("the builder rejects opaque fields"),
            _ => self.a.mov(qword_ptr(m), r),
        }
    }

    /// Calls `target` (SysV, one word per argument, `ShimRet` in `rax:rdx`), forcing
    /// `forces` (argument index, token offset) first. Values still needed after the call are
    /// saved from caller-saved registers to their slots first; the arguments are then moved
    /// into place from wherever they are. The result is in `rax:rdx`; no caller-saved
    /// register holds a variable afterwards.
    fn call(
        &mut self,
        pos: usize,
        target: u64,
        args: &[CallArg],
        forces: &[(usize, usize)],
    ) -> R<()> {
        let caller_saved = Self::caller_saved();
        for &reg in &caller_saved {
            if let Some(var) = self.regs.owner(reg) {
                let is_arg = args
                    .iter()
                    .any(|a| matches!(a, CallArg::Arg(Arg::Var(v)) if *v == var));
                // With forces, helper calls clobber the registers before the arguments load.
                if !self.lon.dead_after(var, pos) || (is_arg && !forces.is_empty()) {
                    self.store(var)?;
                }
            }
        }
        if !forces.is_empty() {
            self.release_all(&caller_saved);
        }
        self.force_args(args, forces)?;
        let on_stack = args.len().saturating_sub(ARG_GPRS.len());
        if on_stack % 2 == 1 {
            self.a.sub(rsp, 8)?;
        }
        for arg in args[ARG_GPRS.len().min(args.len())..].iter().rev() {
            match arg {
                CallArg::Arg(arg) => self.load_word(r11, *arg)?,
                CallArg::Word(w) => self.mov_imm(r11, *w as i64)?,
            }
            self.a.push(r11)?;
        }
        let mut moves = Vec::new();
        for (i, arg) in args.iter().enumerate().take(ARG_GPRS.len()) {
            let dst = Loc::Reg(Reg::Gpr(ARG_GPRS[i]));
            let src = match arg {
                CallArg::Arg(Arg::Var(v)) => Move::From(self.loc(*v)),
                CallArg::Arg(constant) => Move::Const(const_word(*constant)),
                CallArg::Word(w) => Move::Const(*w),
            };
            if src != Move::From(dst) {
                moves.push((dst, src));
            }
        }
        self.parallel_move(moves)?;
        self.release_all(&caller_saved);
        self.mov_imm(rax, target as i64)?;
        self.a.call(rax)?;
        if on_stack > 0 {
            self.a.add(rsp, (on_stack.div_ceil(2) * 16) as i32)?;
        }
        Ok(())
    }

    /// The caller-saved registers, general-purpose and XMM.
    fn caller_saved() -> Vec<Reg> {
        CALLER_SAVED
            .iter()
            .map(|&r| Reg::Gpr(r))
            .chain((0..NUM_XMMS as u8).map(Reg::Xmm))
            .collect()
    }

    /// Forces the virtualizable arguments `forces` (`(argument, token offset)`) of a call
    /// with arguments `args`, before it: clobbers the caller-saved registers.
    fn force_args(&mut self, args: &[CallArg], forces: &[(usize, usize)]) -> R<()> {
        for &(index, token_offset) in forces {
            let CallArg::Arg(arg) = args[index] else {
                continue;
            };
            let mut skip = self.a.create_label();
            self.load_word(rdi, arg)?;
            self.a.test(rdi, rdi)?;
            self.a.je(skip)?;
            self.mov_imm(rsi, token_offset as i64)?;
            self.mov_imm(rax, helpers::force as *const () as i64)?;
            self.a.call(rax)?;
            self.place(&mut skip)?;
            self.a.zero_bytes()?;
        }
        Ok(())
    }

    /// Takes every variable out of `regs` (their values are dead or in their slots).
    fn release_all(&mut self, regs: &[Reg]) {
        for &reg in regs {
            if let Some(var) = self.regs.owner(reg) {
                self.regs.release(var);
            }
        }
    }

    /// `dst = the word of arg`, from wherever it is (after a call's spills).
    fn load_word(&mut self, dst: AsmRegister64, arg: Arg) -> R<()> {
        match arg {
            Arg::Var(v) => match self.loc(v) {
                Loc::Reg(Reg::Gpr(r)) => self.a.mov(dst, GPR64[r as usize]),
                Loc::Reg(Reg::Xmm(x)) => self.a.movq(dst, XMM[x as usize]),
                Loc::Slot(s) => self.a.mov(dst, mem(s)),
            },
            _ => self.mov_imm(dst, const_word(arg) as i64),
        }
    }

    /// Defines `var` as the word a call returned in `rax`.
    fn define_rax(&mut self, var: u32, pos: usize) -> R<()> {
        if self.regs.is_float(var) {
            let xd = self.alloc_xmm(pos)?;
            self.a.movq(XMM[xd as usize], rax)?;
            self.define(var, Reg::Xmm(xd));
        } else {
            self.regs.lock(Reg::Gpr(0));
            self.define(var, Reg::Gpr(0));
        }
        Ok(())
    }

    /// The helper call of an op: result in `rax`, `rdx` its error word.
    fn helper(&mut self, pos: usize, f: u64, args: &[CallArg], result: Option<u32>) -> R<()> {
        self.call(pos, f, args, &[])?;
        if let Some(var) = result {
            self.define_rax(var, pos)?;
        }
        Ok(())
    }

    /// A guard's exit stub, recording the locations of its live variables now (`known`: a
    /// fused boolean not in any location, and its value when the guard fails): the label
    /// the guard's failing jumps go to.
    fn guard_exit(&mut self, pos: usize, known: Option<(u32, u64)>) -> R<CodeLabel> {
        let saves = resume_vars(&self.trace.ops[pos])
            .into_iter()
            .map(|v| match known {
                Some((k, value)) if k == v => (v, Err(value)),
                _ => (v, Ok(self.loc(v))),
            })
            .collect();
        let label = self.a.create_label();
        let slot = self.a.create_label();
        self.stubs.push(Stub::Guard {
            label,
            bridge: self.a.create_label(),
            exit: self.a.create_label(),
            slot,
            op: pos,
            saves,
        });
        Ok(label)
    }

    // ---- entry, ops, exits ----

    /// The trace's entry: the loop's prologue and input loads, or a bridge's frame extension
    /// and input loads. The loop's header (where its inputs are at its start).
    fn entry(&mut self, target: &Target) -> R<Vec<Option<Loc>>> {
        match target {
            Target::Loop => {
                self.a.push(rbp)?;
                self.a.mov(rbp, rsp)?;
                for r in [rbx, r12, r13, r14, r15] {
                    self.a.push(r)?;
                }
                self.a.lea(rsp, mem(-self.frame_end))?;
                self.a.mov(mem(EXIT_CELL), rdi)?;
                self.a.mov(mem(ERROR_SLOT), 0)?;
                self.a.mov(r11, qword_ptr(rdi))?;
                let mut header = Vec::new();
                let inputs = self.trace.inputs.clone();
                for (i, &var) in inputs.iter().enumerate() {
                    let from = qword_ptr(r11 + 8 * i as i32);
                    if self.lon.use_count(var) == 0 {
                        header.push(None);
                        continue;
                    }
                    let float = self.regs.is_float(var);
                    let (reg, victim) = self.regs.choose(float, 0, &self.lon);
                    let loc = if victim.is_none() {
                        match reg {
                            Reg::Gpr(r) => self.a.mov(GPR64[r as usize], from)?,
                            Reg::Xmm(x) => self.a.movsd_2(XMM[x as usize], from)?,
                        }
                        self.define(var, reg);
                        Loc::Reg(reg)
                    } else {
                        let slot = self.slot(var);
                        self.a.mov(r10, from)?;
                        self.a.mov(mem(slot), r10)?;
                        self.regs.in_slot[var as usize] = true;
                        Loc::Slot(slot)
                    };
                    header.push(Some(loc));
                }
                Ok(header)
            }
            Target::Bridge {
                inputs,
                origin_locs,
                ..
            } => {
                self.a.lea(rsp, mem(-self.frame_end))?;
                self.a.mov(mem(ERROR_SLOT), 0)?;
                // Each input stays in the register the guard left it in; one in the origin's
                // frame (or a constant) goes to its own slot.
                let own = self.trace.inputs.clone();
                for (&var, &from) in own.iter().zip(inputs.iter()) {
                    if self.lon.use_count(var) == 0 {
                        continue;
                    }
                    let loc = origin_locs
                        .iter()
                        .find(|(v, _)| *v == from)
                        .map(|(_, loc)| *loc)
                        .unwrap_or_else(|| panic!("jitgen-x86: the guard does not save v{from}"));
                    match loc {
                        Ok(Loc::Reg(reg)) if self.regs.owner(reg).is_none() => {
                            self.define(var, reg);
                            continue;
                        }
                        Ok(Loc::Reg(Reg::Gpr(r))) => self.a.mov(r10, GPR64[r as usize])?,
                        Ok(Loc::Reg(Reg::Xmm(x))) => self.a.movq(r10, XMM[x as usize])?,
                        Ok(Loc::Slot(s)) => self.a.mov(r10, mem(s))?,
                        Err(value) => self.mov_imm(r10, value as i64)?,
                    }
                    let slot = self.slot(var);
                    self.a.mov(mem(slot), r10)?;
                    self.regs.in_slot[var as usize] = true;
                }
                Ok(Vec::new())
            }
        }
    }

    fn op(&mut self, pos: usize, target: &Target) -> R<()> {
        let op = &self.trace.ops[pos];
        let args = op.args.clone();
        let a = |i: usize| args[i];
        let result = op.result;
        match &op.kind {
            OpKind::IntBin(o) => {
                let s = self.src(a(1), r10)?;
                let rd = self.dst_gpr(a(0), Some(a(1)), pos)?;
                self.int_op(*o, GPR64[rd as usize], s)?;
                self.define(result.unwrap(), Reg::Gpr(rd));
            }
            OpKind::IntCmp { op: o, signed } => {
                let cc = self.compare(a(0), a(1), Cc::of_cmp(*o, *signed))?;
                self.define_or_fuse(result.unwrap(), cc, pos)?;
            }
            OpKind::Shift { op: o, width } => {
                let bits = 8 * width.bytes as u32;
                let rd = match a(1) {
                    Arg::Var(_) => {
                        if let Some(var) = self.regs.owner(Reg::Gpr(RCX)) {
                            self.spill(var)?;
                        }
                        self.regs.lock(Reg::Gpr(RCX));
                        self.mov_src(rcx, a(1))?;
                        if bits < 64 {
                            self.a.and(ecx, (bits - 1) as i32)?;
                        }
                        let rd = self.dst_gpr(a(0), Some(a(1)), pos)?;
                        let r = GPR64[rd as usize];
                        match (o, width.signed) {
                            (ShiftOp::Shl, _) => self.a.shl(r, cl)?,
                            (ShiftOp::Shr, true) => self.a.sar(r, cl)?,
                            (ShiftOp::Shr, false) => self.a.shr(r, cl)?,
                        }
                        rd
                    }
                    amount => {
                        let n = (const_word(amount) as u32 & (bits - 1)) as i32;
                        let rd = self.dst_gpr(a(0), None, pos)?;
                        let r = GPR64[rd as usize];
                        match (o, width.signed) {
                            (ShiftOp::Shl, _) => self.a.shl(r, n)?,
                            (ShiftOp::Shr, true) => self.a.sar(r, n)?,
                            (ShiftOp::Shr, false) => self.a.shr(r, n)?,
                        }
                        rd
                    }
                };
                if *o == ShiftOp::Shl {
                    self.wrap(rd, *width)?;
                }
                self.define(result.unwrap(), Reg::Gpr(rd));
            }
            OpKind::IntUn { not, width } => {
                let rd = self.dst_gpr(a(0), None, pos)?;
                if *not {
                    self.a.not(GPR64[rd as usize])?;
                } else {
                    self.a.neg(GPR64[rd as usize])?;
                }
                self.wrap(rd, *width)?;
                self.define(result.unwrap(), Reg::Gpr(rd));
            }
            OpKind::BoolNot => {
                self.test_zero(a(0))?;
                self.define_or_fuse(result.unwrap(), Cc::E, pos)?;
            }
            OpKind::IntCast(width) => {
                let rd = self.dst_gpr(a(0), None, pos)?;
                self.wrap(rd, *width)?;
                self.define(result.unwrap(), Reg::Gpr(rd));
            }
            OpKind::IntDiv { op: o, width } if matches!(a(1), Arg::Int(d) if d != 0 && d != -1) => {
                // A divisor that can neither be zero nor overflow: inline, in rax:rdx.
                let Arg::Int(divisor) = a(1) else {
                    unreachable!()
                };
                for r in [0, 2] {
                    self.regs.lock(Reg::Gpr(r));
                    if let Some(var) = self.regs.owner(Reg::Gpr(r)) {
                        if !self.lon.dead_after(var, pos) {
                            self.store(var)?;
                        }
                    }
                }
                self.mov_src(rax, a(0))?;
                self.release_all(&[Reg::Gpr(0), Reg::Gpr(2)]);
                if *width == IntWidth::I64 && divisor >= 2 {
                    // Multiply by the divisor's magic number instead of `idiv` (tens of
                    // cycles): the quotient ends in rdx, the remainder in rax.
                    let (magic, shift) = magic_signed(divisor);
                    self.a.mov(r10, rax)?;
                    self.a.mov(r11, magic)?;
                    self.a.imul(r11)?;
                    if magic < 0 {
                        self.a.add(rdx, r10)?;
                    }
                    if shift > 0 {
                        self.a.sar(rdx, shift as u32)?;
                    }
                    self.a.mov(r11, r10)?;
                    self.a.shr(r11, 63u32)?;
                    self.a.add(rdx, r11)?;
                    let quotient = matches!(o, jitgen_core::jitcode::DivOp::Div);
                    if !quotient {
                        self.mov_imm(r11, divisor)?;
                        self.a.imul_2(r11, rdx)?;
                        self.a.mov(rax, r10)?;
                        self.a.sub(rax, r11)?;
                    }
                    self.define(result.unwrap(), Reg::Gpr(if quotient { 2 } else { 0 }));
                    return Ok(());
                }
                self.mov_imm(r11, divisor)?;
                if width.signed {
                    self.a.cqo()?;
                    self.a.idiv(r11)?;
                } else {
                    self.a.xor(edx, edx)?;
                    self.a.div(r11)?;
                }
                let quotient = matches!(o, jitgen_core::jitcode::DivOp::Div);
                self.define(result.unwrap(), Reg::Gpr(if quotient { 0 } else { 2 }));
            }
            OpKind::IntDiv { op: o, width } => {
                let spec = helpers::spec(helpers::div_code(*o), *width);
                let f = helpers::divide as *const () as u64;
                let call_args = [CallArg::Arg(a(0)), CallArg::Arg(a(1)), CallArg::Word(spec)];
                self.helper(pos, f, &call_args, result)?;
                let panic = self.panic_label(true);
                self.a.test(rdx, rdx)?;
                self.a.jne(panic)?;
            }
            OpKind::IntOvf { op: o, width } => {
                if *width == IntWidth::I64 {
                    let s = self.src(a(1), r10)?;
                    let rd = self.dst_gpr(a(0), Some(a(1)), pos)?;
                    let r = GPR64[rd as usize];
                    let bin = match o {
                        OvfOp::Add => IntBinOp::Add,
                        OvfOp::Sub => IntBinOp::Sub,
                        OvfOp::Mul => IntBinOp::Mul,
                    };
                    self.int_op(bin, r, s)?;
                    // The result is 0 on overflow (as the reference backend's); moves keep
                    // the flags for the overflow guard.
                    self.a.mov(r11d, 0u32)?;
                    self.a.cmovo(r, r11)?;
                    self.ovf_cond = Cc::O;
                    self.define(result.unwrap(), Reg::Gpr(rd));
                } else {
                    let spec = helpers::spec(helpers::ovf_code(*o), *width);
                    let f = helpers::checked as *const () as u64;
                    let call_args = [CallArg::Arg(a(0)), CallArg::Arg(a(1)), CallArg::Word(spec)];
                    self.helper(pos, f, &call_args, result)?;
                    self.a.test(rdx, rdx)?;
                    self.ovf_cond = Cc::Ne;
                }
            }
            OpKind::FloatBin(FloatBinOp::Rem) => {
                let f = helpers::float_rem as *const () as u64;
                self.helper(pos, f, &[CallArg::Arg(a(0)), CallArg::Arg(a(1))], result)?;
            }
            OpKind::FloatBin(o) => {
                let s = self.fsrc(a(1))?;
                let xi = self.dst_xmm(a(0), Some(a(1)), pos)?;
                let xd = XMM[xi as usize];
                macro_rules! emit {
                    ($m:ident) => {
                        match s {
                            FSrc::X(x) => self.a.$m(xd, x)?,
                            FSrc::M(m) => self.a.$m(xd, mem(m))?,
                        }
                    };
                }
                match o {
                    FloatBinOp::Add => emit!(addsd),
                    FloatBinOp::Sub => emit!(subsd),
                    FloatBinOp::Mul => emit!(mulsd),
                    FloatBinOp::Div => emit!(divsd),
                    FloatBinOp::Rem => unreachable!("a helper call"),
                }
                self.define(result.unwrap(), Reg::Xmm(xi));
            }
            OpKind::FloatCmp(o) => {
                // `ucomisd x, y` then "above" / "above or equal": false when unordered.
                let (x, y, cc) = match o {
                    FloatCmpOp::Lt => (a(1), a(0), Cc::A),
                    FloatCmpOp::Le => (a(1), a(0), Cc::Ae),
                    FloatCmpOp::Gt => (a(0), a(1), Cc::A),
                    FloatCmpOp::Ge => (a(0), a(1), Cc::Ae),
                    FloatCmpOp::Eq | FloatCmpOp::Ne => (a(0), a(1), Cc::E),
                };
                let xr = match x {
                    Arg::Var(v) => match self.load(v, pos)? {
                        Reg::Xmm(r) => XMM[r as usize],
                        Reg::Gpr(_) => unreachable!(),
                    },
                    _ => {
                        let t = self.alloc_xmm(pos)?;
                        self.mov_imm(r11, const_word(x) as i64)?;
                        self.a.movq(XMM[t as usize], r11)?;
                        XMM[t as usize]
                    }
                };
                match self.fsrc(y)? {
                    FSrc::X(yr) => self.a.ucomisd(xr, yr)?,
                    FSrc::M(m) => self.a.ucomisd(xr, mem(m))?,
                }
                let rd = self.alloc_gpr(pos)?;
                let b8 = GPR8[rd as usize];
                match o {
                    FloatCmpOp::Eq => {
                        self.a.sete(b8)?;
                        self.a.setnp(r11b)?;
                        self.a.and(b8, r11b)?;
                    }
                    FloatCmpOp::Ne => {
                        self.a.setne(b8)?;
                        self.a.setp(r11b)?;
                        self.a.or(b8, r11b)?;
                    }
                    _ => self.setcc(cc, b8)?,
                }
                self.a.movzx(GPR32[rd as usize], b8)?;
                self.define(result.unwrap(), Reg::Gpr(rd));
            }
            OpKind::FloatUn(o) => {
                let xd = self.dst_xmm(a(0), None, pos)?;
                let x = XMM[xd as usize];
                // The sign bit flipped or cleared through a mask.
                let mut masked = |mask: u64| -> R<()> {
                    self.mov_imm(r11, mask as i64)?;
                    self.a.movq(xmm15, r11)?;
                    Ok(())
                };
                match o {
                    FloatUnOp::Neg => {
                        masked(1 << 63)?;
                        self.a.xorpd(x, xmm15)?
                    }
                    FloatUnOp::Abs => {
                        masked(!(1 << 63))?;
                        self.a.andpd(x, xmm15)?
                    }
                    FloatUnOp::Sqrt => self.a.sqrtsd(x, x)?,
                }
                self.define(result.unwrap(), Reg::Xmm(xd));
            }
            OpKind::IntToFloat(width) => {
                if !width.signed {
                    // `x as u64 as f64` of the whole word (`eval::int_to_float`).
                    let f = helpers::u64_to_float as *const () as u64;
                    self.helper(pos, f, &[CallArg::Arg(a(0))], result)?;
                } else {
                    // `x as f64` of the signed word.
                    let s = self.src(a(0), r11)?;
                    let xd = self.alloc_xmm(pos)?;
                    let x = XMM[xd as usize];
                    self.a.xorpd(x, x)?;
                    match s {
                        Src::R(r) => self.a.cvtsi2sd(x, r)?,
                        Src::M(m) => self.a.cvtsi2sd(x, mem(m))?,
                        Src::I(i) => {
                            self.mov_imm(r11, i as i64)?;
                            self.a.cvtsi2sd(x, r11)?;
                        }
                    }
                    self.define(result.unwrap(), Reg::Xmm(xd));
                }
            }
            OpKind::FloatToInt(width) => {
                let spec = helpers::spec(0, *width);
                let f = helpers::float_to_int as *const () as u64;
                self.helper(pos, f, &[CallArg::Arg(a(0)), CallArg::Word(spec)], result)?;
            }
            OpKind::PtrEq { negate } => {
                let cc = self.compare(a(0), a(1), if *negate { Cc::Ne } else { Cc::E })?;
                self.define_or_fuse(result.unwrap(), cc, pos)?;
            }
            OpKind::IsNull => {
                self.test_zero(a(0))?;
                self.define_or_fuse(result.unwrap(), Cc::E, pos)?;
            }
            OpKind::ClassIs(info) => {
                let var = result.unwrap();
                let info_addr = *info as *const _ as usize as i64;
                match a(0) {
                    Arg::Var(object) if self.fusable(var, pos) => {
                        let ro = self.gpr_of(a(0), r10, pos)?;
                        self.fused = Some(Fused::Class(var, object, ro, info_addr));
                    }
                    Arg::Var(_) => {
                        let ro = self.gpr_of(a(0), r10, pos)?;
                        let rd = self.alloc_gpr(pos)?;
                        let mut done = self.a.create_label();
                        self.a.xor(GPR32[rd as usize], GPR32[rd as usize])?;
                        self.a.test(ro, ro)?;
                        self.a.je(done)?;
                        self.mov_imm(r11, info_addr)?;
                        self.a.cmp(qword_ptr(ro - 8), r11)?;
                        self.a.sete(GPR8[rd as usize])?;
                        self.place(&mut done)?;
                        self.a.zero_bytes()?;
                        self.define(var, Reg::Gpr(rd));
                    }
                    constant => {
                        let is = match constant {
                            Arg::Ref(Some(r)) => std::ptr::eq(r.type_info(), *info),
                            _ => false,
                        };
                        let rd = self.alloc_gpr(pos)?;
                        self.a.mov(GPR64[rd as usize], is as i64)?;
                        self.define(var, Reg::Gpr(rd));
                    }
                }
            }
            OpKind::GetField(field) => {
                let ro = self.object(a(0), r10, pos)?;
                let m = ro + field.descr.offset as i32;
                self.load_value(result.unwrap(), field.descr.kind, m, pos)?;
            }
            OpKind::SetField(field) => {
                let ro = self.object(a(0), r10, pos)?;
                let m = ro + field.descr.offset as i32;
                self.store_value(field.descr.kind, m, a(1), pos)?;
            }
            OpKind::ArrayLen => {
                let ro = self.object(a(0), r10, pos)?;
                let rd = self.alloc_gpr(pos)?;
                self.a.mov(GPR64[rd as usize], qword_ptr(ro))?;
                self.define(result.unwrap(), Reg::Gpr(rd));
            }
            OpKind::GetArrayItem(descr, check) => {
                let m = self.item(pos, a(0), a(1), descr.item_size, *check)?;
                self.load_value(result.unwrap(), descr.item_kind, m, pos)?;
            }
            OpKind::SetArrayItem(descr, check) => {
                let m = self.item(pos, a(0), a(1), descr.item_size, *check)?;
                self.store_value(descr.item_kind, m, a(2), pos)?;
            }
            OpKind::Call(descr) => self.residual_call(pos, descr, &args, result)?,
            OpKind::CallAssembler(call) => self.call_assembler(pos, call, &args, result)?,
            OpKind::New(info) => self.new_object(pos, info, &args, result.unwrap())?,
            // The collector needs no barrier (checked below `NEEDS_WRITE_BARRIER`).
            OpKind::WriteBarrier => {}
            OpKind::DebugMergePoint(_) => {}
            OpKind::GuardTrue | OpKind::GuardFalse => {
                let want = matches!(op.kind, OpKind::GuardTrue);
                let fused = self.fused.take().filter(|f| a(0) == Arg::Var(f.var()));
                // A fused boolean's value when the guard fails.
                let known = fused.map(|f| (f.var(), !want as u64));
                match fused {
                    Some(Fused::Cc(_, cc)) => {
                        let fail = if want { cc.negate() } else { cc };
                        let stub = self.guard_exit(pos, known)?;
                        self.jcc(fail, stub)?;
                    }
                    Some(Fused::Class(_, object, ro, info_addr)) => {
                        if want {
                            // Past the guard, the object is not null.
                            self.nonnull.insert(object);
                        }
                        // Fails when (non-null and of the class) != want.
                        let stub = self.guard_exit(pos, known)?;
                        let mut pass = self.a.create_label();
                        self.a.test(ro, ro)?;
                        self.a.je(if want { stub } else { pass })?;
                        self.mov_imm(r11, info_addr)?;
                        self.a.cmp(qword_ptr(ro - 8), r11)?;
                        self.jcc(if want { Cc::Ne } else { Cc::E }, stub)?;
                        self.place(&mut pass)?;
                        self.a.zero_bytes()?;
                    }
                    None => {
                        self.test_zero(a(0))?;
                        let stub = self.guard_exit(pos, None)?;
                        self.jcc(if want { Cc::E } else { Cc::Ne }, stub)?;
                    }
                }
            }
            OpKind::GuardValue => {
                let cc = self.compare(a(0), a(1), Cc::E)?;
                let stub = self.guard_exit(pos, None)?;
                self.jcc(cc.negate(), stub)?;
            }
            OpKind::GuardNotInvalidated => {
                // Nothing to run while the code is valid: a 5-byte no-op, which invalidation
                // patches into a jump to the guard's exit.
                self.guard_exit(pos, None)?;
                let mut site = self.a.create_label();
                self.place(&mut site)?;
                self.a.db(&NOP5)?;
                self.invalidation_sites.push((site, pos));
            }
            OpKind::GuardNoOverflow | OpKind::GuardOverflow => {
                let stub = self.guard_exit(pos, None)?;
                let cc = self.ovf_cond;
                let no = matches!(op.kind, OpKind::GuardNoOverflow);
                self.jcc(if no { cc } else { cc.negate() }, stub)?;
            }
            OpKind::GuardNoError => {
                self.a.cmp(mem(ERROR_SLOT), 0)?;
                let stub = self.guard_exit(pos, None)?;
                self.jcc(Cc::Ne, stub)?;
            }
            OpKind::GuardError => {
                self.a.cmp(mem(ERROR_SLOT), 0)?;
                let stub = self.guard_exit(pos, None)?;
                self.jcc(Cc::E, stub)?;
                let rd = self.alloc_gpr(pos)?;
                self.a.mov(GPR64[rd as usize], mem(ERROR_SLOT))?;
                self.a.mov(mem(ERROR_SLOT), 0)?;
                self.define(result.unwrap(), Reg::Gpr(rd));
            }
            OpKind::Exit => {
                let stub = self.guard_exit(pos, None)?;
                self.a.jmp(stub)?;
            }
            OpKind::Finish { error } => {
                // The outcome's word in the exit buffer's first word; the exit kind says
                // which outcome (a `call_assembler` reads it without returning to Rust).
                self.load_word(r10, a(0))?;
                self.a.mov(r11, mem(EXIT_CELL))?;
                self.a.mov(r11, qword_ptr(r11))?;
                self.a.mov(qword_ptr(r11), r10)?;
                let kind = if *error {
                    ExitKind::FinishErr
                } else {
                    ExitKind::Finish
                };
                self.a.mov(rax, exit_code(kind, self.trace_no, pos))?;
                self.a.jmp(self.epilogue)?;
            }
            OpKind::SameAs => {
                let var = result.unwrap();
                if self.regs.is_float(var) {
                    let xd = self.dst_xmm(a(0), None, pos)?;
                    self.define(var, Reg::Xmm(xd));
                } else {
                    let rd = self.dst_gpr(a(0), None, pos)?;
                    self.define(var, Reg::Gpr(rd));
                }
            }
            OpKind::Label => self.label(pos, &args)?,
            OpKind::Jump => self.jump(&args, target)?,
        }
        Ok(())
    }

    /// The address of item `index` of `array`, bounds-checked unless `check` says the index
    /// was proven in bounds (an exit panics like `item_addr`).
    fn item(
        &mut self,
        pos: usize,
        array: Arg,
        index: Arg,
        size: usize,
        check: IndexCheck,
    ) -> R<AsmMemoryOperand> {
        let ra = self.object(array, r10, pos)?;
        let label = self.a.create_label();
        let base = jitgen_core::gc::ARRAY_ITEMS_OFFSET as i32;
        let m = match index {
            Arg::Var(_) if check == IndexCheck::Proven => {
                let ri = self.gpr_of(index, r11, pos)?;
                ra + ri * size as u32 + base
            }
            Arg::Var(_) => {
                let ri = self.gpr_of(index, r11, pos)?;
                self.a.cmp(ri, qword_ptr(ra))?;
                self.a.jae(label)?;
                self.stubs.push(Stub::OutOfBounds {
                    label,
                    op: pos,
                    index: Ok(ri),
                    array: ra,
                });
                ra + ri * size as u32 + base
            }
            constant => {
                let i = const_word(constant) as i64;
                let m = match i32::try_from(i.checked_mul(size as i64).unwrap_or(-1)) {
                    Ok(offset) if i >= 0 && offset < i32::MAX - base => {
                        self.a.cmp(qword_ptr(ra), i as i32)?;
                        self.a.jbe(label)?;
                        ra + (offset + base)
                    }
                    _ => {
                        self.a.jmp(label)?;
                        ra + base
                    }
                };
                self.stubs.push(Stub::OutOfBounds {
                    label,
                    op: pos,
                    index: Err(i),
                    array: ra,
                });
                m
            }
        };
        Ok(m)
    }

    /// `new`: bump allocation from the GC's run for the type's size class (the slow path
    /// out of line), then the fields' stores.
    fn new_object(&mut self, pos: usize, info: &'static TypeInfo, args: &[Arg], var: u32) -> R<()> {
        let plan = gc::inline_alloc(info).expect("`new` makes objects of a size class");
        let info_addr = info as *const TypeInfo as u64;
        let rd = self.alloc_gpr(pos)?;
        let dst = GPR64[rd as usize];
        let (slow, mut back) = (self.a.create_label(), self.a.create_label());
        self.mov_imm(r11, plan.run as i64)?;
        self.a.mov(dst, qword_ptr(r11))?;
        self.a.lea(r10, qword_ptr(dst + plan.slot_size as i32))?;
        self.a.cmp(r10, qword_ptr(r11 + 8))?;
        self.a.ja(slow)?;
        self.a.mov(qword_ptr(r11), r10)?;
        self.mov_imm(r10, info_addr as i64)?;
        self.a.mov(qword_ptr(dst), r10)?;
        self.a.add(dst, gc::HEADER_SIZE as i32)?;
        self.place(&mut back)?;
        self.a.zero_bytes()?;
        let mut gprs = Vec::new();
        for &r in &CALLER_SAVED {
            if r != rd && self.regs.owner(Reg::Gpr(r)).is_some() {
                gprs.push(GPR64[r as usize]);
            }
        }
        let xmms = (0..NUM_XMMS as u8)
            .filter(|&x| self.regs.owner(Reg::Xmm(x)).is_some())
            .map(|x| XMM[x as usize])
            .collect();
        self.stubs.push(Stub::AllocSlow {
            label: slow,
            back,
            info: info_addr,
            dst,
            gprs,
            xmms,
        });
        self.define(var, Reg::Gpr(rd));
        self.nonnull.insert(var);
        for (field, value) in info.fields.iter().zip(args) {
            self.store_value(field.kind, dst + field.offset as i32, *value, pos)?;
        }
        Ok(())
    }

    /// `call_assembler`: the helper, with the call and the operands as words (unused ones
    /// 0), forcing what the runner's call forces.
    fn call_assembler(
        &mut self,
        pos: usize,
        call: &AssemblerCall,
        args: &[Arg],
        result: Option<u32>,
    ) -> R<()> {
        let mut call_args = vec![CallArg::Word(call as *const AssemblerCall as u64)];
        call_args.extend(args.iter().map(|a| CallArg::Arg(*a)));
        call_args.resize(1 + assembler::MAX_OPERANDS, CallArg::Word(0));
        let forces: Vec<(usize, usize)> = call
            .call
            .forces
            .iter()
            .map(|f| (f.arg + 1, f.token_offset))
            .collect();
        // Every value in a caller-saved register goes to its slot (the arguments too) and
        // the registers are free: both paths below clobber them before their last use.
        let caller_saved = Self::caller_saved();
        for &reg in &caller_saved {
            if let Some(var) = self.regs.owner(reg) {
                let is_arg = args.contains(&Arg::Var(var));
                if !self.lon.dead_after(var, pos) || is_arg {
                    self.store(var)?;
                }
            }
        }
        self.release_all(&caller_saved);
        self.force_args(&call_args, &forces)?;
        let mut helper_path = self.a.create_label();
        let mut done = self.a.create_label();
        // The entry's machine code, if it has some compiled code may call: called with the
        // reds in the exit buffer, as the runner's entry glue would run it.
        self.mov_imm(rax, call.token.native_entry() as i64)?;
        self.a.mov(rax, qword_ptr(rax))?;
        self.a.test(rax, rax)?;
        self.a.je(helper_path)?;
        self.a.mov(r11, mem(EXIT_CELL))?;
        self.a.mov(r11, qword_ptr(r11))?;
        for (i, &operand) in call.reds.iter().enumerate() {
            self.load_word(r10, args[operand])?;
            self.a.mov(qword_ptr(r11 + 8 * i as i32), r10)?;
        }
        self.a.mov(rdi, mem(EXIT_CELL))?;
        self.a.call(rax)?;
        // `rax`: the exit code. A `finish` left its outcome in the buffer's first word (the
        // buffer may have moved meanwhile: read through the cell again).
        let mut not_finish = self.a.create_label();
        let mut other_exit = self.a.create_label();
        self.a.mov(rdx, rax)?;
        self.a.shr(rdx, KIND_SHIFT)?;
        self.a.mov(r11, mem(EXIT_CELL))?;
        self.a.mov(r11, qword_ptr(r11))?;
        self.a.cmp(rdx, ExitKind::Finish as i32)?;
        self.a.jne(not_finish)?;
        self.a.mov(rax, qword_ptr(r11))?;
        self.a.xor(edx, edx)?;
        self.a.jmp(done)?;
        self.place(&mut not_finish)?;
        self.a.cmp(rdx, ExitKind::FinishErr as i32)?;
        self.a.jne(other_exit)?;
        self.a.mov(rdx, qword_ptr(r11))?;
        self.a.xor(eax, eax)?;
        self.a.jmp(done)?;
        // Any other exit: the call goes on in Rust from there.
        self.place(&mut other_exit)?;
        self.a.mov(rsi, rax)?;
        self.mov_imm(rdi, call as *const AssemblerCall as i64)?;
        self.mov_imm(rax, assembler::call_assembler_exited as *const () as i64)?;
        self.a.call(rax)?;
        self.a.jmp(done)?;
        // No such code: the helper (the entry's code through the general path, or the
        // runner).
        self.place(&mut helper_path)?;
        let helper = assembler::call_assembler as *const () as u64;
        self.call(pos, helper, &call_args, &[])?;
        self.place(&mut done)?;
        self.a.mov(mem(ERROR_SLOT), rdx)?;
        if let Some(var) = result {
            self.define_rax(var, pos)?;
        }
        Ok(())
    }

    fn residual_call(
        &mut self,
        pos: usize,
        descr: &CallDescr,
        args: &[Arg],
        result: Option<u32>,
    ) -> R<()> {
        let call_args: Vec<CallArg> = args.iter().map(|a| CallArg::Arg(*a)).collect();
        let forces: Vec<(usize, usize)> = descr
            .forces
            .iter()
            .map(|f| (f.arg, f.token_offset))
            .collect();
        self.call(pos, descr.shim as u64, &call_args, &forces)?;
        self.a.mov(mem(ERROR_SLOT), rdx)?;
        if let Some(var) = result {
            self.define_rax(var, pos)?;
        }
        Ok(())
    }

    /// The final jump: the arguments to the loop's inputs' header locations (a parallel
    /// move), then to the loop's start.
    fn jump(&mut self, args: &[Arg], target: &Target) -> R<()> {
        if let Some(peeled) = self.peeled.clone() {
            return self.jump_to_label(args, &peeled);
        }
        // The loop the jump goes to, unless it is this one.
        let far = match (self.jump_to, target) {
            (Some(other), _) => Some(other),
            (None, Target::Loop) => None,
            (None, Target::Bridge { main, .. }) => Some(*main),
        };
        let header = match far {
            Some(other) => other.header.clone(),
            None => self.header.clone(),
        };
        let mut moves: Vec<(Loc, Move)> = Vec::new();
        for (arg, dst) in args.iter().zip(header) {
            let Some(dst) = dst else { continue };
            let src = match arg {
                Arg::Var(v) => Move::From(self.loc(*v)),
                constant => Move::Const(const_word(*constant)),
            };
            if src != Move::From(dst) {
                moves.push((dst, src));
            }
        }
        self.parallel_move(moves)?;
        match far {
            None => self.a.jmp(self.start),
            Some(other) => {
                // Every loop's frame has the same fixed part: only its size differs.
                self.a.mov(mem(ERROR_SLOT), 0)?;
                self.a.lea(rsp, mem(-other.frame_end))?;
                self.mov_imm(r11, other.start as i64)?;
                self.a.jmp(r11)
            }
        }
    }

    /// The `label` of a peeled loop: from here on, the variables live across it stay where
    /// they are now (the final jump puts them back there), the label's operands being
    /// reassigned by that jump (so their slots are stale from now on if they are in
    /// registers).
    fn label(&mut self, pos: usize, operands: &[Arg]) -> R<()> {
        let mut state = Vec::new();
        let owners = self.regs.gpr.iter().chain(self.regs.xmm.iter()).flatten();
        let mut live: Vec<u32> = owners.copied().collect();
        live.extend((0..self.trace.kinds.len() as u32).filter(|&v| self.regs.in_slot[v as usize]));
        live.sort_unstable();
        live.dedup();
        for var in live {
            if self.lon.dead_after(var, pos) {
                continue;
            }
            let assigned = operands.contains(&Arg::Var(var));
            if assigned && self.regs.reg[var as usize].is_some() {
                self.regs.in_slot[var as usize] = false;
            }
            state.push((var, self.loc(var), assigned));
        }
        // Checked before the label, the operands' values change when the jump comes back.
        for operand in operands {
            if let Arg::Var(v) = operand {
                self.nonnull.remove(v);
            }
        }
        let mut label = self.a.create_label();
        self.place(&mut label)?;
        self.a.zero_bytes()?;
        self.count_run()?;
        self.peeled = Some(Peeled { label, live: state });
        Ok(())
    }

    /// Adds one to the run counter, if the code has one: at the start (each entry, the
    /// preamble's iteration) and at a peeled loop's label (each further iteration).
    fn count_run(&mut self) -> R<()> {
        if let Some(counter) = self.counter {
            // No flags are live here, and r11 is scratch.
            self.mov_imm(r11, counter as i64)?;
            self.a.add(qword_ptr(r11), 1)?;
        }
        Ok(())
    }

    /// The final jump of a peeled loop: the arguments to the label's operands, every other
    /// variable live across the label back where it was there.
    fn jump_to_label(&mut self, args: &[Arg], peeled: &Peeled) -> R<()> {
        let state = &peeled.live;
        let Some(at) = self.trace.label() else {
            unreachable!("a peeled loop has a label")
        };
        let operands = self.trace.ops[at].args.clone();
        let mut moves: Vec<(Loc, Move)> = Vec::new();
        let mut push = |dst: Loc, src: Move| {
            // A repeated label operand: the last assignment wins.
            moves.retain(|(d, _)| *d != dst);
            if src != Move::From(dst) {
                moves.push((dst, src));
            }
        };
        for (operand, arg) in operands.iter().zip(args) {
            let Arg::Var(var) = operand else {
                unreachable!("a label's operands are variables")
            };
            let Some(&(_, dst, _)) = state.iter().find(|(v, _, _)| v == var) else {
                // Not read after the label: nothing to assign.
                continue;
            };
            let src = match arg {
                Arg::Var(v) => Move::From(self.loc(*v)),
                constant => Move::Const(const_word(*constant)),
            };
            push(dst, src);
        }
        for &(var, dst, assigned) in state {
            if !assigned {
                push(dst, Move::From(self.loc(var)));
            }
        }
        self.parallel_move(moves)?;
        self.a.jmp(peeled.label)
    }
}

/// A peeled loop's `label`, as its final jump needs it.
#[derive(Clone)]
struct Peeled {
    /// Its code position.
    label: CodeLabel,
    /// Each variable live across it: its location there, and whether the jump assigns it.
    live: Vec<(u32, Loc, bool)>,
}

/// The source of a move.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Move {
    From(Loc),
    Const(u64),
    /// `r11` (a word saved to break a cycle).
    ScratchGpr,
    /// `xmm15` (a float saved to break a cycle).
    ScratchXmm,
}

impl Compiler<'_> {
    /// Performs `moves` (destination, source) as if all at once, with `r11`/`xmm15` to break
    /// cycles and `r10` for memory-to-memory moves.
    fn parallel_move(&mut self, mut pending: Vec<(Loc, Move)>) -> R<()> {
        while !pending.is_empty() {
            let ready = (0..pending.len()).find(|&i| {
                let dst = Move::From(pending[i].0);
                !pending
                    .iter()
                    .enumerate()
                    .any(|(j, (_, s))| j != i && *s == dst)
            });
            match ready {
                Some(i) => {
                    let (dst, src) = pending.remove(i);
                    self.emit_move(dst, src)?;
                }
                None => {
                    // Every destination is still to be read: save one to a scratch register.
                    let saved = pending[0].0;
                    let tmp = match saved {
                        Loc::Reg(Reg::Xmm(x)) => {
                            self.a.movapd(xmm15, XMM[x as usize])?;
                            Move::ScratchXmm
                        }
                        Loc::Reg(Reg::Gpr(r)) => {
                            self.a.mov(r11, GPR64[r as usize])?;
                            Move::ScratchGpr
                        }
                        Loc::Slot(s) => {
                            self.a.mov(r11, mem(s))?;
                            Move::ScratchGpr
                        }
                    };
                    for (_, src) in pending.iter_mut() {
                        if *src == Move::From(saved) {
                            *src = tmp;
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn emit_move(&mut self, dst: Loc, src: Move) -> R<()> {
        match dst {
            Loc::Reg(Reg::Gpr(r)) => {
                let d = GPR64[r as usize];
                match src {
                    Move::From(Loc::Reg(Reg::Gpr(s))) => self.a.mov(d, GPR64[s as usize]),
                    Move::From(Loc::Reg(Reg::Xmm(x))) => self.a.movq(d, XMM[x as usize]),
                    Move::From(Loc::Slot(m)) => self.a.mov(d, mem(m)),
                    Move::Const(w) => self.mov_imm(d, w as i64),
                    Move::ScratchGpr => self.a.mov(d, r11),
                    Move::ScratchXmm => self.a.movq(d, xmm15),
                }
            }
            Loc::Reg(Reg::Xmm(x)) => {
                let d = XMM[x as usize];
                match src {
                    Move::From(Loc::Reg(Reg::Xmm(s))) => self.a.movapd(d, XMM[s as usize]),
                    Move::From(Loc::Reg(Reg::Gpr(s))) => self.a.movq(d, GPR64[s as usize]),
                    Move::From(Loc::Slot(m)) => self.a.movsd_2(d, mem(m)),
                    Move::Const(w) => {
                        self.mov_imm(r10, w as i64)?;
                        self.a.movq(d, r10)
                    }
                    Move::ScratchGpr => self.a.movq(d, r11),
                    Move::ScratchXmm => self.a.movapd(d, xmm15),
                }
            }
            Loc::Slot(m) => match src {
                Move::From(Loc::Reg(Reg::Gpr(s))) => self.a.mov(mem(m), GPR64[s as usize]),
                Move::From(Loc::Reg(Reg::Xmm(x))) => self.a.movsd_2(mem(m), XMM[x as usize]),
                Move::From(Loc::Slot(s)) => {
                    self.a.mov(r10, mem(s))?;
                    self.a.mov(mem(m), r10)
                }
                Move::Const(w) if fits_i32(w as i64) => self.a.mov(mem(m), w as i64 as i32),
                Move::Const(w) => {
                    self.mov_imm(r10, w as i64)?;
                    self.a.mov(mem(m), r10)
                }
                Move::ScratchGpr => self.a.mov(mem(m), r11),
                Move::ScratchXmm => self.a.movsd_2(mem(m), xmm15),
            },
        }
    }

    /// The out-of-line code: guard exits, panic exits, the epilogue.
    fn emit_stubs(&mut self) -> R<()> {
        let nvars = self.trace.kinds.len() as i32;
        let mut stubs = std::mem::take(&mut self.stubs);
        // A guard's exit code carries its number among the trace's guard exits.
        let mut guard_no = 0;
        for stub in &mut stubs {
            match stub {
                Stub::Guard {
                    label,
                    bridge,
                    exit,
                    slot,
                    saves,
                    ..
                } => {
                    self.place(label)?;
                    self.a.jmp(qword_ptr(*bridge))?;
                    self.place(exit)?;
                    self.a.mov(r11, mem(EXIT_CELL))?;
                    self.a.mov(r11, qword_ptr(r11))?;
                    for &(var, loc) in saves.iter() {
                        let to = qword_ptr(r11 + 8 * var as i32);
                        match loc {
                            Ok(Loc::Reg(Reg::Gpr(r))) => self.a.mov(to, GPR64[r as usize])?,
                            Ok(Loc::Reg(Reg::Xmm(x))) => self.a.movsd_2(to, XMM[x as usize])?,
                            Ok(Loc::Slot(s)) => {
                                self.a.mov(r10, mem(s))?;
                                self.a.mov(to, r10)?;
                            }
                            Err(value) => self.a.mov(to, value as i32)?,
                        }
                    }
                    self.a.mov(r10, mem(ERROR_SLOT))?;
                    self.a.mov(qword_ptr(r11 + 8 * nvars), r10)?;
                    self.a
                        .mov(rax, exit_code(ExitKind::Guard, self.trace_no, guard_no))?;
                    guard_no += 1;
                    self.a.jmp(qword_ptr(*slot))?;
                    self.place(slot)?;
                    self.a.dq(&[0])?;
                    self.place(bridge)?;
                    self.a.dq(&[0])?;
                }
                Stub::AllocSlow {
                    label,
                    back,
                    info,
                    dst,
                    gprs,
                    xmms,
                } => {
                    self.place(label)?;
                    for &r in gprs.iter() {
                        self.a.push(r)?;
                    }
                    // Keep `rsp` 16-aligned for the call.
                    let below = 8 * (xmms.len() + (gprs.len() + xmms.len()) % 2) as i32;
                    if below > 0 {
                        self.a.sub(rsp, below)?;
                    }
                    for (i, &x) in xmms.iter().enumerate() {
                        self.a.movsd_2(qword_ptr(rsp + 8 * i as i32), x)?;
                    }
                    self.mov_imm(rdi, *info as i64)?;
                    self.mov_imm(rax, gc::allocate_inline_slow as *const () as i64)?;
                    self.a.call(rax)?;
                    self.a.mov(*dst, rax)?;
                    for (i, &x) in xmms.iter().enumerate() {
                        self.a.movsd_2(x, qword_ptr(rsp + 8 * i as i32))?;
                    }
                    if below > 0 {
                        self.a.add(rsp, below)?;
                    }
                    for &r in gprs.iter().rev() {
                        self.a.pop(r)?;
                    }
                    self.a.jmp(*back)?;
                }
                Stub::OutOfBounds {
                    label,
                    op,
                    index,
                    array,
                } => {
                    self.place(label)?;
                    self.a.mov(r11, qword_ptr(*array))?;
                    match index {
                        Ok(r) => self.a.mov(r10, *r)?,
                        Err(i) => self.mov_imm(r10, *i)?,
                    }
                    self.a.mov(rax, mem(EXIT_CELL))?;
                    self.a.mov(rax, qword_ptr(rax))?;
                    self.a.mov(qword_ptr(rax), r10)?;
                    self.a.mov(qword_ptr(rax + 8), r11)?;
                    self.a
                        .mov(rax, exit_code(ExitKind::OutOfBounds, self.trace_no, *op))?;
                    self.a.jmp(self.epilogue)?;
                }
            }
        }
        self.stubs = stubs;
        if let Some(mut label) = self.div_panic {
            self.place(&mut label)?;
            self.a.mov(r11, mem(EXIT_CELL))?;
            self.a.mov(r11, qword_ptr(r11))?;
            self.a.mov(qword_ptr(r11), rdx)?;
            self.a
                .mov(rax, exit_code(ExitKind::Division, self.trace_no, 0))?;
            self.a.jmp(self.epilogue)?;
        }
        if let Some(mut label) = self.null_panic {
            self.place(&mut label)?;
            self.a
                .mov(rax, exit_code(ExitKind::Null, self.trace_no, 0))?;
            self.a.jmp(self.epilogue)?;
        }
        let mut epilogue = self.epilogue;
        self.place(&mut epilogue)?;
        self.epilogue = epilogue;
        self.a.lea(rsp, mem(-40))?;
        for r in [r15, r14, r13, r12, rbx, rbp] {
            self.a.pop(r)?;
        }
        self.a.ret()
    }
}

fn dst32(r: AsmRegister64) -> AsmRegister32 {
    match GPR64.iter().position(|g| *g == r) {
        Some(i) => GPR32[i],
        None if r == r10 => r10d,
        None => r11d,
    }
}

/// The magic number and shift that turn a signed 64-bit division by `divisor` (at least 2)
/// into a multiplication (Hacker's Delight, 10-1): `q = mulhs(n, magic)`, plus `n` if `magic`
/// is negative, shifted right arithmetically by `shift`, plus 1 if `n` is negative.
fn magic_signed(divisor: i64) -> (i64, u8) {
    debug_assert!(divisor >= 2);
    const TWO63: u64 = 1 << 63;
    let ad = divisor as u64;
    let anc = TWO63 - 1 - TWO63 % ad;
    let (mut q1, mut r1) = (TWO63 / anc, TWO63 % anc);
    let (mut q2, mut r2) = (TWO63 / ad, TWO63 % ad);
    let mut p = 63u32;
    loop {
        p += 1;
        q1 = q1.wrapping_mul(2);
        r1 = r1.wrapping_mul(2);
        if r1 >= anc {
            q1 = q1.wrapping_add(1);
            r1 = r1.wrapping_sub(anc);
        }
        q2 = q2.wrapping_mul(2);
        r2 = r2.wrapping_mul(2);
        if r2 >= ad {
            q2 = q2.wrapping_add(1);
            r2 = r2.wrapping_sub(ad);
        }
        let delta = ad - r2;
        if !(q1 < delta || (q1 == delta && r1 == 0)) {
            break;
        }
    }
    (q2.wrapping_add(1) as i64, (p - 64) as u8)
}

#[cfg(test)]
mod tests {
    use super::magic_signed;

    /// The division the emitted code performs.
    fn divide_by_magic(n: i64, divisor: i64) -> i64 {
        let (magic, shift) = magic_signed(divisor);
        let mut q = ((i128::from(magic) * i128::from(n)) >> 64) as i64;
        if magic < 0 {
            q = q.wrapping_add(n);
        }
        q >>= shift;
        q + ((n as u64) >> 63) as i64
    }

    #[test]
    fn magic_division_is_division() {
        let mut divisors: Vec<i64> = (2..=2000).collect();
        divisors.extend([
            641,
            6_700_417,
            1 << 32,
            (1 << 40) + 3,
            1 << 62,
            i64::MAX - 1,
            i64::MAX,
        ]);
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut numerators = vec![0, 1, -1, 2, -2, 7, -7, i64::MAX, i64::MIN, i64::MIN + 1];
        for _ in 0..300 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            numerators.push(state as i64);
            numerators.push((state >> (state % 60)) as i64);
        }
        for &d in &divisors {
            for &n in &numerators {
                for n in [
                    n,
                    n.wrapping_add(1),
                    n.wrapping_sub(1),
                    d.wrapping_mul(n % 1000),
                ] {
                    assert_eq!(divide_by_magic(n, d), n / d, "{n} / {d}");
                }
            }
        }
    }
}
