# exceptions: implicit chaining (__context__), explicit `raise ... from` (__cause__), from None
def show(e):
    print(f"{type(e).__name__}({e})")
    print("  cause:", repr(e.__cause__), "context:", repr(e.__context__))


try:
    try:
        {}["key"]
    except KeyError:
        raise ValueError("implicit")
except ValueError as e:
    show(e)

try:
    try:
        int("x")
    except ValueError as inner:
        raise RuntimeError("explicit") from inner
except RuntimeError as e:
    show(e)
    print("  cause is context:", e.__cause__ is e.__context__)

try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise TypeError("hidden") from None
except TypeError as e:
    show(e)

try:
    raise LookupError("no handler active") from KeyError("unrelated")
except LookupError as e:
    show(e)

# chains can be walked
try:
    try:
        try:
            raise KeyError("a")
        except KeyError:
            raise IndexError("b")
    except IndexError:
        raise ValueError("c")
except ValueError as e:
    chain = []
    cur = e
    while cur is not None:
        chain.append(type(cur).__name__)
        cur = cur.__context__
    print(" <- ".join(chain))

# the attributes can be set by hand
err = ValueError("manual")
err.__cause__ = KeyError("k")
print(repr(err.__cause__), err.__context__)

# raising the same exception again does not chain it to itself
e1 = KeyError("same")
try:
    try:
        raise e1
    except KeyError:
        raise e1
except KeyError as e:
    print("self context:", e.__context__)
