# generators: throw() into a suspended generator, close(), GeneratorExit handling and finally
def worker(name):
    print(name, "start")
    try:
        while True:
            try:
                value = yield
                print(name, "processing", value)
            except ValueError as e:
                print(name, "recovered from", repr(e))
    except GeneratorExit:
        print(name, "got GeneratorExit")
        raise
    finally:
        print(name, "cleanup")


w = worker("w1")
next(w)
w.send(1)
w.throw(ValueError("bad value"))
w.send(2)
w.close()
print("closing again is a no-op:", w.close())

w = worker("w2")
next(w)
try:
    w.throw(KeyError("missing"))
except KeyError as e:
    print("KeyError propagated:", e)
try:
    next(w)
except StopIteration:
    print("w2 is finished")

# throw into a generator that was never started raises at once
def never():
    print("never printed")
    yield 1


n = never()
try:
    n.throw(RuntimeError("early"))
except RuntimeError as e:
    print("RuntimeError:", e)


# a generator that returns a value from close
def returns_on_exit():
    try:
        yield 1
    except GeneratorExit:
        print("returning instead of re-raising")
        return "ignored"


r = returns_on_exit()
next(r)
print("close() gives", r.close())


# throw with a value that is caught and yields again
def counter():
    i = 0
    while True:
        try:
            yield i
            i += 1
        except IndexError:
            i = 100


c = counter()
print(next(c), next(c), c.throw(IndexError), next(c))
c.close()
