# comparisons: chained comparisons evaluate each operand once, left to right, short-circuiting
log = []


def v(x):
    log.append(x)
    return x


print(v(1) < v(2) < v(3), log)
log.clear()
print(v(1) < v(0) < v(3), log)
log.clear()
print(v(5) > v(3) >= v(3) != v(4), log)
log.clear()
print(v(1) == v(1) is not v(None), log)
log.clear()
print(v(2) in v([1, 2]) not in v([[1, 2]]), log)
log.clear()

x = 5
print(0 < x < 10, 0 < x > 10, 1 < 2 > 1.5 == 1.5)
print([n for n in range(20) if 3 <= n < 7 or 15 < n <= 17])


class Loud:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        print(f"  {self.v} < {other.v}")
        return self.v < other.v


print(Loud(1) < Loud(2) < Loud(3))
print(Loud(3) < Loud(2) < Loud(1))


class NonBool:
    def __lt__(self, other):
        return "first result"


print(NonBool() < 1, 1 < 2 < len(NonBool.__name__))
a = b = [1]
print(a is b is not None, a == b == [1], [] == [] is not [])
print(1 < 2 == 2 > 1 != 0)
