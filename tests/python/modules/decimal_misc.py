# Decimal subclasses, math functions and f-strings on decimals, in-place operators, the
# flags and traps dictionaries, and Context's argument errors.
import decimal, math
from decimal import Decimal, Context, localcontext
class D(Decimal):
    pass
d = D("1.5")
print(type(d).__name__, repr(d), type(d + 1).__name__, isinstance(d, Decimal), type(-d).__name__)
print(math.sqrt(Decimal(2)), math.floor(Decimal("1.5")), f"{Decimal('1.50')}", f"{Decimal('1.5')!r}")
print(decimal.getcontext().flags)
print(decimal.getcontext().traps)
print(Decimal("1e5"), Decimal("-1E-7"), Decimal("123456789e-20"), Decimal(-0.0), Decimal("0e-1000"))
print(Decimal(3).__class__, Decimal, Context, decimal.DecimalTuple)
print(Decimal("12.5") // Decimal("0.3"), Decimal("12.5") % Decimal("0.3"), -Decimal("0"), Decimal("-0") + Decimal("0"))
x = Decimal(1)
x += 2
x *= Decimal("1.5")
print(x, x ** 2, abs(-x), x.sqrt(), x.ln())
print(Decimal("1.23456789012345678901234567890123") + 0, Decimal(1).exp() ** 2)
with localcontext() as c:
    c.prec = 3
    print(Decimal(12345) + 0, Decimal("0.0001234567") * 1, c.create_decimal("1234567"))
print(decimal.Decimal("3.0") == 3, 3 == decimal.Decimal("3.0"), Decimal(3) != 3, hash(Decimal("3.0")) == hash(3))
print(list(map(str, [Decimal(1) / Decimal(x) for x in range(1, 8)])))
print(Decimal(2) ** 0.5 if False else "skip", Decimal("7") / Decimal("0.001"))
print(repr(Decimal("NaN").as_tuple()), Decimal("-sNaN12").is_snan(), str(Decimal("-sNaN12")))
try:
    Decimal("NaN") < Decimal(1)
except decimal.InvalidOperation as e:
    print("InvalidOperation", e)
try:
    Context().prec = "x"
except TypeError as e:
    print("TypeError", e)
try:
    Context().unknown = 1
except AttributeError as e:
    print("AttributeError", e)
print(Context(prec=10, Emax=99, Emin=-99, capitals=0, clamp=1, flags=[decimal.Inexact], traps=[decimal.Overflow]))
try:
    Context(traps={decimal.Overflow: True})
except KeyError as e:
    print("KeyError", e)
