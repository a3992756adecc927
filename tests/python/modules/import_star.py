# from module import *: __all__ when present, else the names without underscore
from _star_all import *
from _star_plain import *

print(shown, _also_shown)
try:
    print(hidden)
except NameError as e:
    print("NameError:", e)
try:
    print(_private)
except NameError as e:
    print("NameError:", e)
print(public, function())
from math import *
print(floor(2.7), pi > 3)
