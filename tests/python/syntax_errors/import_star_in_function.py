def f():
    from math import *
    return floor(1.5)
