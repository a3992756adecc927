a, (b, c) = 1, (2, 3)
print(a, b, c)
[x, y] = "xy"
print(x, y)
for i, (k, v) in enumerate({"a": 1, "b": 2}.items()):
    print(i, k, v)
first, *_ = [9, 8, 7]
print(first)
t = 1, 2, 3
print(t, [*t, 4], (*t,), [*"ab", *range(2)])
def f(*args):
    return args
print(f(*[1, 2], 3, *(4,)))
