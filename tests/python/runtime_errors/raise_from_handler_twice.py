def f():
    raise KeyError("missing")
try:
    f()
except KeyError as e:
    err = e
raise err
