# functions: lambdas created in loops and comprehensions capture variables, not values
funcs = [lambda: i for i in range(4)]
print([f() for f in funcs])

funcs = [lambda i=i: i for i in range(4)]
print([f() for f in funcs])

funcs = [(lambda j: lambda: j)(i) for i in range(4)]
print([f() for f in funcs])

adders = {n: (lambda x, n=n: x + n) for n in (1, 10, 100)}
print({k: f(1) for k, f in adders.items()})

ops = []
for name in ["a", "b"]:
    for k in [1, 2]:
        ops.append(lambda: name * k)
print([op() for op in ops])

gens = [(lambda: x * 2) for x in "ab"]
x = "outer x is not used"
print([g() for g in gens])

# a generator expression sees the latest value at iteration time
base = 1
g = (base + v for v in range(3))
base = 100
print(list(g))

print(sorted(["bb", "a", "ccc"], key=lambda s: -len(s)))
print(list(map(lambda a, b: a * b, [1, 2, 3], [4, 5, 6])))
print(list(filter(lambda v: v % 3 == 0, range(10))))
print((lambda *a, **k: (a, k))(1, 2, z=3), (lambda: "no args")())
print((lambda n: n if n < 2 else "big")(5), (lambda: None).__name__)
