# generators: send() drives a coroutine-like generator; priming, yield as an expression
def averager():
    total = 0
    count = 0
    average = None
    while True:
        value = yield average
        total += value
        count += 1
        average = total / count


avg = averager()
print("primed:", next(avg))
for v in [10, 20, 30, 5]:
    print("sent", v, "got", avg.send(v))


def accumulate():
    items = []
    while True:
        item = yield
        if item is None:
            return items
        items.append(item)


acc = accumulate()
acc.send(None)  # priming with send(None) is the same as next()
for word in ["a", "b", "c"]:
    print("send returns", acc.send(word))
try:
    acc.send(None)
except StopIteration as stop:
    print("final value:", stop.value)

try:
    fresh = averager()
    fresh.send(1)
except TypeError as e:
    print("TypeError:", e)


def two_way():
    received = yield "first"
    print("  got", received)
    received = yield received * 2
    print("  got", received)
    yield "last"


g = two_way()
print(next(g))
print(g.send(21))
print(g.send("x"))
# next() sends None
g = two_way()
next(g)
try:
    g.send(None)
except TypeError as e:
    print("TypeError:", e)
