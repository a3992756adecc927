# globals(), locals(), vars() and dir() without arguments, in modules, functions, classes
counter = 0
print(globals()["counter"], "counter" in globals(), globals() is globals(), type(globals()).__name__)
globals()["injected"] = 42
print(injected)
print([n for n in dir() if not n.startswith("__")])
print(locals() is globals(), vars() is globals())

def function(a, b=2, *args, **kwargs):
    c = a + b
    def inner():
        return c + a
    print(sorted(locals()), locals()["a"], locals()["c"], locals()["args"], locals()["kwargs"])
    print(dir())
    d = 4
    print(sorted(vars()), "d" in locals())
    return inner

function(1)
function(1, 3, 5, k=6)

def closure():
    x = 10
    def read():
        print(sorted(locals()), locals())
        return x
    return read

closure()()
print([sorted(locals()) for _ in range(1)])

class Namespace:
    first = 1
    second = first + 1
    names = sorted(n for n in locals() if not n.startswith("__"))
    print(names, locals()["second"], "__module__" in locals(), "__qualname__" in locals())

def modify():
    local = 1
    locals()["local"] = 2
    return local

print(modify())
for fn in (globals, locals, vars, dir):
    try:
        fn(1, 2)
    except TypeError as e:
        print(type(e).__name__)
