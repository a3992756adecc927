# jitgen-bench: smoke-size=2000
# float: make SIZE Point objects from sin/cos of their index, normalize each one
# (sqrt and divisions), then fold them into one point of the componentwise maxima.
import math
import sys
import time


class Point:
    def __init__(self, i):
        x = math.sin(i)
        self.x = x
        self.y = math.cos(i) * 3.0
        self.z = (x * x) / 2.0

    def normalize(self):
        x = self.x
        y = self.y
        z = self.z
        norm = math.sqrt(x * x + y * y + z * z)
        self.x = x / norm
        self.y = y / norm
        self.z = z / norm

    def maximize(self, other):
        if other.x > self.x:
            self.x = other.x
        if other.y > self.y:
            self.y = other.y
        if other.z > self.z:
            self.z = other.z
        return self


def run(size):
    points = []
    i = 0
    while i < size:
        points.append(Point(float(i)))
        i = i + 1
    i = 0
    while i < size:
        points[i].normalize()
        i = i + 1
    best = points[0]
    i = 1
    while i < size:
        best = best.maximize(points[i])
        i = i + 1
    # An order-fixed float sum, so every implementation rounds alike.
    total = 0.0
    i = 0
    while i < size:
        p = points[i]
        total = total + p.x + p.y + p.z
        i = i + 1
    lines = []
    lines.append("points: " + str(size))
    lines.append("maximum: " + str(best.x) + " " + str(best.y) + " " + str(best.z))
    lines.append("checksum: " + str(total))
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
    size = 100000
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
