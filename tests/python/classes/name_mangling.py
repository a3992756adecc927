# Private name mangling: inside a class, `__name` is `_Class__name` (attributes, names
# of every scope in the class, parameters), so a base's and a subclass's private
# attributes do not clash.


def public(names):
    return sorted(n for n in names if not (n.startswith("__") and n.endswith("__")))


class Base:
    __count = 0

    def __init__(self):
        self.__secret = "base"
        Base.__count += 1

    def base_secret(self):
        return self.__secret

    def __helper(self):
        return "Base.__helper"

    def call_helper(self):
        return self.__helper()

    @classmethod
    def count(cls):
        return cls.__count


class Derived(Base):
    def __init__(self):
        super().__init__()
        self.__secret = "derived"

    def derived_secret(self):
        return self.__secret

    def __helper(self):
        return "Derived.__helper"


d = Derived()
print(d.base_secret(), d.derived_secret())
print(sorted(vars(d).items()))
print(public(dir(d)))
print(public(dir(Base)))
print(public(dir(Derived)))
print(d.call_helper(), d._Derived__helper())
print(Base.count(), Derived.count())
print(getattr(d, "_Base__secret"), getattr(d, "_Derived__secret"))
print(hasattr(d, "__secret"), hasattr(d, "_Base__secret"))
try:
    d.__secret
except AttributeError as e:
    print("AttributeError:", e)

# Setting and deleting through mangled names.
class Box:
    def put(self, value):
        self.__value = value

    def take(self):
        value = self.__value
        del self.__value
        return value

    def has(self):
        return hasattr(self, "_Box__value")


b = Box()
b.put(42)
print(vars(b), b.has())
print(b.take(), vars(b), b.has())
b._Box__value = "set from outside"
print(b.take())

# Dunder names and names ending in two underscores are not mangled.
class Dunders:
    __tail__ = "tail"
    __a_ = "one underscore at the end"
    ___b = "three at the start"

    def __init__(self):
        self.__x__ = 1
        self.__ = 2
        self.___ = 3

    def __repr__(self):
        return "Dunders()"


x = Dunders()
print(x, sorted(vars(x)))
print(public(dir(Dunders)))
print(Dunders.__tail__, Dunders._Dunders__a_, Dunders._Dunders___b)

# Augmented assignment through a private attribute.
class Counter:
    def __init__(self):
        self.__n = 0

    def tick(self, by=1):
        self.__n += by
        return self.__n


c = Counter()
c.tick()
print(c.tick(5), vars(c))

# Private names of the class body itself, read in the body and by methods.
class Config:
    __default = 10
    doubled = __default * 2

    def default(self):
        return self.__default, Config.__default


print(Config.doubled, Config().default(), public(dir(Config)))
