//! Compiled code calling compiled code (`call_assembler`) and the moves between the
//! interpreter and compiled code cost no heap allocation: a program twice as long allocates
//! exactly as much. The test process counts every allocation; its one test runs alone.

use jitgen_core::params::JitConfig;
use jitgen_core::testing::CountingAllocator;
use toy::run::{run, run_captured, RunOptions};

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator::new();

/// A loop calling a recursive function `rounds` times: the loop's trace and the function's
/// entry trace call the function's compiled code (`call_assembler`).
fn program(rounds: u32) -> String {
    format!(
        "
fn fib(n) {{ if n < 2 {{ return n; }} return fib(n - 1) + fib(n - 2); }}
let i = 0; let t = 0;
while i < {rounds} {{ t = t + fib(12); i = i + 1; }}
print(t);
"
    )
}

fn options() -> RunOptions {
    RunOptions {
        jit: JitConfig::parse("threshold=5,function_threshold=5").unwrap(),
        ..RunOptions::default()
    }
}

/// Allocations made by running `source`.
fn allocations(source: &str) -> u64 {
    let before = ALLOCATOR.allocations();
    let status = run(
        "test.toy",
        source,
        &options(),
        Box::new(std::io::sink()),
        Box::new(std::io::sink()),
    );
    assert_eq!(status, 0);
    ALLOCATOR.allocations() - before
}

#[test]
fn calls_between_compiled_functions_allocate_nothing() {
    // What the JIT does with the program: fib's code calls itself directly.
    let outcome = run_captured("test.toy", &program(2_000), &options());
    assert_eq!(outcome.stdout, format!("{}\n", 144 * 2_000));
    let calls: usize = outcome
        .jit
        .traces
        .iter()
        .map(|t| jitgen_core::testing::op_count(t, "call_assembler"))
        .sum();
    assert!(calls >= 2, "{:?}", outcome.jit.traces);
    // Warm-up and compilation cost the same in both; the extra rounds cost nothing.
    let (short, long) = (allocations(&program(2_000)), allocations(&program(4_000)));
    assert_eq!(
        long,
        short,
        "2,000 more rounds allocated {} times",
        long.abs_diff(short)
    );
}
