//! The garbage-collected heap (design brief §6).
//!
//! Non-moving mark-and-sweep, one heap per thread: objects never move, so their addresses can
//! be embedded in machine code. Roots are found by scanning the native stack and registers
//! conservatively (interior pointers count), by the [`Root`] table, and by precise tracing of
//! heap objects through their [`Trace`] impls (derived by the layout attribute).
//!
//! **Invariant:** a [`Gc`] lives only on the native stack, inside a GC object, or in a
//! [`Root`]. Enforced where the compiler can: `Gc` is `!Send` (no statics, no other threads);
//! GC objects can only hold [`Trace`] types, and `Vec<Gc<_>>` is not one.

mod array;
mod barrier;
mod cell;
mod heap;
mod page_set;
mod ptr;
mod root;
mod stack;
mod stats;
mod table;
mod trace;
mod vec;
mod weak;

pub use array::{GcArray, GcBuffer, GcImmutableArray, ARRAY_ITEMS_OFFSET};
pub use cell::{Mut, QuasiImmut};
pub use heap::{
    allocate_inline_slow, allocate_object, collect, config, configure, inline_alloc,
    inline_alloc_sized, log_summary, set_stress, stats, AllocRun, InlineAlloc, OutOfMemory,
    HEADER_SIZE, PAGE_SIZE,
};
pub use ptr::{Gc, GcRef};

pub use barrier::{write_barrier, write_barrier_slow, BARRIER_CHECKS};

/// Whether every store of a reference into an object older than the last collection must
/// call [`write_barrier`]. It must: nothing collects differently yet (this collector marks
/// the whole heap), but in stress mode the hook checks that no store bypasses it, the
/// groundwork for a generational mode. Compiled code's `write_barrier` op calls the hook
/// (when [`BARRIER_CHECKS`] is nonzero), and the backends assert this is `true` where they
/// compile it.
pub const NEEDS_WRITE_BARRIER: bool = true;
pub use root::{Root, RootedSlots};
pub use stats::{parse_size, GcStats, HeapConfig};
pub use table::{GcTable, TableKey};
pub use trace::{GcType, Trace, Tracer, TypeInfo};
pub(crate) use vec::index_out_of_bounds;
pub use vec::GcVec;
pub use weak::{register_finalizer, Weak};
