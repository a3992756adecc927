# Metaclasses: `metaclass=`, the metaclass's __new__/__init__/__call__/__prepare__/__repr__,
# type.__new__ and type(name, bases, namespace), inherited metaclasses, conflicts, methods
# and attributes found through the metaclass, __instancecheck__/__subclasscheck__.

log = []


class Meta(type):
    counter = 0

    @classmethod
    def __prepare__(mcls, name, bases, **kwargs):
        log.append(("prepare", name, kwargs))
        return {"injected": 1}

    def __new__(mcls, name, bases, namespace, **kwargs):
        log.append(("new", name, sorted(namespace), kwargs))
        cls = super().__new__(mcls, name, bases, namespace)
        Meta.counter += 1
        cls.serial = Meta.counter
        return cls

    def __init__(cls, name, bases, namespace, **kwargs):
        log.append(("init", name))
        super().__init__(name, bases, namespace)

    def __call__(cls, *args, **kwargs):
        log.append(("call", cls.__name__, args))
        instance = super().__call__(*args, **kwargs)
        instance.via_meta = True
        return instance

    def __repr__(cls):
        return "<Meta class " + cls.__name__ + ">"

    def describe(cls):
        return cls.__name__ + " #" + str(cls.serial)

    @property
    def upper_name(cls):
        return cls.__name__.upper()


class A(metaclass=Meta, flag=True):
    x = 1

    def __init__(self, value):
        self.value = value

    def __init_subclass__(cls, **kwargs):
        log.append(("init_subclass", cls.__name__, kwargs))


class B(A, flag=False):
    def method(self):
        return super().method if False else "B.method"


for entry in log:
    print(entry)
a = A(5)
b = B(6)
print(a.value, a.via_meta, b.value, b.method(), A.injected, A.x)
print(type(A) is Meta, type(B) is Meta, isinstance(A, Meta), isinstance(A, type), type(Meta) is type)
print(A, B, repr(A), str(B), [A], A.describe(), B.describe(), A.upper_name, A.serial, B.serial)
print(Meta.__mro__ == (Meta, type, object), issubclass(Meta, type), Meta.counter)
try:
    a.describe
except AttributeError as e:
    print("AttributeError:", e)


# type() with three arguments and type.__new__.
def greet(self):
    return "hi from " + type(self).__name__


Dyn = type("Dyn", (object,), {"greet": greet, "n": 3})
d = Dyn()
print(Dyn.__name__, d.greet(), Dyn.n, type(Dyn) is type, Dyn.__bases__ == (object,), isinstance(d, Dyn))
Sub = type("Sub", (Dyn,), {})
print(Sub().greet(), Sub.__mro__ == (Sub, Dyn, object))
M2 = type.__new__(Meta, "M2", (), {})
print(M2, type(M2) is Meta)
Made = Meta("Made", (), {"k": 2})
print(Made.k, Made.serial, Made)


# The metaclass of a class derived from one with a metaclass, and conflicts.
class Other(type):
    pass


class C(metaclass=Other):
    pass


try:
    class D(A, C):
        pass
except TypeError as e:
    print("TypeError:", e)


class SubMeta(Meta):
    pass


class E(A, metaclass=SubMeta):
    pass


print(type(E) is SubMeta, E.describe())


class F(E):
    pass


print(type(F) is SubMeta)


# __instancecheck__ and __subclasscheck__.
class Duck(type):
    def __instancecheck__(cls, obj):
        return hasattr(obj, "quack")

    def __subclasscheck__(cls, sub):
        return hasattr(sub, "quack")


class Quacker(metaclass=Duck):
    pass


class Mallard:
    def quack(self):
        return "quack"


print(isinstance(Mallard(), Quacker), isinstance(1, Quacker), issubclass(Mallard, Quacker), issubclass(int, Quacker))
print(isinstance(Quacker(), Quacker), isinstance(Mallard(), (int, Quacker)))


# A function as the metaclass.
def maker(name, bases, namespace):
    namespace["made_by"] = "maker"
    return type(name, bases, namespace)


class G(metaclass=maker):
    pass


print(G.made_by, type(G) is type)


# A metaclass with a singleton __call__.
class Singleton(type):
    instances = {}

    def __call__(cls, *args):
        if cls not in Singleton.instances:
            Singleton.instances[cls] = super().__call__(*args)
        return Singleton.instances[cls]


class Config(metaclass=Singleton):
    def __init__(self):
        self.loaded = True


print(Config() is Config(), Config().loaded)


# Registries filled by a metaclass, and class attributes set through it.
class Registry(type):
    classes = []

    def __init__(cls, name, bases, namespace):
        super().__init__(name, bases, namespace)
        if bases:
            Registry.classes.append(name)


class Plugin(metaclass=Registry):
    pass


class First(Plugin):
    pass


class Second(Plugin):
    pass


print(Registry.classes)
for bad in [lambda: type("X", 1, {}), lambda: type("X", (), []), lambda: type(1, (), {}), lambda: type("X", ())]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
