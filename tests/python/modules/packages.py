# packages: __init__.py, submodules, relative imports, import a.b and import a.b as c
import _pkg
import _pkg._sub
import _pkg._sub as sub
from _pkg import _sub, twice
from _pkg._sub import level

print(_pkg.__name__, _pkg._sub.__name__, sub is _sub, _sub is _pkg._sub)
print(twice(21), level())
print(type(_pkg.__path__).__name__, len(_pkg.__path__))
try:
    import _pkg._missing
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name)
try:
    from _pkg import _missing
except ImportError as e:
    print(type(e).__name__, str(e).split(" (")[0])
