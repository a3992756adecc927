# list.sort/sorted as CPython's timsort: the same comparisons in the same order (counted and
# hashed), the same results for NaNs and sets (no total order), the same state after a
# failing comparison, with and without reverse
state = 99
def rnd(n):
    global state
    state = (state * 1103515245 + 12345) % 2 ** 31
    return state % n
log = []
class C:
    def __init__(self, v, tag): self.v = v; self.tag = tag
    def __lt__(self, o):
        log.append((self.tag, o.tag))
        return self.v < o.v
    def __repr__(self): return f"{self.v}{self.tag}"
for size in [0, 1, 2, 3, 5, 10, 31, 64, 65, 150]:
    for kind in range(5):
        if kind == 0: data = [rnd(size + 1) for _ in range(size)]
        elif kind == 1: data = [rnd(4) for _ in range(size)]
        elif kind == 2: data = list(range(size)) + [rnd(size + 1) for _ in range(size // 5)]
        elif kind == 3: data = list(range(size, 0, -1)) + list(range(size // 2)) + list(range(size, 0, -1))
        else:
            data = []
            for _ in range(size):
                r = rnd(10)
                data.append(float('nan') if r == 0 else float(rnd(50)))
        objs = [C(v, i) for i, v in enumerate(data)]
        log.clear()
        s1 = sorted(objs)
        n1 = len(log); h1 = hash(tuple(log))
        log.clear()
        s2 = sorted(objs, reverse=True)
        n2 = len(log); h2 = hash(tuple(log))
        print(size, kind, n1, n2, h1 % 100000, h2 % 100000, hash(tuple(x.tag for x in s1)) % 100000, hash(tuple(x.tag for x in s2)) % 100000)
sets = [{rnd(5) for _ in range(rnd(4))} for _ in range(80)]
print(sorted(sets)[:20])
print(sorted([float('nan'), 1, 0, float('nan'), -1]))
class Boom:
    def __init__(self, v): self.v = v
    def __lt__(self, o):
        if self.v == 13 or o.v == 13: raise ValueError("boom")
        return self.v < o.v
    def __repr__(self): return str(self.v)
for n in [20, 100]:
    l = [Boom((i * 37) % n) for i in range(n)]
    try:
        l.sort()
    except ValueError as e:
        print("ValueError", e, l)
    l = [Boom((i * 37) % n) for i in range(n)]
    try:
        l.sort(reverse=True)
    except ValueError as e:
        print("ValueError", e, l)
# An inconsistent "<" (random answers): every item kept, placed as CPython places it.
class R:
    def __init__(self, v): self.v = v
    def __lt__(self, o):
        return rnd(3) == 0
total = 0
for size in list(range(0, 40)) + [70, 130, 300]:
    l = [R(i) for i in range(size)]
    l.sort()
    assert sorted(x.v for x in l) == list(range(size))
    total += sum(x.v * i for i, x in enumerate(l)) % 1000
    l.sort(reverse=True)
    total += sum(x.v * i for i, x in enumerate(l)) % 1000
print(total)
