# Classes derived from int, float, str, bytes and tuple: __new__ makes the value (the
# built-in's __new__, super().__new__, int.__new__(cls, v)), the built-in's methods and
# operators return plain built-in values, the class's own methods win.


class I(int):
    def double(self):
        return I(self * 2)


i = I(5)
print(i, repr(i), str(i), i + 1, 1 + i, i - 2, 2 - i, i * i, i // 2, i % 3, -i, abs(I(-3)), ~i)
print(type(i + 1).__name__, type(-i).__name__, type(i.double()).__name__, i.double())
print(i == 5, 5 == i, i < 6, i > I(4), hash(i) == hash(5), {5: "five"}[i], [10, 20, 30, 40, 50, 60][i])
print(i.bit_length(), i.real, i.numerator, int(i), type(int(i)).__name__, float(i), bool(I(0)))
print(I("12"), I("ff", 16), I(3.9), I(), range(I(3)), list(range(I(2))), "ab" * I(2), f"{i:>4}|{i:x}")
print(isinstance(i, int), isinstance(i, I), isinstance(True, I), I.__mro__ == (I, int, object))
print(divmod(i, 2), pow(i, 2), round(i), sorted([I(3), 1, I(2)]), max(I(1), 0), "%d" % i, "%s" % i)


class Celsius(float):
    def __new__(cls, degrees):
        return super().__new__(cls, degrees)

    def __repr__(self):
        return "Celsius(" + float.__repr__(self) + ")"

    def fahrenheit(self):
        return self * 9 / 5 + 32


c = Celsius(21.5)
print(c, str(c), c.fahrenheit(), c + 1, type(c + 1).__name__, c == 21.5, round(c), int(c), c.is_integer())


class Pos(int):
    def __new__(cls, value):
        if value < 0:
            raise ValueError("negative")
        instance = int.__new__(cls, value)
        instance.created = True
        return instance

    def __add__(self, other):
        return Pos(int(self) + int(other))

    def __str__(self):
        return "+" + int.__repr__(self)


p = Pos(3)
print(p, p + 4, type(p + 4).__name__, 4 + p, type(4 + p).__name__, p.created, repr(p))
try:
    Pos(-1)
except ValueError as e:
    print("ValueError:", e)


class S(str):
    def shout(self):
        return self.upper() + "!"


s = S("hello")
print(s, repr(s), s.shout(), s.upper(), type(s.upper()).__name__, s + "!", "<" + s, s * 2, len(s), s[1], s[1:3])
print(type(s[1]).__name__, type(s + "x").__name__, s == "hello", "hello" == s, hash(s) == hash("hello"), s < "z")
print("ell" in s, s in "say hello", {"hello": 1}[s], " ".join([s, S("world")]), s.split("l"), s.replace("l", "L"))
print("hello".startswith(S("he")), s.startswith("he"), s.format(), f"{s}", f"{s!r}", "%s|%r" % (s, s), str(s), type(str(s)).__name__)
print(S(42), S([1]), S(), isinstance(s, str), list(S("ab")), sorted(S("cba")), s.title(), ord(S("a")))


class Tag(str):
    def __new__(cls, name, level):
        obj = super().__new__(cls, name)
        obj.level = level
        return obj

    def __repr__(self):
        return f"Tag({str.__repr__(self)}, {self.level})"


t = Tag("h1", 1)
print(t, repr(t), t.level, t + "!", [t])


class T(tuple):
    def total(self):
        return sum(self)


t = T([1, 2, 3])
print(t, repr(t), t.total(), t[0], t[1:], type(t[1:]).__name__, len(t), t + (4,), (0,) + t, t * 2, t == (1, 2, 3))
print(hash(t) == hash((1, 2, 3)), t.count(1), t.index(3), isinstance(t, tuple), T(), tuple(t), type(tuple(t)).__name__)
a, b, c = t
print(a, b, c, {t: 1}[(1, 2, 3)], sorted(T("ba")))


class Point(tuple):
    def __new__(cls, x, y):
        return tuple.__new__(cls, (x, y))

    @property
    def x(self):
        return self[0]

    @property
    def y(self):
        return self[1]

    def __repr__(self):
        return "Point(%r, %r)" % self


pt = Point(1, 2)
print(pt, pt.x, pt.y, pt == (1, 2), pt + pt, max(pt))


class B(bytes):
    pass


b = B(b"abc")
print(b, len(b), b[0], b[1:], b + b"d", b"<" + b, b.upper(), type(b.upper()).__name__, b == b"abc", b.decode(), list(b))
print(B([65, 66]), B(2), str(b), hash(b) == hash(b"abc"), b"b" in b)
