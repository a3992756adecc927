# comprehensions: their own scope, the outermost iterable evaluated outside, nesting, class bodies
x = "global"
result = [x for x in range(3)]
print(result, x)

values = [1, 2, 3]
squares = {v: v * v for v in values}
print(squares, sorted({v % 2 for v in values}))

matrix = [[r * 3 + c for c in range(3)] for r in range(3)]
print(matrix)
print([[row[i] for row in matrix] for i in range(3)])
print([y for row in matrix if row[0] > 0 for y in row if y % 2])


def make():
    n = 10
    return [n + i for i in range(3)], (lambda: [n * i for i in range(2)])()


print(make())


class Config:
    names = ["a", "b"]
    upper = [s.upper() for s in names]  # the outermost iterable sees the class scope
    try:
        pairs = [(s, t) for s in names for t in names if t != s]
        print("pairs", pairs)
    except NameError as e:
        print("NameError:", e)


print(Config.upper)


def counter():
    count = 0

    def bump():
        nonlocal count
        count += 1
        return count
    return [bump() for _ in range(4)], count


print(counter())
gen = [i for i in range(5)]
print(gen[::-1], [c * 2 for c in "ab"], [i for i in []])
print({k: [j for j in range(k)] for k in range(4)})
