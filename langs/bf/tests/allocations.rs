//! Moving between the interpreter and compiled code costs no heap allocation: once a program's
//! loops and bridges are compiled, running it again (entering compiled code from the
//! interpreter, jumping from loop to loop, leaving it at the portal's return) allocates
//! nothing. The interpreter thread counts its own allocations.

use bf::interp::{execute, TAPE_CELLS};
use bf::program::Program;
use jitgen_core::gc::{self, GcArray, HeapConfig};
use jitgen_core::metainterp::warmup::JitStats;
use jitgen_core::params::JitConfig;
use jitgen_core::testing::CountingAllocator;

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator::new();

/// Three sibling loops that leave the tape as they found it: the first moves 8 * 8 into
/// cell 1, the second moves it back to cell 0, the third clears cell 0.
const SIBLING_LOOPS: &str = "++++++++[>++++++++<-]>[<+>-]<[-]";

/// Runs of the program before counting (its loops and bridges compile) and while counting.
const WARM_UP_RUNS: usize = 2_000;
const COUNTED_RUNS: usize = 2_000;

/// Runs the sibling loops `WARM_UP_RUNS` times under the JIT settings `jit`, then counts
/// the allocations of `COUNTED_RUNS` more runs on the interpreter thread: those, and the JIT's
/// statistics before and after them.
fn count_allocations(jit: &'static str) -> (u64, JitStats, JitStats) {
    let thread = std::thread::spawn(move || {
        gc::configure(HeapConfig::default());
        jitgen_core::jit::configure(&JitConfig::parse(jit).unwrap());
        let program = Program::load(SIBLING_LOOPS).expect("a valid program");
        let tape = GcArray::new(TAPE_CELLS, 0u8);
        for _ in 0..WARM_UP_RUNS {
            execute(program, tape).expect("stays on the tape");
        }
        let before = jitgen_core::jit::stats();
        let allocations = ALLOCATOR.allocations_on_this_thread();
        for _ in 0..COUNTED_RUNS {
            execute(program, tape).expect("stays on the tape");
        }
        let allocations = ALLOCATOR.allocations_on_this_thread() - allocations;
        let after = jitgen_core::jit::stats();
        (allocations, before, after)
    });
    thread.join().expect("the interpreter thread")
}

#[test]
fn compiled_code_is_entered_left_and_jumped_between_without_allocating() {
    let (allocations, before, after) = count_allocations("threshold=3,trace_eagerness=3");
    // Every run entered compiled code, and nothing new was compiled or left through a guard.
    assert!(
        after.loop_entries - before.loop_entries >= COUNTED_RUNS as u64,
        "{} entries in {COUNTED_RUNS} runs",
        after.loop_entries - before.loop_entries
    );
    assert_eq!(after.loops + after.bridges, before.loops + before.bridges);
    assert_eq!(after.guard_failures, before.guard_failures);
    assert_eq!(
        allocations, 0,
        "allocations in {COUNTED_RUNS} runs of compiled code"
    );
}

/// A guard that fails without a bridge (its eagerness never reached) resumes in the blackhole
/// interpreter up to the next merge point, where the native interpreter goes on: that costs no
/// heap allocation either.
#[test]
fn a_guard_failure_resumed_in_the_blackhole_interpreter_allocates_nothing() {
    let (allocations, before, after) = count_allocations("threshold=3,trace_eagerness=1000000");
    let failures = after.guard_failures - before.guard_failures;
    assert!(
        failures >= COUNTED_RUNS as u64,
        "{failures} guard failures in {COUNTED_RUNS} runs"
    );
    assert_eq!(after.loops + after.bridges, before.loops + before.bridges);
    assert_eq!(allocations, 0, "allocations in {failures} guard failures");
}
