//! Behaviour of the GC heap: allocation, reachability from the stack, roots, weak references,
//! finalizers, the heap limit, the collections, and stress mode.

use jitgen_core::gc::{
    self, register_finalizer, Gc, GcArray, GcImmutableArray, GcRef, GcTable, GcVec, HeapConfig,
    Mut, Root, Weak,
};

#[jitgen_core::layout]
struct Node {
    value: i64,
    next: Mut<Option<Gc<Node>>>,
}

#[jitgen_core::layout]
struct Pair {
    left: Gc<Node>,
    right: Gc<Node>,
}

/// Builds a list of `n` nodes holding `0..n`, head first.
fn list(n: i64) -> Gc<Node> {
    let mut head = Gc::new(Node {
        value: n - 1,
        next: Mut::new(None),
    });
    for value in (0..n - 1).rev() {
        head = Gc::new(Node {
            value,
            next: Mut::new(Some(head)),
        });
    }
    head
}

fn list_sum(mut node: Option<Gc<Node>>) -> i64 {
    let mut sum = 0;
    while let Some(n) = node {
        sum += n.value;
        node = n.next.get();
    }
    sum
}

/// Overwrites a stretch of stack below the caller so that stale copies of dead references
/// left by earlier calls do not keep objects alive through conservative scanning.
#[inline(never)]
fn clobber_stack() {
    let buffer = [0usize; 4096];
    std::hint::black_box(&buffer);
}

/// Allocates `n` unreachable nodes and returns weak references to them.
#[inline(never)]
fn garbage_with_weaks(n: usize) -> Vec<Weak<Node>> {
    (0..n)
        .map(|i| {
            Weak::new(Gc::new(Node {
                value: i as i64,
                next: Mut::new(None),
            }))
        })
        .collect()
}

#[inline(never)]
fn rooted_nodes(n: usize) -> Vec<Root<Node>> {
    (0..n)
        .map(|i| {
            Root::new(Gc::new(Node {
                value: i as i64,
                next: Mut::new(None),
            }))
        })
        .collect()
}

#[test]
fn objects_reachable_from_the_stack_survive_collections() {
    let head = list(1000);
    for _ in 0..3 {
        gc::collect();
    }
    assert_eq!(list_sum(Some(head)), 999 * 1000 / 2);
}

#[test]
fn unreachable_objects_are_freed_and_weak_references_cleared() {
    let before = gc::stats().objects_freed;
    let weaks = garbage_with_weaks(200);
    clobber_stack();
    gc::collect();
    let cleared = weaks.iter().filter(|w| w.get().is_none()).count();
    // Conservative scanning may keep a stray object or two alive; nearly all must go.
    assert!(
        cleared >= 190,
        "only {cleared} of 200 weak references were cleared"
    );
    assert!(gc::stats().objects_freed - before >= 190);
}

#[test]
fn weak_references_to_live_objects_stay_valid() {
    let node = Gc::new(Node {
        value: 7,
        next: Mut::new(None),
    });
    let weak = Weak::new(node);
    gc::collect();
    assert_eq!(weak.get().map(|n| n.value), Some(7));
    assert!(Gc::ptr_eq(weak.get().unwrap(), node));
}

#[test]
fn roots_keep_objects_alive_until_dropped() {
    let roots = rooted_nodes(50);
    let weaks: Vec<Weak<Node>> = roots.iter().map(|r| Weak::new(r.get())).collect();
    clobber_stack();
    gc::collect();
    for (i, root) in roots.iter().enumerate() {
        assert_eq!(root.get().value, i as i64);
    }
    drop(roots);
    clobber_stack();
    gc::collect();
    let cleared = weaks.iter().filter(|w| w.get().is_none()).count();
    assert!(
        cleared >= 45,
        "only {cleared} of 50 unrooted objects were freed"
    );
}

#[test]
fn a_root_can_be_retargeted_and_cloned() {
    let root = Root::new(list(3));
    let other = root.clone();
    root.set(list(5));
    gc::collect();
    assert_eq!(list_sum(Some(root.get())), 10);
    assert_eq!(list_sum(Some(other.get())), 3);
}

