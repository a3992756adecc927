# set algebra: operators, in-place operators, the named methods, comparisons
a = {1, 2, 3, 4, 5}
b = {4, 5, 6, 7}
print(a | b, a & b, a - b, b - a, a ^ b, b ^ a)
print(a.union(b), a.union([10], (11,), "z"), a.intersection(b, [5, 99]), a.intersection())
print(a.difference(b), a.difference([1], {2}), a.symmetric_difference(range(3, 9)))
print(a <= b, a < a, a <= a, {4, 5} < b, b > {6}, b >= b, a == {5, 4, 3, 2, 1}, a != b)
print(a.issubset(range(10)), a.issuperset([1, 2]), a.isdisjoint([9]), a.isdisjoint(b))
print({1, 2} == frozenset({1, 2}), {1} == [1], {1} != (1,), set() == frozenset())
x = {1, 2, 3}
y = x
x |= {4}
x &= {1, 2, 4, 8}
x -= {1}
x ^= {2, 16}
print(x, y, x is y)
f = frozenset({1, 2})
g = f
f |= {3}
print(f, g, f is g, type(f).__name__)
print(frozenset({1}) | {2}, {2} | frozenset({1}), type({2} & frozenset({2})).__name__)
try:
    print({1} | [2])
except TypeError as e:
    print("TypeError:", e)
try:
    print({1} < [1])
except TypeError as e:
    print("TypeError:", e)
try:
    x -= [1]
except TypeError as e:
    print("TypeError:", e)
# larger sets: intersection walks the smaller one, difference may copy and remove
big = set(range(0, 200, 3))
small = {9, 300, 12, 600, 15}
print(big & small, small & big, small - big)
print(sorted(big - {0, 3, 6}), len(big ^ set(range(100))))
e = set(range(50))
e -= set(range(0, 50, 2))
print(e)
e ^= e
print(e)
print(set.union({1}, {2}), frozenset.intersection(frozenset({1, 2}), {2}))
