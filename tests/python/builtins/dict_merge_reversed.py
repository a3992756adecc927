# dict | and |=, reversed() of dicts and their views, reversible and not
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

a = {"x": 1, "y": 2}
b = {"y": 20, "z": 30}
print(a | b, b | a, a | {}, {} | a, a)
c = a | b
print(c is a, c is b)
d = dict(a)
d |= b
print(d)
d |= [("w", 0), ("x", -1)]
print(d)
d |= {}
print(d)
e = d
e |= {"new": True}
print(e is d, d)
m = {1: "one", True: "true", 1.0: "float"}
print(m | {1: "int again"})
show(lambda: a | [("k", 1)])
show(lambda: [("k", 1)] | a)
show(lambda: a | None)
def inplace_bad():
    x = {}
    x |= 5
    return x
show(inplace_bad)
def inplace_pairs_bad():
    x = {}
    x |= [(1, 2, 3)]
    return x
show(inplace_pairs_bad)
show(lambda: {[]: 1} | {})
show(lambda: {1: 2} | {[]: 1})

d = {"a": 1, "b": 2, "c": 3}
print(list(reversed(d)), list(reversed(d.keys())), list(reversed(d.values())),
      list(reversed(d.items())))
print(list(reversed({})), list(reversed({}.items())))
del d["b"]
d["b"] = 22
print(list(reversed(d)), [k for k in reversed(d.items())])
r = reversed(d)
print(next(r), list(r), list(r))
for value in [[1, 2], (1, 2), "ab", range(3), b"ab", bytearray(b"ab")]:
    print(type(value).__name__, list(reversed(value)))
for value in [{1, 2}, frozenset(), (x for x in "ab"), 5, None]:
    show(lambda: reversed(value))
