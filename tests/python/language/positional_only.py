# Positional-only parameters (`/`): binding, defaults, `**kwargs`, lambdas, methods, and
# CPython's TypeErrors.


def attempt(thunk):
    try:
        print(thunk())
    except TypeError as e:
        print("TypeError:", e)


def f(a, b, /, c):
    return (a, b, c)


attempt(lambda: f(1, 2, 3))
attempt(lambda: f(1, 2, c=3))
attempt(lambda: f(1, b=2, c=3))
attempt(lambda: f(a=1, b=2, c=3))
attempt(lambda: f(c=3, b=2, a=1))
attempt(lambda: f(1, 2, c=3, zz=4))
attempt(lambda: f(1, 2, zz=4, b=5))
attempt(lambda: f(1, 2))
attempt(lambda: f(1))
attempt(lambda: f())
attempt(lambda: f(1, 2, 3, 4))
attempt(lambda: f(1, 2, 3, c=4))


def only(a, /):
    return a


attempt(lambda: only(1))
attempt(lambda: only(a=1))
attempt(lambda: only())
attempt(lambda: only(1, 2))


# With defaults: the defaults cover the last positional parameters, across `/`.
def g(a, b=2, /, c=3):
    return (a, b, c)


attempt(lambda: g(1))
attempt(lambda: g(1, 5))
attempt(lambda: g(1, 5, 6))
attempt(lambda: g(1, c=6))
attempt(lambda: g(1, b=6))
attempt(lambda: g(1, 2, 3, 4))


def h(a=1, b=2, /):
    return (a, b)


attempt(lambda: h())
attempt(lambda: h(9))
attempt(lambda: h(b=3))


# `**kwargs` catches keywords named like positional-only parameters.
def k(a, b, /, **kwargs):
    return (a, b, kwargs)


attempt(lambda: k(1, 2))
attempt(lambda: k(1, 2, a=3, b=4))
attempt(lambda: k(1, 2, **{"a": 5, "c": 6}))
attempt(lambda: k(1, a=3))


def kw(a, /, b, *, c, **rest):
    return (a, b, c, rest)


attempt(lambda: kw(1, 2, c=3))
attempt(lambda: kw(1, b=2, c=3, a=4))
attempt(lambda: kw(1, 2, c=3, b=4))
attempt(lambda: kw(1, 2))


def star(a, /, *args, b):
    return (a, args, b)


attempt(lambda: star(1, 2, 3, b=4))
attempt(lambda: star(b=4))
attempt(lambda: star(1, a=2, b=3))

# Lambdas.
lam = lambda x, y=10, /, z=20: (x, y, z)
attempt(lambda: lam(1))
attempt(lambda: lam(1, 2, z=3))
attempt(lambda: lam(1, y=2))
attempt(lambda: lam(x=1))
attempt(lambda: (lambda p, /: p)(p=1))


# Methods: `self` positional-only too.
class C:
    def m(self, a, /, b):
        return (a, b)

    @classmethod
    def cm(cls, a, /):
        return (cls.__name__, a)

    @staticmethod
    def sm(a, /, b=0):
        return (a, b)


c = C()
attempt(lambda: c.m(1, 2))
attempt(lambda: c.m(1, b=2))
attempt(lambda: c.m(a=1, b=2))
attempt(lambda: C.m(c, 1, 2))
attempt(lambda: C.cm(5))
attempt(lambda: C.cm(a=5))
attempt(lambda: C.sm(1, b=3))
attempt(lambda: C.sm(a=1))


# A keyword-only parameter may follow `/` directly.
def direct(a, /, *, b):
    return (a, b)


attempt(lambda: direct(1, b=2))
attempt(lambda: direct(1, 2))


# Positional-only names are free to be used as keywords of an inner call.
def outer(name, /, **kw):
    return dict(name=name, **kw)


attempt(lambda: outer("n", name="m"))
attempt(lambda: sorted(outer("x", y=1).items()))


# Closures over positional-only parameters and recursion.
def counter(start, /):
    def step():
        nonlocal start
        start += 1
        return start

    return step


s = counter(5)
print(s(), s())


def fact(n, /):
    return 1 if n <= 1 else n * fact(n - 1)


print(fact(10))
total = 0
for i in range(300):
    total += f(i, 1, c=2)[0] + g(i)[1] + k(i, i, a=1)[1]
print(total)
