def add(a, b):
    return a + b
def greet(name, greeting="Hello", punct="!"):
    return greeting + ", " + name + punct
def varargs(*args, **kwargs):
    return args, kwargs
def kwonly(a, *, b, c=3):
    return a + b + c
def noreturn():
    pass
print(add(1, 2), add("a", "b"), greet("Bob"), greet("Al", "Hi"), greet("X", punct="?"))
print(varargs(1, 2, x=3), varargs(), kwonly(1, b=2), kwonly(1, b=2, c=10), noreturn())
args = [1, 2]
kw = {"greeting": "Yo"}
print(add(*args), greet("Z", **kw), varargs(*args, *args, **kw))
f = add
print(f(10, 20), f.__name__, callable(f), callable(3))
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(fact(20), fact(25))
