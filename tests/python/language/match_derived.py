# Structural pattern matching on instances of classes derived from built-in types.


class L(list):
    pass


class D(dict):
    pass


class I(int):
    pass


class S(str):
    pass


def describe(subject):
    match subject:
        case I(n) if n > 10:
            return "big I %d" % n
        case int(n):
            return "int %d %s" % (n, type(n).__name__)
        case S() | str():
            return "text " + subject
        case [first, *rest]:
            return "seq %r %r" % (first, rest)
        case {"k": value, **others}:
            return "map %r %r" % (value, others)
        case _:
            return "other"


for subject in [I(3), I(30), 4, S("s"), L([1, 2, 3]), L(), D(k=1, j=2), D(x=1), (5,)]:
    print(describe(subject))
