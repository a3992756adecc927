# jitgen-bench: smoke-size=6
# Fannkuch-redux: for every permutation of 0..n-1 (in a fixed rotation order), count the
# prefix reversals ("pancake flips") until 0 comes first; report the alternating-sign sum
# of the flip counts and the maximum. SIZE = n. Twin: fannkuch.toy.
import sys
import time


def filled(n, x):
    a = []
    i = 0
    while i < n:
        a.append(x)
        i = i + 1
    return a


def count_flips(perm1, perm, n):
    i = 0
    while i < n:
        perm[i] = perm1[i]
        i = i + 1
    flips = 0
    k = perm[0]
    while k != 0:
        lo = 0
        hi = k
        while lo < hi:
            t = perm[lo]
            perm[lo] = perm[hi]
            perm[hi] = t
            lo = lo + 1
            hi = hi - 1
        flips = flips + 1
        k = perm[0]
    return flips


def fannkuch(n):
    perm1 = filled(n, 0)
    i = 0
    while i < n:
        perm1[i] = i
        i = i + 1
    perm = filled(n, 0)
    count = filled(n, 0)
    max_flips = 0
    signed_sum = 0
    nperms = 0
    r = n
    while True:
        while r != 1:
            count[r - 1] = r
            r = r - 1
        flips = count_flips(perm1, perm, n)
        if flips > max_flips:
            max_flips = flips
        if nperms % 2 == 0:
            signed_sum = signed_sum + flips
        else:
            signed_sum = signed_sum - flips
        nperms = nperms + 1
        # next permutation: rotate the first r+1 elements left until a counter is nonzero
        while True:
            if r == n:
                return [signed_sum, max_flips, nperms]
            first = perm1[0]
            i = 0
            while i < r:
                perm1[i] = perm1[i + 1]
                i = i + 1
            perm1[r] = first
            count[r] = count[r] - 1
            if count[r] > 0:
                break
            r = r + 1


def run(n):
    out = fannkuch(n)
    res = []
    res.append("permutations: " + str(out[2]))
    res.append("signed flip sum: " + str(out[0]))
    res.append("Pfannkuchen(" + str(n) + ") = " + str(out[1]))
    res.append("checksum: " + str(out[0] * 1000 + out[1]))
    return res


def main():
    iterations = 10
    size = 8
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
