//! jitgen-macros: the proc macros of the jitgen meta-tracing JIT generator.
//!
//! Use them through `jitgen_core` (which re-exports them); generated code names the runtime
//! with absolute `::jitgen_core::...` paths. This file only holds the entry points; each
//! concept lives in its own module:
//! - `layout.rs`: `#[layout]` on GC structs (repr, tracing, field descriptors);
//! - `driver.rs`: `#[jit_driver(...)]` on the declaration of greens and reds;
//! - `portal.rs` and `liveness.rs`: `#[portal]`, placement of `jit_merge_point!` /
//!   `can_enter_jit!` and the check that no unlisted local lives across the merge point;
//! - `hints.rs`: validation of the function hints (`#[look_inside]`, `#[elidable]`, ...);
//! - `stage/`: staging, the jitcode builder of a `#[look_inside]` function, method (`impl`
//!   blocks: `stage/impls.rs`) or portal body;
//! - `util.rs`: error accumulation and small syntax helpers.

use proc_macro::TokenStream;

mod driver;
mod hints;
mod layout;
mod liveness;
mod portal;
mod stage;
mod util;

use hints::Hint;

/// Declares a GC struct with a layout the JIT can read.
///
/// Makes the struct `#[repr(C)]`, derives `jitgen_core::gc::Trace` (every field must implement
/// it) and `jitgen_core::gc::GcType` (one static `TypeInfo` per struct), and implements
/// `jitgen_core::layout::HasField` for every field. Field attributes:
/// `#[immutable]` (a plain field that never changes; documentation, checked),
/// `#[quasi_immutable]` (required on `QuasiImmut<T>` fields; generates the invalidating setter
/// `set_<field>`), `#[opaque]` (data the JIT cannot read, e.g. `Box<str>`).
///
/// Field types must be at least as visible as the struct, since the public `HasField` impls
/// name them (rustc reports E0446 otherwise).
#[proc_macro_attribute]
pub fn layout(args: TokenStream, input: TokenStream) -> TokenStream {
    layout::expand(args.into(), input.into()).into()
}

/// Declares a JIT driver: the green (program position) and red (everything else live across
/// the merge point) variables of one interpreter loop.
///
/// Every field is `#[green]` or `#[red]`. Arguments: `virtualizables(red, ...)` and
/// `location = path` (a `fn(&Driver) -> String` printing the position for logs). Implements
/// `jitgen_core::hints::JitDriver`, derives `Clone` and `Copy` and makes the fields public.
#[proc_macro_attribute]
pub fn jit_driver(args: TokenStream, input: TokenStream) -> TokenStream {
    driver::expand(args.into(), input.into()).into()
}

/// Marks the interpreter's main function, whose dispatch `loop` starts with
/// `jit_merge_point!(Driver { greens.., reds.. })`.
///
/// Checks that there is exactly one merge point, first in its `loop`, that `can_enter_jit!`
/// only appears inside that loop with the same driver, and that every local live across the
/// merge point is one of the driver's variables. Both macros become calls of no-op functions
/// natively. The body is staged like a `#[look_inside]` function (the hints become
/// `jit_merge_point`/`can_enter_jit` instructions), and the function becomes a runner that
/// runs the body natively or, under `--jit blackhole` (`jitgen_core::jit::configure`), its
/// jitcode in the blackhole interpreter.
#[proc_macro_attribute]
pub fn portal(args: TokenStream, input: TokenStream) -> TokenStream {
    portal::expand(args.into(), input.into()).into()
}

/// The JIT traces into this function (it is inlined into traces).
///
/// On a free function this also emits a hidden `__jitgen_build_<name>` that builds the
/// function's jitcode, registered for `jitgen_core::jitcode::Registry::with_staged()`. The
/// body must stay within the staging subset (locals, literals and constants, operators,
/// `if`/`match`/`while`/`loop`, `return`, field reads, `Mut` get/set, calls and method calls,
/// `Result` values with `?`, `Ok`/`Err`, `if let`/`match` on them, nullable references);
/// anything else is a compile error suggesting `#[dont_look_inside]`.
///
/// Methods and associated functions are staged when their inherent `impl` block carries
/// `#[look_inside]` too (the block's attribute tells the macro the type): each method marked
/// `#[look_inside]` gets a jitcode, and every method with a receiver is keyed by its fn item,
/// so `recv.m(..)` in staged code calls `m`'s jitcode (or its declared effects when residual).
#[proc_macro_attribute]
pub fn look_inside(args: TokenStream, input: TokenStream) -> TokenStream {
    hints::expand(Hint::LookInside, args.into(), input.into()).into()
}

/// The JIT never traces into this function: calls to it are residual calls.
///
/// `#[dont_look_inside(effects(reads(Type.field, ..), writes(Type.field, ..), cannot_raise))]`
/// declares that the function reads and writes only those fields and cannot fail, which lets
/// the optimizer keep what it knows about the heap across the call. Each `Type.field` must be a
/// field of a `#[layout]` struct (else a compile error at its name).
///
/// On a non-generic free function the declaration is real: an `inventory` submission of a
/// `jitgen_core::jitcode::DeclaredEffects` makes `Registry::with_staged()` record it, so the
/// `CallDescr` of every staged call to the function carries exactly these reads, writes and
/// `can_raise` (which the call-graph analysis then propagates). On a method of a
/// `#[look_inside] impl` block the declaration is recorded the same way (keyed by the
/// method); on other methods and on generic functions it is validation only.
/// Without `effects(...)` a residual call reads and writes everything and can raise.
#[proc_macro_attribute]
pub fn dont_look_inside(args: TokenStream, input: TokenStream) -> TokenStream {
    hints::expand(Hint::DontLookInside, args.into(), input.into()).into()
}

/// The function is pure: calls with constant arguments are folded, others CSE'd.
#[proc_macro_attribute]
pub fn elidable(args: TokenStream, input: TokenStream) -> TokenStream {
    hints::expand(Hint::Elidable, args.into(), input.into()).into()
}

/// The JIT may trace into this function although it contains loops (they are unrolled).
#[proc_macro_attribute]
pub fn unroll_safe(args: TokenStream, input: TokenStream) -> TokenStream {
    hints::expand(Hint::UnrollSafe, args.into(), input.into()).into()
}

/// The function's result is computed once per compiled loop.
#[proc_macro_attribute]
pub fn loop_invariant(args: TokenStream, input: TokenStream) -> TokenStream {
    hints::expand(Hint::LoopInvariant, args.into(), input.into()).into()
}
