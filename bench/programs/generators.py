# jitgen-bench: smoke-size=300
"""Generator-heavy code.

Exercises: pipelines of chained generators (source, filter, map, sliding
window), recursive tree walks with `yield from`, generator expressions consumed
by sum/max/any, merging two sorted generator streams, flattening nested lists
with recursive generators, and a coroutine driven with send().  SIZE is the
length of the data for the generator expressions, a quarter of the pipeline
input and twice the number of keys in the larger tree; the checksum combines
the results of all parts.
"""

import sys
import time

MOD = 1000000007


def lcg_stream(seed, count):
    state = seed
    for _ in range(count):
        state = (state * 1103515245 + 12345) % 2147483648
        yield state >> 8


def keep_if(pred, items):
    for item in items:
        if pred(item):
            yield item


def mapped(fn, items):
    for item in items:
        yield fn(item)


def window_sums(items, width):
    window = []
    total = 0
    for item in items:
        window.append(item)
        total += item
        if len(window) > width:
            total -= window.pop(0)
        if len(window) == width:
            yield total


def pipeline(size):
    source = lcg_stream(99, size * 4)
    odd = keep_if(lambda v: v % 3 != 0, source)
    small = mapped(lambda v: v % 1000, odd)
    acc = 0
    count = 0
    for total in window_sums(small, 8):
        acc = (acc * 7 + total) % MOD
        count += 1
    return acc, count


class Node:
    def __init__(self, key):
        self.key = key
        self.left = None
        self.right = None


def insert(root, key):
    if root is None:
        return Node(key)
    node = root
    while True:
        if key < node.key:
            if node.left is None:
                node.left = Node(key)
                return root
            node = node.left
        else:
            if node.right is None:
                node.right = Node(key)
                return root
            node = node.right


def in_order(node):
    if node is not None:
        yield from in_order(node.left)
        yield node.key
        yield from in_order(node.right)


def depths(node, depth=0):
    if node is not None:
        yield depth
        yield from depths(node.left, depth + 1)
        yield from depths(node.right, depth + 1)


def merge(a, b):
    """Merges two sorted iterators into one sorted stream."""
    a = iter(a)
    b = iter(b)
    x = next(a, None)
    y = next(b, None)
    while x is not None and y is not None:
        if x <= y:
            yield x
            x = next(a, None)
        else:
            yield y
            y = next(b, None)
    while x is not None:
        yield x
        x = next(a, None)
    while y is not None:
        yield y
        y = next(b, None)


def trees(size):
    t1 = None
    for key in lcg_stream(7, size // 2):
        t1 = insert(t1, key % 100000)
    t2 = None
    for key in lcg_stream(11, size // 4):
        t2 = insert(t2, key % 100000)
    acc = 0
    previous = -1
    ordered = True
    for key in merge(in_order(t1), in_order(t2)):
        if key < previous:
            ordered = False
        previous = key
        acc = (acc * 31 + key) % MOD
    deepest = max(depths(t1))
    depth_sum = sum(d for d in depths(t2))
    return acc, ordered, deepest, depth_sum


def nested(level, width, start):
    """A nested list structure of the given depth."""
    if level == 0:
        return start
    return [nested(level - 1, width, start * width + k) for k in range(width)]


def flatten(item):
    if isinstance(item, list):
        for sub in item:
            yield from flatten(sub)
    else:
        yield item


def averager():
    """A coroutine: receives numbers, yields the running (sum, count)."""
    total = 0
    count = 0
    while True:
        value = yield total, count
        if value is None:
            break
        total += value
        count += 1


def expressions(size):
    data = list(lcg_stream(3, size))
    squares = sum(x % 1000 * (x % 1000) for x in data if x % 2 == 0)
    big = max((x % 5000 for x in data), default=0)
    has_round = any(x % 1000 == 0 for x in data)
    pairs = sum(1 for i in range(len(data) - 1) if data[i] < data[i + 1])
    flat = 0
    for leaf in flatten(nested(5, 4, 1)):
        flat = (flat * 3 + leaf) % MOD
    avg = averager()
    next(avg)
    state = (0, 0)
    for x in data:
        state = avg.send(x % 100)
    avg.close()
    return squares, big, has_round, pairs, flat, state


def bench(size):
    p_acc, p_count = pipeline(size)
    t_acc, ordered, deepest, depth_sum = trees(size)
    squares, big, has_round, pairs, flat, (total, count) = expressions(size)
    lines = ["pipeline: %d windows, acc %d" % (p_count, p_acc),
             "trees: ordered %s, deepest %d, depth sum %d, acc %d"
             % (ordered, deepest, depth_sum, t_acc),
             "expressions: %d %d %s %d %d" % (squares, big, has_round, pairs, flat),
             "coroutine: total %d over %d" % (total, count)]
    checksum = 0
    for v in (p_acc, p_count, t_acc, int(ordered), deepest, depth_sum, squares,
              big, int(has_round), pairs, flat, total, count):
        checksum = (checksum * 1000003 + v) % MOD
    return lines, checksum


def main():
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 22000
    first = None
    for i in range(1, iterations + 1):
        start = time.perf_counter()
        result = bench(size)
        print("iteration %d: %r" % (i, time.perf_counter() - start), flush=True)
        if first is None:
            first = result
        elif result != first:
            sys.exit("iteration %d: result %r differs from the first %r" % (i, result, first))
    lines, checksum = first
    for line in lines:
        print(line)
    print("checksum: %s" % checksum)


if __name__ == "__main__":
    main()
