# Decimal values: construction, str/repr, arithmetic, comparisons, hashing, conversions.
from decimal import Decimal, getcontext
import decimal

for text in ["0", "-0", "1.10", "1e10", "1E+10", "-1.23E-8", "0.000001", "0.0000001",
             "123.456e3", "  42  ", "1_000.5", "Inf", "-infinity", "nan", "-NaN123",
             "sNaN", "0E-7", "0E+2", "100E-2", ".5", "5.", "+7"]:
    d = Decimal(text)
    print(repr(d), str(d), d.to_eng_string())

for value in [0, 7, -12345678901234567890123456789, True, 0.1, -2.5, 1e300, 5e-324,
              float("inf"), float("-inf"), -0.0]:
    print(repr(Decimal(value)))
print(Decimal.from_float(0.25), Decimal(Decimal("3.14")), Decimal((1, (3, 1, 4), -2)),
      Decimal((0, (), "F")), Decimal((0, (1, 2), "n")), Decimal([0, [5], 3]))

a, b = Decimal("12.345"), Decimal("-0.67")
print(a + b, a - b, a * b, a / b, a // b, a % b, divmod(a, b), a ** 2, -a, +b, abs(b))
print(a + 1, 2 - a, 3 * b, 1 / Decimal(8), 7 // Decimal(2), 7 % Decimal("2.5"), 2 ** Decimal(10))
print(Decimal(-7) // 2, Decimal(-7) % 2, Decimal(7) // -2, Decimal(7) % -2, divmod(Decimal(-7), 3))
print(Decimal(1) / 3, Decimal(2) / 3, Decimal(10) / 4, Decimal(100) / Decimal("1E-2"))
print(Decimal("1.00") * Decimal("2.000"), Decimal("1.30") + Decimal("1.2"), Decimal("5.0") - Decimal("5.00"))
print(Decimal(2) ** Decimal("0.5"), Decimal("1.5") ** 3, Decimal(2) ** -2, Decimal(10) ** 30, Decimal(-2) ** 3)
print(Decimal("0.0") ** 2, Decimal(0) ** 5, Decimal(3) ** 0, Decimal("Infinity") ** -1)

print(Decimal(1) == 1, Decimal("1.0") == 1, Decimal("0.5") == 0.5, Decimal(2) < 3, Decimal(2) >= 2.5,
      Decimal("NaN") == Decimal("NaN"), Decimal("NaN") != 1, 3 > Decimal(2), 1.5 < Decimal(2))
print(sorted([Decimal("3.1"), 2, Decimal("-1"), 2.5, Decimal("2.50")]))
print(max(Decimal(1), Decimal("1.5")), min([Decimal(4), Decimal("-4")]))
print(hash(Decimal(1)) == hash(1), hash(Decimal("0.5")) == hash(0.5), hash(Decimal("1.50")) == hash(1.5),
      hash(Decimal(-1)), hash(Decimal("Infinity")), hash(Decimal("-12345678901234567890")) == hash(-12345678901234567890))
print({Decimal("1.0"): "a", 1: "b"}, len({Decimal(2), 2, 2.0}))

print(int(Decimal("-3.99")), int(Decimal("1E+20")), float(Decimal("0.1")), float(Decimal("-Inf")),
      bool(Decimal(0)), bool(Decimal("0.001")), round(Decimal("2.5")), round(Decimal("3.5")),
      round(Decimal("-2.567"), 2), round(Decimal("1234"), -2))
import math
print(math.floor(Decimal("-2.5")), math.ceil(Decimal("2.1")), math.trunc(Decimal("-2.9")))
print(Decimal("3.14").as_integer_ratio(), Decimal("-0.75").as_integer_ratio(), Decimal(12).as_integer_ratio())
print(Decimal("123.45").as_tuple(), Decimal("-0").as_tuple(), Decimal("Inf").as_tuple(), Decimal("NaN5").as_tuple())
t = Decimal("-1.5").as_tuple()
print(t.sign, t.digits, t.exponent, isinstance(t, tuple))
print(Decimal("123.456").adjusted(), Decimal("0.001").adjusted(), Decimal(0).adjusted())
print(sum([Decimal("0.1")] * 10), sum([Decimal("0.1")] * 10) == 1)
print(Decimal(5).real, Decimal(5).imag, Decimal(5).conjugate())
