# collections.Counter (counting, most_common's stable order, elements, update/subtract,
# arithmetic, comparisons, repr sorted by count), OrderedDict (move_to_end, popitem at
# either end, order-sensitive equality, repr) and ChainMap.
from collections import Counter, OrderedDict, ChainMap


def attempt(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)



# Counter: from an iterable, a mapping, keywords.
c = Counter('abracadabra')
print(c, len(c), c['a'], c['z'], 'z' in c)
print(Counter({'x': 3, 'y': -1}), Counter(cats=4, dogs=8), Counter(), Counter([]))
print(Counter(['b', 'a', 'c', 'a', 'b', 'a']).most_common())
print(c.most_common(2), c.most_common(0), c.most_common(-1), c.most_common(99)[-1])
print(sorted(c.elements()), list(Counter(a=2, b=0, c=-1, d=1).elements()))
print(c.total(), Counter().total())

# Ties keep first-seen order.
words = 'the cat and the dog and the bird'.split()
print(Counter(words).most_common(), Counter(words))

# update and subtract: counts add up (a Counter, a dict, an iterable, keywords).
u = Counter('aab')
u.update('abc')
u.update({'a': 10, 'z': -2})
u.update(b=5)
print(u)
u.subtract('aaa')
u.subtract({'b': 100}, c=1)
print(u)
fresh = Counter()
fresh.update({'k': 2})
print(fresh)
del u['nothing']
del u['z']
print(u, u.copy() == u, type(u.copy()).__name__)

# Arithmetic keeps positive counts.
a = Counter(a=3, b=1, c=0, d=-2)
b = Counter(a=1, b=2, e=4, d=-5)
print(a + b)
print(a - b)
print(a | b)
print(a & b)
print(+a, -a)
x = Counter(a=1, b=2)
x += Counter(a=-1, c=3)
print(x)
x -= Counter(c=5)
print(x)
x |= Counter(b=7, f=1)
print(x)
x &= Counter(b=3)
print(x)

# Comparisons (missing counts are zero).
print(Counter(a=1) == Counter(a=1, b=0), Counter(a=1) != Counter(a=2))
print(Counter(a=1) <= Counter(a=1, b=1), Counter(a=1) < Counter(a=1), Counter(a=2) > Counter(a=1))
print(Counter(a=1) >= Counter(), Counter(a=1) == {'a': 1})
attempt(lambda: Counter.fromkeys('ab'))
attempt(lambda: Counter(a=1) + {'a': 1})
attempt(lambda: hash(Counter()))


class Bag(Counter):
    pass


print(Bag('hello'), Bag('ab') + Bag('b'), repr(Bag()))

# OrderedDict.
od = OrderedDict()
od['b'] = 1
od['a'] = 2
od['c'] = 3
print(od, list(od), list(reversed(od)), od['a'], len(od))
od.move_to_end('b')
print(od)
od.move_to_end('c', last=False)
print(od)
print(od.popitem(), od.popitem(last=False), od)
od.update([('x', 9), ('y', 8)])
od['a'] = 100
print(od, od.copy(), type(od.copy()).__name__)
print(OrderedDict(), OrderedDict(a=1), OrderedDict.fromkeys('ab', 0))
print(repr(OrderedDict([(1, OrderedDict([(2, 3)]))])))
o1 = OrderedDict([('a', 1), ('b', 2)])
o2 = OrderedDict([('b', 2), ('a', 1)])
print(o1 == o2, o1 == dict(o2), dict(o1) == o2, o1 != o2, o1 == OrderedDict(a=1, b=2))
print(o1 | {'c': 3}, {'z': 0} | o1, isinstance(o1, dict))
o1 |= {'d': 4}
print(o1, o1.setdefault('e', 5), o1.pop('a'), o1)
attempt(lambda: OrderedDict().popitem())
attempt(lambda: OrderedDict().popitem(last=False))
attempt(lambda: OrderedDict().move_to_end('missing'))
attempt(lambda: hash(OrderedDict()))
rec = OrderedDict()
rec['me'] = rec
print(rec)

# An LRU cache on OrderedDict.
cache = OrderedDict()
for key in [1, 2, 3, 1, 4, 2, 5]:
    if key in cache:
        cache.move_to_end(key)
    else:
        cache[key] = key * key
        if len(cache) > 3:
            cache.popitem(last=False)
print(cache)

# ChainMap.
defaults = {'color': 'red', 'user': 'guest'}
given = {'user': 'admin'}
cm = ChainMap(given, defaults)
print(cm, cm['user'], cm['color'], len(cm), list(cm), 'color' in cm, cm.get('x', 0))
cm['color'] = 'blue'
print(given, defaults, sorted(cm.items()), sorted(cm.values()))
child = cm.new_child()
child['user'] = 'root'
print(child['user'], cm['user'], child.parents == cm, len(child.maps))
del cm['color']
print(cm['color'], bool(ChainMap()), bool(cm), ChainMap())
attempt(lambda: cm['nothing'])


def del_missing():
    del cm['zzz']


attempt(del_missing)

# An OrderedDict's views: odict_keys, odict_values, odict_items.
ov = OrderedDict(a=1, b=2)
print(ov.keys(), ov.values(), ov.items(), type(ov.keys()).__name__, ov.keys() & {'a'})
print(ov.keys() == {'a', 'b'}, ov.items() == {('a', 1), ('b', 2)}, list(reversed(ov.items())))
print('a' in ov.keys(), ('a', 1) in ov.items(), len(ov.values()), sorted(ov.keys() | ['z']))
print(ov.keys() - {'a'}, sorted(ov.keys() ^ {'a', 'q'}), ov.values() == ov.values(), {'a'} & ov.keys())
ov.move_to_end('a')
print(list(ov.keys()), list(ov.values()), list(reversed(ov.keys())), ov.keys().isdisjoint({'c'}))
