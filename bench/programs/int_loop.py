# jitgen-bench: smoke-size=1000
# int_loop: an integer loop in a function (locals, not globals): the loop the JIT should make
# fast. SIZE is the loop count.
import sys
import time


def run(n):
    total = 0
    i = 0
    while i < n:
        total = total + i % 7
        i = i + 1
    return total


def main():
    iterations = 10
    size = 1000000
    if len(sys.argv) > 1:
        iterations = int(sys.argv[1])
    if len(sys.argv) > 2:
        size = int(sys.argv[2])
    expected = None
    i = 1
    while i <= iterations:
        t0 = time.perf_counter()
        total = run(size)
        t1 = time.perf_counter()
        print("iteration " + str(i) + ": " + str(t1 - t0), flush=True)
        if expected is None:
            expected = total
        elif total != expected:
            sys.exit("error: iteration " + str(i) + " gave a different result")
        i = i + 1
    print("checksum: " + str(expected))


main()
