# classes: @, /, //, %, ** and reflected ** on a vector class
class Vec:
    def __init__(self, *c):
        self.c = c

    def __repr__(self):
        return f"Vec{self.c}"

    def __add__(self, other):
        return Vec(*(x + y for x, y in zip(self.c, other.c)))

    def __matmul__(self, other):
        return sum(x * y for x, y in zip(self.c, other.c))

    def __truediv__(self, k):
        return Vec(*(x / k for x in self.c))

    def __floordiv__(self, k):
        return Vec(*(x // k for x in self.c))

    def __mod__(self, k):
        return Vec(*(x % k for x in self.c))

    def __pow__(self, k):
        return Vec(*(x ** k for x in self.c))

    def __rpow__(self, base):
        return Vec(*(base ** x for x in self.c))


v = Vec(1, 2, 3)
print(v + Vec(1, 1, 1), v @ v, v / 2, v // 2, v % 2, v ** 2, 2 ** v)
