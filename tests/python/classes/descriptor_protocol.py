# Data descriptors on the type win over the instance dict; non-data descriptors lose to it.

class Verbose:
    """A data descriptor that logs each access."""

    def __init__(self, default):
        self.default = default

    def __set_name__(self, owner, name):
        self.name = "_" + name

    def __get__(self, instance, owner):
        if instance is None:
            print("class access on", owner.__name__)
            return self
        print("get", self.name)
        return instance.__dict__.get(self.name, self.default)

    def __set__(self, instance, value):
        print("set", self.name, value)
        instance.__dict__[self.name] = value

    def __delete__(self, instance):
        print("delete", self.name)
        del instance.__dict__[self.name]


class NonData:
    def __get__(self, instance, owner):
        return ("nondata", instance is None, owner.__name__)


class Point:
    x = Verbose(0)
    y = Verbose(10)
    tag = NonData()


p = Point()
print(p.x, p.y)
p.x = 5
print(p.x)
print(sorted(p.__dict__.items()))
# The data descriptor takes precedence over an entry in the instance dict.
p.__dict__["x"] = "shadow"
print(p.x)
del p.x
print(p.x)
d = Point.x
print(type(d).__name__, d.name)
print(p.tag)
print(Point.tag)
# A non-data descriptor is shadowed by the instance dict.
p.tag = "mine"
print(p.tag)
del p.tag
print(p.tag)


class Sub(Point):
    pass


s = Sub()
s.y = 3
print(s.y, Sub.tag)


# Descriptors only work on the class: on an instance they are plain values.
class Holder:
    pass


h = Holder()
h.attr = NonData()
print(type(h.attr).__name__)


# A descriptor with only __set__ is still a data descriptor.
class SetOnly:
    def __set__(self, instance, value):
        print("SetOnly.__set__", value)


class UsesSetOnly:
    a = SetOnly()


u = UsesSetOnly()
u.a = 1
print(type(u.a).__name__)
u.__dict__["a"] = "in dict"
print(type(u.a).__name__)


# Functions are non-data descriptors: __get__ binds them.
class Greeter:
    def hello(self, who):
        return "hello " + who


g = Greeter()
bound = Greeter.hello.__get__(g, Greeter)
print(bound("world"))
g.hello = lambda who: "shadowed " + who
print(g.hello("there"))


# A descriptor whose __get__ raises AttributeError falls back to __getattr__.
class Lazy:
    def __get__(self, instance, owner):
        raise AttributeError("not yet")


class WithFallback:
    value = Lazy()

    def __getattr__(self, name):
        return "fallback for " + name


print(WithFallback().value)


# __set__ errors propagate.
class ReadOnly:
    def __get__(self, instance, owner):
        return 42

    def __set__(self, instance, value):
        raise AttributeError("read-only attribute")


class Config:
    answer = ReadOnly()


c = Config()
try:
    c.answer = 1
except AttributeError as e:
    print("AttributeError:", e)
print(c.answer)
try:
    del c.answer
except AttributeError as e:
    print("AttributeError:", e)
