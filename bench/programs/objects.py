# jitgen-bench: smoke-size=1000
# objects: small immutable vector objects made and dropped at top level, on globals; SIZE is
# the loop count. Measures allocation, field access and method calls.
import sys
import time


class Vec2:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def add(self, o):
        return Vec2(self.x + o.x, self.y + o.y)

    def dot(self, o):
        return self.x * o.x + self.y * o.y


iterations = 10
size = 70000
if len(sys.argv) > 1:
    iterations = int(sys.argv[1])
if len(sys.argv) > 2:
    size = int(sys.argv[2])
expected = None
iteration = 1
while iteration <= iterations:
    t0 = time.perf_counter()
    acc = Vec2(0, 0)
    step = Vec2(1, 2)
    i = 0
    d = 0
    while i < size:
        acc = acc.add(step)
        d = d + acc.dot(step) % 1000
        i = i + 1
    lines = ["acc: " + str(acc.x) + " " + str(acc.y), "checksum: " + str(d)]
    t1 = time.perf_counter()
    print("iteration " + str(iteration) + ": " + str(t1 - t0), flush=True)
    if expected is None:
        expected = lines
    elif lines != expected:
        sys.exit("error: iteration " + str(iteration) + " gave a different result")
    iteration = iteration + 1
print(expected[0])
print(expected[1])
