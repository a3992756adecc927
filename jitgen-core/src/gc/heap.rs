//! The per-thread heap: a reserved address range cut into pages, size-classed slots, and a
//! non-moving mark-and-sweep collector with conservative stack scanning.
//!
//! Layout: every object is preceded by one header word holding the address of its
//! [`TypeInfo`]; a `Gc` points just past the header. Small objects live in 64 KiB pages of one
//! size class each, with two bitmaps beside the page: allocated slots and marked slots.
//! Objects whose type holds no references (strings' bytes, boxed numbers, the buffers of
//! growable collections) get pages of their own, so marking sets their bits without reading
//! them ([`NUM_KINDS`]). The allocated bitmap alone says which slots hold objects (a free slot
//! holds whatever it held before, a page reused for another class included). Allocation scans
//! the allocated bitmap of the current page for a zero bit; sweeping works a bitmap word (64
//! slots) at a time and touches only dead objects with destructors.
//! Objects larger than the biggest class get a run of whole pages. Keeping the bits outside
//! the objects means the header word is exactly the type pointer (a class guard is one
//! compare) and a sticky-mark-bit generational mode stays possible.

use std::cell::UnsafeCell;
use std::collections::VecDeque;
use std::time::Instant;

use crate::gc::stats::{GcStats, HeapConfig};
use crate::gc::trace::{Sink, Tracer, TypeInfo};
use std::fmt::Write as _;

use crate::gc::page_set::PageSet;
use crate::gc::{barrier, stack, weak};
use crate::log;

/// Size of a heap page.
pub const PAGE_SIZE: usize = 1 << 16;
/// Size of the header word before every object.
pub const HEADER_SIZE: usize = 8;
/// Address space reserved per thread for its heap (reserved, not committed).
const REGION_SIZE: usize = 64 << 30;
/// The smallest reservation tried when the system refuses [`REGION_SIZE`] (an address-space
/// limit, `ulimit -v`, or a tool such as valgrind): each try halves the size.
const SMALLEST_REGION_SIZE: usize = 256 << 20;
/// Pages committed at a time when the heap grows.
const COMMIT_CHUNK_PAGES: usize = 16;
/// Pages kept out of circulation after release in stress mode.
const QUARANTINE_PAGES: usize = 512;
/// Emptied pages kept mapped for reuse (as they are: nothing reads a free slot) rather than
/// returned to the OS, at most: a program that allocates and drops garbage steadily would
/// otherwise fault the same pages back in after every collection.
const RETAINED_PAGES: usize = 256;
/// Byte written over freed memory in stress mode.
const POISON: u8 = 0xdd;

/// Slot sizes (header included) of the small-object classes.
const SLOT_SIZES: [usize; 36] = [
    16, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 320, 384, 448, 512,
    640, 768, 896, 1024, 1280, 1536, 1792, 2048, 2560, 3072, 3584, 4096, 5120, 6144, 7168, 8192,
];
const NUM_CLASSES: usize = SLOT_SIZES.len();
/// Allocation kinds: every size class twice, for objects that may hold references and (from
/// `NUM_CLASSES` on) for objects that hold none. Those get pages of their own, so marking
/// sets their mark bits without ever reading them (Boehm's "atomic" objects).
const NUM_KINDS: usize = 2 * NUM_CLASSES;

/// Words in the largest bitmap of a small page (that of the smallest class).
const MAX_BITMAP_WORDS: usize = (PAGE_SIZE / SLOT_SIZES[0]).div_ceil(64);
const LARGEST_SLOT: usize = SLOT_SIZES[NUM_CLASSES - 1];

/// Allocation failed: live objects would exceed the heap limit even after a collection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutOfMemory {
    /// Bytes requested.
    pub requested: usize,
    /// The heap limit in force.
    pub limit: usize,
}

impl std::fmt::Display for OutOfMemory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "out of memory: allocating {} bytes would exceed the heap limit of {} bytes",
            self.requested, self.limit
        )
    }
}

impl std::error::Error for OutOfMemory {}

/// Reports an unrecoverable out-of-memory condition and exits.
#[cold]
pub(crate) fn out_of_memory(oom: OutOfMemory) -> ! {
    eprintln!("fatal error: {oom}");
    std::process::exit(1)
}

/// What a page holds: nothing, slots of one allocation kind (see [`NUM_KINDS`]), or (part of)
/// a large object.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum PageState {
    Free,
    Small { kind: u8 },
    LargeHead { pages: u32, bytes: usize },
    LargeTail { head: u32 },
}

struct PageInfo {
    state: PageState,
    /// Mark bits, one per slot (small pages) or bit 0 (large objects).
    marks: Vec<u64>,
    /// Small pages: one bit per slot, set while the slot holds an object. The bits of
    /// nonexistent slots past the end of the page are set too, so they are never handed out.
    allocated: Vec<u64>,
    /// Small pages: whether an object with a destructor was allocated here since the page was
    /// last empty. Only such pages need their dead objects read when swept; on the others a
    /// dead slot is freed by clearing its bit.
    drops: bool,
    /// Small pages with room: the next page of the same class with room ([`NO_PAGE`] ends
    /// the list), so listing them allocates nothing.
    next_with_room: usize,
}

impl PageInfo {
    fn free() -> PageInfo {
        PageInfo {
            state: PageState::Free,
            marks: Vec::new(),
            allocated: Vec::new(),
            drops: false,
            next_with_room: NO_PAGE,
        }
    }

    /// Makes this page a small page of `kind`, every slot free. The bitmaps keep their
    /// storage from the page's earlier uses, room for the smallest class, so a page taken
    /// again allocates nothing.
    fn make_small(&mut self, kind: usize) {
        let slots = PAGE_SIZE / kind_size(kind);
        let words = slots.div_ceil(64);
        for bitmap in [&mut self.allocated, &mut self.marks] {
            bitmap.clear();
            bitmap.reserve_exact(MAX_BITMAP_WORDS);
            bitmap.resize(words, 0);
        }
        if !slots.is_multiple_of(64) {
            self.allocated[words - 1] = !0 << (slots % 64);
        }
        self.state = PageState::Small { kind: kind as u8 };
        self.drops = false;
    }

    /// Makes this page free (keeping its bitmaps' storage).
    fn make_free(&mut self) {
        self.state = PageState::Free;
        self.marks.clear();
        self.allocated.clear();
        self.drops = false;
    }

