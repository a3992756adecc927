# jitgen-bench: smoke-size=8
# binary_trees: allocate, walk and drop complete binary trees (the shootout shape).
# SIZE is the maximum depth: one stretch tree one level deeper, one long-lived tree,
# then for depths 4, 6, ... many short-lived trees, fewer the deeper they are.
import sys
import time


class Node:
    def __init__(self, left, right):
        self.left = left
        self.right = right


def make_tree(depth):
    if depth == 0:
        return Node(None, None)
    return Node(make_tree(depth - 1), make_tree(depth - 1))


def check(node):
    if node.left is None:
        return 1
    return 1 + check(node.left) + check(node.right)


def power_of_two(n):
    p = 1
    while n > 0:
        p = p * 2
        n = n - 1
    return p


def run(size):
    min_depth = 4
    max_depth = size
    if max_depth < min_depth + 2:
        max_depth = min_depth + 2
    lines = []
    checksum = 0

    stretch_depth = max_depth + 1
    c = check(make_tree(stretch_depth))
    lines.append("stretch tree of depth " + str(stretch_depth) + " check: " + str(c))
    checksum = c

    long_lived = make_tree(max_depth)

    depth = min_depth
    while depth <= max_depth:
        count = power_of_two(max_depth - depth + min_depth)
        total = 0
        i = 0
        while i < count:
            total = total + check(make_tree(depth))
            i = i + 1
        lines.append(str(count) + " trees of depth " + str(depth) + " check: " + str(total))
        checksum = (checksum * 31 + total) % 1000000007
        depth = depth + 2

    c = check(long_lived)
    lines.append("long lived tree of depth " + str(max_depth) + " check: " + str(c))
    checksum = (checksum * 31 + c) % 1000000007
    lines.append("checksum: " + str(checksum))
    return lines


def same_lines(a, b):
    if len(a) != len(b):
        return False
    i = 0
    while i < len(a):
        if a[i] != b[i]:
            return False
        i = i + 1
    return True


def main():
    iterations = 10
    size = 11
    if len(sys.argv) > 1:
        iterations = int(sys.argv[1])
    if len(sys.argv) > 2:
        size = int(sys.argv[2])
    expected = None
    i = 1
    while i <= iterations:
        t0 = time.perf_counter()
        lines = run(size)
        t1 = time.perf_counter()
        print("iteration " + str(i) + ": " + str(t1 - t0), flush=True)
        if expected is None:
            expected = lines
        elif not same_lines(expected, lines):
            sys.exit("error: iteration " + str(i) + " gave a different result")
        i = i + 1
    if expected is not None:
        i = 0
        while i < len(expected):
            print(expected[i])
            i = i + 1


main()