thread_local! {
    static FINALIZED: std::cell::RefCell<Vec<i64>> = const { std::cell::RefCell::new(Vec::new()) };
    static RESURRECTED: std::cell::RefCell<Option<Root<Node>>> = const { std::cell::RefCell::new(None) };
}

#[inline(never)]
fn finalizable_garbage(n: i64) {
    for value in 0..n {
        let node = Gc::new(Node {
            value,
            next: Mut::new(Some(list(3))),
        });
        register_finalizer(node, |node| {
            // The object and what it references are intact while the finalizer runs.
            assert_eq!(list_sum(node.next.get()), 3);
            FINALIZED.with(|f| f.borrow_mut().push(node.value));
        });
    }
}

#[test]
fn finalizers_run_once_for_unreachable_objects() {
    finalizable_garbage(20);
    let kept = Gc::new(Node {
        value: 100,
        next: Mut::new(None),
    });
    register_finalizer(kept, |_| FINALIZED.with(|f| f.borrow_mut().push(100)));
    clobber_stack();
    gc::collect();
    gc::collect();
    let ran = FINALIZED.with(|f| f.borrow().clone());
    assert!(ran.len() >= 18, "only {} of 20 finalizers ran", ran.len());
    assert!(!ran.contains(&100), "the finalizer of a live object ran");
    let mut sorted = ran.clone();
    sorted.dedup();
    assert_eq!(sorted.len(), ran.len(), "a finalizer ran twice");
    assert_eq!(kept.value, 100);
}

#[inline(never)]
fn resurrecting_garbage() -> Weak<Node> {
    let node = Gc::new(Node {
        value: 42,
        next: Mut::new(Some(list(4))),
    });
    register_finalizer(node, |node| {
        RESURRECTED.with(|r| *r.borrow_mut() = Some(Root::new(node)))
    });
    Weak::new(node)
}

#[test]
fn a_finalizer_can_resurrect_its_object() {
    let weak = resurrecting_garbage();
    clobber_stack();
    gc::collect();
    let node = RESURRECTED.with(|r| r.borrow().as_ref().map(Root::get));
    if let Some(node) = node {
        // Weak references were cleared before the finalizer ran, but the object lives on.
        assert!(weak.get().is_none());
        gc::collect();
        assert_eq!(node.value, 42);
        assert_eq!(list_sum(node.next.get()), 6);
    } else {
        // Kept alive by a stale stack word: then the finalizer must not have run.
        assert!(weak.get().is_some());
    }
}

#[test]
fn the_heap_limit_turns_into_an_out_of_memory_error() {
    gc::configure(HeapConfig {
        limit: 4 << 20,
        ..HeapConfig::default()
    });
    let keep = GcVec::<GcRef>::new();
    let mut failure = None;
    for _ in 0..10_000 {
        match GcArray::try_new(1000, 0i64) {
            Ok(array) => keep.push(array.erase()),
            Err(oom) => {
                failure = Some(oom);
                break;
            }
        }
    }
    let oom = failure.expect("allocating 80 MB under a 4 MB limit did not fail");
    assert_eq!(oom.limit, 4 << 20);
    assert!(
        keep.len() > 100 && keep.len() < 600,
        "{} arrays fit",
        keep.len()
    );
    keep.clear();
    gc::collect();
    assert!(
        GcArray::try_new(1000, 0i64).is_ok(),
        "memory was not reclaimed after the objects died"
    );
}

#[test]
fn large_objects_survive_and_are_reclaimed() {
    let big = GcArray::new(100_000, 3i64);
    let weak = {
        #[inline(never)]
        fn make() -> Weak<GcArray<i64>> {
            Weak::new(GcArray::new(200_000, 1i64))
        }
        make()
    };
    clobber_stack();
    gc::collect();
    assert_eq!(big.len(), 100_000);
    assert_eq!((0..big.len()).map(|i| big.get(i)).sum::<i64>(), 300_000);
    let heap_after = gc::stats().heap_bytes;
    assert!(weak.get().is_none() || heap_after > 2_400_000);
}

