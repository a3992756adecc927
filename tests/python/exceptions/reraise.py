def inner():
    raise ValueError("inner problem")
def outer():
    try:
        inner()
    except ValueError:
        print("logging and re-raising")
        raise
try:
    outer()
except ValueError as e:
    print("outer caught:", e)
try:
    try:
        raise KeyError("a")
    finally:
        print("finally runs before propagation")
except KeyError as e:
    print("then caught", e)
