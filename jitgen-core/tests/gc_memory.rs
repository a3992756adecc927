//! Peak memory under a fixed heap limit: a program that allocates far more than the limit in
//! short-lived objects must run in bounded memory. Its own test binary, so the process's peak
//! RSS belongs to this test alone.

use jitgen_core::gc::{self, Gc, GcArray, HeapConfig, Mut};

#[jitgen_core::layout]
struct Cons {
    head: i64,
    tail: Mut<Option<Gc<Cons>>>,
}

fn peak_rss_bytes() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let line = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .expect("VmHWM line");
    let kib: usize = line
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .expect("VmHWM value");
    kib * 1024
}

#[test]
fn allocating_ten_times_the_limit_in_short_lived_objects_stays_within_bounds() {
    const LIMIT: usize = 32 << 20;
    gc::configure(HeapConfig {
        limit: LIMIT,
        min_threshold: 8 << 20,
        ..HeapConfig::default()
    });
    let baseline = peak_rss_bytes();
    let mut checksum = 0i64;
    let mut long_lived: Option<Gc<Cons>> = None;
    for round in 0..10_000i64 {
        // Short-lived: a list of 1000 cells and an 8 KB array, dropped at the end of the round.
        let mut list: Option<Gc<Cons>> = None;
        for i in 0..1000 {
            list = Some(Gc::new(Cons {
                head: i,
                tail: Mut::new(list),
            }));
        }
        let array = GcArray::new(1000, round);
        checksum += list.map_or(0, |c| c.head) + array.get(999);
        // A slowly growing long-lived list, so the live heap is not empty.
        if round % 10 == 0 {
            long_lived = Some(Gc::new(Cons {
                head: round,
                tail: Mut::new(long_lived),
            }));
        }
    }
    let stats = gc::stats();
    assert_eq!(checksum, 10_000 * 999 + (0..10_000).sum::<i64>());
    assert!(
        stats.bytes_allocated as usize >= 10 * LIMIT,
        "allocated only {} bytes",
        stats.bytes_allocated
    );
    assert!(
        stats.collections >= 10,
        "only {} collections",
        stats.collections
    );
    let growth = peak_rss_bytes().saturating_sub(baseline);
    eprintln!(
        "allocated {} MiB in {} collections under a {} MiB limit; peak RSS grew by {} MiB",
        stats.bytes_allocated >> 20,
        stats.collections,
        LIMIT >> 20,
        growth >> 20
    );
    assert!(
        growth < LIMIT + (16 << 20),
        "peak RSS grew by {} MiB",
        growth >> 20
    );
    let mut length = 0;
    while let Some(cell) = long_lived {
        length += 1;
        long_lived = cell.tail.get();
    }
    assert_eq!(length, 1000);
}
