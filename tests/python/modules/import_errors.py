# import failures: CPython's exceptions, messages and attributes
import sys

for statement in [
    "import nosuch_module_xyz",
    "import math.nosuch",
    "from sys import nosuch",
    "from time import nosuch",
    "from . import anything",
    "from .sibling import anything",
]:
    try:
        if statement == "import nosuch_module_xyz":
            import nosuch_module_xyz
        elif statement == "import math.nosuch":
            import math.nosuch
        elif statement == "from sys import nosuch":
            from sys import nosuch
        elif statement == "from time import nosuch":
            from time import nosuch
        elif statement == "from . import anything":
            from . import anything
        else:
            from .sibling import anything
    except ImportError as e:
        print(statement, "->", type(e).__name__ + ":", e)
        print("  name:", e.name, isinstance(e, ImportError), isinstance(e, Exception))
print(issubclass(ModuleNotFoundError, ImportError), ModuleNotFoundError.__mro__[1].__name__)
print("nosuch_module_xyz" in sys.modules)
sys.modules["fake"] = sys
import fake
print(fake is sys)
sys.modules["blocked"] = None
try:
    import blocked
except ImportError as e:
    print(type(e).__name__, e)
