# generators: infinite generators stopped by hand (islice-like helpers without itertools)
def naturals(start=0):
    n = start
    while True:
        yield n
        n += 1


def take(n, it):
    it = iter(it)
    out = []
    for _ in range(n):
        try:
            out.append(next(it))
        except StopIteration:
            break
    return out


def islice(it, start, stop, step=1):
    i = 0
    for item in it:
        if i >= stop:
            return
        if i >= start and (i - start) % step == 0:
            yield item
        i += 1


def takewhile(pred, it):
    for item in it:
        if not pred(item):
            return
        yield item


def cycle(items):
    while True:
        yield from items


def primes():
    found = []
    for n in naturals(2):
        if all(n % p for p in found):
            found.append(n)
            yield n


print(take(5, naturals()))
print(list(islice(naturals(10), 2, 12, 3)))
print(list(takewhile(lambda x: x * x < 50, naturals())))
print(take(7, cycle("abc")))
print(take(10, primes()))
print(take(3, [1]))


def collatz(n):
    while True:
        yield n
        if n == 1:
            return
        n = n // 2 if n % 2 == 0 else 3 * n + 1


print(list(collatz(6)), len(list(collatz(27))))

# zip stops at the shortest, so an infinite generator can be zipped
print(list(zip("xyz", naturals(1))))
gen = naturals()
for value in gen:
    if value > 3:
        break
print("resumes after break at", next(gen))
