# jitgen-bench: smoke-size=1000
# sieve: the sieve of Eratosthenes over a list of booleans grown by append; SIZE is the
# limit. Measures list growth, indexing and nested loops in a function.
import sys
import time


def count_primes(n):
    flags = []
    i = 0
    while i < n:
        flags.append(True)
        i = i + 1
    count = 0
    p = 2
    while p < n:
        if flags[p]:
            count = count + 1
            m = p * p
            while m < n:
                flags[m] = False
                m = m + p
        p = p + 1
    return count


def main():
    iterations = 10
    size = 200000
    if len(sys.argv) > 1:
        iterations = int(sys.argv[1])
    if len(sys.argv) > 2:
        size = int(sys.argv[2])
    expected = None
    i = 1
    while i <= iterations:
        t0 = time.perf_counter()
        count = count_primes(size)
        t1 = time.perf_counter()
        print("iteration " + str(i) + ": " + str(t1 - t0), flush=True)
        if expected is None:
            expected = count
        elif count != expected:
            sys.exit("error: iteration " + str(i) + " gave a different result")
        i = i + 1
    print("primes below " + str(size) + ": " + str(expected))
    print("checksum: " + str(expected))


main()
