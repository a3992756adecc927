# The Python part of jitpy's `heapq` module (runtime/modules/heapq.rs holds the heap
# operations): `merge`, a generator over sorted inputs.

__all__ = ['heappush', 'heappop', 'heapify', 'heapreplace', 'merge', 'nlargest',
           'nsmallest', 'heappushpop']


class _Descending:
    # A key seen from the other side: `a < b` when b's key is less than a's.
    __slots__ = ('key',)

    def __init__(self, key):
        self.key = key

    def __lt__(self, other):
        return other.key < self.key

    def __eq__(self, other):
        return self.key == other.key


def merge(*iterables, key=None, reverse=False):
    # Each input's next item waits in a heap entry [rank, input number, item, iterator];
    # equal ranks come out in the order of the inputs.
    heap = []
    for number, iterable in enumerate(iterables):
        iterator = iter(iterable)
        for item in iterator:
            rank = item if key is None else key(item)
            if reverse:
                rank = _Descending(rank)
            heap.append([rank, number, item, iterator])
            break
    heapify(heap)
    while heap:
        entry = heap[0]
        yield entry[2]
        for item in entry[3]:
            rank = item if key is None else key(item)
            if reverse:
                rank = _Descending(rank)
            entry[0] = rank
            entry[2] = item
            heapreplace(heap, entry)
            break
        else:
            heappop(heap)
