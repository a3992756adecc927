# __new__: user-defined (with super().__new__), object.__new__(cls), C.__new__(C) without __init__
class A:
    def __new__(cls, x):
        print("new", cls.__name__, x)
        o = super().__new__(cls)
        o.v = x
        return o

    def __init__(self, x):
        print("init", x)


a = A(3)
print(a.v)


class B:
    def __new__(cls):
        return 5

    def __init__(self):
        print("never")


print(B())
o = object.__new__(A)
print(type(o).__name__, hasattr(o, "v"))
try:
    object.__new__(5)
except TypeError as e:
    print(e)
print(int.__new__(int, "7"))
e = Exception.__new__(ValueError, "x")
print(repr(e))


class Board:
    def __init__(self, size):
        self.size = size
        print("board init")

    def copy(self):
        b = Board.__new__(Board)
        b.size = self.size
        return b


print(Board(3).copy().size)


class OnlyNew:
    def __new__(cls, *args):
        instance = object.__new__(cls)
        instance.args = args
        return instance


print(OnlyNew(1, 2).args)
