# heapq: the list's order after every operation is CPython's; comparisons go through <
# (user __lt__); nsmallest/nlargest with keys, merge with key and reverse; errors.
import heapq


def attempt(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


print(sorted(heapq.__all__))
h = []
for v in [5, 3, 8, 1, 9, 2, 7, 4, 6, 0, 5, 3]:
    heapq.heappush(h, v)
    print(h)
while h:
    print(heapq.heappop(h), h)

data = [9, 1, 8, 2, 7, 3, 6, 4, 5, 0, 11, 15, 13, 12, 14, 10]
heapq.heapify(data)
print(data)
print(heapq.heapreplace(data, 7), data)
print(heapq.heappushpop(data, -1), data)
print(heapq.heappushpop(data, 20), data)
print(heapq.heappushpop([], 3))
big = [(i * 7919) % 1000 for i in range(300)]
heapq.heapify(big)
print(big[:20], sum(i * v for i, v in enumerate(big)))
print([heapq.heappop(big) for _ in range(10)], len(big))
for v in range(50):
    heapq.heappush(big, (v * 31) % 97)
print(big[:15], sum(i * v for i, v in enumerate(big)))

# Tuples and equal priorities.
tasks = []
for item in [(2, 'write'), (1, 'plan'), (3, 'test'), (1, 'design'), (2, 'code')]:
    heapq.heappush(tasks, item)
print(tasks)
print([heapq.heappop(tasks) for _ in range(len(tasks))])

# A user __lt__ is called, and records the comparisons made.
log = []


class Item:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        log.append((self.v, other.v))
        return self.v < other.v

    def __repr__(self):
        return 'Item(%d)' % self.v


items = [Item(v) for v in [4, 1, 3, 2, 5]]
heapq.heapify(items)
print(items, log)
log.clear()
print(heapq.heappop(items), items, log)
log.clear()
heapq.heappush(items, Item(0))
print(items, log)

# A subclass of list is a list.


class Heap(list):
    pass


sub = Heap([3, 1, 2])
heapq.heapify(sub)
print(sub, type(sub).__name__)
print(heapq.heappop(sub), sub)

# nsmallest and nlargest.
nums = [5, 1, 8, 3, 9, 2, 8, 1, 7]
print(heapq.nsmallest(3, nums), heapq.nlargest(3, nums), heapq.nsmallest(1, nums), heapq.nlargest(1, nums))
print(heapq.nsmallest(0, nums), heapq.nlargest(-2, nums), heapq.nsmallest(20, nums), heapq.nlargest(20, iter(nums)))
people = [('ann', 31), ('bob', 25), ('cy', 31), ('dee', 25), ('ed', 40)]
print(heapq.nsmallest(2, people, key=lambda p: p[1]), heapq.nlargest(3, people, key=lambda p: p[1]))
print(heapq.nlargest(2, 'hello world'), heapq.nsmallest(4, 'hello world', key=str.upper))
print(heapq.nsmallest(2, [], key=abs), heapq.nlargest(2, {3: 'a', 1: 'b', 2: 'c'}))

# merge.
print(list(heapq.merge([1, 4, 7], [2, 5, 8], [0, 3, 6, 9])))
print(list(heapq.merge()), list(heapq.merge([], [1], [])), list(heapq.merge('ace', 'bdf')))
print(list(heapq.merge([5, 3, 1], [6, 4, 2], reverse=True)))
print(list(heapq.merge(['a', 'BB', 'c'], ['B', 'd'], key=str.lower)))
print(list(heapq.merge([(1, 'x'), (2, 'x')], [(1, 'y'), (2, 'y')], key=lambda t: t[0])))
print(list(heapq.merge([3, 2, 1], [3, 1], key=lambda v: v, reverse=True)))
m = heapq.merge(iter([1, 3]), iter([2]))
print(next(m), next(m), list(m))

# Errors.
attempt(lambda: heapq.heappop([]))
attempt(lambda: heapq.heapreplace([], 1))
attempt(lambda: heapq.heappush((), 1))
attempt(lambda: heapq.heapify('abc'))
attempt(lambda: heapq.heappush([]))
attempt(lambda: heapq.heappop())
attempt(lambda: heapq.heappush([1, 'a'], 2))
attempt(lambda: heapq.nsmallest())
mixed = [1, 2]
attempt(lambda: heapq.heappush(mixed, 'x'))
print(mixed)

# nsmallest/nlargest past the length check (iterators) run CPython's heap algorithm: the
# same comparisons and key calls in the same order.
trace = []


class Rank:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        trace.append(('<', self.v, other.v))
        return self.v < other.v

    def __eq__(self, other):
        trace.append(('==', self.v, other.v))
        return self.v == other.v

    def __repr__(self):
        return 'R%d' % self.v


values = [Rank(v) for v in [5, 2, 8, 2, 9, 1, 5, 7, 3]]
print(heapq.nsmallest(3, iter(values)), trace)
trace.clear()
print(heapq.nlargest(3, iter(values)), trace)
trace.clear()
print(heapq.nsmallest(2, iter(values), key=lambda r: (trace.append(('key', r.v)), r.v)[1]), trace)
trace.clear()
print(heapq.nlargest(4, iter(values), key=lambda r: -r.v), trace)
trace.clear()
print(heapq.nsmallest(1, iter(values)), heapq.nlargest(1, iter([])), len(trace))
print(heapq.nsmallest(3, (x % 7 for x in range(50))), heapq.nlargest(5, (x * 37 % 101 for x in range(200))))
print(heapq.nsmallest(4, iter('mississippi')), heapq.nlargest(2, iter([(1, 'b'), (1, 'a'), (0, 'z')])))

# merge compares as CPython's: its heap entries, equal items in the inputs' order.
trace.clear()
a, b, c = [Rank(v) for v in [1, 4, 4]], [Rank(v) for v in [2, 4]], [Rank(v) for v in [0, 4, 9]]
print(list(heapq.merge(a, b, c)), trace)
trace.clear()
print(list(heapq.merge(list(reversed(a)), list(reversed(c)), reverse=True)), trace)
trace.clear()
print(list(heapq.merge(a, c, key=lambda r: -r.v if r.v > 3 else r.v)), trace)
print(list(heapq.merge([1, 3], iter([2]), (x for x in [0, 5]), 'ab' and [4])))

# The max-heap helpers.
mh = [1, 5, 3, 9, 2, 8]
heapq._heapify_max(mh)
print(mh)
print(heapq._heappop_max(mh), mh)
print(heapq._heapreplace_max(mh, 0), mh)
attempt(lambda: heapq._heappop_max([]))
attempt(lambda: heapq._heapify_max(()))
attempt(lambda: heapq._heapreplace_max([], 1))
