# A class's __dict__ (and vars(C)) is a read-only mappingproxy over its namespace.


class Base:
    """The base."""

    x = 1

    def f(self):
        return "f"


class Child(Base):
    y = 2

    def g(self):
        return "g"


class Slotted(Base):
    __slots__ = ("b", "a")


proxy = Child.__dict__
print(type(proxy).__name__, type(vars(Child)).__name__)
print(list(Base.__dict__))
print(list(Child.__dict__))
print(list(Slotted.__dict__))


class Error(Exception):
    pass


class NoDict:
    __slots__ = ()


class OwnDict:
    __slots__ = ("__dict__", "v")


class Weak:
    __slots__ = ("__weakref__", "w")


for cls in (Error, NoDict, OwnDict, Weak):
    print(cls.__name__, list(cls.__dict__))

# The instances' __dict__ and __weakref__ (getset descriptors) the class adds.
getset = Base.__dict__["__dict__"]
print(type(getset).__name__, getset, Base.__dict__["__weakref__"], Base.__weakref__)
print(getset.__name__, getset.__objclass__ is Base, Base.__dict__["__dict__"] is getset)
child = Child()
child.w = 1
print(getset.__get__(child), child.__dict__, vars(child), child.__weakref__)
print(Slotted().__weakref__, OwnDict().__dict__)
print(Child.__dict__["y"], "y" in Child.__dict__, "x" in Child.__dict__, len(Child.__dict__))
print(Base.__dict__["x"], Base.__dict__["__doc__"], Child.__dict__["__doc__"])
print(Base.__doc__, Child.__doc__, Child().__doc__)
print(Child.__dict__["g"](Child()), Base.__dict__["f"].__name__)


class Plain(Base):
    a = 1
    b = "two"


print(Plain.__dict__)
print(repr(vars(Plain)))
print(str(Child.__dict__) == str(dict(Child.__dict__)))
print(vars(Child) == Child.__dict__, Child.__dict__ == dict(Child.__dict__))
print(sorted(Child.__dict__.keys()), list(Child.__dict__.values())[1])
print(Child.__dict__.get("y"), Child.__dict__.get("zz"), Child.__dict__.get("zz", 5))
print(dict(Child.__dict__.items())["y"], type(Child.__dict__.copy()).__name__)
print([k for k in Child.__dict__ if not k.startswith("__")])
print(Slotted.__dict__["a"], Slotted.__dict__["b"])

try:
    Child.__dict__["y"] = 3
except TypeError as e:
    print("TypeError:", e)
try:
    del Child.__dict__["y"]
except TypeError as e:
    print("TypeError:", e)
try:
    Child.__dict__["nope"]
except KeyError as e:
    print("KeyError:", e)

# The proxy shows the live namespace: setting a class attribute shows through it.
Child.z = 3
print(proxy["z"], "z" in proxy, list(proxy)[-1])
del Child.z
print("z" in proxy)


class Counter:
    count = 0

    @classmethod
    def bump(cls):
        cls.count += 1
        return cls.__dict__["count"]


for _ in range(3):
    Counter.bump()
print(Counter.__dict__["count"], type(Counter.__dict__["bump"]).__name__)
