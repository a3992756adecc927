# An uncaught trapped decimal signal: DivisionByZero, with its list of conditions.
from decimal import Decimal


def ratio(a, b):
    return Decimal(a) / Decimal(b)


print(ratio(1, 4))
print(ratio(3, 0))
