# Classes derived from set and frozenset: set operations give plain sets, in-place ones
# keep the instance; overrides win; frozenset-derived instances hash as frozensets.


class S(set):
    def add_all(self, *items):
        for item in items:
            self.add(item)
        return self


s = S([3, 1, 2])
print(sorted(s), len(s), 2 in s, 9 in s, type(s).__name__, bool(S()), s == {1, 2, 3}, {1, 2, 3} == s)
s.add_all(4, 5).discard(1)
print(sorted(s), sorted(s | {9}), type(s | {9}).__name__, sorted({0} | s), sorted(s & {2, 4}), sorted(s - {2}), sorted(s ^ {2, 7}))
print(s <= {2, 3, 4, 5, 6}, s < s, s.issubset(range(10)), sorted(s.union([8])), type(s.copy()).__name__)
t = s
t |= {10}
t -= {2}
t &= {3, 4, 5, 10}
t ^= {11}
print(t is s, type(t).__name__, sorted(s))
try:
    hash(s)
except TypeError as e:
    print("TypeError:", e)
print(S(), repr(S([1])), S("aa"))


class F(frozenset):
    def describe(self):
        return "F of %d" % len(self)


f = F([1, 2, 2])
print(sorted(f), f.describe(), hash(f) == hash(frozenset([1, 2])), {f: "x"}[frozenset([1, 2])], f == {1, 2})
print(sorted(f | {3}), type(f | {3}).__name__, repr(F()), repr(F([5])), f.isdisjoint({7}))


class Logged(set):
    def __init__(self, items=()):
        super().__init__(items)
        self.log = []

    def add(self, item):
        self.log.append(item)
        super().add(item)

    def __contains__(self, item):
        return "always"

    def __len__(self):
        return -0


lg = Logged("ab")
lg.add("c")
print(sorted(lg), lg.log, "zz" in lg, len(lg), set.__len__(lg), set.__contains__(lg, "zz"))
