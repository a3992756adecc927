try:
    raise ValueError
except ValueError as e:
    print(repr(e), str(e) == "", e.args)
try:
    raise IndexError("a", "b")
except LookupError as e:
    print(e, e.args)
e = KeyError("kk")
print(type(e).__name__, e.args, str(KeyError("k")), str(ValueError(1, 2)))
