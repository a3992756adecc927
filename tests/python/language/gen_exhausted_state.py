# generators: state after exhaustion, after an exception and after close; a generator resuming itself
def g3():
    yield 1
    yield 2
    yield 3


g = g3()
print(list(g), list(g), next(g, "default"))
for x in g:
    print("never")
print("for over exhausted generator does nothing")


def fails():
    yield 1
    raise ValueError("inside")
    yield 2


f = fails()
print(next(f))
try:
    next(f)
except ValueError as e:
    print("ValueError:", e)
print("after an exception:", next(f, "exhausted"))

c = g3()
print(next(c))
c.close()
print("after close:", next(c, "exhausted"))
try:
    c.throw(KeyError("late"))
except KeyError as e:
    print("throw into closed generator re-raises:", repr(e))
# a generator closed before starting never runs
started = []


def marks():
    started.append(True)
    yield


m = marks()
m.close()
print("never started:", started, next(m, "done"))

# sending into an exhausted generator
s = g3()
list(s)
try:
    s.send("x")
except StopIteration:
    print("send to exhausted generator raises StopIteration")


# a generator cannot resume itself
def self_ref():
    yield next(me)


me = self_ref()
try:
    next(me)
except ValueError as e:
    print("ValueError:", e)
print(next(me, "finished after error"))
