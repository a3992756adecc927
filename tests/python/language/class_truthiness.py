# classes: truthiness through __bool__ and __len__, precedence, and errors from bad results
class WithBool:
    def __init__(self, flag):
        self.flag = flag

    def __bool__(self):
        print("  __bool__")
        return self.flag


class WithLen:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        print("  __len__")
        return self.n


class Both:
    def __bool__(self):
        return False

    def __len__(self):
        return 10


class Neither:
    pass


print(bool(WithBool(True)), bool(WithBool(False)))
print(bool(WithLen(0)), bool(WithLen(3)), len(WithLen(3)))
print(bool(Both()), len(Both()), bool(Neither()))
if WithLen(2):
    print("if uses __len__")
print(not WithBool(False))
print(WithBool(False) or "fallback")
print(WithLen(5) and "second")
while WithBool(False):
    print("never")
print([x.n for x in [WithLen(0), WithLen(1), WithLen(2)] if x])


class BadBool:
    def __bool__(self):
        return 1


class NegLen:
    def __len__(self):
        return -1


class BigLen:
    def __len__(self):
        return "3"


for obj in [BadBool(), NegLen(), BigLen()]:
    try:
        bool(obj)
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
