# enumerate with start, zip with unequal lengths, unzipping with zip(*...)
letters = ["a", "b", "c"]
print(list(enumerate(letters)), list(enumerate(letters, 1)), list(enumerate(letters, start=-2)))
print(list(enumerate("xy", 2 ** 40)), list(enumerate([])), dict(enumerate("ab")))
for i, (x, y) in enumerate(zip("ab", "cd"), 1):
    print(i, x, y)
print(list(zip([1, 2, 3], "ab")), list(zip()), list(zip([1, 2])), list(zip("abc", range(10), [True, False])))
print(list(zip(*[(1, "a"), (2, "b"), (3, "c")])))
matrix = [[1, 2, 3], [4, 5, 6]]
print([list(col) for col in zip(*matrix)])
names, ages = zip(*[("ann", 3), ("ben", 5)])
print(names, ages)
print(dict(zip("abc", range(3))), list(zip(range(3), range(3, 6), range(6, 9))))
e = enumerate("abc")
print(next(e), next(e), list(e), list(e))
z = zip(iter([1, 2, 3]), iter("ab"))
print(next(z), list(z))
counts = {}
for idx, ch in enumerate("mississippi"):
    counts.setdefault(ch, []).append(idx)
print(counts)
