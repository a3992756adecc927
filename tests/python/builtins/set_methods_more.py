# set and frozenset methods and operators; results printed sorted
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(b - a), sorted(a ^ b))
print(sorted(a.union([9], (8,))), sorted(a.intersection(b, {4})), sorted(a.difference([1], [2])), sorted(a.symmetric_difference(range(3))))
print(a.issubset(range(10)), {3, 4} <= a, {3, 4} < a, a < a, a <= a, a.issuperset([1, 2]), a > {1}, a.isdisjoint({7, 8}), a.isdisjoint(b))
s = set()
s.add(5)
s.add(5)
s.update([1, 2], "ab")
print(sorted(s, key=str), len(s))
s.discard("a")
s.discard("zz")
s.remove("b")
print(sorted(s))
s |= {10}
s &= {1, 2, 5, 10, 11}
s -= {2}
s ^= {1, 99}
print(sorted(s))
c = {1, 2, 3}
c.intersection_update({2, 3, 4})
c.difference_update({3})
c.symmetric_difference_update({2, 7})
print(sorted(c), c == {7}, c.copy() == c, c.copy() is c)
f = frozenset([3, 1, 2, 3])
print(sorted(f), type(f | {9}).__name__, type({9} | f).__name__, sorted(f & {1, 7}), f == {1, 2, 3}, hash(f) == hash(frozenset({1, 2, 3})))
print({f: "key"}[frozenset([1, 2, 3])], frozenset() == set(), len(frozenset("hello")), sorted(frozenset("hello")))
p = {4, 5, 6}
print(p.pop() in {4, 5, 6}, len(p))
p.clear()
print(p, set(), frozenset(), set("aab") == {"a", "b"})
for bad in [lambda: set().pop(), lambda: {1}.remove(2), lambda: {[1]}, lambda: f.add(1)]:
    try:
        bad()
    except (KeyError, TypeError, AttributeError) as e:
        print(type(e).__name__ + ":", e)
