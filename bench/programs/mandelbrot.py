# jitgen-bench: smoke-size=24
# Mandelbrot set: iterate z = z*z + c (Python complex numbers) for every point c of a
# SIZE x SIZE grid over [-1.5, 0.5] x [-1, 1], at most 50 iterations, escaping when
# |z|^2 > 4; checksum over the iteration counts. Twin: mandelbrot.toy (same arithmetic on
# separate real and imaginary floats). SIZE = grid width and height.
import sys
import time

MAX_ITER = 50
MODULUS = 1000000007


def escape_count(c):
    z = 0j
    k = 0
    while k < MAX_ITER:
        z = z * z + c
        if z.real * z.real + z.imag * z.imag > 4.0:
            return k
        k = k + 1
    return MAX_ITER


def run(size):
    inside = 0
    total = 0
    checksum = 0
    y = 0
    while y < size:
        ci = 2.0 * y / size - 1.0
        x = 0
        while x < size:
            cr = 2.0 * x / size - 1.5
            k = escape_count(complex(cr, ci))
            if k == MAX_ITER:
                inside = inside + 1
            total = total + k
            checksum = (checksum * 31 + k + 1) % MODULUS
            x = x + 1
        y = y + 1
    res = []
    res.append("points inside: " + str(inside))
    res.append("total iterations: " + str(total))
    res.append("checksum: " + str(checksum))
    return res


def main():
    iterations = 10
    size = 120
    if len(sys.argv) > 1:
        iterations = int(sys.argv[1])
    if len(sys.argv) > 2:
        size = int(sys.argv[2])
    first = None
    it = 1
    while it <= iterations:
        t0 = time.perf_counter()
        res = run(size)
        t1 = time.perf_counter()
        print("iteration " + str(it) + ": " + str(t1 - t0))
        sys.stdout.flush()
        if first is None:
            first = res
        elif res[len(res) - 1] != first[len(first) - 1]:
            sys.stderr.write("checksum mismatch in iteration " + str(it) + "\n")
            sys.exit(1)
        it = it + 1
    i = 0
    while i < len(first):
        print(first[i])
        i = i + 1


main()
