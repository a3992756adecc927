# Hooks and descriptors added to or removed from classes after their instances exist.

class Base:
    pass


class Child(Base):
    pass


c = Child()
c.x = 1
print(c.x, hasattr(c, "y"))

# A __getattr__ added to a base later applies at once.
Base.__getattr__ = lambda self, name: "late " + name
print(c.y, c.x)
del Base.__getattr__
print(hasattr(c, "y"))

# A property added to the class shadows the instance's attribute.
Child.x = property(lambda self: "property x")
print(c.x, c.__dict__)
del Child.x
print(c.x)


# A descriptor class gaining __set__ later becomes a data descriptor.
class Desc:
    def __get__(self, instance, owner):
        return "from Desc"


class Holder:
    d = Desc()


h = Holder()
h.__dict__["d"] = "from dict"
print(h.d)
Desc.__set__ = lambda self, instance, value: print("Desc.__set__", value)
print(h.d)
h.d = 5
del Desc.__set__
print(h.d)
h.d = 6
print(h.d)

# __setattr__ and __delattr__ added later.
log = []
Base.__setattr__ = lambda self, name, value: log.append((name, value))
c.z = 3
print(log, hasattr(c, "z"))
del Base.__setattr__
c.z = 4
print(c.z)
Child.__delattr__ = lambda self, name: log.append(("del", name))
del c.z
print(log[-1], c.z)


# __getattribute__ added to a class in the middle of the MRO.
class Top:
    value = "top"


class Middle(Top):
    pass


class Bottom(Middle):
    pass


b = Bottom()
print(b.value)
Middle.__getattribute__ = lambda self, name: "intercepted " + name
print(b.value, b.anything)
del Middle.__getattribute__
print(b.value)


# __hash__ set on the class later.
class Key:
    pass


k = Key()
Key.__hash__ = lambda self: 42
print(hash(k))
Key.__hash__ = None
try:
    hash(k)
except TypeError as e:
    print("TypeError:", e)
