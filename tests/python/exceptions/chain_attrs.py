try:
    try:
        [][0]
    except IndexError:
        raise TypeError("t")
except TypeError as e:
    print(type(e.__context__).__name__, e.__cause__)
try:
    try:
        raise ValueError("v")
    except ValueError as v:
        raise KeyError("k") from v
except KeyError as e:
    print(type(e.__cause__).__name__, e.__cause__, type(e.__context__).__name__)
