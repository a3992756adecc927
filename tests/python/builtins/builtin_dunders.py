# Special methods of built-in types read as attributes: called through the class or a
# value, NotImplemented for operands a type does not handle, CPython's errors.


def attempt(thunk):
    try:
        print(repr(thunk()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


# Numbers.
attempt(lambda: int.__add__(1, 2))
attempt(lambda: (1).__add__(2))
attempt(lambda: (1).__add__(1.5))
attempt(lambda: (1.5).__add__(1))
attempt(lambda: (1).__radd__(2.0))
attempt(lambda: (2.0).__radd__(1))
attempt(lambda: (7).__sub__(2), )
attempt(lambda: (7).__rsub__(2))
attempt(lambda: (7).__mul__(3))
attempt(lambda: (7).__truediv__(2))
attempt(lambda: (7).__rtruediv__(2))
attempt(lambda: (7).__floordiv__(2))
attempt(lambda: (7).__rfloordiv__(20))
attempt(lambda: (-7).__mod__(3))
attempt(lambda: (2).__pow__(10))
attempt(lambda: (2).__pow__(10, 1000))
attempt(lambda: (2).__rpow__(3))
attempt(lambda: (1).__lshift__(70))
attempt(lambda: (1024).__rshift__(3))
attempt(lambda: (6).__and__(3))
attempt(lambda: (6).__or__(3))
attempt(lambda: (6).__xor__(3))
attempt(lambda: (6).__rxor__(3))
attempt(lambda: (6).__and__(3.0))
attempt(lambda: True.__and__(False))
attempt(lambda: True.__add__(True))
attempt(lambda: (5).__neg__())
attempt(lambda: (5).__pos__())
attempt(lambda: (-5).__abs__())
attempt(lambda: (5).__invert__())
attempt(lambda: (0).__bool__())
attempt(lambda: (2.5).__int__())
attempt(lambda: (2).__float__())
attempt(lambda: (7).__index__())
attempt(lambda: True.__index__())
attempt(lambda: (3).__truediv__(0))
attempt(lambda: (2.5).__neg__())
attempt(lambda: (-2.5).__abs__())
attempt(lambda: (2.5).__floordiv__(1))
attempt(lambda: (2.5).__mod__(1))
attempt(lambda: (2.5).__pow__(2))
attempt(lambda: (0.0).__bool__())
attempt(lambda: (1.5).__add__("x"))
attempt(lambda: float.__mul__(2.0, 4))
attempt(lambda: int.__neg__(3))

# Comparisons.
attempt(lambda: (1).__eq__(1))
attempt(lambda: (1).__eq__(1.0))
attempt(lambda: (1.0).__eq__(1))
attempt(lambda: (1).__ne__(2))
attempt(lambda: (1).__lt__(2))
attempt(lambda: (1).__lt__(2.5))
attempt(lambda: (3.5).__ge__(3))
attempt(lambda: (1).__eq__("1"))
attempt(lambda: "a".__lt__("b"))
attempt(lambda: "a".__eq__("a"))
attempt(lambda: "a".__eq__(1))
attempt(lambda: [1, 2].__lt__([1, 3]))
attempt(lambda: [1].__eq__((1,)))
attempt(lambda: (1, 2).__le__((1, 2)))
attempt(lambda: {1: 2}.__eq__({1: 2}))
attempt(lambda: {1}.__le__({1, 2}))
attempt(lambda: {1}.__lt__([1, 2]))
attempt(lambda: frozenset({1}).__eq__({1}))
attempt(lambda: int.__lt__(1, 2))
attempt(lambda: object.__eq__(1, 1))
attempt(lambda: object.__eq__(1, 2))

# Hashes.
attempt(lambda: int.__hash__(5))
attempt(lambda: (5).__hash__() == hash(5))
attempt(lambda: "abc".__hash__() == hash("abc"))
attempt(lambda: (1, 2).__hash__() == hash((1, 2)))
attempt(lambda: (2.5).__hash__() == hash(2.5))
attempt(lambda: frozenset({1}).__hash__() == hash(frozenset({1})))

# Strings.
attempt(lambda: "ab".__len__())
attempt(lambda: "ab".__add__("cd"))
attempt(lambda: "ab".__add__(1))
attempt(lambda: "ab".__mul__(3))
attempt(lambda: "ab".__rmul__(2))
attempt(lambda: "ab".__mul__("x"))
attempt(lambda: "ab".__mul__(1.5))
attempt(lambda: "%s!".__mod__(5))
attempt(lambda: "a".__rmod__(5))
attempt(lambda: "ab".__getitem__(1))
attempt(lambda: "abc".__getitem__(slice(0, 2)))
attempt(lambda: "ab".__getitem__(5))
attempt(lambda: "abc".__contains__("bc"))
attempt(lambda: "abc".__contains__(1))
attempt(lambda: list("ab".__iter__()))
attempt(lambda: str.__len__("hello"))
attempt(lambda: str.__mul__("-", 5))
attempt(lambda: "x".__repr__())
attempt(lambda: "x".__str__())

# Lists and tuples.
attempt(lambda: [1, 2].__getitem__(0))
attempt(lambda: [1, 2].__getitem__(-1))
attempt(lambda: [1, 2].__getitem__(9))
attempt(lambda: [1, 2].__len__())
attempt(lambda: list.__len__([1, 2, 3]))
attempt(lambda: [1].__add__([2]))
attempt(lambda: [1].__add__((2,)))
attempt(lambda: [1].__mul__(3))
attempt(lambda: [1].__rmul__(2))
attempt(lambda: [1, 2].__contains__(2))
attempt(lambda: [1, 2].__iter__().__next__())
attempt(lambda: [1, 2].__repr__())
attempt(lambda: (1, 2).__add__((3,)))
attempt(lambda: (1, 2).__add__([3]))
attempt(lambda: (1, 2).__getitem__(1))
attempt(lambda: (1, 2).__len__())
attempt(lambda: (1,).__mul__(3))
attempt(lambda: tuple.__contains__((1, 2), 3))
items = [1, 2, 3]
attempt(lambda: items.__setitem__(0, 10))
attempt(lambda: items.__delitem__(1))
attempt(lambda: items.__setitem__(slice(0, 1), [7, 8]))
print(items)

# Dicts and sets.
d = {"a": 1}
attempt(lambda: d.__getitem__("a"))
attempt(lambda: d.__getitem__("zz"))
attempt(lambda: d.__setitem__("b", 2))
attempt(lambda: d.__contains__("b"))
attempt(lambda: d.__len__())
attempt(lambda: d.__delitem__("a"))
attempt(lambda: d.__or__({"c": 3}))
attempt(lambda: d.__or__([("c", 3)]))
attempt(lambda: d.__ror__({"z": 0}))
attempt(lambda: list(d.__iter__()))
attempt(lambda: dict.__len__(d))
print(d)
s = {1, 2}
attempt(lambda: sorted(s.__or__({3})))
attempt(lambda: s.__or__([3]))
attempt(lambda: sorted(s.__and__({2, 3})))
attempt(lambda: sorted(s.__sub__({2})))
attempt(lambda: sorted(s.__rsub__({2, 5})))
attempt(lambda: sorted(s.__xor__({2, 3})))
attempt(lambda: s.__len__())
attempt(lambda: s.__contains__(2))
attempt(lambda: sorted(frozenset({1}).__or__({2})))

# Reading them: names, reprs, binding.
print(int.__add__, list.__len__, str.__mul__, tuple.__len__)
print(list.__getitem__, dict.__getitem__, dict.__contains__, set.__contains__, str.__getitem__)
attempt(lambda: dict.__contains__([], 1))
print(int.__add__.__name__, int.__add__.__qualname__, float.__add__.__qualname__)
print((1).__add__.__name__, (1).__add__.__qualname__, (1).__add__.__self__)
print(repr((1).__add__).split(" at ")[0], repr([].__len__).split(" at ")[0])
add = (10).__add__
print(add(5), list(map((2).__mul__, [1, 2, 3])))
print(sorted([3, 1, 2], key=(0).__sub__))
print(hasattr(5, "__add__"), hasattr(5, "__len__"), hasattr("", "__len__"))

# Errors of the calls themselves.
attempt(lambda: (1).__add__())
attempt(lambda: (1).__add__(1, 2))
attempt(lambda: [].__len__(1))
attempt(lambda: (1).__add__(x=1))
attempt(lambda: int.__add__())
attempt(lambda: int.__add__(1.5, 2))
attempt(lambda: str.__len__([1]))
attempt(lambda: list.append(5, 1))
attempt(lambda: list.append())
attempt(lambda: str.upper(1))


# User classes: super() reaches object's methods; a class's own dunders stay its own.
class Point:
    def __init__(self, x):
        self.x = x

    def __eq__(self, other):
        if not isinstance(other, Point):
            return NotImplemented
        return self.x == other.x

    def __hash__(self):
        return hash(self.x)

    def __add__(self, other):
        if isinstance(other, int):
            return Point(self.x + other)
        return NotImplemented

    def __radd__(self, other):
        return self.__add__(other)

    def __repr__(self):
        return f"Point({self.x})"


p = Point(1)
print(p.__eq__(Point(1)), p.__eq__(1), Point.__eq__(p, Point(2)))
print(p.__add__(2), p.__add__("x"), (5).__add__(p), 5 + p, p + 5)
print(Point.__hash__(p) == hash(1), object.__hash__(p) == hash(p))


class Base:
    def __eq__(self, other):
        return super().__eq__(other)


b = Base()
print(b == b, b == Base(), b.__eq__(b), b.__eq__(1))
print(object.__repr__(b).startswith("<__main__.Base object at "), object.__str__(b) == repr(b))

# A loop through the slot methods (traced by the JIT).
total = 0
for i in range(500):
    total = (total).__add__(i.__mul__(2))
    if (i).__mod__(7).__eq__(0):
        total = total.__sub__(1)
print(total)

# Iterators and generators.
it = iter([1, 2])
print(it.__iter__() is it, it.__next__(), next(it))
attempt(lambda: it.__next__())


def gen():
    yield "g"


g = gen()
print(g.__iter__() is g, g.__next__())
attempt(lambda: g.__next__())
