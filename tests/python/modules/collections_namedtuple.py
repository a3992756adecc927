# collections.namedtuple: field names as a str or a list, defaults, rename, module; the
# class's methods and attributes; instances are tuples (indexing, unpacking, comparisons,
# hashing, match) with CPython's errors.
from collections import namedtuple


def attempt(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


Point = namedtuple('Point', 'x y')
p = Point(1, 2)
print(Point, Point.__name__, Point.__qualname__, Point.__module__, Point.__doc__)
print(p, repr(p), str(p), p.x, p.y, p[0], p[-1], p[:1], len(p))
x, y = p
print(x, y, list(p), tuple(p), p + (3,), p * 2)
print(p == (1, 2), p == Point(1, 2), p < Point(1, 3), p > (0, 9), hash(p) == hash((1, 2)))
print(isinstance(p, tuple), issubclass(Point, tuple), type(p).__name__, type(p + p).__name__)
print(Point(y=5, x=4), Point(7, y=8), {p: 'here'}[(1, 2)], p.count(1), p.index(2))
print(Point._fields, Point._field_defaults, p._asdict(), p._replace(y=20), p)
print(Point._make([5, 6]), Point._make(iter('ab')), Point._make(range(2)))
print(sorted([Point(2, 1), Point(1, 5), Point(1, 2)]), max(Point(0, 9), Point(1, 0)))
print(getattr(p, 'x'), hasattr(p, 'z'), p.__getnewargs__())

# Field names: a str with commas and spaces, a list, any iterable.
P3 = namedtuple('P3', 'a, b c')
print(P3(1, 2, 3), namedtuple('L', ['u', 'v'])(0, 1), namedtuple('G', (n for n in 'ij'))(5, 6))
Single = namedtuple('Single', 'only')
print(Single(1), Single._make([2]), namedtuple('Empty', '')())

# defaults apply to the last fields.
Opt = namedtuple('Opt', 'a b c', defaults=[20, 30])
print(Opt(1), Opt(1, 2), Opt(1, 2, 3), Opt._field_defaults, Opt.__new__.__defaults__)
print(namedtuple('All', 'a b', defaults=(1, 2))())

# rename replaces bad names by their position.
print(namedtuple('R', ['a', 'a', '_b', 'def', '2', 'ok'], rename=True)._fields)
print(namedtuple('M', 'a', module='geometry').__module__)

# Subclassing a namedtuple.


class Vector(namedtuple('Vector', 'x y')):
    __slots__ = ()

    def __add__(self, other):
        return Vector(self.x + other.x, self.y + other.y)

    @property
    def norm2(self):
        return self.x * self.x + self.y * self.y


v = Vector(1, 2) + Vector(3, 4)
print(v, v.norm2, v._replace(x=0), Vector._make([1, 1]))

# Pattern matching uses __match_args__.
match Point(3, 4):
    case Point(0, y):
        print('on the y axis', y)
    case Point(x, y):
        print('point', x, y)

# Errors.
attempt(lambda: Point(1))
attempt(lambda: Point(1, 2, 3))
attempt(lambda: Point(1, x=2))
attempt(lambda: Point(1, 2, z=3))
attempt(lambda: Point._make([1]))
attempt(lambda: p._replace(z=3))
attempt(lambda: namedtuple('P', 'x 1y'))
attempt(lambda: namedtuple('P', 'x class'))
attempt(lambda: namedtuple('P', 'x _y'))
attempt(lambda: namedtuple('P', 'x x'))
attempt(lambda: namedtuple('P', 'x', defaults=(1, 2)))
attempt(lambda: namedtuple('1P', 'x'))
attempt(lambda: namedtuple('for', 'x'))


def set_field():
    p.x = 5


attempt(set_field)
