# jitgen-bench: smoke-size=500
"""The chaos game: an iterated function system drawing a fractal.

Exercises: float arithmetic in small classes (points, cubic B-splines, maps
along splines and affine maps sharing one interface), polymorphic calls, a
seeded linear congruential generator choosing the maps by weight, and a
list-of-lists pixel grid.  SIZE is the number of points played; the image is
a fixed 96x96 grid and the checksum is computed from its hit counts.
"""

import math
import sys
import time

WIDTH = 96
HEIGHT = 96


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def plus(self, o):
        return Point(self.x + o.x, self.y + o.y)

    def times(self, k):
        return Point(self.x * k, self.y * k)


class Rng:
    """A linear congruential generator with an explicit modulus."""

    def __init__(self, seed):
        self.state = seed

    def next_int(self):
        self.state = (self.state * 1103515245 + 12345) % 2147483648
        return self.state >> 8

    def next_float(self):
        return self.next_int() / 8388608.0


class BSpline:
    """A uniform cubic B-spline through a list of control points."""

    def __init__(self, points):
        self.points = points
        self.segments = len(points) - 3

    def locate(self, u):
        if u < 0.0:
            u = 0.0
        elif u > 1.0:
            u = 1.0
        s = u * self.segments
        i = int(s)
        if i >= self.segments:
            i = self.segments - 1
        return i, s - i

    def at(self, u):
        i, t = self.locate(u)
        t2 = t * t
        t3 = t2 * t
        b0 = (1.0 - 3.0 * t + 3.0 * t2 - t3) / 6.0
        b1 = (4.0 - 6.0 * t2 + 3.0 * t3) / 6.0
        b2 = (1.0 + 3.0 * t + 3.0 * t2 - 3.0 * t3) / 6.0
        b3 = t3 / 6.0
        p = self.points
        return (p[i].times(b0).plus(p[i + 1].times(b1))
                .plus(p[i + 2].times(b2)).plus(p[i + 3].times(b3)))

    def tangent(self, u):
        i, t = self.locate(u)
        t2 = t * t
        d0 = (-1.0 + 2.0 * t - t2) / 2.0
        d1 = (-4.0 * t + 3.0 * t2) / 2.0
        d2 = (1.0 + 2.0 * t - 3.0 * t2) / 2.0
        d3 = t2 / 2.0
        p = self.points
        return (p[i].times(d0).plus(p[i + 1].times(d1))
                .plus(p[i + 2].times(d2)).plus(p[i + 3].times(d3)))


class Map:
    def __init__(self, weight):
        self.weight = weight

    def apply(self, p):
        raise NotImplementedError


class SplineMap(Map):
    """Maps the unit square onto a band of the given width along a spline:
    x runs along the curve, y across it."""

    def __init__(self, weight, spline, width):
        Map.__init__(self, weight)
        self.spline = spline
        self.width = width

    def apply(self, p):
        centre = self.spline.at(p.x)
        tan = self.spline.tangent(p.x)
        length = math.sqrt(tan.x * tan.x + tan.y * tan.y)
        if length < 1e-12:
            return centre
        k = (p.y - 0.5) * self.width / length
        return Point(centre.x - tan.y * k, centre.y + tan.x * k)


class AffineMap(Map):
    def __init__(self, weight, a, b, c, d, e, f):
        Map.__init__(self, weight)
        self.a = a
        self.b = b
        self.c = c
        self.d = d
        self.e = e
        self.f = f

    def apply(self, p):
        return Point(self.a * p.x + self.b * p.y + self.e,
                     self.c * p.x + self.d * p.y + self.f)


def pts(*coords):
    return [Point(coords[i], coords[i + 1]) for i in range(0, len(coords), 2)]


def build_maps():
    return [
        SplineMap(3.0, BSpline(pts(0.05, 0.1, 0.1, 0.1, 0.3, 0.35, 0.5, 0.7,
                                   0.7, 0.75, 0.9, 0.6, 0.95, 0.4)), 0.3),
        SplineMap(2.0, BSpline(pts(0.1, 0.9, 0.2, 0.85, 0.35, 0.6, 0.45, 0.3,
                                   0.6, 0.15, 0.75, 0.1)), 0.2),
        SplineMap(1.5, BSpline(pts(0.5, 0.95, 0.55, 0.9, 0.7, 0.8, 0.85, 0.85,
                                   0.95, 0.95)), 0.15),
        AffineMap(1.0, 0.45, -0.1, 0.1, 0.45, 0.3, 0.05),
        AffineMap(0.5, 0.3, 0.0, 0.0, 0.3, 0.02, 0.65),
    ]


class ChaosGame:
    def __init__(self, maps, seed):
        self.maps = maps
        self.total = 0.0
        for m in maps:
            self.total += m.weight
        self.rng = Rng(seed)
        self.grid = [[0] * WIDTH for _ in range(HEIGHT)]

    def choose(self):
        r = self.rng.next_float() * self.total
        for m in self.maps:
            r -= m.weight
            if r < 0.0:
                return m
        return self.maps[-1]

    def play(self, count):
        p = Point(0.5, 0.5)
        for step in range(count):
            p = self.choose().apply(p)
            # keep the point inside the unit square
            x = p.x - math.floor(p.x)
            y = p.y - math.floor(p.y)
            p = Point(x, y)
            if step >= 20:
                col = int(x * WIDTH)
                row = int(y * HEIGHT)
                if col >= WIDTH:
                    col = WIDTH - 1
                if row >= HEIGHT:
                    row = HEIGHT - 1
                self.grid[HEIGHT - 1 - row][col] += 1


def bench(size):
    game = ChaosGame(build_maps(), 12345)
    game.play(size)
    lit = 0
    most = 0
    checksum = 0
    for row in game.grid:
        for hits in row:
            if hits:
                lit += 1
            if hits > most:
                most = hits
            checksum = (checksum * 131 + hits) % 1000000007
    lines = ["points: %d" % size,
             "pixels lit: %d of %d" % (lit, WIDTH * HEIGHT),
             "most hits on one pixel: %d" % most]
    return lines, checksum


def main():
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
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
