# Classes derived from dict: construction, __missing__ (used by d[k], not by get), overrides
# of __getitem__/__setitem__ that dict's own methods do not call, and mapping built-ins.


class D(dict):
    pass


d = D(a=1, b=2)
d["c"] = 3
print(d, repr(d), len(d), d["a"], d.get("z", 0), "a" in d, "z" in d, type(d).__name__)
print(list(d), list(d.keys()), list(d.values()), list(d.items()), sorted(d))
print(D({"x": 1}), D([("y", 2)]), D({"x": 1}, y=2), D(), dict(d), dict(D(q=1)))
del d["c"]
print(d.pop("b"), d.setdefault("n", 5), d, d.copy(), type(d.copy()).__name__)
d.update({"u": 1}, v=2)
print(d, d == {"a": 1, "n": 5, "u": 1, "v": 2}, {"a": 1} == D(a=1), D(a=1) == D(a=1))
print(d | {"w": 0}, type(d | {"w": 0}).__name__, {"w": 0} | D(a=1))
e = d
e |= {"z": 26}
print(e is d, type(e).__name__, d)
print(isinstance(d, dict), isinstance(d, D), {**D(k=1)}, dict(**D(k=2)))
try:
    d["missing"]
except KeyError as err:
    print("KeyError:", err)
try:
    hash(d)
except TypeError as err:
    print("TypeError:", err)
d.attr = "x"
print(d.attr, d.__dict__)


class Counter(dict):
    def __missing__(self, key):
        return 0

    def add(self, key):
        self[key] += 1


c = Counter()
for word in "a b a c a b".split():
    c.add(word)
print(c, c["zzz"], c.get("zzz"), "zzz" in c, len(c))


class Default(dict):
    def __init__(self, factory, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.factory = factory

    def __missing__(self, key):
        value = self[key] = self.factory()
        return value


g = Default(list, x=[1])
g["a"].append(1)
g["a"].append(2)
g["b"]
print(g, g.factory is list)


class Upper(dict):
    def __getitem__(self, key):
        return super().__getitem__(key.upper())

    def __setitem__(self, key, value):
        super().__setitem__(key.upper(), value)

    def __repr__(self):
        return "Upper(" + dict.__repr__(self) + ")"


u = Upper()
u["a"] = 1
print(u, u["a"], u["A"], u.get("a"), u.get("A"), str(u), dict.__getitem__(u, "A"))
u2 = Upper(b=2)
print(u2, u2.get("b"), u2.setdefault("c", 3), u2)


class Sub(Counter):
    pass


s = Sub(a=1)
print(s["a"], s["b"], type(s).__mro__ == (Sub, Counter, D.__bases__[0], object))
for k, v in D(p=1, q=2).items():
    print(k, v)
print(D.fromkeys("ab", 0) == {"a": 0, "b": 0})
try:
    D(1, 2)
except TypeError as err:
    print("TypeError:", err)
