def make_counter():
    count = 0
    def inc(by=1):
        nonlocal count
        count += by
        return count
    return inc
c = make_counter()
print(c(), c(), c(5))
c2 = make_counter()
print(c2(), c())
def make_adders():
    return [lambda x, n=n: x + n for n in range(3)]
print([f(1) for f in make_adders()])
def outer():
    x = "outer"
    def middle():
        def inner():
            return x
        return inner()
    return middle()
print(outer())
def late():
    fs = []
    for i in range(3):
        fs.append(lambda: i)
    return [f() for f in fs]
print(late())
