# import, import as, module objects, sys.modules caching, __name__ == "__main__"
import math
import sys
import time as clock
import math as m2

print(type(math).__name__, math.__name__, clock.__name__)
print(repr(sys), repr(clock))
print(m2 is math, sys.modules["math"] is math, sys.modules["time"] is clock)
import math
print(sys.modules["math"] is math)
print(__name__, __name__ == "__main__")
print(sys.modules["__main__"].__name__)

# Attributes of a module: get, set, delete.
math.answer = 42
print(math.answer, m2.answer)
del math.answer
try:
    math.answer
except AttributeError as e:
    print("AttributeError:", e)
try:
    del math.answer
except AttributeError as e:
    print("AttributeError:", e)
print(isinstance(math.pi, float), round(math.pi, 5))
print(type(math.sqrt).__name__, repr(math.sqrt))


def uses_module():
    import math as inner
    return inner.floor(2.5)


print(uses_module())
# The imported name is an ordinary global.
math = 3
print(math)
import math
print(math.ceil(1.2))

# __import__ returns the top-level package, or the module itself with a fromlist.
print(__import__("math") is math, __import__("_pkg._sub").__name__)
print(__import__("_pkg._sub", fromlist=["twice"]).__name__)
for bad in [5, ""]:
    try:
        __import__(bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
