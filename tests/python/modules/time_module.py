# the time module: clocks (types, monotonicity) and sleep
import time

t0 = time.perf_counter()
m0 = time.monotonic()
p0 = time.process_time()
n0 = time.perf_counter_ns()
time.sleep(0.02)
t1 = time.perf_counter()
print(type(t0).__name__, type(n0).__name__, type(time.time_ns()).__name__)
print(t1 - t0 >= 0.015, time.monotonic() >= m0, time.process_time() >= p0)
print(time.perf_counter_ns() > n0, time.monotonic_ns() > 0, time.process_time_ns() >= 0)
print(time.time() > 1.6e9, time.time_ns() > 1.6e18)
time.sleep(0)
for bad in [-1, "x", None]:
    try:
        time.sleep(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
print(time.sleep(0))
