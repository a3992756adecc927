# classmethod and staticmethod as decorators and as calls, through classes, instances
# and subclasses.

class Counter:
    created = 0

    def __init__(self, start=0):
        self.value = start
        type(self).created += 1

    @classmethod
    def from_text(cls, text):
        return cls(int(text))

    @classmethod
    def describe(cls):
        return cls.__name__ + " made " + str(cls.created)

    @staticmethod
    def parse(text):
        return int(text) * 2

    def plain(self):
        return "plain"

    twice = staticmethod(lambda x: x * 2)

    def _kind(cls):
        return "kind of " + cls.__name__

    kind = classmethod(_kind)


c = Counter.from_text("41")
print(type(c).__name__, c.value)
print(Counter.describe(), c.describe())
print(Counter.parse("5"), c.parse("6"))
print(Counter.twice(4), c.twice("ab"))
print(Counter.kind(), c.kind())


class Special(Counter):
    created = 100


s = Special.from_text("7")
print(type(s).__name__, s.value, Special.created, Counter.created)
print(Special.describe(), s.describe())
print(Special.parse("1"), s.twice(3))
print(s.kind())

# What the wrappers hold and what access returns.
print(type(Counter.parse).__name__, type(c.parse).__name__)
print(type(Counter.from_text).__name__, type(c.from_text).__name__)
print(Counter.from_text.__self__ is Counter, s.from_text.__self__ is Special)
print(Counter.from_text.__func__ is Special.from_text.__func__)
raw = staticmethod(len)
print(raw.__func__ is len, type(raw).__name__)
wrapped = classmethod(Counter.describe.__func__)
print(type(wrapped).__name__, wrapped.__func__.__name__)
print(wrapped.__get__(None, Special)())


# A classmethod calling another through cls, and a staticmethod used by a method.
class Shape:
    sides = 0

    @staticmethod
    def area_of(w, h):
        return w * h

    @classmethod
    def unit(cls):
        return cls.make(1)

    @classmethod
    def make(cls, size):
        shape = cls()
        shape.size = size
        return shape

    def area(self):
        return self.area_of(self.size, self.size)


class Square(Shape):
    sides = 4

    @classmethod
    def make(cls, size):
        shape = super().make(size * 2)
        shape.label = "square of " + str(size)
        return shape


sq = Square.unit()
print(type(sq).__name__, sq.size, sq.label, sq.area(), Square.sides)
print(Shape.make(3).area())

# Arguments are checked as for any function.
try:
    Counter.parse()
except TypeError as e:
    print("TypeError:", e)
try:
    Counter.from_text("1", "2")
except TypeError as e:
    print("TypeError:", e)
try:
    staticmethod()
except TypeError as e:
    print("TypeError:", e)


# __class_getitem__ is an implicit class method: C[item].
class Box:
    def __class_getitem__(cls, item):
        return cls.__name__ + "[" + item.__name__ + "]"


class IntBox(Box):
    pass


print(Box[int], IntBox[str])
try:
    Counter[int]
except TypeError as e:
    print("TypeError:", e)
print(repr(staticmethod(len)), repr(classmethod(len)))


# __new__ is an implicit static method: read through an instance it stays unbound, and
# super() checks what it is given.
class Made:
    def __new__(cls, *args):
        print("Made.__new__", cls.__name__, args)
        return super().__new__(cls)

    def __init__(self, x=0):
        self.x = x


class MadeMore(Made):
    def __new__(cls, *args):
        print("MadeMore.__new__")
        return super().__new__(cls, *args)


mm = MadeMore(3)
print(mm.x, type(mm.__new__).__name__)
print(type(Made.__new__(MadeMore)).__name__)
try:
    mm.__new__(Made)
except TypeError as e:
    print("TypeError:", e)
try:
    super(MadeMore, Made())
except TypeError as e:
    print("TypeError:", e)


# __call__ and __init__ are looked up on the class and bound by their __get__.
class C:
    __call__ = staticmethod(lambda *a: ("static call", a))
print(C()(1, 2))
class D:
    @classmethod
    def __call__(cls, x):
        return (cls.__name__, x)
print(D()(5))
class Init:
    def _init(self, v):
        self.v = v
    __init__ = _init
print(Init(3).v)
class Callable:
    def __call__(self, x):
        return x * 2
print(Callable()(21))
