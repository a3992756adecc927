# Contexts: getcontext/setcontext, localcontext, precision, flags and traps, the
# templates, Context methods and repr.
import decimal
from decimal import Decimal, Context, getcontext, setcontext, localcontext

ctx = getcontext()
print(ctx)
print(ctx.prec, ctx.rounding, ctx.Emin, ctx.Emax, ctx.capitals, ctx.clamp)
print(decimal.DefaultContext)
print(decimal.BasicContext)
print(decimal.ExtendedContext)
ctx.clear_flags()
x = Decimal(1) / 3
print(x, ctx.flags[decimal.Inexact], ctx.flags[decimal.Rounded], ctx.flags[decimal.DivisionByZero])
print(ctx)
ctx.clear_flags()

with localcontext() as c:
    c.prec = 6
    print(Decimal(2).sqrt(), Decimal(1) / 7, +Decimal("1.23456789"), Decimal("1.23456789"))
    print(c.prec, getcontext() is c)
print(getcontext().prec, Decimal(1) / 7)
with localcontext(prec=4, rounding=decimal.ROUND_DOWN) as c:
    print(Decimal(2) / 3, c.rounding)
with localcontext(Context(prec=3)) as c:
    print(Decimal("3.14159") * 1, c.prec)

c = Context(prec=5, rounding=decimal.ROUND_HALF_UP, traps=[], flags=[])
print(c)
print(c.create_decimal("3.14159265"), c.create_decimal(1.1), c.create_decimal("abc"), c.create_decimal_from_float(0.5))
print(c.add(1, 2), c.subtract(Decimal("1.5"), 1), c.multiply(3, Decimal("0.3333333")), c.divide(1, 3))
print(c.divide_int(7, 2), c.remainder(7, 2), c.power(2, 10), c.sqrt(2), c.quantize(Decimal("1.23456"), Decimal("0.01")))
print(c.compare(1, 2), c.max(1, 2), c.min(1, 2), c.abs(-3), c.minus(3), c.plus(Decimal("1.234567")), c.fma(2, 3, 4))
print(c.exp(1), c.ln(10), c.log10(2), c.normalize(Decimal("1.200")), c.to_integral_value(Decimal("2.5")))
print(c.to_sci_string(Decimal("1E+7")), c.to_eng_string(Decimal("1E+7")), c.divmod(7, 3))
print(c.divide(1, 0), c.divide(0, 0), c)
print(c.flags[decimal.DivisionByZero], c.flags[decimal.InvalidOperation])
print(c.Etiny(), c.Etop(), Context().Etiny())
d = c.copy()
d.prec = 10
print(c.prec, d.prec, d.flags[decimal.DivisionByZero])

old = getcontext()
setcontext(Context(prec=3))
print(Decimal(1) / 3, getcontext().prec)
setcontext(old)
print(Decimal(1) / 3)

e = Context(Emax=5, Emin=-5, prec=3, traps=[])
print(e.multiply(Decimal("9.99E+5"), 10), e.flags[decimal.Overflow])
print(e.divide(Decimal("1E-5"), 1000), e.flags[decimal.Underflow], e.flags[decimal.Subnormal])
print(e)
cl = Context(prec=3, Emax=5, clamp=1)
print(cl.create_decimal("1E+5"), cl.create_decimal("1.5E+4"))
caps = Context(capitals=0)
print(caps.to_sci_string(Decimal("1E+10")))
flags = getcontext().flags
print(flags[decimal.Clamped], decimal.Inexact in flags)
getcontext().traps[decimal.Inexact] = True
try:
    Decimal(1) / 3
except decimal.Inexact as err:
    print("trapped", repr(err))
getcontext().traps[decimal.Inexact] = False
print(Decimal(1) / 3)
