# generator expressions: laziness, single use, scoping of the first iterable, nesting
log = []


def source(n):
    for i in range(n):
        log.append(f"produce {i}")
        yield i


ge = (x * 10 for x in source(3))
print("created, log:", log)
print(next(ge), log)
print(list(ge), log)
print("second use is empty:", list(ge))

# the first iterable is evaluated immediately, the rest lazily
def first():
    print("first iterable evaluated")
    return [1, 2]


g = (a + b for a in first() for b in [10, 20])
print("before iterating")
print(list(g))

try:
    g = (x for x in 5)
except TypeError as e:
    print("TypeError at creation:", e)

# nested generator expressions and conditions
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print(list(sum(row) for row in matrix))
print(list(x for row in matrix for x in row if x % 2 == 0))
print(list((i, j) for i in range(3) for j in range(i)))
print(sorted((x % 3 for x in range(10)), reverse=True))
print(any(x > 8 for x in range(10)), all(x < 5 for x in range(10)))
print(dict((k, len(k)) for k in ["aa", "b", "cccc"]))
print("-".join(c.upper() for c in "abc"))

# loop variables do not leak
x = "outer"
print(list(x for x in range(3)), x)

# a generator expression can be passed to a function
print(max((len(w), w) for w in "the quick brown fox".split()))
print(type(x for x in []).__name__)
