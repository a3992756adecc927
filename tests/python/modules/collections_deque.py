# collections.deque: both ends, maxlen, rotation, indexing, searching, comparisons,
# repr, mutation during iteration, and CPython's errors.
from collections import deque
import _collections


def attempt(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


print(deque, _collections.deque is deque, deque.__module__)
d = deque()
print(d, len(d), bool(d))
for i in range(12):
    d.append(i)
    d.appendleft(-i)
print(d, len(d), d[0], d[-1], d[5], d[-5])
print(d.pop(), d.popleft(), d.pop(), d.popleft())
print(d)

# maxlen: the other end drops out.
m = deque([1, 2, 3], maxlen=3)
print(m, m.maxlen)
m.append(4)
print(m)
m.appendleft(0)
print(m)
m.extend([7, 8])
print(m)
m.extendleft('ab')
print(m)
z = deque([1, 2], maxlen=0)
z.append(3)
print(z, deque(maxlen=2), deque('xyz', 2))
print(deque(range(5)).maxlen)

# extend, extendleft, extend with itself.
e = deque([1, 2])
e.extend(range(3, 6))
e.extendleft([0, -1])
print(e)
e.extend(e)
print(e)

# rotate, both ways, past the length, full and partly full buffers.
r = deque(range(10))
r.rotate()
print(r)
r.rotate(3)
print(r)
r.rotate(-5)
print(r)
r.rotate(23)
print(r)
r.rotate(-17)
print(r)
full = deque(range(8))
full.rotate(3)
print(full)
full.rotate(-6)
print(full)
deque().rotate(5)
one = deque([1])
one.rotate(-3)
print(one)

# Growth past the buffer with the head wrapped around.
g = deque()
for i in range(40):
    if i % 3 == 0:
        g.appendleft(i)
    else:
        g.append(i)
    if i % 7 == 0:
        g.popleft()
print(g, len(g))
print(list(reversed(g))[:5], sum(g))

# Indexing, assignment and deletion.
s = deque('abcdef')
s[0] = 'A'
s[-1] = 'F'
del s[2]
del s[-2]
print(s, s[1], s[-2])
s.insert(1, 'x')
s.insert(-1, 'y')
s.insert(100, 'end')
s.insert(-100, 'start')
print(s)
s.remove('x')
print(s)
s.reverse()
print(s)

# Searching.
c = deque([1, 2, 3, 2, 1, 2])
print(c.count(2), c.count(5), c.index(2), c.index(2, 2), c.index(2, 4, 6), c.index(1, -3))
print(2 in c, 7 in c, 1.0 in c)

# copy, clear, + and *.
c2 = c.copy()
c2.append(9)
print(c, c2, c2 is c)
print(deque([1, 2]) + deque([3]), deque([1, 2], maxlen=3) + deque([3, 4]))
print(deque([1, 2]) * 3, 2 * deque('ab'), deque([1]) * 0)
dm = deque([1, 2], maxlen=5)
dm *= 4
print(dm)
da = deque([1])
alias = da
da += [2, 3]
da += 'xy'
print(da, alias is da)
c2.clear()
print(c2, len(c2))

# Comparisons: deques with deques, item by item.
print(deque([1, 2]) == deque([1, 2]), deque([1, 2]) != deque([1, 3]))
print(deque([1, 2]) < deque([1, 3]), deque([1, 2]) <= deque([1, 2]), deque([2]) > deque([1, 9]))
print(deque([1, 2]) >= deque([1, 2, 0]), deque([1]) == [1], deque() == deque(maxlen=3))

# repr: nested and recursive.
n = deque([deque([1]), [2], 'three'])
print(repr(n), str(deque([1.5, None])))
rec = deque([1])
rec.append(rec)
print(rec)

# Iteration: items, reversed, while growing (an error), after the last item.
it = deque([1, 2, 3])
print(list(it), list(reversed(it)), [x * 2 for x in it])
try:
    for x in it:
        it.append(x)
except RuntimeError as e:
    print('RuntimeError', e)
print(it)
i2 = iter(deque([1]))
print(next(i2))
try:
    for x in it:
        if x == 3:
            it.popleft()
except RuntimeError as e:
    print('RuntimeError', e)
print(it)

# Errors.
attempt(lambda: deque().pop())
attempt(lambda: deque().popleft())
attempt(lambda: deque([1])[5])
attempt(lambda: deque([1])[-2])
attempt(lambda: deque([1])['a'])
attempt(lambda: deque([1])[1:2])
attempt(lambda: deque([1]).index(7))
attempt(lambda: deque([1]).remove(7))
attempt(lambda: deque([1], maxlen=1).insert(0, 2))
attempt(lambda: deque(maxlen=-1))
attempt(lambda: deque(maxlen='a'))
attempt(lambda: deque([1]) + [2])
attempt(lambda: deque([1]) < [1])
attempt(lambda: hash(deque()))
attempt(lambda: deque(1))
attempt(lambda: deque([1]).rotate('a'))


def set_item():
    q = deque([1])
    q[3] = 0


def del_item():
    q = deque([1])
    del q[-3]


attempt(set_item)
attempt(del_item)


# A user class derived from deque.
class History(deque):
    def __init__(self, items, size):
        super().__init__(items, size)
        self.added = 0

    def append(self, x):
        self.added += 1
        super().append(x)


h = History([1, 2], 3)
h.append(3)
h.append(4)
print(h, h.added, len(h), isinstance(h, deque), h[0], type(h.copy()).__name__)
print(h == deque([2, 3, 4]), list(h))

# A queue that works as a sliding window.
window = deque(maxlen=3)
sums = []
for v in [5, 1, 4, 2, 8, 3]:
    window.append(v)
    sums.append(sum(window))
print(sums)

# The type's special methods and a derived class with maxlen.


class D(deque):
    pass


d = D([1, 2, 3], maxlen=5)
print(d, d.maxlen, len(d), list(reversed(d)), d[1], 2 in d, bool(D()), d == deque([1, 2, 3]))
d.extend([4, 5, 6])
print(d, type(d.copy()).__name__, d.copy())
print(deque.__len__(d), deque.__getitem__(d, 0), deque.append)
e = deque([3, 1, 2])
print(e.__copy__(), e.__reversed__().__next__(), e.__iadd__([5]), e.__mul__(2), e.__len__())
print(sorted(e), max(e), sum(e), list(enumerate(e)), tuple(e), set(e) == {1, 2, 3, 5}, e * 0)
f = deque()
f += f
e += e
print(e, f)
e.rotate(0)
print(deque(range(3)) != deque(range(3)), deque('abc').__contains__('b'), [1, 2] == deque([1, 2]))
print(isinstance(e, deque), type(e) is deque, deque.__name__, deque.__qualname__)
x = deque([1, 2, 3, 4, 5, 6, 7])
x.popleft()
x.popleft()
x.append(8)
x.append(9)
x.rotate(2)
print(x)
x.rotate(-3)
print(x)
print(deque([[1]]) == deque([[1]]), deque([1, 2]) * -1, deque(maxlen=3) * 2)
attempt(lambda: deque([1]) * 'a')
attempt(lambda: deque([1], 2, 3))
attempt(lambda: deque(foo=1))
print(deque(iterable=[1], maxlen=None), deque([1, 2, 3], maxlen=True))

# + and * of a derived deque copy it through its class.


class Tagged(deque):
    def __init__(self, items=(), size=None):
        super().__init__(items, size)
        self.tag = 'h'


t = Tagged([1, 2], 4)
for r in [t + deque([3]), t * 2, 3 * t, deque([0]) + t, t + t]:
    print(type(r).__name__, r, getattr(r, 'tag', None))
t += [7]
print(t, type(t).__name__)
t *= 2
print(t, type(t).__name__)
p = D('ab')
print(p + p, p * 2, type(p.copy()).__name__, p == deque('ab'), p < deque('b'), p.__add__(deque('c')))
attempt(lambda: p + [1])
print(deque([1]).__add__(deque([2])), deque.__mul__(deque([1]), 2), deque([1, 2]).__rmul__(2))