#[test]
fn interior_pointers_on_the_stack_keep_objects_alive() {
    let array = GcArray::new(1000, 5i64);
    let interior: *const GcArray<i64> = &*array;
    // Keep only an address in the middle of the object.
    let middle = std::hint::black_box(interior as usize + 4000);
    #[allow(unused_assignments)]
    let mut array = Some(array);
    array = None;
    std::hint::black_box(&array);
    gc::collect();
    // SAFETY: `middle` kept the array alive, so its base is still a valid array.
    let still = unsafe { &*((middle - 4000) as *const GcArray<i64>) };
    assert_eq!(still.len(), 1000);
    assert_eq!(still.get(999), 5);
}

#[test]
fn arrays_read_and_write_items() {
    let array = GcArray::new(10, 0i64);
    for i in 0..10 {
        array.set(i, (i * i) as i64);
    }
    gc::collect();
    assert_eq!(array.get(9), 81);
    assert_eq!(array.try_get(10), None);
    let frozen = GcImmutableArray::from_slice(&[1u32, 2, 3]);
    assert_eq!((frozen.len(), frozen.get(2)), (3, 3));
    let joined = GcImmutableArray::from_slices(&[b"ab".as_slice(), b"", b"cde"]);
    assert_eq!(joined.as_slice(), b"abcde");
    assert!(GcImmutableArray::<u8>::from_slices(&[]).is_empty());
    let nodes = GcArray::new(3, list(2));
    nodes.set(1, list(4));
    gc::collect();
    assert_eq!(list_sum(Some(nodes.get(1))), 6);
    assert_eq!(list_sum(Some(nodes.get(2))), 1);
}

#[test]
#[should_panic(expected = "index out of bounds")]
fn array_indexing_out_of_bounds_panics_like_a_slice() {
    GcArray::new(3, 0i64).get(3);
}

#[test]
fn gc_vectors_match_std_vectors() {
    let vec = GcVec::<Gc<Node>>::new();
    let mut model: Vec<i64> = Vec::new();
    let mut seed = 12345u64;
    for step in 0..5000 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        match (seed >> 33) % 5 {
            0 | 1 => {
                vec.push(Gc::new(Node {
                    value: step,
                    next: Mut::new(None),
                }));
                model.push(step);
            }
            2 if !model.is_empty() => {
                assert_eq!(vec.pop().map(|n| n.value), model.pop());
            }
            3 => {
                let index = (seed >> 40) as usize % (model.len() + 1);
                vec.insert(
                    index,
                    Gc::new(Node {
                        value: -step,
                        next: Mut::new(None),
                    }),
                );
                model.insert(index, -step);
            }
            _ if !model.is_empty() => {
                let index = (seed >> 40) as usize % model.len();
                assert_eq!(vec.remove(index).value, model.remove(index));
            }
            _ => {}
        }
        if step % 1000 == 0 {
            gc::collect();
        }
    }
    gc::collect();
    assert_eq!(vec.len(), model.len());
    for (i, expected) in model.iter().enumerate() {
        assert_eq!(vec.get(i).value, *expected);
    }
}

#[test]
fn gc_tables_match_std_maps_and_keep_insertion_order() {
    let table = GcTable::<i64, Gc<Node>>::new();
    let mut model: Vec<(i64, i64)> = Vec::new();
    let mut seed = 99u64;
    for step in 0..4000 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let key = ((seed >> 33) % 300) as i64;
        if (seed >> 20).is_multiple_of(3) {
            let removed = table.remove(key).map(|n| n.value);
            let position = model.iter().position(|(k, _)| *k == key);
            assert_eq!(removed, position.map(|p| model.remove(p).1));
        } else {
            let old = table.insert(
                key,
                Gc::new(Node {
                    value: step,
                    next: Mut::new(None),
                }),
            );
            match model.iter_mut().find(|(k, _)| *k == key) {
                Some(entry) => {
                    assert_eq!(old.map(|n| n.value), Some(entry.1));
                    entry.1 = step;
                }
                None => {
                    assert!(old.is_none());
                    model.push((key, step));
                }
            }
        }
        if step % 997 == 0 {
            gc::collect();
        }
    }
    gc::collect();
    assert_eq!(table.len(), model.len());
    let in_order: Vec<(i64, i64)> = (0..table.entry_slots())
        .filter_map(|i| table.entry_at(i))
        .map(|(k, v)| (k, v.value))
        .collect();
    assert_eq!(in_order, model);
}

