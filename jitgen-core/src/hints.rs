//! The JIT hints an interpreter is annotated with. Natively every one of them is a no-op (or
//! returns its argument): the same source is the fast native interpreter and the input the
//! JIT traces through; the JIT gives them their meaning while tracing.
//!
//! - a driver declaration (`#[jitgen_core::jit_driver]`) implements [`JitDriver`];
//! - the portal (`#[jitgen_core::portal]`) turns [`jit_merge_point!`](crate::jit_merge_point!)
//!   and [`can_enter_jit!`](crate::can_enter_jit!)
//!   into calls of [`jit_merge_point()`] and [`can_enter_jit()`];
//! - [`promote`], [`we_are_jitted`], [`isconstant`], [`assert_green`], [`record_exact_class`]
//!   are facts and requests for the tracer and the optimizer.

use crate::gc::{GcRef, TypeInfo};
use crate::layout::ValueKind;

/// A green or red variable of a JIT driver.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct VarDescr {
    /// The variable's name (a field of the driver struct).
    pub name: &'static str,
    /// How the JIT holds its value.
    pub kind: ValueKind,
}

/// Implemented by `#[jitgen_core::jit_driver]`: one interpreter loop's variables.
///
/// The greens together are the position in the user's program (the key of warm-up counters
/// and compiled loops); the reds are everything else live across the merge point.
pub trait JitDriver: Copy + 'static {
    /// The driver's name, for logs.
    const NAME: &'static str;
    /// The green variables, in declaration order.
    const GREENS: &'static [VarDescr];
    /// The red variables, in declaration order.
    const REDS: &'static [VarDescr];
    /// The red variables whose objects (frames) live in registers inside compiled code.
    const VIRTUALIZABLES: &'static [&'static str];

    /// The virtualizable red, if the driver declares one.
    fn virtualizable() -> Option<crate::jitcode::VableSpec> {
        None
    }

    /// A printable program position for logs (the driver's `location = fn` if it declared one).
    fn location(&self) -> String {
        Self::NAME.to_string()
    }

    /// An array of one value per variable (so reading them allocates nothing).
    type Values: AsRef<[crate::jitcode::Value]>;

    /// The variables' values, greens then reds, each in declaration order.
    fn to_values(&self) -> Self::Values;

    /// [`crate::jit::green_hash`] of the greens' values (computed without allocating).
    fn green_hash(&self) -> u64;

    /// The driver from values in the order of [`JitDriver::to_values`].
    ///
    /// # Safety
    /// The values must have the variables' types (references to objects of the right types).
    unsafe fn from_values(values: &[crate::jitcode::Value]) -> Self;
}

/// The top of a portal's dispatch loop: traces start here and close when they come back to
/// the same green values.
///
/// Write it as the first statement of the dispatch `loop` of a `#[jitgen_core::portal]`
/// function: `jit_merge_point!(Driver { greens.., reds.. })`, naming every variable. Anywhere
/// else it is a compile error. (The portal attribute marks the invocations it checked with
/// `@jitgen_portal`, the portal's body and a flag saying whether this is the portal call's
/// first dispatch; those expand, the first time, to a call of
/// [`jit::enter_function`](crate::jit::enter_function()) whose [`Exit`](crate::jit::Exit)
/// assigns the variables and `continue`s the loop, or returns; or to a call of
/// [`hints::jit_merge_point`](crate::hints::jit_merge_point()), or to `()` when the portal
/// already reported an error about them.)
#[macro_export]
macro_rules! jit_merge_point {
    (@jitgen_portal) => {
        ()
    };
    (@jitgen_portal $body:ident, $entry:ident, $($driver:ident)::+ { $($var:ident),* $(,)? }) => {{
        if $entry {
            $entry = false;
            $crate::__jitgen_glue!(enter_function, $body, $($driver)::+ { $($var),* });
        }
    }};
    (@jitgen_portal $driver:expr) => {
        $crate::hints::jit_merge_point(&$driver)
    };
    ($($args:tt)*) => {
        ::core::compile_error!(
            "jit_merge_point! must be the first statement of the dispatch loop of a #[jitgen_core::portal] function"
        )
    };
}

