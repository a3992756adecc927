# functions: nonlocal across nested levels, late binding, recursive closures, reading an unbound free variable
def outer():
    x = "outer"

    def middle():
        def inner():
            nonlocal x
            x = "changed by inner"
        inner()
        return x
    before = x
    result = middle()
    return before, result, x


print(outer())


def accumulators():
    total = []

    def add(v):
        total.append(v)  # mutation needs no nonlocal
        return sum(total)
    return add


acc = accumulators()
print(acc(1), acc(2), acc(3))


def late():
    fns = []
    for i in range(3):
        fns.append(lambda: i)
    i = 99
    return [f() for f in fns]


print(late())


def fib_memo():
    memo = {0: 0, 1: 1}

    def fib(n):
        if n not in memo:
            memo[n] = fib(n - 1) + fib(n - 2)
        return memo[n]
    return fib


print(fib_memo()(80))


def unbound():
    def read():
        return value
    try:
        read()
    except NameError as e:
        print(type(e).__name__ + ":", e)
    value = 1
    return read()


print(unbound())
