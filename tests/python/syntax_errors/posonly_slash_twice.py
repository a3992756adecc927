# Only one positional-only separator.


def f(a, /, b, /):
    return a
