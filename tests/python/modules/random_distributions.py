# random: the distributions, seeds of every type, states, subclasses, many draws.
import random


def mean(xs):
    return sum(xs) / len(xs)


rng = random.Random(2024)
for name, draw in [
    ("random", lambda: rng.random()),
    ("uniform", lambda: rng.uniform(-3, 5)),
    ("gauss", lambda: rng.gauss(10, 2)),
    ("normal", lambda: rng.normalvariate(10, 2)),
    ("lognormal", lambda: rng.lognormvariate(0, 0.5)),
    ("expo", lambda: rng.expovariate(0.25)),
    ("gamma>1", lambda: rng.gammavariate(3.5, 2.0)),
    ("gamma=1", lambda: rng.gammavariate(1.0, 2.0)),
    ("gamma<1", lambda: rng.gammavariate(0.3, 2.0)),
    ("beta", lambda: rng.betavariate(2, 5)),
    ("pareto", lambda: rng.paretovariate(2.5)),
    ("weibull", lambda: rng.weibullvariate(2, 1.5)),
    ("vonmises", lambda: rng.vonmisesvariate(1.0, 4.0)),
    ("vonmises0", lambda: rng.vonmisesvariate(1.0, 0.0)),
    ("triangular", lambda: rng.triangular(1, 7, 2)),
    ("triangular_flat", lambda: rng.triangular(3, 3)),
]:
    xs = [draw() for _ in range(2000)]
    print(name, round(mean(xs), 6), min(xs), max(xs))

# Integers: ranges of every shape, huge bounds, bits.
print([rng.randrange(7) for _ in range(12)])
print([rng.randrange(-50, 50, 9) for _ in range(8)])
print([rng.randrange(100, 0, -13) for _ in range(8)])
print(rng.randrange(10 ** 30), rng.randint(-(2 ** 70), 2 ** 70))
print([rng.getrandbits(k) for k in (1, 7, 31, 32, 33, 63, 64, 65, 127, 128, 129)])
print(rng.randbytes(0), rng.randbytes(9))
counts = {}
for _ in range(6000):
    face = rng.randint(1, 6)
    counts[face] = counts.get(face, 0) + 1
print(sorted(counts.items()))

# Sequences.
deck = [r + s for r in "A23456789TJQK" for s in "shdc"]
rng.shuffle(deck)
print(deck[:13])
print(rng.sample(deck, 5), rng.sample(tuple(range(30)), 30)[:10])
print(rng.sample("abcdefgh", 3), rng.sample(range(10 ** 9), 3))
print(rng.sample(range(100), 25))  # the pool path
print(rng.sample(range(1000), 60)[:8])  # the set path
print(rng.choices(range(10), cum_weights=[1, 1, 1, 2, 5, 8, 8, 9, 9, 10], k=12))
print(rng.choices("xyz", [0.2, 0.3, 0.5], k=8))
print(rng.sample(["red", "blue"], counts=[4, 2], k=5))

# Seeds of every type give CPython's sequences.
for seed in [0, 1, -1, 2 ** 32, 2 ** 64 + 1, 10 ** 40, True, 0.5, -2.75, 1e300,
             "", "jitpy", "\u00e9\u4e2d", b"", b"\x00\xff", bytearray(b"seed")]:
    r = random.Random(seed)
    print(repr(seed), r.random(), r.randrange(1000))
r = random.Random()
r.seed("text", version=1)
print(r.random())
r.seed(b"text", version=1)
print(r.random())
r.seed(None)
print(0 <= r.random() < 1)

# States: a copy resumes the same sequence, gauss_next included.
r = random.Random(99)
r.gauss()
state = r.getstate()
print(state[0], len(state[1]), state[1][-1], state[2] is not None)
first = [r.random() for _ in range(700)] + [r.gauss()]
r.setstate(state)
print(first == [r.random() for _ in range(700)] + [r.gauss()])
r2 = random.Random()
r2.setstate((2, tuple(x - 2 ** 32 if x >= 2 ** 31 else x for x in state[1]), None))
r.setstate(state)
print(r2.random() == r.random())
for bad in [(3, (1, 2), None), (3, tuple([0] * 624 + [625]), None), (3, tuple([2 ** 32] * 625), None),
            (3, tuple(["x"] * 625), None), (4, (), None)]:
    try:
        r.setstate(bad)
    except Exception as e:
        print(type(e).__name__, e)

# Subclasses: one overriding random() draws integers from it; one overriding getrandbits.
class Fixed(random.Random):
    def __init__(self, values):
        self.values = values
        super().__init__(0)

    def random(self):
        value = self.values[0]
        self.values = self.values[1:] + [value]
        return value


f = Fixed([0.1, 0.9, 0.5])
print([f.randrange(10) for _ in range(6)], f.choice("abcd"), f.uniform(0, 10))


class Counting(random.Random):
    calls = 0

    def getrandbits(self, k):
        Counting.calls += 1
        return super().getrandbits(k)


c = Counting(5)
print([c.randrange(1000) for _ in range(5)], Counting.calls > 0)
print(random.Random.VERSION, isinstance(c, random.Random))

# The module functions share one generator.
random.seed(7)
a = (random.random(), random.choice([1, 2, 3]), random.sample(range(5), 2))
random.seed(7)
print(a == (random.random(), random.choice([1, 2, 3]), random.sample(range(5), 2)), a)
