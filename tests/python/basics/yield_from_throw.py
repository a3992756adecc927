# throw() and close() go through yield from to the inner generator
def inner():
    try:
        yield 1
        yield 2
    except ValueError as e:
        print("inner caught", e)
        yield "recovered"
        return "inner result"
    finally:
        print("inner finally")


def outer():
    result = yield from inner()
    print("outer got", result)
    yield "after"


g = outer()
print(next(g))
print(g.throw(ValueError("v")))
print(next(g))
try:
    next(g)
except StopIteration:
    print("done")

g = outer()
print(next(g))
g.close()
print("closed")


def failing_inner():
    yield 1


def outer2():
    try:
        yield from failing_inner()
    except KeyError as e:
        print("outer caught", repr(e))
        yield "handled"


g = outer2()
print(next(g))
print(g.throw(KeyError("k")))


def outer3():
    try:
        yield from [1, 2, 3]
    except KeyError:
        yield "from list"


g = outer3()
print(next(g), g.throw(KeyError("x")))
