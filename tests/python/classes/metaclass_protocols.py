# Metaclasses in use: a __new__ editing the namespace with __init_subclass__ keywords,
# __class__ of classes, an abstract-class __call__, classes as keys, special methods of
# classes from their metaclass (C[k], len(C), iter(C)).
class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        ns["added"] = name.lower()
        return super().__new__(mcls, name, bases, ns, **kw)
class Base(metaclass=Meta):
    def __init_subclass__(cls, tag=None, **kw):
        super().__init_subclass__(**kw)
        cls.tag = tag
class Child(Base, tag="c"):
    def who(self):
        return __class__.__name__ + " " + super().__repr__()[:8]
print(Base.added, Child.added, Child.tag, Child().who())
print(type(Child).__name__, Child.__class__.__name__, Meta.__name__, Meta.__qualname__)
print(callable(Child), Meta.__bases__ == (type,), type.__call__(Child).__class__.__name__)
class AbstractMeta(type):
    def __call__(cls, *a, **k):
        if getattr(cls, "abstract", False):
            raise TypeError("Can't instantiate abstract class " + cls.__name__)
        return type.__call__(cls, *a, **k)
class Shape(metaclass=AbstractMeta):
    abstract = True
class Square(Shape):
    abstract = False
    def __init__(self, s): self.s = s
try:
    Shape()
except TypeError as e:
    print(e)
print(Square(3).s)
X = type("X", (), {"__init__": lambda self, v: setattr(self, "v", v), "__repr__": lambda self: "X(%r)" % self.v})
print(X(4), X.__name__, X.__qualname__)
class WithEq(metaclass=Meta):
    pass
print(WithEq == WithEq, hash(WithEq) == hash(WithEq), {WithEq: 1}[WithEq])
print(isinstance(Meta, type), type(type) is type, type(Meta) is type)
class M(type):
    def __getitem__(cls, k): return (cls.__name__, k)
    def __len__(cls): return 7
    def __iter__(cls): return iter([1, 2])
class G(metaclass=M): pass
print(G[int], len(G), list(G))
