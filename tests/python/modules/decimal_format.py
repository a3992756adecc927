# format() of decimals: the types e, E, f, F, g, G, n and %, precision, width, fill and
# alignment, signs, grouping, and the rounding mode of the context.
from decimal import Decimal, localcontext, ROUND_DOWN

values = ["0", "-0", "1", "-1.5", "3.14159", "1234567.891", "0.000012345", "1E+10", "-1.5E-10",
          "100", "0.5", "2.675", "Infinity", "-Infinity", "NaN", "123456789012345678901234567890"]
specs = ["", "f", ".2f", ".0f", "e", ".3e", "E", "g", ".3g", "G", "%", ".1%", ",", ",.2f",
         "15.4f", "<15", ">15.2f", "^15.3e", "=+15.2f", "015.3f", "+", " .2f", "015,.2f", "0=15,.2f", "010n",
         "*^20,.2f", ".10g", "n", "z.1f"]
for v in values:
    d = Decimal(v)
    print(v, [format(d, s) for s in specs])
for s in ["#.0f", "_.3f", ",n", "x", ".2q", "10.2.3f"]:
    try:
        format(Decimal("1.5"), s)
    except ValueError as err:
        print(repr(s), err)
print("{:,.2f} | {:>10} | {:.3e}".format(Decimal("1234.5"), Decimal("-7.25"), Decimal("0.000123")))
print(f"{Decimal('2.5'):.0f} {Decimal('3.5'):.0f} {Decimal('-0.001'):.2f} {Decimal('9.999'):.2f}")
with localcontext() as ctx:
    ctx.rounding = ROUND_DOWN
    print(format(Decimal("2.679"), ".2f"), format(Decimal("-2.679"), ".1e"))