    /// Sets (or clears) the allocated bits of `count` slots from slot `first`.
    fn mark_allocated(&mut self, first: usize, count: usize, allocated: bool) {
        // A bitmap word at a time (a run is up to hundreds of slots).
        let (mut slot, end) = (first, first + count);
        while slot < end {
            let (word, bit) = (slot / 64, slot % 64);
            let n = (64 - bit).min(end - slot);
            let mask = match n {
                64 => u64::MAX,
                _ => ((1u64 << n) - 1) << bit,
            };
            match allocated {
                true => self.allocated[word] |= mask,
                false => self.allocated[word] &= !mask,
            }
            slot += n;
        }
    }

    /// Makes this page part of a large object (`state`), keeping its bitmaps' storage.
    fn make_large(&mut self, state: PageState) {
        self.make_free();
        self.state = state;
        self.marks.push(0);
        self.drops = true;
    }
}

/// Where allocation of one size class continues: a page and a bitmap word in it.
#[derive(Clone, Copy)]
struct Cursor {
    page: usize,
    word: usize,
}

/// No current page: take one from the class's list of pages with room, or a fresh one.
const NO_PAGE: usize = usize::MAX;

/// Marking state of one collection: owns the page table while it runs.
pub(crate) struct Marker {
    base: usize,
    end: usize,
    pages: Vec<PageInfo>,
    gray: Vec<usize>,
}

impl Marker {
    /// Marks the object at `addr`, known to be an object address.
    #[inline]
    pub(crate) fn mark_exact(&mut self, addr: usize) {
        debug_assert!(
            addr >= self.base && addr < self.end,
            "GC reference {addr:#x} outside the heap"
        );
        // SAFETY: `addr` is a live object, preceded by its header.
        if cfg!(debug_assertions) && unsafe { read_word(addr - HEADER_SIZE) } == 0 {
            panic!("GC invariant violated: a live object references freed object {addr:#x}");
        }
        let slot = addr - HEADER_SIZE;
        let page = (slot - self.base) / PAGE_SIZE;
        let (head, index, has_refs) = match self.pages[page].state {
            PageState::Small { kind } => (
                page,
                (slot - self.base - page * PAGE_SIZE) / kind_size(kind as usize),
                kind_has_refs(kind as usize),
            ),
            PageState::LargeHead { .. } => (page, 0, true),
            PageState::LargeTail { head } => (head as usize, 0, true),
            PageState::Free => {
                panic!("GC invariant violated: reference {addr:#x} into a free page")
            }
        };
        let word = &mut self.pages[head].marks[index / 64];
        let bit = 1u64 << (index % 64);
        if *word & bit == 0 {
            *word |= bit;
            if has_refs {
                self.gray.push(addr);
            }
        }
    }

    /// Marks whatever object `word` may point into (anywhere from its header to one past
    /// its end); ignores words that do not point into an allocated object.
    fn mark_conservative(&mut self, word: usize) {
        if word < self.base || word >= self.end {
            return;
        }
        let page = (word - self.base) / PAGE_SIZE;
        let page_start = self.base + page * PAGE_SIZE;
        match self.pages[page].state {
            PageState::Free => {}
            PageState::Small { kind } => {
                let size = kind_size(kind as usize);
                let offset = word - page_start;
                let index = offset / size;
                if offset.is_multiple_of(size) && index > 0 {
                    self.mark_slot_if_allocated(page_start + (index - 1) * size);
                }
                if index < PAGE_SIZE / size {
                    self.mark_slot_if_allocated(page_start + index * size);
                }
            }
            PageState::LargeHead { .. } => self.mark_slot_if_allocated(page_start),
            PageState::LargeTail { head } => {
                let head_start = self.base + head as usize * PAGE_SIZE;
                if let PageState::LargeHead { bytes, .. } = self.pages[head as usize].state {
                    if word <= head_start + bytes {
                        self.mark_slot_if_allocated(head_start);
                    }
                }
            }
        }
    }

    fn mark_slot_if_allocated(&mut self, slot: usize) {
        let page = (slot - self.base) / PAGE_SIZE;
        let allocated = match self.pages[page].state {
            PageState::Small { kind } => {
                let index = (slot - self.base - page * PAGE_SIZE) / kind_size(kind as usize);
                self.pages[page].allocated[index / 64] & (1 << (index % 64)) != 0
            }
            // SAFETY: a large object's page run starts with its header.
            _ => (unsafe { read_word(slot) }) != 0,
        };
        if allocated {
            self.mark_exact(slot + HEADER_SIZE);
        }
    }

    fn is_marked(&self, addr: usize) -> bool {
        let slot = addr - HEADER_SIZE;
        let page = (slot - self.base) / PAGE_SIZE;
        match self.pages[page].state {
            PageState::Small { kind } => {
                let index = (slot - self.base - page * PAGE_SIZE) / kind_size(kind as usize);
                self.pages[page].marks[index / 64] & (1 << (index % 64)) != 0
            }
            PageState::LargeHead { .. } => self.pages[page].marks[0] & 1 != 0,
            PageState::LargeTail { head } => self.pages[head as usize].marks[0] & 1 != 0,
            PageState::Free => false,
        }
    }

    /// Traces gray objects until none is left.
    ///
    /// Marking is bound by the latency of reading the headers of objects scattered over the
    /// heap, so objects wait in a small queue between leaving the gray stack and being
    /// traced, their header prefetched when they enter it (Boehm's and Cher et al.'s
    /// prefetch-on-gray FIFO).
    fn drain(&mut self) {
        const QUEUE: usize = 8;
        let mut queue = [0usize; QUEUE];
        let (mut head, mut len) = (0, 0);
        loop {
            while len < QUEUE {
                let Some(addr) = self.gray.pop() else { break };
                prefetch(addr - HEADER_SIZE);
                queue[(head + len) % QUEUE] = addr;
                len += 1;
            }
            if len == 0 {
                return;
            }
            let addr = queue[head];
            head = (head + 1) % QUEUE;
            len -= 1;
            // SAFETY: gray objects are live and fully initialized.
            unsafe {
                let info = header_type_info(addr);
                let mut tracer = Tracer {
                    sink: Sink::Mark(self),
                };
                (info.trace)(addr as *const u8, &mut tracer);
            }
        }
    }
}

/// A finalizer registered for an object: called once when the object is found unreachable.
struct Finalizer {
    object: usize,
    callback: usize,
    trampoline: unsafe fn(usize, usize),
}

