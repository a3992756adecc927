# After `/`, a parameter without a default follows one with a default: CPython 3.11 only
# says "invalid syntax", at the token after the parameter.


def f(a, /, b=1, c):
    return a
