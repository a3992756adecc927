# generators: return values carried by StopIteration.value, and for loops ignoring them
def gen(n):
    for i in range(n):
        yield i
    return f"produced {n}"


g = gen(2)
print(next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("value:", e.value, "args:", e.args)

# once exhausted, StopIteration carries no value
try:
    next(g)
except StopIteration as e:
    print("again:", e.value, e.args)


def no_return():
    yield 1


g = no_return()
next(g)
try:
    next(g)
except StopIteration as e:
    print("implicit return:", e.value, e.args)


def return_tuple():
    yield
    return (1, 2)


g = return_tuple()
next(g)
try:
    next(g)
except StopIteration as e:
    print("tuple value:", e.value, e.args)

# a for loop swallows the return value
for x in gen(3):
    print("loop item", x)
print(list(gen(4)), sum(gen(5)))


# return inside try/finally in a generator
def with_finally():
    try:
        yield "a"
        return "from try"
    finally:
        print("finally runs before StopIteration")


g = with_finally()
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("value:", e.value)