/// A finalizer that is due, to be called after the collection that found it.
pub(crate) struct DueFinalizer(Finalizer);

impl DueFinalizer {
    fn run(self) {
        // SAFETY: the object was resurrected by the collection that queued it and is still
        // referenced from the queue's stack frame while the callback runs.
        unsafe { (self.0.trampoline)(self.0.object, self.0.callback) }
    }
}

/// One thread's heap.
pub(crate) struct Heap {
    base: usize,
    /// The size of the reserved region at `base`.
    region_size: usize,
    /// Pages handed out so far (a prefix of the region).
    high_water: usize,
    /// Pages made readable and writable so far.
    committed: usize,
    pages: Vec<PageInfo>,
    free_pages: PageSet,
    /// The marker's stack of gray objects, kept empty between collections (so collecting
    /// allocates nothing once it has grown).
    gray: Vec<usize>,
    /// Emptied pages still mapped, their old contents in place (see [`RETAINED_PAGES`]).
    retained: Vec<usize>,
    /// Stress mode: released pages wait here before reuse, so a stale reference into one
    /// reads a zero header and is reported instead of aliasing a new object.
    quarantine: VecDeque<usize>,
    cursors: [Cursor; NUM_KINDS],
    /// Per kind: the first of the small pages that had free slots after the last sweep,
    /// linked through [`PageInfo::next_with_room`] ([`NO_PAGE`]: none).
    pages_with_room: [usize; NUM_KINDS],
    roots: Vec<usize>,
    free_roots: Vec<usize>,
    /// `(address, length)` of registered slot ranges ([`crate::gc::RootedSlots`]); `(0, 0)`
    /// for a free entry.
    root_ranges: Vec<(usize, usize)>,
    free_root_ranges: Vec<usize>,
    finalizers: Vec<Finalizer>,
    due_finalizers: Vec<DueFinalizer>,
    config: HeapConfig,
    stats: GcStats,
    bytes_since_gc: usize,
    next_threshold: usize,
    stack_top: usize,
    collecting: bool,
    /// Stress mode: allocations left before the next forced collection.
    stress_countdown: u32,
    /// Per kind: the slots of the current [`AllocRun`], `start..limit` (`(0, 0)`: none).
    /// They are marked allocated while the run lasts, those past its bump pointer unused.
    runs: [(usize, usize); NUM_KINDS],
}

/// A run of consecutive free slots of one size class that compiled code allocates from
/// inline: the next slot is at `free`, and the run ends at `limit` (`free == limit`: empty,
/// take the slow path, [`allocate_inline_slow`]).
///
/// The run's slots are marked allocated when it is handed out; the unused rest is given back
/// before every collection (so the collector never sees a slot without an object) and
/// whenever statistics are read.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct AllocRun {
    /// Address of the next free slot (its header word).
    pub free: usize,
    /// End of the run.
    pub limit: usize,
}

const EMPTY_RUN: AllocRun = AllocRun { free: 0, limit: 0 };

/// The most slots one [`AllocRun`] holds.
const MAX_RUN_SLOTS: usize = 512;

thread_local! {
    // One per allocation kind. Not in `Heap`: compiled code reads and writes these words at a
    // fixed address. They are
    // cleared before the collector scans the stack (which may include the TLS block).
    static RUNS: UnsafeCell<[AllocRun; NUM_KINDS]> =
        const { UnsafeCell::new([EMPTY_RUN; NUM_KINDS]) };
}

/// How compiled code allocates an object of a type inline: bump `run.free` by `slot_size`
/// while it stays within `run.limit`, write the header (the type's [`TypeInfo`] address),
/// and call [`allocate_inline_slow`] otherwise.
#[derive(Clone, Copy, Debug)]
pub struct InlineAlloc {
    /// This thread's run for the type's allocation kind (valid for the thread's lifetime).
    pub run: *mut AllocRun,
    /// The size of a slot, header included.
    pub slot_size: usize,
}

/// The inline allocation of objects of `info` on this thread, or `None` if they are too big
/// for a size class.
pub fn inline_alloc(info: &TypeInfo) -> Option<InlineAlloc> {
    inline_alloc_sized(info, info.size)
}

/// The inline allocation of objects of `info` that are `size` bytes long (header excluded;
/// an array's length word and items) on this thread, or `None` if they are too big for a
/// size class or have a destructor (those take slots of their own, see [`allocate`]).
pub fn inline_alloc_sized(info: &TypeInfo, size: usize) -> Option<InlineAlloc> {
    if info.drop.is_some() {
        return None;
    }
    let kind = kind_of(object_total(size), info)?;
    let run = RUNS.with(|runs| runs.get().cast::<AllocRun>().wrapping_add(kind));
    Some(InlineAlloc {
        run,
        slot_size: kind_size(kind),
    })
}

/// Allocates an object of `info` and returns its address, for the JIT's `new` outside
/// compiled code; the caller writes every field before anything else can allocate. Exits the
/// process if the heap limit is exceeded, like [`Gc::new`](crate::gc::Gc::new).
pub fn allocate_object(info: &'static TypeInfo) -> usize {
    allocate(info.size, info).unwrap_or_else(|oom| out_of_memory(oom))
}

/// Slot bytes (header included) an object of `size` bytes needs.
#[inline]
fn object_total(size: usize) -> usize {
    (size + HEADER_SIZE).max(16)
}

/// The slow path of inline allocation: takes a new run for the size class of an object of
/// `info` that is `size` bytes long (as [`inline_alloc_sized`]; `info.size` for a struct),
/// which may collect first, and allocates one object from it. Returns the object's address;
/// its fields are for the caller to write before anything else can allocate. Exits the
/// process if the heap limit is exceeded, like [`Gc::new`](crate::gc::Gc::new).
pub extern "C" fn allocate_inline_slow(info: &'static TypeInfo, size: usize) -> usize {
    let kind = kind_of(object_total(size), info).expect("inline allocation of a small object");
    allocate_from_new_run(kind, info).unwrap_or_else(|oom| out_of_memory(oom))
}

