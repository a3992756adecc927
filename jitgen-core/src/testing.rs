//! The interpreter-level test harness: what a language author uses in their own crate to
//! check what the JIT does with their interpreter.
//!
//! Run the interpreter under the JIT with [`run_jitted`] (on a thread of its own with a large
//! stack and the given `--jit` settings, typically a low threshold), then assert on the
//! returned [`JitStats`] (loops compiled, aborts by reason, guard failures) and on the text of
//! the compiled loops ([`JitStats::traces`]), with [`op_count`] or an insta snapshot:
//!
//! ```text
//! let (result, jit) = jitgen_core::testing::run_jitted("threshold=2", || my_interp::run(PROGRAM));
//! assert_eq!(result, 4950);
//! assert_eq!(jit.loops, 1);
//! assert_eq!(jitgen_core::testing::op_count(&jit.traces[0], "getarrayitem"), 0);
//! ```
//!
//! [`observe_traces`] hands every compiled trace itself (not only its text) to a test, on the
//! JIT's thread: e.g. [`check_text_round_trip`], which checks that its text parses back
//! ([`TraceLoop::parse`]).
//!
//! [`CountingAllocator`], installed as a test binary's global allocator, counts heap
//! allocations (what moving between the interpreter and compiled code must not do).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use crate::params::JitConfig;
use crate::trace::{Namespace, TraceLoop};

pub use crate::metainterp::warmup::JitStats;

/// The system allocator, counting the allocations of the whole process and of each thread:
/// install it with `#[global_allocator] static A: CountingAllocator = CountingAllocator::new();`
/// in a test binary whose tests run one at a time, and read [`CountingAllocator::allocations`]
/// or, on the thread that does the work, [`CountingAllocator::allocations_on_this_thread`]
/// (which the test harness's own threads cannot disturb: it reports a test running past 60
/// seconds, allocating, from its main thread).
pub struct CountingAllocator {
    allocations: AtomicU64,
}

impl CountingAllocator {
    /// A counter at zero.
    pub const fn new() -> CountingAllocator {
        CountingAllocator {
            allocations: AtomicU64::new(0),
        }
    }

    /// Allocations (and reallocations) so far.
    pub fn allocations(&self) -> u64 {
        self.allocations.load(Ordering::Relaxed)
    }

    /// Allocations (and reallocations) the calling thread made so far.
    pub fn allocations_on_this_thread(&self) -> u64 {
        THREAD_ALLOCATIONS.with(Cell::get)
    }

    fn count(&self) {
        self.allocations.fetch_add(1, Ordering::Relaxed);
        // A const-initialized counter without a destructor: reading it never allocates.
        let _ = THREAD_ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
    }
}

thread_local! {
    /// The allocations of this thread, for [`CountingAllocator`].
    static THREAD_ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
}

impl Default for CountingAllocator {
    fn default() -> Self {
        CountingAllocator::new()
    }
}

// SAFETY: every call is passed on to the system allocator unchanged.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        self.count();
        System.alloc(layout)
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        self.count();
        System.alloc_zeroed(layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        self.count();
        System.realloc(ptr, layout, new_size)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
}

/// Stack size of the thread [`run_jitted`] runs on.
const STACK: usize = 1 << 30;

