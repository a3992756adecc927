# jitgen-bench: smoke-size=150
"""Tight integer loops with small function calls.

Exercises: nested while loops over small integers, calls to short pure
functions (mixing, digit sums, gcd, Collatz chain lengths), %, //, & and
comparisons, all on integers that stay machine-word sized.  SIZE is the
number of outer loop steps; the checksum is the final accumulator.
"""

import sys
import time

INNER = 24


def mix(acc, value):
    return (acc * 31 + value) & 0xFFFFFFF


def digit_sum(k):
    s = 0
    while k > 0:
        s += k % 10
        k = k // 10
    return s


def gcd(a, b):
    while b != 0:
        a, b = b, a % b
    return a


def collatz_length(k):
    steps = 0
    while k != 1:
        if k & 1:
            k = 3 * k + 1
        else:
            k = k >> 1
        steps += 1
    return steps


def kernel(n):
    acc = 0
    coprime = 0
    longest = 0
    i = 1
    while i <= n:
        j = 1
        while j <= INNER:
            acc = mix(acc, i * j + digit_sum(i + j))
            if gcd(i, j) == 1:
                coprime += 1
            j += 1
        steps = collatz_length(i)
        if steps > longest:
            longest = steps
        acc = mix(acc, steps)
        i += 1
    return acc, coprime, longest


def bench(size):
    acc, coprime, longest = kernel(size)
    lines = ["outer steps: %d" % size,
             "coprime pairs: %d" % coprime,
             "longest Collatz chain: %d" % longest]
    return lines, acc


def main():
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 4700
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
