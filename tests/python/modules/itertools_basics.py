# itertools: the infinite and the filtering iterators, lazily, with user classes.
import itertools
from itertools import (count, cycle, repeat, accumulate, chain, compress, dropwhile,
                       takewhile, filterfalse, groupby, islice, starmap, tee, zip_longest,
                       pairwise)
import operator

c = count(5)
print(repr(c), next(c), next(c), repr(c))
print(list(islice(count(), 4)), list(islice(count(10, -3), 4)))
print(list(islice(count(0.5, 0.25), 3)), repr(count(1, 1.0)), repr(count(2, -1)))
print(repr(count(start=3, step=2)), repr(count(1.5)))
print(list(islice(cycle('abc'), 7)), list(cycle([])))
r = repeat(3, 2)
print(repr(r), list(r), repr(r), repr(repeat('x')), repr(repeat('a', -3)))
print(list(islice(repeat(None), 2)), list(repeat(7, times=3)))
print(operator.length_hint(repeat(1, 5)), repeat(1, 4).__length_hint__())

print(list(accumulate([1, 2, 3, 4, 5])))
print(list(accumulate([1, 2, 3, 4, 5], operator.mul)))
print(list(accumulate([3, 1, 4, 1, 5], max)))
print(list(accumulate([1, 2, 3], initial=100)), list(accumulate([], initial=0)))
print(list(accumulate(['a', 'b', 'c'])), list(accumulate([])))
print(list(accumulate([1, 2, 3], lambda a, b: a * 10 + b, initial=9)))
print(list(accumulate(iterable=[1, 2], func=operator.sub)))

print(list(chain('ab', [1, 2], (), range(3))), list(chain()))
print(list(chain.from_iterable(['ab', 'cd', []])))
print(list(chain.from_iterable(x * 2 for x in 'xy')))
print(list(compress('ABCDEF', [1, 0, 1, 0, 1, 1])), list(compress(range(10), [0, 1] * 3)))
print(list(dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(filterfalse(lambda x: x % 2, range(10))), list(filterfalse(None, [0, 1, '', 'a'])))

for key, group in groupby('AAAABBBCCDAABBB'):
    print(key, list(group), end='; ')
print()
print([k for k, g in groupby('AAAABBBCCD')])
print([(k, len(list(g))) for k, g in groupby([1, 3, 5, 2, 4, 7], key=lambda x: x % 2)])
groups = list(groupby('aabbb'))
print([(k, list(g)) for k, g in groups])
it = groupby('aaabbc')
k1, g1 = next(it)
print(k1, next(g1))
k2, g2 = next(it)
print(k2, list(g1), list(g2))

print(list(islice('ABCDEFG', 2)), list(islice('ABCDEFG', 2, 4)))
print(list(islice('ABCDEFG', 2, None)), list(islice('ABCDEFG', 0, None, 2)))
print(list(islice(range(20), 1, 15, 4)), list(islice('AB', 5, 10)), list(islice('AB', None)))
source = iter(range(10))
print(list(islice(source, 3)), next(source))
source = iter(range(10))
print(list(islice(source, 2, 4)), next(source))

print(list(starmap(pow, [(2, 5), (3, 2), (10, 3)])))
print(list(starmap(lambda *a: sum(a), [(), (1,), (1, 2, 3)])))

a, b = tee(iter([1, 2, 3, 4]))
print(next(a), next(a), list(b), list(a))
x, y, z = tee('abc', 3)
print(list(x), list(y), list(z), tee([1], 0))
p, q = tee(range(3))
p2, = tee(p, 1)
print(list(p2), list(q), list(p))

print(list(zip_longest('ABCD', 'xy', fillvalue='-')))
print(list(zip_longest('AB', [1, 2, 3], (9,))), list(zip_longest()))
print(list(pairwise('ABCDE')), list(pairwise([1])), list(pairwise([])))


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __add__(self, other):
        return Money(self.cents + other.cents)

    def __repr__(self):
        return f"Money({self.cents})"


print(list(accumulate([Money(1), Money(20), Money(300)])))


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n


print(list(chain(Countdown(3), Countdown(2))), list(pairwise(Countdown(4))))
print(type(count()).__name__, type(chain()).__name__, type(tee([])[0]).__name__)
print(iter(c) is c, isinstance(islice([], 1), islice))
print(sum(islice(filterfalse(lambda n: n % 3, count(1)), 100)))
