# A default before `/` makes every later positional parameter need one.
print("not run")


def f(a=1, /, b):
    return a
