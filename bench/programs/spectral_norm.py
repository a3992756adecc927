# jitgen-bench: smoke-size=20
# Spectral norm of the infinite matrix A with a(i, j) = 1 / ((i + j) * (i + j + 1) / 2 + i + 1),
# by power iteration on A^T A over its n x n top-left block; SIZE = n. Twin: spectral_norm.toy.
import math
import sys
import time


def eval_a(i, j):
    s = i + j
    return 1.0 / (s * (s + 1) // 2 + i + 1)


def mul_av(n, v, out):
    i = 0
    while i < n:
        acc = 0.0
        j = 0
        while j < n:
            acc = acc + eval_a(i, j) * v[j]
            j = j + 1
        out[i] = acc
        i = i + 1


def mul_atv(n, v, out):
    i = 0
    while i < n:
        acc = 0.0
        j = 0
        while j < n:
            acc = acc + eval_a(j, i) * v[j]
            j = j + 1
        out[i] = acc
        i = i + 1


def mul_atav(n, v, out, tmp):
    mul_av(n, v, tmp)
    mul_atv(n, tmp, out)


def filled(n, x):
    a = []
    i = 0
    while i < n:
        a.append(x)
        i = i + 1
    return a


def run(n):
    u = filled(n, 1.0)
    v = filled(n, 0.0)
    tmp = filled(n, 0.0)
    k = 0
    while k < 10:
        mul_atav(n, u, v, tmp)
        mul_atav(n, v, u, tmp)
        k = k + 1
    vbv = 0.0
    vv = 0.0
    i = 0
    while i < n:
        vbv = vbv + u[i] * v[i]
        vv = vv + v[i] * v[i]
        i = i + 1
    norm = math.sqrt(vbv / vv)
    res = []
    res.append("n: " + str(n))
    res.append("vBv: " + str(vbv))
    res.append("vv: " + str(vv))
    res.append("checksum: " + str(norm))
    return res


def main():
    iterations = 10
    size = 100
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
