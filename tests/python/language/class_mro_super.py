# classes: C3 method resolution order and cooperative super() through a diamond
class Base:
    def __init__(self, **kwargs):
        print("Base.__init__ leftover", sorted(kwargs))
        super().__init__()

    def hello(self):
        return ["Base"]


class Left(Base):
    def __init__(self, left=None, **kwargs):
        print("Left.__init__", left)
        super().__init__(**kwargs)

    def hello(self):
        return ["Left"] + super().hello()


class Right(Base):
    def __init__(self, right=None, **kwargs):
        print("Right.__init__", right)
        super().__init__(**kwargs)

    def hello(self):
        return ["Right"] + super().hello()


class Bottom(Left, Right):
    def __init__(self, **kwargs):
        print("Bottom.__init__")
        super().__init__(**kwargs)

    def hello(self):
        return ["Bottom"] + super().hello()


print([c.__name__ for c in Bottom.__mro__])
b = Bottom(left=1, right=2, extra=3)
print(b.hello())
print(super(Left, b).hello())


class A: pass
class B: pass
class C(A, B): pass
class D(B, A): pass


print([k.__name__ for k in C.__mro__], [k.__name__ for k in D.__mro__])
try:
    class E(C, D):
        pass
except TypeError as e:
    print("TypeError:", str(e).startswith("Cannot create a consistent method resolution"))


class X: pass
class Y: pass
class Z: pass
class K1(X, Y): pass
class K2(Y, Z): pass
class K3(X, Z): pass
class Top(K1, K2, K3): pass


print(" ".join(k.__name__ for k in Top.__mro__))
