# unpacking: starred targets in assignments and for loops, starred items in list/tuple/set/dict displays
first, *middle, last = range(6)
print(first, middle, last)
*init, tail = "abc"
print(init, tail)
head, *rest = [1]
print(head, rest)
a, (b, *c), d = 1, (2, 3, 4), 5
print(a, b, c, d)
[x, y], *z = "xy", 7, 8
print(x, y, z)

for n, *others in [(1, 2, 3), (4,), (5, 6)]:
    print(n, others)

try:
    p, q, *r = [1]
except ValueError as e:
    print("ValueError:", e)
try:
    p, q = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
try:
    p, q, r = 1, 2
except ValueError as e:
    print("ValueError:", e)

print([*range(3), *"ab", 9])
print((*[1, 2], *{3: "x"}))
print(sorted({*"hello", *"lz"}))
print({**{"a": 1, "b": 2}, "b": 20, **{"c": 3}})
print([*[], *()], {**{}})

nested = [[1, 2], [3], []]
print([*nested[0], *nested[1]], [y for xs in nested for y in xs])

# swapping and rotating with unpacking
m, n, o = 1, 2, 3
m, n, o = o, m, n
print(m, n, o)

lst = [0, 1, 2, 3]
lst[0], lst[-1] = lst[-1], lst[0]
print(lst)
i = 0
i, lst[i] = 2, "set"  # left to right: i is updated before lst[i]
print(i, lst)
print(*[1, 2, 3], sep=", ")
s1, s2 = next(iter({"only": 1}.items()))
print(s1, s2)
