# with inside generators: __exit__ runs when the generator finishes, is closed, or gets an exception thrown in
class Resource:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print("  open", self.name)
        return self

    def __exit__(self, exc_type, exc, tb):
        print("  close", self.name, exc_type.__name__ if exc_type else None)
        return False


def reader(name, lines):
    with Resource(name):
        for line in lines:
            yield line.upper()


print(list(reader("a", ["x", "y"])))

g = reader("b", ["p", "q", "r"])
print(next(g))
g.close()
print("closed b")

g = reader("c", ["m", "n"])
print(next(g))
try:
    g.throw(ValueError("bad line"))
except ValueError as e:
    print("ValueError:", e)



def suppressing():
    class Quiet:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            print("  suppressing", exc[0].__name__)
            return True
    with Quiet():
        yield 1
        raise KeyError("inside")
    yield "after suppressed error"


print(list(suppressing()))
