# classes: binary operators with reflected versions (__radd__, __rmul__, __rsub__), NotImplemented fallbacks
class Money:
    def __init__(self, cents):
        self.cents = cents

    def __repr__(self):
        return f"Money({self.cents})"

    def __add__(self, other):
        print("  Money.__add__")
        if isinstance(other, Money):
            return Money(self.cents + other.cents)
        if isinstance(other, int):
            return Money(self.cents + other)
        return NotImplemented

    def __radd__(self, other):
        print("  Money.__radd__")
        if other == 0:
            return self
        return self.__add__(other)

    def __mul__(self, k):
        if isinstance(k, int):
            return Money(self.cents * k)
        return NotImplemented

    __rmul__ = __mul__

    def __rsub__(self, other):
        return Money(other - self.cents)

    def __neg__(self):
        return Money(-self.cents)


a, b = Money(100), Money(250)
print(a + b)
print(5 + a)
print(sum([a, b, Money(1)]))
print(3 * a, a * 2, 1000 - b, -a)
try:
    a + "x"
except TypeError as e:
    print("TypeError:", e)
try:
    a - 5
except TypeError as e:
    print("TypeError:", e)
