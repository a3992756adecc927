# Setting __cause__ and __context__ by hand: checked (None or an exception), and a cause set
# by hand is the one `raise` reports through the attributes; `raise ... from` with a
# non-exception cause.
e = ValueError("v")
for bad in ("x", 5, ValueError):
    try:
        e.__cause__ = bad
    except TypeError as t:
        print("TypeError:", t)
    try:
        e.__context__ = bad
    except TypeError as t:
        print("TypeError:", t)
e.__cause__ = KeyError("k")
print(repr(e.__cause__), e.__context__)
e.__cause__ = None
print(e.__cause__)
e.__context__ = IndexError("i")
print(repr(e.__context__))
e.__context__ = None
print(e.__context__)
try:
    raise ValueError("x") from 5
except TypeError as t:
    print("TypeError:", t)
try:
    raise ValueError("y") from KeyError
except ValueError as v:
    print(repr(v), repr(v.__cause__))
class Boom(Exception):
    def __init__(self):
        raise RuntimeError("no")
try:
    raise ValueError("z") from Boom
except RuntimeError as r:
    print("RuntimeError:", r)
