# Built-in types that cannot be bases, bases whose instances cannot be one object, and
# errors of the built-in constructors reached through a derived class.


def f():
    pass


def gen():
    yield


for base in [bool, range, slice, type(None), type(f), type(len), type(gen()), type(...)]:
    try:
        class C(base):
            pass
        print("made", C)
    except TypeError as e:
        print("TypeError:", e)

try:
    class IntStr(int, str):
        pass
except TypeError as e:
    print("TypeError:", e)
try:
    class ListDict(list, dict):
        pass
except TypeError as e:
    print("TypeError:", e)
try:
    class IntError(int, Exception):
        pass
except TypeError as e:
    print("TypeError:", e)
try:
    class SetFrozen(set, frozenset):
        pass
except TypeError as e:
    print("TypeError:", e)


class I(int):
    pass


class L(list):
    pass


class D(dict):
    pass


class A(I, int):
    pass


print(A(4) + 1, type(A(4)).__mro__ == (A, I, int, object))
for make in [lambda: I("x"), lambda: I(1, 2, 3), lambda: I([]), lambda: D(1, 2), lambda: L(1)]:
    try:
        make()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)


class WithInit(int):
    def __init__(self, value):
        super().__init__(value)


try:
    WithInit(3)
except TypeError as e:
    print("TypeError:", e)
