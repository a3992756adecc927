# jitgen-bench: smoke-size=1000
# loop_sum: an integer loop at top level, on globals (not locals); SIZE is the loop count.
# The simplest hot loop: measures the global-variable path and small-int arithmetic.
import sys
import time

iterations = 10
size = 500000
if len(sys.argv) > 1:
    iterations = int(sys.argv[1])
if len(sys.argv) > 2:
    size = int(sys.argv[2])
expected = None
iteration = 1
while iteration <= iterations:
    t0 = time.perf_counter()
    total = 0
    i = 0
    while i < size:
        total = total + i % 7
        i = i + 1
    t1 = time.perf_counter()
    print("iteration " + str(iteration) + ": " + str(t1 - t0), flush=True)
    if expected is None:
        expected = total
    elif total != expected:
        sys.exit("error: iteration " + str(iteration) + " gave a different result")
    iteration = iteration + 1
print("checksum: " + str(expected))
