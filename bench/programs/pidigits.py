# jitgen-bench: smoke-size=300
"""Digits of pi from an unbounded spigot (Gibbons' streaming algorithm).

Exercises: arithmetic on growing big integers (multiplication by small ints,
big-by-big floor division, comparisons), a generator producing the digits,
and string building.  SIZE is the number of digits; the result lines show the
first and last digits and the checksum folds all of them.
"""

import sys
import time


def pi_digits():
    """Yields the decimal digits of pi, one at a time, forever.

    The state is the linear fractional transformation x -> (q*x + r) / t,
    composed with one term of a series for pi per step; a digit is emitted
    once the transformation maps both 3 and 4 to the same integer part.
    """
    q, r, t = 1, 0, 1
    k = 0
    while True:
        k += 1
        odd = 2 * k + 1
        r = (2 * q + r) * odd
        q = q * k
        t = t * odd
        if q > r:
            continue
        digit = (3 * q + r) // t
        if digit != (4 * q + r) // t:
            continue
        yield digit
        r = 10 * (r - digit * t)
        q = 10 * q


def bench(size):
    digits = []
    for d in pi_digits():
        digits.append(d)
        if len(digits) >= size:
            break
    total = 0
    checksum = 0
    for d in digits:
        total += d
        checksum = (checksum * 10 + d) % 1000000007
    text = "".join(str(d) for d in digits)
    lines = ["digits: %d" % size,
             "first: %s" % text[:20],
             "last: %s" % text[-20:],
             "digit sum: %d" % total]
    return lines, checksum


def main():
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 1550
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
