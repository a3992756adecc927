# __getattr__, __getattribute__, __setattr__ and __delattr__.

class Defaults:
    known = "class attribute"

    def __init__(self):
        self.present = "instance attribute"

    def __getattr__(self, name):
        if name.startswith("no_"):
            raise AttributeError(name)
        return "default for " + name


d = Defaults()
print(d.present, "|", d.known, "|", d.other)
print(getattr(d, "anything"), hasattr(d, "no_such"), getattr(d, "no_x", "given default"))
try:
    d.no_way
except AttributeError as e:
    print("AttributeError:", e)


class Logged:
    def __init__(self):
        self.x = 1

    def __getattribute__(self, name):
        print("getattribute", name)
        if name == "secret":
            return "intercepted"
        return object.__getattribute__(self, name)

    def method(self):
        return "method result"


lg = Logged()
print(lg.x)
print(lg.secret)
print(lg.method())
try:
    lg.missing
except AttributeError as e:
    print("AttributeError:", e)


class Both:
    def __getattribute__(self, name):
        if name == "boom":
            raise AttributeError("from getattribute")
        return super().__getattribute__(name)

    def __getattr__(self, name):
        return "getattr rescued " + name


b = Both()
print(b.boom)
b.real = 3
print(b.real)


class Recorder:
    def __init__(self):
        object.__setattr__(self, "log", [])

    def __setattr__(self, name, value):
        self.log.append(("set", name, value))
        super().__setattr__(name, value * 2 if isinstance(value, int) else value)

    def __delattr__(self, name):
        self.log.append(("del", name))
        if name == "keep":
            raise AttributeError("cannot delete keep")
        object.__delattr__(self, name)


r = Recorder()
r.a = 5
r.b = "text"
setattr(r, "c", 1)
print(r.a, r.b, r.c)
del r.a
delattr(r, "b")
try:
    del r.keep
except AttributeError as e:
    print("AttributeError:", e)
try:
    del r.never
except AttributeError as e:
    print("AttributeError:", e)
print(r.log)
print(sorted(r.__dict__))


# Inherited hooks, and a subclass calling the parent's.
class Frozen:
    def __setattr__(self, name, value):
        raise AttributeError(f"{type(self).__name__} is frozen ({name})")


class Point(Frozen):
    def __init__(self, x, y):
        object.__setattr__(self, "x", x)
        object.__setattr__(self, "y", y)


pt = Point(1, 2)
print(pt.x, pt.y)
try:
    pt.x = 10
except AttributeError as e:
    print("AttributeError:", e)


class Proxy:
    def __init__(self, target):
        object.__setattr__(self, "_target", target)

    def __getattr__(self, name):
        return getattr(self._target, name)

    def __setattr__(self, name, value):
        setattr(self._target, name, value)


class Target:
    def __init__(self):
        self.value = 1

    def show(self):
        return "Target value " + str(self.value)


tgt = Target()
px = Proxy(tgt)
px.value = 99
print(px.show(), tgt.value, "value" in px.__dict__)
print(object.__getattribute__(tgt, "value"))
try:
    object.__getattribute__(tgt, "nothing")
except AttributeError as e:
    print("AttributeError:", e)


# __getattr__ is not consulted for special methods looked up by the interpreter.
class NoLen:
    def __getattr__(self, name):
        return lambda: 3


try:
    len(NoLen())
except TypeError as e:
    print("TypeError:", e)
print(NoLen().__len__())


# object's attribute methods and __init__ through an instance.
class Plain:
    pass


pl = Plain()
pl.__setattr__("a", 1)
print(pl.a, pl.__getattribute__("a"), hasattr(pl, "__delattr__"))
pl.__delattr__("a")
print(hasattr(pl, "a"), pl.__init__(), pl.__init_subclass__())
try:
    pl.__init__(1)
except TypeError as e:
    print("TypeError:", e)


class PassesOn:
    def __init__(self):
        super().__init__(1)


try:
    PassesOn()
except TypeError as e:
    print("TypeError:", e)


class TakesAll:
    def __new__(cls, *args):
        return super().__new__(cls)


print(TakesAll(1, 2).__init__(5))