/// Runs `f` on a fresh thread configured with the `--jit` settings `jit`; its result and
/// what the JIT did. Panics if `jit` is invalid (a test's mistake) or if `f` panics.
pub fn run_jitted<R: Send + 'static>(
    jit: &str,
    f: impl FnOnce() -> R + Send + 'static,
) -> (R, JitStats) {
    let config = JitConfig::parse(jit).unwrap_or_else(|e| panic!("bad --jit settings: {e}"));
    let thread = std::thread::Builder::new()
        .name("jitted".into())
        .stack_size(STACK)
        .spawn(move || {
            crate::jit::configure(&config);
            let result = f();
            (result, crate::jit::stats())
        })
        .expect("spawn the interpreter thread");
    match thread.join() {
        Ok(outcome) => outcome,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// The process's trace observer, if a test installed one.
static OBSERVER: OnceLock<fn(&TraceLoop)> = OnceLock::new();

/// Installs `observer`: from now on every thread of the process calls it with each loop and
/// bridge it compiles (optimized, when its text is logged), on that thread, so the trace's
/// objects and [`crate::jitcode::registry::with_registry`] are at hand. One observer per process: the
/// first installed stays (a test binary installs the same one from each test). It must not
/// call back into the JIT's state ([`crate::jit::stats`], `can_enter_jit`).
pub fn observe_traces(observer: fn(&TraceLoop)) {
    let _ = OBSERVER.set(observer);
}

/// An observer for [`observe_traces`]: checks that `trace`'s text parses back, with the
/// names of this thread's staged code ([`Namespace::from_registry`], which builds every
/// staged jitcode) and the trace's own reference constants, into a trace printing the same
/// text. Panics (on the JIT's thread) if not.
pub fn check_text_round_trip(trace: &TraceLoop) {
    let text = trace.to_string();
    let mut names = crate::jitcode::registry::with_registry(Namespace::from_registry);
    names.add_constants_of(trace);
    // Which loop a `jump` enters is a comment to the parser.
    let expected = match &trace.jump_to {
        Some(target) => text.replace(&format!(" ; to {target:?}"), ""),
        None => text.clone(),
    };
    match TraceLoop::parse(&text, &names) {
        Ok(parsed) => assert_eq!(parsed.to_string(), expected, "the text of a parsed trace"),
        Err(e) => panic!("jitgen: a trace's text does not parse back: {e}\n{text}"),
    }
}

/// Shows a finished trace to the observer, if there is one.
pub(crate) fn observe(trace: &TraceLoop) {
    if let Some(observer) = OBSERVER.get() {
        observer(trace);
    }
}

/// How many ops of a trace's text form are named `name` (`int_add`, `guard_value`,
/// `getarrayitem`, `call`, ...).
pub fn op_count(trace: &str, name: &str) -> usize {
    trace
        .lines()
        .filter(|line| op_name(line) == Some(name))
        .count()
}

/// The op name of one line of a trace's text form.
fn op_name(line: &str) -> Option<&str> {
    let line = line.trim();
    if line.starts_with("loop ") || line.is_empty() {
        return None;
    }
    // Resume data (`[...]`) may hold `=` too.
    let op = line.split_once(" [").map_or(line, |(op, _)| op);
    let rhs = op.split_once(" = ").map_or(op, |(_, rhs)| rhs);
    let name = rhs.split([' ', '(']).next()?;
    Some(name)
}

/// A writer into a shared buffer, readable once the interpreter thread writing it is done: a
/// client's captured standard output and error (e.g. a `run_captured` for its tests).
#[derive(Clone, Default)]
pub struct SharedBuffer(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for SharedBuffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .map_err(|_| std::io::Error::other("poisoned output buffer"))?
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl SharedBuffer {
    /// What was written.
    pub fn bytes(&self) -> Vec<u8> {
        self.0.lock().map(|b| b.clone()).unwrap_or_default()
    }

    /// What was written, as text (invalid UTF-8 replaced).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes()).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_ops_by_name() {
        let text = "loop main:4(i0, r1)\n  i2 = int_add i0, 1\n  guard_true i2 [f@3 i0=i2]\n  i3 = int_add(i64) i2, 1\n  setfield Frame.sp r1, i3\n  jump i3, r1\n";
        assert_eq!(op_count(text, "int_add"), 2);
        assert_eq!(op_count(text, "guard_true"), 1);
        assert_eq!(op_count(text, "setfield"), 1);
        assert_eq!(op_count(text, "jump"), 1);
        assert_eq!(op_count(text, "loop"), 0);
        let guard = "  guard_true i2 [f@1 r0=r3; virtual r3 = call new_int i2]\n";
        assert_eq!(op_count(guard, "call"), 0);
        assert_eq!(op_count(guard, "guard_true"), 1);
    }

    #[test]
    fn runs_on_a_configured_thread() {
        let (mode, stats) = run_jitted("blackhole", crate::jit::mode);
        assert_eq!(mode, crate::params::JitMode::Blackhole);
        // Nothing compiled; the backend is the one this crate has (no native one linked).
        let expected = JitStats {
            backend: crate::backend::reference::NAME.to_string(),
            ..JitStats::default()
        };
        assert_eq!(stats, expected);
    }
}
