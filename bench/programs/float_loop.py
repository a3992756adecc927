# jitgen-bench: smoke-size=1000
# float_loop: a float accumulation at top level, on globals: the harmonic sum 1/1 + ... +
# 1/SIZE. Measures boxed-float arithmetic and int-to-float mixing.
import sys
import time

iterations = 10
size = 300000
if len(sys.argv) > 1:
    iterations = int(sys.argv[1])
if len(sys.argv) > 2:
    size = int(sys.argv[2])
expected = None
iteration = 1
while iteration <= iterations:
    t0 = time.perf_counter()
    x = 0.0
    i = 0
    while i < size:
        x = x + 1.0 / (i + 1)
        i = i + 1
    t1 = time.perf_counter()
    print("iteration " + str(iteration) + ": " + str(t1 - t0), flush=True)
    if expected is None:
        expected = x
    elif x != expected:
        sys.exit("error: iteration " + str(iteration) + " gave a different result")
    iteration = iteration + 1
print("checksum: " + str(expected))
