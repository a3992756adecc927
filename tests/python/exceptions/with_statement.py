# the with statement: __enter__/__exit__, suppression, break/continue/return, nesting
class Manager:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()

    def __exit__(self, kind, value, tb):
        print("exit", self.name, kind.__name__ if kind else None, value, tb is None, type(tb).__name__)
        return self.suppress


with Manager("a") as got:
    print("body", got)

with Manager("b", suppress=True):
    print("raising")
    raise ValueError("swallowed")
print("after b")

try:
    with Manager("c"):
        1 / 0
except ZeroDivisionError as e:
    print("caught", e)

with Manager("d") as x, Manager("e") as y:
    print("both", x, y)


def early(n):
    with Manager("f"):
        if n:
            return "returned"
    return "fell through"


print(early(1), early(0))
for i in range(3):
    with Manager("loop" + str(i)):
        if i == 0:
            continue
        if i == 1:
            break
print("after loop", i)


class Counting:
    def __init__(self):
        self.exits = 0

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.exits += 1


c = Counting()
for i in range(5):
    with c:
        pass
print("exits", c.exits)

try:
    with 5:
        pass
except TypeError as e:
    print("TypeError:", e)


class EnterOnly:
    def __enter__(self):
        return self


try:
    with EnterOnly():
        pass
except TypeError as e:
    print("TypeError:", e)

try:
    with Manager("g"):
        try:
            raise KeyError("inner")
        finally:
            print("finally inside with")
except KeyError as e:
    print("caught", repr(e))


class ExitRaises:
    def __enter__(self):
        return self

    def __exit__(self, *args):
        raise RuntimeError("from exit")


try:
    with ExitRaises():
        raise ValueError("original")
except RuntimeError as e:
    print("RuntimeError:", e, "context:", repr(e.__context__))
