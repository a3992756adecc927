//! jitgen-core: the runtime of the jitgen meta-tracing JIT generator.
//!
//! - [`gc`]: the garbage-collected heap (`Gc<T>`, cell-like fields, arrays, tables, roots,
//!   weak references, finalizers, stress mode);
//! - [`layout`](mod@layout): field and type descriptors produced by the layout attribute;
//! - [`hints`]: the JIT hints an interpreter is annotated with (no-ops natively);
//! - [`params`]: JIT parameters (`set_param`, `--jit ...` on every client's command line);
//! - [`log`]: the `JITGEN_LOG` sections (PYPYLOG format);
//! - [`jitcode`]: the jitcode format, its typed builder, registry, shims and analyses;
//! - [`blackhole`]: the interpreter that runs jitcode concretely.
//!
//! jitgen-core knows nothing about any particular language.

// Lets the proc macros' `::jitgen_core::...` paths resolve inside this crate too.
extern crate self as jitgen_core;

pub mod backend;
pub mod blackhole;
pub mod gc;
pub mod hints;
pub mod jit;
pub mod jitcode;
pub mod layout;
pub mod log;
pub mod metainterp;
pub mod optimize;
pub mod params;
pub mod quasi_immutable;
pub mod testing;
pub mod trace;
pub mod virtualizable;

pub use jitgen_macros::{
    dont_look_inside, elidable, jit_driver, layout, look_inside, loop_invariant, portal,
    unroll_safe,
};

/// Support for the code the macros generate; not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use inventory;

    /// The `TypeId` of the fn item `f` (what jitcodes are keyed by).
    pub fn type_id_of<F: 'static>(_f: &F) -> std::any::TypeId {
        std::any::TypeId::of::<F>()
    }
}
