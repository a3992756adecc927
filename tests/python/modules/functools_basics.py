# functools: reduce, partial, wraps/update_wrapper, cmp_to_key, total_ordering.
import functools
from functools import reduce, partial, wraps, update_wrapper, cmp_to_key, total_ordering
import operator

print(reduce(operator.add, [1, 2, 3, 4]), reduce(operator.mul, range(1, 6), 10))
print(reduce(lambda acc, x: acc + [x * 2], 'abc', []), reduce(max, [3, 9, 2]))
print(reduce(operator.add, [], 'empty'), reduce(operator.add, ['only']))
print(reduce(lambda a, b: a * 10 + b, iter([1, 2, 3])))


def attempt(label, f):
    try:
        print(label, 'ok', f())
    except Exception as e:
        print(label, type(e).__name__, e)


attempt('reduce empty', lambda: reduce(operator.add, []))
attempt('reduce 1 arg', lambda: reduce(operator.add))
attempt('reduce int', lambda: reduce(operator.add, 5))
attempt('reduce kw', lambda: reduce(operator.add, [], initial=0))
attempt('reduce 4', lambda: reduce(operator.add, [], 0, 1))


class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def __repr__(self):
        return f"Vec({self.x}, {self.y})"


print(reduce(operator.add, [Vec(1, 2), Vec(3, 4), Vec(5, 6)]))


def power(base, exponent, *, mod=None):
    return pow(base, exponent, mod)


square = partial(power, exponent=2)
cube_mod = partial(power, exponent=3, mod=7)
print(square(5), cube_mod(4), square(3, exponent=3))
two_to = partial(power, 2)
print(two_to(10), two_to.func is power, two_to.args, two_to.keywords)
nested = partial(partial(partial(max, 1), 5), key=abs)
print(nested.func, nested.args, nested.keywords, nested(-7, 3))
print(repr(partial(max, 1, 'a', key=len)), repr(partial(int, base=2)))
print(partial(int, base=2)('1011'), partial(sorted, reverse=True)([2, 3, 1]))
attempt('partial empty', lambda: partial())
attempt('partial not callable', lambda: partial(1))
p = partial(max, 1)
p.note = 'kept'
wrapped_again = partial(p, 2)
print(wrapped_again.func is p, wrapped_again.args, p.note, type(p).__name__)


class MyPartial(partial):
    pass


print(repr(MyPartial(min, 4)), MyPartial(min, 4)(2), isinstance(MyPartial(min), partial))


def shout(func):
    @wraps(func)
    def wrapper(*args, **kwargs):
        """wrapper doc"""
        return func(*args, **kwargs).upper()
    return wrapper


@shout
def greet(name):
    """Say hello."""
    return f"hello {name}"


greet_attr = greet
print(greet('ann'), greet.__name__, greet.__doc__, greet.__wrapped__('bob'))
print(greet.__qualname__, greet.__module__)


def original(x):
    "original doc"
    return x


original.tag = 'marked'


def replacement(*a):
    return 'replaced'


update_wrapper(replacement, original)
print(replacement.__name__, replacement.__doc__, replacement.tag,
      replacement.__wrapped__ is original)
print(functools.WRAPPER_ASSIGNMENTS, functools.WRAPPER_UPDATES)


def compare_len(a, b):
    return len(a) - len(b)


words = ['ccc', 'a', 'bb', 'dddd', 'e']
print(sorted(words, key=cmp_to_key(compare_len)))
print(sorted(words, key=cmp_to_key(lambda a, b: (a > b) - (a < b)), reverse=True))
k = cmp_to_key(compare_len)
print(k('ab') < k('abc'), k('ab') == k('cd'), k('ab') >= k('abc'), k('x').obj)
print(max(words, key=cmp_to_key(compare_len)), min(words, key=cmp_to_key(compare_len)))
attempt('cmp_to_key 0', lambda: cmp_to_key())
attempt('key vs int', lambda: k('a') < 3)
attempt('key hash', lambda: hash(k('a')))


@total_ordering
class Version:
    def __init__(self, *parts):
        self.parts = parts

    def __eq__(self, other):
        return self.parts == other.parts

    def __lt__(self, other):
        return self.parts < other.parts

    def __repr__(self):
        return 'v' + '.'.join(map(str, self.parts))


a, b = Version(1, 2), Version(1, 10)
print(a < b, a <= b, a > b, a >= b, a == b, a != b, b >= b)
print(sorted([Version(2), Version(1, 5), Version(1, 2, 3)]), max(a, b))
print(Version.__gt__.__name__, Version.__le__.__name__)


@total_ordering
class Grade:
    def __init__(self, score):
        self.score = score

    def __eq__(self, other):
        return self.score == other.score

    def __ge__(self, other):
        if not isinstance(other, Grade):
            return NotImplemented
        return self.score >= other.score


print(Grade(3) < Grade(4), Grade(3) > Grade(4), Grade(4) <= Grade(4))
attempt('grade vs int', lambda: Grade(3) < 5)


class NoOrder:
    pass


attempt('total_ordering none', lambda: total_ordering(NoOrder))
print(type(partial(max)), functools.__name__)