/// Takes a new run of allocation kind `kind` (which may collect first) and allocates one object
/// of `info` from it: the object's address.
fn allocate_from_new_run(kind: usize, info: &'static TypeInfo) -> Result<usize, OutOfMemory> {
    let size = kind_size(kind);
    with_heap(|heap| heap.retire_run(kind));
    if with_heap(|heap| heap.wants_collection(size)) {
        collect();
    }
    // Retired again: the collection's finalizers may have run compiled code that took a run
    // of this kind.
    let run = with_heap(|heap| {
        heap.retire_run(kind);
        heap.take_run(kind)
    })?;
    // SAFETY: the run's first slot is free, committed memory of `size` bytes.
    unsafe { write_word(run.free, info as *const TypeInfo as usize) };
    RUNS.with(|runs| {
        // SAFETY: thread-local; nothing else holds a reference into it.
        let runs = unsafe { &mut *runs.get() };
        runs[kind] = AllocRun {
            free: run.free + size,
            limit: run.limit,
        };
    });
    Ok(run.free + HEADER_SIZE)
}

/// Allocates an object of `info` from this thread's run of allocation kind `kind` if it has
/// room (a bump, as compiled code does): its address.
fn allocate_in_run(kind: usize, info: &'static TypeInfo) -> Option<usize> {
    let size = kind_size(kind);
    let slot = RUNS.with(|runs| {
        // SAFETY: thread-local; nothing else holds a reference into it.
        let run = unsafe { &mut (*runs.get())[kind] };
        let fits = run.free != 0 && run.free + size <= run.limit;
        fits.then(|| {
            let slot = run.free;
            run.free += size;
            slot
        })
    })?;
    // SAFETY: a free slot of the run: committed memory of `size` bytes.
    unsafe { write_word(slot, info as *const TypeInfo as usize) };
    Some(slot + HEADER_SIZE)
}

thread_local! {
    // Boxed: glibc places a thread's TLS block inside the stack range that the collector
    // scans, and the heap's own bookkeeping (free-list heads) must not look like references.
    static HEAP: UnsafeCell<Option<Box<Heap>>> = const { UnsafeCell::new(None) };
}

/// Runs `f` on this thread's heap, creating it on first use.
///
/// Every entry point keeps its use of the heap inside one call of `with_heap` that never calls
/// back into user code, so two `&mut Heap` never coexist.
#[inline(always)]
fn with_heap<R>(f: impl FnOnce(&mut Heap) -> R) -> R {
    // The slot's address, then the work outside `LocalKey::with`: the allocation paths stay
    // one function (a closure passed to `with` may not be inlined).
    let slot = HEAP.with(|cell| cell.get());
    // SAFETY: see above; the heap is thread-local (the slot lives as long as the thread) and
    // calls do not nest.
    let slot = unsafe { &mut *slot };
    let heap = match slot {
        Some(heap) => heap,
        None => new_heap(slot),
    };
    f(heap)
}

/// Makes this thread's heap in its empty `slot`.
#[cold]
#[inline(never)]
fn new_heap(slot: &mut Option<Box<Heap>>) -> &mut Heap {
    slot.insert(Box::new(Heap::new()))
}

/// Like [`with_heap`], but does nothing (returns `None`) once the thread's heap is being torn
/// down; for destructors of roots and weak references.
fn try_with_heap<R>(f: impl FnOnce(&mut Heap) -> R) -> Option<R> {
    HEAP.try_with(|cell| {
        // SAFETY: as in `with_heap`.
        let slot = unsafe { &mut *cell.get() };
        slot.as_deref_mut().map(f)
    })
    .ok()
    .flatten()
}

/// Asks the processor to start loading the cache line at `addr` (a hint: it never faults).
#[inline(always)]
fn prefetch(addr: usize) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch has no architectural effect, whatever the address.
    unsafe {
        core::arch::x86_64::_mm_prefetch::<{ core::arch::x86_64::_MM_HINT_T0 }>(addr as *const i8)
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = addr;
}

#[inline(always)]
unsafe fn read_word(addr: usize) -> usize {
    *(addr as *const usize)
}

#[inline(always)]
unsafe fn write_word(addr: usize, value: usize) {
    *(addr as *mut usize) = value;
}

/// The type descriptor in the header of the object at `addr`.
///
/// # Safety
/// `addr` must be the address of a live object.
#[inline(always)]
pub(crate) unsafe fn header_type_info(addr: usize) -> &'static TypeInfo {
    &*(read_word(addr - HEADER_SIZE) as *const TypeInfo)
}

/// Panics if the object at `addr` has been freed (debug builds; see `Gc::deref`).
#[cfg(debug_assertions)]
#[inline]
pub(crate) fn debug_check_live(addr: usize) {
    // SAFETY: `addr` came from a `Gc`, so its header word is mapped memory.
    if unsafe { read_word(addr - HEADER_SIZE) } == 0 {
        panic!("use of a freed GC object at {addr:#x} (a Gc was kept where the collector cannot see it)");
    }
}

/// The allocation kind of an object of `total` bytes (header included) and type `info`, or
/// `None` if it is too big for a size class.
#[inline]
fn kind_of(total: usize, info: &TypeInfo) -> Option<usize> {
    let class = class_of(total)?;
    Some(if info.has_refs {
        class
    } else {
        NUM_CLASSES + class
    })
}

/// The slot size (header included) of allocation kind `kind`.
#[inline]
fn kind_size(kind: usize) -> usize {
    SLOT_SIZES[kind % NUM_CLASSES]
}

/// Whether objects of allocation kind `kind` may hold references (and need tracing).
#[inline]
fn kind_has_refs(kind: usize) -> bool {
    kind < NUM_CLASSES
}

#[inline]
fn class_of(total: usize) -> Option<usize> {
    if total <= 256 {
        Some(total.max(1).div_ceil(16) - 1)
    } else if total <= LARGEST_SLOT {
        SLOT_SIZES.iter().position(|&s| s >= total)
    } else {
        None
    }
}

