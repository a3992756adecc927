# classes: rich comparisons, reflected comparison fallbacks, NotImplemented, == defaulting to identity
class Version:
    verbose = True

    def __init__(self, *parts):
        self.parts = parts

    def __repr__(self):
        return "v" + ".".join(map(str, self.parts))

    def __eq__(self, other):
        if self.verbose:
            print(f"  {self!r}.__eq__")
        if not isinstance(other, Version):
            return NotImplemented
        return self.parts == other.parts

    def __lt__(self, other):
        if self.verbose:
            print(f"  {self!r}.__lt__({other!r})")
        if not isinstance(other, Version):
            return NotImplemented
        return self.parts < other.parts


a, b = Version(1, 2), Version(1, 10)
print(a < b)
print(a > b)  # no __gt__: reflected b.__lt__(a)
print(a == Version(1, 2), a != b)
print(a == "1.2")
try:
    a <= b
except TypeError as e:
    print("TypeError:", e)
try:
    a < 3
except TypeError as e:
    print("TypeError:", e)
Version.verbose = False
print(sorted([Version(2), Version(1, 5), Version(1)]), min(Version(3), Version(2, 9)))
Version.verbose = True


class Plain:
    pass


p, q = Plain(), Plain()
print(p == p, p == q, p != q)


class Weird:
    def __eq__(self, other):
        return "truthy string"

    def __ne__(self, other):
        return 0


w = Weird()
print(w == 1, w != 1, bool(w == 1))
print([w] == [w], Version(3) in [Version(1), Version(3)])
