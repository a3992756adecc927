//! The `heapq` module: a binary min-heap kept in a list (`heap[k] <= heap[2k+1]` and
//! `heap[2k+2]`), with CPython's sift algorithms, so a list holds its items in the same
//! order as under CPython after every operation, and every comparison is `<` (user
//! `__lt__` included). `nsmallest`/`nlargest` run CPython's algorithm (its max-heap for
//! `nsmallest`); `merge`, a generator, is the Python code `heapq.py`.

use jitgen_core::gc::{Gc, GcVec};

use crate::bytecode::CompareKind;
use crate::runtime::builtins::{arity, bind, builtin_name, int_arg, Builtin};
use crate::runtime::call::{call_simple, call_with_keywords, Args};
use crate::runtime::derived::builtin_value;
use crate::runtime::dict::{dict_get_str, dict_set_str, new_dict};
use crate::runtime::exceptions::is_subclass;
use crate::runtime::iter::{collect, get_iter, next};
use crate::runtime::methods::sort_items;
use crate::runtime::objects::*;
use crate::runtime::ops::{compare, is_true};
use crate::runtime::values::*;

/// The native functions of `heapq`.
pub const FUNCTIONS: &[Builtin] = &[
    Builtin::HeapqHeappush,
    Builtin::HeapqHeappop,
    Builtin::HeapqHeapify,
    Builtin::HeapqHeapreplace,
    Builtin::HeapqHeappushpop,
    Builtin::HeapqNsmallest,
    Builtin::HeapqNlargest,
    Builtin::HeapqHeapifyMax,
    Builtin::HeapqHeappopMax,
    Builtin::HeapqHeapreplaceMax,
];

/// The module's Python code (`merge`).
pub const SOURCE: &str = include_str!("heapq.py");

/// Calls a function of `heapq`.
pub fn call(id: Builtin, args: Args) -> PyResult<Value> {
    let name = builtin_name(id as i64);
    match id {
        Builtin::HeapqNsmallest | Builtin::HeapqNlargest => {
            let [n, iterable, key] = bind(name, &args, ["n", "iterable", "key"], 2)?;
            let (Some(n), Some(iterable)) = (n, iterable) else {
                return type_error(match (n, iterable) {
                    (None, None) => format!(
                        "{name}() missing 2 required positional arguments: 'n' and 'iterable'"
                    ),
                    (None, _) => format!("{name}() missing 1 required positional argument: 'n'"),
                    _ => format!("{name}() missing 1 required positional argument: 'iterable'"),
                });
            };
            n_best(int_arg(n, "")?, iterable, key, id == Builtin::HeapqNlargest)
        }
        Builtin::HeapqHeapify
        | Builtin::HeapqHeappop
        | Builtin::HeapqHeapifyMax
        | Builtin::HeapqHeappopMax => {
            arity(&format!("_heapq.{name}"), &args, 1, 1)?;
            let heap = heap_list(name, "argument", args.get(0))?;
            let max = matches!(id, Builtin::HeapqHeapifyMax | Builtin::HeapqHeappopMax);
            if matches!(id, Builtin::HeapqHeapify | Builtin::HeapqHeapifyMax) {
                heapify(heap, max).map(|()| none())
            } else {
                heappop(heap, max)
            }
        }
        _ => {
            if args.nkw() > 0 {
                arity(name, &args, 2, 2)?;
            }
            if args.npos != 2 {
                return type_error(format!("{name} expected 2 arguments, got {}", args.npos));
            }
            let heap = heap_list(name, "argument 1", args.get(0))?;
            let item = args.get(1);
            match id {
                Builtin::HeapqHeappush => {
                    heap.items.push(item);
                    sift_down(heap, false, 0, heap.items.len() - 1).map(|()| none())
                }
                Builtin::HeapqHeapreplace => heapreplace(heap, item, false),
                Builtin::HeapqHeapreplaceMax => heapreplace(heap, item, true),
                _ => heappushpop(heap, item),
            }
        }
    }
}

/// The list the heap function `name` works on (a list, or an instance of a class derived
/// from `list`); `argument` names it in the error (`argument 1` of two).
fn heap_list(name: &str, argument: &str, value: Value) -> PyResult<Gc<ListObj>> {
    builtin_value(value).downcast::<ListObj>().ok_or_else(|| {
        exception(
            TypeId::TypeError,
            &format!("{name}() {argument} must be list, not {}", type_name(value)),
        )
    })
}

