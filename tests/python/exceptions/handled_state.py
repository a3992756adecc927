def check():
    try:
        raise ValueError("first")
    except ValueError:
        try:
            raise KeyError("second")
        except KeyError:
            pass
        raise
try:
    check()
except ValueError as e:
    print("got", e)