#[test]
fn tables_support_fallible_lookups_by_hash() {
    let table = GcTable::<i64, i64>::new();
    table.insert_new(7, 70, 700);
    let found: Result<Option<usize>, &str> = table.find_with(7, |k| Ok(k == 70));
    assert_eq!(
        found.unwrap().and_then(|i| table.entry_at(i)),
        Some((70, 700))
    );
    let failed: Result<Option<usize>, &str> = table.find_with(7, |_| Err("eq raised"));
    assert_eq!(failed, Err("eq raised"));
}

#[test]
fn downcasts_check_the_exact_type() {
    let node = Gc::new(Node {
        value: 1,
        next: Mut::new(None),
    });
    let erased: GcRef = node.erase();
    assert!(erased.is::<Node>());
    assert!(erased.downcast::<Pair>().is_none());
    assert_eq!(erased.downcast::<Node>().map(|n| n.value), Some(1));
    assert_eq!(erased.type_info().name, "Node");
}

/// A binary tree workload whose checksum breaks if any live object is freed early.
fn tree(depth: u32) -> Gc<Pair> {
    let leaf = |v| {
        Gc::new(Node {
            value: v,
            next: Mut::new(None),
        })
    };
    if depth == 0 {
        return Gc::new(Pair {
            left: leaf(1),
            right: leaf(2),
        });
    }
    let left = tree(depth - 1);
    let right = tree(depth - 1);
    let l = Gc::new(Node {
        value: left.left.value + left.right.value,
        next: Mut::new(Some(left.left)),
    });
    let r = Gc::new(Node {
        value: right.left.value + right.right.value,
        next: Mut::new(Some(right.right)),
    });
    Gc::new(Pair { left: l, right: r })
}

#[test]
fn stress_mode_keeps_every_live_object_intact() {
    gc::set_stress(true);
    let keep = GcVec::<Gc<Pair>>::new();
    for round in 0..20 {
        let t = tree(4);
        if round % 3 == 0 {
            keep.push(t);
        }
        assert_eq!(t.left.value + t.right.value, 3 << 4);
    }
    let table = GcTable::<i64, Gc<Node>>::new();
    for i in 0..200 {
        table.insert(i % 50, list(3));
    }
    gc::set_stress(false);
    assert!(gc::stats().collections > 500);
    for i in 0..keep.len() {
        let t = keep.get(i);
        assert_eq!(t.left.value + t.right.value, 3 << 4);
        assert_eq!(
            t.left.next.get().unwrap().value + t.right.next.get().unwrap().value,
            3 << 3
        );
    }
    assert_eq!((0..50).map(|i| list_sum(table.get(i))).sum::<i64>(), 150);
}

#[test]
#[cfg(debug_assertions)]
#[should_panic(expected = "use of a freed GC object")]
fn stress_mode_detects_a_reference_hidden_from_the_collector() {
    gc::set_stress(true);
    // A `Gc` stored where the collector cannot see it: in a malloc'ed Box, as an integer.
    #[inline(never)]
    fn hide() -> Box<usize> {
        Box::new(
            Gc::new(Node {
                value: 5,
                next: Mut::new(None),
            })
            .addr()
                ^ 0x5555,
        )
    }
    let hidden = hide();
    clobber_stack();
    // Collections triggered by objects of another size class, so the freed slot is not reused.
    for _ in 0..100 {
        GcArray::new(10, 0i64);
    }
    // SAFETY: deliberately wrong -- the object was freed; the debug check must catch it.
    let node: Gc<Node> = unsafe { Gc::from_addr(*hidden ^ 0x5555) };
    std::hint::black_box(node.value);
}

