# enumerate, zip, map and filter are lazy: they take each item when asked (infinite
# generators work, and side effects happen in order).
def naturals():
    n = 0
    while True:
        yield n
        n += 1
e = enumerate(naturals())
print(next(e), next(e))
z = zip(naturals(), "abc")
print(list(z))
m = map(lambda x: x * x, naturals())
print(next(m), next(m), next(m))
f = filter(lambda x: x % 3 == 0, naturals())
print(next(f), next(f), next(f))
log = []
def g(tag):
    for i in range(3):
        log.append((tag, i))
        yield i
for k, v in zip(g("a"), g("b")):
    break
print(log)
print(list(map(pow, [2, 3], [5, 2])))
print(list(filter(None, [0, 1, "", "x", None, [], [1]])))
print(list(enumerate("ab", start=5)), list(enumerate("ab", 2)))
print(list(zip()), list(zip([1, 2])))
it = enumerate([1, 2])
print(iter(it) is it)
try:
    next(map(lambda x: 1 / x, [0]))
except ZeroDivisionError as exc:
    print("ZeroDivisionError", exc)
