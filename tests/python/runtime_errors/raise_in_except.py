try:
    x = 1 / 0
except ZeroDivisionError:
    pass
raise RuntimeError("after handling")