/// The glue of the hints in a portal: calls `jit::$entry` with the driver's variables and
/// applies its [`Exit`](crate::jit::Exit): assigns the variables compiled code hands back and
/// `continue`s the dispatch loop, or returns the portal's result.
#[doc(hidden)]
#[macro_export]
macro_rules! __jitgen_glue {
    ($entry:ident, $body:ident, $($driver:ident)::+ { $($var:ident),* }) => {
        let __jitgen_driver = $($driver)::+ { $($var),* };
        if let ::core::option::Option::Some(__jitgen_exit) =
            $crate::jit::$entry(&$body, &__jitgen_driver)
        {
            match __jitgen_exit {
                $crate::jit::Exit::Continue(__jitgen_vars) => {
                    $($var = __jitgen_vars.$var;)*
                    continue;
                }
                $crate::jit::Exit::Return(__jitgen_result) => return __jitgen_result,
            }
        }
    };
}

/// A backward jump of the user's program: counts towards making the loop hot, and (later)
/// enters compiled code for it.
///
/// Write `can_enter_jit!(Driver { greens.., reds.. })` inside the dispatch loop of a
/// `#[jitgen_core::portal]` function; anywhere else it is a compile error. (The portal
/// attribute marks the invocations it checked with `@jitgen_portal` and the portal's body;
/// those expand to a call of [`jit::can_enter_jit`](crate::jit::can_enter_jit()) whose
/// [`Exit`](crate::jit::Exit) assigns the variables and `continue`s the loop, or returns;
/// or to `()` when the portal already reported an error about them.)
#[macro_export]
macro_rules! can_enter_jit {
    (@jitgen_portal) => {
        ()
    };
    (@jitgen_portal $body:ident, $($driver:ident)::+ { $($var:ident),* $(,)? }) => {{
        $crate::__jitgen_glue!(can_enter_jit, $body, $($driver)::+ { $($var),* });
    }};
    (@jitgen_portal $driver:expr) => {
        $crate::hints::can_enter_jit(&$driver)
    };
    ($($args:tt)*) => {
        ::core::compile_error!(
            "can_enter_jit! may only appear inside the dispatch loop of a #[jitgen_core::portal] function"
        )
    };
}

/// What `jit_merge_point!` becomes in a portal: nothing natively.
#[inline(always)]
pub fn jit_merge_point<D: JitDriver>(_driver: &D) {}

/// Nothing natively: a checkpoint a client can call with a driver (the portal's
/// `can_enter_jit!` expands to [`jit::can_enter_jit`](crate::jit::can_enter_jit()) instead).
#[inline(always)]
pub fn can_enter_jit<D: JitDriver>(_driver: &D) {}

/// Returns `x`. While tracing, the trace guards that `x` has its current value
/// (`guard_value`), and from there on `x` is a constant the optimizer can fold.
#[inline(always)]
pub fn promote<T: Copy>(x: T) -> T {
    x
}

/// `false` natively; `true` while the JIT traces or the blackhole interpreter runs, so code
/// can take a path that is cheaper to trace.
#[inline(always)]
pub fn we_are_jitted() -> bool {
    false
}

/// `false` natively; while tracing, whether `x` is a constant in the trace (no guard is
/// emitted).
#[inline(always)]
pub fn isconstant<T: Copy>(_x: T) -> bool {
    false
}

/// Nothing natively; while tracing, asserts that `x` is a constant in the trace (a failure
/// is a bug in the interpreter's hints, reported when tracing).
#[inline(always)]
pub fn assert_green<T: Copy>(_x: T) {}

/// Nothing natively; tells the optimizer that `obj`'s type is exactly `info`, so later class
/// guards on it are removed.
#[inline(always)]
pub fn record_exact_class(_obj: GcRef, _info: &'static TypeInfo) {}
