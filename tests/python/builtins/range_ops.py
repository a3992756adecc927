# range: len, indexing, slicing, reversed, membership, negative steps, equality, index/count
r = range(3, 20, 4)
print(r, list(r), len(r), r[0], r[-1], r[2])
print(r[1:3], list(r[1:3]), r[::-1], list(r[::-1]), r[::2], r[10:], list(r[-2:]))
print(7 in r, 8 in r, 19 in r, 20 in r, 3.0 in r, "x" in r)
n = range(10, -10, -3)
print(list(n), len(n), n[-1], list(reversed(n)), -8 in n, -9 in n, n[::-2], list(n[::-2]))
print(len(range(0)), len(range(5, 2)), len(range(2, 5, -1)), list(range(5, 2)), list(range(0, -5, -1)))
print(range(0) == range(5, 2), range(0, 6, 2) == range(0, 5, 2), range(3) == range(0, 3, 1), range(1) != range(2))
big = range(0, 10 ** 17, 7)
print(len(big), big[-1], 10 ** 16 in big, (7 * 10 ** 15) in big, big[10 ** 15], big[5:8])
print(list(range(-3, 3)), sum(range(1, 11)), max(range(7)), sorted(range(3), reverse=True), tuple(range(2)))
print(bool(range(0)), bool(range(1)), list(reversed(range(1, 10, 3))), range(4)[-4])
for bad in [lambda: range(0, 5, 0), lambda: range(5)[5], lambda: range(1.5)]:
    try:
        bad()
    except (ValueError, IndexError, TypeError) as e:
        print(type(e).__name__ + ":", e)
