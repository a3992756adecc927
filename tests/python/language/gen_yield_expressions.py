# generators: yield used as an expression in different positions and inside try/finally blocks
def positions():
    a = yield "plain"
    b = (yield "in parens") + 1
    c = [(yield "in a list"), (yield "second in the list")]
    d = f"{(yield 'in an f-string')}!"
    print("  received", a, b, c, d)
    yield "end"


g = positions()
print(next(g))
print(g.send("A"))
print(g.send(10))
print(g.send("x"))
print(g.send("y"))
print(g.send("F"))


def bare():
    x = yield
    y = yield
    return x, y


b = bare()
print(next(b), b.send(1))
try:
    b.send(2)
except StopIteration as e:
    print("returned", e.value)


def guarded(items):
    for item in items:
        try:
            got = yield item
            if got == "stop":
                return "stopped early"
        finally:
            print("  finally for", item)


g = guarded(["a", "b", "c"])
print(next(g), next(g))
try:
    g.send("stop")
except StopIteration as e:
    print("value:", e.value)


def yields_in_loop_condition():
    n = 0
    while (yield n) != "quit":
        n += 1


w = yields_in_loop_condition()
print(next(w), w.send("go"), w.send("go"))
try:
    w.send("quit")
except StopIteration:
    print("loop ended by send")
