# generators: a lazy pipeline of generator stages; each value flows through all stages in turn
log = []


def numbers(n):
    for i in range(1, n + 1):
        log.append(f"gen {i}")
        yield i


def squares(src):
    for x in src:
        log.append(f"square {x}")
        yield x * x


def evens(src):
    for x in src:
        if x % 2 == 0:
            log.append(f"keep {x}")
            yield x


def running_total(src):
    total = 0
    for x in src:
        total += x
        yield total


pipeline = running_total(evens(squares(numbers(6))))
print("nothing ran yet:", log)
print(next(pipeline))
print(log)
log.clear()
print(list(pipeline))
print(log)


def batched(src, size):
    batch = []
    for item in src:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


print(list(batched(range(7), 3)))
words = (w.strip(".,").lower() for w in "The cat, the dog. The END.".split())
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
print(counts)
