# collections.defaultdict: the factory, __missing__, repr, copy, the dict methods it
# keeps, | and a derived class.
from collections import defaultdict
import _collections


def attempt(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


print(defaultdict, _collections.defaultdict is defaultdict, issubclass(defaultdict, dict))
groups = defaultdict(list)
for word in ['apple', 'avocado', 'banana', 'blueberry', 'cherry', 'apricot']:
    groups[word[0]].append(word)
print(groups)
print(groups['a'], groups.default_factory, len(groups), 'z' in groups)
print(groups.get('z'), 'z' in groups, groups['z'], 'z' in groups)

counts = defaultdict(int)
for ch in 'mississippi':
    counts[ch] += 1
print(counts, dict(counts), sorted(counts.items()))

nested = defaultdict(lambda: defaultdict(int))
nested['x']['y'] += 2
nested['x']['z'] += 1
print(dict(nested['x']), list(nested))

plain = defaultdict()
print(plain, plain.default_factory)
attempt(lambda: plain['missing'])
print(defaultdict(None, {1: 2}), defaultdict(str, a='x'), defaultdict(set, [(1, {2})]))
attempt(lambda: defaultdict(1))
attempt(lambda: defaultdict([]))

# The factory can change.
d = defaultdict(list)
d.default_factory = lambda: 'new'
print(d[1], dict(d))
d.default_factory = None
attempt(lambda: d[2])

# copy keeps the factory; the copy is separate.
c = groups.copy()
c['q'].append('quince')
print(type(c).__name__, c.default_factory is list, 'q' in groups, 'q' in c)

# Dict methods.
e = defaultdict(int, {'a': 1})
print(e.setdefault('b', 5), e.pop('a'), e.get('c', 0), e, list(e.keys()), e == {'b': 5})
e.update({'c': 3})
print(e, e | {'d': 4}, {'z': 0} | e)
e |= {'e': 1}
print(e)


class Tally(defaultdict):
    def __init__(self):
        super().__init__(int)

    def add(self, key):
        self[key] += 1
        return self


t = Tally().add('a').add('b').add('a')
print(t, t['a'], t['zz'], isinstance(t, defaultdict), isinstance(t, dict))


# Recursive factory repr.
r = defaultdict(list)
r['self'] = r
print(r)
