# functions: positional-only (/) and keyword-only (*) parameters and their error messages
def f(a, b, /, c, d=4, *, e, f=6):
    return (a, b, c, d, e, f)


print(f(1, 2, 3, e=5))
print(f(1, 2, c=3, d=40, e=5, f=60))
for call in [
    lambda: f(1, 2, 3),
    lambda: f(1, 2, 3, 4, 5, e=5),
    lambda: f(1, 2, 3, e=5, g=7),
]:
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)


def only_kw(*, key):
    return key


print(only_kw(key="k"))
try:
    only_kw("k")
except TypeError as e:
    print("TypeError:", e)


def mixed(a, *args, b, **kwargs):
    return a, args, b, kwargs


print(mixed(1, 2, 3, b=4, c=5))
print(mixed(a=1, b=2))


def defaults_only(a=1, /, b=2, *, c=3):
    return a, b, c


print(defaults_only(), defaults_only(10), defaults_only(10, 20, c=30), defaults_only(b=7))
lam = lambda x, /, y, *, z: x + y + z
print(lam(1, y=2, z=3))
