# __slots__: instances without a __dict__, slots as descriptors on the class.

class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm1(self):
        return abs(self.x) + abs(self.y)


p = Point(3, -4)
print(p.x, p.y, p.norm1())
p.x = 10
print(p.x)
try:
    p.z = 1
except AttributeError as e:
    print("AttributeError:", e)
try:
    p.__dict__
except AttributeError as e:
    print("AttributeError:", e)
print(hasattr(p, "__dict__"), Point.__slots__)
print(type(Point.x).__name__, Point.x.__name__)
print(Point.x.__get__(p, Point))
Point.y.__set__(p, 99)
print(p.y, getattr(p, "y"))
del p.y
try:
    p.y
except AttributeError as e:
    print("AttributeError:", e)
try:
    del p.y
except AttributeError as e:
    print("AttributeError:", e)
p.y = 1
print(p.norm1())


class Single:
    __slots__ = "only"


s = Single()
s.only = "one"
print(s.only, Single.__slots__)
try:
    s.other = 2
except AttributeError as e:
    print("AttributeError:", e)


# A subclass without __slots__ gets a __dict__; one with __slots__ adds to the parent's.
class Loose(Point):
    pass


lo = Loose(1, 2)
lo.extra = "ok"
print(lo.x, lo.extra, lo.__dict__)


class Point3(Point):
    __slots__ = ("z",)

    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


p3 = Point3(1, 2, 3)
print(p3.x, p3.y, p3.z, p3.norm1())
try:
    p3.w = 4
except AttributeError as e:
    print("AttributeError:", e)


# "__dict__" in __slots__ brings the dict back.
class Open:
    __slots__ = ("a", "__dict__")


o = Open()
o.a = 1
o.b = 2
print(o.a, o.b, o.__dict__)


# Slots and class attributes of the same name conflict.
try:
    class Clash:
        __slots__ = ("v",)
        v = 3
except ValueError as e:
    print("ValueError:", e)


# Empty slots: nothing may be set.
class Nothing:
    __slots__ = ()


n = Nothing()
try:
    n.anything = 1
except AttributeError as e:
    print("AttributeError:", e)


# A property alongside slots.
class Celsius:
    __slots__ = ("_deg",)

    def __init__(self, deg):
        self._deg = deg

    @property
    def fahrenheit(self):
        return self._deg * 9 / 5 + 32


print(Celsius(100).fahrenheit)
print(Point.x, Point3.z, repr(Single.only))
try:
    Point.x.__get__(Celsius(1), Celsius)
except TypeError as e:
    print("TypeError:", e)
