print([x * 2 for x in range(5)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(x, y) for x in range(3) for y in range(x)])
print({x: x * x for x in range(4)})
print({k: v for k, v in zip("abc", [1, 2, 3])})
m = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in m] for i in range(3)])
print([c.upper() for c in "hey"], [len(w) for w in "the quick brown fox".split()])
n = 10
print([n + i for i in range(3)])