/// Allocates a `Node` the way compiled code does (`new`): bump the run of its size class,
/// or take the slow path; then write the fields.
fn node_inline(value: i64, next: Option<Gc<Node>>) -> Gc<Node> {
    let info = <Node as gc::GcType>::type_info();
    let plan = gc::inline_alloc(info).expect("a small object");
    // SAFETY: this thread's run; the fields are written before anything else allocates.
    unsafe {
        let run = &mut *plan.run;
        let addr = if run.free + plan.slot_size <= run.limit {
            let slot = run.free;
            run.free += plan.slot_size;
            *(slot as *mut usize) = info as *const gc::TypeInfo as usize;
            slot + gc::HEADER_SIZE
        } else {
            gc::allocate_inline_slow(info, info.size)
        };
        core::ptr::write(
            addr as *mut Node,
            Node {
                value,
                next: Mut::new(next),
            },
        );
        Gc::from_addr(addr)
    }
}

#[test]
fn inline_allocation_bumps_runs_that_collections_see_exactly() {
    let before = gc::stats();
    let mut head: Option<Gc<Node>> = None;
    for value in 0..20_000 {
        let node = node_inline(value, head);
        // Keep every tenth node in the list; the others are garbage at once.
        if value % 10 == 0 {
            head = Some(node);
        }
    }
    gc::collect();
    let after = gc::stats();
    assert_eq!(after.objects_allocated - before.objects_allocated, 20_000);
    assert!(after.collections > before.collections);
    // The kept nodes are intact, the garbage is gone.
    let mut expected = 19_990;
    let mut node = head;
    while let Some(n) = node {
        assert_eq!(n.value, expected);
        expected -= 10;
        node = n.next.get();
    }
    assert_eq!(expected, -10);
    let live_nodes = 2_000 * 32;
    assert!(
        after.live_bytes >= live_nodes && after.live_bytes < before.live_bytes + 2 * live_nodes
    );
    std::hint::black_box(head);
}

#[test]
fn inline_allocation_collects_at_every_object_in_stress_mode() {
    gc::set_stress(true);
    let before = gc::stats();
    let mut head = None;
    for value in 0..50 {
        head = Some(node_inline(value, head));
    }
    let after = gc::stats();
    gc::set_stress(false);
    assert_eq!(after.collections - before.collections, 50);
    assert_eq!(list_sum(head), (0..50).sum::<i64>());
}

