# generators: yield, next/send/throw/close, yield from, generator expressions, StopIteration
def count(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return "done"


print(list(count(5)), sum(count(10)))
g = count(2)
print(next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration", e.args)
print(type(g).__name__, repr(g).startswith("<generator object count at 0x"))
print(sum(x * x for x in range(10)), list(c for c in "abc" if c != "b"))
print(" ".join(str(v) for v in [1, 2, 3]))
print(max(len(w) for w in ["a", "bbb", "cc"]))


def echo():
    received = []
    while True:
        value = yield len(received)
        if value is None:
            break
        received.append(value)
    return received


e = echo()
print(next(e), e.send("a"), e.send("b"))
try:
    e.send(None)
except StopIteration as stop:
    print("returned", stop.args)


def delegate():
    result = yield from count(3)
    print("inner returned", result)
    yield from [10, 20]
    return "outer"


print(list(delegate()))


def guarded():
    try:
        yield 1
        yield 2
    except ValueError as err:
        print("caught in generator:", err)
        yield 99
    finally:
        print("finally in generator")


g = guarded()
print(next(g), g.throw(ValueError("boom")))
g.close()
g = guarded()
print(next(g))
g.close()
print("closed")


def nested(n):
    if n:
        yield n
        yield from nested(n - 1)


print(list(nested(4)))


class Tree:
    def __init__(self, items):
        self.items = items

    def __iter__(self):
        for item in self.items:
            yield item * 2


print(list(Tree([1, 2, 3])), [x for x in Tree([5])])


def stopper():
    yield 1
    raise StopIteration


try:
    list(stopper())
except RuntimeError as err:
    print("RuntimeError:", err)
g = count(3)
for x in g:
    if x == 1:
        break
print(list(g))
try:
    g = count(1)
    g.send(5)
except TypeError as err:
    print("TypeError:", err)


def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


f = fib()
print([next(f) for _ in range(10)])


def ignores():
    try:
        yield 1
    except GeneratorExit:
        yield 2


g = ignores()
next(g)
try:
    g.close()
except RuntimeError as err:
    print("RuntimeError:", err)


def handled_state():
    try:
        raise KeyError("k")
    except KeyError:
        yield "in handler"
        raise


h = handled_state()
print(next(h))
try:
    raise ValueError("outer")
except ValueError as outer:
    try:
        next(h)
    except KeyError as inner:
        print("KeyError reraised:", inner, repr(inner.__context__))
