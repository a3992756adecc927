def f(x):
    def g():
        global x
        return x
    global x
