# operator: the function forms over built-in values and user classes' special methods,
# itemgetter/attrgetter/methodcaller, their reprs and CPython's errors.
import operator
from operator import itemgetter, attrgetter, methodcaller

print(operator.add(2, 3), operator.sub(2, 3), operator.mul('ab', 3), operator.truediv(7, 2))
print(operator.floordiv(7, 2), operator.mod(-7, 3), operator.pow(2, 10), operator.neg(5))
print(operator.pos(-2.5), operator.abs(-3), operator.abs(-2.5), operator.invert(5), operator.inv(0))
print(operator.not_(0), operator.not_([1]), operator.truth([]), operator.truth('x'))
print(operator.eq(1, 1.0), operator.ne(1, 2), operator.lt(1, 2), operator.le(2, 2),
      operator.gt('b', 'a'), operator.ge([1], [1, 0]))
print(operator.and_(12, 10), operator.or_(12, 10), operator.xor(12, 10),
      operator.and_(True, False), operator.or_({1}, {2}))
print(operator.lshift(1, 10), operator.rshift(1024, 3), operator.concat([1], [2]),
      operator.concat('a', 'b'))
print(operator.contains([1, 2], 2), operator.contains('abc', 'd'), operator.index(7),
      operator.index(True))
print(operator.is_(None, None), operator.is_not(1, None), operator.countOf([1, 2, 1, 1], 1),
      operator.indexOf('hello', 'l'))
print(operator.length_hint([1, 2, 3]), operator.length_hint(iter([]), 7),
      operator.length_hint(5, 9))
it = iter([1, 2, 3])
next(it)
print(operator.length_hint(it), operator.length_hint(iter('héllo')),
      operator.length_hint(iter((1,))), operator.length_hint(iter(range(10, 0, -3))),
      operator.length_hint(iter(range(0, 10, 4))), operator.length_hint(iter(range(5, 1))))
data = {'a': 1}
operator.setitem(data, 'b', 2)
print(operator.getitem(data, 'b'), data)
operator.delitem(data, 'a')
print(data, operator.getitem([10, 20, 30], slice(1, None)), operator.getitem('xyz', -1))
lst = [1, 2]
print(operator.iadd(lst, [3]) is lst, lst, operator.iadd(1, 2), operator.imul('ab', 2))
print(operator.isub(5, 2), operator.ior({1}, {2}), operator.iconcat([0], (1,)),
      operator.ipow(3, 2), operator.itruediv(1, 4), operator.ifloordiv(9, 4),
      operator.imod(9, 4), operator.ilshift(1, 3), operator.irshift(8, 1),
      operator.iand(6, 3), operator.ixor(6, 3))
print(operator.__add__(1, 2), operator.__not__(1), operator.__getitem__('ab', 0))


class Num:
    def __init__(self, v):
        self.v = v

    def __add__(self, other):
        if isinstance(other, Num):
            return Num(self.v + other.v)
        if isinstance(other, int):
            return Num(self.v + other)
        return NotImplemented

    def __radd__(self, other):
        return Num(other * 100 + self.v)

    def __iadd__(self, other):
        self.v += 1000
        return self

    def __mul__(self, other):
        return Num(self.v * other)

    def __neg__(self):
        return Num(-self.v)

    def __lt__(self, other):
        return self.v < other.v

    def __eq__(self, other):
        return isinstance(other, Num) and self.v == other.v

    def __index__(self):
        return self.v

    def __len__(self):
        return 3

    def __contains__(self, item):
        return item == self.v

    def __getitem__(self, i):
        return self.v + i

    def __bool__(self):
        return self.v != 0

    def __repr__(self):
        return f"Num({self.v})"


n = Num(4)
print(operator.add(n, Num(1)), operator.add(n, 2), operator.add(3, n), operator.neg(n))
print(operator.lt(Num(1), Num(2)), operator.gt(Num(1), Num(2)), operator.eq(n, Num(4)))
print(operator.index(n), operator.contains(n, 4), operator.getitem(n, 10),
      operator.truth(Num(0)), operator.length_hint(n), operator.mul(n, 3))
m = Num(1)
print(operator.iadd(m, 5) is m, m, operator.isub(Num(9), 0) if hasattr(Num, '__sub__') else 'no sub')
print(list(map(operator.mul, [1, 2, 3], [4, 5, 6])), sorted([Num(3), Num(1)], key=operator.neg))


class Hint:
    def __length_hint__(self):
        return 12


print(operator.length_hint(Hint()), operator.length_hint(Hint(), 2))

pairs = [('b', 2, 'x'), ('a', 3, 'y'), ('c', 1, 'z')]
print(sorted(pairs, key=itemgetter(1)), list(map(itemgetter(0, 2), pairs)))
print(itemgetter(slice(1, 3))('abcdef'), itemgetter('k')({'k': 'v'}))
print(repr(itemgetter(1)), repr(itemgetter('a', 2)), repr(attrgetter('x', 'y.z')))
print(repr(methodcaller('split', ',', maxsplit=1)), repr(methodcaller('upper')))


class Node:
    def __init__(self, name, child=None):
        self.name = name
        self.child = child


tree = Node('root', Node('leaf', Node('deep')))
print(attrgetter('name')(tree), attrgetter('child.name')(tree),
      attrgetter('name', 'child.child.name')(tree))
print(sorted([Node('b'), Node('a')], key=attrgetter('name'))[0].name)
print(methodcaller('split', ',', 1)('a,b,c'), methodcaller('replace', 'a', 'o')('banana'),
      methodcaller('get', 'q', 'none')({}))


def attempt(label, f):
    try:
        print(label, 'ok', f())
    except Exception as e:
        print(label, type(e).__name__, e)


attempt('add 1', lambda: operator.add(1))
attempt('neg 0', lambda: operator.neg())
attempt('add kw', lambda: operator.add(1, b=2))
attempt('add types', lambda: operator.add(1, 'a'))
attempt('neg str', lambda: operator.neg('a'))
attempt('index float', lambda: operator.index(1.5))
attempt('concat ints', lambda: operator.concat(1, 2))
attempt('concat dict', lambda: operator.concat({}, []))
attempt('indexOf missing', lambda: operator.indexOf([1], 2))
attempt('length_hint str', lambda: operator.length_hint([], 'a'))
attempt('length_hint 0', lambda: operator.length_hint())
attempt('itemgetter 0', lambda: itemgetter())
attempt('itemgetter call', lambda: itemgetter(5)([1]))
attempt('attrgetter int', lambda: attrgetter(1))
attempt('attrgetter missing', lambda: attrgetter('nope')(tree))
attempt('methodcaller 0', lambda: methodcaller())
attempt('methodcaller int', lambda: methodcaller(1))
attempt('getitem key', lambda: operator.getitem({}, 'k'))
attempt('lt mixed', lambda: operator.lt(1, 'a'))
attempt('truediv zero', lambda: operator.truediv(1, 0))
print(repr(operator.add), operator.add.__name__, operator.not_.__name__, type(itemgetter(1)))
