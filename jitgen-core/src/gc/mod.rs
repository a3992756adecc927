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

/// Whether the collector needs to hear of every reference stored into an object (a
/// generational collector would; this one marks the whole heap). Compiled code keeps a
/// `write_barrier` op before such stores regardless, and backends assert this is `false`
/// where they compile it to nothing.
pub const NEEDS_WRITE_BARRIER: bool = false;
pub use root::{Root, RootedSlots};
pub use stats::{parse_size, GcStats, HeapConfig};
pub use table::{GcTable, TableKey};
pub use trace::{GcType, Trace, Tracer, TypeInfo};
pub(crate) use vec::index_out_of_bounds;
pub use vec::GcVec;
pub use weak::{register_finalizer, Weak};
