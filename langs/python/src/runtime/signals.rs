//! SIGINT (Ctrl-C) as `KeyboardInterrupt`: the signal handler only sets a flag; the
//! interpreter looks at it on every backward jump and every Python call and raises
//! `KeyboardInterrupt` there, so even a tight loop stops. An uncaught one ends the process
//! the way CPython's does: killed by SIGINT.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::runtime::objects::*;
use crate::runtime::values::*;

/// Set by the handler when SIGINT arrives, cleared when the interpreter raises it.
static PENDING: AtomicBool = AtomicBool::new(false);

/// The exit status a run reports when an uncaught `KeyboardInterrupt` ended it (the
/// command then kills itself with SIGINT, as CPython does).
pub const KILLED_BY_SIGINT: i32 = -2;

extern "C" fn on_sigint(_: libc::c_int) {
    PENDING.store(true, Ordering::Relaxed);
}

/// Installs the SIGINT handler (the `jitpy` command does, once, at start).
pub fn install() {
    // SAFETY: a zeroed `sigaction` is a valid "no flags, empty mask" value; the handler
    // only stores to an atomic, which is async-signal-safe.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = on_sigint as *const () as usize;
        action.sa_flags = libc::SA_RESTART;
        libc::sigemptyset(&mut action.sa_mask);
        libc::sigaction(libc::SIGINT, &action, std::ptr::null_mut());
    }
}

/// Forgets a SIGINT that arrived while nothing was running (the prompt clears it before
/// each input).
pub fn clear() {
    PENDING.store(false, Ordering::Relaxed);
}

/// Whether SIGINT arrived since the last look (left for [`check`] to raise): how native
/// loops that may run long (a regular-expression search) know to stop.
pub fn pending() -> bool {
    PENDING.load(Ordering::Relaxed)
}

/// Raises `KeyboardInterrupt` if SIGINT arrived since the last look.
#[jitgen_core::dont_look_inside]
pub fn check() -> PyResult<()> {
    if !PENDING.load(Ordering::Relaxed) {
        return Ok(());
    }
    PENDING.store(false, Ordering::Relaxed);
    Err(crate::runtime::exceptions::new_exception(
        builtin_type(TypeId::KeyboardInterrupt),
        new_tuple(jitgen_core::gc::GcVec::new()),
    ))
}

/// Ends the process by SIGINT with the default action (exit status 130 in a shell).
pub fn die_by_sigint() -> ! {
    // SAFETY: restoring the default action and signalling ourselves; if that somehow
    // returns, exit with the status a shell would show.
    unsafe {
        libc::signal(libc::SIGINT, libc::SIG_DFL);
        libc::kill(libc::getpid(), libc::SIGINT);
    }
    std::process::exit(130)
}
