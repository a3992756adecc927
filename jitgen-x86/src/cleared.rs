//! Entering a compiled loop from Rust on a cleared stack. The collector scans the machine
//! stack conservatively, so the words a new loop frame would start with, left there by
//! earlier calls (the interpreter, the tracer, residual helpers), would keep dead objects
//! alive for as long as the loop runs: up to three times a program's live data, measured on
//! a random program. The trampoline zeroes the frame the loop's prologue is about to take,
//! then jumps to it. Compiled code calling compiled code (`call_assembler`) skips it: the
//! callee's frame lies below its caller's, where only that caller's helpers ran.

use std::cell::Cell;

std::arch::global_asm!(
    ".globl jitgen_x86_enter_cleared",
    ".type jitgen_x86_enter_cleared, @function",
    "jitgen_x86_enter_cleared:",
    // rdi: the exit cell (the loop's argument), rsi: the loop's entry, rdx: the bytes its
    // frame takes below its saved `rbp` (a multiple of 8). `rsp` points at the return
    // address, so the prologue's `push rbp` lands at `rsp - 8` and the frame below it.
    "mov r11, rdi",
    "lea rdi, [rsp - 8]",
    "sub rdi, rdx",
    "mov rcx, rdx",
    "shr rcx, 3",
    "xor eax, eax",
    "rep stosq",
    "mov rdi, r11",
    "jmp rsi",
    ".size jitgen_x86_enter_cleared, . - jitgen_x86_enter_cleared",
);

extern "C" {
    fn jitgen_x86_enter_cleared(cell: *const Cell<*mut u64>, entry: u64, frame_bytes: u64) -> u64;
}

/// Calls the loop entry at `entry` (whose frame takes `frame_bytes` below its saved `rbp`)
/// with the exit cell `cell`, its frame zeroed first; the exit code it returns.
///
/// # Safety
/// `entry` must be a placed loop's entry whose frame is `frame_bytes`, alive during the call.
pub(crate) unsafe fn enter_cleared(
    cell: *const Cell<*mut u64>,
    entry: u64,
    frame_bytes: i32,
) -> u64 {
    debug_assert!(frame_bytes >= 0 && frame_bytes % 8 == 0);
    jitgen_x86_enter_cleared(cell, entry, frame_bytes as u64)
}
