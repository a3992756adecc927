# functions: defaults are evaluated once at definition time; the mutable default pitfall
calls = []


def make_default():
    calls.append("evaluated")
    return []


def append_to(item, target=make_default()):
    target.append(item)
    return target


print(calls)
print(append_to(1), append_to(2), append_to(3, []), append_to(4))
print(calls)


def safe_append(item, target=None):
    if target is None:
        target = []
    target.append(item)
    return target


print(safe_append(1), safe_append(2))

x = 10


def uses_x(value=x):
    return value


x = 20
print(uses_x(), x)


def counter(cache={}):
    cache["n"] = cache.get("n", 0) + 1
    return cache["n"]


print(counter(), counter(), counter({}), counter())


def kw(a, *, seen=set()):
    seen.add(a)
    return sorted(seen)


print(kw(3), kw(1), kw(2, seen=set()), kw(0))

funcs = []
for i in range(3):
    def f(i=i):
        return i
    funcs.append(f)
print([g() for g in funcs])
