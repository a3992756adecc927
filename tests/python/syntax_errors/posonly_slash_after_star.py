# The positional-only separator goes before `*`.


def f(a, *, b, /):
    return a
