# sets: literals, comprehensions, constructors, the mutating methods and their errors
s = {3, 1, 2}
print(s, len(s), type(s).__name__, 2 in s, 5 not in s)
print({x % 5 for x in range(20)}, {c for c in "mississippi" if c != "s"})
print(set(), set([4, 4, 5]), set("aab"), set(range(3)), set({"k": 1, "j": 2}))
print({*[1, 2], 3, *(4, 5), *"xy"}, {1, True, 1.0}, {0, False, 0.0})
s.add(10)
s.add(3)
s.discard(99)
s.discard(1)
s.remove(2)
print(s)
print(s.pop(), s)
s.update([7, 8], {9}, range(2))
print(s)
c = s.copy()
c.clear()
print(c, s, bool(c), bool(s))
s.difference_update([7], {8})
print(s)
s.intersection_update(range(5), [0, 1, 3, 4, 10])
print(s)
s.symmetric_difference_update({3, 42})
print(s, sorted(s), list(s), tuple(s), min(s), max(s), sum(s))
for bad in ([1], {}, {2}):
    try:
        s.add(bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    s.remove("missing")
except KeyError as e:
    print("KeyError:", e)
try:
    set().pop()
except KeyError as e:
    print("KeyError:", e)
try:
    set(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    set(5)
except TypeError as e:
    print("TypeError:", e)
try:
    s.add()
except TypeError as e:
    print("TypeError:", e)
# a set used as an element to look up stands for its frozenset
f = {frozenset({1, 2}), 3}
print({1, 2} in f, {2, 1} in f, set() in f)
f.discard({1, 2})
print(f)
it = iter({1, 2, 3})
print(next(it))
t = {1, 2, 3}
it = iter(t)
next(it)
t.add(4)
try:
    next(it)
except RuntimeError as e:
    print("RuntimeError:", e)
print([x for x in t])
