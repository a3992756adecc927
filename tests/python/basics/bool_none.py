print(True, False, None, True + True, True * 3, not None, not 0, not [])
print(bool(0), bool(1), bool(""), bool("a"), bool([]), bool([0]), bool({}), bool(None))
y = 1
print(None is None, y is not None, True == 1, False == 0, isinstance(True, int))
x = None
if x is None:
    print("none")
print(1 and 2, 0 and 2, 0 or 3, "" or "default", None or 0)