/// Counts its drops.
struct DropCounter(&'static std::sync::atomic::AtomicUsize);

// SAFETY: it holds no GC reference.
unsafe impl gc::Trace for DropCounter {}

impl Drop for DropCounter {
    fn drop(&mut self) {
        self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
}

/// An object with a destructor, of another size class than `Node`.
#[jitgen_core::layout]
struct Tracked {
    #[opaque]
    counter: DropCounter,
    a: i64,
    b: i64,
    c: i64,
}

/// An object without a destructor of the size class of `Tracked`, made from runs.
#[jitgen_core::layout]
struct Wide {
    a: i64,
    b: i64,
    c: i64,
    d: i64,
}

/// Garbage of another size class whose middle word is a small integer: on a page reused by
/// `Tracked`, slot boundaries fall on it.
#[jitgen_core::layout]
struct Small {
    a: i64,
    b: i64,
    c: i64,
}

#[test]
fn destructors_run_once_each_on_pages_reused_from_another_size_class() {
    static DROPPED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    const TRACKED: usize = 20_000;
    std::thread::spawn(|| {
        // Pages full of dead `Small`s, emptied by a collection and kept mapped with their old
        // bytes, then reused for `Tracked` (and `Wide`, from runs): nothing may read a slot
        // the allocated bitmap does not mark (a word of 7 is no type).
        for _ in 0..200_000 {
            std::hint::black_box(Gc::new(Small { a: 7, b: 7, c: 7 }));
        }
        clobber_stack();
        gc::collect();
        for i in 0..TRACKED {
            let tracked = Gc::new(Tracked {
                counter: DropCounter(&DROPPED),
                a: i as i64,
                b: 0,
                c: 0,
            });
            std::hint::black_box(tracked);
            std::hint::black_box(Gc::new(Wide {
                a: 1,
                b: 2,
                c: 3,
                d: i as i64,
            }));
        }
        // The thread ends with a run of `Wide` open and most `Tracked` not collected yet:
        // the heap's teardown runs the destructors the collections did not.
    })
    .join()
    .expect("the thread ends normally");
    assert_eq!(DROPPED.load(std::sync::atomic::Ordering::Relaxed), TRACKED);
}

/// Plain data: its type holds no references.
#[jitgen_core::layout]
struct Numbers {
    count: i64,
    ratio: f64,
    flag: Mut<bool>,
}

#[test]
fn types_say_whether_they_hold_references() {
    use gc::Trace;
    assert!(!<Numbers as Trace>::HAS_REFS);
    assert!(!<GcImmutableArray<u8> as Trace>::HAS_REFS);
    assert!(!<GcArray<i64> as Trace>::HAS_REFS);
    assert!(<Node as Trace>::HAS_REFS);
    assert!(<Pair as Trace>::HAS_REFS);
    assert!(<GcArray<GcRef> as Trace>::HAS_REFS);
    // Its buffer is an object of its own, which the vector marks.
    assert!(<GcVec<i64> as Trace>::HAS_REFS);
    assert!(!<Numbers as gc::GcType>::type_info().has_refs);
    assert!(<Node as gc::GcType>::type_info().has_refs);
}

thread_local! {
    /// Calls of `Opaque`'s `trace` on this thread.
    static OPAQUE_TRACES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Declares that it holds no references, and counts the calls of its `trace`. Of the size
/// class of `Node`.
struct Opaque {
    value: i64,
    other: i64,
}

// SAFETY: it holds no GC reference (its `trace` marks nothing).
unsafe impl gc::Trace for Opaque {
    const HAS_REFS: bool = false;

    fn trace(&self, _: &mut gc::Tracer<'_>) {
        OPAQUE_TRACES.with(|n| n.set(n.get() + 1));
    }
}

// SAFETY: the descriptor describes `Opaque` and is one static.
unsafe impl gc::GcType for Opaque {
    fn type_info() -> &'static gc::TypeInfo {
        static INFO: gc::TypeInfo = gc::TypeInfo::of::<Opaque>("Opaque", &[]);
        &INFO
    }
}

/// Holds an `Opaque`.
#[jitgen_core::layout]
struct OpaqueHolder {
    opaque: Gc<Opaque>,
    value: i64,
}

#[test]
fn objects_without_references_are_marked_without_being_read() {
    let held = Gc::new(OpaqueHolder {
        opaque: Gc::new(Opaque { value: 7, other: 0 }),
        value: 1,
    });
    let direct = Gc::new(Opaque { value: 8, other: 0 });
    let node = Gc::new(Node {
        value: 9,
        next: Mut::new(None),
    });
    let weak_held = Weak::new(held.opaque);
    let weak_direct = Weak::new(direct);
    gc::collect();
    gc::collect();
    // Kept alive through a reference and from the stack, never traced.
    assert!(weak_held.get().is_some() && weak_direct.get().is_some());
    assert_eq!((held.opaque.value, direct.value, direct.other), (7, 8, 0));
    assert_eq!(OPAQUE_TRACES.with(|n| n.get()), 0);
    // Objects with references live on other pages than those without, even of one size.
    let page = |addr: usize| addr / gc::PAGE_SIZE;
    assert_ne!(page(direct.addr()), page(node.addr()));
    assert_eq!(node.value, 9);
}