/// Reserves the heap's address space: [`REGION_SIZE`], or less if the system refuses that
/// much. Its base and size.
fn reserve_region() -> Option<(usize, usize)> {
    let mut size = REGION_SIZE;
    while size >= SMALLEST_REGION_SIZE {
        // SAFETY: reserving address space only; nothing is accessible until committed.
        let base = unsafe {
            libc::mmap(
                core::ptr::null_mut(),
                size,
                libc::PROT_NONE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        if base != libc::MAP_FAILED {
            return Some((base as usize, size));
        }
        size /= 2;
    }
    None
}

impl Heap {
    fn new() -> Heap {
        let config = HeapConfig::from_env().unwrap_or_else(|e| {
            eprintln!("fatal error: {e}");
            std::process::exit(2)
        });
        barrier::set_checking(config.checks_barriers());
        let Some((base, region_size)) = reserve_region() else {
            eprintln!("fatal error: cannot reserve address space for the GC heap");
            std::process::abort();
        };
        Heap {
            base,
            region_size,
            // Page 0 is never used: the region's base address is a value the collector keeps
            // on its own stack while scanning it, and must not look like a reference.
            high_water: 1,
            committed: 0,
            pages: vec![PageInfo::free()],
            free_pages: PageSet::default(),
            gray: Vec::new(),
            retained: Vec::with_capacity(RETAINED_PAGES),
            quarantine: VecDeque::new(),
            cursors: [Cursor {
                page: NO_PAGE,
                word: 0,
            }; NUM_KINDS],
            pages_with_room: [NO_PAGE; NUM_KINDS],
            roots: Vec::new(),
            free_roots: Vec::new(),
            root_ranges: Vec::new(),
            free_root_ranges: Vec::new(),
            finalizers: Vec::new(),
            due_finalizers: Vec::new(),
            next_threshold: config.min_threshold,
            config,
            stats: GcStats::default(),
            bytes_since_gc: 0,
            stack_top: stack::current_stack_top(),
            collecting: false,
            stress_countdown: 1,
            runs: [(0, 0); NUM_KINDS],
        }
    }

    /// Hands out a run of free slots of `kind` (one slot in stress mode, so that every inline
    /// allocation counts towards the next forced collection): marks them allocated and
    /// accounts their bytes as live.
    #[inline]
    fn take_run(&mut self, kind: usize) -> Result<AllocRun, OutOfMemory> {
        let size = kind_size(kind);
        let oom = OutOfMemory {
            requested: size,
            limit: self.config.limit,
        };
        if self.stats.live_bytes + size > self.config.limit {
            return Err(oom);
        }
        // The first free slot, as ordinary allocation finds it, then the free slots after it:
        // the rest of its bitmap word, whole free words after that, and the free slots that
        // begin the next word.
        let first = self.take_small_slot(kind).ok_or(oom)?;
        let Cursor { page, word } = self.cursors[kind];
        let slot = (first - self.page_start(page)) / size;
        let room = ((self.config.limit - self.stats.live_bytes) / size).clamp(1, MAX_RUN_SLOTS);
        let mut slots = 1;
        if !self.config.stress {
            let allocated = &self.pages[page].allocated;
            let bit = slot % 64;
            slots += (!allocated[word] >> bit >> 1).trailing_ones() as usize;
            let mut next = word + 1;
            while slots == 64 * next - slot && next < allocated.len() && allocated[next] == 0 {
                slots += 64;
                next += 1;
            }
            if slots == 64 * next - slot && next < allocated.len() {
                slots += allocated[next].trailing_zeros() as usize;
            }
            slots = slots.min(room);
        }
        self.pages[page].mark_allocated(slot + 1, slots - 1, true);
        let bytes = slots * size;
        self.bytes_since_gc += bytes;
        self.stats.live_bytes += bytes;
        self.stats.bytes_allocated += bytes as u64;
        self.runs[kind] = (first, first + bytes);
        Ok(AllocRun {
            free: first,
            limit: first + bytes,
        })
    }

    /// Gives back the unused slots of the run of `kind` and counts the objects made in it.
    #[inline]
    fn retire_run(&mut self, kind: usize) {
        let (start, _) = std::mem::take(&mut self.runs[kind]);
        if start == 0 {
            return;
        }
        let run = RUNS.with(|runs| {
            // SAFETY: thread-local; nothing else holds a reference into it.
            std::mem::replace(unsafe { &mut (*runs.get())[kind] }, EMPTY_RUN)
        });
        let size = kind_size(kind);
        self.stats.objects_allocated += ((run.free - start) / size) as u64;
        let unused = (run.limit - run.free) / size;
        if unused == 0 {
            return;
        }
        let page = (run.free - self.base) / PAGE_SIZE;
        let first = (run.free - self.page_start(page)) / size;
        self.pages[page].mark_allocated(first, unused, false);
        let bytes = unused * size;
        self.bytes_since_gc = self.bytes_since_gc.saturating_sub(bytes);
        self.stats.live_bytes -= bytes;
        self.stats.bytes_allocated -= bytes as u64;
    }

    /// Retires every run (before a collection, or to read exact statistics).
    fn retire_runs(&mut self) {
        for kind in 0..NUM_KINDS {
            self.retire_run(kind);
        }
    }

    fn page_start(&self, page: usize) -> usize {
        self.base + page * PAGE_SIZE
    }

    /// Takes `count` contiguous free pages, growing the used prefix of the region if needed.
    fn take_pages(&mut self, count: usize) -> Option<usize> {
        if count == 1 {
            if let Some(page) = self.retained.pop() {
                return Some(page);
            }
            if let Some(page) = self.free_pages.pop_first() {
                return Some(page);
            }
        } else if let Some(start) = self.free_pages.take_run(count) {
            return Some(start);
        }
        let start = self.high_water;
        if (start + count) * PAGE_SIZE > self.region_size {
            return None;
        }
        self.high_water += count;
        if self.high_water > self.committed {
            let new_committed = self
                .high_water
                .next_multiple_of(COMMIT_CHUNK_PAGES)
                .min(self.region_size / PAGE_SIZE);
            // SAFETY: the range lies inside the reserved region.
            let rc = unsafe {
                libc::mprotect(
                    self.page_start(self.committed) as *mut libc::c_void,
                    (new_committed - self.committed) * PAGE_SIZE,
                    libc::PROT_READ | libc::PROT_WRITE,
                )
            };
            if rc != 0 {
                self.high_water -= count;
                return None;
            }
            self.committed = new_committed;
        }
        while self.pages.len() < self.high_water {
            self.pages.push(PageInfo::free());
        }
        Some(start)
    }

    /// Gives pages back: their memory is returned to the OS (reading as zero when used
    /// again) or, up to [`RETAINED_PAGES`], kept mapped as it is.
    fn release_pages(&mut self, first: usize, count: usize) {
        self.stats.heap_bytes -= count * PAGE_SIZE;
        // At most what the program allocates before the next collection is due (the heap
        // grows back by that much anyway, so the peak memory does not move).
        let room = RETAINED_PAGES.min(self.next_threshold / PAGE_SIZE);
        if !self.config.stress && self.retained.len() + count <= room {
            for page in first..first + count {
                self.pages[page].make_free();
                self.retained.push(page);
            }
            return;
        }
        // SAFETY: the pages are committed and no longer hold live objects.
        unsafe {
            libc::madvise(
                self.page_start(first) as *mut libc::c_void,
                count * PAGE_SIZE,
                libc::MADV_DONTNEED,
            );
        }
        for page in first..first + count {
            self.pages[page].make_free();
            if self.config.stress {
                self.quarantine.push_back(page);
            } else {
                self.free_pages.insert(page);
            }
        }
        while self.quarantine.len() > QUARANTINE_PAGES {
            let page = self.quarantine.pop_front().expect("non-empty quarantine");
            self.free_pages.insert(page);
        }
    }

    fn note_pages_in_use(&mut self, count: usize) {
        self.stats.heap_bytes += count * PAGE_SIZE;
        self.stats.peak_heap_bytes = self.stats.peak_heap_bytes.max(self.stats.heap_bytes);
    }

    /// Takes a free slot of `kind`: the next zero bit of the current page's allocated bitmap,
    /// moving on to pages with room, then to a fresh page. Returns the slot address.
    fn take_small_slot(&mut self, kind: usize) -> Option<usize> {
        loop {
            let Cursor { page, mut word } = self.cursors[kind];
            if page != NO_PAGE {
                let allocated = &mut self.pages[page].allocated;
                while word < allocated.len() {
                    let free = !allocated[word];
                    if free != 0 {
                        let bit = free.trailing_zeros() as usize;
                        allocated[word] |= 1 << bit;
                        self.cursors[kind] = Cursor { page, word };
                        return Some(self.page_start(page) + (word * 64 + bit) * kind_size(kind));
                    }
                    word += 1;
                }
            }
            let with_room = self.pages_with_room[kind];
            let next = match with_room != NO_PAGE {
                true => {
                    self.pages_with_room[kind] = self.pages[with_room].next_with_room;
                    with_room
                }
                false => {
                    let page = self.take_pages(1)?;
                    self.note_pages_in_use(1);
                    self.pages[page].make_small(kind);
                    page
                }
            };
            self.cursors[kind] = Cursor {
                page: next,
                word: 0,
            };
        }
    }

    /// Whether a request of `total` bytes should collect first.
    #[inline]
    fn wants_collection(&mut self, total: usize) -> bool {
        if self.config.stress {
            self.stress_countdown -= 1;
            if self.stress_countdown == 0 {
                self.stress_countdown = self.config.stress_interval.max(1);
                return true;
            }
        }
        self.bytes_since_gc + total > self.next_threshold
            || self.stats.live_bytes + total > self.config.limit
    }

    /// Takes a slot of `total` bytes (header included) and writes the header; the caller
    /// writes the object before anything else can collect.
    fn allocate_slot(
        &mut self,
        total: usize,
        info: &'static TypeInfo,
    ) -> Result<usize, OutOfMemory> {
        let oom = OutOfMemory {
            requested: total,
            limit: self.config.limit,
        };
        if self.stats.live_bytes + total > self.config.limit {
            return Err(oom);
        }
        let slot = match kind_of(total, info) {
            Some(kind) => {
                let slot = self.take_small_slot(kind).ok_or(oom)?;
                self.account(kind_size(kind));
                if info.drop.is_some() {
                    self.pages[(slot - self.base) / PAGE_SIZE].drops = true;
                }
                slot
            }
            None => {
                let pages = total.div_ceil(PAGE_SIZE);
                let Some(first) = self.take_pages(pages) else {
                    return Err(oom);
                };
                self.note_pages_in_use(pages);
                self.pages[first].make_large(PageState::LargeHead {
                    pages: pages as u32,
                    bytes: total,
                });
                for page in first + 1..first + pages {
                    self.pages[page].make_large(PageState::LargeTail { head: first as u32 });
                }
                self.account(pages * PAGE_SIZE);
                self.page_start(first)
            }
        };
        // SAFETY: the slot is committed memory owned by the new object.
        unsafe { write_word(slot, info as *const TypeInfo as usize) };
        Ok(slot + HEADER_SIZE)
    }

    fn account(&mut self, bytes: usize) {
        self.bytes_since_gc += bytes;
        self.stats.live_bytes += bytes;
        self.stats.bytes_allocated += bytes as u64;
        self.stats.objects_allocated += 1;
    }

    /// A full collection. Finalizers that became due are queued; the caller runs them once it
    /// no longer holds the heap.
    fn collect(&mut self) -> CollectionReport {
        if self.collecting {
            panic!("GC invariant violated: a collection was started from inside a collection (a Drop impl of a GC object allocated?)");
        }
        self.collecting = true;
        self.retire_runs();
        let started = Instant::now();
        let live_before = self.stats.live_bytes;
        let freed_before = self.stats.objects_freed;
        for page in &mut self.pages {
            page.marks.fill(0);
        }
        let mut marker = Marker {
            base: self.base,
            end: self.page_start(self.high_water),
            pages: std::mem::take(&mut self.pages),
            gray: std::mem::take(&mut self.gray),
        };
        let stack_top = self.stack_top;
        stack::with_registers_spilled(&mut |low| {
            let mut addr = low & !7;
            while addr < stack_top {
                // SAFETY: `[low, stack_top)` is this thread's live stack.
                let word = unsafe { core::ptr::read_volatile(addr as *const usize) };
                marker.mark_conservative(word);
                addr += 8;
            }
        });
        for &root in &self.roots {
            if root != 0 {
                marker.mark_exact(root);
            }
        }
        for &(start, len) in &self.root_ranges {
            for i in 0..len {
                // SAFETY: a registered range is live until unregistered (RootedSlots' drop).
                let slot = unsafe { core::ptr::read_volatile((start as *const usize).add(i)) };
                if slot != 0 {
                    marker.mark_exact(slot);
                }
            }
        }
        marker.drain();

        // Unreachable objects with finalizers: queue the finalizer and keep the object (and
        // what it references) alive until the callback has run. Weak references to them are
        // cleared first, as the object is already unreachable.
        let (due, pending): (Vec<_>, Vec<_>) = std::mem::take(&mut self.finalizers)
            .into_iter()
            .partition(|f| !marker.is_marked(f.object));
        self.finalizers = pending;
        weak::clear_unmarked(|addr| marker.is_marked(addr));
        for finalizer in &due {
            marker.mark_exact(finalizer.object);
        }
        marker.drain();
        self.due_finalizers
            .extend(due.into_iter().map(DueFinalizer));

        self.pages = marker.pages;
        self.gray = marker.gray;
        self.sweep();
        // SAFETY: after the sweep every allocated slot holds a live object, and the objects
        // it references are live too.
        let missed_barrier = barrier::checking()
            .then(|| unsafe { barrier::check_and_remember(|f| self.each_traced_object(f)) })
            .flatten();

        let pause = started.elapsed();
        self.stats.collections += 1;
        self.stats.total_pause += pause;
        self.stats.max_pause = self.stats.max_pause.max(pause);
        self.bytes_since_gc = 0;
        self.next_threshold = self.config.min_threshold.max(self.stats.live_bytes);
        self.collecting = false;
        CollectionReport {
            number: self.stats.collections,
            live_before,
            live_after: self.stats.live_bytes,
            objects_freed: self.stats.objects_freed - freed_before,
            heap_bytes: self.stats.heap_bytes,
            pause,
            missed_barrier,
        }
    }

    /// Calls `f` with the address and slot end of every allocated object that may hold
    /// references, in address order (after a sweep: every such slot holds a live object).
    fn each_traced_object(&self, f: &mut dyn FnMut(usize, usize)) {
        let mut page = 0;
        while page < self.high_water {
            let start = self.page_start(page);
            match self.pages[page].state {
                PageState::Small { kind } if kind_has_refs(kind as usize) => {
                    let size = kind_size(kind as usize);
                    let allocated = &self.pages[page].allocated;
                    for index in 0..PAGE_SIZE / size {
                        if allocated[index / 64] & (1 << (index % 64)) != 0 {
                            let slot = start + index * size;
                            f(slot + HEADER_SIZE, slot + size);
                        }
                    }
                    page += 1;
                }
                PageState::LargeHead { pages, bytes } => {
                    // SAFETY: a large object's page run starts with its header.
                    if unsafe { header_type_info(start + HEADER_SIZE) }.has_refs {
                        f(start + HEADER_SIZE, start + bytes);
                    }
                    page += pages as usize;
                }
                _ => page += 1,
            }
        }
    }

    fn sweep(&mut self) {
        self.cursors = [Cursor {
            page: NO_PAGE,
            word: 0,
        }; NUM_KINDS];
        self.pages_with_room = [NO_PAGE; NUM_KINDS];
        let mut live_bytes = 0;
        let poison = self.config.stress;
        let mut page = 0;
        while page < self.high_water {
            match self.pages[page].state {
                PageState::Free | PageState::LargeTail { .. } => page += 1,
                PageState::LargeHead { pages, .. } => {
                    let pages = pages as usize;
                    if self.pages[page].marks[0] & 1 != 0 {
                        live_bytes += pages * PAGE_SIZE;
                    } else {
                        let slot = self.page_start(page);
                        // SAFETY: the object is dead and initialized.
                        unsafe { free_object(slot, None) };
                        self.stats.objects_freed += 1;
                        self.release_pages(page, pages);
                    }
                    page += pages;
                }
                PageState::Small { kind } => {
                    let kind = kind as usize;
                    let size = kind_size(kind);
                    let start = self.page_start(page);
                    let mut live = 0;
                    let mut has_room = false;
                    let info = &mut self.pages[page];
                    // Dead objects without destructors need no visit (debug builds and stress
                    // mode still clear or poison them, to catch uses after free).
                    let visit = info.drops || poison || cfg!(debug_assertions);
                    for word in 0..info.allocated.len() {
                        let mut dead = info.allocated[word] & !info.marks[word];
                        if word == info.allocated.len() - 1
                            && !(PAGE_SIZE / size).is_multiple_of(64)
                        {
                            dead &= !(!0u64 << ((PAGE_SIZE / size) % 64));
                        }
                        info.allocated[word] &= !dead;
                        live += (info.allocated[word] & info.marks[word]).count_ones() as usize;
                        has_room |= info.allocated[word] != !0;
                        if !visit {
                            self.stats.objects_freed += u64::from(dead.count_ones());
                            continue;
                        }
                        while dead != 0 {
                            let bit = dead.trailing_zeros() as usize;
                            dead &= dead - 1;
                            // SAFETY: the slot held an object that is dead.
                            unsafe {
                                free_object(
                                    start + (word * 64 + bit) * size,
                                    poison.then_some(size),
                                )
                            };
                            self.stats.objects_freed += 1;
                        }
                    }
                    if live == 0 {
                        self.release_pages(page, 1);
                    } else {
                        live_bytes += live * size;
                        if has_room {
                            self.pages[page].next_with_room = self.pages_with_room[kind];
                            self.pages_with_room[kind] = page;
                        }
                    }
                    page += 1;
                }
            }
        }
        self.stats.live_bytes = live_bytes;
    }

    fn add_root(&mut self, addr: usize) -> usize {
        match self.free_roots.pop() {
            Some(index) => {
                self.roots[index] = addr;
                index
            }
            None => {
                self.roots.push(addr);
                self.roots.len() - 1
            }
        }
    }
}

/// Runs the destructor of the dead object in `slot` and marks the slot free (zero header);
/// with `poison = Some(size)` the rest of the slot is overwritten with a poison pattern.
unsafe fn free_object(slot: usize, poison: Option<usize>) {
    let info = &*(read_word(slot) as *const TypeInfo);
    if let Some(drop) = info.drop {
        drop((slot + HEADER_SIZE) as *mut u8);
    }
    write_word(slot, 0);
    if let Some(size) = poison {
        core::ptr::write_bytes((slot + HEADER_SIZE) as *mut u8, POISON, size - HEADER_SIZE);
    }
}

impl Drop for Heap {
    fn drop(&mut self) {
        // Run the destructors of objects still alive, so their malloc'ed parts are not leaked.
        let mut page = 0;
        while page < self.high_water {
            let start = self.page_start(page);
            match self.pages[page].state {
                // Only pages where objects with destructors were made hold any.
                PageState::Small { kind } if self.pages[page].drops => {
                    let size = kind_size(kind as usize);
                    let (run_start, run_limit) = self.runs[kind as usize];
                    let allocated = &self.pages[page].allocated;
                    for index in 0..PAGE_SIZE / size {
                        let slot = start + index * size;
                        // A run's slots hold objects without destructors, or nothing yet.
                        let in_run = (run_start..run_limit).contains(&slot);
                        if allocated[index / 64] & (1 << (index % 64)) != 0 && !in_run {
                            // SAFETY: an allocated slot outside a run holds an initialized
                            // object.
                            unsafe { free_object(slot, None) };
                        }
                    }
                    page += 1;
                }
                PageState::LargeHead { pages, .. } => {
                    // SAFETY: an allocated large object.
                    unsafe { free_object(start, None) };
                    page += pages as usize;
                }
                _ => page += 1,
            }
        }
        // SAFETY: unmapping the region reserved in `Heap::new`.
        unsafe { libc::munmap(self.base as *mut libc::c_void, self.region_size) };
    }
}

// ---------------------------------------------------------------------------------------------
// Entry points used by the rest of `gc`.

/// Allocates `size` bytes for an object of type `info` and returns its address; the caller
/// must initialize the object before anything else can allocate.
#[inline]
pub(crate) fn allocate(size: usize, info: &'static TypeInfo) -> Result<usize, OutOfMemory> {
    let total = object_total(size);
    // Small objects come from the size class's run, like compiled code's; those with a
    // destructor take a slot of their own, marking its page as one the sweep must read.
    if let (Some(kind), None) = (kind_of(total, info), info.drop) {
        return match allocate_in_run(kind, info) {
            Some(object) => Ok(object),
            None => allocate_from_new_run(kind, info),
        };
    }
    if with_heap(|heap| heap.wants_collection(total)) {
        collect();
        if with_heap(|heap| heap.stats.live_bytes + total > heap.config.limit) {
            return Err(with_heap(|heap| OutOfMemory {
                requested: total,
                limit: heap.config.limit,
            }));
        }
    }
    with_heap(|heap| heap.allocate_slot(total, info))
}

/// What one collection did, for the `gc-collect` log section.
struct CollectionReport {
    number: u64,
    live_before: usize,
    live_after: usize,
    objects_freed: u64,
    heap_bytes: usize,
    pause: std::time::Duration,
    /// What the write-barrier check found (`gc::barrier`), if it is on.
    missed_barrier: Option<String>,
}

/// Runs a full collection now, then the finalizers it found due. Never inlined: the
/// allocation paths that call it stay small.
#[inline(never)]
pub fn collect() {
    let section = log::begin(&log::GC_COLLECT, |_| {});
    let report = with_heap(Heap::collect);
    if let Some(section) = section {
        section.write(|out| {
            let _ = writeln!(
                out,
                "collection {}: live {} -> {} bytes, {} objects freed, heap {} bytes, pause {} us",
                report.number,
                report.live_before,
                report.live_after,
                report.objects_freed,
                report.heap_bytes,
                report.pause.as_micros()
            );
        });
    }
    if let Some(missed) = report.missed_barrier {
        panic!("{missed}");
    }
    run_due_finalizers();
}

/// Writes this thread's collection statistics as a `gc-summary` log section.
pub fn log_summary() {
    let stats = stats();
    log::section(&log::GC_SUMMARY, |out| {
        let _ = writeln!(out, "collections: {}", stats.collections);
        let _ = writeln!(out, "total pause: {} us", stats.total_pause.as_micros());
        let _ = writeln!(out, "max pause: {} us", stats.max_pause.as_micros());
        let _ = writeln!(out, "objects allocated: {}", stats.objects_allocated);
        let _ = writeln!(out, "bytes allocated: {}", stats.bytes_allocated);
        let _ = writeln!(out, "objects freed: {}", stats.objects_freed);
        let _ = writeln!(out, "live bytes: {}", stats.live_bytes);
        let _ = writeln!(out, "peak heap bytes: {}", stats.peak_heap_bytes);
    });
}

fn run_due_finalizers() {
    loop {
        let due = with_heap(|heap| std::mem::take(&mut heap.due_finalizers));
        if due.is_empty() {
            return;
        }
        for finalizer in due {
            finalizer.run();
        }
    }
}

/// This thread's collection statistics.
pub fn stats() -> GcStats {
    with_heap(|heap| {
        heap.retire_runs();
        heap.stats.clone()
    })
}

/// This thread's heap configuration.
pub fn config() -> HeapConfig {
    with_heap(|heap| heap.config.clone())
}

/// Changes this thread's heap configuration (limit, stress mode, thresholds).
pub fn configure(config: HeapConfig) {
    with_heap(|heap| {
        heap.retire_runs();
        heap.next_threshold = config.min_threshold;
        heap.stress_countdown = config.stress_interval.max(1);
        barrier::set_checking(config.checks_barriers());
        heap.config = config;
    })
}

/// Switches stress mode (collect at every allocation, poison freed memory) on or off.
pub fn set_stress(on: bool) {
    with_heap(|heap| {
        heap.retire_runs();
        heap.config.stress = on;
        heap.config.stress_interval = 1;
        heap.stress_countdown = 1;
        barrier::set_checking(heap.config.checks_barriers());
    })
}

pub(crate) fn register_root(addr: usize) -> usize {
    with_heap(|heap| heap.add_root(addr))
}

pub(crate) fn root_get(index: usize) -> usize {
    with_heap(|heap| heap.roots[index])
}

pub(crate) fn root_set(index: usize, addr: usize) {
    with_heap(|heap| heap.roots[index] = addr)
}

pub(crate) fn register_root_range(start: usize, len: usize) -> usize {
    with_heap(|heap| match heap.free_root_ranges.pop() {
        Some(index) => {
            heap.root_ranges[index] = (start, len);
            index
        }
        None => {
            heap.root_ranges.push((start, len));
            heap.root_ranges.len() - 1
        }
    })
}

pub(crate) fn unregister_root_range(index: usize) {
    try_with_heap(|heap| {
        heap.root_ranges[index] = (0, 0);
        heap.free_root_ranges.push(index);
    });
}

pub(crate) fn unregister_root(index: usize) {
    try_with_heap(|heap| {
        heap.roots[index] = 0;
        heap.free_roots.push(index);
    });
}

pub(crate) fn register_finalizer(
    object: usize,
    callback: usize,
    trampoline: unsafe fn(usize, usize),
) {
    with_heap(|heap| {
        heap.finalizers.push(Finalizer {
            object,
            callback,
            trampoline,
        })
    })
}
