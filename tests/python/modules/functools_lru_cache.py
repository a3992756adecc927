# functools.lru_cache and cache: hits and misses, eviction order, maxsize None and 0,
# the bare decorator, keyword arguments in the key, typed, cache_clear, methods.
import functools
from functools import lru_cache, cache

calls = []


@lru_cache(maxsize=2)
def square(n):
    calls.append(n)
    return n * n


print(square(2), square(3), square(2), square(4), square(3), square(2))
print(calls, square.cache_info())
info = square.cache_info()
print(info.hits, info.misses, info.maxsize, info.currsize, info == (2, 4, 2, 2))
print(type(info).__name__, tuple(info), info._asdict(), isinstance(info, tuple))
hits, misses, maxsize, currsize = info
print(hits + misses, square.cache_parameters())
square.cache_clear()
print(square.cache_info())


@lru_cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(80), fib.cache_info(), fib.__name__, fib.__wrapped__(10))


@cache
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)


print(fact(20), fact.cache_info())
print(fact(25), fact.cache_info())

seen = []


@lru_cache(maxsize=None)
def describe(a, b=0, *, sep='-'):
    seen.append((a, b, sep))
    return f"{a}{sep}{b}"


print(describe(1), describe(1), describe(1, 0), describe(a=1), describe(1, sep='+'))
print(describe(1, sep='+'), describe(1, b=0), describe.cache_info(), len(seen))


@lru_cache(maxsize=0)
def never(x):
    return x * 2


print(never(1), never(1), never.cache_info())


@lru_cache(maxsize=-5)
def negative(x):
    return x


print(negative(1), negative(1), negative.cache_info())


@lru_cache(typed=True)
def kind(x):
    return type(x).__name__


print(kind(1), kind(1.0), kind(True), kind(1), kind.cache_info())


@lru_cache()
def untyped(x):
    return type(x).__name__


print(untyped(1), untyped(1.0), untyped(True), untyped.cache_info())


@lru_cache(maxsize=3)
def ident(x):
    return x


for x in [1, 2, 3, 1, 4, 2, 5, 1]:
    ident(x)
print(ident.cache_info())


class Circle:
    def __init__(self, r):
        self.r = r

    @lru_cache(maxsize=None)
    def area(self, scale=1):
        return 3 * self.r * self.r * scale

    def __hash__(self):
        return self.r

    def __eq__(self, other):
        return isinstance(other, Circle) and self.r == other.r


c = Circle(2)
print(c.area(), c.area(), Circle(2).area(), c.area(2), Circle.area.cache_info())


def documented(x):
    """Returns x."""
    return x


wrapped = lru_cache(maxsize=10)(documented)
print(wrapped.__doc__, wrapped.__name__, wrapped.__wrapped__ is documented)
try:
    lru_cache('big')
except TypeError as e:
    print('TypeError', e)
try:
    square([1])
except TypeError as e:
    print('TypeError', e)
print(square.cache_info())


@lru_cache(maxsize=4)
def collatz(n):
    if n == 1:
        return 0
    return 1 + collatz(n // 2 if n % 2 == 0 else 3 * n + 1)


print([collatz(n) for n in range(1, 12)], collatz.cache_info())

hash_calls = 0


class Counted:
    def __hash__(self):
        global hash_calls
        hash_calls += 1
        return 7

    def __eq__(self, other):
        return isinstance(other, Counted)


@lru_cache
def pair(a, b):
    return 1


@lru_cache(maxsize=None)
def single(a, b=2):
    return 1


h = Counted()
pair(h, 1), pair(h, 1), pair(h, 2)
print(hash_calls, pair.cache_info())
hash_calls = 0
single(h), single(h), single(h, b=3)
print(hash_calls, single.cache_info())
