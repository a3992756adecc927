//! The one routine every guard exit goes through. A guard's exit stub is two instructions (its
//! exit code into `r11`, a jump to its trace's trampoline, which pushes how many spill slots
//! the trace's exits read and jumps here); the routine saves every allocatable register, the
//! error slot and those spill slots into the thread's exit buffer, in a fixed layout, and
//! returns to Rust through the common epilogue. Each guard's
//! exit record says where each value it holds is in that layout ([`word_of`]), so exits cost
//! no code per value saved, and a trace's cold section holds little more than its jumps.
//!
//! The buffer's layout: the general-purpose registers ([`GPR64`](crate::asm) order), the XMM
//! registers, the error word, the number of slot words saved, then the spill slots from the
//! frame's top down.

use crate::asm::{ERROR_SLOT, EXIT_CELL, FIXED_FRAME};
use crate::regalloc::{Loc, Reg, NUM_GPRS, NUM_XMMS};

/// The exit buffer's word of the first XMM register.
const XMM_WORDS: usize = NUM_GPRS;
/// The exit buffer's word of the last residual call's error.
pub(crate) const ERROR_WORD: usize = XMM_WORDS + NUM_XMMS;
/// The exit buffer's word saying how many slot words follow.
const SLOT_COUNT_WORD: usize = ERROR_WORD + 1;
/// The exit buffer's word of the first spill slot (the one just below the fixed frame).
const SLOT_WORDS: usize = SLOT_COUNT_WORD + 1;

std::arch::global_asm!(
    ".globl jitgen_x86_save_exit",
    ".type jitgen_x86_save_exit, @function",
    "jitgen_x86_save_exit:",
    // r11: the exit code; rbp: the trace's frame; on the stack, the number of spill slots
    // to save. r10 and r11 are scratch in compiled code: every other register may hold a
    // value.
    "mov r10, [rbp + {exit_cell}]",
    "mov r10, [r10]",
    "mov [r10 + 0], rax",
    "mov [r10 + 8], rcx",
    "mov [r10 + 16], rdx",
    "mov [r10 + 24], rbx",
    "mov [r10 + 32], rsi",
    "mov [r10 + 40], rdi",
    "mov [r10 + 48], r8",
    "mov [r10 + 56], r9",
    "mov [r10 + 64], r12",
    "mov [r10 + 72], r13",
    "mov [r10 + 80], r14",
    "mov [r10 + 88], r15",
    "movsd [r10 + {xmm} + 0], xmm0",
    "movsd [r10 + {xmm} + 8], xmm1",
    "movsd [r10 + {xmm} + 16], xmm2",
    "movsd [r10 + {xmm} + 24], xmm3",
    "movsd [r10 + {xmm} + 32], xmm4",
    "movsd [r10 + {xmm} + 40], xmm5",
    "movsd [r10 + {xmm} + 48], xmm6",
    "movsd [r10 + {xmm} + 56], xmm7",
    "movsd [r10 + {xmm} + 64], xmm8",
    "movsd [r10 + {xmm} + 72], xmm9",
    "movsd [r10 + {xmm} + 80], xmm10",
    "movsd [r10 + {xmm} + 88], xmm11",
    "movsd [r10 + {xmm} + 96], xmm12",
    "movsd [r10 + {xmm} + 104], xmm13",
    "movsd [r10 + {xmm} + 112], xmm14",
    "mov rax, [rbp + {error_slot}]",
    "mov [r10 + {error}], rax",
    // The spill slots the trace's exits read, from just below the fixed frame down: as
    // many as the trampoline pushed.
    "pop rcx",
    "mov [r10 + {count}], rcx",
    "lea rsi, [rbp - {fixed} - 8]",
    "lea rdi, [r10 + {slots}]",
    "test rcx, rcx",
    "jz 3f",
    "2:",
    "mov rax, [rsi]",
    "mov [rdi], rax",
    "sub rsi, 8",
    "add rdi, 8",
    "dec rcx",
    "jnz 2b",
    "3:",
    // The epilogue every trace has.
    "mov rax, r11",
    "lea rsp, [rbp - 40]",
    "pop r15",
    "pop r14",
    "pop r13",
    "pop r12",
    "pop rbx",
    "pop rbp",
    "ret",
    ".size jitgen_x86_save_exit, . - jitgen_x86_save_exit",
    exit_cell = const EXIT_CELL,
    error_slot = const ERROR_SLOT,
    fixed = const FIXED_FRAME,
    xmm = const 8 * XMM_WORDS,
    error = const 8 * ERROR_WORD,
    count = const 8 * SLOT_COUNT_WORD,
    slots = const 8 * SLOT_WORDS,
);

extern "C" {
    fn jitgen_x86_save_exit();
}

// The routine above names the registers of `GPR64` and `XMM` one by one.
const _: () = assert!(NUM_GPRS == 12 && NUM_XMMS == 15);

/// The routine's address (jumped to, never called).
pub(crate) fn routine() -> u64 {
    jitgen_x86_save_exit as *const () as u64
}

/// The exit buffer's word where the routine saves a value that is at `loc`.
pub(crate) fn word_of(loc: Loc) -> u32 {
    let word = match loc {
        Loc::Reg(Reg::Gpr(r)) => r as usize,
        Loc::Reg(Reg::Xmm(x)) => XMM_WORDS + x as usize,
        Loc::Slot(offset) => SLOT_WORDS + slot_index(offset),
    };
    word as u32
}

/// The place of the spill slot at frame offset `offset` among the slots (0: the one just
/// below the fixed frame).
fn slot_index(offset: i32) -> usize {
    debug_assert!(offset <= -(FIXED_FRAME + 8) && offset % 8 == 0);
    ((-offset - FIXED_FRAME - 8) / 8) as usize
}

/// How many spill slots the routine must save for exits whose values are at `locs`: up to
/// the deepest one they read.
pub(crate) fn slots_read<'a>(locs: impl Iterator<Item = &'a Loc>) -> usize {
    locs.filter_map(|loc| match loc {
        Loc::Slot(offset) => Some(slot_index(*offset) + 1),
        Loc::Reg(_) => None,
    })
    .max()
    .unwrap_or(0)
}

/// The exit buffer's words an exit from a frame ending `frame_end` bytes below `rbp` fills.
pub(crate) fn buffer_words(frame_end: i32) -> usize {
    SLOT_WORDS + ((frame_end - FIXED_FRAME).max(0) / 8) as usize
}

/// Whether an exit's buffer `words` holds word `n` (a slot word only if the routine copied
/// that far: a check of the frame the exit record assumed).
pub(crate) fn saved(words: &[u64], n: u32) -> bool {
    let n = n as usize;
    n < SLOT_WORDS || n < SLOT_WORDS + words[SLOT_COUNT_WORD] as usize
}
