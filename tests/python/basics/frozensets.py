# frozensets: hashing as CPython's, as dict keys and set elements, repr, methods
f = frozenset([3, 1, 2])
print(f, repr(frozenset()), len(f), 2 in f, type(f).__name__)
print(hash(frozenset()), hash(f), hash(frozenset(["a", "b"])), hash(frozenset({(1, 2)})))
print(hash(frozenset({frozenset({1}), frozenset()})))
print(hash(frozenset(range(100))) == hash(frozenset(reversed(range(100)))))
print(frozenset(f) is f, f.copy() is f, frozenset({1, 2}) == {2, 1})
d = {frozenset({1, 2}): "a", frozenset(): "empty"}
print(d[frozenset({2, 1})], d[frozenset()], d)
nested = {frozenset({1}), frozenset({1, 2}), frozenset({1})}
print(nested, len(nested))
print(f.union({4}), f.intersection([1, 9]), f.difference({1}), f.symmetric_difference({1, 7}))
print(f.issubset(range(5)), f.issuperset({1}), f.isdisjoint({8}))
try:
    f.add(4)
except AttributeError as e:
    print("AttributeError:", e)
try:
    hash({1})
except TypeError as e:
    print("TypeError:", e)
try:
    {{1}: 2}
except TypeError as e:
    print("TypeError:", e)
powerset = {frozenset()}
for item in "abc":
    powerset |= {s | {item} for s in powerset}
print(len(powerset), sorted(sorted(s) for s in powerset))