/// `a < b` as a bool.
fn less(a: Value, b: Value) -> PyResult<bool> {
    compare(CompareKind::Lt, a, b).and_then(is_true)
}

/// Whether `a` goes above `b` in a min-heap (`a < b`) or, `max`, a max-heap (`b < a`).
fn above(max: bool, a: Value, b: Value) -> PyResult<bool> {
    if max {
        less(b, a)
    } else {
        less(a, b)
    }
}

/// The `RuntimeError` of a list whose length a comparison changed.
fn changed_size() -> Gc<InstanceObj> {
    exception(TypeId::RuntimeError, "list changed size during iteration")
}

/// Moves the item at `pos` up towards `start` while it goes above its parent (CPython's
/// `siftdown`, `siftdown_max` for a max-heap), swapping it with each parent it passes.
fn sift_down(heap: Gc<ListObj>, max: bool, start: usize, mut pos: usize) -> PyResult<()> {
    let items = heap.items;
    let size = items.len();
    if pos >= size {
        return index_error("list index out of range");
    }
    while pos > start {
        let parent_pos = (pos - 1) >> 1;
        let goes_up = above(max, items.get(pos), items.get(parent_pos))?;
        if items.len() != size {
            return Err(changed_size());
        }
        if !goes_up {
            break;
        }
        let (item, parent) = (items.get(pos), items.get(parent_pos));
        items.set(parent_pos, item);
        items.set(pos, parent);
        pos = parent_pos;
    }
    Ok(())
}

/// Moves the item at `pos` down to a leaf along the path of the children that go above
/// their siblings, then back up to its place (CPython's `siftup`, `siftup_max`: fewer
/// comparisons than stopping on the way down).
fn sift_up(heap: Gc<ListObj>, max: bool, mut pos: usize) -> PyResult<()> {
    let items = heap.items;
    let end = items.len();
    let start = pos;
    if pos >= end {
        return index_error("list index out of range");
    }
    let limit = end >> 1;
    while pos < limit {
        let mut child = 2 * pos + 1;
        if child + 1 < end {
            // A min-heap asks `left < right`, a max-heap `right < left`.
            let left_first = above(max, items.get(child), items.get(child + 1))?;
            if items.len() != end {
                return Err(changed_size());
            }
            if !left_first {
                child += 1;
            }
        }
        let (item, child_item) = (items.get(pos), items.get(child));
        items.set(pos, child_item);
        items.set(child, item);
        pos = child;
    }
    sift_down(heap, max, start, pos)
}

/// `heapify(heap)` (a max-heap when `max`): sifts every node with children, the last
/// first.
fn heapify(heap: Gc<ListObj>, max: bool) -> PyResult<()> {
    for i in (0..heap.items.len() / 2).rev() {
        sift_up(heap, max, i)?;
    }
    Ok(())
}

/// `heappop(heap)`: the smallest item (`_heappop_max`, `max`: the largest of a max-heap);
/// the last item takes its place and sifts.
fn heappop(heap: Gc<ListObj>, max: bool) -> PyResult<Value> {
    let Some(last) = heap.items.pop() else {
        return index_error("index out of range");
    };
    if heap.items.is_empty() {
        return Ok(last);
    }
    let top = heap.items.get(0);
    heap.items.set(0, last);
    sift_up(heap, max, 0)?;
    Ok(top)
}

/// `heapreplace(heap, item)`: pops the smallest item (the largest of a max-heap), then
/// pushes `item`.
fn heapreplace(heap: Gc<ListObj>, item: Value, max: bool) -> PyResult<Value> {
    if heap.items.is_empty() {
        return index_error("index out of range");
    }
    let top = heap.items.get(0);
    heap.items.set(0, item);
    sift_up(heap, max, 0)?;
    Ok(top)
}

/// `heappushpop(heap, item)`: pushes `item`, then pops the smallest item (`item` itself
/// when the heap is empty or its top is not less than `item`).
fn heappushpop(heap: Gc<ListObj>, item: Value) -> PyResult<Value> {
    if heap.items.is_empty() || !less(heap.items.get(0), item)? {
        return Ok(item);
    }
    if heap.items.is_empty() {
        return index_error("index out of range");
    }
    heapreplace(heap, item, false)
}

