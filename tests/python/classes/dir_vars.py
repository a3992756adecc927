# dir() and vars() of modules, classes and instances of classes defined in Python
import sys

class Base:
    kind = "base"

    def method(self):
        return 1

class Child(Base):
    extra = 2

    def __init__(self):
        self.value = 3
        self._private = 4

    def child_method(self):
        pass

c = Child()
print(dir(c))
print(dir(Child) == sorted(set(dir(c)) - {"value", "_private"}))
print([n for n in dir(Base) if not n.startswith("__")], [n for n in dir(Child) if not n.startswith("_")])
print(vars(c), vars(c) is c.__dict__)
c.added = [1]
print(vars(c), sorted(vars(c)))
print("argv" in dir(sys), "path" in dir(sys), dir(sys) == sorted(dir(sys)), vars(sys) is sys.__dict__)
print(len(dir(object())) == len(dir(Base())) - 4, [n for n in dir(object()) if n not in dir(Base())])
for bad in (1, "s", None):
    try:
        vars(bad)
    except TypeError as e:
        print("TypeError:", e)
