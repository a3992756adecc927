import random
random.seed(12345); print(random.random(), random.getrandbits(70), random.randrange(1000))
print(random.getstate()[1][:3], random.getstate()[1][-1])
r = random.Random(42)
print([r.randint(1, 6) for _ in range(10)])
print(r.choice("abcdef"), r.sample(range(100), 5), r.uniform(1, 2))
l = list(range(20)); r.shuffle(l); print(l)
print(r.choices("abc", k=5), r.choices("abc", weights=[1, 2, 3], k=5))
print(r.gauss(0, 1), r.gauss(0, 1), r.normalvariate(), r.expovariate(2.0))
print(r.gammavariate(2.5, 1.0), r.gammavariate(0.5, 1.0), r.betavariate(2, 3))
print(r.triangular(0, 10, 3), r.vonmisesvariate(1, 2), r.paretovariate(3), r.weibullvariate(1, 2))
print(r.lognormvariate(0, 1), r.randbytes(5))
r.seed("hello"); print(r.random())
r.seed(b"hello"); print(r.random())
r.seed(3.25); print(r.random())
r.seed(-7); print(r.random())
r.seed(2**100 + 17); print(r.random())
r.seed("abc", version=1); print(r.random())
s = r.getstate(); a = r.random(); r.setstate(s); print(a == r.random())
print(r.sample(range(10**6), 10))
print(r.sample(["a", "b", "c"], 2, counts=[3, 1, 2]))
for bad in [lambda: r.randrange(0), lambda: r.randrange(5, 5), lambda: r.randrange(1, 10, 0),
            lambda: r.choice([]), lambda: r.sample({1, 2}, 1), lambda: r.sample([1], 2),
            lambda: r.getrandbits(-1), lambda: r.seed([1]),
            lambda: r.choices([1, 2], [1]), lambda: r.gammavariate(0, 1), lambda: r.setstate((2, (), None))]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
class MyRandom(random.Random):
    def random(self):
        return 0.5
m = MyRandom(1)
print(m.randrange(100), m.choice("xyz"), m.randint(1, 10))
print(random.randrange(10, 100, 7), random.randint(-5, 5))
print(r.getrandbits(0), r.getrandbits(1), r.getrandbits(32), r.getrandbits(33), r.getrandbits(64), r.getrandbits(100))