/// `nsmallest(n, iterable, key=None)` / `nlargest(...)` as CPython's: `min`/`max` for
/// `n == 1`, a sort when `n` is at least the iterable's length, else the first `n` items
/// decorated as `(key, order, item)` (`(item, order)` without a key; `order` counting up,
/// or down for `nlargest`, so equal keys keep their order) in a max-heap (a min-heap for
/// `nlargest`) whose top each better item replaces, sorted at the end.
fn n_best(n: i64, iterable: Value, key: Option<Value>, largest: bool) -> PyResult<Value> {
    let key = key.filter(|&k| !is_none(k));
    if n == 1 {
        return one_best(iterable, key, largest);
    }
    if let Some(size) = sized(iterable)? {
        if n >= size {
            let items = collect(iterable)?;
            sort_items(items, key, largest)?;
            items.truncate(n as usize);
            return Ok(new_list(items));
        }
    }
    let iterator = get_iter(iterable)?;
    let step = if largest { -1 } else { 1 };
    let decorated = |k: Value, order: i64, item: Value| {
        let fields = GcVec::with_capacity(3);
        fields.push(k);
        fields.push(new_int(order));
        if key.is_some() {
            fields.push(item);
        }
        new_tuple(fields)
    };
    let key_of = |item: Value| match key {
        Some(key) => call_simple(key, &[item]),
        None => Ok(item),
    };
    let entries = GcVec::new();
    for taken in 0..n.max(0) {
        let Some(item) = next(iterator)? else {
            break;
        };
        entries.push(decorated(key_of(item)?, taken * step, item));
    }
    if entries.is_empty() {
        return Ok(new_list(entries));
    }
    let heap = Gc::new(ListObj { items: entries });
    heapify(heap, !largest)?;
    let first = |heap: Gc<ListObj>| {
        let top = heap.items.get(0).downcast::<TupleObj>();
        top.map_or_else(none, |t| t.items.get(0))
    };
    let mut top = first(heap);
    let mut order = if largest { -n } else { n };
    while let Some(item) = next(iterator)? {
        let k = key_of(item)?;
        let better = if largest {
            less(top, k)?
        } else {
            less(k, top)?
        };
        if better {
            heapreplace(heap, decorated(k, order, item), !largest)?;
            top = first(heap);
            order += step;
        }
    }
    sort_items(heap.items, None, largest)?;
    let out = GcVec::with_capacity(heap.items.len());
    for i in 0..heap.items.len() {
        let entry = heap.items.get(i).downcast::<TupleObj>();
        // The item: last with a key, first without.
        let at = if key.is_some() { 2 } else { 0 };
        out.push(entry.map_or_else(none, |t| t.items.get(at)));
    }
    Ok(new_list(out))
}

/// `len(iterable)`, `None` when it has none (a `TypeError` or `AttributeError`).
fn sized(iterable: Value) -> PyResult<Option<i64>> {
    match crate::runtime::ops::len(iterable) {
        Ok(size) => Ok(Some(size)),
        Err(error)
            if [TypeId::TypeError, TypeId::AttributeError]
                .into_iter()
                .any(|id| is_subclass(error.cls, builtin_type(id))) =>
        {
            Ok(None)
        }
        Err(error) => Err(error),
    }
}

/// `[min(iterable, key=key)]` (`max` when `largest`), `[]` for an empty iterable.
fn one_best(iterable: Value, key: Option<Value>, largest: bool) -> PyResult<Value> {
    let name = if largest { "max" } else { "min" };
    let function = dict_get_str(ctx().builtins, name)
        .ok_or_else(|| exception(TypeId::RuntimeError, "builtins.min is missing"))?;
    let sentinel = call_simple(builtin_type(TypeId::Object).erase(), &[])?;
    let keywords = new_dict();
    dict_set_str(keywords, "default", sentinel);
    dict_set_str(keywords, "key", key.unwrap_or_else(none));
    let best = call_with_keywords(function, &[get_iter(iterable)?], Some(keywords))?;
    let out = GcVec::new();
    if best != sentinel {
        out.push(best);
    }
    Ok(new_list(out))
}
