//! The native stack as a source of roots: its bounds, and the spilling of callee-saved
//! registers so that references held only in registers are scanned too.

/// The highest address (exclusive) of the current thread's stack.
pub(crate) fn current_stack_top() -> usize {
    // SAFETY: plain libc queries about the calling thread; `attr` is destroyed after use.
    unsafe {
        let mut attr: libc::pthread_attr_t = core::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
            fatal("cannot read the thread's stack bounds (pthread_getattr_np failed)");
        }
        let mut base: *mut libc::c_void = core::ptr::null_mut();
        let mut size: libc::size_t = 0;
        let rc = libc::pthread_attr_getstack(&attr, &mut base, &mut size);
        libc::pthread_attr_destroy(&mut attr);
        if rc != 0 {
            fatal("cannot read the thread's stack bounds (pthread_attr_getstack failed)");
        }
        base as usize + size
    }
}

fn fatal(message: &str) -> ! {
    eprintln!("jitgen gc: fatal error: {message}");
    std::process::abort()
}

/// Calls `scan(low)` where `low` is an address below every live frame of the caller and below
/// a copy of the callee-saved registers, so that scanning `[low, stack_top)` sees every
/// reference the thread holds on its stack or in registers.
#[inline(never)]
pub(crate) fn with_registers_spilled(scan: &mut dyn FnMut(usize)) {
    let mut saved = [0usize; 6];
    #[cfg(target_arch = "x86_64")]
    // SAFETY: only stores the callee-saved registers into `saved`.
    unsafe {
        core::arch::asm!(
            "mov [{buf}], rbx",
            "mov [{buf} + 8], rbp",
            "mov [{buf} + 16], r12",
            "mov [{buf} + 24], r13",
            "mov [{buf} + 32], r14",
            "mov [{buf} + 40], r15",
            buf = in(reg) saved.as_mut_ptr(),
            options(nostack, preserves_flags),
        );
    }
    #[cfg(not(target_arch = "x86_64"))]
    compile_error!("jitgen's conservative stack scanning spills registers on x86-64 only");
    let low = core::hint::black_box(saved.as_ptr()) as usize;
    scan(low);
    core::hint::black_box(&saved);
}
