# The Python part of jitpy's `heapq` module (runtime/modules/heapq.rs holds the heap
# operations): `merge`, a generator over sorted inputs, with CPython's algorithm, so its
# comparisons come in CPython's order.

__all__ = ['heappush', 'heappop', 'heapify', 'heapreplace', 'merge', 'nlargest',
           'nsmallest', 'heappushpop']


def merge(*iterables, key=None, reverse=False):
    # Each input that still has items has an entry in a heap (a max-heap when `reverse`):
    # [item, number, next, iterator], or [key, number, item, next, iterator] with a key.
    # The numbers (negated when `reverse`) tell equal keys apart, in the inputs' order;
    # the input left last is copied through.
    if reverse:
        build, drop_top, replace_top, sign = _heapify_max, _heappop_max, _heapreplace_max, -1
    else:
        build, drop_top, replace_top, sign = heapify, heappop, heapreplace, 1
    at = 0 if key is None else 2
    heap = []
    for number, iterator in enumerate(map(iter, iterables)):
        step = iterator.__next__
        try:
            item = step()
        except StopIteration:
            continue
        if key is None:
            heap.append([item, number * sign, step, iterator])
        else:
            heap.append([key(item), number * sign, item, step, iterator])
    build(heap)
    while len(heap) > 1:
        entry = heap[0]
        yield entry[at]
        try:
            item = entry[-2]()
            if key is not None:
                entry[0] = key(item)
        except StopIteration:
            drop_top(heap)
            continue
        entry[at] = item
        replace_top(heap, entry)
    if heap:
        entry = heap[0]
        yield entry[at]
        yield from entry[-1]
