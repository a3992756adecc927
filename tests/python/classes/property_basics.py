# property: decorator chains, property(fget, fset, fdel, doc), and CPython's errors.

class Temperature:
    def __init__(self, celsius):
        self._celsius = celsius

    @property
    def celsius(self):
        """Degrees Celsius."""
        return self._celsius

    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError("below absolute zero")
        self._celsius = value

    @celsius.deleter
    def celsius(self):
        print("deleting celsius")
        del self._celsius

    @property
    def fahrenheit(self):
        return self._celsius * 9 / 5 + 32


t = Temperature(25)
print(t.celsius, t.fahrenheit)
t.celsius = 100
print(t.celsius, t.fahrenheit)
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError:", e)
print(Temperature.celsius.__doc__)
print(type(Temperature.celsius).__name__)
print(Temperature.celsius.fget.__name__, Temperature.celsius.fset.__name__)
del t.celsius
print(hasattr(t, "_celsius"))
try:
    t.celsius
except AttributeError as e:
    print("AttributeError:", e)
try:
    t.fahrenheit = 3
except AttributeError as e:
    print("AttributeError:", e)
try:
    del t.fahrenheit
except AttributeError as e:
    print("AttributeError:", e)
# The instance dict does not shadow a property.
t.__dict__["fahrenheit"] = "shadow"
t._celsius = 0
print(t.fahrenheit)


def get_name(self):
    return self._name.upper()


def set_name(self, value):
    self._name = value


def del_name(self):
    print("del_name called")


class Person:
    name = property(get_name, set_name, del_name, "The person's name.")
    empty = property()
    read_only = property(lambda self: "fixed")

    def __init__(self, name):
        self.name = name


p = Person("ada")
print(p.name)
p.name = "grace"
print(p.name)
del p.name
print(Person.name.__doc__)
print(Person.empty.fget, Person.empty.fset, Person.empty.fdel, Person.empty.__doc__)
try:
    p.empty
except AttributeError as e:
    print("AttributeError:", e)
print(p.read_only)
try:
    p.read_only = "x"
except AttributeError as e:
    print("AttributeError:", e)


# The setter makes a new property; the old one stays read-only.
class Box:
    @property
    def size(self):
        return 1

    first = size

    @size.setter
    def size(self, value):
        print("set size", value)


b = Box()
print(Box.first is Box.size)
b.size = 5
try:
    b.first = 5
except AttributeError as e:
    print("AttributeError:", e)


# Properties are inherited and may be overridden.
class Base:
    @property
    def kind(self):
        return "base"


class Derived(Base):
    @property
    def kind(self):
        return "derived of " + super().kind


print(Base().kind, "/", Derived().kind)


# A getter raising AttributeError falls back to __getattr__.
class Fallback:
    @property
    def missing(self):
        raise AttributeError("inner")

    def __getattr__(self, name):
        return "getattr " + name


print(Fallback().missing)
# Keyword arguments and an explicit __get__.
q = property(fget=lambda self: 7, doc="seven")
print(q.__doc__, q.__get__(p, Person))
print(property.__name__)
