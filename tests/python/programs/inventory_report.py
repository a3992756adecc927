# A small inventory report built from itertools, functools and operator together:
# grouping sorted records, running totals, cached pricing, a key from a comparison.
from itertools import groupby, accumulate, chain, islice, count, product, combinations, tee
from functools import reduce, partial, lru_cache, total_ordering, cmp_to_key, wraps
from operator import itemgetter, attrgetter, methodcaller, mul, add

RECORDS = [
    ('fruit', 'apple', 3, 0.5), ('veg', 'carrot', 10, 0.2), ('fruit', 'pear', 4, 0.75),
    ('dairy', 'milk', 2, 1.25), ('veg', 'leek', 1, 1.5), ('fruit', 'plum', 12, 0.3),
    ('dairy', 'butter', 1, 2.5), ('veg', 'onion', 7, 0.25),
]


@total_ordering
class Item:
    def __init__(self, category, name, qty, price):
        self.category, self.name, self.qty, self.price = category, name, qty, price

    @property
    def value(self):
        return self.qty * self.price

    def __eq__(self, other):
        return self.value == other.value

    def __lt__(self, other):
        return self.value < other.value

    def __repr__(self):
        return f"{self.name}x{self.qty}"


def logged(func):
    @wraps(func)
    def wrapper(*args):
        result = func(*args)
        print(f"  [{func.__name__}{args} -> {result}]")
        return result
    return wrapper


@lru_cache(maxsize=8)
@logged
def discount(category, qty):
    rate = {'fruit': 0.1, 'veg': 0.05}.get(category, 0.0)
    return rate * (2 if qty >= 10 else 1)


items = [Item(*r) for r in RECORDS]
by_category = attrgetter('category')
print("report")
for category, group in groupby(sorted(items, key=by_category), key=by_category):
    group = list(group)
    total = reduce(add, map(attrgetter('value'), group))
    prices = [round(i.value * (1 - discount(category, i.qty)), 3) for i in group]
    print(f"{category:6} {group} total={total:.2f} discounted={prices}")
print("cache", discount.cache_info())

quantities = list(map(attrgetter('qty'), items))
print("running", list(accumulate(quantities)), "max-run", list(accumulate(quantities, max)))
print("product of first four", reduce(mul, islice(quantities, 4)))
print("richest", max(items), "poorest", min(items), sorted(items)[:3])
by_name_len = cmp_to_key(lambda a, b: len(a.name) - len(b.name) or (a.name > b.name) - (a.name < b.name))
print("by name", [i.name for i in sorted(items, key=by_name_len)])
labels = map('{}-{}'.format, count(1), map(attrgetter('name'), items))
print("labels", list(islice(labels, 3)))
pairs = [(a.name, b.name) for a, b in combinations(items[:4], 2) if a.category != b.category]
print("pairs", pairs)
sizes = list(map(partial(mul, 2), quantities))
upper = list(map(methodcaller('upper'), map(itemgetter(1), RECORDS[:3])))
print("doubled", sizes, upper)
left, right = tee(chain.from_iterable([items[:2], items[-2:]]))
next(right)
print("shifted", list(zip(left, right)))
grid = [''.join(p) for p in product('ab', '12')]
print("grid", grid)
