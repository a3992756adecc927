# The signals as exceptions: their hierarchy, trapped conditions with CPython's messages,
# and the TypeErrors and ValueErrors of the module.
import decimal
from decimal import Decimal, Context, localcontext

for name in ["DecimalException", "Clamped", "InvalidOperation", "ConversionSyntax", "DivisionByZero",
             "DivisionImpossible", "DivisionUndefined", "Inexact", "InvalidContext", "Rounded",
             "Subnormal", "Overflow", "Underflow", "FloatOperation"]:
    cls = getattr(decimal, name)
    print(cls, [b.__name__ for b in cls.__bases__], issubclass(cls, ArithmeticError))
print(issubclass(decimal.DivisionByZero, ZeroDivisionError), issubclass(decimal.FloatOperation, TypeError))


def attempt(f):
    try:
        print(f())
    except Exception as err:
        print(type(err).__name__, err)


attempt(lambda: Decimal("1.2.3"))
attempt(lambda: Decimal(1) / 0)
attempt(lambda: Decimal(0) / 0)
attempt(lambda: Decimal(1) // 0)
attempt(lambda: Decimal(1) % 0)
attempt(lambda: Decimal("Infinity") - Decimal("Infinity"))
attempt(lambda: Decimal(-1).sqrt())
attempt(lambda: Decimal(-1).ln())
attempt(lambda: Decimal("sNaN") + 1)
attempt(lambda: Decimal("NaN") < 1)
attempt(lambda: Decimal("1E+999999") * 10)
attempt(lambda: Decimal(10) ** 1000000)
attempt(lambda: Decimal("1.5") + 1.5)
attempt(lambda: 1.5 * Decimal(2))
attempt(lambda: Decimal(1) + "1")
attempt(lambda: Decimal([1, 2]))
attempt(lambda: Decimal((2, (1,), 0)))
attempt(lambda: Decimal((0, (1, 10), 0)))
attempt(lambda: Decimal((0, (1,), "x")))
attempt(lambda: Decimal({}))
attempt(lambda: Decimal(1).quantize(Decimal("1E-30")))
attempt(lambda: Decimal(1).quantize(1.5))
attempt(lambda: int(Decimal("NaN")))
attempt(lambda: int(Decimal("-Infinity")))
attempt(lambda: Decimal("Infinity").as_integer_ratio())
attempt(lambda: round(Decimal("NaN")))
attempt(lambda: hash(Decimal("sNaN")))
attempt(lambda: float(Decimal("sNaN")))
attempt(lambda: format(Decimal(1), "x"))
attempt(lambda: Context(prec=0))
attempt(lambda: Context(rounding="ROUND_SIDEWAYS"))
attempt(lambda: Decimal(10) ** Decimal("0.5") + 1)
with localcontext() as ctx:
    ctx.traps[decimal.FloatOperation] = True
    attempt(lambda: Decimal(1.5))
    attempt(lambda: Decimal(1) < 1.5)
    attempt(lambda: Decimal(1) == 1.5)
with localcontext() as ctx:
    ctx.traps[decimal.DivisionByZero] = False
    ctx.traps[decimal.InvalidOperation] = False
    print(Decimal(1) / 0, Decimal(-1) / 0, Decimal(0) / 0, Decimal("abc"), Decimal(-4).sqrt())
    print(ctx.flags[decimal.DivisionByZero], ctx.flags[decimal.InvalidOperation])
try:
    Decimal(5) / 0
except ZeroDivisionError as err:
    print("caught as ZeroDivisionError:", err.args)
try:
    Decimal("x")
except decimal.DecimalException as err:
    print("caught as DecimalException:", type(err).__name__, err.args[0][0].__name__)
