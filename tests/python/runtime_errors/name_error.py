def f():
    return undefined_variable
f()
