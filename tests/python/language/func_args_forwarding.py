# functions: *args/**kwargs collection and forwarding, unpacking at call sites, duplicates
def target(a, b, c=0, *rest, key=None, **extra):
    return f"a={a} b={b} c={c} rest={rest} key={key} extra={extra}"


def forward(*args, **kwargs):
    print("  forwarding", args, kwargs)
    return target(*args, **kwargs)


print(forward(1, 2))
print(forward(1, 2, 3, 4, 5, key="k", z=26))
print(forward(*[1, 2], *(3,), **{"key": 1}, **{"y": 2}))
print(target(*"ab"), target(**{"a": "A", "b": "B"}))
print(target(1, *range(2, 6), key=9))

try:
    target(1, 2, **{"a": 3})
except TypeError as e:
    print("TypeError:", e)


def collect(*args, **kwargs):
    return type(args).__name__, args, type(kwargs).__name__, kwargs


print(collect())
print(collect(*(), **{}))
print(collect(1, *[2, 3], 4, x=1, **{"y": 2}, z=3))


def swap(a, b):
    return b, a


pairs = [(1, 2), ("x", "y")]
print([swap(*p) for p in pairs])
print(max(*[3, 9, 2]), print(*["a", "b"], sep="-"))
try:
    target(1)
except TypeError as e:
    print("TypeError:", e)
