//! The JIT's per-thread state, the portal runner and the `can_enter_jit` glue.
//!
//! A client calls [`configure`] on its interpreter thread with the `--jit` value. The
//! `#[portal]` macro turns the user's portal `f` into a runner that asks [`mode`] how to run
//! and a hidden function holding the original body, staged like any look-inside function. In
//! [`JitMode::Blackhole`] the runner hands the body's jitcode to [`run_blackholed`]: every
//! portal call then runs in the blackhole interpreter (recursive calls from staged code call
//! the body's jitcode directly: the registry resolves the runner to it). In [`JitMode::On`], each `can_enter_jit!` of the native body calls
//! [`can_enter_jit`]: hot loops are traced and run compiled (`metainterp`), and what they
//! hand back ([`Exit`]) the macro turns into new values of the loop's variables or a return.
//! The thread's [`Registry`] holds every staged jitcode.

use std::any::TypeId;
use std::cell::Cell;

use crate::blackhole::{self, Mode, Outcome, Value};
use crate::hints::JitDriver;
use crate::jitcode::{JitReturn, JitValue};
use crate::metainterp::spare::SpareValues;
use crate::metainterp::warmup::{self, Header, Hot, JitStats};
use crate::params::{JitConfig, JitMode};

pub use crate::jitcode::registry::with_registry;
pub use crate::metainterp::counters::{green_hash, green_hash_of};

thread_local! {
    static MODE: Cell<JitMode> = const { Cell::new(JitMode::On) };
    /// The merge point the next native portal body starts its dispatch loop at (see
    /// [`resume_natively`]).
    static RESUME_AT: std::cell::RefCell<Option<SpareValues>> = const { std::cell::RefCell::new(None) };
}

/// Sets how portals run on this thread, with which parameters (forgetting compiled loops).
pub fn configure(config: &JitConfig) {
    MODE.with(|mode| mode.set(config.mode));
    warmup::reset(&config.params);
}

/// What the JIT did on this thread so far.
pub fn stats() -> JitStats {
    warmup::stats()
}

/// Writes the `jit-summary` log section (`JITGEN_LOG=jit-summary:FILE`); a client calls it
/// at exit.
pub fn log_summary() {
    warmup::log_summary();
}

/// What compiled code or the tracer hands back to the native dispatch loop.
pub enum Exit<D, R> {
    /// Continue the dispatch loop (at its merge point) with these variables.
    Continue(D),
    /// The portal returns this.
    Return(R),
}

/// The glue of `can_enter_jit!` in JIT mode: counts the loop header, traces it when hot, runs
/// its compiled loop once there is one. `None`: go on natively. With the JIT off it is one
/// test, inlined into the dispatch loop.
#[inline(always)]
pub fn can_enter_jit<F: 'static, D: JitDriver, R: JitReturn>(
    body: &F,
    driver: &D,
) -> Option<Exit<D, R>> {
    if mode() != JitMode::On {
        return None;
    }
    enter(body, driver, Header::Loop)
}

/// The glue of `jit_merge_point!` the first time a portal call reaches it, in JIT mode: for a
/// function that traces call instead of inlining (they got too long), counts its entries,
/// traces it from there when hot (`function_threshold`), runs that code once there is some.
/// `None`: go on natively.
pub fn enter_function<F: 'static, D: JitDriver, R: JitReturn>(
    body: &F,
    driver: &D,
) -> Option<Exit<D, R>> {
    if let Some(values) = RESUME_AT.with(|r| r.borrow_mut().take()) {
        // SAFETY: `resume_natively` got the values of this driver's variables.
        return Some(Exit::Continue(unsafe { D::from_values(&values) }));
    }
    if mode() != JitMode::On {
        return None;
    }
    enter(body, driver, Header::Entry)
}

/// Makes the next portal body to reach its merge point (the one a [`NativeResume`]
/// function calls next) continue from `values` (the driver's variables) instead.
///
/// [`NativeResume`]: crate::jitcode::registry::NativeResume
pub fn resume_natively(values: &[Value]) {
    let mut resume_at = SpareValues::take();
    resume_at.extend_from_slice(values);
    RESUME_AT.with(|r| *r.borrow_mut() = Some(resume_at));
}

/// The value of the driver variable `name` among `values` (greens then reds).
///
/// # Safety
/// `values` must be `D`'s variables' values and `name`'s type `T`.
pub unsafe fn driver_var<D: JitDriver, T: JitValue>(values: &[Value], name: &str) -> T {
    let names = D::GREENS.iter().chain(D::REDS).map(|v| v.name);
    let index = names
        .into_iter()
        .position(|n| n == name)
        .unwrap_or_else(|| panic!("jitgen: `{name}` is not a variable of {}", D::NAME));
    values[index].get::<T>()
}

/// The warm-up part of [`can_enter_jit`] and [`enter_function`], with the JIT on.
#[inline(never)]
fn enter<F: 'static, D: JitDriver, R: JitReturn>(
    _body: &F,
    driver: &D,
    header: Header,
) -> Option<Exit<D, R>> {
    let hot = warmup::counts_as_hot(TypeId::of::<F>(), driver.green_hash(), header);
    if let Hot::Cold = hot {
        return None;
    }
    let values = driver.to_values();
    let values = values.as_ref();
    let outcome = with_registry(|registry| {
        let entered = match &hot {
            Hot::Compiled(compiled) => {
                warmup::run_entered(registry, compiled, values, D::GREENS.len())
            }
            _ => None,
        };
        entered.or_else(|| {
            warmup::can_enter_jit(
                registry,
                TypeId::of::<F>(),
                values,
                D::GREENS.len(),
                header,
                location_of::<D>,
            )
        })
    })?;
    Some(match outcome {
        Outcome::MergePoint(exit) => {
            let mut values = SpareValues::take();
            values.extend(exit.values());
            // SAFETY: the merge point's registers hold the driver's variables, in order.
            Exit::Continue(unsafe { D::from_values(&values) })
        }
        // SAFETY: the jitcode is the portal body's, which returns `R`.
        returned => Exit::Return(unsafe { returned_value(returned) }),
    })
}

/// The driver's location of the merge point whose variables are `values` (greens then reds).
fn location_of<D: JitDriver>(values: &[Value]) -> String {
    // SAFETY: the warm-up code passes the values of a merge point of `D`'s portal.
    unsafe { D::from_values(values) }.location()
}

/// The portal's result from a `Return` or `Err` outcome of its body's jitcode.
///
/// # Safety
/// The outcome must come from jitcode staged from a function returning `R`.
unsafe fn returned_value<R: JitReturn>(outcome: Outcome) -> R {
    match outcome {
        Outcome::Return(value) => R::from_words(value.word(), 0),
        // An error word is the error object's address.
        Outcome::Err(error) => R::from_words(0, error.addr() as u64),
        Outcome::MergePoint(_) => unreachable!("not a return"),
    }
}

/// How portals run on this thread.
#[inline(always)]
pub fn mode() -> JitMode {
    MODE.with(Cell::get)
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
    // SAFETY: the jitcode was staged from `body`, which returns `R`; `Mode::Complete` runs
    // past merge points.
    returned_value(outcome)
}
