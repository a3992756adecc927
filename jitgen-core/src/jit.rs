//! The JIT's per-thread state and the portal runner.
//!
//! A client calls [`configure`] on its interpreter thread with the `--jit` value. The
//! `#[portal]` macro turns the user's portal `f` into a runner that asks [`mode`] how to run
//! and a hidden function holding the original body, staged like any look-inside function. In
//! [`JitMode::Blackhole`] the runner hands the body's jitcode to [`run_blackholed`]: every
//! portal call, recursive ones included (they go through the runner), then runs in the
//! blackhole interpreter. The thread's [`Registry`] holds every staged jitcode.

use std::any::TypeId;
use std::cell::Cell;

use crate::blackhole::{self, Mode, Outcome, Value};
use crate::jitcode::{JitReturn, Registry};
use crate::params::{JitConfig, JitMode};

thread_local! {
    static MODE: Cell<JitMode> = const { Cell::new(JitMode::On) };
    static REGISTRY: Registry = Registry::with_staged();
}

/// Sets how portals run on this thread.
pub fn configure(config: &JitConfig) {
    MODE.with(|mode| mode.set(config.mode));
}

/// How portals run on this thread.
pub fn mode() -> JitMode {
    MODE.with(Cell::get)
}

/// Runs `f` with this thread's registry of staged jitcodes.
pub fn with_registry<R>(f: impl FnOnce(&Registry) -> R) -> R {
    REGISTRY.with(f)
}

/// Runs the staged jitcode of `body` (a portal's hidden body function) on `args` in the
/// blackhole interpreter, to completion; the result as `body` would have returned it.
///
/// # Safety
/// `args` must be the values of `body`'s parameters, in order, and `R` its return type.
pub unsafe fn run_blackholed<F: 'static, R: JitReturn>(_body: &F, args: &[Value]) -> R {
    let outcome = with_registry(|registry| {
        let Some(id) = registry.lookup(TypeId::of::<F>()) else {
            panic!(
                "jitgen: the portal body {} has no staged jitcode",
                std::any::type_name::<F>()
            );
        };
        blackhole::call(registry, id, args, Mode::Complete)
    });
    match outcome {
        // SAFETY: the jitcode was staged from `body`, which returns `R`.
        Outcome::Return(value) => R::from_words(value.word(), 0),
        // SAFETY: as above; an error word is the address of the error object.
        Outcome::Err(error) => R::from_words(0, error.addr() as u64),
        Outcome::MergePoint(_) => unreachable!("Mode::Complete runs past merge points"),
    }
}
