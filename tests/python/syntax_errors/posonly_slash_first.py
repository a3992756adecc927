# A positional-only separator needs a parameter before it.


def f(/, a):
    return a
