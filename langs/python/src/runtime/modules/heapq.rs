//! The `heapq` module: a binary min-heap kept in a list (`heap[k] <= heap[2k+1]` and
//! `heap[2k+2]`), with CPython's sift algorithms, so a list holds its items in the same
//! order as under CPython after every operation, and every comparison is `<` (user
//! `__lt__` included). `nsmallest`/`nlargest` give what CPython's do (the first `n` of a
//! stable sort); `merge`, a generator, is the Python code `heapq.py`.

use jitgen_core::gc::{Gc, GcVec};

use crate::bytecode::CompareKind;
use crate::runtime::builtins::{arity, bind, builtin_name, int_arg, Builtin};
use crate::runtime::call::Args;
use crate::runtime::derived::builtin_value;
use crate::runtime::iter::{collect, get_iter};
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
        Builtin::HeapqHeapify | Builtin::HeapqHeappop => {
            arity(&format!("_heapq.{name}"), &args, 1, 1)?;
            let heap = heap_list(name, "argument", args.get(0))?;
            if id == Builtin::HeapqHeapify {
                heapify(heap).map(|()| none())
            } else {
                heappop(heap)
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
                    sift_down(heap, 0, heap.items.len() - 1).map(|()| none())
                }
                Builtin::HeapqHeapreplace => heapreplace(heap, item),
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

/// The `RuntimeError` of a list whose length a comparison changed.
fn changed_size() -> Gc<InstanceObj> {
    exception(TypeId::RuntimeError, "list changed size during iteration")
}

/// Moves the item at `pos` up towards `start` while it is less than its parent (CPython's
/// `siftdown`), swapping it with each parent it passes.
fn sift_down(heap: Gc<ListObj>, start: usize, mut pos: usize) -> PyResult<()> {
    let items = heap.items;
    let size = items.len();
    if pos >= size {
        return index_error("list index out of range");
    }
    while pos > start {
        let parent_pos = (pos - 1) >> 1;
        let is_less = less(items.get(pos), items.get(parent_pos))?;
        if items.len() != size {
            return Err(changed_size());
        }
        if !is_less {
            break;
        }
        let (item, parent) = (items.get(pos), items.get(parent_pos));
        items.set(parent_pos, item);
        items.set(pos, parent);
        pos = parent_pos;
    }
    Ok(())
}

/// Moves the item at `pos` down to a leaf along the path of smaller children, then back up
/// to its place (CPython's `siftup`: fewer comparisons than stopping on the way down).
fn sift_up(heap: Gc<ListObj>, mut pos: usize) -> PyResult<()> {
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
            let left_less = less(items.get(child), items.get(child + 1))?;
            if items.len() != end {
                return Err(changed_size());
            }
            if !left_less {
                child += 1;
            }
        }
        let (item, smaller) = (items.get(pos), items.get(child));
        items.set(pos, smaller);
        items.set(child, item);
        pos = child;
    }
    sift_down(heap, start, pos)
}

/// `heapify(heap)`: sifts every node with children, the last first.
fn heapify(heap: Gc<ListObj>) -> PyResult<()> {
    for i in (0..heap.items.len() / 2).rev() {
        sift_up(heap, i)?;
    }
    Ok(())
}

/// `heappop(heap)`: the smallest item; the last item takes its place and sifts.
fn heappop(heap: Gc<ListObj>) -> PyResult<Value> {
    let Some(last) = heap.items.pop() else {
        return index_error("index out of range");
    };
    if heap.items.is_empty() {
        return Ok(last);
    }
    let top = heap.items.get(0);
    heap.items.set(0, last);
    sift_up(heap, 0)?;
    Ok(top)
}

/// `heapreplace(heap, item)`: pops the smallest item, then pushes `item`.
fn heapreplace(heap: Gc<ListObj>, item: Value) -> PyResult<Value> {
    if heap.items.is_empty() {
        return index_error("index out of range");
    }
    let top = heap.items.get(0);
    heap.items.set(0, item);
    sift_up(heap, 0)?;
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
    heapreplace(heap, item)
}

/// `nsmallest(n, iterable, key=None)` / `nlargest(...)`: CPython's results are the first
/// `n` items of `sorted(iterable, key=key, reverse=largest)` (stable: among equal items
/// the earlier ones first).
fn n_best(n: i64, iterable: Value, key: Option<Value>, largest: bool) -> PyResult<Value> {
    if n <= 0 {
        get_iter(iterable)?;
        return Ok(new_list(GcVec::new()));
    }
    let items = collect(iterable)?;
    sort_items(items, key, largest)?;
    if (n as usize) < items.len() {
        items.truncate(n as usize);
    }
    Ok(new_list(items))
}
