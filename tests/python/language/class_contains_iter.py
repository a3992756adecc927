# classes: __contains__, __iter__/__next__ iterators, and `in` falling back to iteration
class Range2:
    def __init__(self, lo, hi):
        self.lo, self.hi = lo, hi

    def __contains__(self, x):
        print(f"  __contains__({x})")
        return self.lo <= x < self.hi

    def __iter__(self):
        return Range2Iter(self.lo, self.hi)


class Range2Iter:
    def __init__(self, cur, hi):
        self.cur, self.hi = cur, hi

    def __iter__(self):
        return self

    def __next__(self):
        if self.cur >= self.hi:
            raise StopIteration
        self.cur += 1
        return self.cur - 1


r = Range2(3, 7)
print(5 in r, 9 in r, 2 not in r)
print(list(r), list(r), sum(r))
it = iter(r)
print(next(it), next(it), iter(it) is it, list(it), next(it, "end"))


class OnlyIter:
    def __iter__(self):
        print("  __iter__")
        yield from ["a", "b", "c"]


print("b" in OnlyIter(), "z" in OnlyIter())


class Truthy:
    def __contains__(self, x):
        return "yes"


print(1 in Truthy(), 1 not in Truthy())


class Empty:
    pass


try:
    1 in Empty()
except TypeError as e:
    print("TypeError:", e)
try:
    iter(Empty())
except TypeError as e:
    print("TypeError:", e)


class BadIter:
    def __iter__(self):
        return 5


try:
    for x in BadIter():
        pass
except TypeError as e:
    print("TypeError:", e)

a, b, c = Range2(0, 3)
print(a, b, c, [*Range2(10, 12)], {k: k * k for k in Range2(1, 3)})
