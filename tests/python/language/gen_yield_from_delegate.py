# generators: yield from delegating send(), throw(), close() and getting the return value
def inner():
    total = 0
    while True:
        try:
            x = yield total
        except ValueError:
            print("  inner caught ValueError")
            x = 0
        if x is None:
            return total
        total += x


def outer():
    result = yield from inner()
    print("  inner returned", result)
    second = yield from inner()
    return result + second


g = outer()
print(next(g))
print(g.send(5))
print(g.send(7))
print(g.throw(ValueError))
print(g.send(None))
print(g.send(100))
try:
    g.send(None)
except StopIteration as e:
    print("outer returned", e.value)


def closer():
    try:
        yield 1
        yield 2
    finally:
        print("  inner finally on close")


def wrapper():
    try:
        yield from closer()
    finally:
        print("  wrapper finally")


w = wrapper()
print(next(w))
w.close()
print("closed wrapper")


def unhandled_inner():
    yield "x"


def passes_through():
    try:
        yield from unhandled_inner()
    except KeyError as e:
        print("  outer caught", repr(e))
        yield "recovered"


p = passes_through()
print(next(p))
print(p.throw(KeyError("k")))

# yield from on non-generator iterables
def chain(*its):
    for it in its:
        r = yield from it
        print("  sub-iterator returned", r)


print(list(chain([1, 2], "ab", range(3, 5))))
