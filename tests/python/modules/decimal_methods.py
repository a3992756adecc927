# Decimal methods: sqrt/exp/ln/log10, quantize, normalize, integral values, predicates,
# copies, compare/max/min, fma, scaleb, three-argument pow, next_plus/next_minus, logb.
from decimal import Decimal, localcontext, ROUND_DOWN, ROUND_UP, ROUND_HALF_UP, ROUND_CEILING, ROUND_FLOOR
import decimal

for x in ["2", "100", "0.25", "1E-10", "12345678901234567890", "0", "-0", "Infinity", "0.0001", "7E+1"]:
    print(x, Decimal(x).sqrt())
for x in ["1", "0", "-1", "2.5", "100", "-100", "1E-20", "Infinity", "-Infinity"]:
    print(x, Decimal(x).exp())
for x in ["1", "2", "10", "0.5", "1E+100", "1.0000001", "Infinity", "0"]:
    print(x, Decimal(x).ln(), Decimal(x).log10())
print(Decimal(1000).log10(), Decimal("0.001").log10(), Decimal("1E+50").log10())
with localcontext() as ctx:
    ctx.prec = 50
    print(Decimal(2).sqrt(), Decimal(1).exp(), Decimal(3).ln(), Decimal(7).log10())

d = Decimal("7.32551")
for e in ["0.01", "1", "1E+1", "0.0000001"]:
    print(d.quantize(Decimal(e)), d.quantize(Decimal(e), rounding=ROUND_DOWN), d.quantize(Decimal(e), ROUND_UP))
print(Decimal("-2.5").quantize(Decimal(1)), Decimal("2.5").quantize(Decimal(1), ROUND_HALF_UP))
print(Decimal("120.00").normalize(), Decimal("0.000").normalize(), Decimal("-1E+3").normalize(), Decimal("5.5000").normalize())
print(Decimal("2.7").to_integral_value(), Decimal("-2.5").to_integral_value(), Decimal("2.5").to_integral(rounding=ROUND_CEILING),
      Decimal("-2.1").to_integral_value(ROUND_FLOOR), Decimal("1E+3").to_integral_value(), Decimal("3.9").to_integral_exact())
for x in ["1", "-0", "0", "NaN", "sNaN", "Infinity", "-Infinity", "1E-999999", "1E-1000005"]:
    d = Decimal(x)
    print(x, d.is_nan(), d.is_snan(), d.is_qnan(), d.is_zero(), d.is_signed(), d.is_finite(), d.is_infinite(),
          d.is_normal(), d.is_subnormal(), d.is_canonical())
print(Decimal("-3").copy_abs(), Decimal("3").copy_negate(), Decimal("3").copy_sign(Decimal("-0")), Decimal("-3").copy_sign(1))
print(Decimal(1).compare(2), Decimal(2).compare(Decimal("2.0")), Decimal(3).compare(1), Decimal("NaN").compare(1))
print(Decimal(1).max(2), Decimal(1).min(2), Decimal("NaN").max(3), Decimal(-5).max_mag(3), Decimal(-5).min_mag(3),
      Decimal("2.0").max(Decimal(2)), Decimal("2.0").min(Decimal(2)))
print(Decimal(2).fma(3, 5), Decimal("1.5").fma(Decimal(2), Decimal("-0.5")))
print(Decimal("1.23").scaleb(2), Decimal(5).scaleb(-3), Decimal("7.5").remainder_near(2), Decimal(10).remainder_near(3))
print(Decimal("1E+5").to_eng_string(), Decimal("1.23E-7").to_eng_string(), Decimal("123E+7").to_eng_string(), Decimal("0E+1").to_eng_string())
print(Decimal("1.5").same_quantum(Decimal("2.5")), Decimal("1.5").same_quantum(2), Decimal("NaN").same_quantum(Decimal("sNaN")),
      Decimal("Inf").same_quantum(Decimal("-Inf")), Decimal(3).radix())
print([Decimal(x).number_class() for x in ["1", "-1", "0", "-0", "1E-1000000", "Inf", "-Inf", "NaN", "sNaN"]])
print(Decimal(1).compare_signal(2), Decimal(2).compare_signal(Decimal("2.00")))
print(pow(Decimal(3), 4, 5), pow(Decimal(-3), 3, 5), pow(Decimal(2), 100, 1000), decimal.getcontext().power(7, 2, 10))
try:
    pow(Decimal("1.5"), 2, 5)
except decimal.InvalidOperation as err:
    print("InvalidOperation", err)

# next_plus, next_minus and logb.
for x in ["1", "-1", "0", "-0", "1E-999999", "9.999999999999999999999999999E+999999", "Infinity", "-Infinity", "NaN", "123.456", "1E+5"]:
    d = Decimal(x)
    print(x, d.next_plus(), d.next_minus(), d.logb() if not d.is_zero() else "zero")
c2 = decimal.Context(prec=5, traps=[])
print(c2.next_plus(Decimal("1.23456789")), c2.next_minus(1), c2.logb(Decimal("12345")), c2.logb(0), c2)
try:
    Decimal(0).logb()
except decimal.DivisionByZero as e:
    print("DivisionByZero", e)
print(decimal.getcontext())
