# decorators: wrappers keeping state in closures (call counters, caches, call limits) via nonlocal
def counted(fn):
    calls = 0

    def wrapper(*args):
        nonlocal calls
        calls += 1
        print(f"  {fn.__name__} call {calls}")
        return fn(*args)
    return wrapper


def memoize(fn):
    cache = {}

    def wrapper(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    return wrapper


def at_most(limit):
    def decorate(fn):
        remaining = limit

        def wrapper(*args):
            nonlocal remaining
            if remaining == 0:
                raise RuntimeError(f"{fn.__name__} called too often")
            remaining -= 1
            return fn(*args)
        return wrapper
    return decorate


@counted
def add(a, b):
    return a + b


print(add(1, 2), add(3, 4))


@memoize
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(90))


@at_most(2)
def ping():
    return "pong"


for _ in range(3):
    try:
        print(ping())
    except RuntimeError as e:
        print("RuntimeError:", e)


@counted
@memoize
def square(n):
    return n * n


print(square(3), square(3), square(4))
