# Function attributes: __name__, __qualname__, __doc__, __defaults__, __kwdefaults__,
# __module__, __dict__ and arbitrary attributes.

def plain(a, b=2, *, c=3):
    """Adds three numbers."""
    return a + b + c


print(plain.__name__, plain.__qualname__, plain.__doc__)
print(plain.__defaults__, plain.__kwdefaults__, plain.__module__)
plain.calls = 0
plain.calls += 1
print(plain.calls, plain.__dict__)
print(getattr(plain, "missing", "none here"), hasattr(plain, "calls"))
try:
    plain.missing
except AttributeError as e:
    print("AttributeError:", e)
del plain.calls
print(plain.__dict__)
try:
    del plain.calls
except AttributeError as e:
    print("AttributeError:", e)


def no_doc():
    x = "not a docstring"
    return x


print(no_doc.__doc__, no_doc.__defaults__, no_doc.__kwdefaults__)


class Outer:
    def method(self):
        "Method doc."

        def inner():
            pass

        return inner


print(Outer.method.__qualname__, Outer.method.__doc__)
print(Outer().method().__qualname__)
print(Outer().method.__name__, Outer().method.__doc__)

plain.__doc__ = "changed"
plain.__name__ = "renamed"
plain.__qualname__ = "Somewhere.renamed"
print(plain.__doc__, plain.__name__, plain.__qualname__)
plain.__defaults__ = (10,)
print(plain(1))
plain.__kwdefaults__ = {"c": 100}
print(plain(1))
plain.__defaults__ = None
try:
    plain(1)
except TypeError as e:
    print("TypeError:", e)
try:
    plain.__name__ = 3
except TypeError as e:
    print("TypeError:", e)


# Attributes as a memo, from inside the function.
def counter():
    counter.count = getattr(counter, "count", 0) + 1
    return counter.count


counter()
counter()
print(counter())

# Decorators copy metadata by hand.
def logged(func):
    def wrapper(*args):
        return func(*args)

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    wrapper.wrapped = func
    return wrapper


@logged
def square(n):
    """Squares n."""
    return n * n


print(square(4), square.__name__, square.__doc__, square.wrapped.__name__)
lam = lambda: 0
print(lam.__name__, lam.__doc__)

# __module__ and __doc__ are settable and deletable slots, not entries of __dict__.
def moved():
    pass


moved.__module__ = "elsewhere"
print(moved.__module__, moved.__dict__)
del moved.__module__
print(moved.__module__)
moved.__doc__ = "d"
del moved.__doc__
print(moved.__doc__)
try:
    moved.__globals__ = {}
except AttributeError as e:
    print("AttributeError:", e)
