# Private name mangling, the edges: nested classes (the innermost class's name wins),
# class names with leading underscores or only underscores, parameters, keyword
# arguments (not mangled), globals, imports, comprehensions, lambdas, `__slots__`.

__g = "module __g"
_Scope__g = "module _Scope__g"


def private_keys(obj):
    return [k for k in dir(obj) if "__" in k and not k.endswith("__")]


# The innermost class names the mangling; functions inside a class inherit it.
class Outer:
    __a = "Outer.__a"

    class Inner:
        __a = "Inner.__a"

        def where(self):
            self.__b = 1
            return sorted(vars(self))

    def where(self):
        self.__b = 2
        return sorted(vars(self))

    def nested(self):
        class Local:
            __c = "Local.__c"

        return private_keys(Local)


print(private_keys(Outer), private_keys(Outer.Inner))
print(Outer.Inner().where(), Outer().where(), Outer().nested())

# Leading underscores of the class name are stripped; a name of underscores only
# mangles nothing.
class _Hidden:
    __v = 1


class __Very:
    __v = 2


class __Both__:
    __v = 3


class ___:
    __v = 4


print(private_keys(_Hidden), private_keys(__Very), private_keys(__Both__))
print("__v" in dir(___), hasattr(___, "_v"), ___.__v)

# A method's and a nested class's own name are mangled where they are bound; their
# `__name__` and `__qualname__` are as written.
class Names:
    def __method(self):
        return "private method"

    class __Nested:
        pass

    def call(self):
        return self.__method()


print(Names._Names__method.__name__, Names._Names__method.__qualname__)
print(Names._Names__Nested.__name__, Names._Names__Nested.__qualname__)
print(Names().call())

# Parameters are mangled; keyword arguments in calls are not (CPython 3.11).
class Params:
    def f(self, __a, *, __k=3):
        return __a, __k

    def call_with_keyword(self):
        try:
            return self.f(1, __k=5)
        except TypeError as e:
            return "TypeError: " + str(e)

    def make_dict(self):
        return dict(__z=1)


p = Params()
print(Params.f.__kwdefaults__, p.f(_Params__a=7))
print(p.f(1), p.f(1, _Params__k=2))
print(p.call_with_keyword())
print(p.make_dict())
try:
    p.f(__a=1)
except TypeError as e:
    print("TypeError:", e)

# Globals read in a class are mangled too: `__g` is the global `_Scope__g`.
class Scope:
    def read(self):
        return __g

    def missing(self):
        try:
            return __nothing
        except NameError as e:
            return "NameError: " + str(e)

    def write(self):
        global __written
        __written = "written"


s = Scope()
print(s.read(), s.missing())
s.write()
print(_Scope__written, "_Scope__written" in globals(), "__written" in globals())

# Locals, cells, nonlocals, comprehensions, lambdas and `except ... as` names.
class Locals:
    def run(self):
        __n = 1

        def inner():
            nonlocal __n
            __n += 1
            return __n

        squares = [__i * __i for __i in range(3)]
        adder = lambda __x, __y=10: __x + __y
        try:
            1 / 0
        except ZeroDivisionError as __e:
            caught = type(__e).__name__
        return inner(), squares, adder(1), caught, sorted(locals())


print(Locals().run())

# `import` binds mangled names; a dotted module name is not mangled.
class Imports:
    import math as __math
    from math import floor as __floor

    def use(self):
        import sys as __sys
        return self.__math.sqrt(16), self.__floor(2.5), __sys.maxsize > 0


print(Imports().use(), private_keys(Imports))

# `__slots__` names are mangled when the class is made (and listed sorted).
class Slotted:
    __slots__ = ("b", "__secret", "a", "__tail__")

    def __init__(self):
        self.__secret = "in a slot"
        self.a = self.b = 0

    def secret(self):
        return self.__secret


sl = Slotted()
print(sl.secret(), sl._Slotted__secret)
print([k for k in dir(Slotted) if k in ("a", "b", "_Slotted__secret", "__secret", "__tail__")])
print(type(Slotted._Slotted__secret).__name__, Slotted.__slots__)
try:
    sl.__secret
except AttributeError as e:
    print("AttributeError:", e)
try:

    class Clash:
        __slots__ = ("__x",)
        _Clash__x = 1

except ValueError as e:
    print("ValueError:", e)

# Strings are never mangled: getattr/setattr/hasattr take names as they are.
class Strings:
    def set(self):
        setattr(self, "__raw", 1)
        self.__cooked = 2
        return sorted(vars(self)), getattr(self, "__raw"), hasattr(self, "__cooked")


print(Strings().set())

# In the class body: a comprehension's first iterable and a lambda's default are read
# in the body (mangled there); `del` of a private name; `*__args` and `**__kw`.
class Body:
    __items = [1, 2, 3]
    doubled = [x * 2 for x in __items]
    first = (lambda __d=__items: __d[0])()
    __gone = 1
    del __gone

    def gather(self, *__args, **__kw):
        return __args, __kw, sum(__y for __y in self.__items)


print(Body.doubled, Body.first, hasattr(Body, "_Body__gone"))
print(Body().gather(1, 2, a=3))
