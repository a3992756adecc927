# tuples: index/count, slicing, concatenation, comparison, packing/unpacking, hashing, repr
t = (3, "a", 3, None, (1, 2), 3)
print(t.count(3), t.count("z"), t.index("a"), t.index(3), t.index((1, 2)))
print(t[1:4], t[::-1], t[::2], t[-2:], t[10:], len(t), (1, 2) in t, None in t)
print((1, 2) + (3,), (0,) * 3, () * 5, (1, 2) < (1, 3), (1, 2) < (1, 2, 0), (2,) > (1, 99), () < (0,))
print((1, 2) == (1, 2), (1, 2) == [1, 2], (1, (2, 3)) == (1, (2, 3)), (float("nan"),) == (float("nan"),))
print(repr(()), repr((1,)), repr((1, 2)), repr(((),)), str(("a", 'b"')), tuple("ab"), tuple(range(3)), tuple({"k": 1}))
print(hash((1, 2)) == hash((1, 2)), hash((1, "a")) == hash((1, "a")), {(1, 2): "pair"}[1, 2])
a, *rest = t
*init, last = t
first, (x, y), *_ = (0, (5, 6), 7, 8)
print(a, rest, init, last, first, x, y)
n = 1, 2, 3
print(n, type(n).__name__, max(n), sum(n), sorted(n, reverse=True))
nested = ((1, 2), (3, 4))
print([p for pair in nested for p in pair], dict(nested), list(zip(*nested)))
try:
    t.index(99)
except ValueError as e:
    print("ValueError:", e)
try:
    t[0] = 1
except TypeError as e:
    print("TypeError:", e)
try:
    hash((1, [2]))
except TypeError as e:
    print("TypeError:", e)
