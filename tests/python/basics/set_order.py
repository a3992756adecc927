# iteration order of sets follows CPython's table: probing, dummies reused, growth
print({5, 3, 8, 1, 9, 2})
print({100, 7, 64, 15, 1000, 33})
print({-1, -2, -3, 2**40, 2**61, 2**62, 2**64})
print(set(range(20, 0, -1)))
print({"apple", "banana", "cherry", "date", "elderberry", "fig", "grape"})
print(set("the quick brown fox jumps over the lazy dog"))
print({"é", "ñ", "ü", "a", "日本", "中文", "😀", "x"})
print({1.5, 2.25, 0.1, 1e100, -0.5})
print({(1, 2), (2, 1), ("a", 3), ()})
s = {0, 8}
s.remove(0)
s.add(16)
print(s)
s = {0, 8, 3}
s.discard(8)
s.add(16)
print(s)
s = set()
for i in range(40):
    s.add(i * 37 % 101)
print(s)
for i in range(0, 101, 2):
    s.discard(i)
print(s)
s.update(range(200, 230))
print(s)
words = set()
for w in "one two three four five six seven eight nine ten eleven twelve".split():
    words.add(w)
print(words)
while len(words) > 6:
    words.pop()
print(words, words.pop())
d = {"z": 1, "y": 2, "x": 3, "w": 4}
print(set(d), set(d.values()), set(d.items()))
print({x for x in range(1000) if x % 97 == 0})
for x in {"p", "q", "r", "s", "t", "u", "v"}:
    print(x, end=" ")
print()
print([c for c in {"k1", "k2", "k3", "k4", "k5", "k6"}], "q" in {"a", "q", "z"})
print({-1, -2, -3, 2**40, 2**61, 2**62, 2**64} == set([-1, -2, -3, 2**40, 2**61, 2**62, 2**64]))
print(set([-1, -2, -3, 2**40, 2**61, 2**62, 2**64]))
