# import of a module beside the program: run once, cached, its own globals
import _helper_mod
import _helper_mod as again
from _helper_mod import bump, greet as hello, Point

print(again is _helper_mod, _helper_mod.__name__)
print(_helper_mod.__file__.endswith("_helper_mod.py"))
print(bump(), bump(), _helper_mod.counter)
print(hello("world"))
_helper_mod.greeting = "hi"
print(hello("there"))
p = Point(1, 2)
print(p, type(p).__module__, type(p).__name__)
counter = 100
print(bump(), counter)
print(_helper_mod._private)
print(sorted([k for k in _helper_mod.__dict__ if not k.startswith("__")]))
print(repr(_helper_mod).startswith("<module '_helper_mod' from '"))
